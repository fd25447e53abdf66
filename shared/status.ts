/** The agent statuses CCC reports, and the three an agent may set. */
export const AGENT_STATUSES = [
  'free',
  'busy',
  'rest',
  'notReady',
  'afterCallWork',
  'offline',
] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** Statuses SetStaffStatus accepts. `busy`, `afterCallWork` and `offline` are set by the system. */
export const SETTABLE_STATUSES = ['free', 'rest', 'notReady'] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

/** Type guard for values read from the network or from IPC. */
export function isAgentStatus(value: unknown): value is AgentStatus {
  return typeof value === 'string' && (AGENT_STATUSES as readonly string[]).includes(value);
}

/** Type guard for statuses an agent may ask for. */
export function isSettableStatus(value: unknown): value is SettableStatus {
  return typeof value === 'string' && (SETTABLE_STATUSES as readonly string[]).includes(value);
}

/** Statuses during which a request for rest/notReady is reserved until the call and wrap-up end. */
export const ON_CALL_STATUSES: readonly AgentStatus[] = ['busy', 'afterCallWork'];
