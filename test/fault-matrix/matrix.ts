/**
 * The fault matrix (issue 6 section 2) as data: one row per fault the simulator can inject, one
 * column per operation, and in each cell the outcome the app must show. Shared by the vitest
 * suite (fault-matrix.test.ts) and the printer (scripts/fault-matrix.ts); how each fault is
 * injected and cleared lives in fault-drivers.ts, how each operation is run in operations.ts.
 *
 * Outcomes:
 * - `ok`: the operation succeeds with no failed attempt;
 * - `ok-after-retry`: it succeeds after at least one failed attempt (a retry inside the call, the
 *   poller's next poll, or the one re-sign of a clock-skew correction);
 * - `error`: it fails with a message that names the fix (`pattern` must match every message);
 * - `n/a`: the fault cannot reach this operation (`reason` says why); the cell is not run.
 * Every cell that runs also checks that the app recovers by itself once the fault clears, and a
 * set-status cell that the requested status is applied in the simulator or reported as failed.
 */

export const OPERATIONS = [
  { id: 'poll', label: 'Poll' },
  { id: 'setStatus', label: 'Set status' },
  { id: 'testConnection', label: 'Test connection' },
  { id: 'deskStats', label: 'Desk stats' },
  { id: 'week', label: '7-day view' },
] as const;

export type OperationId = (typeof OPERATIONS)[number]['id'];

/** What a cell expects. */
export type Expected =
  | { outcome: 'ok' }
  | { outcome: 'ok-after-retry' }
  | { outcome: 'error'; fix: string; pattern: RegExp }
  | { outcome: 'n/a'; reason: string };

export type FaultId =
  | 'latency'
  | 'hang'
  | 'reset'
  | 'refused'
  | 'http5xx'
  | 'nonJson'
  | 'malformedJson'
  | 'internalError'
  | 'rateLimitStorm'
  | 'clockSkewAhead'
  | 'clockSkewBehind'
  | 'revokedKey'
  | 'expiredToken'
  | 'expiredUserSig'
  | 'userSigExpiredPerService'
  | 'wrongDataCentre'
  | 'itemError'
  | 'offline';

/** One row: the fault, how it is made and how it clears, and the expected outcome per operation. */
export interface FaultRow {
  id: FaultId;
  label: string;
  /** What is injected (CCC side and desk side). */
  injected: string;
  /** What "the fault clears" means for this row. */
  clears: string;
  cells: Record<OperationId, Expected>;
}

const ok: Expected = { outcome: 'ok' };
const retried: Expected = { outcome: 'ok-after-retry' };
const error = (fix: string, pattern: RegExp): Expected => ({ outcome: 'error', fix, pattern });
const na = (reason: string): Expected => ({ outcome: 'n/a', reason });

/** The fixes the messages must name (the label is what the table prints). */
const NETWORK = error('check network', /check the network/i);
const RETRY = error('retry', /try(ing)? again|retrying|retries/i);
const ENDPOINT = error('check endpoint', /check the (API endpoint|data centre).*in Settings/i);
const KEY = error('check key', /check them in Settings/i);
const TOKEN = error('new token', /enter new temporary credentials in Settings/i);
const USERSIG = error('paste UserSig', /paste/i);
const CLOCK = error('check clock', /check that this computer's date and time/i);
const DATA_CENTRE = error('choose data centre', /choose the data centre/i);

const CCC_ONLY = 'CCC calls are signed with the API key; the UserSig signs desk requests only';
const SET_ONLY = 'only SetStaffStatus answers carry per-item results';

/** Transient faults last two requests: one more than a poll's single attempt, one less than a
 * call's three attempts, so retries inside a call win and two polls in a row show the state. */
export const TRANSIENT_TIMES = 2;

/** The rows, in the order of issue 6 section 2. */
export const FAULTS: readonly FaultRow[] = [
  {
    id: 'latency',
    label: 'Latency (40 ms)',
    injected: '2 answers 40 ms late (CCC and desk)',
    clears: 'after 2 requests',
    cells: { poll: ok, setStatus: ok, testConnection: ok, deskStats: ok, week: ok },
  },
  {
    id: 'hang',
    label: 'Hang until timeout',
    injected: '2 requests never answered (CCC and desk); the 10 s deadline ends them',
    clears: 'after 2 requests',
    cells: {
      poll: NETWORK,
      setStatus: retried,
      testConnection: NETWORK,
      deskStats: retried,
      week: retried,
    },
  },
  {
    id: 'reset',
    label: 'Connection reset',
    injected: '2 sockets destroyed without an answer (CCC and desk)',
    clears: 'after 2 requests',
    cells: {
      poll: NETWORK,
      setStatus: retried,
      testConnection: NETWORK,
      deskStats: retried,
      week: retried,
    },
  },
  {
    id: 'refused',
    label: 'Refused connection',
    injected: 'the simulator stops listening (ECONNREFUSED everywhere)',
    clears: 'the simulator listens again',
    cells: {
      poll: NETWORK,
      setStatus: NETWORK,
      testConnection: NETWORK,
      deskStats: NETWORK,
      week: NETWORK,
    },
  },
  {
    id: 'http5xx',
    label: 'HTTP 5xx',
    injected: '2 gateway pages with HTTP 502 (CCC and desk)',
    clears: 'after 2 requests',
    cells: {
      poll: RETRY,
      setStatus: retried,
      testConnection: RETRY,
      deskStats: retried,
      week: retried,
    },
  },
  {
    id: 'nonJson',
    label: 'Non-JSON body',
    injected: '2 HTML pages with HTTP 200 (CCC and desk)',
    clears: 'after 2 requests',
    cells: {
      poll: ENDPOINT,
      setStatus: ENDPOINT,
      testConnection: ENDPOINT,
      deskStats: ENDPOINT,
      week: ENDPOINT,
    },
  },
  {
    id: 'malformedJson',
    label: 'Malformed JSON (seeds)',
    injected: '2 answers missing a comma, as in the seed pages (the call itself takes effect)',
    clears: 'after 2 requests',
    cells: {
      poll: ENDPOINT,
      setStatus: ENDPOINT,
      testConnection: ENDPOINT,
      deskStats: ENDPOINT,
      week: ENDPOINT,
    },
  },
  {
    id: 'internalError',
    label: 'InternalError',
    injected: '2 InternalError envelopes (CCC); 2 ErrorCode 141002 (desk)',
    clears: 'after 2 requests',
    cells: {
      poll: RETRY,
      setStatus: retried,
      testConnection: RETRY,
      deskStats: retried,
      week: retried,
    },
  },
  {
    id: 'rateLimitStorm',
    label: 'Rate-limit storm',
    injected: '2 RequestLimitExceeded (CCC); 2 ErrorCode 141009 (desk)',
    clears: 'after 2 requests',
    cells: {
      poll: RETRY,
      setStatus: retried,
      testConnection: RETRY,
      deskStats: retried,
      week: retried,
    },
  },
  {
    id: 'clockSkewAhead',
    label: 'Server clock +10 min',
    injected: 'the server clock runs 10 minutes ahead (signature check and Date header)',
    clears: 'the server clock is right again (the learned offset must be unlearned)',
    cells: {
      poll: retried,
      setStatus: retried,
      testConnection: retried,
      deskStats: retried,
      week: retried,
    },
  },
  {
    id: 'clockSkewBehind',
    label: 'Server clock -10 min',
    injected: 'the server clock runs 10 minutes behind (signature check and Date header)',
    clears: 'the server clock is right again (the learned offset must be unlearned)',
    cells: {
      poll: retried,
      setStatus: retried,
      testConnection: retried,
      deskStats: retried,
      week: retried,
    },
  },
  {
    id: 'revokedKey',
    label: 'Revoked key',
    injected: 'the SecretId is deleted (AuthFailure.SecretIdNotFound)',
    clears: 'the user saves a new key',
    cells: { poll: KEY, setStatus: KEY, testConnection: KEY, deskStats: KEY, week: KEY },
  },
  {
    id: 'expiredToken',
    label: 'Expired temporary token',
    injected: 'temporary credentials (10 min) outlived on the simulator clock',
    clears: 'the user saves new temporary credentials',
    cells: { poll: TOKEN, setStatus: TOKEN, testConnection: TOKEN, deskStats: TOKEN, week: TOKEN },
  },
  {
    id: 'expiredUserSig',
    label: 'Expired UserSig',
    injected: 'a pasted administrator UserSig (5 min) outlived',
    clears: 'the user pastes a new UserSig',
    cells: {
      poll: na(CCC_ONLY),
      setStatus: na(CCC_ONLY),
      testConnection: USERSIG,
      deskStats: USERSIG,
      week: USERSIG,
    },
  },
  {
    id: 'userSigExpiredPerService',
    label: 'UserSig expired (service)',
    injected: 'the desk answers 70001 to a UserSig the app generated from the IM key',
    clears: "the service accepts the app's UserSigs again",
    cells: {
      poll: na(CCC_ONLY),
      setStatus: na(CCC_ONLY),
      testConnection: CLOCK,
      deskStats: CLOCK,
      week: CLOCK,
    },
  },
  {
    id: 'wrongDataCentre',
    label: 'Wrong data centre',
    injected: 'the desk answers 70016 (no key for this SDKAppID in this data centre)',
    clears: 'the user chooses the right data centre',
    cells: {
      poll: na(CCC_ONLY),
      setStatus: na(CCC_ONLY),
      testConnection: DATA_CENTRE,
      deskStats: DATA_CENTRE,
      week: DATA_CENTRE,
    },
  },
  {
    id: 'itemError',
    label: 'Failing item in SetStaffStatus',
    injected: 'SetStaffStatus succeeds, its item carries FailedOperation.SeatStatusBusy',
    clears: 'after 1 request',
    cells: {
      poll: na(SET_ONLY),
      setStatus: error('retry after call', /try again when the call/i),
      testConnection: na(SET_ONLY),
      deskStats: na(SET_ONLY),
      week: na(SET_ONLY),
    },
  },
  {
    id: 'offline',
    label: 'Offline, then back',
    injected: 'the OS reports no network and every connection is refused',
    clears: 'the network is back (OS online, connections accepted)',
    cells: {
      poll: NETWORK,
      setStatus: NETWORK,
      testConnection: NETWORK,
      deskStats: NETWORK,
      week: NETWORK,
    },
  },
];

/**
 * Which rows use each fault the simulator can inject (CCC fault kinds, desk fault kinds, control
 * commands): a kind added to the simulator fails the matrix test until it has a row.
 */
export const SIMULATOR_COVERAGE = {
  ccc: {
    latency: ['latency'],
    hang: ['hang'],
    reset: ['reset'],
    refused: ['refused', 'offline'],
    http5xx: ['http5xx'],
    nonJson: ['nonJson'],
    malformedJson: ['malformedJson'],
    apiError: ['internalError'],
    itemError: ['itemError'],
    rateLimitStorm: ['rateLimitStorm'],
    clockSkew: ['clockSkewAhead', 'clockSkewBehind'],
  },
  desk: {
    error: ['internalError', 'rateLimitStorm', 'userSigExpiredPerService', 'wrongDataCentre'],
    malformed: ['malformedJson'],
    http: ['http5xx'],
  },
  control: {
    revokeKey: ['revokedKey'],
    addTemporaryCredentials: ['expiredToken', 'revokedKey'],
  },
} satisfies Record<string, Record<string, FaultId[]>>;

/** Short text of an expected outcome, as the table prints it. */
export function expectedLabel(e: Expected): string {
  if (e.outcome === 'error') return `error:${e.fix}`;
  return e.outcome;
}
