/**
 * Reading a token's claims on the phone (no atob, no Buffer there) and deciding locally that it has expired.
 */
import { decodeToken, isTokenExpired } from '../../lib/core/jwt';

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function tokenWith(payload: unknown): string {
  return `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.signature`;
}

describe('decodeToken', () => {
  test('reads sub, exp, iat and Authing’s data block', () => {
    const claims = { sub: 'user-1', exp: 1900000000, iat: 1800000000, data: { id: 'user-1', userPoolId: 'pool-1' } };

    expect(decodeToken(tokenWith(claims))).toEqual(claims);
  });

  test('decodes UTF-8 payloads: Chinese names and characters outside the BMP', () => {
    const claims = { sub: 'u', name: '张三', nickname: '小明的猫 🐱', city: 'Zürich' };

    expect(decodeToken(tokenWith(claims))).toEqual(claims);
  });

  test.each([1, 2, 3, 4, 5, 6])('base64url without padding decodes whatever the payload length (%i extra chars)', (extra) => {
    const claims = { sub: 'x'.repeat(extra), exp: 1 };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    expect(payload).not.toMatch(/=/);

    expect(decodeToken(`${HEADER}.${payload}.sig`)).toEqual(claims);
  });

  test('standard base64 (+ / and = padding) is read as well', () => {
    const payload = Buffer.from(JSON.stringify({ sub: 'u0', n: '??>>~~' })).toString('base64');
    expect(payload).toMatch(/[+/]/);
    expect(payload).toMatch(/=$/);

    expect(decodeToken(`${HEADER}.${payload}.sig`)).toEqual({ sub: 'u0', n: '??>>~~' });
  });

  test.each([
    ['an empty string', ''],
    ['no dots', 'not-a-token'],
    ['two parts', `${HEADER}.abc`],
    ['four parts', `${HEADER}.e30.sig.extra`],
    ['characters outside base64', `${HEADER}.*&^%.sig`],
    ['a payload that is not JSON', `${HEADER}.${Buffer.from('not json').toString('base64url')}.sig`],
    ['a JSON number payload', `${HEADER}.${Buffer.from('123').toString('base64url')}.sig`],
    ['a JSON null payload', `${HEADER}.${Buffer.from('null').toString('base64url')}.sig`],
    ['the string "null" the seed SDK could store', 'null'],
    ['bytes that are not UTF-8', `${HEADER}.${Buffer.from([0xf7, 0xbf, 0xbf, 0xbf]).toString('base64url')}.sig`],
  ])('%s → null', (_name, token) => {
    expect(decodeToken(token)).toBeNull();
  });
});

describe('isTokenExpired', () => {
  const exp = 1_900_000_000;

  test('no claims, or no exp: not expired (the server decides)', () => {
    expect(isTokenExpired(null, Date.now())).toBe(false);
    expect(isTokenExpired({ sub: 'u' }, Date.now())).toBe(false);
  });

  test('well before exp: not expired', () => {
    expect(isTokenExpired({ exp }, (exp - 3600) * 1000)).toBe(false);
  });

  test('after exp: expired', () => {
    expect(isTokenExpired({ exp }, (exp + 1) * 1000)).toBe(true);
  });

  test('within the 30-second skew before exp: already treated as expired', () => {
    expect(isTokenExpired({ exp }, (exp - 31) * 1000)).toBe(false);
    expect(isTokenExpired({ exp }, (exp - 30) * 1000)).toBe(true);
    expect(isTokenExpired({ exp }, (exp - 5) * 1000)).toBe(true);
  });
});
