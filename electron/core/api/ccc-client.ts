import { z } from 'zod';
import { err, ok, type AppError, type Result } from '../../../shared/result';
import {
  badResponse,
  classifyCccError,
  classifyHttpFailure,
  classifyHttpStatus,
  clockSkewError,
  configError,
  type CccErrorContext,
} from './ccc-errors';
import {
  cccErrorSchema,
  describeStaffStatusHistoryResponseSchema,
  describeStaffStatusMetricsResponseSchema,
  setStaffStatusResponseSchema,
  type CallOptions,
  type CccClient,
  type CccCredentials,
  type CccCredentialsProvider,
  type CccEndpoint,
  type CccResponse,
  type DescribeStaffStatusHistoryInput,
  type SetStaffStatusItem,
  type StaffStatusHistoryItem,
} from './ccc-types';
import {
  collectHistory,
  isCleanString,
  toHistoryItems,
  toMetrics,
  toSetResults,
  validateHistoryInput,
  validateMetricsInput,
  validateSetItems,
} from './ccc-payloads';
import {
  createApiTransport,
  describeSchemaIssue,
  parseBaseUrl,
  scrubSecrets,
  withRetries,
  type AttemptResult,
  type TransportOptions,
} from './retry-kernel';
import { signTc3 } from './tc3-signer';
import { readTelCdr } from './tel-cdr-payloads';

/**
 * CCC API 3.0 client over undici: TC3-signed POSTs with bounded full-jitter retries (re-signed
 * every attempt; the loop, the pool and the scrubbing are the shared retry kernel,
 * retry-kernel.ts), clock-skew correction learned from the HTTP `Date` header, zod-validated
 * responses, and failures as `AppError` values. It never throws.
 *
 * DescribeStaffStatusHistory: fields, sources and paging rules are documented in ccc-payloads.ts;
 * DescribeTelCdr: in tel-cdr-types.ts and tel-cdr-payloads.ts.
 */

/** Just the envelope: `Response` must be an object; its `Error` is checked separately. */
const envelopeSchema = z.object({ Response: z.record(z.string(), z.unknown()) });

const HOSTS = {
  mainland: 'https://ccc.tencentcloudapi.com',
  international: 'https://ccc.intl.tencentcloudapi.com',
} as const;
/** API version of every CCC action this client calls. */
export const CCC_API_VERSION = '2020-02-10';
/** Sent and signed byte-for-byte. */
export const CCC_CONTENT_TYPE = 'application/json; charset=utf-8';
const SERVICE = 'ccc';

export interface CccClientOptions extends TransportOptions {
  endpoint: CccEndpoint;
  sdkAppId: number;
  /** Read before every attempt (temporary credentials may be refreshed meanwhile). */
  credentials: CccCredentialsProvider;
  /** `X-TC-Language`; omitted when unset. */
  language?: 'zh-CN' | 'en-US';
  /** `X-TC-Region`; optional for CCC and omitted when unset. */
  region?: string;
  /** Called whenever a new server clock offset (server minus local, ms) is learned. */
  onClockOffset?: (offsetMs: number) => void;
  /** An offset learned earlier (persisted by the app). */
  initialClockOffsetMs?: number;
  /** Rows per DescribeStaffStatusHistory page. Default 100. */
  historyPageSize?: number;
}

type Target = { url: URL; signedHost: string };

function resolveTarget(endpoint: CccEndpoint): Result<Target> {
  const raw = typeof endpoint === 'string' ? HOSTS[endpoint] : endpoint?.baseUrl;
  const url = parseBaseUrl(raw);
  if (!url.ok) {
    if (typeof raw !== 'string')
      return err(configError('InvalidEndpoint', 'The CCC endpoint setting is not valid.'));
    return err(
      configError(
        'InvalidEndpoint',
        url.error === 'invalid'
          ? 'The CCC endpoint is not a valid URL: check it in Settings.'
          : 'The CCC endpoint must be a plain http(s) URL: check it in Settings.',
      ),
    );
  }
  const custom = typeof endpoint === 'object' ? endpoint.signedHost : undefined;
  return ok({ url: url.value, signedHost: (custom ?? url.value.hostname).toLowerCase() });
}

type Attempt<T> =
  | { ok: true; value: T; requestId: string; serverDate: number | null }
  | { ok: false; error: AppError; serverDate: number | null; receivedAt: number };

/** Creates a CCC client. Configuration problems surface as `config` errors from each call. */
export function createCccClient(options: CccClientOptions): CccClient {
  const transport = createApiTransport(options);
  const { clock, logger, http } = transport;
  const target = resolveTarget(options.endpoint);
  const pageSize = Math.min(1000, Math.max(1, Math.floor(options.historyPageSize ?? 100)));
  let offsetMs = Number.isFinite(options.initialClockOffsetMs)
    ? Math.round(options.initialClockOffsetMs as number)
    : 0;

  const setOffset = (next: number): void => {
    offsetMs = Math.round(next);
    logger.log('warn', 'ccc: learned server clock offset', { offsetMs });
    options.onClockOffset?.(offsetMs);
  };
  const abortedError = (): AppError =>
    classifyHttpFailure({ kind: 'aborted', code: 'ABORTED', message: '' });

  async function readCredentials(): Promise<Result<CccCredentials>> {
    let creds: CccCredentials | null;
    try {
      creds = await options.credentials();
    } catch {
      return err(
        configError(
          'CredentialsUnavailable',
          'The CCC credentials could not be read from the system keychain.',
        ),
      );
    }
    if (!creds)
      return err(
        configError('NoCredentials', 'No SecretId/SecretKey is set: add them in Settings.'),
      );
    if (
      !isCleanString(creds.secretId) ||
      !isCleanString(creds.secretKey) ||
      (creds.token !== undefined && creds.token !== '' && !isCleanString(creds.token))
    ) {
      return err(
        configError(
          'InvalidCredentials',
          'The saved SecretId/SecretKey look malformed (empty or with stray characters): check them in Settings.',
        ),
      );
    }
    return ok(creds);
  }

  async function attemptOnce<T>(
    action: string,
    body: Buffer,
    creds: CccCredentials,
    parse: (response: unknown, ctx: CccErrorContext) => Result<T>,
    signal: AbortSignal | undefined,
  ): Promise<Attempt<T>> {
    const { url, signedHost } = (target as { ok: true; value: Target }).value;
    const timestamp = Math.floor((clock.now() + offsetMs) / 1000);
    const sig = signTc3({
      secretId: creds.secretId,
      secretKey: creds.secretKey,
      service: SERVICE,
      host: signedHost,
      timestamp,
      body,
      contentType: CCC_CONTENT_TYPE,
    });
    const headers: Record<string, string> = {
      'Content-Type': CCC_CONTENT_TYPE,
      Authorization: sig.authorization,
      'X-TC-Action': action,
      'X-TC-Version': CCC_API_VERSION,
      'X-TC-Timestamp': String(timestamp),
    };
    if (creds.token) headers['X-TC-Token'] = creds.token;
    if (options.language) headers['X-TC-Language'] = options.language;
    if (options.region) headers['X-TC-Region'] = options.region;

    const res = await http.post({ url, headers, body, signal });
    const receivedAt = clock.now();
    if (!res.ok)
      return { ok: false, error: classifyHttpFailure(res.error), serverDate: null, receivedAt };
    const { status, headers: resHeaders, bodyText } = res.value;
    const parsedDate = resHeaders.date ? Date.parse(resHeaders.date) : NaN;
    const serverDate = Number.isFinite(parsedDate) ? parsedDate : null;
    const fail = (error: AppError): Attempt<T> => ({ ok: false, error, serverDate, receivedAt });

    let json: unknown;
    try {
      json = JSON.parse(bodyText);
    } catch {
      if (status !== 200) return fail(classifyHttpStatus(status, { action }));
      return fail(
        badResponse(
          bodyText.trim() === ''
            ? 'the body is empty'
            : 'the body is not JSON (truncated or not an API answer)',
          { action, httpStatus: status },
        ),
      );
    }
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success) {
      if (status !== 200) return fail(classifyHttpStatus(status, { action }));
      return fail(
        badResponse('the body is not an API 3.0 {"Response": ...} envelope', {
          action,
          httpStatus: status,
        }),
      );
    }
    const response = envelope.data.Response;
    const requestId =
      typeof response.RequestId === 'string' && response.RequestId ? response.RequestId : undefined;
    const ctx = { action, requestId, httpStatus: status };
    if (response.Error !== undefined) {
      const apiError = cccErrorSchema.safeParse(response.Error);
      if (!apiError.success)
        return fail(badResponse('the Error part of the envelope has no Code', ctx));
      // Scrubbed before it is cut to length, so not even a prefix of a secret is quoted.
      const message = scrubSecrets(apiError.data.Message ?? '', [creds.secretKey, creds.token]);
      return fail(classifyCccError(apiError.data.Code, message, ctx));
    }
    if (status !== 200) return fail(classifyHttpStatus(status, ctx));
    const parsed = parse(response, ctx);
    if (!parsed.ok) return fail(parsed.error);
    return { ok: true, value: parsed.value, requestId: requestId ?? '', serverDate };
  }

  async function call<S extends z.ZodType, T>(
    action: string,
    payload: Record<string, unknown>,
    schema: S,
    map: (data: z.infer<S>) => T,
    opts: CallOptions = {},
  ): Promise<Result<CccResponse<T>>> {
    if (!target.ok) return target;
    if (!Number.isSafeInteger(options.sdkAppId) || options.sdkAppId <= 0) {
      return err(
        configError(
          'InvalidSdkAppId',
          'The SdkAppId must be a positive whole number: check it in Settings.',
        ),
      );
    }
    // Serialised once: these exact bytes are hashed for the signature and sent on every attempt.
    const body = Buffer.from(JSON.stringify({ SdkAppId: options.sdkAppId, ...payload }), 'utf8');
    const parse = (response: unknown, ctx: CccErrorContext): Result<T> => {
      const result = schema.safeParse(response);
      if (!result.success)
        return err(badResponse(describeSchemaIssue(result.error, 'Response'), ctx));
      return ok(map(result.data));
    };
    let skewCorrected = false;
    const attempt = async (): Promise<AttemptResult<CccResponse<T>>> => {
      const creds = await readCredentials();
      if (!creds.ok) return creds;
      const outcome = await attemptOnce(action, body, creds.value, parse, opts.signal);
      if (outcome.ok) {
        const { value, requestId, serverDate } = outcome;
        return { ok: true, value: { value, requestId, serverDate }, requestId };
      }
      const secrets = [creds.value.secretKey, creds.value.token];
      const { error } = outcome;
      if (error.code !== 'AuthFailure.SignatureExpire') return { ok: false, error, secrets };
      const observed = outcome.serverDate === null ? null : outcome.serverDate - outcome.receivedAt;
      if (!skewCorrected && observed !== null) {
        // Re-sign once with the server's time; this does not use up a retry.
        skewCorrected = true;
        setOffset(observed);
        return { ok: false, error, secrets, again: true };
      }
      const ctx = { action, requestId: error.requestId, httpStatus: error.httpStatus };
      const skew = clockSkewError(observed ?? (offsetMs !== 0 ? offsetMs : null), ctx);
      return { ok: false, error: skew, secrets };
    };
    return withRetries(
      transport,
      {
        service: 'ccc',
        name: { action },
        maxAttempts: opts.maxAttempts,
        signal: opts.signal,
        aborted: abortedError,
      },
      attempt,
    );
  }

  async function setStaffStatus(items: SetStaffStatusItem[], opts?: CallOptions) {
    const valid = validateSetItems(items);
    if (!valid.ok) return valid;
    const list = valid.value.map((i) => ({
      StaffUserId: i.staffUserId,
      Status: i.status,
      ...(i.reason !== undefined ? { Reason: i.reason } : {}),
    }));
    return call(
      'SetStaffStatus',
      { StaffStatusList: list },
      setStaffStatusResponseSchema,
      (data) => toSetResults(data.StaffStatusList, valid.value),
      opts,
    );
  }

  async function describeStaffStatusHistory(
    input: DescribeStaffStatusHistoryInput,
    opts?: CallOptions,
  ): Promise<Result<CccResponse<StaffStatusHistoryItem[]>>> {
    const valid = validateHistoryInput(input);
    if (!valid.ok) return valid;
    const { staffUserId, startTimestamp, endTimestamp } = valid.value;
    return collectHistory(pageSize, (cursor) =>
      call(
        'DescribeStaffStatusHistory',
        {
          StaffUserId: staffUserId,
          StartTimestamp: startTimestamp,
          EndTimestamp: endTimestamp,
          PageSize: pageSize,
          ...(cursor ? { Cursor: cursor } : {}),
        },
        describeStaffStatusHistoryResponseSchema,
        (d) => toHistoryItems(d.Data ?? [], staffUserId),
        opts,
      ),
    );
  }

  return {
    describeStaffStatusMetrics: async (input, opts) => {
      const payload = validateMetricsInput(input);
      if (!payload.ok) return payload;
      return call(
        'DescribeStaffStatusMetrics',
        payload.value,
        describeStaffStatusMetricsResponseSchema,
        (d) => toMetrics(d.Metrics ?? []),
        opts,
      );
    },
    setStaffStatus,
    describeStaffStatusHistory,
    describeTelCdr: (input, opts) => readTelCdr(call, transport.sleep, input, opts),
    clockOffsetMs: () => offsetMs,
    close: transport.close,
  };
}
