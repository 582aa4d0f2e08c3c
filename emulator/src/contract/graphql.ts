/**
 * Authing's GraphQL endpoint. One HTTP entry (`graphql.v2`) validates the request; one entry per
 * operation names what the emulator's schema serves, each sourced to the document authing-js-sdk
 * sends (the seed's bundled authing-js-sdk 4.15.8 sends the same operations).
 */
import type { ContractEntry } from './types';
import { jsSdk, jsSdkDocument, sdkHeaders, seed } from './sources';

const PATH = '/graphql/v2';

export const graphqlHttpEntry: ContractEntry = {
  id: 'graphql.v2',
  face: 'graphql',
  method: 'POST',
  path: PATH,
  summary: 'GraphQL request: {query, variables?}',
  headers: {
    optional: ['authorization', ...sdkHeaders],
  },
  auth: 'bearer-optional',
  contentType: 'application/json',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['query'],
    properties: {
      query: { type: 'string', minLength: 1 },
      variables: { description: 'an object, or null' },
      operationName: { type: 'string', maxLength: 128 },
    },
  },
  reply: { envelope: '{data, errors?: [{message: {code, message, data}}]}', data: [] },
  sources: [
    jsSdk('src/lib/common/GraphqlClient.ts', 'request: POST {query, variables}; errors read as message.{code, message, data}'),
    seed('GraphqlClient.prototype.request: POST {query, variables}', 'dist/GraphqlClient.js'),
  ],
};

/** Operations authing-js-sdk's AuthenticationClient sends and the emulator's schema serves. */
const OPERATIONS: Array<[name: string, kind: 'query' | 'mutation', summary: string]> = [
  ['registerByEmail', 'mutation', 'registerByEmail'],
  ['registerByUsername', 'mutation', 'registerByUsername'],
  ['registerByPhoneCode', 'mutation', 'registerByPhoneCode'],
  ['loginByEmail', 'mutation', 'loginByEmail'],
  ['loginByUsername', 'mutation', 'loginByUsername'],
  ['loginByPhoneCode', 'mutation', 'loginByPhoneCode'],
  ['loginByPhonePassword', 'mutation', 'loginByPhonePassword'],
  ['checkLoginStatus', 'query', 'checkLoginStatus'],
  ['checkPasswordStrength', 'query', 'checkPasswordStrength'],
  ['sendEmail', 'mutation', 'sendEmail'],
  ['resetPassword', 'mutation', 'resetPasswordByPhoneCode / resetPasswordByEmailCode'],
  ['updateUser', 'mutation', 'updateProfile'],
  ['updatePassword', 'mutation', 'updatePassword'],
  ['updatePhone', 'mutation', 'updatePhone'],
  ['updateEmail', 'mutation', 'updateEmail'],
  ['refreshToken', 'mutation', 'refreshToken'],
  ['bindPhone', 'mutation', 'bindPhone'],
  ['unbindPhone', 'mutation', 'unbindPhone'],
  ['bindEmail', 'mutation', 'bindEmail'],
  ['unbindEmail', 'mutation', 'unbindEmail'],
  ['user', 'query', 'getCurrentUser'],
  ['udv', 'query', 'listUdv / getUdfValue'],
  ['setUdv', 'mutation', 'setUdv'],
  ['setUdvBatch', 'mutation', 'setUdfValue'],
  ['removeUdv', 'mutation', 'removeUdv'],
];

const documentName = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

export const graphqlOperationEntries: ContractEntry[] = OPERATIONS.map(([name, kind, summary]) => ({
  id: `graphql.${name}`,
  face: 'graphql',
  method: 'POST',
  path: PATH,
  operation: name,
  summary: `${kind} ${name} (${summary})`,
  contentType: 'application/json',
  reply: { envelope: `{data: {${name}}, errors?}`, data: [name] },
  sources: [jsSdkDocument(documentName(name))],
}));
