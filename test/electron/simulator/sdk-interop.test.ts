import { Agent, type AgentOptions } from 'node:http';
import { connect, type Socket } from 'node:net';
import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/index';

/** Sends every connection to the simulator, whatever host name the URL carries. */
class LoopbackAgent extends Agent {
  constructor(
    private readonly port: number,
    opts?: AgentOptions,
  ) {
    super(opts);
  }

  override createConnection(): Socket {
    return connect(this.port, '127.0.0.1');
  }
}

/**
 * The official SDK (tencentcloud-sdk-nodejs-common) signs with its own TC3 code, takes the
 * signing service from the endpoint's first label and sends `Host: ccc.tencentcloudapi.com`
 * (URL.host: no port for the default one). If the simulator accepts it, it speaks the real protocol.
 */
describe('the official Tencent Cloud SDK against the simulator', () => {
  let sim: RunningSimulator;
  let client: CommonClient;
  const seen: Record<string, string | string[] | undefined>[] = [];

  beforeAll(async () => {
    sim = await startSimulator({ autopilot: false });
    client = new CommonClient('ccc.tencentcloudapi.com', '2020-02-10', {
      credential: sim.credentials,
      profile: {
        httpProfile: { protocol: 'http://', agent: new LoopbackAgent(sim.port), reqTimeout: 10 },
      },
    });
  });
  afterAll(() => sim.close());

  it('DescribeStaffStatusMetrics succeeds', async () => {
    const res = (await client.request('DescribeStaffStatusMetrics', {
      SdkAppId: sim.sdkAppId,
    })) as {
      Metrics: { Email: string; Status: string }[];
      RequestId: string;
    };
    expect(res.Metrics.map((m) => m.Email)).toEqual(sim.staff);
    expect(res.Metrics.every((m) => m.Status === 'free')).toBe(true);
    expect(res.RequestId).toBeTruthy();
  });

  it('SetStaffStatus succeeds and takes effect', async () => {
    const res = (await client.request('SetStaffStatus', {
      SdkAppId: sim.sdkAppId,
      StaffStatusList: [{ StaffUserId: sim.staff[0], Status: 'rest', Reason: '午饭' }],
    })) as { StaffStatusList: { ErrorCode: string; PreviousStatus: string }[] };
    expect(res.StaffStatusList[0]).toMatchObject({ ErrorCode: '', PreviousStatus: 'free' });
    expect(sim.world.metrics(sim.staff[0]!)).toMatchObject({ status: 'rest', reason: '午饭' });
  });

  it('DescribeTelCdr pages the call records with the official request fields', async () => {
    const agent = sim.staff[2]!;
    await sim.control.setCdrDelay({ minSeconds: 0, maxSeconds: 0 });
    const calls: string[] = [];
    for (const direct of ['in', 'out'] as const) {
      await sim.control.startCall(agent, { type: 'tel', direct });
      await sim.control.endCall(agent);
      await sim.control.finishWrapUp(agent);
    }
    const nowS = Math.floor(Date.now() / 1000);
    const page = (PageNumber: number) =>
      client.request('DescribeTelCdr', {
        SdkAppId: sim.sdkAppId,
        StartTimeStamp: nowS - 3600,
        EndTimeStamp: nowS + 60,
        PageSize: 1,
        PageNumber,
      }) as Promise<{
        TotalCount: number;
        TelCdrList: {
          SessionId: string;
          Direction: number;
          ServeParticipants: { Mail: string }[];
        }[];
        RequestId: string;
      }>;
    for (const n of [0, 1]) {
      const res = await page(n);
      expect(res.TotalCount).toBe(2);
      expect(res.TelCdrList).toHaveLength(1);
      expect(res.TelCdrList[0]!.ServeParticipants[0]!.Mail).toBe(agent);
      calls.push(`${res.TelCdrList[0]!.Direction}:${res.TelCdrList[0]!.SessionId}`);
      expect(res.RequestId).toBeTruthy();
    }
    // Both calls began in the same second: their order is by SessionId, so compare as sets.
    expect(calls.map((c) => c.split(':')[0]).sort()).toEqual(['0', '1']);
    expect(new Set(calls).size).toBe(2);
    await expect(
      client.request('DescribeTelCdr', {
        SdkAppId: sim.sdkAppId,
        StartTimeStamp: nowS - 90 * 86_400,
        EndTimeStamp: nowS,
        PageSize: 100,
        PageNumber: 0,
      }),
    ).rejects.toMatchObject({ code: 'InvalidParameterValue', requestId: expect.any(String) });
  });

  it('surfaces the simulator errors as the SDK surfaces real ones', async () => {
    await expect(
      client.request('DescribeStaffStatusMetrics', { SdkAppId: 1 }),
    ).rejects.toMatchObject({
      code: 'InvalidParameterValue.InstanceNotExist',
      requestId: expect.any(String),
    });
    const wrongKey = new CommonClient('ccc.tencentcloudapi.com', '2020-02-10', {
      credential: { secretId: sim.credentials.secretId, secretKey: 'not-the-key' },
      profile: { httpProfile: { protocol: 'http://', agent: new LoopbackAgent(sim.port) } },
    });
    await expect(
      wrongKey.request('DescribeStaffStatusMetrics', { SdkAppId: sim.sdkAppId }),
    ).rejects.toMatchObject({
      code: 'AuthFailure.SignatureFailure',
    });
  });

  it('sends Host without a port and signs content-type;host, which the simulator verifies', async () => {
    const { createServer } = await import('node:http');
    // A one-shot spy in front of the simulator records what the SDK puts on the wire.
    const spy = createServer((req, res) => {
      seen.push({
        host: req.headers.host,
        authorization: req.headers.authorization,
        'content-type': req.headers['content-type'],
      });
      res.end('{"Response":{"RequestId":"spy"}}');
    });
    await new Promise<void>((resolve) => spy.listen(0, '127.0.0.1', resolve));
    const port = (spy.address() as { port: number }).port;
    const spyClient = new CommonClient('ccc.tencentcloudapi.com', '2020-02-10', {
      credential: sim.credentials,
      profile: { httpProfile: { protocol: 'http://', agent: new LoopbackAgent(port) } },
    });
    await spyClient.request('DescribeStaffStatusMetrics', { SdkAppId: sim.sdkAppId });
    await new Promise((resolve) => spy.close(resolve));
    expect(seen[0]).toMatchObject({
      host: 'ccc.tencentcloudapi.com',
      'content-type': 'application/json',
    });
    expect(seen[0]!.authorization).toMatch(
      /\/ccc\/tc3_request, SignedHeaders=content-type;host, Signature=/,
    );
  });
});
