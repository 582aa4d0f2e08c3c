import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { randomBytes } from 'node:crypto';

export interface TokenClaims {
  sub: string;
  jti: string;
  exp: number;
  iat: number;
  /** Id tokens (and the v2 user's `token`, which Authing's docs call an id token) carry the user here. */
  data?: Record<string, unknown>;
  /** Access tokens carry the granted scope instead. */
  scope?: string;
}

export type VerifyFailure = 'expired' | 'invalid';

/** HS256 access tokens, verified on every authenticated call; the secret lives in the db so restarts keep sessions. */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secretBase64: string,
    private readonly issuer: string,
    private readonly audience: string,
  ) {
    this.key = Buffer.from(secretBase64, 'base64');
  }

  static newSecret(): string {
    return randomBytes(32).toString('base64');
  }

  /** `data` makes an id token; `extra` adds claims (an access token's scope, an id token's OIDC claims). */
  sign(
    claims: { sub: string; jti: string; data?: Record<string, unknown>; extra?: Record<string, unknown> },
    ttlSeconds: number,
    nowMs: number,
  ): Promise<string> {
    const iat = Math.floor(nowMs / 1000);
    const user = claims.data ? { data: claims.data, userpool_id: claims.data.userPoolId } : {};
    return new SignJWT({ ...claims.extra, ...user })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.sub)
      .setJti(claims.jti)
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlSeconds)
      .sign(this.key);
  }

  async verify(token: string, nowMs: number): Promise<{ ok: true; claims: TokenClaims } | { ok: false; reason: VerifyFailure }> {
    try {
      // Pinning the algorithm is what refuses alg:none and key-confusion forgeries.
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: this.issuer,
        audience: this.audience,
        currentDate: new Date(nowMs),
      });
      if (typeof payload.sub !== 'string' || typeof payload.jti !== 'string') return { ok: false, reason: 'invalid' };
      return { ok: true, claims: payload as unknown as TokenClaims };
    } catch (err) {
      return { ok: false, reason: err instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' };
    }
  }
}
