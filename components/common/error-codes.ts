import { ErrorCodes, isAuthingError, type ErrorCode } from '../../lib/core';

/** `e.detail` of the `fail` and `cancel` events: an AuthingError's `{code, message, data}`. */
export interface FailureDetail {
  code: ErrorCode;
  message: string;
  data: unknown;
}

/**
 * Reads `{code, message, data}` from whatever a flow threw. Every flow throws AuthingError (the
 * components' own codes are `ErrorCodes` too); anything else is a bug, reported as UNKNOWN.
 */
export function toFailure(error: unknown): FailureDetail {
  if (isAuthingError(error)) return { code: error.code, message: error.message, data: error.data };
  const message = error instanceof Error ? error.message : String(error);
  return { code: ErrorCodes.UNKNOWN, message, data: null };
}
