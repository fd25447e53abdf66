/**
 * CCC figures (issue 2): signing throughput, ours vs the official SDK's signer; and a
 * SetStaffStatus round trip against the simulator, our client (one keep-alive pool) vs the
 * official SDK's CommonClient pointed at the same simulator with the real host name.
 */
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import net from 'node:net';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { signTc3 } from '../../electron/core/api/tc3-signer';
import { createCccClient } from '../../electron/core/api/ccc-client';
import { createHttpPool } from '../../electron/core/api/http-pool';
import { startSimulator } from '../../electron/simulator/index';
import { makeSelfSignedCert, type SelfSignedCert } from '../../electron/simulator/self-signed-cert';
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

const SDK_HOST = 'ccc.tencentcloudapi.com';

/** An http(s).Agent that dials the simulator whatever host the URL names. */
function agentTo(port: number, keepAlive: boolean, cert: SelfSignedCert | null): http.Agent {
  const agent = cert ? new https.Agent({ keepAlive }) : new http.Agent({ keepAlive });
  (agent as unknown as { createConnection: () => net.Socket }).createConnection = () =>
    cert
      ? tls.connect({ host: '127.0.0.1', port, servername: SDK_HOST, ca: [cert.cert] })
      : net.connect({ host: '127.0.0.1', port });
  return agent;
}

/**
 * SetStaffStatus round trips, interleaved so machine noise hits every client alike. With `cert`
 * the simulator serves HTTPS like the real service, so a new connection costs a TLS handshake.
 */
async function roundTrip(cert: SelfSignedCert | null, n: number): Promise<string[]> {
  const sim = await startSimulator({
    autopilot: false,
    rateLimitPerSecond: 1_000_000,
    ...(cert ? { tls: cert } : {}),
  });
  const agent = sim.staff[0]!;
  const pool = createHttpPool(cert ? { extraCa: [cert.cert] } : {});
  const ours = createCccClient({
    endpoint: { baseUrl: sim.url },
    sdkAppId: sim.sdkAppId,
    credentials: async () => sim.credentials,
    retry: { maxAttempts: 1 },
    http: pool,
  });
  const sdkClient = (keepAlive: boolean) =>
    new CommonClient(SDK_HOST, '2020-02-10', {
      credential: sim.credentials,
      region: '',
      profile: {
        httpProfile: {
          protocol: cert ? 'https://' : 'http://',
          reqTimeout: 10,
          agent: agentTo(sim.port, keepAlive, cert),
        },
      },
    });
  const sdkDefault = sdkClient(false);
  const sdkKeepAlive = sdkClient(true);
  const statuses = ['rest', 'free'] as const;
  const samples = { ours: [] as number[], sdk: [] as number[], sdkKa: [] as number[] };
  const params = (i: number) => ({
    SdkAppId: sim.sdkAppId,
    StaffStatusList: [{ StaffUserId: agent, Status: statuses[i % 2], Reason: 'Bench' }],
  });
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
  await pool.close();
  await sim.close();
  const o = median(samples.ours);
  const s = median(samples.sdk);
  const k = median(samples.sdkKa);
  const row = (label: string, xs: number[]) =>
    `${label}${fmt(median(xs), 3)} / ${fmt(quantile(xs, 0.95), 3)} ms`;
  return [
    `  SetStaffStatus round trip, simulator over ${cert ? 'HTTPS (as the real service)' : 'plain HTTP'} (median / p95 of ${n}):`,
    row('    ours (undici keep-alive pool)                 ', samples.ours),
    row('    official CommonClient, Agent without keep-alive  ', samples.sdk) +
      `  -> ours/SDK ${fmt(o / s)} (goal <= 0.50)`,
    row('    official CommonClient, Agent with keep-alive     ', samples.sdkKa) +
      `  -> ours/SDK ${fmt(o / k)}`,
  ];
}

/** Runs the CCC figures and returns printable lines. */
export async function runCccBench(): Promise<string[]> {
  let cert: SelfSignedCert | null = null;
  try {
    cert = makeSelfSignedCert([SDK_HOST]);
  } catch {
    // No openssl: only the plain-HTTP figure.
  }
  return [
    ...(await signingThroughput()),
    ...(cert ? await roundTrip(cert, 300) : ['  (openssl missing: HTTPS round trip skipped)']),
    ...(await roundTrip(null, 300)),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await runCccBench()) console.log(line);
}
