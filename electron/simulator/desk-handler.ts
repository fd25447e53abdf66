import { z } from 'zod';
import type { Clock } from '../core/ports';
import { DEFAULT_TZ_OFFSET_MINUTES } from '../../shared/day-key';
import { err, ok, type Result } from '../../shared/result';
import {
  agentStatisticsRow,
  agentsFor,
  cdrRecord,
  sessionsIn,
  type DeskWorldView,
} from './desk-aggregate';
import { verifyDeskRequest } from './usersig-verify';
import type { SimWorld } from './world';

// startSimulator passes its SimWorld: this stops compiling if it no longer fits the view we read.
type SimWorldFits = SimWorld extends DeskWorldView ? true : never;
const simWorldFits: SimWorldFits = true;
void simWorldFits;

/**
 * The simulator's IM desk side: `v4/desk_http_svc/describe_agent_statistics` and
 * `describe_im_cdr_list`, answered from the simulated world's IM sessions and status history.
 * It checks the account and UserSig like the service, validates the body (day-aligned
 * From/To in the account's zone, Limit <= 100, Offset), pages with Limit/Offset and answers with
 * the IM envelope (HTTP 200, `ActionStatus: "FAIL"` + ErrorCode on errors). Faults can be
 * injected: any IM error code, an HTTP error status, or a malformed body like the seed pages'.
 */

export const DESK_COMMANDS = ['describe_agent_statistics', 'describe_im_cdr_list'] as const;
export type DeskCommand = (typeof DESK_COMMANDS)[number];

const commandSel = z.enum([...DESK_COMMANDS, '*']).default('*');
const times = z.number().int().min(1).max(1_000_000).default(1);

/** A fault the next matching requests answer with (`times` of them, default 1). */
export const deskFaultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('error'),
    /** An IM error code: 7000x UserSig/account, 14100x desk, 600xx general. */
    code: z.number().int().min(1),
    info: z.string().max(200).optional(),
    command: commandSel,
    times,
  }),
  /** The real answer with the seed pages' defect: the comma after the nickname is missing. */
  z.object({ kind: z.literal('malformed'), command: commandSel, times }),
  z.object({
    kind: z.literal('http'),
    status: z.number().int().min(400).max(599),
    command: commandSel,
    times,
  }),
]);
export type DeskFault = z.output<typeof deskFaultSchema>;

export interface DeskHandlerDeps {
  /** The simulated world (a SimWorld, or a fake in tests); only `imSessions` and `statusHistory` are read. */
  world: DeskWorldView;
  imSdkAppId: number;
  adminIdentifier: string;
  imKey: string;
  clock: Clock;
  /** The account's time zone, minutes east of UTC, for day alignment. Default +480. */
  tzOffsetMinutes?: number;
}

export interface DeskHandlerResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/** The desk handler the simulator's HTTP server routes `/v4/desk_http_svc/<command>` to. */
export interface DeskHandler {
  handle(command: string, query: URLSearchParams, body: string): Promise<DeskHandlerResponse>;
  faults: {
    /** Queues a fault after validating it; an invalid one is returned as an error, never thrown. */
    inject(fault: unknown): Result<DeskFault, string>;
    clear(): void;
  };
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };
const respond = (payload: Record<string, unknown>, status = 200): DeskHandlerResponse => ({
  status,
  body: JSON.stringify(payload),
  headers: JSON_HEADERS,
});
const failure = (code: number, info: string): DeskHandlerResponse =>
  respond({ ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: info });

const MAX_RANGE_DAYS = 31;
const int = z.number().int();
const paging = {
  Offset: int.min(0).default(0),
};
const statsBody = z.object({
  From: int.nonnegative(),
  To: int.nonnegative(),
  Limit: int.min(1).max(100).default(100),
  ...paging,
  AgentIds: z.union([z.array(z.string()), z.string()]).optional(),
});
const cdrBody = z.object({
  StartTimestamp: int.nonnegative(),
  EndTimestamp: int.nonnegative(),
  Limit: int.min(1).max(100).default(20),
  ...paging,
  ClientUserId: z.string().optional(),
});

/** Drops the comma after the first nickname value, as in the seed pages' example JSON. */
function seedDefect(json: string, field: 'AgentNickName' | 'ClientUserNickName'): string {
  const re = new RegExp(`("${field}":"(?:[^"\\\\]|\\\\.)*"),`);
  if (re.test(json)) return json.replace(re, '$1');
  // No record to damage: answer with the seed page's own (malformed) example.
  return field === 'AgentNickName'
    ? '{"ActionStatus": "OK","ErrorCode": 0,"ErrorInfo": "","TotalCount": 1,"Data": [{"AgentId": "1289316652@qq.com","AgentNickName": "Meimei""FirstLoginTimestamp": 1738923814,"TotalSessionCnt": 12}]}'
    : '{"ActionStatus": "OK","ErrorCode": 0,"ErrorInfo": "","TotalCount": 1,"IMCdrList": [{"SessionId": "a97d3e1f-a88b-403b-9b3a-7bc6554ea05d","AgentId": "shannon@qq.com","ClientUserNickName": "Shannong""Duration": 10,"EndStatus": "AgentEndedSession","Timestamp": 1730443136}]}';
}

/** Builds the desk handler over a world. */
export function createDeskHandler(deps: DeskHandlerDeps): DeskHandler {
  const tzSec = (deps.tzOffsetMinutes ?? DEFAULT_TZ_OFFSET_MINUTES) * 60;
  const queue: DeskFault[] = [];

  function takeFault(command: DeskCommand): DeskFault | null {
    const i = queue.findIndex((f) => f.command === '*' || f.command === command);
    if (i < 0) return null;
    const f = queue[i]!;
    if (f.times <= 1) queue.splice(i, 1);
    else queue[i] = { ...f, times: f.times - 1 };
    return f;
  }

  function describeAgentStatistics(raw: unknown, nowMs: number): DeskHandlerResponse {
    const p = statsBody.safeParse(raw);
    if (!p.success)
      return failure(141004, `invalid parameter: ${p.error.issues[0]?.path.join('.') ?? 'body'}`);
    const { From, To, Limit, Offset } = p.data;
    if ((From + tzSec) % 86_400 !== 0) return failure(141004, 'From must be 00:00:00 of a day');
    if ((To + 1 + tzSec) % 86_400 !== 0) return failure(141004, 'To must be 23:59:59 of a day');
    if (To < From || (To + 1 - From) / 86_400 > MAX_RANGE_DAYS)
      return failure(141004, 'invalid From/To range');
    const named =
      p.data.AgentIds === undefined
        ? null
        : [p.data.AgentIds]
            .flat()
            .flatMap((s) => s.split(','))
            .map((s) => s.trim())
            .filter(Boolean);
    const sessions = sessionsIn(deps.world, From, To, nowMs);
    const agents = agentsFor(deps.world, sessions, named && named.length > 0 ? named : null, To);
    const page = agents.slice(Offset, Offset + Limit);
    return respond({
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      TotalCount: agents.length,
      Data: page.map((id) => agentStatisticsRow(deps.world, id, sessions, From, To, nowMs)),
    });
  }

  function describeImCdrList(raw: unknown, nowMs: number): DeskHandlerResponse {
    const p = cdrBody.safeParse(raw);
    if (!p.success)
      return failure(141004, `invalid parameter: ${p.error.issues[0]?.path.join('.') ?? 'body'}`);
    const { StartTimestamp, EndTimestamp, Limit, Offset, ClientUserId } = p.data;
    if (
      EndTimestamp < StartTimestamp ||
      (EndTimestamp - StartTimestamp) / 86_400 > MAX_RANGE_DAYS
    ) {
      return failure(141004, 'invalid StartTimestamp/EndTimestamp range');
    }
    let sessions = sessionsIn(deps.world, StartTimestamp, EndTimestamp, nowMs);
    if (ClientUserId) sessions = sessions.filter((s) => s.clientUserId === ClientUserId);
    return respond({
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      TotalCount: sessions.length,
      IMCdrList: sessions.slice(Offset, Offset + Limit).map(cdrRecord),
    });
  }

  async function handle(
    command: string,
    query: URLSearchParams,
    body: string,
  ): Promise<DeskHandlerResponse> {
    if (!(DESK_COMMANDS as readonly string[]).includes(command))
      return failure(60002, `unknown command ${command}`);
    const cmd = command as DeskCommand;
    const fault = takeFault(cmd);
    if (fault?.kind === 'error')
      return failure(fault.code, fault.info ?? `injected error ${fault.code}`);
    if (fault?.kind === 'http')
      return {
        status: fault.status,
        body: `<html><body>${fault.status}</body></html>`,
        headers: { 'content-type': 'text/html' },
      };

    const nowMs = deps.clock.now();
    const verdict = verifyDeskRequest({
      sdkappid: query.get('sdkappid'),
      identifier: query.get('identifier'),
      usersig: query.get('usersig'),
      imSdkAppId: deps.imSdkAppId,
      adminIdentifier: deps.adminIdentifier,
      imKey: deps.imKey,
      nowSeconds: Math.floor(nowMs / 1000),
    });
    if (!verdict.ok) return failure(verdict.code, verdict.info);
    const random = query.get('random');
    if (random === null || !/^\d{1,10}$/.test(random) || Number(random) > 0xffffffff) {
      return failure(60002, 'random must be an unsigned 32-bit integer');
    }
    if (query.get('contenttype') !== 'json') return failure(60002, 'contenttype must be json');
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return failure(60003, 'request body is not valid JSON');
    }
    const res =
      cmd === 'describe_agent_statistics'
        ? describeAgentStatistics(parsed, nowMs)
        : describeImCdrList(parsed, nowMs);
    if (fault?.kind === 'malformed') {
      return {
        ...res,
        body: seedDefect(
          res.body,
          cmd === 'describe_agent_statistics' ? 'AgentNickName' : 'ClientUserNickName',
        ),
      };
    }
    return res;
  }

  return {
    handle,
    faults: {
      inject(fault) {
        const p = deskFaultSchema.safeParse(fault);
        if (!p.success)
          return err(
            `invalid desk fault: ${p.error.issues.map((i) => `${i.path.join('.') || 'fault'}: ${i.message}`).join('; ')}`,
          );
        queue.push(p.data);
        return ok(p.data);
      },
      clear() {
        queue.length = 0;
      },
    },
  };
}
