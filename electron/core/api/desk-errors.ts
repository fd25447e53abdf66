import type { AppError, ErrorKind } from '../../../shared/result';
import type { HttpFailure } from './http-pool';

/**
 * IM REST ("desk") error codes -> AppError values with source 'desk'. Each entry says whether a
 * retry can help and what the user has to fix. Codes not listed fall back by range.
 */

interface DeskCodeRule {
  kind: ErrorKind;
  retryable: boolean;
  /** A sentence telling the user what is wrong and what to do. */
  message: string;
}

const RETRY_RATE = 'The IM service is rate limiting requests; the app retries with backoff.';

/** The codes the app knows, with their fix. */
export const DESK_ERROR_RULES: Readonly<Record<number, DeskCodeRule>> = {
  141000: {
    kind: 'config',
    retryable: false,
    message:
      'This IM application is not a desk (smart customer service) application. Check the IM SDKAppID: it must be the desk application of your contact center.',
  },
  141002: {
    kind: 'transient',
    retryable: true,
    message: 'The desk service had an internal error; retrying.',
  },
  141004: {
    kind: 'invalid_parameter',
    retryable: false,
    message:
      'The desk service rejected the request parameters (day range or paging). Check the time zone setting.',
  },
  141009: { kind: 'rate_limit', retryable: true, message: RETRY_RATE },
  70001: {
    kind: 'usersig',
    retryable: false,
    message:
      'The UserSig has expired. Paste a new administrator UserSig (or store the IM key so the app can generate one). ' +
      "If the app already generates it from the IM key, check that this computer's date and time are right.",
  },
  70003: {
    kind: 'usersig',
    retryable: false,
    message: 'The UserSig is malformed. Copy the whole administrator UserSig again.',
  },
  70009: {
    kind: 'usersig',
    retryable: false,
    message:
      'The UserSig failed verification: it was made with a different key or for a different SDKAppID. Check the IM key and the IM SDKAppID.',
  },
  70013: {
    kind: 'usersig',
    retryable: false,
    message:
      'The UserSig was generated for a different account than the administrator identifier. Set the administrator identifier the UserSig was made for.',
  },
  70014: {
    kind: 'usersig',
    retryable: false,
    message: 'The UserSig belongs to a different SDKAppID. Check the IM SDKAppID setting.',
  },
  70016: {
    kind: 'config',
    retryable: false,
    message:
      'The IM service has no key for this SDKAppID here. This usually means the wrong data centre: choose the data centre your IM application was created in.',
  },
  70020: {
    kind: 'config',
    retryable: false,
    message:
      'The IM service does not know this SDKAppID here. Check the IM SDKAppID and choose the data centre your IM application was created in.',
  },
  70050: {
    kind: 'usersig',
    retryable: false,
    message:
      'Too many failed UserSig verifications: the IM service is blocking requests for a minute. Fix the UserSig or key, then try again in a minute.',
  },
  60002: {
    kind: 'invalid_parameter',
    retryable: false,
    message: 'The IM service could not parse the request URL or body.',
  },
  60003: {
    kind: 'invalid_parameter',
    retryable: false,
    message: 'The IM service could not parse the request JSON.',
  },
  60004: {
    kind: 'invalid_parameter',
    retryable: false,
    message: 'The IM service rejected a request parameter.',
  },
  60005: {
    kind: 'invalid_parameter',
    retryable: false,
    message: 'The IM service rejected a request parameter.',
  },
  60006: {
    kind: 'invalid_parameter',
    retryable: false,
    message: 'The IM service rejected the request (SDKAppID or plan).',
  },
  60007: { kind: 'rate_limit', retryable: true, message: RETRY_RATE },
  60008: { kind: 'transient', retryable: true, message: 'The IM service timed out; retrying.' },
  60010: {
    kind: 'permission',
    retryable: false,
    message:
      'This request needs the application administrator. Set the administrator identifier to an IM administrator account.',
  },
  60011: { kind: 'rate_limit', retryable: true, message: RETRY_RATE },
  60018: { kind: 'rate_limit', retryable: true, message: RETRY_RATE },
  60019: { kind: 'rate_limit', retryable: true, message: RETRY_RATE },
  60021: {
    kind: 'permission',
    retryable: false,
    message:
      "This computer's IP address is not allowed to call the IM REST API. Ask the administrator to allow it in the IM console.",
  },
};

/** Codes retried with backoff (transient or rate limited). */
export const DESK_RETRYABLE_CODES: readonly number[] = Object.entries(DESK_ERROR_RULES)
  .filter(([, r]) => r.retryable)
  .map(([c]) => Number(c));

/** Maps an IM `ErrorCode` (from a FAIL envelope) to an AppError. `info` is the service's text. */
export function deskErrorFromCode(code: number, info: string, httpStatus?: number): AppError {
  const rule = DESK_ERROR_RULES[code];
  const detail = info.trim() ? ` (service said: ${info.trim().slice(0, 200)})` : '';
  if (rule) {
    return {
      source: 'desk',
      code: String(code),
      kind: rule.kind,
      retryable: rule.retryable,
      message: rule.message + detail,
      httpStatus,
    };
  }
  const usersigRange = code >= 70000 && code < 71000;
  return {
    source: 'desk',
    code: String(code),
    kind: usersigRange ? 'usersig' : 'unknown',
    retryable: false,
    message: usersigRange
      ? `The IM service rejected the account or UserSig (error ${code})${detail}. Check the administrator identifier, the UserSig and the data centre.`
      : `The desk service returned error ${code}${detail}.`,
    httpStatus,
  };
}

/** An HTTP status other than 200 from the IM REST endpoint. */
export function deskHttpError(status: number): AppError {
  const transient = status >= 500 || status === 429;
  return {
    source: 'desk',
    code: `http_${status}`,
    kind: status === 429 ? 'rate_limit' : transient ? 'transient' : 'bad_response',
    retryable: transient,
    message: transient
      ? `The IM service answered HTTP ${status}; retrying.`
      : `The IM service answered HTTP ${status}. Check the data centre (or custom address) setting.`,
    httpStatus: status,
  };
}

/** A body that is not JSON, not the IM envelope, or lacks fields the app needs. Never retried. */
export function deskBadResponse(what: string, httpStatus?: number): AppError {
  return {
    source: 'desk',
    code: 'bad_response',
    kind: 'bad_response',
    retryable: false,
    message:
      `The desk service sent an answer the app cannot read (${what}). No statistics were shown for it rather than wrong ones. ` +
      'Try again later; if it keeps happening, check the data centre (or custom address) in Settings.',
    httpStatus,
  };
}

/** A failure below HTTP (refused, reset, timeouts, abort). Network faults and timeouts are retried. */
export function deskHttpFailure(failure: HttpFailure): AppError {
  switch (failure.kind) {
    case 'timeout':
      return {
        source: 'desk',
        code: failure.code,
        kind: 'timeout',
        retryable: true,
        message: `The IM service did not answer in time: ${failure.message}. Check the network and the data centre setting, then try again.`,
      };
    case 'aborted':
      return {
        source: 'desk',
        code: 'ABORTED',
        kind: 'unknown',
        retryable: false,
        message: 'The request was cancelled.',
      };
    case 'too_large':
      return {
        source: 'desk',
        code: failure.code,
        kind: 'bad_response',
        retryable: false,
        message: `The IM service sent an unexpectedly large answer: ${failure.message}.`,
      };
    case 'invalid_request':
      return {
        source: 'desk',
        code: failure.code,
        kind: 'config',
        retryable: false,
        message: `The desk request could not be sent: ${failure.message}. Check the data centre or custom address.`,
      };
    case 'network':
      return {
        source: 'desk',
        code: failure.code,
        kind: 'network',
        retryable: true,
        message: `Could not reach the IM service: ${failure.message}. Check the network and the data centre setting.`,
      };
    case 'tls':
      return {
        source: 'desk',
        code: failure.code,
        kind: 'config',
        retryable: false,
        message: `Could not reach the IM service securely: ${failure.message}.`,
      };
  }
}
