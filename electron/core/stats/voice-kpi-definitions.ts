import type { KpiDefinition, KpiUnit } from './kpi-definitions';

/**
 * The voice KPIs of an agent's day, from the call records (DescribeTelCdr) and the status history:
 * a stable id (the UI's translation key `kpi.<id>`), an English label and the definition shown
 * with it. A call counts on the day it began (its `Time` in the account's time zone), all its
 * talk included, even when it ends or reaches you after midnight. Averages and ratios with a zero
 * denominator have no value (null), never 0 or NaN.
 */

export const VOICE_KPI_IDS = [
  'callsHandled',
  'callsAnsweredIn',
  'callsOutbound',
  'outboundConnectedRate',
  'talkTime',
  'avgHandleTime',
  'avgTimeToAnswer',
  'ringsNotAnswered',
  'transfersIn',
  'transfersOut',
] as const;
export type VoiceKpiId = (typeof VOICE_KPI_IDS)[number];

const def = (
  id: VoiceKpiId,
  unit: KpiUnit,
  label: string,
  definition: string,
): KpiDefinition<VoiceKpiId> => ({ id, unit, label, definition });

/** Every voice KPI's label and definition, by id. */
export const VOICE_KPI_DEFINITIONS: Readonly<Record<VoiceKpiId, KpiDefinition<VoiceKpiId>>> = {
  callsHandled: def(
    'callsHandled',
    'count',
    'Calls handled',
    'Calls you talked on: inbound calls you answered plus outbound calls the customer answered.',
  ),
  callsAnsweredIn: def(
    'callsAnsweredIn',
    'count',
    'Inbound answered',
    'Inbound calls you answered, including calls transferred to you.',
  ),
  callsOutbound: def('callsOutbound', 'count', 'Outbound calls', 'Calls you dialled.'),
  outboundConnectedRate: def(
    'outboundConnectedRate',
    'ratio',
    'Outbound connected',
    'Share of the calls you dialled that the customer answered.',
  ),
  talkTime: def(
    'talkTime',
    'seconds',
    'Talk time',
    'Time on the line with customers, from answer to the end of your part of each call.',
  ),
  avgHandleTime: def(
    'avgHandleTime',
    'seconds',
    'Avg. handle time',
    'Talk time plus the wrap-up after each call, divided by the calls you handled.',
  ),
  avgTimeToAnswer: def(
    'avgTimeToAnswer',
    'seconds',
    'Avg. time to answer',
    'Average time your phone rang before you answered, over the inbound calls you answered.',
  ),
  ringsNotAnswered: def(
    'ringsNotAnswered',
    'count',
    'Rings not answered',
    'Times a call rang you and you did not answer it.',
  ),
  transfersIn: def(
    'transfersIn',
    'count',
    'Transferred to you',
    'Calls another agent transferred to you that you answered.',
  ),
  transfersOut: def(
    'transfersOut',
    'count',
    'Transferred by you',
    'Calls you passed on to another agent.',
  ),
};
