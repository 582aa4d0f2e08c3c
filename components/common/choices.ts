import type { Lang } from '../../lib/core';

/**
 * The properties that take one of a fixed set of values. The first value of each list is the
 * default, and what an unknown value falls back to (with a console warning naming the property),
 * so a typo in a template still gives a working button.
 */
export const LOGIN_MODES = ['silent', 'profile'] as const;
export const PHONE_MODES = ['login', 'phone'] as const;
export const AVATAR_SHAPES = ['circle', 'square'] as const;
/** '' follows the client's `lang` option. */
export const LANGS = ['', 'zh-CN', 'en-US'] as const;

export type LoginMode = (typeof LOGIN_MODES)[number];
export type PhoneMode = (typeof PHONE_MODES)[number];
export type AvatarShape = (typeof AVATAR_SHAPES)[number];
export type LangProperty = '' | Lang;

/** `value` when it is one of `allowed`; otherwise the default, after a warning for the developer. */
export function oneOf<T extends string>(property: string, value: unknown, allowed: readonly T[]): T {
  if ((allowed as readonly unknown[]).indexOf(value) >= 0) return value as T;
  console.warn(`authing-wxapp-sdk: ${property}="${String(value)}" is none of "${allowed.join('", "')}"; using "${allowed[0]}"`);
  return allowed[0];
}
