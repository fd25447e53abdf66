import type { z } from 'zod';
import { err, ok, type AppError, type Result } from '../../../shared/result';
import { DATA_CENTRE_DOMAINS, type DataCentre } from '../../../shared/vocabulary';
import {
  DEFAULT_TZ_OFFSET_MINUTES,
  dayBounds,
  daysInRange,
  isDayKey,
} from '../../../shared/day-key';
import { deskBadResponse, deskErrorFromCode, deskHttpError, deskHttpFailure } from './desk-errors';
import {
  agentStatisticsPageSchema,
  imCdrPageSchema,
  imEnvelopeSchema,
  type AgentStatisticsDay,
  type AgentStatisticsRow,
  type DeskApi,
  type DeskCallOptions,
  type ImCdrDay,
  type ImCdrRecord,
} from './desk-types';
import {
  createApiTransport,
  describeSchemaIssue,
  parseBaseUrl,
  scrubSecrets,
  withRetries,
  type AttemptResult,
  type TransportOptions,
} from './retry-kernel';
import type { UserSigProvider } from './usersig';

/**
 * IM desk REST client over undici (the shared http-pool): `describe_agent_statistics` one
 * request per whole day in the account's time zone, `describe_im_cdr_list` paged with Limit 100
 * until Offset >= TotalCount and filtered to the agent's own records. Same error and retry model
 * as the CCC client (the shared retry kernel, retry-kernel.ts): bounded full-jitter retries for
 * 141002/141009/600xx rate limits, 5xx and
 * network faults; never for UserSig/account (7000x) or 141000/141004. HTTP 200 with
 * `ActionStatus: "FAIL"` is an error; a body that does not parse is a `bad_response` error,
 * never an empty day. The UserSig travels in the query string, so no URL is ever logged.
 */

/** Where the IM REST API is: a data centre, or a base URL (simulator, proxy). */
export type DeskEndpoint = { dataCentre: DataCentre } | { baseUrl: string };

export interface DeskClientOptions extends TransportOptions {
  endpoint: DeskEndpoint;
  imSdkAppId: number;
  /** The IM application's administrator account (the UserSig is made for it). */
  adminIdentifier: string;
  /** Asked before every attempt (a generated UserSig is regenerated well before expiry). */
  userSig: UserSigProvider;
  /** The agent whose statistics and sessions are read (their desk AgentId). */
  agentId: string;
  /** Account time zone, minutes east of UTC. Default +480 (UTC+8, as in the docs' examples). */
  tzOffsetMinutes?: number;
  /** Records per page (1..100). Default 100. */
  pageSize?: number;
  /** Safety stop for paging one day. Default 200 pages. */
  maxPages?: number;
  /** Longest range `describeAgentStatistics` accepts, in days. Default 31. */
  maxRangeDays?: number;
}

/** A desk client the app owns: the API plus closing its keep-alive sockets. */
export type DeskClient = DeskApi & { close(): Promise<void> };

const PATH = '/v4/desk_http_svc/';

const badInput = (message: string): AppError => ({
  source: 'app',
  code: 'BadInput',
  kind: 'bad_input',
  retryable: false,
  message,
});
const configError = (code: string, message: string): AppError => ({
  source: 'app',
  code,
  kind: 'config',
  retryable: false,
  message,
});

function resolveBase(endpoint: DeskEndpoint): Result<URL> {
  const domain = 'dataCentre' in endpoint ? DATA_CENTRE_DOMAINS[endpoint.dataCentre] : undefined;
  const raw = 'dataCentre' in endpoint ? domain && `https://${domain}` : endpoint.baseUrl;
  const parsed = parseBaseUrl(raw);
  if (!parsed.ok) {
    return err(
      parsed.error === 'invalid'
        ? configError('InvalidDeskEndpoint', 'The IM data centre / address setting is not valid.')
        : configError('InvalidDeskEndpoint', 'The IM address must be a plain http(s) URL.'),
    );
  }
  const url = parsed.value;
  // Accept a base with or without the command path.
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/v4/desk_http_svc') ? `${path}/` : `${path}${PATH}`;
  return ok(url);
}

/** Creates the desk client. Configuration problems surface as `config` errors from each call. */
export function createDeskClient(options: DeskClientOptions): DeskClient {
  const transport = createApiTransport(options);
  const { http, random } = transport;
  const tz = options.tzOffsetMinutes ?? DEFAULT_TZ_OFFSET_MINUTES;
  const pageSize = Math.min(100, Math.max(1, Math.floor(options.pageSize ?? 100)));
  const maxPages = Math.max(1, options.maxPages ?? 200);
  const maxRangeDays = Math.max(1, options.maxRangeDays ?? 31);
  const base = resolveBase(options.endpoint);
  const agentKey = options.agentId.trim().toLowerCase();

  const random32 = (): number =>
    Math.min(0xffffffff, Math.max(0, Math.floor(random() * 0x100000000)));

  /** One attempt: the parsed body of an OK envelope, or the error (the UserSig is its secret). */
  async function attempt(
    command: string,
    body: Buffer,
    signal?: AbortSignal,
  ): Promise<AttemptResult<unknown>> {
    const sig = options.userSig.get();
    if (!sig.ok) return sig;
    const r = await send(command, body, sig.value, signal);
    return r.ok ? r : { ok: false, error: r.error, secrets: [sig.value] };
  }

  /** Sends one signed request and reads the IM envelope. */
  async function send(
    command: string,
    body: Buffer,
    userSig: string,
    signal?: AbortSignal,
  ): Promise<Result<unknown>> {
    const url = new URL(command, (base as { ok: true; value: URL }).value);
    url.search = new URLSearchParams({
      sdkappid: String(options.imSdkAppId),
      identifier: options.adminIdentifier,
      usersig: userSig,
      random: String(random32()),
      contenttype: 'json',
    }).toString();
    const res = await http.post({
      url,
      headers: { 'content-type': 'application/json' },
      body,
      signal,
    });
    if (!res.ok) return err(deskHttpFailure(res.error));
    const { status, bodyText } = res.value;
    let json: unknown;
    try {
      json = JSON.parse(bodyText);
    } catch {
      if (status !== 200) return err(deskHttpError(status));
      return err(
        deskBadResponse(
          bodyText.trim() === '' ? 'the body is empty' : 'the body is not valid JSON',
          status,
        ),
      );
    }
    const env = imEnvelopeSchema.safeParse(json);
    if (!env.success)
      return err(
        status !== 200 ? deskHttpError(status) : deskBadResponse('not the IM envelope', status),
      );
    const code = env.data.ErrorCode ?? 0;
    if (env.data.ActionStatus !== 'OK' || code !== 0) {
      if (env.data.ActionStatus === 'FAIL' || code !== 0) {
        if (code === 70001) options.userSig.invalidate();
        return err(
          code !== 0
            ? // Scrubbed before it is cut to length, so not even a prefix of the UserSig is kept.
              deskErrorFromCode(code, scrubSecrets(env.data.ErrorInfo ?? '', [userSig]), status)
            : deskBadResponse('FAIL without an ErrorCode', status),
        );
      }
      return err(
        deskBadResponse(`unknown ActionStatus "${env.data.ActionStatus.slice(0, 20)}"`, status),
      );
    }
    if (status !== 200) return err(deskHttpError(status));
    return ok(json);
  }

  /** A call with bounded full-jitter retries, re-signing (new random, fresh UserSig) each attempt. */
  async function call<S extends z.ZodType>(
    command: string,
    payload: Record<string, unknown>,
    schema: S,
    opts: DeskCallOptions = {},
  ): Promise<Result<z.infer<S>>> {
    if (!base.ok) return base;
    if (!Number.isSafeInteger(options.imSdkAppId) || options.imSdkAppId <= 0) {
      return err(
        configError('InvalidImSdkAppId', 'The IM SDKAppID must be a positive whole number.'),
      );
    }
    const body = Buffer.from(JSON.stringify(payload), 'utf8');
    const once = async (): Promise<AttemptResult<z.infer<S>>> => {
      const r = await attempt(command, body, opts.signal);
      if (!r.ok) return r;
      const parsed = schema.safeParse(r.value);
      return parsed.success
        ? { ok: true, value: parsed.data }
        : { ok: false, error: deskBadResponse(describeSchemaIssue(parsed.error, 'body'), 200) };
    };
    return withRetries(
      transport,
      {
        service: 'desk',
        name: { command },
        maxAttempts: opts.maxAttempts,
        signal: opts.signal,
        aborted: () => deskHttpFailure({ kind: 'aborted', code: 'ABORTED', message: '' }),
      },
      once,
    );
  }

  function checkRange(fromDay: string, toDay: string): AppError | null {
    if (!isDayKey(fromDay) || !isDayKey(toDay))
      return badInput('Days must be dates written YYYY-MM-DD.');
    if (fromDay > toDay) return badInput('The first day must not be after the last day.');
    if (daysInRange(fromDay, toDay).length > maxRangeDays)
      return badInput(`At most ${maxRangeDays} days per query.`);
    return null;
  }

  async function statisticsDay(
    day: string,
    opts?: DeskCallOptions,
  ): Promise<Result<AgentStatisticsDay>> {
    const { from, to } = dayBounds(day, tz);
    let row: AgentStatisticsRow | null = null;
    let offset = 0;
    for (let page = 1; page <= maxPages; page++) {
      const r = await call(
        'describe_agent_statistics',
        { From: from, To: to, AgentIds: [options.agentId], Limit: pageSize, Offset: offset },
        agentStatisticsPageSchema,
        opts,
      );
      if (!r.ok) return r;
      const data = r.value.Data ?? [];
      row ??= data.find((d) => d.AgentId.trim().toLowerCase() === agentKey) ?? null;
      offset += data.length;
      if (offset >= r.value.TotalCount) return ok({ day, from, to, row, pages: page });
      if (data.length === 0) {
        return err(
          deskBadResponse(
            `TotalCount says ${r.value.TotalCount} rows but only ${offset} came`,
            200,
          ),
        );
      }
    }
    return err(deskBadResponse(`statistics paging did not finish after ${maxPages} pages`));
  }

  return {
    async describeAgentStatistics(range, opts) {
      const bad = checkRange(range.fromDay, range.toDay);
      if (bad) return err(bad);
      const out: AgentStatisticsDay[] = [];
      for (const day of daysInRange(range.fromDay, range.toDay)) {
        const r = await statisticsDay(day, opts);
        if (!r.ok) return r;
        out.push(r.value);
      }
      return ok(out);
    },

    async describeImCdrList(day, opts): Promise<Result<ImCdrDay>> {
      const bad = checkRange(day, day);
      if (bad) return err(bad);
      const { from, to } = dayBounds(day, tz);
      const mine = new Map<string, ImCdrRecord>();
      const seen = new Set<string>();
      let offset = 0;
      for (let page = 1; page <= maxPages; page++) {
        const r = await call(
          'describe_im_cdr_list',
          { StartTimestamp: from, EndTimestamp: to, Limit: pageSize, Offset: offset },
          imCdrPageSchema,
          opts,
        );
        if (!r.ok) return r;
        const list = r.value.IMCdrList ?? [];
        for (const c of list) {
          seen.add(c.SessionId);
          if (c.AgentId.trim().toLowerCase() === agentKey) mine.set(c.SessionId, c);
        }
        offset += list.length;
        if (offset >= r.value.TotalCount) {
          const records = [...mine.values()].sort((a, b) => a.Timestamp - b.Timestamp);
          return ok({ day, from, to, records, totalCount: r.value.TotalCount, pages: page });
        }
        if (list.length === 0) {
          return err(
            deskBadResponse(
              `TotalCount says ${r.value.TotalCount} records but only ${seen.size} came`,
              200,
            ),
          );
        }
      }
      return err(deskBadResponse(`session record paging did not finish after ${maxPages} pages`));
    },

    close: transport.close,
  };
}
