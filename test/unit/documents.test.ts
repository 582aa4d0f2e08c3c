/**
 * The lean core sends the same GraphQL documents as authing-js-sdk, so Authing answers both clients alike.
 */
import { CheckLoginStatusDocument, UpdateUserDocument, UserDocument } from 'authing-js-sdk/build/main/types/graphql.v2';
import { CHECK_LOGIN_STATUS, CURRENT_USER, UPDATE_USER } from '../../lib/core/documents';

const collapse = (document: string) => document.replace(/\s+/g, ' ').trim();

describe('GraphQL documents match authing-js-sdk', () => {
  test.each([
    ['UPDATE_USER', UPDATE_USER, 'UpdateUserDocument', UpdateUserDocument],
    ['CURRENT_USER', CURRENT_USER, 'UserDocument', UserDocument],
    ['CHECK_LOGIN_STATUS', CHECK_LOGIN_STATUS, 'CheckLoginStatusDocument', CheckLoginStatusDocument],
  ])('%s equals authing-js-sdk’s %s', (_ours, document, _theirs, reference) => {
    expect(typeof reference).toBe('string');
    expect(collapse(document)).toBe(collapse(reference));
  });
});
