import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createFileSink,
  createLogger,
  createMemorySink,
  createRedactor,
  REDACTED,
} from '../../../electron/core/logger';
import { signTc3 } from '../../../electron/core/api/tc3-signer';

const SECRET_KEY = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE';
const TOKEN = 'sts/token+with=odd/chars-0123456789';
const USERSIG = 'eJwtzF0LgjAUBuC-MnY9YqqpCF1ExmBXWVAbDMaMtaZ4iBqj9d9ba7d5nvPxMdbiv3lZxcpiY';

const make = (level: 'debug' | 'info' = 'debug') => {
  const mem = createMemorySink();
  const logger = createLogger({ sink: mem.sink, level, clock: { now: () => 0 } });
  return { mem, logger };
};

describe('logger redaction', () => {
  it('masks a registered secret in the message and in nested fields, in every encoding', () => {
    const { mem, logger } = make();
    logger.addSecret(SECRET_KEY);
    logger.addSecret(TOKEN);
    logger.log('info', `signing with ${SECRET_KEY}`, {
      nested: { list: [`x${SECRET_KEY}y`, { url: `https://h/?t=${encodeURIComponent(TOKEN)}` }] },
      json: JSON.stringify({ k: TOKEN }),
    });
    const line = mem.lines[0]!;
    expect(line).not.toContain(SECRET_KEY);
    expect(line).not.toContain(TOKEN);
    expect(line).not.toContain(encodeURIComponent(TOKEN));
    expect(mem.records()[0]!.msg).toBe(`signing with ${REDACTED}`);
  });

  it('blanks fields whose name says secret, whatever the value', () => {
    const { mem, logger } = make();
    logger.log('info', 'creds', {
      secretKey: 'never-registered-value',
      SecretKey: 'another',
      token: 'tok-unregistered',
      imKey: 'abcdef0123',
      userSig: 'sig-unregistered',
      headers: { Authorization: 'anything', 'X-TC-Token': 'x-token-value' },
      secretId: 'AKIDvisible',
      reason: 'Lunch',
    });
    const r = mem.records()[0]!;
    expect(r.secretKey).toBe(REDACTED);
    expect(r.SecretKey).toBe(REDACTED);
    expect(r.token).toBe(REDACTED);
    expect(r.imKey).toBe(REDACTED);
    expect(r.userSig).toBe(REDACTED);
    expect(r.headers).toEqual({ Authorization: REDACTED, 'X-TC-Token': REDACTED });
    expect(r.secretId).toBe('AKIDvisible');
    expect(r.reason).toBe('Lunch');
  });

  it('masks a real TC3 Authorization header and a usersig query even when never registered', () => {
    const { mem, logger } = make();
    const sig = signTc3({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
      secretKey: SECRET_KEY,
      service: 'ccc',
      host: 'ccc.tencentcloudapi.com',
      timestamp: 1551113065,
      body: '{}',
      contentType: 'application/json; charset=utf-8',
    });
    logger.log('warn', `request failed: Authorization: ${sig.authorization}`);
    logger.log(
      'warn',
      `GET https://console.tim.qq.com/v4/x?sdkappid=1&identifier=admin&usersig=${USERSIG}&random=9`,
    );
    logger.log('warn', 'body {"SecretKey":"abc123456789","Token":"zzz999888777"}');
    const text = mem.lines.join('\n');
    expect(text).not.toContain(sig.signature);
    expect(text).not.toContain('AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/');
    expect(text).not.toContain(USERSIG);
    expect(text).toContain('sdkappid=1&identifier=admin&usersig=[redacted]&random=9');
    expect(text).not.toContain('abc123456789');
    expect(text).not.toContain('zzz999888777');
  });

  it('redacts Error objects and survives cycles and hostile values', () => {
    const { mem, logger } = make();
    logger.addSecret(SECRET_KEY);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    logger.log('error', 'boom', { error: new Error(`bad key ${SECRET_KEY}`), cyclic, fn: () => 1 });
    const r = mem.records()[0]!;
    expect(JSON.stringify(r)).not.toContain(SECRET_KEY);
    expect((r.error as { message: string }).message).toBe(`bad key ${REDACTED}`);
    expect((r.cyclic as Record<string, unknown>).self).toBe('[circular]');
  });

  it('drops records below the level, ignores short secrets, and forgets removed ones', () => {
    const { mem, logger } = make('info');
    logger.log('debug', 'hidden');
    logger.addSecret('abc'); // too short to mask safely
    logger.log('info', 'abc stays');
    logger.addSecret('secret-value-1');
    logger.removeSecret('secret-value-1');
    logger.log('info', 'secret-value-1 after removal');
    expect(mem.records().map((r) => r.msg)).toEqual(['abc stays', 'secret-value-1 after removal']);
  });

  it('a redactor masks the longest secret first so a prefix never leaks the rest', () => {
    const r = createRedactor(['abcdef', 'abcdef-ghijkl']);
    expect(r.redact('x abcdef-ghijkl y')).toBe(`x ${REDACTED} y`);
  });
});

describe('file sink', () => {
  it('appends JSON lines and rotates past the size limit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'log-sink-'));
    try {
      const path = join(dir, 'logs', 'app.log');
      const file = createFileSink(path, 200);
      const logger = createLogger({ sink: file.sink, clock: { now: () => 0 } });
      for (let i = 0; i < 5; i += 1) logger.log('info', `line ${i} ${'x'.repeat(40)}`);
      file.close();
      expect((await readdir(join(dir, 'logs'))).sort()).toEqual(['app.log', 'app.log.1']);
      const current = (await readFile(path, 'utf8')).trim().split('\n');
      expect(JSON.parse(current.at(-1)!).msg).toMatch(/^line 4 /);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
