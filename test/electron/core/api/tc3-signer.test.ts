import { describe, expect, it } from 'vitest';
import { parseTc3Authorization, signTc3, utcDate } from '../../../../electron/core/api/tc3-signer';

// Official worked example from Tencent's API 3.0 signature documentation (reference section 2).
const example = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  service: 'cvm',
  host: 'cvm.tencentcloudapi.com',
  timestamp: 1551113065,
  contentType: 'application/json; charset=utf-8',
  body: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
};

describe('signTc3', () => {
  it('reproduces the official vector with the EXAMPLE key', () => {
    const s = signTc3({ ...example, secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE' });
    expect(s.payloadHash).toBe('35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064');
    expect(s.canonicalRequestHash).toBe(
      '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    );
    expect(s.signature).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
    expect(s.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host, ' +
        'Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });

  it('reproduces the official vector with the masked demo key', () => {
    const s = signTc3({ ...example, secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******' });
    expect(s.payloadHash).toBe('35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064');
    expect(s.canonicalRequestHash).toBe(
      '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    );
    expect(s.signature).toBe('2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c');
  });

  it('uses the UTC date, not local time, at UTC midnight edges', () => {
    expect(utcDate(1551052799)).toBe('2019-02-24');
    expect(utcDate(1551052800)).toBe('2019-02-25');
  });

  it('signs the exact bytes: a Buffer and the same string agree, a different body does not', () => {
    const body = '{"Reason":"午饭"}';
    const a = signTc3({ ...example, secretKey: 'k', body });
    const b = signTc3({ ...example, secretKey: 'k', body: Buffer.from(body, 'utf8') });
    const c = signTc3({ ...example, secretKey: 'k', body: body + ' ' });
    expect(a.signature).toBe(b.signature);
    expect(c.signature).not.toBe(a.signature);
  });

  it('rejects a non-integer timestamp', () => {
    expect(() => signTc3({ ...example, secretKey: 'k', timestamp: 1.5 })).toThrow(RangeError);
  });

  it('round-trips through parseTc3Authorization, and rejects other schemes', () => {
    const s = signTc3({ ...example, secretKey: 'k' });
    expect(parseTc3Authorization(s.authorization)).toEqual({
      secretId: example.secretId,
      date: '2019-02-25',
      service: 'cvm',
      signedHeaders: 'content-type;host',
      signature: s.signature,
    });
    expect(parseTc3Authorization('Bearer abc')).toBeNull();
    expect(
      parseTc3Authorization(s.authorization.replace('TC3-HMAC-SHA256', 'TC3-HMAC-SHA1')),
    ).toBeNull();
  });
});
