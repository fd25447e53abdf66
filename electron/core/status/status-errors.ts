import { classifyCccError, withRequestId } from '../api/ccc-errors';
import type { SetStaffStatusResultItem } from '../api/ccc-types';
import type { AppError, ErrorKind } from '../../../shared/result';
import { settableStatusList } from '../../../shared/vocabulary';

/**
 * The errors the status engine makes itself: per-item SetStaffStatus failures (an item can fail
 * inside a call that succeeded) and the app's own conditions. Messages never carry a secret.
 */

/** Kind of a per-item SetStaffStatus ErrorCode. FailedOperation* and unknown codes: 'refused'. */
export function itemErrorKind(code: string): ErrorKind {
  if (
    code.startsWith('InvalidParameter') ||
    code === 'MissingParameter' ||
    code === 'UnknownParameter'
  ) {
    return 'invalid_parameter';
  }
  if (code.startsWith('RequestLimitExceeded')) return 'rate_limit';
  if (code.startsWith('InternalError') || code === 'ServiceUnavailable') return 'transient';
  if (code.startsWith('UnauthorizedOperation') || code === 'AuthFailure.UnauthorizedOperation')
    return 'permission';
  if (code.startsWith('AuthFailure')) return 'auth';
  return 'refused';
}

/**
 * The AppError of a failed SetStaffStatus item. A code the CCC error table knows gets that
 * table's sentence (which names the fix, e.g. the missing CAM action or "try again when the call
 * has ended") as if the whole call had failed with it, then CCC's own text and the RequestId.
 */
export function itemError(item: SetStaffStatusResultItem, requestId: string): AppError {
  const kind = itemErrorKind(item.errorCode);
  const detail = item.errorMessage.trim();
  const known = classifyCccError(item.errorCode, detail, { action: 'SetStaffStatus' });
  const said = detail !== '' && !known.message.includes(detail) ? ` CCC said: ${detail}` : '';
  return {
    source: 'ccc',
    code: item.errorCode,
    kind,
    message:
      known.kind !== 'unknown'
        ? withRequestId(`${known.message}${said}`, requestId)
        : detail !== ''
          ? `The status change was refused: ${detail}`
          : `The status change was refused (${item.errorCode}).`,
    requestId,
    retryable: kind === 'rate_limit' || kind === 'transient',
  };
}

/** What a log line records of a failed request: its code, kind and RequestId. */
export function errorLogFields(e: AppError): Record<string, unknown> {
  return { code: e.code, kind: e.kind, requestId: e.requestId };
}

/** An error the app raises itself (source 'app'). */
export function appError(
  code: string,
  kind: ErrorKind,
  message: string,
  retryable = false,
): AppError {
  return { source: 'app', code, kind, message, retryable };
}

/** Stable app error codes of the engine. */
export const ENGINE_ERRORS = {
  stopped: () =>
    appError(
      'EngineStopped',
      'unknown',
      'The status engine was stopped before this change was sent.',
    ),
  notConfigured: () =>
    appError('NotConfigured', 'config', 'Set the SdkAppId and your agent account first.'),
  configChanged: () =>
    appError('ConfigChanged', 'config', 'The account changed before this status change was sent.'),
  badStatus: () =>
    appError('InvalidStatus', 'bad_input', `Only ${settableStatusList('and')} can be set.`),
  nothingPending: () =>
    appError('NothingPending', 'bad_input', 'There is no pending break to cancel.'),
  offline: () =>
    appError(
      'NetworkOffline',
      'network',
      'The computer reports no network connection. Check the network connection: the app reconnects by itself when it is back.',
      true,
    ),
  agentNotFound: (requestId: string) => ({
    ...appError(
      'AgentNotFound',
      'config',
      'The agent account was not found in this SdkAppId: check the account and the SdkAppId in settings.',
    ),
    requestId,
  }),
  noItem: (requestId: string) => ({
    ...appError(
      'BadResponse',
      'bad_response',
      'SetStaffStatus answered without an item for this agent.',
      true,
    ),
    requestId,
  }),
};
