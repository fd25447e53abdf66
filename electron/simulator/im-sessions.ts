import type { Prng } from './prng';
import type { ImEndStatus, SimImSession } from './world-types';
import { SIM_SKILL_GROUPS, type SimStaffMember } from './roster';

/** Generates the IM session records of the simulated day with realistic, internally consistent values. */

const IM_GROUP = SIM_SKILL_GROUPS.find((g) => g.id === 1002)!;

const CLIENT_NICKS: readonly string[] = [
  'Shannong',
  'Tom',
  'Xiaoyu',
  'Lena',
  'Wei',
  'María',
  'Kofi',
  'Ingrid',
  '小明',
  'Ahmed',
  'Chloé',
  'Raj',
];

/** A session id in the shape the desk API uses (a UUID), drawn from the seeded stream. */
export function simSessionId(rng: Prng): string {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function clientFields(
  rng: Prng,
): Pick<SimImSession, 'channelType' | 'clientUserId' | 'clientUserNickName'> {
  return {
    channelType: rng.chance(0.6) ? 'SDK' : 'Web',
    clientUserId: String(rng.int(1_000_000_000, 1_999_999_999)),
    clientUserNickName: rng.pick(CLIENT_NICKS),
  };
}

function rating(rng: Prng): SimImSession['satisfaction'] {
  if (!rng.chance(0.55)) return 0;
  return rng.weighted<SimImSession['satisfaction']>([
    [5, 50],
    [4, 28],
    [3, 12],
    [2, 6],
    [1, 4],
  ]);
}

/**
 * The record of an IM session an agent took, from accept (`startMs`) to end (`endMs`).
 * About 8% go unreplied (no first response, not effective). Response times never exceed the
 * session's length; message counts grow with it.
 */
export function generateAgentImSession(
  rng: Prng,
  agent: Pick<SimStaffMember, 'userId' | 'nickName'>,
  sessionId: string,
  startMs: number,
  endMs: number,
): SimImSession {
  const durationS = Math.max(1, Math.round((endMs - startMs) / 1000));
  const base = {
    sessionId,
    agentId: agent.userId,
    agentNickName: agent.nickName,
    agentGroupId: String(IM_GROUP.id),
    agentGroupName: IM_GROUP.name,
    ...clientFields(rng),
    startMs,
    endMs,
  };
  if (rng.chance(0.08)) {
    return {
      ...base,
      firstResponseSeconds: null,
      avgResponseSeconds: null,
      agentMsgCount: 0,
      userMsgCount: rng.int(1, 3),
      endStatus: rng.weighted<ImEndStatus>([
        ['UserEndedSession', 45],
        ['AgentTimeout', 35],
        ['UserTimeout', 20],
      ]),
      satisfaction: rng.chance(0.2) ? rng.pick([1, 2] as const) : 0,
      effective: false,
    };
  }
  const cap = Math.max(1, durationS - 1);
  const first = Math.round(Math.min(cap, rng.logNormal(12, 0.7, 2, 180)));
  const avg = Math.round(Math.min(cap, Math.max(first, rng.logNormal(24, 0.5, 5, 120))));
  const turns = Math.max(1, Math.round(durationS / rng.between(35, 70)));
  const agentMsgCount = Math.max(1, turns + rng.int(-1, 2));
  const userMsgCount = rng.chance(0.1) ? 1 : Math.max(2, turns + rng.int(-1, 3));
  return {
    ...base,
    firstResponseSeconds: first,
    avgResponseSeconds: avg,
    agentMsgCount,
    userMsgCount,
    endStatus: rng.weighted<ImEndStatus>([
      ['AgentEndedSession', 58],
      ['UserEndedSession', 26],
      ['UserTimeout', 8],
      ['ManualTransfer', 5],
      ['TimeoutTransfer', 3],
    ]),
    satisfaction: rating(rng),
    // Effective: the agent replied and the user wrote again after the accept.
    effective: userMsgCount >= 2,
  };
}

/** A session no agent took (chatbot only, nobody online, abandoned in the queue): `agentId` is ''. */
export function generateUnassignedImSession(rng: Prng, startMs: number): SimImSession {
  const endStatus = rng.weighted<ImEndStatus>([
    ['ChatbotReception', 55],
    ['UserAbandonedDuringQueueing', 30],
    ['NoAgentsOnline', 15],
  ]);
  const durationS = Math.round(
    endStatus === 'ChatbotReception' ? rng.between(30, 400) : rng.between(5, 180),
  );
  return {
    sessionId: simSessionId(rng),
    agentId: '',
    agentNickName: '',
    agentGroupId: String(IM_GROUP.id),
    agentGroupName: IM_GROUP.name,
    ...clientFields(rng),
    startMs,
    endMs: startMs + durationS * 1000,
    firstResponseSeconds: null,
    avgResponseSeconds: null,
    agentMsgCount: 0,
    userMsgCount: rng.int(1, 6),
    endStatus,
    satisfaction: 0,
    effective: false,
  };
}
