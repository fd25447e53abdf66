import { connect } from 'node:net';
import { Pool } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dropOneComma } from '../../../electron/simulator/http-server';
import {
  startSimulator,
  type RunningSimulator,
  type SimFault,
} from '../../../electron/simulator/index';
import { FakeClock } from '../../helpers/fake-clock';
import { cccCall, MORNING, must } from './sim-client';

const METRICS = 'DescribeStaffStatusMetrics';

/** Resolves with the connect error code, or 'connected'. */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.on('connect', () => {
      s.destroy();
      resolve('connected');
    });
    s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
  });
}

describe('simulator faults', () => {
  let clock: FakeClock;
  let sim: RunningSimulator;
  const metrics = (o = {}) =>
    cccCall(sim, clock, METRICS, { SdkAppId: sim.sdkAppId, StaffList: [sim.staff[0]] }, o);
  const setRest = () =>
    cccCall(sim, clock, 'SetStaffStatus', {
      SdkAppId: sim.sdkAppId,
      StaffStatusList: [{ StaffUserId: sim.staff[0], Status: 'rest', Reason: 'Lunch' }],
    });
  const inject = async (f: SimFault) => must(await sim.control.injectFault(f));

  beforeEach(async () => {
    clock = new FakeClock(MORNING);
    sim = await startSimulator({ clock, autopilot: false });
  });
  afterEach(() => sim.close());

  it('latency: answers normally, later', async () => {
    await inject({ kind: 'latency', ms: 60, times: 1 });
    const started = performance.now();
    const r = await metrics();
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
    expect(r.response.Metrics).toHaveLength(1);
  });

  it('hang: never answers, the client times out; close() still completes', async () => {
    await inject({ kind: 'hang' });
    await expect(metrics({ timeoutMs: 150 })).rejects.toMatchObject({ code: 'CLIENT_TIMEOUT' });
  });

  it('reset: the socket is destroyed without an answer', async () => {
    await inject({ kind: 'reset', times: 1 });
    await expect(metrics()).rejects.toMatchObject({
      code: expect.stringMatching(/ECONNRESET|EPIPE/),
    });
    expect((await metrics()).response.Metrics).toHaveLength(1);
  });

  it('refused: connections are refused until the faults are cleared, then the same port answers', async () => {
    await inject({ kind: 'refused' });
    expect(await tryConnect(sim.port)).toBe('ECONNREFUSED');
    expect(must(await sim.control.state()).refused).toBe(true);
    must(await sim.control.clearFaults());
    expect(await tryConnect(sim.port)).toBe('connected');
    expect((await metrics()).response.Metrics).toHaveLength(1);
  });

  it('refused: a keep-alive client (undici pool) cannot reuse its open connection either', async () => {
    const pool = new Pool(sim.url, { connections: 1 });
    try {
      const send = () =>
        pool
          .request({ path: '/', method: 'GET' })
          .then(async (r) => (await r.body.text(), r.statusCode));
      expect(await send()).toBe(200);
      await inject({ kind: 'refused' });
      await expect(send()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      must(await sim.control.clearFaults());
      expect(await send()).toBe(200);
    } finally {
      await pool.close();
    }
  });

  it('refused {forMs}: listens again by itself', async () => {
    await inject({ kind: 'refused', forMs: 20 });
    expect(await tryConnect(sim.port)).toBe('ECONNREFUSED');
    let state = 'ECONNREFUSED';
    for (let i = 0; i < 200 && state !== 'connected'; i++) {
      await new Promise((r) => setTimeout(r, 5));
      state = await tryConnect(sim.port);
    }
    expect(state).toBe('connected');
    expect(must(await sim.control.state()).refused).toBe(false);
  });

  it('http5xx: an HTML gateway page with that status and a Date header', async () => {
    await inject({ kind: 'http5xx', status: 503, times: 1 });
    const r = await metrics();
    expect(r.status).toBe(503);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect(r.headers.date).toBeDefined();
    expect(r.body).toContain('503');
    await inject({ kind: 'http5xx', times: 1 });
    expect((await metrics()).status).toBe(502);
  });

  it('nonJson: HTTP 200 with a body that is not JSON', async () => {
    await inject({ kind: 'nonJson', times: 1 });
    const r = await metrics();
    expect(r.status).toBe(200);
    expect(() => JSON.parse(r.body)).toThrow();
  });

  it('malformedJson: the real answer minus one comma; the action still took effect', async () => {
    await inject({ kind: 'malformedJson', action: 'SetStaffStatus', times: 1 });
    const r = await setRest();
    expect(r.status).toBe(200);
    expect(() => JSON.parse(r.body)).toThrow(SyntaxError);
    expect(r.body).toContain('"StaffStatusList"');
    expect((await metrics()).response.Metrics[0].Status).toBe('rest');
    expect(dropOneComma('{"a":"x","b":1}')).toBe('{"a":"x" "b":1}');
  });

  it('apiError: the error envelope, scoped by action and count', async () => {
    await inject({
      kind: 'apiError',
      code: 'FailedOperation.SeatStatusBusy',
      message: 'busy',
      action: 'SetStaffStatus',
      times: 2,
    });
    expect((await metrics()).response.Error).toBeUndefined();
    const a = await setRest();
    expect(a.response.Error).toEqual({ Code: 'FailedOperation.SeatStatusBusy', Message: 'busy' });
    expect(a.response.RequestId).toBeDefined();
    expect((await setRest()).response.Error?.Code).toBe('FailedOperation.SeatStatusBusy');
    expect((await metrics()).response.Metrics[0].Status).toBe('free');
    expect((await setRest()).response.Error).toBeUndefined();
    await inject({ kind: 'apiError', code: 'InternalError', times: 1 });
    expect((await metrics()).response.Error?.Code).toBe('InternalError');
  });

  it('itemError: the call succeeds, every item carries the ErrorCode, nothing changes', async () => {
    await inject({ kind: 'itemError', times: 1 });
    const r = await setRest();
    expect(r.response.Error).toBeUndefined();
    expect(r.response.StaffStatusList[0]).toMatchObject({
      ErrorCode: 'FailedOperation.SeatStatusBusy',
      PreviousStatus: 'free',
      Status: 'rest',
    });
    expect((await metrics()).response.Metrics[0].Status).toBe('free');
    expect((await setRest()).response.StaffStatusList[0].ErrorCode).toBe('');
  });

  it('rateLimitStorm: every request gets RequestLimitExceeded until cleared', async () => {
    await inject({ kind: 'rateLimitStorm' });
    expect((await metrics()).response.Error?.Code).toBe('RequestLimitExceeded');
    expect((await setRest()).response.Error?.Code).toBe('RequestLimitExceeded');
    must(await sim.control.clearFaults());
    expect((await metrics()).response.Error).toBeUndefined();
  });

  it('clockSkew: the signature window and the Date header follow the skewed server clock', async () => {
    await inject({ kind: 'clockSkew', ms: 600_000 });
    const r = await metrics();
    expect(r.response.Error?.Code).toBe('AuthFailure.SignatureExpire');
    const serverNow = Date.parse(r.headers.date!);
    expect(serverNow).toBe(Math.floor((MORNING + 600_000) / 1000) * 1000);
    // A client that learns the offset from the Date header and re-signs succeeds.
    const retry = await metrics({ timestamp: Math.floor(serverNow / 1000) });
    expect(retry.response.Error).toBeUndefined();
  });

  it('rejects malformed faults as values', async () => {
    const r = await sim.control.injectFault({ kind: 'latency' } as unknown as SimFault);
    expect(r.ok).toBe(false);
  });
});
