/**
 * AuthingError is what every failure looks like to the app; a user's "no" is CANCELLED, not a failure.
 */
import { AuthingError, ErrorCodes, isAuthingError } from '../../lib/core';
import { fromWxFailure, isWxCancel, wxErrMsg } from '../../lib/core/errors';

describe('AuthingError', () => {
  test('is an Error with code, message, data and statusCode, and serialises as {code, message, data}', () => {
    const error = new AuthingError(2020, '尚未登录', { reason: 'expired' }, 200);

    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(AuthingError);
    expect(isAuthingError(error)).toBe(true);
    expect(error.name).toBe('AuthingError');
    expect(error).toMatchObject({ code: 2020, message: '尚未登录', data: { reason: 'expired' }, statusCode: 200 });
    expect(JSON.parse(JSON.stringify(error))).toEqual({ code: 2020, message: '尚未登录', data: { reason: 'expired' } });
  });

  test('cancelled is true for CANCELLED only', () => {
    expect(new AuthingError(ErrorCodes.CANCELLED, 'closed').cancelled).toBe(true);
    expect(new AuthingError(ErrorCodes.NETWORK_ERROR, 'offline').cancelled).toBe(false);
  });

  test('isAuthingError is false for look-alikes', () => {
    expect(isAuthingError({ code: 2020, message: 'x' })).toBe(false);
    expect(isAuthingError(Object.assign(new Error('x'), { name: 'AuthingError', code: 'NETWORK_ERROR' }))).toBe(false);
    expect(isAuthingError(new Error('x'))).toBe(false);
    expect(isAuthingError(null)).toBe(false);
  });

  test('isAuthingError knows an AuthingError from another copy of the SDK (another realm, a second bundle)', () => {
    jest.isolateModules(() => {
      // A fresh module registry loads errors.ts again: a second AuthingError class, as a component's copy would be.
      const other = require('../../lib/core/errors') as typeof import('../../lib/core/errors');
      expect(other.AuthingError).not.toBe(AuthingError);
      const foreign = new other.AuthingError(other.ErrorCodes.TIMEOUT, 'slow');
      expect(foreign instanceof AuthingError).toBe(false);
      expect(isAuthingError(foreign)).toBe(true);
      expect(other.isAuthingError(new AuthingError(2020, 'x'))).toBe(true);
    });
  });
});

describe('wx failures', () => {
  test.each([
    'chooseMedia:fail cancel',
    'chooseImage:fail cancel',
    'chooseImage:fail:cancel',
    'getPhoneNumber:fail user deny',
    'getUserInfo:fail auth deny',
    'getUserProfile:fail auth deny',
    'authorize:fail auth cancel',
  ])('%s is the user backing out: CANCELLED', (errMsg) => {
    expect(isWxCancel(errMsg)).toBe(true);
    const error = fromWxFailure('wx.api', { errMsg });
    expect(error.code).toBe(ErrorCodes.CANCELLED);
    expect(error.data).toEqual({ errMsg });
  });

  test.each(['uploadFile:fail file not found', 'getPhoneNumber:fail no permission'])(
    '%s is a wx failure: WX_API_ERROR with the errMsg in the message',
    (errMsg) => {
      expect(isWxCancel(errMsg)).toBe(false);
      const error = fromWxFailure('wx.api', { errMsg });
      expect(error.code).toBe(ErrorCodes.WX_API_ERROR);
      expect(error.message).toContain(errMsg);
    },
  );

  test.each([
    { errMsg: 'login:fail net::ERR_INTERNET_DISCONNECTED' },
    { errMsg: 'request:fail ', errno: 600001 },
    { errMsg: 'uploadFile:fail 网络连接失败' },
  ])("%p is the network failing: NETWORK_ERROR, WeChat's failure kept in data", (failure) => {
    const error = fromWxFailure('wx.api', failure);
    expect(error.code).toBe(ErrorCodes.NETWORK_ERROR);
    expect(error.data).toBe(failure);
  });

  test('a wx timeout is TIMEOUT', () => {
    expect(fromWxFailure('wx.login', { errMsg: 'login:fail timeout' }).code).toBe(ErrorCodes.TIMEOUT);
  });

  test('errMsg is read from whatever wx hands over', () => {
    expect(wxErrMsg({ errMsg: 'x:fail y' })).toBe('x:fail y');
    expect(wxErrMsg(new Error('boom'))).toBe('boom');
    expect(wxErrMsg(undefined)).toBe('undefined');
  });
});
