import { globalShortcut } from 'electron';

/**
 * The global "toggle break" shortcut (setting `shortcut`, default CommandOrControl+Alt+B).
 * `apply` re-registers when the setting changes and reports a registration that failed, either
 * because the accelerator is malformed or because another app holds it.
 */

/** Outcome of applying a shortcut setting. */
export type ShortcutResult =
  | { ok: true; accelerator: string | null }
  | { ok: false; accelerator: string; reason: 'invalid' | 'taken' };

export interface GlobalShortcutController {
  /** Registers `accelerator` ('' = none), replacing the previous one. */
  apply(accelerator: string): ShortcutResult;
  /** The accelerator currently held, if any. */
  current(): string | null;
  dispose(): void;
}

/** Creates the controller; nothing is registered until `apply`. */
export function createGlobalShortcut(onTrigger: () => void): GlobalShortcutController {
  let held: string | null = null;
  let last: ShortcutResult = { ok: true, accelerator: null };

  const release = () => {
    if (held !== null) globalShortcut.unregister(held);
    held = null;
  };

  return {
    apply(accelerator) {
      const wanted = accelerator.trim();
      if (wanted !== '' && wanted === held) return last;
      release();
      if (wanted === '') return (last = { ok: true, accelerator: null });
      let registered: boolean;
      try {
        registered = globalShortcut.register(wanted, onTrigger);
      } catch {
        return (last = { ok: false, accelerator: wanted, reason: 'invalid' });
      }
      if (!registered) return (last = { ok: false, accelerator: wanted, reason: 'taken' });
      held = wanted;
      return (last = { ok: true, accelerator: wanted });
    },
    current: () => held,
    dispose: release,
  };
}
