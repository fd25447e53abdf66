/**
 * The call-record vocabulary shared by the core (reading DescribeTelCdr), the simulator (writing
 * it) and the renderer (translating it): no zod here. Sources: the data-types seed page
 * (`TelCdrInfo.EndStatus` / `EndStatusString`) and the official SDK models
 * (TencentCloud/tencentcloud-sdk-nodejs src/services/ccc/v20200210/ccc_models.ts), which add
 * 108-111 and 212 and name 100 `blackList`.
 */

/** Which calls an end status applies to (the "Scenario" column of the docs). */
export type TelEndScenario = 'in' | 'out' | 'both';

/** Every documented `EndStatus` code with its `EndStatusString`. */
export const TEL_END_STATUSES = [
  { code: 1, name: 'ok', scenario: 'both' },
  { code: 0, name: 'error', scenario: 'both' },
  { code: 100, name: 'blackList', scenario: 'in' },
  { code: 102, name: 'ivrGiveUp', scenario: 'in' },
  { code: 103, name: 'waitingGiveUp', scenario: 'in' },
  { code: 104, name: 'ringingGiveUp', scenario: 'in' },
  { code: 105, name: 'noSeatOnline', scenario: 'in' },
  { code: 106, name: 'notWorkTime', scenario: 'in' },
  { code: 107, name: 'ivrEnd', scenario: 'in' },
  { code: 2, name: 'unconnected', scenario: 'out' },
  { code: 108, name: 'restrictedCallee', scenario: 'out' },
  { code: 109, name: 'tooManyRequest', scenario: 'out' },
  { code: 110, name: 'restrictedArea', scenario: 'out' },
  { code: 111, name: 'restrictedTime', scenario: 'out' },
  { code: 201, name: 'unknown', scenario: 'out' },
  { code: 202, name: 'notAnswer', scenario: 'out' },
  { code: 203, name: 'userReject', scenario: 'out' },
  { code: 204, name: 'powerOff', scenario: 'out' },
  { code: 205, name: 'numberNotExist', scenario: 'out' },
  { code: 206, name: 'busy', scenario: 'out' },
  { code: 207, name: 'outOfCredit', scenario: 'out' },
  { code: 208, name: 'operatorError', scenario: 'out' },
  { code: 209, name: 'callerCancel', scenario: 'out' },
  { code: 210, name: 'notInService', scenario: 'out' },
  { code: 211, name: 'clientError', scenario: 'both' },
  { code: 212, name: 'carrierBlocked', scenario: 'out' },
] as const satisfies readonly { code: number; name: string; scenario: TelEndScenario }[];

/** An `EndStatusString` the docs list. */
export type TelEndStatusName = (typeof TEL_END_STATUSES)[number]['name'];

/** `EndStatusString` for a code ('' for a code the docs do not list). */
export function telEndStatusName(code: number | null | undefined): string {
  return TEL_END_STATUSES.find((s) => s.code === code)?.name ?? '';
}

/** The code of an `EndStatusString` (null for one the docs do not list). */
export function telEndStatusCode(name: string): number | null {
  return TEL_END_STATUSES.find((s) => s.name === name)?.code ?? null;
}

/**
 * How one of the agent's calls ended, from the agent's side: `completed` (you talked and the call
 * ended with you), `transferred` (you talked, then passed it on), `missed` (it rang you and you did
 * not answer), `notConnected` (your outbound call was never answered).
 */
export const CALL_OUTCOMES = ['completed', 'transferred', 'missed', 'notConnected'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** Call directions as the app names them (`Direction` 0 = in, 1 = out). */
export const CALL_DIRECTIONS = ['in', 'out'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];
