import { createHash, createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { utcDate } from '../../../electron/core/api/tc3-signer';
import { signedHost } from '../../../electron/simulator/auth';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/index';
import { FakeClock } from '../../helpers/fake-clock';
import { cccCall, MORNING, must, rawRequest } from './sim-client';

const METRICS = 'DescribeStaffStatusMetrics';

describe('simulator TC3 verification', () => {
  let clock: FakeClock;
  let sim: RunningSimulator;
  let params: Record<string, unknown>;

  beforeEach(async () => {
    clock = new FakeClock(MORNING);
    sim = await startSimulator({ clock, autopilot: false, seed: 3 });
    params = { SdkAppId: sim.sdkAppId, StaffList: [sim.staff[0]] };
  });
  afterEach(() => sim.close());

  const code = (r: { response: Record<string, unknown> }) =>
    (r.response.Error as { Code?: string } | undefined)?.Code;

  it('accepts a correctly signed request: HTTP 200, the envelope, a RequestId and a Date header', async () => {
    const r = await cccCall(sim, clock, METRICS, params);
    expect(r.status).toBe(200);
    expect(r.response.Error).toBeUndefined();
    expect(r.response.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(r.headers.date!)).toBe(Math.floor(MORNING / 1000) * 1000);
  });

  it('answers errors with HTTP 200, Error {Code, Message} and a RequestId', async () => {
    const r = await cccCall(sim, clock, METRICS, params, { secretKey: 'wrong' });
    expect(r.status).toBe(200);
    expect(r.response.Error).toEqual({
      Code: 'AuthFailure.SignatureFailure',
      Message: expect.any(String),
    });
    expect(r.response.RequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('missing Authorization -> AuthFailure.InvalidAuthorization', async () => {
    const r = await cccCall(sim, clock, METRICS, params, { headers: { Authorization: null } });
    expect(code(r)).toBe('AuthFailure.InvalidAuthorization');
  });

  it('garbled Authorization -> AuthFailure.InvalidAuthorization', async () => {
    const r = await cccCall(sim, clock, METRICS, params, {
      mapAuthorization: (a) => a.replace('Signature=', 'Sig='),
    });
    expect(code(r)).toBe('AuthFailure.InvalidAuthorization');
    const b = await cccCall(sim, clock, METRICS, params, { mapAuthorization: () => 'Bearer abc' });
    expect(code(b)).toBe('AuthFailure.InvalidAuthorization');
  });

  it('unknown SecretId -> AuthFailure.SecretIdNotFound', async () => {
    const r = await cccCall(sim, clock, METRICS, params, {
      secretId: 'AKIDunknownunknownunknownunknown1234',
    });
    expect(code(r)).toBe('AuthFailure.SecretIdNotFound');
  });

  it('wrong key or altered body -> AuthFailure.SignatureFailure', async () => {
    expect(
      code(
        await cccCall(sim, clock, METRICS, params, { secretKey: sim.credentials.secretKey + 'x' }),
      ),
    ).toBe('AuthFailure.SignatureFailure');
    const altered = JSON.stringify({ ...params, StaffList: [sim.staff[1]] });
    expect(code(await cccCall(sim, clock, METRICS, params, { sentBody: altered }))).toBe(
      'AuthFailure.SignatureFailure',
    );
  });

  it('timestamp more than 300 s from the server clock -> AuthFailure.SignatureExpire (both directions)', async () => {
    const now = Math.floor(clock.now() / 1000);
    expect(code(await cccCall(sim, clock, METRICS, params, { timestamp: now - 301 }))).toBe(
      'AuthFailure.SignatureExpire',
    );
    expect(code(await cccCall(sim, clock, METRICS, params, { timestamp: now + 301 }))).toBe(
      'AuthFailure.SignatureExpire',
    );
    expect(
      code(await cccCall(sim, clock, METRICS, params, { timestamp: now - 299 })),
    ).toBeUndefined();
    expect(
      code(await cccCall(sim, clock, METRICS, params, { timestamp: now + 299 })),
    ).toBeUndefined();
  });

  it('credential scope service other than ccc -> AuthFailure.SignatureFailure', async () => {
    const r = await cccCall(sim, clock, METRICS, params, { service: 'cvm' });
    expect(code(r)).toBe('AuthFailure.SignatureFailure');
    expect(r.response.Error.Message).toContain('cvm');
  });

  it('credential scope date must be the UTC date of X-TC-Timestamp', async () => {
    // 00:30 local (UTC+8) is still the previous day in UTC: a local-date signer gets it wrong.
    const ts = Math.floor(Date.UTC(2025, 2, 10, 16, 30) / 1000);
    clock.advance(ts * 1000 - clock.now());
    expect(code(await cccCall(sim, clock, METRICS, params, { timestamp: ts }))).toBeUndefined();
    const r = await cccCall(sim, clock, METRICS, params, {
      timestamp: ts,
      mapAuthorization: (a) => a.replace(`/${utcDate(ts)}/`, '/2025-03-11/'),
    });
    expect(code(r)).toBe('AuthFailure.SignatureFailure');
  });

  it('host is the Host header without its port; a different host fails', async () => {
    const ok = await cccCall(sim, clock, METRICS, params, {
      signedHost: 'ccc.tencentcloudapi.com',
      headers: { Host: 'ccc.tencentcloudapi.com:443' },
    });
    expect(code(ok)).toBeUndefined();
    const bad = await cccCall(sim, clock, METRICS, params, {
      signedHost: 'ccc.intl.tencentcloudapi.com',
    });
    expect(code(bad)).toBe('AuthFailure.SignatureFailure');
    expect(signedHost('[::1]:8080')).toBe('[::1]');
    expect(signedHost('CCC.TencentCloudAPI.com')).toBe('ccc.tencentcloudapi.com');
  });

  it('the signed Content-Type must be the one sent', async () => {
    const r = await cccCall(sim, clock, METRICS, params, {
      contentType: 'application/json',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    });
    expect(code(r)).toBe('AuthFailure.SignatureFailure');
  });

  it('accepts extra signed headers (content-type;host;x-tc-action), as the specification allows', async () => {
    const body = JSON.stringify(params);
    const ts = Math.floor(clock.now() / 1000);
    const date = utcDate(ts);
    const sha = (d: string) => createHash('sha256').update(d).digest('hex');
    const canonical = [
      'POST',
      '/',
      '',
      `content-type:application/json\nhost:127.0.0.1\nx-tc-action:${METRICS.toLowerCase()}\n`,
      'content-type;host;x-tc-action',
      sha(body),
    ].join('\n');
    const sts = ['TC3-HMAC-SHA256', String(ts), `${date}/ccc/tc3_request`, sha(canonical)].join(
      '\n',
    );
    const h = (k: string | Buffer, d: string) => createHmac('sha256', k).update(d).digest();
    const sig = createHmac(
      'sha256',
      h(h(h(`TC3${sim.credentials.secretKey}`, date), 'ccc'), 'tc3_request'),
    )
      .update(sts)
      .digest('hex');
    const res = await rawRequest(sim.url, {
      headers: {
        'Content-Type': 'application/json',
        'X-TC-Action': METRICS,
        'X-TC-Version': '2020-02-10',
        'X-TC-Timestamp': String(ts),
        Authorization: `TC3-HMAC-SHA256 Credential=${sim.credentials.secretId}/${date}/ccc/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=${sig}`,
      },
      body,
    });
    expect(JSON.parse(res.body).Response.Error).toBeUndefined();
  });

  it('checks the common parameters: Action, Version, Timestamp, Language', async () => {
    expect(
      code(await cccCall(sim, clock, METRICS, params, { headers: { 'X-TC-Action': null } })),
    ).toBe('MissingParameter');
    expect(code(await cccCall(sim, clock, 'DescribeNothing', params))).toBe('InvalidAction');
    expect(
      code(
        await cccCall(sim, clock, METRICS, params, { headers: { 'X-TC-Version': '2017-03-12' } }),
      ),
    ).toBe('NoSuchVersion');
    expect(
      code(await cccCall(sim, clock, METRICS, params, { headers: { 'X-TC-Version': null } })),
    ).toBe('MissingParameter');
    expect(
      code(await cccCall(sim, clock, METRICS, params, { headers: { 'X-TC-Timestamp': null } })),
    ).toBe('MissingParameter');
    expect(
      code(await cccCall(sim, clock, METRICS, params, { headers: { 'X-TC-Language': 'fr-FR' } })),
    ).toBe('InvalidParameterValue');
    expect(
      code(await cccCall(sim, clock, METRICS, params, { headers: { 'X-TC-Language': 'zh-CN' } })),
    ).toBeUndefined();
  });

  it('temporary credentials need their X-TC-Token and stop working when they expire', async () => {
    const tmp = must(await sim.control.addTemporaryCredentials({ ttlSeconds: 60 }));
    expect(tmp.expiredTime).toBe(Math.floor(MORNING / 1000) + 60);
    const as = { secretId: tmp.secretId, secretKey: tmp.secretKey };
    expect(
      code(await cccCall(sim, clock, METRICS, params, { ...as, token: tmp.token })),
    ).toBeUndefined();
    expect(code(await cccCall(sim, clock, METRICS, params, as))).toBe('AuthFailure.TokenFailure');
    expect(code(await cccCall(sim, clock, METRICS, params, { ...as, token: 'forged' }))).toBe(
      'AuthFailure.TokenFailure',
    );
    clock.advance(60_000);
    const expired = await cccCall(sim, clock, METRICS, params, { ...as, token: tmp.token });
    expect(code(expired)).toBe('AuthFailure.TokenFailure');
    expect(expired.response.Error.Message).toMatch(/expired/);
  });

  it('a revoked key gets AuthFailure.SecretIdNotFound', async () => {
    must(await sim.control.revokeKey(sim.credentials.secretId));
    expect(code(await cccCall(sim, clock, METRICS, params))).toBe('AuthFailure.SecretIdNotFound');
    const again = await sim.control.revokeKey(sim.credentials.secretId);
    expect(again.ok).toBe(false);
  });
});
