import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppCore, type AppCore } from '../../electron/core/app/app-core';
import { createLogger } from '../../electron/core/logger';
import { systemClock, systemTimers } from '../../electron/core/ports';
import { dayKeyAt } from '../../electron/core/stats/account-day';
import { registerIpc } from '../../electron/main/ipc';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/index';
import { ipcContract, type Channel, type IpcResult } from '../../shared/ipc-contract';
import { fake, resetFakeElectron } from '../helpers/fake-electron';
import { InMemorySecretStore } from '../helpers/in-memory-secret-store';
import {
  assertNoPollution,
  describe as describeValue,
  hostileValue,
  looseJson,
  mutationsOf,
  prototypeFingerprint,
} from './hostile-values';
import { findSecrets, type SecretList } from './secret-forms';

vi.mock('electron', () => import('../helpers/fake-electron').then((m) => m.electronModule));

/**
 * Issue 6 section 3: property-based fuzzing of every IPC channel's input, against the real app
 * core in demo mode (the simulator over loopback) with real credentials saved too. Each channel
 * gets generated payloads (wrong types, 1 MiB strings, 10,000-deep nesting, own `__proto__` /
 * `constructor.prototype` keys, lone surrogates, RTL overrides, configured secrets, and
 * mutations of a valid input) twice over:
 * - through the real main-process guard (electron/main/ipc.ts registered on the fake electron,
 *   called as the app's own frame): an input the contract rejects gets exactly `bad_input`; an
 *   accepted one gets `ok` with a contract-valid value or a coded error, and never `internal`
 *   (a handler crash) unless the payload itself carried a secret the output check then blocked;
 * - directly against the core's handler map with the RAW payload (what a bug in the guard would
 *   let through): still an IpcResult, ok values contract-valid.
 * Always: the promise resolves (no throw), no built-in prototype is polluted, and no configured
 * secret (any form) is in the reply. Numbers per channel: FUZZ_RUNS (default 1000 through the
 * guard) plus a third of that direct; FUZZ_SEED picks the seed (default fixed, for stable CI).
 */

const GUARD_RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const DIRECT_RUNS = Math.ceil(GUARD_RUNS / 3);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261121;
const APP_FRAME = { url: 'app://renderer/index.html', parent: null };
/** Channels whose valid input saves a secret: run last (a junk key, once registered, makes the
 * output check block every reply that happens to contain it). */
const SAVES_SECRETS: readonly Channel[] = ['credentials:saveCcc', 'credentials:saveDesk'];

let core: AppCore;
let dataDir: string;
const sims: RunningSimulator[] = [];
const secrets: Array<{ name: string; value: string }> = [];
const counts = new Map<string, number>();
const codes = new Map<string, Map<string, number>>();
let fingerprint = '';
const logLines: string[] = [];

const rand = (n: number): string => randomBytes(n).toString('base64url');
const cccKey = `${rand(24)}/+=`;
const token = `${rand(60)}+/=&%`;
const imKey = rand(32);

beforeAll(async () => {
  resetFakeElectron();
  dataDir = await mkdtemp(join(tmpdir(), 'ccc-ipc-fuzz-'));
  // Only the lines of the call being checked are kept (cleared before each call).
  const logger = createLogger({ sink: (line) => logLines.push(line), level: 'debug' });
  core = await createAppCore({
    dataDir,
    secretStore: new InMemorySecretStore(),
    clock: systemClock,
    timers: systemTimers,
    logger,
    systemLocale: 'en-US',
    platform: 'linux',
    version: '9.9.9',
    openExternal: () => undefined,
    simulatorFactory: async (o) => {
      // No rate limit: thousands of accepted calls in a few real seconds are the point here.
      const sim = await startSimulator({ ...o, rateLimitPerSecond: 1_000_000 });
      sims.push(sim);
      secrets.push(
        { name: `demo SecretKey #${sims.length}`, value: sim.credentials.secretKey },
        { name: `demo IM key #${sims.length}`, value: sim.desk.imKey },
      );
      return sim;
    },
    demo: { autopilot: false },
  });
  registerIpc({ handlers: core.handlers, origin: { kind: 'bundle' }, logger });
  secrets.push(
    { name: 'SecretKey', value: cccKey },
    { name: 'token', value: token },
    { name: 'IM key', value: imKey },
  );
  const saved = await core.handlers['credentials:saveCcc']({
    secretId: 'AKIDfuzz0000000001',
    secretKey: cccKey,
    token,
  });
  expect(saved.ok).toBe(true);
  expect((await core.handlers['credentials:saveDesk']({ mode: 'key', imKey })).ok).toBe(true);
  fingerprint = prototypeFingerprint();
}, 60_000);

afterAll(async () => {
  await core?.dispose();
  for (const s of sims) await s.close().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
  const lines = [...counts].map(([k, n]) => {
    const byCode = [...(codes.get(k) ?? new Map<string, number>())]
      .sort((a, b) => b[1] - a[1])
      .map(([c, m]) => `${c} ${m}`)
      .join(', ');
    return `  ${k.padEnd(34)} ${String(n).padStart(5)}  (${byCode})`;
  });
  if (process.env.FUZZ_REPORT) console.log(`IPC fuzz payloads per channel:\n${lines.join('\n')}`);
});

/** A valid input for each channel (the seed of its mutations). */
function validInputs(): { [C in Channel]: unknown } {
  const today = dayKeyAt(Date.now(), 480);
  return {
    'status:get': undefined,
    'status:set': { status: 'rest', reason: 'Lunch' },
    'status:cancelPending': undefined,
    'status:undo': undefined,
    'status:refresh': undefined,
    'app:visibility': { visible: true },
    'app:info': undefined,
    'app:openHelp': { topic: 'cam-policy' },
    'app:shell': undefined,
    'app:restartToUpdate': undefined,
    'stats:day': { day: today },
    'stats:week': { endDay: today },
    'settings:get': undefined,
    'settings:update': core.settings(),
    'credentials:status': undefined,
    'credentials:saveCcc': { secretId: 'AKIDfuzz0000000002', secretKey: rand(24) },
    'credentials:saveDesk': { mode: 'key', imKey: rand(24) },
    'credentials:test': undefined,
    'credentials:signOut': undefined,
    'demo:start': undefined,
    'demo:stop': undefined,
  };
}

function payloads(channel: Channel): fc.Arbitrary<unknown> {
  const valid = validInputs()[channel];
  const planted = secrets.map((s) => s.value).filter((s) => s.length < 200);
  return fc.oneof(
    { weight: 5, arbitrary: hostileValue(planted) },
    { weight: 5, arbitrary: mutationsOf(valid ?? {}, planted) },
    // Input-less channels run their handler only for `undefined`: now and then.
    { weight: 1, arbitrary: fc.constant(valid) },
  );
}

function record(where: string, channel: Channel, reply: IpcResult<unknown>): void {
  const key = `${channel} (${where})`;
  counts.set(key, (counts.get(key) ?? 0) + 1);
  const byCode = codes.get(key) ?? new Map<string, number>();
  const code = reply.ok ? 'ok' : reply.code;
  byCode.set(code, (byCode.get(code) ?? 0) + 1);
  codes.set(key, byCode);
}

/** The checks every reply must pass; throws a short Error naming what failed. */
function checkReply(channel: Channel, reply: unknown): asserts reply is IpcResult<unknown> {
  const r = reply as Partial<{ ok: unknown; value: unknown; code: unknown; message: unknown }>;
  if (r === null || typeof r !== 'object' || typeof r.ok !== 'boolean') {
    throw new Error(`not an IpcResult: ${describeValue(reply)}`);
  }
  if (r.ok) {
    const out = ipcContract[channel].output.safeParse(r.value);
    if (!out.success)
      throw new Error(`ok value breaks the output contract: ${out.error.message.slice(0, 300)}`);
  } else if (typeof r.code !== 'string' || typeof r.message !== 'string' || r.message === '') {
    throw new Error(`error without code and message: ${describeValue(reply)}`);
  }
  const leaked = findSecrets(looseJson(reply), secrets as SecretList);
  if (leaked.length > 0) throw new Error(`reply carries ${leaked.join(', ')}`);
}

/** Runs a property and fails with a short summary (seed, counterexample) instead of 1 MiB. */
async function fuzz(
  name: string,
  seed: number,
  arb: fc.Arbitrary<unknown>,
  runs: number,
  check: (p: unknown) => Promise<void>,
) {
  const result = await fc.check(fc.asyncProperty(arb, check), {
    numRuns: runs,
    seed,
    endOnFailure: true,
  });
  if (result.failed) {
    const example = result.counterexample ? describeValue(result.counterexample[0]) : '?';
    const error =
      result.errorInstance instanceof Error
        ? result.errorInstance.message
        : String(result.errorInstance);
    throw new Error(
      `${name}: after ${result.numRuns} runs (seed ${result.seed}, path ${result.counterexamplePath})\n  payload: ${example}\n  ${error.slice(0, 600)}`,
    );
  }
}

/** The app back in demo mode with the fuzz's configured credentials (channels change state). */
async function restoreState(): Promise<void> {
  if (!core.settings().demoMode)
    expect((await core.handlers['demo:start'](undefined)).ok).toBe(true);
  if (!core.handlers) return;
  await core.handlers['credentials:saveCcc']({
    secretId: 'AKIDfuzz0000000001',
    secretKey: cccKey,
    token,
  });
  await core.handlers['credentials:saveDesk']({ mode: 'key', imKey });
}

const channels = (Object.keys(ipcContract) as Channel[]).sort(
  (a, b) => Number(SAVES_SECRETS.includes(a)) - Number(SAVES_SECRETS.includes(b)),
);

describe('IPC fuzz: every channel, through the main-process guard and directly', () => {
  it.each(channels)(
    '%s',
    async (channel) => {
      await restoreState();
      const guard = fake.ipcHandlers.get(channel);
      if (!guard) throw new Error(`no IPC handler registered for ${channel}`);
      const schema = ipcContract[channel].input;

      const seed = SEED + channels.indexOf(channel) * 2;
      await fuzz(
        `${channel} via the guard`,
        seed,
        payloads(channel),
        GUARD_RUNS,
        async (payload) => {
          logLines.length = 0;
          const reply = (await guard({ senderFrame: APP_FRAME }, payload)) as IpcResult<unknown>;
          assertNoPollution(fingerprint);
          checkReply(channel, reply);
          record('guard', channel, reply);
          const accepted = schema.safeParse(payload).success;
          if (!accepted) {
            if (reply.ok || reply.code !== 'bad_input') {
              throw new Error(
                `rejected input answered ${reply.ok ? 'ok' : reply.code}, not bad_input`,
              );
            }
          } else if (!reply.ok && reply.code === 'internal') {
            // A handler that threw is a crash. The output check blocking a reply that would have
            // carried a registered secret is not (the payload itself may hold one, or a junk
            // key the fuzz saved may be a word every status reply contains).
            const log = logLines.join('\n');
            if (/handler threw|handler failed/.test(log) || !/carried a secret/.test(log)) {
              throw new Error(
                `an accepted input crashed the handler (internal): ${log.slice(0, 400)}`,
              );
            }
          }
        },
      );

      await restoreState();
      const handler = core.handlers[channel] as (input: unknown) => Promise<IpcResult<unknown>>;
      await fuzz(`${channel} direct`, seed + 1, payloads(channel), DIRECT_RUNS, async (payload) => {
        const reply = await handler(payload);
        assertNoPollution(fingerprint);
        checkReply(channel, reply);
        record('direct', channel, reply);
      });
    },
    120_000,
  );

  it('counted thousands of payloads per channel', () => {
    for (const channel of channels) {
      const total =
        (counts.get(`${channel} (guard)`) ?? 0) + (counts.get(`${channel} (direct)`) ?? 0);
      expect(total, channel).toBe(GUARD_RUNS + DIRECT_RUNS);
    }
  });
});

describe('found by the fuzz', () => {
  it('a key with a lone surrogate is saved with a reply, not a crash, and still masked in logs', async () => {
    await restoreState();
    const odd = `${rand(12)}\ud800${rand(12)}`;
    const ccc = await core.handlers['credentials:saveCcc']({
      secretId: 'AKIDfuzz0000000003',
      secretKey: odd,
    });
    expect(ccc).toMatchObject({ ok: true });
    const desk = await core.handlers['credentials:saveDesk']({ mode: 'key', imKey: `im-${odd}` });
    expect(desk).toMatchObject({ ok: true });
    const logger = createLogger({ sink: (line) => logLines.push(line) });
    logger.addSecret(odd);
    logLines.length = 0;
    logger.log('info', `key ${odd}`, { value: odd });
    expect(logLines.join('\n')).not.toContain(odd);
    await restoreState();
  });
});
