import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/index';
import { FakeClock } from '../../helpers/fake-clock';
import { cccCall, MORNING, must, type ApiResponse } from './sim-client';

describe('reserved breaks (ReserveRest / ReserveNotReady)', () => {
  let clock: FakeClock;
  let sim: RunningSimulator;
  let agent: string;

  const setStatus = async (status: string, reason?: string): Promise<ApiResponse> => {
    const item: Record<string, string> = { StaffUserId: agent, Status: status };
    if (reason !== undefined) item.Reason = reason;
    const r = await cccCall(sim, clock, 'SetStaffStatus', {
      SdkAppId: sim.sdkAppId,
      StaffStatusList: [item],
    });
    return r.response.StaffStatusList[0];
  };
  const metrics = async (): Promise<ApiResponse> => {
    const r = await cccCall(sim, clock, 'DescribeStaffStatusMetrics', {
      SdkAppId: sim.sdkAppId,
      StaffList: [agent],
    });
    return r.response.Metrics[0];
  };

  beforeEach(async () => {
    clock = new FakeClock(MORNING);
    sim = await startSimulator({ clock, autopilot: false });
    agent = sim.staff[0]!;
  });
  afterEach(() => sim.close());

  it('rest asked for during a call is reserved, then applied when the call and the wrap-up end', async () => {
    must(await sim.control.startCall(agent, { type: 'tel', direct: 'in' }));
    const item = await setStatus('rest', 'Lunch');
    expect(item).toMatchObject({
      ErrorCode: '',
      PreviousStatus: 'busy',
      Status: 'rest',
      Reason: 'Lunch',
    });
    expect(await metrics()).toMatchObject({
      Status: 'busy',
      ReserveRest: true,
      ReserveNotReady: false,
    });

    clock.advance(90_000);
    must(await sim.control.endCall(agent));
    expect(await metrics()).toMatchObject({
      Status: 'afterCallWork',
      ReserveRest: true,
      StatusExtra: null,
    });

    clock.advance(29_000);
    expect((await metrics()).Status).toBe('afterCallWork');
    clock.advance(1_000);
    const m = await metrics();
    expect(m).toMatchObject({
      Status: 'rest',
      Reason: 'Lunch',
      ReserveRest: false,
      ReserveNotReady: false,
    });
    expect(m.LastStatusTimestamp).toBe(Math.floor(MORNING / 1000) + 120);
    expect(m).toMatchObject({ BusyDuration: 90, AfterCallWorkDuration: 30, RestDuration: 0 });
  });

  it('notReady asked for during wrap-up is reserved; asking for free cancels the reservation', async () => {
    must(await sim.control.startCall(agent, { type: 'im', direct: 'in' }));
    must(await sim.control.endCall(agent, { wrapUpSeconds: 10 }));
    expect((await setStatus('notReady')).PreviousStatus).toBe('afterCallWork');
    expect(await metrics()).toMatchObject({
      Status: 'afterCallWork',
      ReserveNotReady: true,
      ReserveRest: false,
    });
    // Changing one's mind: rest replaces notReady, free cancels everything.
    await setStatus('rest', 'Coffee break');
    expect(await metrics()).toMatchObject({ ReserveNotReady: false, ReserveRest: true });
    await setStatus('free');
    expect(await metrics()).toMatchObject({ ReserveNotReady: false, ReserveRest: false });
    clock.advance(10_000);
    expect(await metrics()).toMatchObject({ Status: 'free', ReserveRest: false });
  });

  it('without a reservation the wrap-up ends in free; the history tells who did what', async () => {
    must(await sim.control.startCall(agent, { type: 'tel', direct: 'out' }));
    expect((await metrics()).StatusExtra).toEqual({ Type: 'tel', Direct: 'callout' });
    must(await sim.control.endCall(agent));
    clock.advance(30_000);
    expect((await metrics()).Status).toBe('free');
    must(await sim.control.setStatus(agent, 'rest', 'Meeting'));
    const h = sim.world.statusHistory(agent);
    expect(h.map((c) => [c.status, c.source])).toEqual([
      ['free', 'system'],
      ['busy', 'system'],
      ['afterCallWork', 'system'],
      ['free', 'system'],
      ['rest', 'supervisor'],
    ]);
    expect(h[1]!.extra).toEqual({ type: 'tel', direct: 'out' });
  });

  it('a supervisor asking for rest during a call also only reserves it', async () => {
    must(await sim.control.startCall(agent, { type: 'tel', direct: 'in' }));
    const r = must(await sim.control.setStatus(agent, 'rest', 'Meeting'));
    expect(r.effect).toBe('reserved');
    expect(await metrics()).toMatchObject({ Status: 'busy', ReserveRest: true });
    must(await sim.control.endCall(agent));
    must(await sim.control.finishWrapUp(agent));
    expect(await metrics()).toMatchObject({
      Status: 'rest',
      Reason: 'Meeting',
      ReserveRest: false,
    });
  });

  it('control refuses impossible transitions as values, not exceptions', async () => {
    expect((await sim.control.endCall(agent)).ok).toBe(false);
    must(await sim.control.setOffline(agent));
    const r = await sim.control.startCall(agent, { type: 'tel', direct: 'in' });
    expect(r.ok ? null : r.error.code).toBe('InvalidState');
    const u = await sim.control.setStatus('ghost@example.com', 'rest');
    expect(u.ok ? null : u.error.code).toBe('UnknownStaff');
  });
});
