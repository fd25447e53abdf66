import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { genUserSig } from '../../../electron/core/api/usersig';
import {
  startSimulator,
  type RunningSimulator,
  type SimFault,
} from '../../../electron/simulator/index';
import { FakeClock } from '../../helpers/fake-clock';
import { MORNING, must, rawRequest } from './sim-client';

/**
 * Transport faults scoped to the IM desk commands (`action: 'desk:<command>'` or `'desk:*'`): the
 * desk answers with the same latency, hang, reset, 5xx, non-JSON and malformed-JSON faults as the
 * CCC endpoint, and a fault without that scope never touches the desk.
 */

// 2025-03-10 00:00:00 .. 23:59:59 at UTC+8 (the simulator's account zone).
const FROM = Date.UTC(2025, 2, 10) / 1000 - 8 * 3600;

describe('simulator: desk-scoped transport faults', () => {
  let clock: FakeClock;
  let sim: RunningSimulator;
  const inject = async (f: SimFault) => must(await sim.control.injectFault(f));
  const desk = (command = 'describe_agent_statistics') => {
    const usersig = genUserSig({
      sdkAppId: sim.desk.imSdkAppId,
      key: sim.desk.imKey,
      identifier: sim.desk.adminIdentifier,
      lifetimeSeconds: 86_400,
      nowSeconds: Math.floor(clock.now() / 1000),
    });
    const query = new URLSearchParams({
      sdkappid: String(sim.desk.imSdkAppId),
      identifier: sim.desk.adminIdentifier,
      usersig,
      random: '7',
      contenttype: 'json',
    });
    const body =
      command === 'describe_agent_statistics'
        ? { From: FROM, To: FROM + 86_399 }
        : { StartTimestamp: FROM, EndTimestamp: FROM + 86_399 };
    return rawRequest(sim.desk.baseUrl, {
      path: `/v4/desk_http_svc/${command}?${query}`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  };
  const faultsLeft = async () => must(await sim.control.state()).faults.length;

  beforeEach(async () => {
    clock = new FakeClock(MORNING);
    sim = await startSimulator({ clock, autopilot: false });
  });
  afterEach(() => sim.close());

  it('a fault without a desk scope never touches the desk', async () => {
    await inject({ kind: 'reset' });
    await inject({ kind: 'http5xx', action: 'describe_agent_statistics' });
    const r = await desk();
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    expect(await faultsLeft()).toBe(2);
  });

  it('http5xx, nonJson and malformedJson answer the desk like the CCC endpoint, then it recovers', async () => {
    await inject({ kind: 'http5xx', status: 503, action: 'desk:*', times: 1 });
    await inject({ kind: 'nonJson', action: 'desk:*', times: 1 });
    await inject({ kind: 'malformedJson', action: 'desk:describe_agent_statistics', times: 1 });
    const gateway = await desk();
    expect(gateway.status).toBe(503);
    expect(gateway.body).toContain('<html>');
    const html = await desk('describe_im_cdr_list');
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    const broken = await desk();
    expect(broken.body).toContain('"ActionStatus"');
    expect(() => JSON.parse(broken.body)).toThrow();
    expect(JSON.parse((await desk()).body)).toMatchObject({ ActionStatus: 'OK' });
  });

  it('reset destroys the socket; latency answers normally', async () => {
    await inject({ kind: 'reset', action: 'desk:describe_agent_statistics', times: 1 });
    await expect(desk()).rejects.toMatchObject({
      code: expect.stringMatching(/ECONNRESET|EPIPE/),
    });
    await inject({ kind: 'latency', ms: 5, action: 'desk:*', times: 1 });
    expect(JSON.parse((await desk()).body)).toMatchObject({ ActionStatus: 'OK' });
    expect(await faultsLeft()).toBe(0);
  });

  it('hang keeps only the scoped command unanswered (until the simulator closes)', async () => {
    await inject({ kind: 'hang', action: 'desk:describe_im_cdr_list', times: 1 });
    expect(JSON.parse((await desk()).body)).toMatchObject({ ActionStatus: 'OK' });
    const hung = desk('describe_im_cdr_list');
    let answered = false;
    hung.then(
      () => (answered = true),
      () => undefined,
    );
    while ((await faultsLeft()) > 0) await new Promise((r) => setTimeout(r, 1));
    await new Promise((r) => setImmediate(r));
    expect(answered).toBe(false);
    await sim.close();
    await expect(hung).rejects.toBeInstanceOf(Error);
  });
});
