// Cross-check: our signTc3 against the official Node SDK's signer (tencentcloud-sdk-nodejs-common,
// tencentcloud/common/sign.js, Sign.sign3) over generated requests. Read from its source:
// - payload: a Buffer is hashed as-is (an object would be re-serialised with json-bigint, so we
//   pass the exact bytes we send);
// - content-type is taken from headers["Content-Type"] without lower-casing;
// - the signed host is new URL(url).hostname (no port), the canonical URI is the URL's path.
process.env.TZ = 'Asia/Shanghai';

import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signTc3, utcDate } from '../../../../electron/core/api/tc3-signer';
import type SignType from 'tencentcloud-sdk-nodejs-common/tencentcloud/common/sign';

const require = createRequire(import.meta.url);
const Sign = (
  require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign') as { default: typeof SignType }
).default;

const CONTENT_TYPE = 'application/json; charset=utf-8';
const HOSTS = ['ccc.tencentcloudapi.com', 'ccc.intl.tencentcloudapi.com'] as const;

const sdkAuthorization = (r: {
  url: string;
  body: Buffer;
  timestamp: number;
  secretId: string;
  secretKey: string;
}): string =>
  Sign.sign3({
    method: 'POST',
    url: r.url,
    payload: r.body,
    timestamp: r.timestamp,
    service: 'ccc',
    secretId: r.secretId,
    secretKey: r.secretKey,
    multipart: false,
    boundary: '',
    headers: { 'Content-Type': CONTENT_TYPE },
  });

// JSON bodies shaped like ours, with arbitrary Unicode (CJK, emoji, combining marks) in strings.
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.constantFrom('会议', '午饭', '小休', 'huiyi', 'café', '😀 break', 'e\u0301', '\u2028', ''),
);
const bodyArb = fc.oneof(
  fc.record({
    SdkAppId: fc.integer({ min: 1_400_000_000, max: 1_600_000_000 }),
    StaffStatusList: fc.array(
      fc.record({
        StaffUserId: text,
        Status: fc.constantFrom('free', 'rest', 'notReady'),
        Reason: text,
      }),
      { minLength: 1, maxLength: 10 },
    ),
  }),
  fc.record({
    SdkAppId: fc.integer({ min: 1, max: 2 ** 31 }),
    StaffList: fc.array(text, { maxLength: 5 }),
    GroupIdList: fc.array(fc.integer({ min: 0, max: 99_999 }), { maxLength: 5 }),
  }),
  fc.dictionary(text, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
);
// Timestamps within a few seconds of a UTC midnight (= 08:00 in Asia/Shanghai), 2019..2035.
const timestampArb = fc
  .tuple(fc.integer({ min: 17_897, max: 24_106 }), fc.integer({ min: -3, max: 3 }))
  .map(([day, delta]) => day * 86_400 + delta);
const keyArb = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 });

describe('signTc3 agrees with the official SDK signer', () => {
  it('runs in Asia/Shanghai, where local and UTC dates differ around UTC midnight', () => {
    expect(new Date(0).getTimezoneOffset()).toBe(-480);
    // 2019-02-24T23:59:59Z is already 2019-02-25 in Shanghai: the UTC date must win.
    expect(utcDate(1_551_052_799)).toBe('2019-02-24');
    expect(new Date(1_551_052_799_000).getDate()).toBe(25);
  });

  it('over 400 generated requests (both hosts, Unicode bodies, times near UTC midnight)', () => {
    let crossedMidnight = 0;
    fc.assert(
      fc.property(
        bodyArb,
        fc.constantFrom(...HOSTS),
        timestampArb,
        keyArb,
        keyArb,
        (json, host, timestamp, id, key) => {
          const body = Buffer.from(JSON.stringify(json), 'utf8');
          const ours = signTc3({
            secretId: `AKID${id}`,
            secretKey: key,
            service: 'ccc',
            host,
            timestamp,
            body,
            contentType: CONTENT_TYPE,
          });
          const theirs = sdkAuthorization({
            url: `https://${host}/`,
            body,
            timestamp,
            secretId: `AKID${id}`,
            secretKey: key,
          });
          expect(ours.authorization).toBe(theirs);
          if (timestamp % 86_400 >= 86_397) crossedMidnight += 1;
        },
      ),
      { numRuns: 400, seed: 20_200_210 },
    );
    expect(crossedMidnight).toBeGreaterThan(0);
  });

  it('signs the hostname without the port, as the SDK does for a URL with one', () => {
    const body = Buffer.from('{"SdkAppId":1400000000,"StaffList":["小明@example.com"]}', 'utf8');
    const timestamp = 1_756_800_000;
    const ours = signTc3({
      secretId: 'AKIDx',
      secretKey: 'k',
      service: 'ccc',
      host: '127.0.0.1',
      timestamp,
      body,
      contentType: CONTENT_TYPE,
    });
    expect(ours.authorization).toBe(
      sdkAuthorization({
        url: 'http://127.0.0.1:8123/',
        body,
        timestamp,
        secretId: 'AKIDx',
        secretKey: 'k',
      }),
    );
  });

  it('disagrees when a single body byte differs (the comparison can fail)', () => {
    const timestamp = 1_756_800_000;
    const ours = signTc3({
      secretId: 'AKIDx',
      secretKey: 'k',
      service: 'ccc',
      host: HOSTS[0],
      timestamp,
      body: '{"a":"会议"}',
      contentType: CONTENT_TYPE,
    });
    const theirs = sdkAuthorization({
      url: `https://${HOSTS[0]}/`,
      body: Buffer.from('{"a":"会议 "}'),
      timestamp,
      secretId: 'AKIDx',
      secretKey: 'k',
    });
    expect(ours.authorization).not.toBe(theirs);
  });
});
