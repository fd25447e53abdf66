/**
 * Errors are values. Every failure that can reach a person carries a code a program can switch
 * on, a message a person can read, and (when the request reached Tencent) the RequestId.
 */

/** What kind of failure this is: decides retry, connection state and the fix we suggest. */
export type ErrorKind =
  | 'auth' // credentials bad, revoked or expired: never retry, ask the user to fix them
  | 'permission' // the key's CAM policy lacks the action
  | 'rate_limit' // RequestLimitExceeded / 141009 / 600xx: retry with backoff
  | 'transient' // InternalError, 5xx, 141002: retry with backoff
  | 'network' // connection refused / reset / DNS: retry with backoff
  | 'timeout' // connect or response timeout: retry with backoff
  | 'clock_skew' // AuthFailure.SignatureExpire that a clock correction did not fix
  | 'invalid_parameter' // caller error: never retry
  | 'refused' // the status change was refused (FailedOperation*)
  | 'bad_response' // body not JSON / not the envelope / fields missing
  | 'usersig' // desk UserSig problems (70001/70003/70009/...)
  | 'config' // the app is not configured to make this call
  | 'bad_input' // input rejected before anything was sent
  | 'unknown';

export interface AppError {
  /** Where it came from: the CCC API, the IM desk API, or the app itself. */
  source: 'ccc' | 'desk' | 'app';
  /** A stable code: the API's own (`AuthFailure.SignatureFailure`, `70001`) or an app code. */
  code: string;
  kind: ErrorKind;
  /** A sentence for a person. Never contains a secret. */
  message: string;
  /** Tencent's RequestId, whenever the request reached the service. */
  requestId?: string;
  /** Whether trying again later may succeed. */
  retryable: boolean;
  /** HTTP status when one was received. */
  httpStatus?: number;
}

export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };

/** Builds a success value. */
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
/** Builds a failure value. */
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
