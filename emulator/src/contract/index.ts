/** The contract, all faces: one list, looked up by route or by id. */
import type { ContractEntry } from './types';
import { wechatMiniprogramEntries } from './wechat-miniprogram';
import { authingV3Entries } from './authing-v3';
import { authingV3AccountEntries } from './authing-v3-account';
import { oidcEntries } from './oidc';
import { authingV2RestEntries } from './authing-v2-rest';
import { graphqlHttpEntry, graphqlOperationEntries } from './graphql';
import { wechatServerEntries } from './wechat-server';
import { emulatorEntries } from './emulator';

export type { ContractEntry, FieldSpec, ObjectSpec, Source, Face } from './types';
export { isEmulatorOnly } from './types';

export const CONTRACT: readonly ContractEntry[] = [
  ...wechatMiniprogramEntries,
  ...authingV3Entries,
  ...authingV3AccountEntries,
  ...oidcEntries,
  ...authingV2RestEntries,
  graphqlHttpEntry,
  ...graphqlOperationEntries,
  ...wechatServerEntries,
  ...emulatorEntries,
];

const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/** The HTTP-level entry per route (GraphQL operations share `graphql.v2`'s route). */
const BY_ROUTE = new Map(CONTRACT.filter((e) => !e.operation).map((e) => [routeKey(e.method, e.path), e]));
const BY_OPERATION = new Map(CONTRACT.filter((e) => e.operation).map((e) => [e.operation!, e]));

export function entryForRoute(method: string, path: string): ContractEntry | undefined {
  return BY_ROUTE.get(routeKey(method, path));
}

export function entryForOperation(name: string): ContractEntry | undefined {
  return BY_OPERATION.get(name);
}
