import { describe, expect, it } from 'vitest';
import {
  badResponse,
  classifyCccError,
  MAX_API_MESSAGE_CHARS,
  classifyHttpFailure,
  classifyHttpStatus,
  clockSkewError,
  formatClockOffset,
  isRetryableCccCode,
} from '../../../../electron/core/api/ccc-errors';
import type { ErrorKind } from '../../../../shared/result';

// Reference: ../shared/reference/tencent-api.md section 1, "Common error codes".
const table: Array<[code: string, kind: ErrorKind, retryable: boolean]> = [
  ['AuthFailure.SignatureExpire', 'clock_skew', false],
  ['AuthFailure.SignatureFailure', 'auth', false],
  ['AuthFailure.SecretIdNotFound', 'auth', false],
  ['AuthFailure.InvalidSecretId', 'auth', false],
  ['AuthFailure.TokenFailure', 'auth', false],
  ['AuthFailure.InvalidAuthorization', 'auth', false],
  ['AuthFailure.MFAFailure', 'auth', false], // other AuthFailure.* by prefix
  ['AuthFailure.UnauthorizedOperation', 'permission', false],
  ['UnauthorizedOperation', 'permission', false],
  ['UnauthorizedOperation.CamNoAuth', 'permission', false],
  ['FailedOperation.PermissionDenied', 'permission', false],
  ['RequestLimitExceeded', 'rate_limit', true],
  ['RequestLimitExceeded.UinLimitExceeded', 'rate_limit', true],
  ['RequestLimitExceeded.IPLimitExceeded', 'rate_limit', true],
  ['InternalError', 'transient', true],
  ['InternalError.DBError', 'transient', true],
  ['ServiceUnavailable', 'transient', true],
  ['InvalidParameter', 'invalid_parameter', false],
  ['InvalidParameter.InstanceNotExist', 'invalid_parameter', false],
  ['InvalidParameterValue', 'invalid_parameter', false],
  ['InvalidParameterValue.InstanceNotExist', 'invalid_parameter', false],
  ['InvalidParameterValue.AccountNotExist', 'invalid_parameter', false],
  ['MissingParameter', 'invalid_parameter', false],
  ['UnknownParameter', 'invalid_parameter', false],
  ['FailedOperation', 'refused', false],
  ['FailedOperation.SeatStatusBusy', 'refused', false],
  ['FailedOperation.SomethingNew', 'refused', false],
  ['InvalidAction', 'config', false],
  ['SomethingNobodyDocumented', 'unknown', false],
];

describe('classifyCccError', () => {
  it.each(table)('%s -> %s (retryable %s)', (code, kind, retryable) => {
    const e = classifyCccError(code, 'text from Tencent', {
      action: 'SetStaffStatus',
      requestId: 'req-1',
    });
    expect(e).toMatchObject({ source: 'ccc', code, kind, retryable, requestId: 'req-1' });
    expect(isRetryableCccCode(code)).toBe(retryable);
    expect(e.message).toContain('RequestId req-1');
  });

  it('does not match a prefix in the middle of a code', () => {
    expect(classifyCccError('XInternalError', '').kind).toBe('unknown');
    expect(classifyCccError('RequestLimitExceede', '').kind).toBe('unknown');
  });

  it('names the fix for revoked keys', () => {
    const e = classifyCccError('AuthFailure.SecretIdNotFound', 'The SecretId is not found');
    expect(e.message).toMatch(/SecretId\/SecretKey was rejected/);
    expect(e.message).toMatch(/check them in Settings/);
    expect(e.requestId).toBeUndefined();
  });

  it('names the missing CAM action for the action that was called', () => {
    expect(
      classifyCccError('UnauthorizedOperation', '', { action: 'SetStaffStatus' }).message,
    ).toContain('ccc:SetStaffStatus');
    expect(
      classifyCccError('AuthFailure.UnauthorizedOperation', '', {
        action: 'DescribeStaffStatusMetrics',
      }).message,
    ).toContain('ccc:DescribeStaffStatusMetrics');
    const unknownAction = classifyCccError('FailedOperation.PermissionDenied', '').message;
    expect(unknownAction).toContain('ccc:SetStaffStatus');
    expect(unknownAction).toContain('ccc:DescribeStaffStatusMetrics');
  });

  it("keeps Tencent's text where it helps, and the HTTP status", () => {
    const e = classifyCccError('InvalidParameterValue', 'StaffUserId is invalid', {
      httpStatus: 200,
    });
    expect(e.message).toContain('StaffUserId is invalid');
    expect(e.httpStatus).toBe(200);
  });
});

describe('classifyHttpFailure', () => {
  it.each([
    [{ kind: 'network', code: 'ECONNREFUSED' }, 'network', true],
    [{ kind: 'network', code: 'ECONNRESET' }, 'network', true],
    [{ kind: 'network', code: 'UND_ERR_SOCKET' }, 'network', true],
    [{ kind: 'timeout', code: 'UND_ERR_CONNECT_TIMEOUT' }, 'timeout', true],
    [{ kind: 'timeout', code: 'UND_ERR_HEADERS_TIMEOUT' }, 'timeout', true],
    [{ kind: 'timeout', code: 'UND_ERR_BODY_TIMEOUT' }, 'timeout', true],
    [{ kind: 'timeout', code: 'DEADLINE' }, 'timeout', true],
    [{ kind: 'aborted', code: 'ABORTED' }, 'unknown', false],
    [{ kind: 'too_large', code: 'BODY_TOO_LARGE' }, 'bad_response', false],
    [{ kind: 'invalid_request', code: 'UND_ERR_INVALID_ARG' }, 'config', false],
  ] as const)('%o -> %s', (failure, kind, retryable) => {
    const e = classifyHttpFailure({
      ...failure,
      message: 'https://ccc.tencentcloudapi.com: detail',
    });
    expect(e).toMatchObject({ source: 'ccc', kind, retryable });
    expect(e.requestId).toBeUndefined();
  });
});

describe('classifyHttpStatus', () => {
  it.each([
    [500, 'transient', true],
    [502, 'transient', true],
    [503, 'transient', true],
    [429, 'rate_limit', true],
    [404, 'bad_response', false],
    [403, 'bad_response', false],
  ] as const)('HTTP %d -> %s', (status, kind, retryable) => {
    expect(classifyHttpStatus(status)).toMatchObject({
      code: `HTTP_${status}`,
      kind,
      retryable,
      httpStatus: status,
    });
  });
});

describe('clock skew and bad responses', () => {
  it('says how far off the clock is, in minutes', () => {
    expect(clockSkewError(10 * 60_000).message).toContain('off by 10 minutes (behind');
    expect(clockSkewError(-7 * 60_000 - 20_000).message).toContain('off by 7 minutes (ahead');
    expect(clockSkewError(null).message).toMatch(/more than 5 minutes/);
    expect(clockSkewError(5_000, { requestId: 'r9' })).toMatchObject({
      kind: 'clock_skew',
      requestId: 'r9',
    });
    expect(formatClockOffset(60_000)).toBe('1 minute');
    expect(formatClockOffset(1_000)).toBe('1 second');
    expect(formatClockOffset(45_000)).toBe('45 seconds');
  });

  it('bad responses carry the RequestId when there is one', () => {
    expect(badResponse('x', { requestId: 'abc' })).toMatchObject({
      kind: 'bad_response',
      retryable: false,
      requestId: 'abc',
    });
  });
});

describe('every message a person reads names the fix (fault matrix, issue 6)', () => {
  it.each([
    [{ kind: 'network', code: 'ECONNREFUSED' }, /check the network connection.*then try again/i],
    [{ kind: 'network', code: 'ECONNRESET' }, /check the network connection.*then try again/i],
    [{ kind: 'timeout', code: 'DEADLINE' }, /check the network connection.*then try again/i],
  ] as const)('%o', (failure, fix) => {
    const e = classifyHttpFailure({ ...failure, message: 'https://ccc.tencentcloudapi.com: x' });
    expect(e.message).toMatch(fix);
  });

  it('an unreadable body: try again, then check the endpoint and any proxy', () => {
    expect(badResponse('the body is not JSON').message).toMatch(
      /try again; if it keeps happening, check the API endpoint \(and any proxy\) in Settings/i,
    );
  });

  it('a busy agent: nothing changed, try again when the call has ended', () => {
    expect(classifyCccError('FailedOperation.SeatStatusBusy', '').message).toMatch(
      /nothing changed\. Try again when the call or session has ended/,
    );
  });
});

describe("quoting Tencent's message", () => {
  it('cuts a very long API message so a banner stays readable', () => {
    const e = classifyCccError('InternalError', 'x'.repeat(100_000), { requestId: 'r-1' });
    expect(e.message.length).toBeLessThan(MAX_API_MESSAGE_CHARS + 200);
    expect(e.message).toContain('x'.repeat(MAX_API_MESSAGE_CHARS) + '…');
    expect(e.message).toContain('r-1');
  });
});
