import { parse, validate } from 'graphql';
import { authingSchema } from '../../emulator/src/authing/graphql/schema';

/** The documents authing-js-sdk 4.23's AuthenticationClient sends for the operations the emulator serves. */
const documents = require('authing-js-sdk/build/main/types/graphql.v2.js') as Record<string, unknown>;

const SDK_OPERATIONS = [
  'RegisterByEmail',
  'RegisterByUsername',
  'RegisterByPhoneCode',
  'LoginByEmail',
  'LoginByUsername',
  'LoginByPhoneCode',
  'LoginByPhonePassword',
  'CheckLoginStatus',
  'CheckPasswordStrength',
  'SendEmail',
  'ResetPassword',
  'UpdateUser',
  'UpdatePassword',
  'UpdatePhone',
  'UpdateEmail',
  'RefreshToken',
  'BindPhone',
  'UnbindPhone',
  'BindEmail',
  'UnbindEmail',
  'User',
  'Udv',
  'SetUdv',
  'SetUdvBatch',
  'RemoveUdv',
];

describe("authing-js-sdk's documents validate against the emulator's schema unchanged", () => {
  it.each(SDK_OPERATIONS)('%sDocument', (name) => {
    const source = documents[`${name}Document`];
    expect(typeof source).toBe('string');
    expect(validate(authingSchema, parse(source as string)).map((e) => e.message)).toEqual([]);
  });

  it('a document that asks for a field Authing does not have is refused', () => {
    const errors = validate(authingSchema, parse('query { user { id notAField } }'));
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('notAField')]);
  });
});
