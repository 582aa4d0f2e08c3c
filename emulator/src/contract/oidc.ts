/**
 * Authing's OIDC endpoints the mini-program session needs: refresh and revocation. Form-encoded
 * requests; replies are bare OAuth JSON (a token set, or `{error, error_description}` on failure,
 * RFC 6749 §5.2), not Authing's `{statusCode, data}` envelope.
 */
import type { ContractEntry } from './types';
import { android, miniapp, miniappTypes, nodeSdk, nodeSdkClient } from './sources';
import { tokenSet } from './authing-v3';

const optionalHeaders = ['x-authing-app-id', 'x-authing-userpool-id', 'x-authing-request-from', 'x-authing-sdk-version'];
/** Both endpoints: POST, form-encoded, no token; the app is named in the form or the header. */
const formPost = {
  face: 'oidc',
  method: 'POST',
  headers: { optional: optionalHeaders },
  auth: 'none',
  contentType: 'application/x-www-form-urlencoded',
} as const;
const rfc6749Errors = {
  url: 'https://www.rfc-editor.org/rfc/rfc6749#section-5.2',
  note: 'error response {error, error_description}',
} as const;

export const oidcEntries: ContractEntry[] = [
  {
    id: 'oidc.token',
    ...formPost,
    path: '/oidc/token',
    summary: 'grant_type=refresh_token: a new token set; the refresh token rotates (the old one dies on use)',
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['grant_type', 'refresh_token'],
      properties: {
        // authorization_code, client_credentials and password need the hosted login or a secret; not served.
        grant_type: { type: 'string', enum: ['refresh_token'] },
        refresh_token: { type: 'string', minLength: 1, maxLength: 512 },
        redirect_uri: { type: 'string', maxLength: 1024, description: "the mini-program SDK sends ''" },
        client_id: { type: 'string', maxLength: 64 },
        client_secret: { type: 'string', maxLength: 256 },
        code_verifier: { type: 'string', maxLength: 256, description: 'Android sends it on refresh when it has no secret' },
      },
    },
    reply: { envelope: 'bare OAuth token response (no statusCode envelope)', data: tokenSet },
    sources: [
      miniapp(
        'Authing.refreshToken: POST /oidc/token, form {grant_type: refresh_token, redirect_uri: "", refresh_token}, header x-authing-app-id, no client_id',
      ),
      miniappTypes('RefreshTokenOptions'),
      {
        repo: 'Authing/authing-js-sdk',
        path: 'packages/miniapp/src/helpers/request.ts',
        symbol: 'request: "/oidc/token 直接返回 data，没有 data.data" (a bare token set)',
      },
      nodeSdk('TokenEndPointParams'),
      nodeSdkClient('getNewAccessTokenByRefreshToken: POST /oidc/token, form; with token auth method none: client_id in the form'),
      android(
        'network/client/OIDCClient.java',
        'getNewAccessTokenByRefreshToken: form client_id, grant_type, refresh_token, code_verifier | client_secret',
      ),
      rfc6749Errors,
    ],
  },
  {
    id: 'oidc.token-revocation',
    ...formPost,
    path: '/oidc/token/revocation',
    summary: 'revoke an access or refresh token: the whole grant (access, id and refresh tokens of that login) dies',
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['client_id', 'token'],
      properties: {
        client_id: { type: 'string', minLength: 1, maxLength: 64 },
        token: { type: 'string', minLength: 1, maxLength: 4096 },
        client_secret: { type: 'string', maxLength: 256 },
      },
    },
    reply: { envelope: 'HTTP 200, empty body (RFC 7009 §2.2), also for a token that is unknown or already dead', data: [] },
    sources: [
      miniapp('Authing.logout: POST /oidc/token/revocation, form {client_id: appId, token: access_token}'),
      nodeSdkClient('revokeToken: POST /oidc/token/revocation, form client_id, token (+ client_secret with client_secret_post)'),
      android('network/client/UserClient.java', 'logout: form client_id, token (access token, else id token)'),
      {
        url: 'https://www.rfc-editor.org/rfc/rfc7009#section-2.2',
        note: 'revoking a refresh token also invalidates the access tokens of the same grant; the server may do the reverse',
      },
    ],
  },
];
