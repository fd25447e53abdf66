import { z } from 'zod';
import type { Result } from '../../../shared/result';

/**
 * Typed shapes of the two IM desk commands the app uses (seeds: desk-describe_agent_statistics,
 * desk-describe_im_cdr_list), the schemas every body is validated against, and the `DeskApi`
 * interface the stats service depends on. Times are epoch SECONDS as the API sends them.
 */

/** IM envelope: HTTP 200 with `ActionStatus` OK or FAIL. */
export const imEnvelopeSchema = z.object({
  ActionStatus: z.string(),
  ErrorCode: z
    .union([
      z.number(),
      z
        .string()
        .regex(/^-?\d+$/)
        .transform(Number),
    ])
    .optional(),
  ErrorInfo: z.string().optional(),
});

const count = z.number().int().nonnegative();
/** A numeric field the service may omit when zero; a wrong type is still an error. */
const num = count.default(0);

export const agentStatisticsRowSchema = z.object({
  AgentId: z.string().min(1),
  AgentNickName: z.string().default(''),
  FirstLoginTimestamp: num,
  LastLogoutTimestamp: num,
  FreeTime: num,
  BusyTime: num,
  RestTime: num,
  TotalSessionCnt: num,
  TransferSessionCnt: num,
  EffectiveSessionCnt: num,
  AgentEndCnt: num,
  ServeUserCnt: num,
  TotalAcceptTime: num,
  TotalMsgCnt: num,
  AgentMsgCnt: num,
  UserMsgCnt: num,
  NotRespSessionCnt: num,
  AvgFirstRespTime: num,
  FirstRespUnder30sCnt: num,
  AvgRespTime: num,
  AvgRespUnder30sCnt: num,
  AvgAcceptTime: num,
  SatisfactionSelectedCnt: num,
  SatisfiedCnt: num,
});
/** One agent's statistics for one day, as the API names the fields. */
export type AgentStatisticsRow = z.infer<typeof agentStatisticsRowSchema>;

export const agentStatisticsPageSchema = z.object({
  TotalCount: count,
  Data: z.array(agentStatisticsRowSchema).optional(),
});

export const imCdrRecordSchema = z.object({
  SessionId: z.string().min(1),
  AgentGroupId: z.string().default(''),
  AgentGroupName: z.string().default(''),
  AgentId: z.string().default(''),
  ChannelType: z.string().default(''),
  ClientUserId: z.string().default(''),
  ClientUserNickName: z.string().default(''),
  Duration: num,
  EndStatus: z.string().default(''),
  /** 1-5 stars; 0 or absent when the customer did not rate. */
  SatisfactionSelected: z.number().int().min(0).max(5).default(0),
  Timestamp: count,
});
/** One IM session record, as the API names the fields. */
export type ImCdrRecord = z.infer<typeof imCdrRecordSchema>;

export const imCdrPageSchema = z.object({
  TotalCount: count,
  IMCdrList: z.array(imCdrRecordSchema).optional(),
});

/** One whole day in the account's time zone: its key and its `From`/`To` in epoch seconds. */
export interface DeskDay {
  /** `YYYY-MM-DD` in the account's time zone. */
  day: string;
  from: number;
  to: number;
}

/** The agent's statistics for one day; `row` is null when the service has none (no activity). */
export interface AgentStatisticsDay extends DeskDay {
  row: AgentStatisticsRow | null;
  /** Requests sent for this day (pages; retries not counted). */
  pages: number;
}

/** The agent's own session records of one day, and how much was read to find them. */
export interface ImCdrDay extends DeskDay {
  records: ImCdrRecord[];
  /** Records of every agent in the day (`TotalCount`). */
  totalCount: number;
  /** Requests sent for this day (pages; retries not counted). */
  pages: number;
}

export interface DeskCallOptions {
  signal?: AbortSignal;
  maxAttempts?: number;
}

/** The desk operations the stats service depends on. Never throws: failures are values. */
export interface DeskApi {
  /** One request per day (From 00:00:00 .. To 23:59:59 in the account's time zone), oldest first. */
  describeAgentStatistics(
    range: { fromDay: string; toDay: string },
    opts?: DeskCallOptions,
  ): Promise<Result<AgentStatisticsDay[]>>;
  /** Every record of the day, paged with Limit 100, filtered to the agent's own. */
  describeImCdrList(day: string, opts?: DeskCallOptions): Promise<Result<ImCdrDay>>;
}
