/**
 * CCC figures (issue 2): signing throughput, ours vs the official SDK's signer; and a
 * SetStaffStatus round trip against the simulator, our client (one keep-alive pool) vs the
 * official SDK's CommonClient pointed at the same simulator with the real host name.
 */
import http from 'node:http';
import net from 'node:net';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { signTc3 } from '../../electron/core/api/tc3-signer';
import { createCccClient } from '../../electron/core/api/ccc-client';
import { startSimulator } from '../../electron/simulator/index';
import { fmt, median, quantile } from './stats';

const require = createRequire(import.meta.url);
type Sign3 = (p: Record<string, unknown>) => string;
const { default: SdkSign } = require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign') as {
  default: { sign3: Sign3 };
};
const { CommonClient } = require('tencentcloud-sdk-nodejs-common') as {
  CommonClient: new (
    endpoint: string,
    version: string,
    opts: Record<string, unknown>,
  ) => { request(action: string, params: unknown): Promise<unknown> };
};

const CT = 'application/json; charset=utf-8';

async function signingThroughput(): Promise<string[]> {
  const body = JSON.stringify({
    SdkAppId: 1400800001,
    StaffStatusList: [{ StaffUserId: 'agent@example.com', Status: 'rest', Reason: '午饭' }],
  });
  const payload = JSON.parse(body) as Record<string, unknown>;
  const ts = 1_760_000_000;
  const n = 5000;
  const rounds = 7;
  const ours: number[] = [];
  const sdk: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    for (let i = 0; i < n; i++) {
      signTc3({
        secretId: 'AKIDbench',
        secretKey: 'benchkey',
        service: 'ccc',
        host: 'ccc.tencentcloudapi.com',
        timestamp: ts + i,
        body,
        contentType: CT,
      });
    }
    ours.push((n / (performance.now() - t)) * 1000);
    t = performance.now();
    for (let i = 0; i < n; i++) {
      SdkSign.sign3({
        method: 'POST',
        url: 'https://ccc.tencentcloudapi.com/',
        payload,
        timestamp: ts + i,
        service: 'ccc',
        secretId: 'AKIDbench',
        secretKey: 'benchkey',
        multipart: false,
        boundary: '',
        headers: { 'Content-Type': CT },
      });
    }
    sdk.push((n / (performance.now() - t)) * 1000);
  }
  const o = median(ours);
  const s = median(sdk);
  return [
    `  signing throughput (median of ${rounds} x ${n}): ours ${fmt(o / 1000, 1)} k/s, ` +
      `official SDK Sign.sign3 ${fmt(s / 1000, 1)} k/s, ratio ours/SDK ${fmt(o / s)}x`,
  ];
}

/** An http.Agent that dials the simulator whatever host the URL names. */
function agentTo(port: number, keepAlive: boolean): http.Agent {
  const agent = new http.Agent({ keepAlive });
  (
    agent as unknown as { createConnection: (o: object, cb?: unknown) => net.Socket }
  ).createConnection = () => net.connect({ host: '127.0.0.1', port });
  return agent;
}

async function roundTrip(): Promise<string[]> {
  const sim = await startSimulator({ autopilot: false, rateLimitPerSecond: 1_000_000 });
  const agent = sim.staff[0]!;
  const ours = createCccClient({
    endpoint: { baseUrl: sim.url },
    sdkAppId: sim.sdkAppId,
    credentials: async () => sim.credentials,
    retry: { maxAttempts: 1 },
  });
  const sdkClient = (keepAlive: boolean) =>
    new CommonClient('ccc.tencentcloudapi.com', '2020-02-10', {
      credential: sim.credentials,
      region: '',
      profile: {
        httpProfile: { protocol: 'http://', reqTimeout: 10, agent: agentTo(sim.port, keepAlive) },
      },
    });
  const sdkDefault = sdkClient(false);
  const sdkKeepAlive = sdkClient(true);
  const statuses = ['rest', 'free'] as const;
  const n = 300;
  const samples = { ours: [] as number[], sdk: [] as number[], sdkKa: [] as number[] };
  const params = (i: number) => ({
    SdkAppId: sim.sdkAppId,
    StaffStatusList: [{ StaffUserId: agent, Status: statuses[i % 2], Reason: 'Bench' }],
  });
  // Warm up each path once, then interleave so machine noise hits all three alike.
  await ours.setStaffStatus([{ staffUserId: agent, status: 'free' }]);
  await sdkDefault.request('SetStaffStatus', params(1));
  await sdkKeepAlive.request('SetStaffStatus', params(1));
  for (let i = 0; i < n; i++) {
    let t = performance.now();
    const r = await ours.setStaffStatus([
      { staffUserId: agent, status: statuses[i % 2]!, reason: 'Bench' },
    ]);
    samples.ours.push(performance.now() - t);
    if (!r.ok) throw new Error(`our client failed: ${r.error.code} ${r.error.message}`);
    t = performance.now();
    await sdkDefault.request('SetStaffStatus', params(i));
    samples.sdk.push(performance.now() - t);
    t = performance.now();
    await sdkKeepAlive.request('SetStaffStatus', params(i));
    samples.sdkKa.push(performance.now() - t);
  }
  await ours.close();
  await sim.close();
  const o = median(samples.ours);
  const s = median(samples.sdk);
  const k = median(samples.sdkKa);
  return [
    `  SetStaffStatus round trip vs simulator (median / p95 of ${n}):`,
    `    ours (undici keep-alive pool)            ${fmt(o, 3)} / ${fmt(quantile(samples.ours, 0.95), 3)} ms`,
    `    official CommonClient, new http.Agent()  ${fmt(s, 3)} / ${fmt(quantile(samples.sdk, 0.95), 3)} ms  -> ours/SDK ${fmt(o / s)} (goal <= 0.50)`,
    `    official CommonClient, keepAlive agent   ${fmt(k, 3)} / ${fmt(quantile(samples.sdkKa, 0.95), 3)} ms  -> ours/SDK ${fmt(o / k)}`,
  ];
}

/** Runs the CCC figures and returns printable lines. */
export async function runCccBench(): Promise<string[]> {
  return [...(await signingThroughput()), ...(await roundTrip())];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await runCccBench()) console.log(line);
}
