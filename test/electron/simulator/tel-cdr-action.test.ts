import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/index';
import { FakeClock } from '../../helpers/fake-clock';
import { cccCall, MORNING, must, type ApiResponse } from './sim-client';

// Every field of TelCdrInfo, SeatUserInfo and ServeParticipant on the seed page.
const TEL_CDR_KEYS = [
  'Caller',
  'Callee',
  'Time',
  'Direction',
  'Duration',
  'RecordURL',
  'RecordId',
  'SeatUser',
  'EndStatus',
  'SkillGroup',
  'CallerLocation',
  'IVRDuration',
  'RingTimestamp',
  'AcceptTimestamp',
  'EndedTimestamp',
  'IVRKeyPressed',
  'HungUpSide',
  'ServeParticipants',
  'SkillGroupId',
  'EndStatusString',
  'StartTimestamp',
  'QueuedTimestamp',
  'PostIVRKeyPressed',
  'QueuedSkillGroupId',
  'SessionId',
  'ProtectedCaller',
  'ProtectedCallee',
  'UUI',
  'IVRKeyPressedEx',
  'AsrUrl',
  'CustomRecordURL',
  'Remark',
  'QueuedSkillGroupName',
  'VoicemailRecordURL',
  'VoicemailAsrURL',
].sort();
const SEAT_USER_KEYS = [
  'Name',
  'Mail',
  'StaffNumber',
  'Phone',
  'Nick',
  'UserId',
  'SkillGroupNameList',
  'Role',
].sort();
const PARTICIPANT_KEYS = [
  'Mail',
  'Phone',
  'RingTimestamp',
  'AcceptTimestamp',
  'EndedTimestamp',
  'RecordId',
  'Type',
  'TransferFrom',
  'TransferFromType',
  'TransferTo',
  'TransferToType',
  'SkillGroupId',
  'EndStatusString',
  'RecordURL',
  'Sequence',
  'StartTimestamp',
  'SkillGroupName',
  'CustomRecordURL',
].sort();

const S = 1000;
const DAY_S = 86_400;

describe('simulator DescribeTelCdr', () => {
  let clock: FakeClock;
  let sim: RunningSimulator;
  let agent: string;
  const nowS = () => Math.floor(clock.now() / 1000);
  const call = (params: Record<string, unknown>) => cccCall(sim, clock, 'DescribeTelCdr', params);
  const code = (r: { response: ApiResponse }) => r.response.Error?.Code as string | undefined;
  const range = (extra: Record<string, unknown> = {}) => ({
    SdkAppId: sim.sdkAppId,
    StartTimeStamp: nowS() - 3600,
    EndTimeStamp: nowS(),
    PageSize: 100,
    PageNumber: 0,
    ...extra,
  });
  /** One answered inbound call of `seconds`, record readable at once. */
  const oneCall = async (seconds: number) => {
    must(await sim.control.startCall(agent, { type: 'tel', direct: 'in' }));
    clock.advance(seconds * S);
    must(await sim.control.endCall(agent));
    must(await sim.control.finishWrapUp(agent));
    clock.advance(S);
  };

  beforeEach(async () => {
    clock = new FakeClock(MORNING);
    // The fake clock stands still between calls: a high limit except in the rate-limit test.
    sim = await startSimulator({ clock, autopilot: false, seed: 3, rateLimitPerSecond: 10_000 });
    agent = sim.staff[1]!;
    must(await sim.control.setCdrDelay({ minSeconds: 0, maxSeconds: 0 }));
  });
  afterEach(() => sim.close());

  it('answers with TotalCount and TelCdrList, every record with every documented field', async () => {
    await oneCall(90);
    const r = await call(range());
    expect(code(r)).toBeUndefined();
    expect(r.response.TotalCount).toBe(1);
    expect(r.response.TelCdrs).toBeUndefined();
    const [rec] = r.response.TelCdrList as ApiResponse[];
    expect(Object.keys(rec!).sort()).toEqual(TEL_CDR_KEYS);
    expect(Object.keys(rec!.SeatUser).sort()).toEqual(SEAT_USER_KEYS);
    expect(Object.keys(rec!.ServeParticipants[0]).sort()).toEqual(PARTICIPANT_KEYS);
    expect(rec).toMatchObject({
      Direction: 0,
      Duration: 90,
      EndStatus: 1,
      EndStatusString: 'ok',
      Callee: '008675586001234',
      SeatUser: { Mail: agent },
    });
    expect(rec!.Caller).toMatch(/^0086\d{11}$/);
  });

  it('pages with PageSize and PageNumber, TotalCount counting every record of the range', async () => {
    for (let i = 0; i < 130; i++) await oneCall(30);
    const p0 = await call(range({ StartTimeStamp: nowS() - 7200 }));
    const p1 = await call(range({ StartTimeStamp: nowS() - 7200, PageNumber: 1 }));
    const p2 = await call(range({ StartTimeStamp: nowS() - 7200, PageNumber: 2 }));
    expect([p0, p1, p2].map((p) => p.response.TotalCount)).toEqual([130, 130, 130]);
    expect([p0, p1, p2].map((p) => p.response.TelCdrList.length)).toEqual([100, 30, 0]);
    const ids = [...p0.response.TelCdrList, ...p1.response.TelCdrList].map(
      (r: ApiResponse) => r.SessionId,
    );
    expect(new Set(ids).size).toBe(130);
    const times = [...p0.response.TelCdrList, ...p1.response.TelCdrList].map(
      (r: ApiResponse) => r.Time as number,
    );
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const small = await call(range({ StartTimeStamp: nowS() - 7200, PageSize: 7, PageNumber: 3 }));
    expect(small.response.TelCdrList.map((r: ApiResponse) => r.SessionId)).toEqual(
      ids.slice(21, 28),
    );
  });

  it('lists a call only once its record has arrived, and only calls that began in the range', async () => {
    must(await sim.control.setCdrDelay({ minSeconds: 45, maxSeconds: 45 }));
    const before = nowS();
    await oneCall(60);
    expect((await call(range())).response.TotalCount).toBe(0);
    clock.advance(43 * S); // oneCall left 1 s after the end: 44 s after it
    expect((await call(range())).response.TotalCount).toBe(0);
    clock.advance(S);
    expect((await call(range())).response.TotalCount).toBe(1);
    // The range filters on Time (the call's start), not on its end.
    expect((await call(range({ EndTimeStamp: before - 1 }))).response.TotalCount).toBe(0);
    expect((await call(range({ StartTimeStamp: before + 1 }))).response.TotalCount).toBe(0);
  });

  it('filters by Phones and SessionIds', async () => {
    await oneCall(10);
    await oneCall(20);
    const all = (await call(range())).response.TelCdrList as ApiResponse[];
    expect(all).toHaveLength(2);
    const byPhone = await call(range({ Phones: [all[1]!.Caller] }));
    expect(byPhone.response.TelCdrList.map((r: ApiResponse) => r.SessionId)).toEqual([
      all[1]!.SessionId,
    ]);
    const bySession = await call(range({ SessionIds: [all[0]!.SessionId, 'nope'] }));
    expect(bySession.response.TotalCount).toBe(1);
  });

  it.each([
    [{ StartTimeStamp: undefined }, 'MissingParameter'],
    [{ PageSize: undefined }, 'MissingParameter'],
    [{ PageNumber: undefined }, 'MissingParameter'],
    [{ StartTimestamp: 1 }, 'UnknownParameter'], // the lower-case s of other actions
    [{ EndTimeStamp: 'now' }, 'InvalidParameter'],
    [{ PageSize: 101 }, 'InvalidParameterValue'],
    [{ PageSize: 0 }, 'InvalidParameterValue'],
    [{ PageNumber: -1 }, 'InvalidParameterValue'],
    [{ Phones: [1] }, 'InvalidParameter'],
    [{ SdkAppId: 1 }, 'InvalidParameterValue.InstanceNotExist'],
  ])('refuses %j with %s', async (patch, expected) => {
    const params: Record<string, unknown> = range();
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete params[k];
      else params[k] = v;
    }
    expect(code(await call(params))).toBe(expected);
  });

  it('takes a range under 90 days, at most 180 days back, end not before start', async () => {
    const end = nowS();
    const ok = await call(range({ StartTimeStamp: end - 90 * DAY_S + 1, EndTimeStamp: end }));
    expect(code(ok)).toBeUndefined();
    const tooLong = await call(range({ StartTimeStamp: end - 90 * DAY_S, EndTimeStamp: end }));
    expect(code(tooLong)).toBe('InvalidParameterValue');
    expect(tooLong.response.Error.Message).toContain('90 days');
    const tooOld = await call(
      range({ StartTimeStamp: end - 181 * DAY_S, EndTimeStamp: end - 180 * DAY_S }),
    );
    expect(code(tooOld)).toBe('InvalidParameterValue');
    expect(code(await call(range({ StartTimeStamp: end, EndTimeStamp: end - 1 })))).toBe(
      'InvalidParameterValue',
    );
  });

  it('checks the signature and the per-action rate limit like every other action', async () => {
    const badKey = await cccCall(sim, clock, 'DescribeTelCdr', range(), { secretKey: 'wrong' });
    expect(code(badKey)).toBe('AuthFailure.SignatureFailure');
    await sim.close();
    sim = await startSimulator({ clock, autopilot: false, rateLimitPerSecond: 3 });
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++) codes.push(code(await call(range())));
    expect(codes).toEqual([undefined, undefined, undefined, 'RequestLimitExceeded']);
    // The limit is per action: the status poll still goes through.
    const metrics = await cccCall(sim, clock, 'DescribeStaffStatusMetrics', {
      SdkAppId: sim.sdkAppId,
    });
    expect(code(metrics)).toBeUndefined();
  });
});
