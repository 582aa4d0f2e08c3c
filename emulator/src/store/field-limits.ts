/**
 * Longest value the user pool stores per field, in characters. Authing publishes no length limits for
 * user fields (not in authing-js-sdk's types, authing-node-sdk's DTOs or docs.authing.cn's user field
 * reference), so these are the emulator's own choice, documented in the README: generous for any real
 * value, small enough that one request cannot store megabytes (a 4.9 MB nickname was accepted before).
 * Email is RFC 5321's 254; a phone number is at most 15 digits (E.164) plus a prefix.
 */
import { AuthingCodes, AuthingError } from '../errors';

const NAME = 255;
const TEXT = 1024;
const URL = 2048;

export const FIELD_LIMITS: Readonly<Record<string, number>> = {
  username: NAME,
  email: 254,
  phone: 32,
  phoneCountryCode: 8,
  nickname: NAME,
  name: NAME,
  givenName: NAME,
  familyName: NAME,
  middleName: NAME,
  preferredUsername: NAME,
  company: NAME,
  device: NAME,
  browser: NAME,
  gender: NAME,
  birthdate: NAME,
  zoneinfo: NAME,
  locale: NAME,
  locality: NAME,
  region: NAME,
  postalCode: NAME,
  city: NAME,
  province: NAME,
  country: NAME,
  externalId: NAME,
  address: TEXT,
  formatted: TEXT,
  streetAddress: TEXT,
  photo: URL,
  website: URL,
  profile: URL,
  // The WeChat profile Authing keeps as a JSON string.
  oauth: 4 * TEXT,
};

/** A custom-data (udv) key and value. */
export const UDV_LIMITS = { key: NAME, value: 4 * TEXT } as const;

function tooLong(field: string, max: number): AuthingError {
  return new AuthingError(AuthingCodes.badRequest, `${field} 长度不能超过 ${max} 个字符`, 400);
}

/** Throws Authing's 400 for the first field over its limit. */
export function assertFieldLengths(fields: object): void {
  for (const [field, max] of Object.entries(FIELD_LIMITS)) {
    const value = (fields as Record<string, unknown>)[field];
    if (typeof value === 'string' && value.length > max) throw tooLong(field, max);
  }
}

export function assertUdvLengths(key: string, value: string): void {
  if (key.length > UDV_LIMITS.key) throw tooLong('key', UDV_LIMITS.key);
  if (value.length > UDV_LIMITS.value) throw tooLong('value', UDV_LIMITS.value);
}
