import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/index';
import { SlidingWindowRateLimiter } from '../../../electron/simulator/rate-limiter';
import { FakeClock } from '../../helpers/fake-clock';
import { cccCall, MORNING, must } from './sim-client';

describe('SlidingWindowRateLimiter', () => {
  it('allows `limit` per sliding window and does not count rejections', () => {
    const l = new SlidingWindowRateLimiter(3, 1000);
    expect([0, 100, 200, 300].map((t) => l.tryAcquire('k', t))).toEqual([true, true, true, false]);
    expect(l.tryAcquire('other', 300)).toBe(true);
    expect(l.tryAcquire('k', 999)).toBe(false);
    expect(l.tryAcquire('k', 1000)).toBe(true); // the hit at 0 left the window
    expect(l.tryAcquire('k', 1001)).toBe(false);
    expect(l.tryAcquire('k', 1100)).toBe(true);
  });
});

describe('simulator rate limit (20 requests per second per action per SecretId)', () => {
  let clock: FakeClock;
  let sim: RunningSimulator;
  const params = () => ({ SdkAppId: sim.sdkAppId, StaffList: [sim.staff[0]] });

  beforeEach(async () => {
    clock = new FakeClock(MORNING);
    sim = await startSimulator({ clock, autopilot: false });
  });
  afterEach(() => sim.close());

  it('the 21st request in one second gets RequestLimitExceeded; other actions, other keys and the next second do not', async () => {
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 21; i++) {
      const r = await cccCall(sim, clock, 'DescribeStaffStatusMetrics', params());
      codes.push(r.response.Error?.Code);
    }
    expect(codes.slice(0, 20).every((c) => c === undefined)).toBe(true);
    expect(codes[20]).toBe('RequestLimitExceeded');

    const set = await cccCall(sim, clock, 'SetStaffStatus', {
      SdkAppId: sim.sdkAppId,
      StaffStatusList: [{ StaffUserId: sim.staff[0], Status: 'free' }],
    });
    expect(set.response.Error).toBeUndefined();

    const tmp = must(await sim.control.addTemporaryCredentials({ ttlSeconds: 600 }));
    const other = await cccCall(sim, clock, 'DescribeStaffStatusMetrics', params(), {
      secretId: tmp.secretId,
      secretKey: tmp.secretKey,
      token: tmp.token,
    });
    expect(other.response.Error).toBeUndefined();

    clock.advance(1000);
    const next = await cccCall(sim, clock, 'DescribeStaffStatusMetrics', params());
    expect(next.response.Error).toBeUndefined();
  });

  it('honours a configured limit', async () => {
    const small = await startSimulator({ clock, autopilot: false, rateLimitPerSecond: 2 });
    try {
      const codes = [];
      for (let i = 0; i < 3; i++) {
        codes.push(
          (await cccCall(small, clock, 'DescribeStaffStatusMetrics', { SdkAppId: small.sdkAppId }))
            .response.Error?.Code,
        );
      }
      expect(codes).toEqual([undefined, undefined, 'RequestLimitExceeded']);
    } finally {
      await small.close();
    }
  });
});
