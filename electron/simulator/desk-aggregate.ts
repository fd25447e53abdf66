import type { SimImSession, SimStatusChange } from './world-types';

/**
 * The desk answers computed from the simulated day's records: session records (as
 * `describe_im_cdr_list` lists them) and per-agent statistics (as `describe_agent_statistics`
 * aggregates them). Both read the same sessions through `sessionsIn`, so their counts match.
 */

/** The world methods the desk side reads. A SimWorld satisfies it. */
export interface DeskWorldView {
  imSessions(): readonly SimImSession[];
  statusHistory(staffUserId: string): readonly SimStatusChange[];
}

/** Sessions that started in `[fromSec, toSec]` and have ended by `nowMs`, oldest first. */
export function sessionsIn(
  world: DeskWorldView,
  fromSec: number,
  toSec: number,
  nowMs: number,
): SimImSession[] {
  const fromMs = fromSec * 1000;
  const toMs = toSec * 1000 + 999;
  return world
    .imSessions()
    .filter((s) => s.startMs >= fromMs && s.startMs <= toMs && s.endMs <= nowMs)
    .sort((a, b) => a.startMs - b.startMs || (a.sessionId < b.sessionId ? -1 : 1));
}

const durationSec = (s: SimImSession): number =>
  Math.max(0, Math.round((s.endMs - s.startMs) / 1000));

/** One `IMCdrList` item. */
export function cdrRecord(s: SimImSession): Record<string, unknown> {
  return {
    SessionId: s.sessionId,
    AgentGroupId: s.agentGroupId,
    AgentGroupName: s.agentGroupName,
    AgentId: s.agentId,
    ChannelType: s.channelType,
    ClientUserId: s.clientUserId,
    ClientUserNickName: s.clientUserNickName,
    Duration: durationSec(s),
    EndStatus: s.endStatus,
    SatisfactionSelected: s.satisfaction,
    Timestamp: Math.floor(s.startMs / 1000),
  };
}

/** Seconds in each status inside `[fromSec, endSec)`, the status carried in from before counting. */
function statusSeconds(
  changes: readonly SimStatusChange[],
  fromSec: number,
  endSec: number,
  nowMs: number,
) {
  const out = { free: 0, busy: 0, rest: 0, firstLogin: 0, lastLogout: 0 };
  const items = changes.filter((c) => c.atMs <= nowMs).sort((a, b) => a.atMs - b.atMs);
  for (let i = 0; i < items.length; i++) {
    const c = items[i]!;
    const start = c.atMs / 1000;
    const next = items[i + 1];
    const end = next ? next.atMs / 1000 : endSec;
    const a = Math.max(start, fromSec);
    const b = Math.min(end, endSec);
    if (start >= fromSec && start <= endSec) {
      if (c.status !== 'offline' && out.firstLogin === 0) out.firstLogin = Math.floor(start);
      if (c.status === 'offline') out.lastLogout = Math.floor(start);
    }
    if (b <= a) continue;
    if (c.status === 'free') out.free += b - a;
    else if (c.status === 'busy') out.busy += b - a;
    else if (c.status === 'rest') out.rest += b - a;
  }
  return {
    free: Math.round(out.free),
    busy: Math.round(out.busy),
    rest: Math.round(out.rest),
    firstLogin: out.firstLogin,
    lastLogout: out.lastLogout,
  };
}

const avg = (xs: number[]): number =>
  xs.length === 0 ? 0 : Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);

/** One `Data` item of describe_agent_statistics for `agentId` over `[fromSec, toSec]`. */
export function agentStatisticsRow(
  world: DeskWorldView,
  agentId: string,
  sessions: readonly SimImSession[],
  fromSec: number,
  toSec: number,
  nowMs: number,
): Record<string, unknown> {
  const mine = sessions.filter((s) => s.agentId === agentId);
  const replied = mine.filter((s) => s.firstResponseSeconds !== null);
  const first = replied.map((s) => s.firstResponseSeconds ?? 0);
  const resp = replied.map((s) => s.avgResponseSeconds ?? 0);
  const totalAccept = mine.reduce((n, s) => n + durationSec(s), 0);
  const agentMsg = mine.reduce((n, s) => n + s.agentMsgCount, 0);
  const userMsg = mine.reduce((n, s) => n + s.userMsgCount, 0);
  const st = statusSeconds(
    world.statusHistory(agentId),
    fromSec,
    Math.min(toSec + 1, nowMs / 1000),
    nowMs,
  );
  return {
    AgentId: agentId,
    AgentNickName: mine[0]?.agentNickName ?? agentId.split('@')[0] ?? agentId,
    FirstLoginTimestamp: st.firstLogin,
    LastLogoutTimestamp: st.lastLogout,
    FreeTime: st.free,
    BusyTime: st.busy,
    RestTime: st.rest,
    TotalSessionCnt: mine.length,
    TransferSessionCnt: mine.filter(
      (s) => s.endStatus === 'ManualTransfer' || s.endStatus === 'TimeoutTransfer',
    ).length,
    EffectiveSessionCnt: mine.filter((s) => s.effective).length,
    AgentEndCnt: mine.filter((s) => s.endStatus === 'AgentEndedSession').length,
    ServeUserCnt: new Set(mine.map((s) => s.clientUserId)).size,
    TotalAcceptTime: totalAccept,
    TotalMsgCnt: agentMsg + userMsg,
    AgentMsgCnt: agentMsg,
    UserMsgCnt: userMsg,
    NotRespSessionCnt: mine.length - replied.length,
    AvgFirstRespTime: avg(first),
    FirstRespUnder30sCnt: first.filter((x) => x <= 30).length,
    AvgRespTime: avg(resp),
    AvgRespUnder30sCnt: resp.filter((x) => x <= 30).length,
    AvgAcceptTime: mine.length === 0 ? 0 : Math.round(totalAccept / mine.length),
    SatisfactionSelectedCnt: mine.filter((s) => s.satisfaction > 0).length,
    SatisfiedCnt: mine.filter((s) => s.satisfaction >= 4).length,
  };
}

/**
 * The agents a statistics answer has rows for: the named ones the world knows (sessions in the
 * range, or any status change by its end), else every agent with sessions in the range.
 */
export function agentsFor(
  world: DeskWorldView,
  sessions: readonly SimImSession[],
  named: readonly string[] | null,
  toSec: number,
): string[] {
  const withSessions = new Set<string>();
  for (const s of sessions) if (s.agentId) withSessions.add(s.agentId);
  if (!named) return [...withSessions].sort();
  const known = (id: string): boolean =>
    withSessions.has(id) || world.statusHistory(id).some((c) => c.atMs / 1000 <= toSec + 1);
  return [...new Set(named)].filter(known).sort();
}
