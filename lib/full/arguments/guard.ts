import { guardArguments } from '../../core';
import { AUTHENTICATION_CLIENT_RULES, SUB_CLIENT_RULES } from './rules.generated';

/** Said after the rule when it is broken: the usual mistake behind it. */
const HINTS: Record<string, string> = {
  loginByPhoneCode: 'for the getPhoneNumber button’s code use loginByWechatPhoneCode(code)',
};

/**
 * Every public method of the full client and of its sub-clients (client.mfa …) checks its
 * arguments against the rules generated from their declarations (build/argument-rules.ts) before
 * it runs: a bad one rejects (or throws, for methods that return no promise) with INVALID_ARGUMENT
 * naming the argument, and nothing is sent.
 */
export function guardClientArguments(client: object): void {
  guardArguments(client, AUTHENTICATION_CLIENT_RULES, '', HINTS);
  const members = client as Record<string, object>;
  for (const name of Object.keys(SUB_CLIENT_RULES)) guardArguments(members[name], SUB_CLIENT_RULES[name], `${name}.`);
}
