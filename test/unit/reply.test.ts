/**
 * reply.ts is the one place an answer becomes data or an AuthingError: every envelope Authing
 * sends (v2, v3, GraphQL), HTTP errors and bodies that are not Authing's.
 */
import { AuthingCodes, ErrorCodes, type ReplyShape } from '../../lib/core';
import { readReply } from '../../lib/core/reply';

function failure(statusCode: number, data: unknown, shape: ReplyShape = 'envelope', required = false) {
  try {
    readReply({ statusCode, data }, shape, { required });
  } catch (error) {
    return error as { code: unknown; message: string; data: unknown; statusCode?: number; name: string };
  }
  throw new Error('expected readReply to throw');
}

describe('Authing’s REST envelope', () => {
  test('v2 {code: 200, data} and v3 {statusCode: 200, data} resolve data', () => {
    expect(readReply({ statusCode: 200, data: { code: 200, message: '', data: { id: 'u1' } } }, 'envelope')).toEqual({ id: 'u1' });
    expect(readReply({ statusCode: 200, data: { statusCode: 200, message: '', data: { id: 'u2' } } }, 'envelope')).toEqual({ id: 'u2' });
  });

  test('v2 failure: Authing’s code and message, its data, the HTTP status', () => {
    const error = failure(200, { code: AuthingCodes.NOT_LOGGED_IN, message: '尚未登录', data: { x: 1 } });
    expect(error).toMatchObject({ name: 'AuthingError', code: 2020, message: '尚未登录', data: { x: 1 }, statusCode: 200 });
  });

  test('v3 failure: apiCode is the code (authing-node-sdk v3 DTOs: statusCode, apiCode, message, requestId)', () => {
    const error = failure(400, { statusCode: 400, apiCode: 2333, message: '账号或密码错误', requestId: 'r1' });
    expect(error).toMatchObject({ code: 2333, message: '账号或密码错误', statusCode: 400 });
    expect(failure(403, { statusCode: 403, message: 'forbidden' })).toMatchObject({ code: 403 });
    // Authing's documented error shape (docs.authing.cn/v2/reference/error-code.html) sends apiCode as a string.
    const documented = { uniqueId: '65e59f51', statusCode: 499, message: '应用不存在', apiCode: '2011', data: null };
    expect(failure(499, documented)).toMatchObject({ code: 2011, message: '应用不存在', statusCode: 499 });
  });

  test('an envelope that says 200 on an HTTP error status fails with the status', () => {
    expect(failure(500, { code: 200, message: 'odd', data: null })).toMatchObject({ code: 500, statusCode: 500 });
  });

  test('a code sent as a numeric string is Authing’s number', () => {
    expect(failure(200, { code: '2020', message: 'x' })).toMatchObject({ code: 2020 });
  });

  test('data: null resolves null, unless the caller requires data: then BAD_RESPONSE', () => {
    expect(readReply({ statusCode: 200, data: { code: 200, data: null } }, 'envelope')).toBeNull();
    expect(failure(200, { code: 200, data: null }, 'envelope', true)).toMatchObject({ code: ErrorCodes.BAD_RESPONSE });
    expect(failure(200, { code: 200 }, 'envelope', true)).toMatchObject({ code: ErrorCodes.BAD_RESPONSE });
  });
});

describe('bodies that are not Authing’s', () => {
  test.each([
    ['502 HTML from a gateway', 502, '<html><body>Bad Gateway</body></html>', ErrorCodes.HTTP_ERROR],
    ['500 with no body', 500, '', ErrorCodes.HTTP_ERROR],
    ['200 truncated JSON', 200, '{"code":200,"da', ErrorCodes.BAD_RESPONSE],
    ['200 JSON without an envelope', 200, { hello: 'world' }, ErrorCodes.BAD_RESPONSE],
    ['200 array', 200, [1, 2], ErrorCodes.BAD_RESPONSE],
    ['200 null', 200, null, ErrorCodes.BAD_RESPONSE],
  ])('%s → %s, body kept in data', (_name, status, body, code) => {
    for (const shape of ['envelope', 'graphql'] as const) {
      const error = failure(status, body, shape);
      expect(error).toMatchObject({ name: 'AuthingError', code, statusCode: status });
      expect(error.data).toEqual(body);
    }
  });

  test('an OAuth error body (RFC 6749 §5.2) fails with its description', () => {
    const error = failure(400, { error: 'invalid_grant', error_description: 'code expired' }, 'raw');
    expect(error).toMatchObject({ code: ErrorCodes.HTTP_ERROR, message: 'code expired', statusCode: 400 });
  });
});

describe('GraphQL', () => {
  test('data resolves; Authing’s error [{message: {code, message, data}}] fails with its code', () => {
    expect(readReply({ statusCode: 200, data: { data: { user: { id: 'u1' } } } }, 'graphql')).toEqual({ user: { id: 'u1' } });
    const error = failure(200, { errors: [{ message: { code: 2333, message: '账号或密码错误', data: { n: 1 } } }], data: null }, 'graphql');
    expect(error).toMatchObject({ code: 2333, message: '账号或密码错误', data: { n: 1 } });
  });

  test('a code sent as a string: a numeric one is the number, any other is not taken for success', () => {
    expect(failure(200, { errors: [{ message: { code: '2020', message: 'x' } }] }, 'graphql')).toMatchObject({ code: 2020 });
    const error = failure(200, { errors: [{ message: { code: 'E_SOMETHING', message: 'x' } }] }, 'graphql');
    expect(error.code).not.toBe(200);
    expect(error.code).toBe(500);
    expect(failure(400, { errors: [{ message: { code: 'BAD', message: 'x' } }] }, 'graphql')).toMatchObject({ code: 400 });
  });

  test('a standard string message fails with the HTTP status (500 when the server said 200)', () => {
    expect(failure(200, { errors: [{ message: 'Cannot query field' }] }, 'graphql')).toMatchObject({
      code: 500,
      message: 'Cannot query field',
    });
    expect(failure(400, { errors: [{ message: 'Syntax Error' }] }, 'graphql')).toMatchObject({ code: 400 });
  });

  test('{data: null} without errors is BAD_RESPONSE', () => {
    expect(failure(200, { data: null }, 'graphql')).toMatchObject({ code: ErrorCodes.BAD_RESPONSE });
  });
});

describe('raw replies (OIDC endpoints, notHandleRes)', () => {
  test('a 2xx JSON body or an empty body is handed back as it is', () => {
    expect(readReply({ statusCode: 200, data: { access_token: 'a' } }, 'raw')).toEqual({ access_token: 'a' });
    expect(readReply({ statusCode: 200, data: '' }, 'raw')).toBe('');
  });

  test('a 2xx body that is not JSON (truncated, HTML) is BAD_RESPONSE', () => {
    expect(failure(200, '{"access_tok', 'raw')).toMatchObject({ code: ErrorCodes.BAD_RESPONSE });
  });

  test('an error status with Authing’s envelope fails with Authing’s code', () => {
    expect(failure(401, { code: 2020, message: '尚未登录' }, 'raw')).toMatchObject({ code: 2020, statusCode: 401 });
  });
});

describe('raw replies carrying Authing’s envelope', () => {
  test('a failure in the envelope fails with Authing’s code, even on HTTP 200 (authing-js-sdk would throw Error(JSON))', () => {
    expect(failure(200, { statusCode: 400, apiCode: 2333, message: '账号或密码错误' }, 'raw')).toMatchObject({ code: 2333 });
    expect(readReply({ statusCode: 200, data: { statusCode: 200, data: { code: 'x' } } }, 'raw')).toEqual({
      statusCode: 200,
      data: { code: 'x' },
    });
  });
});
