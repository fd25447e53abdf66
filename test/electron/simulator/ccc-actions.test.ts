import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/index';
import { FakeClock } from '../../helpers/fake-clock';
import { cccCall, MORNING, must, type ApiResponse } from './sim-client';

// Field names and types of StaffStatusMetrics as the seed page's example shows them.
const SEED_METRICS_KEYS = [
  'Email',
  'Status',
  'StatusExtra',
  'OnlineDuration',
  'FreeDuration',
  'BusyDuration',
  'NotReadyDuration',
  'RestDuration',
  'AfterCallWorkDuration',
  'Reason',
  'ReserveRest',
  'ReserveNotReady',
  'UseMobileAccept',
  'UseMobileCallOut',
  'LastOnlineTimestamp',
  'LastStatusTimestamp',
];
const SEED_SET_ITEM_KEYS = [
  'ErrorCode',
  'ErrorMessage',
  'PreviousReason',
  'PreviousStatus',
  'Reason',
  'StaffUserId',
  'Status',
];

describe('simulator CCC actions', () => {
  let clock: FakeClock;
  let sim: RunningSimulator;
  let demo: string;
  const call = (action: string, params: Record<string, unknown>) =>
    cccCall(sim, clock, action, params);
  const code = (r: { response: ApiResponse }) => r.response.Error?.Code as string | undefined;
  const metricsOf = async (staff: string): Promise<ApiResponse> => {
    const r = await call('DescribeStaffStatusMetrics', {
      SdkAppId: sim.sdkAppId,
      StaffList: [staff],
    });
    return r.response.Metrics[0];
  };

  beforeEach(async () => {
    clock = new FakeClock(MORNING);
    sim = await startSimulator({ clock, autopilot: false, seed: 5 });
    demo = sim.staff[0]!;
  });
  afterEach(() => sim.close());

  describe('DescribeStaffStatusMetrics', () => {
    it('returns every field of StaffStatusMetrics with the seed types', async () => {
      must(await sim.control.startCall(demo, { type: 'tel', direct: 'in' }));
      clock.advance(75_000);
      const r = await call('DescribeStaffStatusMetrics', { SdkAppId: sim.sdkAppId });
      expect(code(r)).toBeUndefined();
      expect(r.response.Metrics).toHaveLength(sim.staff.length);
      const m = r.response.Metrics[0];
      expect(Object.keys(m)).toEqual(SEED_METRICS_KEYS);
      expect(m).toMatchObject({
        Email: demo,
        Status: 'busy',
        StatusExtra: { Type: 'tel', Direct: 'callin' },
        OnlineDuration: 75,
        FreeDuration: 0,
        BusyDuration: 75,
        Reason: '',
        ReserveRest: false,
        ReserveNotReady: false,
        UseMobileAccept: expect.any(Number),
        UseMobileCallOut: expect.any(Boolean),
        LastOnlineTimestamp: Math.floor(MORNING / 1000),
        LastStatusTimestamp: Math.floor(MORNING / 1000),
      });
      const free = r.response.Metrics[1];
      expect(free.Status).toBe('free');
      expect(free.StatusExtra).toBeNull();
      expect(free.FreeDuration).toBe(75);
    });

    it('reports null timestamps for an agent never online', async () => {
      // Autopilot agents are offline before their shift: at 00:10 local nobody but the demo agent logged in.
      const early = new FakeClock(Date.UTC(2025, 2, 9, 16, 10));
      const other = await startSimulator({ clock: early, seed: 5 });
      try {
        const r = await cccCall(other, early, 'DescribeStaffStatusMetrics', {
          SdkAppId: other.sdkAppId,
          StaffList: [other.staff[1]],
        });
        expect(r.response.Metrics[0]).toMatchObject({
          Status: 'offline',
          LastOnlineTimestamp: null,
          LastStatusTimestamp: null,
        });
      } finally {
        await other.close();
      }
    });

    it('filters by StaffList, GroupIdList and StatusList (AND), unknown staff simply match nothing', async () => {
      must(await sim.control.setStatus(sim.staff[1]!, 'rest', 'Lunch'));
      const byStaff = await call('DescribeStaffStatusMetrics', {
        SdkAppId: sim.sdkAppId,
        StaffList: [sim.staff[1], 'nobody@example.com'],
      });
      expect(byStaff.response.Metrics.map((m: ApiResponse) => m.Email)).toEqual([sim.staff[1]]);
      const byStatus = await call('DescribeStaffStatusMetrics', {
        SdkAppId: sim.sdkAppId,
        StatusList: ['rest'],
      });
      expect(byStatus.response.Metrics.map((m: ApiResponse) => m.Email)).toEqual([sim.staff[1]]);
      expect(byStatus.response.Metrics[0].Reason).toBe('Lunch');
      const groups = sim.world.staff();
      const hotline = groups.filter((s) => s.groupIds.includes(1001)).map((s) => s.userId);
      const byGroup = await call('DescribeStaffStatusMetrics', {
        SdkAppId: sim.sdkAppId,
        GroupIdList: [1001],
      });
      expect(byGroup.response.Metrics.map((m: ApiResponse) => m.Email)).toEqual(hotline);
      expect(hotline.length).toBeLessThan(sim.staff.length);
      const none = await call('DescribeStaffStatusMetrics', {
        SdkAppId: sim.sdkAppId,
        GroupIdList: [1001],
        StatusList: ['rest'],
      });
      expect(none.response.Metrics.map((m: ApiResponse) => m.Email)).toEqual(
        hotline.filter((e) => e === sim.staff[1]),
      );
    });

    it('rejects bad parameters with the API codes', async () => {
      expect(code(await call('DescribeStaffStatusMetrics', {}))).toBe('MissingParameter');
      expect(
        code(await call('DescribeStaffStatusMetrics', { SdkAppId: String(sim.sdkAppId) })),
      ).toBe('InvalidParameter');
      expect(code(await call('DescribeStaffStatusMetrics', { SdkAppId: 1400000000 }))).toBe(
        'InvalidParameterValue.InstanceNotExist',
      );
      expect(
        code(
          await call('DescribeStaffStatusMetrics', {
            SdkAppId: sim.sdkAppId,
            StatusList: ['sleeping'],
          }),
        ),
      ).toBe('InvalidParameterValue');
      expect(
        code(await call('DescribeStaffStatusMetrics', { SdkAppId: sim.sdkAppId, StaffList: 'x' })),
      ).toBe('InvalidParameter');
      expect(
        code(await call('DescribeStaffStatusMetrics', { SdkAppId: sim.sdkAppId, Limit: 10 })),
      ).toBe('UnknownParameter');
    });
  });

  describe('SetStaffStatus', () => {
    it('answers one item per staff member with the seed fields and PreviousStatus/PreviousReason', async () => {
      must(await sim.control.setStatus(demo, 'rest', 'Meeting'));
      const r = await call('SetStaffStatus', {
        SdkAppId: sim.sdkAppId,
        StaffStatusList: [
          { StaffUserId: demo, Status: 'free', Reason: 'huiyi' },
          { StaffUserId: sim.staff[1], Status: 'notReady' },
        ],
      });
      expect(code(r)).toBeUndefined();
      const [a, b] = r.response.StaffStatusList;
      expect(Object.keys(a)).toEqual(SEED_SET_ITEM_KEYS);
      expect(a).toEqual({
        ErrorCode: '',
        ErrorMessage: '',
        PreviousReason: 'Meeting',
        PreviousStatus: 'rest',
        Reason: 'huiyi',
        StaffUserId: demo,
        Status: 'free',
      });
      expect(b).toMatchObject({
        ErrorCode: '',
        PreviousStatus: 'free',
        Status: 'notReady',
        Reason: '',
      });
      expect((await metricsOf(demo)).Status).toBe('free');
      expect((await metricsOf(demo)).Reason).toBe('');
      expect((await metricsOf(sim.staff[1]!)).Status).toBe('notReady');
    });

    it('fails items, not the call, for unknown or offline staff', async () => {
      must(await sim.control.setOffline(sim.staff[2]!));
      const r = await call('SetStaffStatus', {
        SdkAppId: sim.sdkAppId,
        StaffStatusList: [
          { StaffUserId: 'ghost@example.com', Status: 'rest' },
          { StaffUserId: sim.staff[2], Status: 'rest' },
          { StaffUserId: demo, Status: 'rest', Reason: 'Coffee break' },
        ],
      });
      expect(code(r)).toBeUndefined();
      const items = r.response.StaffStatusList;
      expect(items[0]).toMatchObject({
        StaffUserId: 'ghost@example.com',
        ErrorCode: 'InvalidParameterValue.AccountNotExist',
      });
      expect(items[1]).toMatchObject({ ErrorCode: 'FailedOperation', PreviousStatus: 'offline' });
      expect(items[2]).toMatchObject({ ErrorCode: '', PreviousStatus: 'free' });
      expect((await metricsOf(sim.staff[2]!)).Status).toBe('offline');
    });

    it('rejects the whole call for more than 10 items, an empty list, or a system status', async () => {
      const items = Array.from({ length: 11 }, () => ({ StaffUserId: demo, Status: 'rest' }));
      expect(
        code(await call('SetStaffStatus', { SdkAppId: sim.sdkAppId, StaffStatusList: items })),
      ).toBe('InvalidParameterValue');
      expect(
        code(
          await call('SetStaffStatus', {
            SdkAppId: sim.sdkAppId,
            StaffStatusList: items.slice(0, 10),
          }),
        ),
      ).toBeUndefined();
      expect(
        code(await call('SetStaffStatus', { SdkAppId: sim.sdkAppId, StaffStatusList: [] })),
      ).toBe('InvalidParameterValue');
      expect(code(await call('SetStaffStatus', { SdkAppId: sim.sdkAppId }))).toBe(
        'MissingParameter',
      );
      for (const status of ['busy', 'afterCallWork', 'offline', 'lunch']) {
        const r = await call('SetStaffStatus', {
          SdkAppId: sim.sdkAppId,
          StaffStatusList: [
            { StaffUserId: sim.staff[1], Status: 'free' },
            { StaffUserId: demo, Status: status },
          ],
        });
        expect(code(r), status).toBe('InvalidParameterValue');
      }
      // Nothing changed: the call failed before any item applied.
      expect((await metricsOf(sim.staff[1]!)).Status).toBe('free');
      expect(
        code(
          await call('SetStaffStatus', {
            SdkAppId: sim.sdkAppId,
            StaffStatusList: [{ StaffUserId: demo }],
          }),
        ),
      ).toBe('MissingParameter');
      expect(
        code(
          await call('SetStaffStatus', {
            SdkAppId: sim.sdkAppId,
            StaffStatusList: [{ StaffUserId: demo, Status: 'rest', Mood: 1 }],
          }),
        ),
      ).toBe('UnknownParameter');
    });
  });

  describe('DescribeStaffStatusHistory', () => {
    const t0 = Math.floor(MORNING / 1000);

    async function makeHistory(): Promise<void> {
      clock.advance(60_000);
      must(await sim.control.startCall(demo, { type: 'im', direct: 'in' }));
      clock.advance(120_000);
      must(await sim.control.endCall(demo));
      clock.advance(30_000);
      await call('SetStaffStatus', {
        SdkAppId: sim.sdkAppId,
        StaffStatusList: [{ StaffUserId: demo, Status: 'rest', Reason: 'Lunch' }],
      });
    }

    it('lists the status changes with the official field names', async () => {
      await makeHistory();
      const r = await call('DescribeStaffStatusHistory', {
        SdkAppId: sim.sdkAppId,
        StaffUserId: demo,
        StartTimestamp: t0 - 3600,
        EndTimestamp: t0 + 3600,
      });
      expect(code(r)).toBeUndefined();
      const data = r.response.Data as ApiResponse[];
      expect(data.map((d) => [d.Status, d.Timestamp - t0])).toEqual([
        ['free', 0],
        ['busy', 60],
        ['afterCallWork', 180],
        ['free', 210],
        ['rest', 210],
      ]);
      expect(Object.keys(data[1]!).sort()).toEqual([
        'Cursor',
        'Reason',
        'SessionId',
        'StaffEmail',
        'StaffNo',
        'Status',
        'Timestamp',
      ]);
      expect(data[1]!.SessionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(data[2]!.SessionId).toBe(data[1]!.SessionId);
      expect(data[4]).toMatchObject({
        Reason: 'Lunch',
        StaffEmail: demo,
        StaffNo: '1001',
        SessionId: '',
      });
      // The IM session became a record the desk side can report.
      expect(sim.world.imSessions().map((s) => s.sessionId)).toEqual([data[1]!.SessionId]);
    });

    it('pages with Cursor and PageSize, and honours the time range', async () => {
      await makeHistory();
      const base = {
        SdkAppId: sim.sdkAppId,
        StaffUserId: demo,
        StartTimestamp: t0,
        EndTimestamp: t0 + 3600,
        PageSize: 2,
      };
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 5; page++) {
        const r = await call(
          'DescribeStaffStatusHistory',
          cursor ? { ...base, Cursor: cursor } : base,
        );
        const data = r.response.Data as ApiResponse[];
        seen.push(...data.map((d) => d.Status as string));
        if (data.length < 2) break;
        cursor = data[data.length - 1]!.Cursor as string;
      }
      expect(seen).toEqual(['free', 'busy', 'afterCallWork', 'free', 'rest']);
      const window = await call('DescribeStaffStatusHistory', {
        ...base,
        StartTimestamp: t0 + 60,
        EndTimestamp: t0 + 180,
        PageSize: 10,
      });
      expect(window.response.Data.map((d: ApiResponse) => d.Status)).toEqual([
        'busy',
        'afterCallWork',
      ]);
    });

    it('rejects ranges of 7 days or more, reversed ranges, bad cursors and unknown staff', async () => {
      const base = {
        SdkAppId: sim.sdkAppId,
        StaffUserId: demo,
        StartTimestamp: t0 - 7 * 86400,
        EndTimestamp: t0,
      };
      expect(code(await call('DescribeStaffStatusHistory', base))).toBe('InvalidParameterValue');
      expect(
        code(
          await call('DescribeStaffStatusHistory', { ...base, StartTimestamp: t0 - 7 * 86400 + 1 }),
        ),
      ).toBeUndefined();
      expect(
        code(await call('DescribeStaffStatusHistory', { ...base, StartTimestamp: t0 + 10 })),
      ).toBe('InvalidParameterValue');
      expect(
        code(
          await call('DescribeStaffStatusHistory', {
            ...base,
            StartTimestamp: t0 - 10,
            Cursor: 'nonsense',
          }),
        ),
      ).toBe('InvalidParameterValue');
      expect(
        code(
          await call('DescribeStaffStatusHistory', {
            ...base,
            StartTimestamp: t0 - 10,
            PageSize: 0,
          }),
        ),
      ).toBe('InvalidParameterValue');
      expect(
        code(
          await call('DescribeStaffStatusHistory', {
            ...base,
            StartTimestamp: t0 - 10,
            StaffUserId: 'ghost@example.com',
          }),
        ),
      ).toBe('InvalidParameterValue.AccountNotExist');
      expect(
        code(
          await call('DescribeStaffStatusHistory', { SdkAppId: sim.sdkAppId, StaffUserId: demo }),
        ),
      ).toBe('MissingParameter');
    });
  });
});
