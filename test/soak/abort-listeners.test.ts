import { getEventListeners } from 'node:events';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createCccClient } from '../../electron/core/api/ccc-client';
import { createDeskClient } from '../../electron/core/api/desk-client';
import { keyUserSigProvider } from '../../electron/core/api/usersig';
import { FakeClock } from '../helpers/fake-clock';

/**
 * A caller's AbortSignal outlives the call (the app may keep one per session): a client that
 * waits between retries must take its 'abort' listener off again when the wait ends normally,
 * or every retried call leaves one more listener (and the closure with its timer) on the signal.
 */

const agents: MockAgent[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
});

function mockAgent(origin: string, replies: Array<[number, unknown]>): MockAgent {
  const agent = new MockAgent();
  agent.disableNetConnect();
  agents.push(agent);
  const pool = agent.get(origin);
  for (const [status, body] of replies)
    pool.intercept({ path: () => true, method: 'POST' }).reply(status, body as object);
  return agent;
}

/** Runs `call` to the end, moving the fake clock on whenever it waits. */
async function drive<T>(clock: FakeClock, call: Promise<T>): Promise<T> {
  let done = false;
  void call.finally(() => (done = true));
  while (!done) if (!(await clock.runNextAsync())) await new Promise((r) => setImmediate(r));
  return call;
}

describe("retry waits take their abort listener off the caller's signal", () => {
  it('desk client: two rate-limited attempts, then OK, leave no listener', async () => {
    const clock = new FakeClock(Date.UTC(2025, 0, 15, 2, 0, 0));
    const limited = { ActionStatus: 'FAIL', ErrorCode: 141009, ErrorInfo: 'rate limited' };
    const agent = mockAgent('https://console.tim.qq.com', [
      [200, limited],
      [200, limited],
      [200, { ActionStatus: 'OK', ErrorCode: 0, TotalCount: 0, IMCdrList: [] }],
    ]);
    const client = createDeskClient({
      endpoint: { dataCentre: 'china' },
      imSdkAppId: 1400000001,
      adminIdentifier: 'administrator',
      agentId: 'agent@example.com',
      userSig: keyUserSigProvider({
        sdkAppId: 1400000001,
        identifier: 'administrator',
        key: () => 'k'.repeat(64),
        clock,
      }),
      clock,
      timers: clock,
      random: () => 0.5,
      dispatcher: agent,
    });
    const session = new AbortController();
    const r = await drive(
      clock,
      client.describeImCdrList('2025-01-14', { signal: session.signal }),
    );
    expect(r.ok).toBe(true);
    expect(getEventListeners(session.signal, 'abort')).toHaveLength(0);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('CCC client: two rate-limited attempts, then OK, leave no listener', async () => {
    const clock = new FakeClock(Date.UTC(2025, 0, 15, 2, 0, 0));
    const limited = {
      Response: { Error: { Code: 'RequestLimitExceeded', Message: 'slow down' }, RequestId: 'r' },
    };
    const agent = mockAgent('https://ccc.tencentcloudapi.com', [
      [200, limited],
      [200, limited],
      [200, { Response: { Metrics: [], RequestId: 'r3' } }],
    ]);
    const client = createCccClient({
      endpoint: 'mainland',
      sdkAppId: 1400000001,
      credentials: async () => ({ secretId: 'AKIDexample000001', secretKey: 'example-secret-key' }),
      clock,
      timers: clock,
      random: () => 0.5,
      dispatcher: agent,
    });
    const session = new AbortController();
    const r = await drive(
      clock,
      client.describeStaffStatusMetrics(
        { staffList: ['a@example.com'] },
        { signal: session.signal },
      ),
    );
    expect(r.ok).toBe(true);
    expect(getEventListeners(session.signal, 'abort')).toHaveLength(0);
    expect(clock.pendingTimers()).toBe(0);
  });
});
