import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/index';
import { FakeClock } from '../../helpers/fake-clock';
import { cccCall, controlCall, MORNING, rawRequest } from './sim-client';

describe('simulator HTTP control (/__sim/<command>)', () => {
  let clock: FakeClock;
  let sim: RunningSimulator;
  let agent: string;
  const metrics = async () =>
    (
      await cccCall(sim, clock, 'DescribeStaffStatusMetrics', {
        SdkAppId: sim.sdkAppId,
        StaffList: [agent],
      })
    ).response.Metrics[0];

  beforeEach(async () => {
    clock = new FakeClock(MORNING);
    sim = await startSimulator({ clock, autopilot: false });
    agent = sim.staff[0]!;
  });
  afterEach(() => sim.close());

  it('refuses commands without the token or with a wrong one, and changes nothing', async () => {
    const none = await controlCall(
      sim,
      'startCall',
      { staff: agent, type: 'tel', direct: 'in' },
      null,
    );
    expect(none.status).toBe(401);
    expect(none.json).toEqual({
      ok: false,
      error: { code: 'Unauthorized', message: expect.any(String) },
    });
    const wrong = await controlCall(
      sim,
      'startCall',
      { staff: agent, type: 'tel', direct: 'in' },
      sim.controlToken.slice(1) + 'x',
    );
    expect(wrong.status).toBe(401);
    expect((await metrics()).Status).toBe('free');
  });

  it('drives the world with the token: calls, wrap-up, supervisor changes, state', async () => {
    const start = await controlCall(sim, 'startCall', { staff: agent, type: 'im', direct: 'in' });
    expect(start.status).toBe(200);
    expect(start.json.value).toMatchObject({ status: 'busy', extra: { type: 'im', direct: 'in' } });
    expect((await metrics()).StatusExtra).toEqual({ Type: 'im', Direct: 'callin' });

    await controlCall(sim, 'setStatus', { staff: agent, status: 'notReady' });
    expect((await metrics()).ReserveNotReady).toBe(true);
    const end = await controlCall(sim, 'endCall', { staff: agent, wrapUpSeconds: 5 });
    expect(end.json.value.wrapUpEndsAtMs).toBe(MORNING + 5_000);
    clock.advance(5_000);
    expect((await metrics()).Status).toBe('notReady');

    const state = await controlCall(sim, 'state');
    expect(state.json.value.nowMs).toBe(MORNING + 5_000);
    expect(state.json.value.agents).toHaveLength(sim.staff.length);
    expect(sim.world.statusHistory(agent).at(-1)).toMatchObject({
      status: 'notReady',
      source: 'system',
    });

    await controlCall(sim, 'setOffline', { staff: agent });
    expect((await metrics()).Status).toBe('offline');
    await controlCall(sim, 'setOnline', { staff: agent });
    expect((await metrics()).Status).toBe('free');
  });

  it('injects and clears faults, and issues temporary credentials', async () => {
    const f = await controlCall(sim, 'injectFault', {
      kind: 'apiError',
      code: 'InternalError',
      times: 1,
    });
    expect(f.json).toMatchObject({ ok: true, value: { kind: 'apiError', code: 'InternalError' } });
    expect(
      (await cccCall(sim, clock, 'DescribeStaffStatusMetrics', { SdkAppId: sim.sdkAppId })).response
        .Error.Code,
    ).toBe('InternalError');
    const tmp = await controlCall(sim, 'addTemporaryCredentials', { ttlSeconds: 300 });
    const { secretId, secretKey, token } = tmp.json.value;
    const r = await cccCall(
      sim,
      clock,
      'DescribeStaffStatusMetrics',
      { SdkAppId: sim.sdkAppId },
      { secretId, secretKey, token },
    );
    expect(r.response.Error).toBeUndefined();
    expect((await controlCall(sim, 'revokeKey', { secretId })).status).toBe(200);
    const revoked = await cccCall(
      sim,
      clock,
      'DescribeStaffStatusMetrics',
      { SdkAppId: sim.sdkAppId },
      { secretId, secretKey, token },
    );
    expect(revoked.response.Error.Code).toBe('AuthFailure.SecretIdNotFound');
    expect((await controlCall(sim, 'clearFaults')).json).toEqual({
      ok: true,
      value: { cleared: true },
    });
  });

  it('passes desk faults to the desk handler and reports invalid ones', async () => {
    expect(
      (await controlCall(sim, 'injectDeskFault', { kind: 'error', code: 141009 })).status,
    ).toBe(200);
    expect((await controlCall(sim, 'injectDeskFault', { kind: 'nope' })).status).toBe(400);
    expect((await controlCall(sim, 'clearDeskFaults')).status).toBe(200);
  });

  it('answers unknown commands, bad arguments and impossible requests with clear statuses', async () => {
    expect((await controlCall(sim, 'teleport')).status).toBe(404);
    const bad = await controlCall(sim, 'startCall', { staff: agent, type: 'fax', direct: 'in' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('InvalidArgument');
    expect((await controlCall(sim, 'setStatus', { staff: agent, status: 'busy' })).status).toBe(
      400,
    );
    expect((await controlCall(sim, 'endCall', { staff: 'ghost@example.com' })).status).toBe(404);
    expect((await controlCall(sim, 'endCall', { staff: agent })).status).toBe(409);
    const notJson = await rawRequest(sim.url, {
      path: '/__sim/state',
      headers: { 'x-sim-token': sim.controlToken },
      body: '{',
    });
    expect(notJson.status).toBe(400);
  });
});
