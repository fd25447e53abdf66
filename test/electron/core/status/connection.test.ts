import { describe, expect, it } from 'vitest';
import {
  ConnectionTracker,
  DEGRADED_AFTER_FAILURES,
  isConfigured,
} from '../../../../electron/core/status/connection';
import { errors } from '../../../helpers/fake-ccc-api';

describe('ConnectionTracker', () => {
  it('starts connecting (or unconfigured) and becomes ok on a sync', () => {
    expect(new ConnectionTracker(false).state).toBe('unconfigured');
    const c = new ConnectionTracker(true);
    expect(c.state).toBe('connecting');
    c.synced(100);
    expect(c).toMatchObject({ state: 'ok', lastSyncMs: 100, lastError: null });
  });

  it(`after a sync, shows degraded / offline only after ${DEGRADED_AFTER_FAILURES} failures in a row`, () => {
    const c = new ConnectionTracker(true);
    c.synced(1);
    expect(c.pollFailed(errors.rateLimit())).toBe('rate_limited');
    expect(c.state).toBe('ok');
    expect(c.pollFailed(errors.timeout())).toBe('failed');
    expect(c.state).toBe('degraded');
    expect(c.lastError?.kind).toBe('timeout');
    c.synced(2);
    c.pollFailed(errors.network());
    c.pollFailed(errors.network());
    expect(c.state).toBe('offline');
  });

  it('auth and permission errors reject the credentials at once, until they change', () => {
    const c = new ConnectionTracker(true);
    c.synced(1);
    expect(c.pollFailed(errors.permission())).toBe('halt');
    expect(c).toMatchObject({ state: 'credentials_rejected', credentialsRejected: true });
    c.reset(true); // a new agent on the same key stays rejected
    expect(c.state).toBe('credentials_rejected');
    c.credentialsChanged(true);
    expect(c).toMatchObject({ state: 'connecting', lastError: null, credentialsRejected: false });
  });

  it('OS offline shows at once; failures while offline show offline', () => {
    const c = new ConnectionTracker(true);
    c.synced(1);
    c.setOnline(false, true);
    expect(c).toMatchObject({ state: 'offline', lastError: { code: 'NetworkOffline' } });
    c.pollFailed(errors.transient());
    expect(c.state).toBe('offline');
    c.setOnline(true, true);
    c.synced(2);
    expect(c.state).toBe('ok');
  });
});

describe('isConfigured', () => {
  it('needs a positive integer SdkAppId and a non-blank account', () => {
    expect(isConfigured(1400000000, 'a@example.com')).toBe(true);
    expect(isConfigured(0, 'a@example.com')).toBe(false);
    expect(isConfigured(1.5, 'a@example.com')).toBe(false);
    expect(isConfigured(Number.NaN, 'a@example.com')).toBe(false);
    expect(isConfigured(1400000000, '   ')).toBe(false);
  });
});
