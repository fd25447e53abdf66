import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  ipcContract,
  type Channel,
  type IpcHandlers,
  type IpcResult,
} from '../../../../shared/ipc-contract';
import { guardContract, guardHandlers } from '../../../../electron/core/app/operation-guard';
import { idleSnapshot } from '../../../../electron/core/app/idle-snapshot';
import { createLogger, createMemorySink } from '../../../../electron/core/logger';

/**
 * The core's one guard, as every transport calls it (these cases ran through electron/main/ipc.ts
 * before the guard moved into the core; the preview bridge and the gateway get them too).
 */

const OUTCOME = {
  id: 1,
  requested: { status: 'rest', reason: 'Lunch' },
  outcome: 'applied',
  error: null,
  atMs: 0,
};
/** What the recording handlers answer (contract-valid: the guard checks outputs too). */
const OUTPUTS: Partial<Record<Channel, unknown>> = {
  'status:set': OUTCOME,
  'status:get': idleSnapshot('agent@example.com', null),
};

/** Handlers that record their (parsed) input and answer ok. */
function recordingHandlers(calls: Array<[Channel, unknown]>): IpcHandlers {
  return Object.fromEntries(
    (Object.keys(ipcContract) as Channel[]).map((c) => [
      c,
      (input: unknown) => {
        calls.push([c, input]);
        return Promise.resolve({ ok: true, value: OUTPUTS[c] ?? null });
      },
    ]),
  ) as unknown as IpcHandlers;
}

function setup(overrides: Partial<IpcHandlers> = {}, disposed = false) {
  const calls: Array<[Channel, unknown]> = [];
  const sink = createMemorySink();
  const logger = createLogger({ sink: sink.sink, level: 'debug' });
  const handlers = guardHandlers(
    { ...recordingHandlers(calls), ...overrides },
    { logger, isDisposed: () => disposed },
  );
  const invoke = (channel: string, _frame: unknown, input?: unknown) =>
    handlers[channel as Channel](input) as Promise<IpcResult<unknown>>;
  return { calls, sink, invoke, logger };
}

const APP = null;

describe('operation guard', () => {
  it('passes parsed input to the handler', async () => {
    const { invoke, calls } = setup();
    await expect(
      invoke('status:set', APP, { status: 'rest', reason: '  Lunch ' }),
    ).resolves.toEqual({
      ok: true,
      value: OUTCOME,
    });
    // The schema's transforms (trim) apply before the handler sees the value.
    expect(calls).toEqual([['status:set', { status: 'rest', reason: 'Lunch' }]]);
    await expect(invoke('status:get', APP)).resolves.toMatchObject({ ok: true });
    expect(calls[1]).toEqual(['status:get', undefined]);
  });

  it.each([
    ['status:set', { status: 'busy' }],
    ['status:set', 'rest'],
    ['status:get', { extra: true }],
    ['app:visibility', { visible: 'yes' }],
    ['app:openHelp', { topic: 'https://evil.example' }],
    ['stats:day', { day: 'yesterday' }],
    ['credentials:saveCcc', { secretId: 'AKID 1234 5678', secretKey: 'super-secret-key-value' }],
    ['settings:update', { polling: { visibleSeconds: 0 } }],
  ])('answers bad_input for %s %j without calling the handler', async (channel, input) => {
    const { invoke, calls } = setup();
    const res = await invoke(channel, APP, input);
    expect(res).toMatchObject({ ok: false, code: 'bad_input' });
    expect(calls).toEqual([]);
  });

  it('never echoes input values in a bad_input message or the log', async () => {
    const { invoke, sink } = setup();
    const res = await invoke('credentials:saveCcc', APP, {
      secretId: 'AKID!!notvalid',
      secretKey: 'THE-SECRET-KEY-123',
    });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.message).toMatch(/secretId/);
    expect(res.message).not.toContain('THE-SECRET-KEY-123');
    expect(res.message).not.toContain('AKID!!notvalid');
    expect(sink.lines.join('\n')).not.toContain('THE-SECRET-KEY-123');
  });

  it('turns a throwing handler into internal, logging no secret', async () => {
    const { invoke, sink } = setup({
      'credentials:saveCcc': () =>
        Promise.reject(new Error('keychain refused value sk-ABCDEFGH12345')),
    });
    const res = await invoke('credentials:saveCcc', APP, {
      secretId: 'AKIDabcdefgh',
      secretKey: 'sk-ABCDEFGH12345',
    });
    expect(res).toEqual({ ok: false, code: 'internal', message: expect.any(String) });
    const log = sink.lines.join('\n');
    expect(log).toContain('handler failed');
    expect(log).toContain('credentials:saveCcc');
    expect(log).not.toContain('sk-ABCDEFGH12345');
  });
  it('answers shutting_down once the core is disposed, without parsing or running anything', async () => {
    const { invoke, calls } = setup({}, true);
    for (const channel of Object.keys(ipcContract)) {
      expect(await invoke(channel, APP, { junk: true })).toMatchObject({
        ok: false,
        code: 'shutting_down',
      });
    }
    expect(calls).toEqual([]);
  });

  it('never rejects, even when reading the output throws', async () => {
    const hostile = Object.defineProperty({}, 'version', {
      enumerable: true,
      get: () => {
        throw new Error('getter sk-SECRET-123');
      },
    });
    const { invoke, sink } = setup({
      'app:info': () => Promise.resolve({ ok: true, value: hostile as never }),
    });
    await expect(invoke('app:info', APP)).resolves.toMatchObject({
      ok: false,
      code: 'internal',
    });
    const log = sink.lines.join('\n');
    expect(log).toContain('app:info');
    expect(log).not.toContain('sk-SECRET-123');
  });
});

describe('guardContract: the same guard over another contract (the gateway API will have one)', () => {
  const contract = {
    'me:status': {
      input: z.object({ agent: z.string().min(1) }),
      output: z.object({ status: z.string() }),
    },
  };

  it('parses input and output with that contract and logs under its label', async () => {
    const sink = createMemorySink();
    const logger = createLogger({ sink: sink.sink, level: 'debug' });
    const seen: unknown[] = [];
    const guarded = guardContract(
      contract,
      {
        'me:status': async (input) => {
          seen.push(input);
          return { ok: true, value: { status: 'free', extra: 'dropped' } as never };
        },
      },
      { logger, isDisposed: () => false, label: 'gateway' },
    );
    expect(await guarded['me:status']({ agent: 'a@x' })).toEqual({
      ok: true,
      value: { status: 'free' },
    });
    expect(await guarded['me:status']({ agent: '' })).toMatchObject({
      ok: false,
      code: 'bad_input',
    });
    expect(seen).toEqual([{ agent: 'a@x' }]);
    expect(sink.records().map((r) => r.msg)).toEqual(['gateway: bad input']);
  });
});
