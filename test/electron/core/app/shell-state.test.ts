import { describe, expect, it } from 'vitest';
import { readyUpdate } from '../../../helpers/update-state';
import { createShellState } from '../../../../electron/core/app/shell-state';
import { idleSnapshot } from '../../../../electron/core/app/idle-snapshot';
import type { ShellState } from '../../../../shared/shell';
import type { StatusSnapshot } from '../../../../shared/snapshot';

const ready = readyUpdate();

function setup(hasHook = true) {
  let snapshot: StatusSnapshot = idleSnapshot('a@example.com', null);
  const changes: ShellState[] = [];
  let restarts = 0;
  const shell = createShellState({
    channel: () => 'stable',
    snapshot: () => snapshot,
    hooks: hasHook ? { restartToUpdate: () => restarts++ } : {},
    changed: (s) => changes.push(s),
  });
  return {
    shell,
    changes,
    restarts: () => restarts,
    setStatus: (status: StatusSnapshot['status']) => (snapshot = { ...snapshot, status }),
  };
}

describe('shell state', () => {
  it('reports a failing notification once', () => {
    const { shell, changes } = setup();
    shell.notificationFailed();
    shell.notificationFailed();
    expect(changes).toHaveLength(1);
    expect(shell.get().notificationsFailed).toBe(true);
  });

  it('restarts to update only when one is ready, and never during a call or wrap-up', () => {
    const { shell, restarts, setStatus } = setup();
    expect(shell.restartToUpdate()).toMatchObject({
      ok: false,
      error: { code: 'update_not_ready' },
    });
    shell.setUpdate(ready);
    for (const status of ['busy', 'afterCallWork'] as const) {
      setStatus(status);
      const r = shell.restartToUpdate();
      expect(r).toMatchObject({ ok: false, error: { code: 'update_on_call' } });
      if (!r.ok) expect(r.error.message).toMatch(/call/);
    }
    expect(restarts()).toBe(0);
    setStatus('rest');
    expect(shell.restartToUpdate()).toEqual({ ok: true, value: undefined });
    expect(restarts()).toBe(1);
  });

  it('says so where nothing can install (the browser preview)', () => {
    const { shell } = setup(false);
    expect(shell.get().update).toMatchObject({ phase: 'off', offReason: 'unsupported' });
    shell.setUpdate(ready);
    expect(shell.restartToUpdate()).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });
});
