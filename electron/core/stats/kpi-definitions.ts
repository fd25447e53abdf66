/**
 * The desk KPIs the daily stats show: a stable id (the UI's translation key), an English label
 * and the definition the UI shows when asked "what does this mean?". Ratios say their
 * denominator; a ratio or average whose denominator is zero has no value (null), never 0 or NaN.
 */

export const KPI_IDS = [
  'sessionsTotal',
  'sessionsEffective',
  'sessionsTransferred',
  'sessionsEndedByAgent',
  'sessionsUnreplied',
  'usersServed',
  'messagesTotal',
  'messagesAgent',
  'messagesUser',
  'avgFirstResponse',
  'firstResponseUnder30sRate',
  'avgResponse',
  'responseUnder30sRate',
  'avgSessionLength',
  'ratedSessions',
  'satisfactionRate',
] as const;
export type KpiId = (typeof KPI_IDS)[number];

export type KpiUnit = 'count' | 'seconds' | 'ratio';

/** How a KPI is named and explained (desk KPIs here; voice ones in voice-kpi-definitions.ts). */
export interface KpiDefinition<Id extends string = KpiId> {
  id: Id;
  unit: KpiUnit;
  label: string;
  definition: string;
}

const def = (id: KpiId, unit: KpiUnit, label: string, definition: string): KpiDefinition => ({
  id,
  unit,
  label,
  definition,
});

/** Every KPI's label and definition, by id. */
export const KPI_DEFINITIONS: Readonly<Record<KpiId, KpiDefinition>> = {
  sessionsTotal: def(
    'sessionsTotal',
    'count',
    'Sessions',
    'Chat sessions you received during the day.',
  ),
  sessionsEffective: def(
    'sessionsEffective',
    'count',
    'Effective sessions',
    'Sessions in which you replied and the customer wrote again after you accepted.',
  ),
  sessionsTransferred: def(
    'sessionsTransferred',
    'count',
    'Transferred',
    'Sessions you transferred to another agent or group (including transfers that timed out).',
  ),
  sessionsEndedByAgent: def(
    'sessionsEndedByAgent',
    'count',
    'Ended by you',
    'Sessions you closed yourself.',
  ),
  sessionsUnreplied: def(
    'sessionsUnreplied',
    'count',
    'Unreplied',
    'Sessions in which you never sent a reply.',
  ),
  usersServed: def(
    'usersServed',
    'count',
    'Customers served',
    'Distinct customers in your sessions.',
  ),
  messagesTotal: def('messagesTotal', 'count', 'Messages', 'All messages in your sessions.'),
  messagesAgent: def('messagesAgent', 'count', 'Your messages', 'Messages you sent.'),
  messagesUser: def('messagesUser', 'count', 'Customer messages', 'Messages your customers sent.'),
  avgFirstResponse: def(
    'avgFirstResponse',
    'seconds',
    'Avg. first response',
    'Average time from accepting a session to your first reply, over sessions you replied to.',
  ),
  firstResponseUnder30sRate: def(
    'firstResponseUnder30sRate',
    'ratio',
    'First reply within 30 s',
    'Share of the sessions you replied to whose first reply came within 30 seconds.',
  ),
  avgResponse: def(
    'avgResponse',
    'seconds',
    'Avg. response time',
    'Average time you took to answer a customer message, over sessions you replied to.',
  ),
  responseUnder30sRate: def(
    'responseUnder30sRate',
    'ratio',
    'Avg. response within 30 s',
    'Share of the sessions you replied to whose average response time was within 30 seconds.',
  ),
  avgSessionLength: def(
    'avgSessionLength',
    'seconds',
    'Avg. session length',
    'Average duration of your sessions.',
  ),
  ratedSessions: def(
    'ratedSessions',
    'count',
    'Rated sessions',
    'Sessions in which the customer gave a star rating.',
  ),
  satisfactionRate: def(
    'satisfactionRate',
    'ratio',
    'Satisfaction',
    'Share of rated sessions rated 4 or 5 stars.',
  ),
};

/** End statuses of a session record, with a label for each. Unknown ones are shown as sent. */
export const END_STATUS_LABELS: Readonly<Record<string, string>> = {
  AgentEndedSession: 'Ended by you',
  UserEndedSession: 'Ended by the customer',
  UserTimeout: 'Customer stopped replying',
  AgentTimeout: 'Reply timed out',
  ChatbotReception: 'Handled by the chatbot',
  NoAgentsOnline: 'No agent online',
  TimeoutTransfer: 'Transfer timed out',
  ManualTransfer: 'Transferred',
  UserAbandonedDuringQueueing: 'Abandoned in queue',
};

/** `num / den`, null when the denominator is not positive; clamped to [0, 1]. */
export function safeRatio(num: number, den: number): number | null {
  if (!(den > 0) || !Number.isFinite(num)) return null;
  return Math.min(1, Math.max(0, num / den));
}
