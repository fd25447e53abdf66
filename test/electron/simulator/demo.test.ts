import { afterEach, describe, expect, it } from 'vitest';
import { createCccClient } from '../../../electron/core/api/ccc-client';
import type { DemoSimulator } from '../../../electron/core/app/demo';
import { startDemoSimulator } from '../../../electron/simulator/demo';
import { FakeClock } from '../../helpers/fake-clock';
import { MORNING, rawRequest } from './sim-client';

/**
 * The simulator the shipped app runs in demo mode: the same service the tests use, signed and
 * checked like CCC, but with no control interface and no fault injection to reach.
 */

let sim: DemoSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function start(clock: FakeClock) {
  sim = await startDemoSimulator({ port: 0, clock, seed: 1, autopilot: false });
  return sim;
}

describe('demo simulator', () => {
  it('answers the app over real signed CCC calls, and the agent can change status', async () => {
    const clock = new FakeClock(MORNING);
    const s = await start(clock);
    const agent = s.staff[0]!;
    const ccc = createCccClient({
      endpoint: { baseUrl: s.url },
      sdkAppId: s.sdkAppId,
      credentials: async () => s.credentials,
      clock,
      timers: clock,
    });
    try {
      const set = await ccc.setStaffStatus([
        { staffUserId: agent, status: 'rest', reason: 'Lunch' },
      ]);
      expect(set).toMatchObject({ ok: true, value: { value: [{ errorCode: '' }] } });
      const polled = await ccc.describeStaffStatusMetrics({ staffList: [agent] });
      expect(polled.ok && polled.value.value[0]).toMatchObject({ status: 'rest', reason: 'Lunch' });
    } finally {
      await ccc.close();
    }
  });

  it('has no control interface: /__sim/ paths are not found, with or without a token', async () => {
    const s = await start(new FakeClock(MORNING));
    for (const command of ['state', 'injectFault', 'setStatus']) {
      const r = await rawRequest(s.url, {
        path: `/__sim/${command}`,
        headers: { 'content-type': 'application/json', 'x-sim-token': 'anything' },
        body: '{"kind":"rateLimitStorm"}',
      });
      expect(r.status, command).toBe(404);
    }
    expect(Object.keys(s).sort()).toEqual(
      ['close', 'credentials', 'desk', 'sdkAppId', 'staff', 'url'].sort(),
    );
  });
});
