/** Claims the SDK reads from an Authing token: enough to know whose it is and when it ends. */
export interface TokenClaims {
  sub?: string;
  exp?: number;
  iat?: number;
  data?: { id?: string; userPoolId?: string };
}

/** Whose token it is: OIDC's `sub`, or Authing's older `data.id`. */
export function claimedUserId(claims: TokenClaims | null): string | undefined {
  return claims ? (claims.sub ?? (claims.data ? claims.data.id : undefined)) : undefined;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url → bytes, without atob/Buffer (absent in WeChat's JS engine). */
function base64UrlBytes(input: string): number[] | null {
  const clean = input.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < clean.length; i++) {
    const value = ALPHABET.indexOf(clean[i]);
    if (value < 0) return null;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return bytes;
}

/** UTF-8 bytes → string; JWT payloads may carry Chinese names. */
function utf8(bytes: number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i++];
    let code: number;
    if (b < 0x80) code = b;
    else if (b < 0xe0) code = ((b & 0x1f) << 6) | (bytes[i++] & 0x3f);
    else if (b < 0xf0) code = ((b & 0x0f) << 12) | ((bytes[i++] & 0x3f) << 6) | (bytes[i++] & 0x3f);
    else code = ((b & 0x07) << 18) | ((bytes[i++] & 0x3f) << 12) | ((bytes[i++] & 0x3f) << 6) | (bytes[i++] & 0x3f);
    out += String.fromCodePoint(code);
  }
  return out;
}

/** Reads a JWT's payload without verifying it: the server verifies; the client only needs `exp` and `sub`. */
export function decodeToken(token: string): TokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const bytes = base64UrlBytes(parts[1]);
  if (!bytes) return null;
  try {
    const claims = JSON.parse(utf8(bytes)) as unknown;
    return claims && typeof claims === 'object' ? (claims as TokenClaims) : null;
  } catch {
    return null;
  }
}

/** Seconds of slack so a token about to expire is not sent to be refused a moment later. */
const EXPIRY_SKEW_S = 30;

export function isTokenExpired(claims: TokenClaims | null, nowMs: number): boolean {
  if (!claims || typeof claims.exp !== 'number') return false;
  return claims.exp - EXPIRY_SKEW_S <= nowMs / 1000;
}
