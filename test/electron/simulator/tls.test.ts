import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCccClient } from '../../../electron/core/api/ccc-client';
import { createHttpPool } from '../../../electron/core/api/http-pool';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/index';
import { makeSelfSignedCert } from '../../../electron/simulator/self-signed-cert';

describe('simulator over TLS', () => {
  let sim: RunningSimulator;
  const tls = makeSelfSignedCert(['ccc.tencentcloudapi.com']);

  beforeAll(async () => {
    sim = await startSimulator({ autopilot: false, tls });
  });
  afterAll(async () => sim.close());

  it('serves https and our client talks to it when the certificate is trusted', async () => {
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const http = createHttpPool({ extraCa: [tls.cert] });
    const client = createCccClient({
      endpoint: { baseUrl: sim.url },
      sdkAppId: sim.sdkAppId,
      credentials: async () => sim.credentials,
      http,
    });
    const r = await client.describeStaffStatusMetrics({ staffList: [sim.staff[0]!] });
    expect(r.ok && r.value.value[0]?.email).toBe(sim.staff[0]);
    await client.close();
    await http.close();
  });

  it('fails at once with an error naming the fix when the certificate is not trusted', async () => {
    const client = createCccClient({
      endpoint: { baseUrl: sim.url },
      sdkAppId: sim.sdkAppId,
      credentials: async () => sim.credentials,
      retry: { maxAttempts: 1 },
    });
    const r = await client.describeStaffStatusMetrics({ staffList: [sim.staff[0]!] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({
        kind: 'config',
        retryable: false,
        code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      });
      expect(r.error.message).toMatch(/certificate is not trusted.*certificate authority/);
    }
    await client.close();
  });
});
