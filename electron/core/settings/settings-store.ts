import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { defaultSettings, settingsSchema, type Settings } from '../../../shared/settings';
import { err, ok, type AppError, type Result } from '../../../shared/result';
import { silentLogger, systemClock, type Clock, type Logger } from '../ports';
import { writeFileAtomic } from './atomic-file';

/**
 * Settings persistence: `settings.json` in the app's data folder, validated with the shared zod
 * schema, written atomically. Loading never fails: a file that is not JSON, or that does not
 * validate, is renamed aside to `settings.corrupt-<timestamp>.json`, whatever can be kept is kept
 * (invalid fields fall back to their defaults) and the problem is REPORTED to the caller.
 */

export const SETTINGS_FILE = 'settings.json';

/** What went wrong while loading; the app still runs (with defaults where needed). */
export interface SettingsProblem {
  code: 'settings_corrupt' | 'settings_invalid' | 'settings_unreadable';
  /** A sentence for a person. */
  message: string;
  /** Where the unusable file was moved, or null when it could not be (or was not) moved. */
  movedTo: string | null;
  /** Settings that were reset to their defaults (dotted paths); empty when all were. */
  resetPaths: string[];
}

export interface SettingsLoadReport {
  settings: Settings;
  problem: SettingsProblem | null;
}

export type SettingsListener = (next: Settings, previous: Settings) => void;

/** The settings the app runs with, their file, and who wants to hear about changes. */
export interface SettingsStore {
  /** Reads the file (once at start-up). Never throws; problems come back in the report. */
  load(): Promise<SettingsLoadReport>;
  /** The current settings (defaults before load). */
  get(): Settings;
  /** Validates, writes atomically, then notifies. Invalid input or a failed write is an error value. */
  save(next: unknown): Promise<Result<Settings>>;
  /** Applies a change to the current settings and saves the result. */
  update(change: (current: Settings) => Settings): Promise<Result<Settings>>;
  /** Called after every successful save whose content changed. Returns an unsubscribe. */
  subscribe(listener: SettingsListener): () => void;
  /** The problem found by the last load, if any. */
  lastProblem(): SettingsProblem | null;
  /** Absolute path of the settings file. */
  readonly path: string;
}

export interface SettingsStoreOptions {
  /** The app's data folder (Electron: app.getPath('userData')). */
  dir: string;
  clock?: Clock;
  logger?: Logger;
  fileName?: string;
}

const settingsError = (code: string, message: string, kind: AppError['kind']): AppError => ({
  source: 'app',
  code,
  kind,
  message,
  retryable: false,
});

/** `2026-11-21T11-23-15-000Z`: an ISO time usable in a file name on every OS. */
const fileStamp = (ms: number): string => new Date(ms).toISOString().replace(/[:.]/g, '-');

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The part of an issue path to delete so that defaults can fill it in: the leaf field, or the
 * whole array when the problem is inside one (indexes would shift otherwise), or the first value
 * on the way that is not an object.
 */
function cutPath(root: Record<string, unknown>, path: string[]): string[] {
  let node: unknown = root;
  for (let i = 0; i < path.length; i += 1) {
    if (!isRecord(node)) return path.slice(0, i);
    const next = node[path[i]!];
    if (Array.isArray(next)) return path.slice(0, i + 1);
    node = next;
  }
  return path;
}

/** Deletes what each issue complained about; returns the dotted paths deleted. */
function dropIssuePaths(root: Record<string, unknown>, issues: z.core.$ZodIssue[]): string[] {
  const dropped: string[] = [];
  for (const issue of issues) {
    const cut = cutPath(root, issue.path.map(String));
    if (cut.length === 0) continue;
    let parent: unknown = root;
    for (const key of cut.slice(0, -1)) parent = isRecord(parent) ? parent[key] : undefined;
    const last = cut[cut.length - 1]!;
    if (isRecord(parent) && last in parent) {
      delete parent[last];
      dropped.push(cut.join('.'));
    }
  }
  return dropped;
}

/** Parses raw JSON into settings, keeping every valid part. Exported for tests. */
export function salvageSettings(raw: unknown): {
  settings: Settings;
  resetPaths: string[];
  complete: boolean;
} {
  if (!isRecord(raw)) return { settings: defaultSettings(), resetPaths: [], complete: false };
  const working = structuredClone(raw);
  const resetPaths: string[] = [];
  for (let round = 0; round < 8; round += 1) {
    const parsed = settingsSchema.safeParse(working);
    if (parsed.success) return { settings: parsed.data, resetPaths, complete: true };
    const dropped = dropIssuePaths(working, parsed.error.issues);
    if (dropped.length === 0) break;
    resetPaths.push(...dropped);
  }
  return { settings: defaultSettings(), resetPaths: [], complete: false };
}

/** Creates the store. Nothing touches the disk until `load()` or `save()`. */
export function createSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const path = join(options.dir, options.fileName ?? SETTINGS_FILE);
  let current = defaultSettings();
  let problem: SettingsProblem | null = null;
  const listeners = new Set<SettingsListener>();
  let queue: Promise<unknown> = Promise.resolve();

  const setAside = async (): Promise<string | null> => {
    const target = join(options.dir, `settings.corrupt-${fileStamp(clock.now())}.json`);
    try {
      await rename(path, target);
      return target;
    } catch (e) {
      logger.log('warn', 'settings: could not move the unusable file aside', { error: String(e) });
      return null;
    }
  };

  const write = async (value: Settings): Promise<Result<Settings>> => {
    try {
      await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
      return ok(value);
    } catch (e) {
      logger.log('error', 'settings: write failed', { error: String(e) });
      return err(
        settingsError(
          'settings_write_failed',
          'The settings could not be saved to disk. Check that the app data folder is writable and has free space.',
          'unknown',
        ),
      );
    }
  };

  const commit = (next: Settings): void => {
    const previous = current;
    current = next;
    if (JSON.stringify(previous) === JSON.stringify(next)) return;
    for (const listener of [...listeners]) {
      try {
        listener(next, previous);
      } catch (e) {
        logger.log('error', 'settings: a listener threw', { error: String(e) });
      }
    }
  };

  /** Serialises validate + write + commit so concurrent saves land in call order. */
  const enqueue = (produce: () => unknown): Promise<Result<Settings>> => {
    const run = queue.then(async (): Promise<Result<Settings>> => {
      let next: unknown;
      try {
        next = produce();
      } catch (e) {
        logger.log('error', 'settings: update function threw', { error: String(e) });
        return err(
          settingsError('internal', 'The settings change could not be applied.', 'unknown'),
        );
      }
      const parsed = settingsSchema.safeParse(next);
      if (!parsed.success) {
        const where = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || 'settings'))];
        return err(
          settingsError(
            'bad_input',
            `These settings are not valid: ${where.join(', ')}.`,
            'bad_input',
          ),
        );
      }
      const written = await write(parsed.data);
      if (written.ok) commit(parsed.data);
      return written;
    });
    queue = run.catch(() => undefined);
    return run;
  };

  const store: SettingsStore = {
    path,
    async load() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        problem =
          code === 'ENOENT'
            ? null
            : {
                code: 'settings_unreadable',
                message:
                  'The settings file could not be read; the app is using default settings for now.',
                movedTo: null,
                resetPaths: [],
              };
        if (problem) logger.log('warn', 'settings: unreadable', { code });
        current = defaultSettings();
        return { settings: current, problem };
      }
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        const movedTo = await setAside();
        problem = {
          code: 'settings_corrupt',
          message:
            'The settings file was damaged (not valid JSON). It was set aside and default settings are used.',
          movedTo,
          resetPaths: [],
        };
        logger.log('warn', 'settings: corrupt file set aside', { movedTo });
        current = defaultSettings();
        return { settings: current, problem };
      }
      const parsed = settingsSchema.safeParse(raw);
      if (parsed.success) {
        problem = null;
        current = parsed.data;
        return { settings: current, problem };
      }
      const salvaged = salvageSettings(raw);
      const movedTo = await setAside();
      problem = {
        code: 'settings_invalid',
        message: salvaged.complete
          ? `Some settings were invalid and were reset to their defaults (${salvaged.resetPaths.join(', ')}). The original file was set aside.`
          : 'The settings file did not contain valid settings. It was set aside and default settings are used.',
        movedTo,
        resetPaths: salvaged.resetPaths,
      };
      logger.log('warn', 'settings: invalid file set aside', {
        movedTo,
        resetPaths: salvaged.resetPaths,
      });
      current = salvaged.settings;
      // Keep what was salvaged: the original is no longer where the next start looks.
      if (salvaged.complete) await write(current);
      return { settings: current, problem };
    },
    get: () => current,
    save: (next) => enqueue(() => next),
    // Runs behind pending writes, so the change applies to the latest value.
    update: (change) => enqueue(() => change(structuredClone(current))),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    lastProblem: () => problem,
  };
  return store;
}
