import type { AppError, ErrorKind } from '../../../shared/result';
import type { HttpFailure } from './http-pool';

/**
 * Turns everything that can go wrong with a CCC API 3.0 call into an `AppError`: API error codes
 * (table in shared/reference/tencent-api.md section 1, prefix matching for subcodes), failures
 * below HTTP, HTTP statuses without an API envelope, bodies that are not what the docs promise,
 * and a clock the server will not accept. Each message says what to do about it and ends with the
 * RequestId when there is one. No message is ever built from a credential.
 */

/** The CAM action each CCC API action needs (named in permission errors). */
export const CCC_CAM_ACTIONS: Readonly<Record<string, string>> = Object.freeze({
  DescribeStaffStatusMetrics: 'ccc:DescribeStaffStatusMetrics',
  SetStaffStatus: 'ccc:SetStaffStatus',
  DescribeStaffStatusHistory: 'ccc:DescribeStaffStatusHistory',
  DescribeTelCdr: 'ccc:DescribeTelCdr',
});

/** What we know about a failed API call when classifying it. */
export interface CccErrorContext {
  /** The API action that was called, e.g. `SetStaffStatus` (names the missing permission). */
  action?: string;
  requestId?: string;
  httpStatus?: number;
}

interface Rule {
  /** Exact code, or a prefix when it ends with `*`. */
  match: string;
  kind: ErrorKind;
  retryable: boolean;
  /** The human sentence; `apiMessage` is Tencent's own text (never contains our secrets). */
  message: (apiMessage: string, ctx: CccErrorContext) => string;
}

const CHECK_KEYS = 'check them in Settings';
/** The fix for a request that did not get through or got no answer. */
const CHECK_NETWORK = 'Check the network connection (and any proxy), then try again.';
const permissionFor = (ctx: CccErrorContext): string =>
  (ctx.action && CCC_CAM_ACTIONS[ctx.action]) ??
  'ccc:SetStaffStatus / ccc:DescribeStaffStatusMetrics';
const missingPermission = (_m: string, ctx: CccErrorContext): string =>
  `This key's CAM policy does not allow ${permissionFor(ctx)}: ask your Tencent Cloud admin to add ` +
  `that action to the sub-account's policy.`;
const withApiMessage = (lead: string) => (m: string) => (m ? `${lead}: ${m}` : lead);

/**
 * Ordered: the first matching rule wins, so exact codes come before the prefix that covers them.
 * Codes not listed fall through to `unknown` (not retried).
 */
const RULES: readonly Rule[] = [
  {
    match: 'AuthFailure.SignatureExpire',
    kind: 'clock_skew',
    retryable: false,
    message: () =>
      "Tencent Cloud rejected the request time: your computer's clock is more than 5 minutes off. " +
      'Turn on automatic time in your system settings.',
  },
  {
    match: 'AuthFailure.SecretIdNotFound',
    kind: 'auth',
    retryable: false,
    message: () =>
      `The SecretId/SecretKey was rejected (the key does not exist or was deleted): ${CHECK_KEYS}.`,
  },
  {
    match: 'AuthFailure.InvalidSecretId',
    kind: 'auth',
    retryable: false,
    message: () =>
      `The SecretId/SecretKey was rejected (the SecretId is not valid): ${CHECK_KEYS}.`,
  },
  {
    match: 'AuthFailure.SignatureFailure',
    kind: 'auth',
    retryable: false,
    message: () =>
      `The SecretId/SecretKey was rejected (the SecretKey does not match the SecretId): ${CHECK_KEYS}.`,
  },
  {
    match: 'AuthFailure.TokenFailure',
    kind: 'auth',
    retryable: false,
    message: () =>
      'The temporary credentials were rejected (the token is invalid or has expired): ' +
      'enter new temporary credentials in Settings.',
  },
  {
    match: 'AuthFailure.InvalidAuthorization',
    kind: 'auth',
    retryable: false,
    message: () =>
      `The SecretId/SecretKey was rejected (the Authorization header is not valid): ${CHECK_KEYS}.`,
  },
  {
    match: 'AuthFailure.UnauthorizedOperation',
    kind: 'permission',
    retryable: false,
    message: missingPermission,
  },
  {
    match: 'UnauthorizedOperation*',
    kind: 'permission',
    retryable: false,
    message: missingPermission,
  },
  {
    match: 'FailedOperation.PermissionDenied',
    kind: 'permission',
    retryable: false,
    message: missingPermission,
  },
  {
    match: 'AuthFailure*',
    kind: 'auth',
    retryable: false,
    message: (m) => `The SecretId/SecretKey was rejected${m ? ` (${m})` : ''}: ${CHECK_KEYS}.`,
  },
  {
    match: 'RequestLimitExceeded*',
    kind: 'rate_limit',
    retryable: true,
    message: () =>
      'Tencent Cloud is rate limiting this account (20 requests per second per API, shared by every ' +
      'agent on the account): the app will slow down and try again.',
  },
  {
    match: 'InternalError*',
    kind: 'transient',
    retryable: true,
    message: withApiMessage('Tencent Cloud had an internal error; trying again usually helps'),
  },
  {
    match: 'ServiceUnavailable',
    kind: 'transient',
    retryable: true,
    message: () => 'The CCC service is temporarily unavailable; the app will try again.',
  },
  {
    match: 'InvalidParameterValue.InstanceNotExist',
    kind: 'invalid_parameter',
    retryable: false,
    message: () =>
      'No CCC instance has this SdkAppId (or this key cannot see it): check the SdkAppId in Settings.',
  },
  {
    match: 'InvalidParameter.InstanceNotExist',
    kind: 'invalid_parameter',
    retryable: false,
    message: () =>
      'No CCC instance has this SdkAppId (or this key cannot see it): check the SdkAppId in Settings.',
  },
  {
    match: 'InvalidParameterValue.AccountNotExist',
    kind: 'invalid_parameter',
    retryable: false,
    message: () =>
      'This agent account does not exist in the CCC instance: check the agent email in Settings.',
  },
  {
    match: 'InvalidParameterValue*',
    kind: 'invalid_parameter',
    retryable: false,
    message: withApiMessage('CCC rejected a parameter value'),
  },
  {
    match: 'InvalidParameter*',
    kind: 'invalid_parameter',
    retryable: false,
    message: withApiMessage('CCC rejected a parameter'),
  },
  {
    match: 'MissingParameter*',
    kind: 'invalid_parameter',
    retryable: false,
    message: withApiMessage('A required parameter is missing'),
  },
  {
    match: 'UnknownParameter*',
    kind: 'invalid_parameter',
    retryable: false,
    message: withApiMessage('CCC did not recognise a parameter'),
  },
  {
    match: 'FailedOperation.SeatStatusBusy',
    kind: 'refused',
    retryable: false,
    message: () =>
      'CCC refused the status change because the agent is busy (on a call or session): nothing changed. ' +
      'Try again when the call or session has ended.',
  },
  {
    match: 'FailedOperation*',
    kind: 'refused',
    retryable: false,
    message: withApiMessage('CCC refused the operation; nothing changed'),
  },
  {
    match: 'InvalidAction',
    kind: 'config',
    retryable: false,
    message: () =>
      'This endpoint does not know the CCC action: check the API endpoint in Settings.',
  },
  {
    match: 'UnsupportedRegion',
    kind: 'config',
    retryable: false,
    message: () =>
      'CCC is not available in the configured region: clear or change the region in Settings.',
  },
  {
    match: 'InvalidRegion',
    kind: 'config',
    retryable: false,
    message: () => 'The configured region is not valid: clear or change the region in Settings.',
  },
];

function findRule(code: string): Rule | undefined {
  return RULES.find((rule) =>
    rule.match.endsWith('*') ? code.startsWith(rule.match.slice(0, -1)) : code === rule.match,
  );
}

/** Appends the RequestId so a person can quote it to support. */
export function withRequestId(message: string, requestId: string | undefined): string {
  return requestId ? `${message} (RequestId ${requestId})` : message;
}

function build(
  code: string,
  kind: ErrorKind,
  retryable: boolean,
  message: string,
  ctx: CccErrorContext,
): AppError {
  const error: AppError = {
    source: 'ccc',
    code,
    kind,
    retryable,
    message: withRequestId(message, ctx.requestId),
  };
  if (ctx.requestId) error.requestId = ctx.requestId;
  if (ctx.httpStatus !== undefined) error.httpStatus = ctx.httpStatus;
  return error;
}

/** Tencent's own text is quoted at most this long (a banner or toast is no place for a page). */
export const MAX_API_MESSAGE_CHARS = 300;

const quoted = (apiMessage: string): string => {
  const text = apiMessage.trim();
  return text.length > MAX_API_MESSAGE_CHARS ? `${text.slice(0, MAX_API_MESSAGE_CHARS)}…` : text;
};

/** Classifies an API 3.0 `Response.Error` (`Code`, `Message`) into an AppError. */
export function classifyCccError(
  code: string,
  apiMessage: string,
  ctx: CccErrorContext = {},
): AppError {
  const rule = findRule(code);
  const text = quoted(apiMessage);
  if (rule) return build(code, rule.kind, rule.retryable, rule.message(text, ctx), ctx);
  return build(code, 'unknown', false, `CCC returned ${code}${text ? `: ${text}` : ''}`, ctx);
}

/** Is this code one the reference says to retry (rate limits, internal errors, unavailable)? */
export function isRetryableCccCode(code: string): boolean {
  return findRule(code)?.retryable ?? false;
}

/** A failure below HTTP (refused, reset, hang up, timeouts, abort) as an AppError. */
export function classifyHttpFailure(failure: HttpFailure): AppError {
  switch (failure.kind) {
    case 'timeout':
      return build(
        failure.code,
        'timeout',
        true,
        `CCC did not answer in time: ${failure.message}. ${CHECK_NETWORK}`,
        {},
      );
    case 'aborted':
      // Cancelled by the app itself (shutdown, sleep, superseded poll): nothing to retry or show.
      return build('ABORTED', 'unknown', false, 'The request was cancelled.', {});
    case 'too_large':
      return build(
        failure.code,
        'bad_response',
        false,
        `CCC sent an unexpectedly large response: ${failure.message}.`,
        {},
      );
    case 'invalid_request':
      return build(
        failure.code,
        'config',
        false,
        `The request could not be sent: ${failure.message}. Check the endpoint and the saved credentials for stray characters.`,
        {},
      );
    case 'network':
      return build(
        failure.code,
        'network',
        true,
        `Could not reach CCC: ${failure.message}. ${CHECK_NETWORK}`,
        {},
      );
    case 'tls':
      // Retrying cannot fix an untrusted or expired certificate: someone has to act.
      return build(
        failure.code,
        'config',
        false,
        `Could not reach CCC securely: ${failure.message}.`,
        {},
      );
  }
}

/**
 * An HTTP status that came without a readable API envelope (a proxy's HTML error page, an empty
 * 502). 5xx and 429 are transient; other statuses mean the endpoint is wrong.
 */
export function classifyHttpStatus(status: number, ctx: CccErrorContext = {}): AppError {
  const full = { ...ctx, httpStatus: status };
  if (status === 429) {
    return build(
      `HTTP_${status}`,
      'rate_limit',
      true,
      'Too many requests (HTTP 429): the app will slow down and try again.',
      full,
    );
  }
  if (status >= 500) {
    return build(
      `HTTP_${status}`,
      'transient',
      true,
      `CCC or a proxy on the way answered HTTP ${status}; the app will try again.`,
      full,
    );
  }
  return build(
    `HTTP_${status}`,
    'bad_response',
    false,
    `The endpoint answered HTTP ${status} without a CCC response: check the API endpoint (and any proxy) in Settings.`,
    full,
  );
}

/** A body that is not JSON, not the API envelope, or lacks the documented fields. */
export function badResponse(detail: string, ctx: CccErrorContext = {}): AppError {
  return build(
    'BadResponse',
    'bad_response',
    false,
    `CCC sent a response the app cannot read: ${detail}. Try again; if it keeps happening, ` +
      'check the API endpoint (and any proxy) in Settings.',
    ctx,
  );
}

/** Input rejected before anything was sent. */
export function badInput(detail: string): AppError {
  return { source: 'app', code: 'BadInput', kind: 'bad_input', retryable: false, message: detail };
}

/** Human text for the size of a clock offset: "10 minutes", "1 minute", "40 seconds". */
export function formatClockOffset(offsetMs: number): string {
  const abs = Math.abs(offsetMs);
  if (abs >= 90_000) return `${Math.round(abs / 60_000)} minutes`;
  if (abs >= 60_000) return '1 minute';
  const seconds = Math.round(abs / 1000);
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

/**
 * SignatureExpire that a clock correction did not fix (or could not attempt, when the server sent
 * no `Date`). `offsetMs` is server time minus local time, when known.
 */
export function clockSkewError(offsetMs: number | null, ctx: CccErrorContext = {}): AppError {
  const message =
    offsetMs === null
      ? "Tencent Cloud rejected the request time and sent no server time to correct it: your computer's " +
        'clock is probably off by more than 5 minutes. Turn on automatic time in your system settings.'
      : `Your computer clock is off by ${formatClockOffset(offsetMs)} ` +
        // offset = server time - local time: positive means the local clock is behind.
        `(${offsetMs >= 0 ? 'behind' : 'ahead of'} Tencent Cloud's time) and correcting for it did not help. ` +
        'Turn on automatic time in your system settings.';
  return build('AuthFailure.SignatureExpire', 'clock_skew', false, message, ctx);
}

/** The app has no usable configuration for the call (no credentials, bad SdkAppId, bad endpoint). */
export function configError(code: string, message: string): AppError {
  return { source: 'app', code, kind: 'config', retryable: false, message };
}
