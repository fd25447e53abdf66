import { z } from 'zod';
import type { CccClient } from '../../electron/core/api/ccc-types';
import type { DeskClient } from '../../electron/core/api/desk-client';
import type { Result } from '../../shared/result';

/**
 * The parser fuzz's fixtures: each call of the CCC and desk clients the app makes, a valid API
 * answer for it (shaped like the seeds), and the app type (zod, strict) an ok result must have.
 */

/** The agent the calls ask about, and the past day the desk calls read. */
export const AGENT = 'agent@example.com';
export const DAY = '2026-11-18';

const nonNeg = z.number().int().nonnegative();
const metricsValue = z.array(
  z.strictObject({
    email: z.string(),
    status: z.string().min(1),
    statusExtra: z
      .strictObject({
        type: z.enum(['im', 'tel', 'all', 'unknown']),
        direction: z.enum(['in', 'out', 'unknown']),
        rawType: z.string().nullable(),
        rawDirect: z.string().nullable(),
      })
      .nullable(),
    onlineDuration: nonNeg,
    freeDuration: nonNeg,
    busyDuration: nonNeg,
    notReadyDuration: nonNeg,
    restDuration: nonNeg,
    afterCallWorkDuration: nonNeg,
    reason: z.string(),
    reserveRest: z.boolean(),
    reserveNotReady: z.boolean(),
    useMobileAccept: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    useMobileCallOut: z.boolean(),
    lastOnlineTimestamp: nonNeg.nullable(),
    lastStatusTimestamp: nonNeg.nullable(),
  }),
);
const setValue = z.array(
  z.strictObject({
    staffUserId: z.string(),
    status: z.string(),
    reason: z.string(),
    previousStatus: z.string(),
    previousReason: z.string(),
    errorCode: z.string(),
    errorMessage: z.string(),
  }),
);
const historyValue = z.array(
  z.strictObject({
    staffUserId: z.literal(AGENT),
    status: z.string().min(1),
    reason: z.string(),
    timestamp: nonNeg,
    duration: nonNeg.nullable(),
    statusExtra: z.null(),
    sessionId: z.string().nullable(),
    cursor: z.string(),
  }),
);
const stamp = nonNeg.nullable();
const telCdrValue = z.strictObject({
  records: z.array(
    z.strictObject({
      sessionId: z.string(),
      time: nonNeg,
      direction: z.enum(['in', 'out']).nullable(),
      caller: z.string(),
      callee: z.string(),
      duration: nonNeg,
      endStatus: z.number().int().nullable(),
      endStatusString: z.string(),
      startAt: stamp,
      queuedAt: stamp,
      ringAt: stamp,
      acceptAt: stamp,
      endedAt: stamp,
      hungUpSide: z.string(),
      skillGroupId: z.number().int().nullable(),
      skillGroup: z.string(),
      seatUser: z
        .strictObject({ mail: z.string(), name: z.string(), staffNumber: z.string() })
        .nullable(),
      participants: z.array(
        z.strictObject({
          mail: z.string(),
          type: z.string(),
          startAt: stamp,
          ringAt: stamp,
          acceptAt: stamp,
          endedAt: stamp,
          transferFrom: z.string(),
          transferFromType: z.string(),
          transferTo: z.string(),
          transferToType: z.string(),
          skillGroupId: z.number().int().nullable(),
          skillGroupName: z.string(),
          endStatusString: z.string(),
          sequence: z.number().int().nullable(),
        }),
      ),
    }),
  ),
  totalCount: nonNeg.nullable(),
  pages: nonNeg,
  skipped: nonNeg,
});
const cccValue = <T extends z.ZodType>(v: T) =>
  z.strictObject({ value: v, requestId: z.string(), serverDate: z.number().nullable() });
const deskRow = z.object({ AgentId: z.string().min(1) }).catchall(z.union([z.string(), nonNeg]));
const statsValue = z.array(
  z.strictObject({
    day: z.literal(DAY),
    from: nonNeg,
    to: nonNeg,
    row: deskRow.nullable(),
    pages: nonNeg,
  }),
);
const cdrValue = z.strictObject({
  day: z.literal(DAY),
  from: nonNeg,
  to: nonNeg,
  records: z.array(
    z.object({ SessionId: z.string().min(1), AgentId: z.string(), Timestamp: nonNeg }),
  ),
  totalCount: nonNeg,
  pages: nonNeg,
});

const metric = (email: string, status: string) => ({
  Email: email,
  Status: status,
  StatusExtra: { Type: 'tel', Direct: 'callin' },
  OnlineDuration: 3600,
  FreeDuration: 1200,
  BusyDuration: 1800,
  NotReadyDuration: 0,
  RestDuration: 600,
  AfterCallWorkDuration: 0,
  Reason: '会议',
  ReserveRest: false,
  ReserveNotReady: false,
  UseMobileAccept: 0,
  UseMobileCallOut: true,
  LastOnlineTimestamp: 1763510400,
  LastStatusTimestamp: 1763514000,
});
const cdr = (id: string, agentId: string) => ({
  SessionId: id,
  AgentGroupId: '3067',
  AgentGroupName: 'Online customer service',
  AgentId: agentId,
  ChannelType: 'SDK',
  ClientUserId: '1299314544',
  ClientUserNickName: 'Shannon 😀',
  Duration: 10,
  EndStatus: 'AgentEndedSession',
  SatisfactionSelected: 5,
  Timestamp: 1763443136,
});

/** One API call under test. */
export interface Call {
  name: string;
  /** A valid answer (the API's JSON). */
  valid: unknown;
  run(): Promise<Result<unknown>>;
  value: z.ZodType;
  source: 'ccc' | 'desk';
}

/** Every call of both clients the app makes, with a valid answer and the type it must produce. */
export function clientCalls(ccc: CccClient, desk: DeskClient): readonly Call[] {
  return [
    {
      name: 'DescribeStaffStatusMetrics',
      source: 'ccc',
      valid: {
        Response: {
          Metrics: [metric(AGENT, 'busy'), metric('b@example.com', 'free')],
          RequestId: 'req-1',
        },
      },
      run: () => ccc.describeStaffStatusMetrics({ staffList: [AGENT] }, { maxAttempts: 1 }),
      value: cccValue(metricsValue),
    },
    {
      name: 'SetStaffStatus',
      source: 'ccc',
      valid: {
        Response: {
          StaffStatusList: [
            {
              StaffUserId: AGENT,
              Status: 'rest',
              Reason: 'Lunch',
              PreviousStatus: 'free',
              PreviousReason: '',
              ErrorCode: '',
              ErrorMessage: '',
            },
          ],
          RequestId: 'req-2',
        },
      },
      run: () =>
        ccc.setStaffStatus([{ staffUserId: AGENT, status: 'rest', reason: 'Lunch' }], {
          maxAttempts: 1,
        }),
      value: cccValue(setValue),
    },
    {
      name: 'DescribeStaffStatusHistory',
      source: 'ccc',
      valid: {
        Response: {
          Data: [
            {
              Cursor: 'MTc2MzUxMDQwMDAwMA==',
              Timestamp: 1763510400,
              Status: 'free',
              SessionId: '',
            },
            {
              Cursor: 'MTc2MzUxNDAwMDAwMA==',
              Timestamp: 1763514000,
              Status: 'busy',
              SessionId: 'call-1',
            },
          ],
          RequestId: 'req-3',
        },
      },
      run: () =>
        ccc.describeStaffStatusHistory(
          { staffUserId: AGENT, startTimestamp: 1763481600, endTimestamp: 1763567999 },
          { maxAttempts: 1 },
        ),
      value: cccValue(historyValue),
    },
    {
      name: 'DescribeTelCdr',
      source: 'ccc',
      valid: {
        Response: {
          TotalCount: 2,
          TelCdrList: [
            {
              SessionId: 'call-1',
              Caller: '008613800000001',
              Callee: '008675586001234',
              Time: 1763510400,
              Direction: 0,
              Duration: 120,
              EndStatus: 1,
              EndStatusString: 'ok',
              RingTimestamp: 1763510405,
              AcceptTimestamp: 1763510410,
              EndedTimestamp: 1763510530,
              SeatUser: {
                Name: 'Li 会议',
                Mail: AGENT,
                StaffNumber: '1001',
                Phone: '008613900000000',
              },
              ServeParticipants: [
                {
                  Mail: AGENT,
                  Type: 'staffSeat',
                  RingTimestamp: 1763510405,
                  AcceptTimestamp: 1763510410,
                  EndedTimestamp: 1763510530,
                  Sequence: 0,
                },
              ],
            },
            { SessionId: 'call-2', Time: 1763511400, Direction: 1, EndStatus: 202 },
          ],
          RequestId: 'req-4',
        },
      },
      run: () =>
        ccc.describeTelCdr(
          { startTimestamp: 1763481600, endTimestamp: 1763567999 },
          { maxAttempts: 1 },
        ),
      value: cccValue(telCdrValue),
    },
    {
      name: 'describe_agent_statistics',
      source: 'desk',
      valid: {
        ActionStatus: 'OK',
        ErrorCode: 0,
        ErrorInfo: '',
        TotalCount: 1,
        Data: [
          {
            AgentId: AGENT,
            AgentNickName: 'Li 会议',
            FreeTime: 100,
            BusyTime: 200,
            TotalSessionCnt: 3,
            SatisfiedCnt: 1,
          },
        ],
      },
      run: () => desk.describeAgentStatistics({ fromDay: DAY, toDay: DAY }, { maxAttempts: 1 }),
      value: statsValue,
    },
    {
      name: 'describe_im_cdr_list',
      source: 'desk',
      valid: {
        ActionStatus: 'OK',
        ErrorCode: 0,
        ErrorInfo: '',
        TotalCount: 2,
        IMCdrList: [cdr('s-1', AGENT), cdr('s-2', 'other@example.com')],
      },
      run: () => desk.describeImCdrList(DAY, { maxAttempts: 1 }),
      value: cdrValue,
    },
  ];
}
