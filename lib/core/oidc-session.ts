import { claimedUserId, decodeToken, type TokenClaims } from './jwt';
import type { User } from './user';

/**
 * What `/api/v3/signin-by-mobile` answers in `data`: an OIDC token set (Authing's mini-program SDK
 * `types.ts` LoginState; `refresh_token` only when the scope asks for `offline_access`).
 */
export interface OidcTokenSet {
  access_token: string;
  id_token: string;
  token_type?: string;
  expires_in?: number;
  scope?: string;
  refresh_token?: string;
}

/** The part of a v3 login kept beside the id token: what v3 calls authorise with. */
export interface OidcTokens {
  accessToken: string;
  refreshToken: string | null;
  /** Epoch ms at which the access token expires (from `expires_in`). */
  expiresAt: number | null;
  scope: string | null;
}

/**
 * The scope our v3 logins ask for: the standard OIDC claims the id token then carries (Authing's
 * mini-program SDK `types.ts` LoginOptions.scope lists them), so the user is known without another
 * round trip after the tap; and `offline_access`, for which Authing adds a refresh token (the same
 * comment there: "如果存在此参数，token 接口会返回 refresh_token 字段"), so the session renews itself.
 */
export const V3_LOGIN_SCOPE = 'openid profile email phone username offline_access';

export function isTokenSet(value: unknown): value is OidcTokenSet {
  const set = value as OidcTokenSet | null;
  return !!set && typeof set === 'object' && typeof set.id_token === 'string' && !!set.id_token && typeof set.access_token === 'string';
}

export function oidcTokensOf(set: OidcTokenSet, now: number): OidcTokens {
  return {
    accessToken: set.access_token,
    refreshToken: typeof set.refresh_token === 'string' && set.refresh_token ? set.refresh_token : null,
    expiresAt: typeof set.expires_in === 'number' ? now + set.expires_in * 1000 : null,
    scope: typeof set.scope === 'string' ? set.scope : null,
  };
}

/** Standard OIDC claims (OpenID Connect Core §5.1) that an Authing id token carries for the scope above. */
interface IdTokenClaims extends TokenClaims {
  name?: string;
  given_name?: string;
  family_name?: string;
  nickname?: string;
  preferred_username?: string;
  picture?: string;
  website?: string;
  gender?: string;
  birthdate?: string;
  locale?: string;
  email?: string;
  email_verified?: boolean;
  phone_number?: string;
  phone_number_verified?: boolean;
}

/** Claim name → the field of Authing's v2 `User` that holds the same fact. */
const CLAIM_FIELDS: Array<[keyof IdTokenClaims, keyof User]> = [
  ['name', 'name'],
  ['given_name', 'givenName'],
  ['family_name', 'familyName'],
  ['nickname', 'nickname'],
  ['preferred_username', 'username'],
  ['picture', 'photo'],
  ['website', 'website'],
  ['gender', 'gender'],
  ['birthdate', 'birthdate'],
  ['locale', 'locale'],
  ['email', 'email'],
  ['email_verified', 'emailVerified'],
  ['phone_number', 'phone'],
  ['phone_number_verified', 'phoneVerified'],
];

/**
 * The signed-in user as the id token describes them, in the `User` shape of the v2 logins, with
 * `token` = the id token (Authing's v2 user token is an id token). Null when the token names no one.
 */
export function userFromIdToken(idToken: string): User | null {
  const claims = decodeToken(idToken) as IdTokenClaims | null;
  const id = claimedUserId(claims);
  if (!claims || typeof id !== 'string' || !id) return null;
  const user: User = {
    id,
    token: idToken,
    tokenExpiredAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000).toISOString() : null,
  };
  for (const [claim, field] of CLAIM_FIELDS) {
    const value = claims[claim];
    if (value !== undefined && value !== null && value !== '') user[field] = value;
  }
  return user;
}

/**
 * Authing's v3 user (`GET /api/v3/get-profile`, authing-node-sdk UserDto) in the v2 `User` shape:
 * the same field names but for the id, `userId` in v3.
 */
export function userFromProfile(profile: Record<string, unknown>, idToken: string): User | null {
  const id = profile.userId;
  if (typeof id !== 'string' || !id) return null;
  const user: User = Object.assign({}, profile, { id, token: idToken });
  delete user.userId;
  return user;
}
