import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../../electron/core/app/app-core';
import { createLogger, createMemorySink } from '../../../../electron/core/logger';
import { startSimulator, type RunningSimulator } from '../../../../electron/simulator/index';
import type { IpcResult } from '../../../../shared/ipc-contract';
import { defaultSettings } from '../../../../shared/settings';
import { FakeClock } from '../../../helpers/fake-clock';
import { InMemorySecretStore } from '../../../helpers/in-memory-secret-store';

// Thursday 2026-11-19 11:00 at UTC+8.
const START = Date.UTC(2026, 10, 19, 3, 0, 0);
const TODAY = '2026-11-19';

const value = <T>(r: IpcResult<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.value;
};

describe('app core: voice stats', () => {
  let core: AppCore | null = null;
  let sim: RunningSimulator | null = null;
  let dataDir = '';
  afterEach(async () => {
    await core?.dispose();
    await sim?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a real account reads the call records only once voice.enabled is on', async () => {
    const clock = new FakeClock(START);
    sim = await startSimulator({ clock, autopilot: false, rateLimitPerSecond: 1000 });
    await sim.control.setCdrDelay({ minSeconds: 0, maxSeconds: 0 });
    const agent = sim.staff[1]!;
    await sim.control.startCall(agent, { type: 'tel', direct: 'in' });
    clock.advance(90_000);
    await sim.control.endCall(agent);
    clock.advance(60_000);
    dataDir = await mkdtemp(join(tmpdir(), 'app-core-voice-'));
    const logs = createMemorySink();
    core = await createAppCore({
      dataDir,
      secretStore: new InMemorySecretStore(),
      clock,
      timers: clock,
      logger: createLogger({ sink: logs.sink, level: 'debug', clock }),
      systemLocale: 'en-US',
      platform: 'linux',
      version: '9.9.9',
      random: () => 0.5,
    });
    const s = defaultSettings();
    const account = {
      ...s.account,
      sdkAppId: sim.sdkAppId,
      agentId: agent,
      endpoint: 'custom' as const,
      customBaseUrl: sim.url,
    };
    value(await core.handlers['settings:update']({ ...s, account }));
    value(await core.handlers['credentials:saveCcc']({ ...sim.credentials }));

    const off = value(await core.handlers['stats:day']({ day: TODAY }));
    expect(off.voice).toBeNull();
    expect(logs.lines.some((l) => l.includes('DescribeTelCdr'))).toBe(false);

    value(await core.handlers['settings:update']({ ...s, account, voice: { enabled: true } }));
    const on = value(await core.handlers['stats:day']({ day: TODAY }));
    expect(on.voice?.calls).toEqual([
      expect.objectContaining({ direction: 'in', talkSeconds: 90, outcome: 'completed' }),
    ]);
    expect(on.voice?.calls[0]!.customer).toMatch(/^•••\d{4}$/);
    expect(logs.lines.some((l) => l.includes('DescribeTelCdr'))).toBe(true); // the off check can fail
    // The customer's number was registered with the redactor: a log line quoting it is masked.
    const records = await sim.control.callRecords(agent);
    const caller = records.ok ? (records.value[0]!.Caller as string) : '';
    expect(caller).toMatch(/^0086\d{11}$/);
    expect(logs.lines.join('\n')).not.toContain(caller);
  });
});
