import { ErrorCodes } from '../../lib/core';

/**
 * Failure codes the components add to the core's ErrorCodes. Apps branch on them
 * (`e.detail.code === 'PHONE_QUOTA_EXHAUSTED'`), so their meaning never changes.
 */
export const ComponentErrorCodes = {
  /** No client to use: no `app-id` property and the app created no AuthenticationClient yet. */
  NO_CLIENT: 'NO_CLIENT',
  /** The mini program's quota of phone-number verifications is used up (errno 1400001). */
  PHONE_QUOTA_EXHAUSTED: 'PHONE_QUOTA_EXHAUSTED',
  /** The mini program may not ask for phone numbers (unverified account, or not an enterprise subject). */
  NO_PERMISSION: 'NO_PERMISSION',
  /** The user has not agreed to the mini program's privacy guide (errno 104). */
  PRIVACY_NOT_AUTHORIZED: 'PRIVACY_NOT_AUTHORIZED',
  /**
   * The legacy (iv + encryptedData) flows need a wx.login code obtained before the tap, and none was
   * ready (the page stayed hidden past its lifetime). A fresh one is being fetched: tapping again works.
   */
  LOGIN_CODE_UNAVAILABLE: 'LOGIN_CODE_UNAVAILABLE',
  /** Something failed that is neither Authing's nor WeChat's answer: a bug, please report it. */
  UNKNOWN: 'UNKNOWN',
} as const;

export type ComponentErrorCode = (typeof ComponentErrorCodes)[keyof typeof ComponentErrorCodes];

/** `e.detail` of the `fail` and `cancel` events. */
export interface FailureDetail {
  code: number | string;
  message: string;
  data: unknown;
}

/** An Error with a code, as AuthingError and componentError() make them. */
export type CodedError = Error & { code: number | string; data: unknown };

/** An Error carrying a component code, shaped like AuthingError so one path reports both. */
export function componentError(
  code: ComponentErrorCode | (typeof ErrorCodes)[keyof typeof ErrorCodes],
  message: string,
  data: unknown = null,
): CodedError {
  return Object.assign(new Error(message), { code, data });
}

/** Reads `{code, message, data}` from whatever a flow threw (AuthingError, componentError, a wx failure). */
export function toFailure(error: unknown): FailureDetail {
  if (error && typeof error === 'object') {
    const { code, message, data, errMsg } = error as { code?: unknown; message?: unknown; data?: unknown; errMsg?: unknown };
    if (typeof code === 'number' || typeof code === 'string') {
      return { code, message: typeof message === 'string' ? message : String(code), data: data === undefined ? null : data };
    }
    if (typeof errMsg === 'string') return { code: ErrorCodes.WX_API_ERROR, message: errMsg, data: error };
    if (typeof message === 'string') return { code: ComponentErrorCodes.UNKNOWN, message, data: null };
  }
  return { code: ComponentErrorCodes.UNKNOWN, message: String(error), data: null };
}
