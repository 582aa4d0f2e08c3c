/** The one argument checker (lib/core/arguments.ts), on hand-written rules in the generated format. */
import { AuthingError, ErrorCodes } from '../../lib/core';
import { guardArguments } from '../../lib/core/arguments';

function check(spec: string, ...args: unknown[]): string | null {
  const target = { method: (..._args: unknown[]) => 'ran' };
  guardArguments(target, { promised: {}, returned: { method: spec } });
  try {
    target.method(...args);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(AuthingError);
    expect((error as AuthingError).code).toBe(ErrorCodes.INVALID_ARGUMENT);
    return (error as AuthingError).message;
  }
}

describe('argument checks', () => {
  it('a required string is present and non-empty; an optional one may be absent, null or empty', () => {
    expect(check('email:s', 'a@b.c')).toBeNull();
    expect(check('email:s')).toBe('method: email must be a non-empty string');
    expect(check('email:s', '')).toBe('method: email must be a non-empty string');
    expect(check('email:s', 42)).toBe('method: email must be a non-empty string');
    expect(check('code?:s')).toBeNull();
    expect(check('code?:s', null)).toBeNull();
    expect(check('code?:s', '')).toBeNull();
    expect(check('code?:s', 42)).toBe('method: code must be a string');
    expect(check('password:S', '')).toBeNull();
  });

  it('numbers, booleans, arrays, functions, unions and null', () => {
    expect(check('n:n', 1)).toBeNull();
    expect(check('n:n', NaN)).toBe('method: n must be a number');
    expect(check('b:b', 'true')).toBe('method: b must be a boolean');
    expect(check('a:a', {})).toBe('method: a must be an array');
    expect(check('f:f', () => 1)).toBeNull();
    expect(check('source?:so', {})).toBeNull();
    expect(check('source?:so', 1)).toBe('method: source must be a string or an object');
    expect(check('token:sl', null)).toBeNull();
    expect(check('token:s', null)).toBe('method: token must be a non-empty string');
    expect(check('value:*', 0)).toBeNull();
    expect(check('value:*')).toBe('method: value must be given');
  });

  it('objects: arrays are not objects, declared fields are checked, enums list their values', () => {
    expect(check('o:o', [])).toBe('method: o must be an object');
    expect(check('options:o(totp:s,mfaToken:s)', { totp: '1' })).toBe('method: options.mfaToken must be a non-empty string');
    expect(check('options?:o(type:s)', { type: 'SMS' })).toBeNull();
    expect(check('scene:=A|B', 'C')).toBe('method: scene must be one of "A", "B"');
    expect(check('x:s,options:o(provider:=wechat:pc|github)', 'x', { provider: 'wechat:pc' })).toBeNull();
  });

  it('runs the method when every argument fits; a promised method rejects instead of throwing', async () => {
    const target = { load: (id: string) => Promise.resolve(id) };
    guardArguments(target, { promised: { load: 'id:s' }, returned: {} }, 'sub.');
    await expect(target.load('7')).resolves.toBe('7');
    const pending = target.load('');
    await expect(pending).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'sub.load: id must be a non-empty string',
      data: { method: 'sub.load', argument: 'id' },
    });
  });
});
