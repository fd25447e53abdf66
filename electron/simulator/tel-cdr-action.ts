import { telEndStatusCode } from '../../shared/tel-cdr-vocabulary';
import {
  arrayOf,
  badType,
  checkSdkAppId,
  fail,
  isInt,
  isString,
  missing,
  unknownParam,
  type Action,
} from './action-params';
import { callDurationSeconds, type SimTelCall, type SimTelLeg } from './tel-calls';

/**
 * DescribeTelCdr with the official request and response shapes (TencentCloud/
 * tencentcloud-sdk-nodejs ccc_models.ts; seed page ccc-data-types.txt): request `SdkAppId`,
 * `StartTimeStamp` / `EndTimeStamp` (capital S; the range under 90 days; the start at most 180
 * days back), `PageSize` (1-100) and `PageNumber` (from 0), both required, optional `Phones` and
 * `SessionIds`; the deprecated `InstanceId`, `Limit`, `Offset` are accepted and ignored. Answer:
 * `TotalCount` and `TelCdrList` (the deprecated `TelCdrs` is not sent), the records of the calls
 * whose `Time` is in the range and whose record has arrived (a call's record arrives a little
 * after it ends), oldest `Time` first.
 */

const DAY_S = 86_400;
const MAX_RANGE_S = 90 * DAY_S;
const MAX_BACK_S = 180 * DAY_S;
const PAGE_MAX = 100;
const PARAMS = [
  'SdkAppId',
  'StartTimeStamp',
  'EndTimeStamp',
  'InstanceId',
  'Limit',
  'Offset',
  'PageSize',
  'PageNumber',
  'Phones',
  'SessionIds',
] as const;

const sec = (ms: number | null): number | null => (ms === null ? null : Math.floor(ms / 1000));
/** The agents' own numbers (SeatUserInfo.Phone, "preceded by 0086"), derived from the work number. */
const agentPhone = (staffNo: string): string => `0086139${staffNo.padStart(8, '0')}`;

function participant(c: SimTelCall, l: SimTelLeg, i: number): Record<string, unknown> {
  const type = 'staffSeat';
  return {
    Mail: l.agentId,
    Phone: agentPhone(l.staffNo),
    RingTimestamp: sec(l.ringMs),
    AcceptTimestamp: sec(l.acceptMs),
    EndedTimestamp: sec(l.endMs),
    RecordId: l.acceptMs === null ? '' : `${c.sessionId}-${i}`,
    Type: type,
    TransferFrom: l.transferFrom,
    TransferFromType: l.transferFrom ? type : '',
    TransferTo: l.transferTo,
    TransferToType: l.transferTo ? type : '',
    SkillGroupId: c.skillGroup.id,
    EndStatusString: l.endStatus,
    RecordURL: l.acceptMs === null ? '' : `https://records.sim.invalid/${c.sessionId}-${i}.mp3`,
    Sequence: i,
    StartTimestamp: sec(l.ringMs),
    SkillGroupName: c.skillGroup.name,
    CustomRecordURL: '',
  };
}

/** One `TelCdrInfo` with every field of the data type. */
export function toTelCdrInfo(c: SimTelCall): Record<string, unknown> {
  const inbound = c.direction === 'in';
  const last = c.legs.at(-1);
  const firstAccept = c.legs.find((l) => l.acceptMs !== null)?.acceptMs ?? null;
  const answered = inbound ? firstAccept : c.customerAcceptMs;
  return {
    Caller: inbound ? c.customer : c.line,
    Callee: inbound ? c.line : c.customer,
    Time: sec(c.startMs),
    Direction: inbound ? 0 : 1,
    Duration: callDurationSeconds(c),
    RecordURL: answered === null ? '' : `https://records.sim.invalid/${c.sessionId}.mp3`,
    RecordId: answered === null ? null : c.sessionId,
    SeatUser: last
      ? {
          Name: last.nickName,
          Mail: last.agentId,
          StaffNumber: last.staffNo,
          Phone: agentPhone(last.staffNo),
          Nick: last.nickName,
          UserId: last.agentId,
          SkillGroupNameList: [c.skillGroup.name],
          Role: 3,
        }
      : null,
    EndStatus: telEndStatusCode(c.endStatus),
    SkillGroup: c.skillGroup.name,
    CallerLocation: inbound ? 'Guangdong Shenzhen' : '',
    IVRDuration: inbound ? c.ivrSeconds : null,
    RingTimestamp: inbound ? sec(c.legs[0]?.ringMs ?? null) : sec(c.startMs + 1000),
    AcceptTimestamp: sec(answered),
    EndedTimestamp: sec(c.endMs),
    IVRKeyPressed: inbound && c.ivrSeconds > 0 ? ['1'] : [],
    HungUpSide: c.hungUpSide,
    ServeParticipants: c.legs.map((l, i) => participant(c, l, i)),
    SkillGroupId: c.skillGroup.id,
    EndStatusString: c.endStatus,
    StartTimestamp: sec(c.startMs),
    QueuedTimestamp: sec(c.queuedMs),
    PostIVRKeyPressed: [],
    QueuedSkillGroupId: inbound && c.queuedMs !== null ? c.skillGroup.id : null,
    SessionId: c.sessionId,
    ProtectedCaller: '',
    ProtectedCallee: '',
    UUI: '',
    IVRKeyPressedEx: inbound && c.ivrSeconds > 0 ? [{ Key: '1', Label: 'Service' }] : [],
    AsrUrl: '',
    CustomRecordURL: '',
    Remark: '',
    QueuedSkillGroupName: inbound && c.queuedMs !== null ? c.skillGroup.name : '',
    VoicemailRecordURL: [],
    VoicemailAsrURL: [],
  };
}

/** The DescribeTelCdr action over the world's finished calls. */
export const describeTelCdr: Action = (params, ctx) => {
  const bad = unknownParam(params, PARAMS) ?? checkSdkAppId(params, ctx);
  if (bad) return bad;
  const { StartTimeStamp: start, EndTimeStamp: end, PageSize: size, PageNumber: page } = params;
  for (const [name, v] of [
    ['StartTimeStamp', start],
    ['EndTimeStamp', end],
    ['PageSize', size],
    ['PageNumber', page],
  ] as const) {
    if (v === undefined) return missing(name);
    if (!isInt(v)) return badType(name, 'an integer');
  }
  for (const name of ['InstanceId', 'Limit', 'Offset'] as const)
    if (params[name] !== undefined && !isInt(params[name])) return badType(name, 'an integer');
  const phones = arrayOf(params, 'Phones', isString, 'strings');
  if (!Array.isArray(phones)) return phones;
  const sessionIds = arrayOf(params, 'SessionIds', isString, 'strings');
  if (!Array.isArray(sessionIds)) return sessionIds;
  const [s, e, n, p] = [start, end, size, page] as number[] as [number, number, number, number];
  if (e < s)
    return fail('InvalidParameterValue', 'EndTimeStamp must not be before StartTimeStamp.');
  if (e - s >= MAX_RANGE_S)
    return fail(
      'InvalidParameterValue',
      'The range between StartTimeStamp and EndTimeStamp must be less than 90 days.',
    );
  const nowMs = ctx.world.now();
  if (s < Math.floor(nowMs / 1000) - MAX_BACK_S)
    return fail('InvalidParameterValue', 'StartTimeStamp can be at most 180 days back.');
  if (n < 1 || n > PAGE_MAX)
    return fail('InvalidParameterValue', `PageSize must be between 1 and ${PAGE_MAX}.`);
  if (p < 0) return fail('InvalidParameterValue', 'PageNumber must be 0 or more.');
  let calls = ctx.world.phone.book.visibleIn(s * 1000, e * 1000 + 999, nowMs);
  if (phones.length > 0) {
    const wanted = new Set(phones);
    calls = calls.filter((c) => wanted.has(c.customer) || wanted.has(c.line));
  }
  if (sessionIds.length > 0) {
    const wanted = new Set(sessionIds);
    calls = calls.filter((c) => wanted.has(c.sessionId));
  }
  const list = calls.slice(p * n, p * n + n).map(toTelCdrInfo);
  return { ok: true, data: { TotalCount: calls.length, TelCdrList: list } };
};
