/**
 * Records the simulated contact-center day produces. The CCC side (metrics, history) and the
 * desk side (agent statistics, IM session records) are both answered from these, so counts match.
 */

/** End statuses of an IM session, as `describe_im_cdr_list` reports them. */
export const IM_END_STATUSES = [
  'AgentEndedSession',
  'UserEndedSession',
  'UserTimeout',
  'AgentTimeout',
  'ChatbotReception',
  'NoAgentsOnline',
  'TimeoutTransfer',
  'ManualTransfer',
  'UserAbandonedDuringQueueing',
] as const;
export type ImEndStatus = (typeof IM_END_STATUSES)[number];

/** One IM session an agent handled (or that ended without one). Times are epoch ms. */
export interface SimImSession {
  sessionId: string;
  /** The agent's account (their email); empty for sessions no agent took. */
  agentId: string;
  agentNickName: string;
  agentGroupId: string;
  agentGroupName: string;
  channelType: 'SDK' | 'Web';
  clientUserId: string;
  clientUserNickName: string;
  /** When the session started (the customer's first message). */
  startMs: number;
  /** When the session ended. */
  endMs: number;
  /** Seconds until the agent's first reply; null when the agent never replied. */
  firstResponseSeconds: number | null;
  /** Average seconds per agent reply; null when the agent never replied. */
  avgResponseSeconds: number | null;
  agentMsgCount: number;
  userMsgCount: number;
  endStatus: ImEndStatus;
  /** 1-5 stars, or 0 when the customer did not rate. */
  satisfaction: 0 | 1 | 2 | 3 | 4 | 5;
  /** A valid session: the agent replied and the user sent at least one message after accept. */
  effective: boolean;
}

/** Who caused a status change: the app via the CCC API, the simulated agent acting in their own
 * workbench, a supervisor (a change made elsewhere), or the system (routing, wrap-up, login). */
export type SimChangeSource = 'api' | 'agent' | 'supervisor' | 'system';

/** One status change of an agent (DescribeStaffStatusHistory). */
export interface SimStatusChange {
  staffUserId: string;
  status: string;
  reason: string;
  /** When the status began, epoch ms. */
  atMs: number;
  /** Channel while busy. */
  extra: { type: 'im' | 'tel'; direct: 'in' | 'out' } | null;
  /** Who made the change (added by the CCC simulator; optional for other producers). */
  source?: SimChangeSource;
  /** The call / IM session the status belongs to (busy, afterCallWork), when there is one. */
  sessionId?: string;
}
