/**
 * The GraphQL documents the lean core sends, the same operations authing-js-sdk 4.23 sends
 * (whitespace collapsed; test/unit/documents.test.ts keeps them in step with authing-js-sdk).
 * The user fields both user documents select are written once: they ship in every mini program.
 */
const USER_HEAD = 'id arn userPoolId status username email emailVerified phone phoneVerified';
const USER_TAIL =
  'unionid openid nickname registerSource photo password oauth token tokenExpiredAt loginsCount lastLogin lastIP signedUp blocked isDeleted device browser company name givenName familyName middleName profile preferredUsername website gender birthdate zoneinfo locale address formatted streetAddress locality region postalCode city province country createdAt updatedAt externalId phoneCountryCode';

export const UPDATE_USER = `mutation updateUser($id: String, $input: UpdateUserInput!, $emailToken: String, $phoneToken: String) { updateUser(id: $id, input: $input, emailToken: $emailToken, phoneToken: $phoneToken) { ${USER_HEAD} ${USER_TAIL} expiredAt directManagement } }`;

export const CURRENT_USER = `query user($id: String) { user(id: $id) { ${USER_HEAD} identities { openid userIdInIdp userId connectionId isSocial provider type userPoolId extIdpId } ${USER_TAIL} customData { key value dataType label } } }`;

export const CHECK_LOGIN_STATUS =
  'query checkLoginStatus($token: String) { checkLoginStatus(token: $token) { code message status exp iat data { id userPoolId arn } } }';
