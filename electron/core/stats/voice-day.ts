import { z } from 'zod';
import {
  CALL_DIRECTIONS,
  CALL_OUTCOMES,
  type CallOutcome,
} from '../../../shared/tel-cdr-vocabulary';
import type { TelCdrRecord, TelParticipant } from '../api/tel-cdr-types';
import type { KpiValue, StatusChange } from './day-model';
import { safeRatio } from './kpi-definitions';
import { VOICE_KPI_DEFINITIONS, VOICE_KPI_IDS, type VoiceKpiId } from './voice-kpi-definitions';

/**
 * One agent's voice day from the WHOLE centre's call records: pure functions, shared by direct
 * mode (stats-service) and the team gateway. `extractAgentCalls` keeps the calls of the day (by
 * the record's `Time` in [from, to]) in which the agent took part (a ServeParticipant with their
 * email, or the SeatUser when a record has no participants), each reduced to what the stats
 * show: the customer's number is masked to its last four digits here and the raw one never leaves
 * this module (pass `onCustomerNumber` to register it with the log redactor). `buildVoiceDay`
 * turns those calls and the status history (wrap-up) into the KPIs of voice-kpi-definitions.ts.
 */

/** One of the agent's calls, as the stats keep it (and the cache stores it): no raw numbers. */
export interface AgentCall {
  sessionId: string;
  direction: 'in' | 'out';
  /** The record's `Time` (the call's start): decides the day. Epoch seconds. */
  callTime: number;
  /** When the call reached the agent (their first ring, or the start of their part). */
  startedAt: number;
  /** When the agent's part ended (null when unknown). */
  endedAt: number | null;
  /** Inbound answered: seconds from the ring to the answer (null when unknown or unanswered). */
  answerSeconds: number | null;
  /** Seconds the agent talked on this call (0 when never connected). */
  talkSeconds: number;
  outcome: CallOutcome;
  /** The record's `EndStatusString` (how the call as a whole ended). */
  endStatus: string;
  /** The customer's number masked to its last four digits ('' when the record has none). */
  customer: string;
  /** The agent answered it after another agent transferred it to them. */
  transferredIn: boolean;
  /** The agent passed it on to another agent. */
  transferredOut: boolean;
  /** Times it rang the agent without being answered. */
  missedRings: number;
}

/** Runtime schema of an AgentCall (the stats cache validates what it reads back). */
export const agentCallSchema = z.object({
  sessionId: z.string(),
  direction: z.enum(CALL_DIRECTIONS),
  callTime: z.number().int(),
  startedAt: z.number().int(),
  endedAt: z.number().int().nullable(),
  answerSeconds: z.number().nonnegative().nullable(),
  talkSeconds: z.number().nonnegative(),
  outcome: z.enum(CALL_OUTCOMES),
  endStatus: z.string(),
  customer: z.string().max(16),
  transferredIn: z.boolean(),
  transferredOut: z.boolean(),
  missedRings: z.number().int().nonnegative(),
});

/** The agent's voice day: KPIs in `VOICE_KPI_IDS` order and the calls, oldest first. */
export interface VoiceDay {
  kpis: KpiValue<VoiceKpiId>[];
  calls: AgentCall[];
}

/** The day in epoch seconds, `from` 00:00:00 to `to` 23:59:59 in the account's zone. */
export interface DayRange {
  from: number;
  to: number;
}

/** What a masked number starts with. */
export const MASK = '•••';

/** A phone number as the app shows it: `•••` and its last four digits, never more. */
export function maskPhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  if (digits === '') return '';
  return digits.length <= 4 ? MASK : `${MASK}${digits.slice(-4)}`;
}

const sameAgent = (mail: string, agentId: string): boolean =>
  mail.trim().toLowerCase() === agentId.trim().toLowerCase();

/** The agent's legs of a record; a record without participants falls back to its SeatUser. */
function agentLegs(r: TelCdrRecord, agentId: string): TelParticipant[] {
  const legs = r.participants.filter((p) => sameAgent(p.mail, agentId));
  if (legs.length > 0 || r.participants.length > 0) return legs;
  if (!r.seatUser || !sameAgent(r.seatUser.mail, agentId)) return [];
  return [
    {
      mail: r.seatUser.mail,
      type: '',
      startAt: r.startAt,
      ringAt: r.direction === 'out' ? (r.startAt ?? r.time) : r.ringAt,
      acceptAt: r.direction === 'out' ? (r.startAt ?? r.time) : r.acceptAt,
      endedAt: r.endedAt,
      transferFrom: '',
      transferFromType: '',
      transferTo: '',
      transferToType: '',
      skillGroupId: r.skillGroupId,
      skillGroupName: r.skillGroup,
      endStatusString: r.endStatusString,
      sequence: 0,
    },
  ];
}

const span = (from: number | null, to: number | null): number =>
  from === null || to === null ? 0 : Math.max(0, to - from);

/** One record as the agent's call (null when the agent had no part in it). */
function toAgentCall(r: TelCdrRecord, agentId: string): AgentCall | null {
  const legs = agentLegs(r, agentId);
  if (legs.length === 0 || r.direction === null) return null;
  const outbound = r.direction === 'out';
  const connected = outbound
    ? r.acceptAt !== null || (r.endStatusString === 'ok' && r.duration > 0)
    : true;
  const answered = legs.filter((l) => l.acceptAt !== null);
  const end = (l: TelParticipant): number | null => l.endedAt ?? r.endedAt;
  let talk = 0;
  for (const l of answered) {
    // Outbound, the agent is on the line while it rings: the talk starts when the customer answers.
    const from = outbound ? Math.max(l.acceptAt!, r.acceptAt ?? l.acceptAt!) : l.acceptAt;
    talk += connected ? span(from, end(l)) : 0;
  }
  const firstAnswered = answered[0];
  const transferredOut = legs.some((l) => l.transferTo !== '');
  let outcome: CallOutcome;
  if (outbound && !connected) outcome = 'notConnected';
  else if (answered.length === 0) outcome = 'missed';
  else outcome = transferredOut ? 'transferred' : 'completed';
  const ends = legs.map(end).filter((x): x is number => x !== null);
  return {
    sessionId: r.sessionId,
    direction: r.direction,
    callTime: r.time,
    startedAt: legs[0]!.ringAt ?? legs[0]!.startAt ?? legs[0]!.acceptAt ?? r.time,
    endedAt: ends.length > 0 ? Math.max(...ends) : null,
    answerSeconds:
      !outbound && firstAnswered && firstAnswered.ringAt !== null
        ? span(firstAnswered.ringAt, firstAnswered.acceptAt)
        : null,
    talkSeconds: talk,
    outcome,
    endStatus: r.endStatusString,
    customer: maskPhone(outbound ? r.callee : r.caller),
    transferredIn: answered.some((l) => l.transferFrom !== ''),
    transferredOut,
    missedRings: outbound ? 0 : legs.length - answered.length,
  };
}

/**
 * The agent's calls of the day among the centre's records: a record counts when its `Time` is in
 * [from, to] and the agent took part. `onCustomerNumber` receives each of these calls' raw
 * customer numbers (to mask them in logs); nothing else about other agents' calls is kept.
 */
export function extractAgentCalls(
  records: readonly TelCdrRecord[],
  agentId: string,
  day: DayRange,
  onCustomerNumber?: (raw: string) => void,
): AgentCall[] {
  const out: AgentCall[] = [];
  for (const r of records) {
    if (r.time < day.from || r.time > day.to) continue;
    const call = toAgentCall(r, agentId);
    if (!call) continue;
    const raw = r.direction === 'out' ? r.callee : r.caller;
    if (raw) onCustomerNumber?.(raw);
    out.push(call);
  }
  return out.sort((a, b) => a.startedAt - b.startedAt || a.sessionId.localeCompare(b.sessionId));
}

/** Seconds of wrap-up after the handled calls: afterCallWork matched by SessionId, else by time. */
export function wrapUpSeconds(
  calls: readonly AgentCall[],
  history: readonly StatusChange[],
): number {
  const handled = calls.filter((c) => c.outcome === 'completed' || c.outcome === 'transferred');
  const byId = new Map(handled.filter((c) => c.sessionId).map((c) => [c.sessionId, c]));
  const sorted = [...history].sort((a, b) => a.timestamp - b.timestamp);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    const row = sorted[i]!;
    if (row.status !== 'afterCallWork') continue;
    const next = sorted[i + 1];
    const end = next ? next.timestamp : row.duration !== null ? row.timestamp + row.duration : null;
    if (end === null) continue; // still wrapping up: not over yet
    const matched = row.sessionId
      ? byId.has(row.sessionId)
      : // No session named: the wrap-up that follows a call's end (within 5 s).
        handled.some((c) => c.endedAt !== null && Math.abs(row.timestamp - c.endedAt) <= 5);
    if (matched) total += Math.max(0, end - row.timestamp);
  }
  return total;
}

const kpi = (id: VoiceKpiId, value: number | null, ratio?: { num: number; den: number }) => {
  const d = VOICE_KPI_DEFINITIONS[id];
  const v: KpiValue<VoiceKpiId> = {
    id,
    unit: d.unit,
    label: d.label,
    definition: d.definition,
    value,
  };
  if (ratio) Object.assign(v, { numerator: ratio.num, denominator: ratio.den });
  return v;
};

const mean = (xs: readonly number[]): number | null =>
  xs.length === 0 ? null : Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);

/** The voice KPIs and call list of a day from the agent's calls and status history. */
export function buildVoiceDay(
  calls: readonly AgentCall[],
  history: readonly StatusChange[] | null,
): VoiceDay {
  const inbound = calls.filter((c) => c.direction === 'in');
  const outbound = calls.filter((c) => c.direction === 'out');
  const answeredIn = inbound.filter((c) => c.outcome !== 'missed');
  const connected = outbound.filter((c) => c.outcome !== 'notConnected');
  const handled = answeredIn.length + connected.length;
  const talk = calls.reduce((n, c) => n + c.talkSeconds, 0);
  const wrap = history ? wrapUpSeconds(calls, history) : 0;
  const values: Record<VoiceKpiId, KpiValue<VoiceKpiId>> = {
    callsHandled: kpi('callsHandled', handled),
    callsAnsweredIn: kpi('callsAnsweredIn', answeredIn.length),
    callsOutbound: kpi('callsOutbound', outbound.length),
    outboundConnectedRate: kpi(
      'outboundConnectedRate',
      safeRatio(connected.length, outbound.length),
      { num: connected.length, den: outbound.length },
    ),
    talkTime: kpi('talkTime', talk),
    // Without the history the wrap-up is unknown: no handle time rather than a wrong one.
    avgHandleTime: kpi(
      'avgHandleTime',
      handled > 0 && history ? Math.round((talk + wrap) / handled) : null,
    ),
    avgTimeToAnswer: kpi(
      'avgTimeToAnswer',
      mean(answeredIn.map((c) => c.answerSeconds).filter((x): x is number => x !== null)),
    ),
    ringsNotAnswered: kpi(
      'ringsNotAnswered',
      inbound.reduce((n, c) => n + c.missedRings, 0),
    ),
    transfersIn: kpi('transfersIn', calls.filter((c) => c.transferredIn).length),
    transfersOut: kpi('transfersOut', calls.filter((c) => c.transferredOut).length),
  };
  return { kpis: VOICE_KPI_IDS.map((id) => values[id]), calls: [...calls] };
}

/**
 * The whole reduction in one call (what the gateway runs per agent): the centre's records, the
 * agent, the day's bounds in the account's zone and the agent's status history -> the voice day.
 */
export function reduceVoiceDay(
  records: readonly TelCdrRecord[],
  agentId: string,
  day: DayRange,
  history: readonly StatusChange[] | null,
  onCustomerNumber?: (raw: string) => void,
): VoiceDay {
  return buildVoiceDay(extractAgentCalls(records, agentId, day, onCustomerNumber), history);
}
