import { randomBytes, randomInt } from 'node:crypto';

/** 24 hex digits, the shape of Authing's ids (Mongo ObjectIds). */
export function objectId(): string {
  const time = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  return time + randomBytes(8).toString('hex');
}

/** 28 characters of base64url, the length and alphabet of WeChat openids and unionids. */
export function wechatId(prefix: string): string {
  return (
    prefix +
    randomBytes(21)
      .toString('base64url')
      .slice(0, 28 - prefix.length)
  );
}

export function randomCode(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}

/** A numeric verification code, as SMS and email codes are. */
export function digits(length: number): string {
  return Array.from({ length }, () => String(randomInt(0, 10))).join('');
}
