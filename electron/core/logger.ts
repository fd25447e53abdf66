import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { systemClock, type Clock, type Logger, type LogLevel } from './ports';

/**
 * The app's structured logger: one JSON line per record, written to an injected sink (a rotating
 * file in main, memory in tests). Every message and every field value passes through the
 * redactor first: known secrets registered at run time (SecretKey, STS token, IM key, UserSig)
 * are replaced wherever they appear, fields whose NAME says secret are blanked, and the shapes of
 * an `Authorization: TC3-HMAC-SHA256 ...` header and a `usersig=` query are masked even when the
 * value was never registered. The logger itself never throws.
 */

export const REDACTED = '[redacted]';

/** Where finished lines go. */
export type LogSink = (line: string) => void;

/** One parsed line (tests read them back). */
export interface LogRecord {
  t: string;
  level: LogLevel;
  msg: string;
  [field: string]: unknown;
}

/** Masks secrets in free text and structured values. */
export interface SecretRedactor {
  /** Registers a secret to mask from now on (values shorter than 6 characters are ignored). */
  addSecret(value: string | null | undefined): void;
  /** Stops masking a secret (after sign-out), so the set does not grow forever. */
  removeSecret(value: string | null | undefined): void;
  redact(text: string): string;
  redactValue(value: unknown): unknown;
  /** Whether the text contains a registered secret (patterns not considered). */
  containsSecret(text: string): boolean;
}

/** A `Logger` that also manages the secrets it masks. */
export interface RedactingLogger extends Logger, SecretRedactor {}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const MIN_SECRET_LENGTH = 6;

/** Field names whose values are never logged, whatever they contain. */
const SECRET_FIELD =
  /secretkey|password|passwd|usersig|authorization|imkey|^(x-tc-)?token$|sessiontoken|^sig$|^tls\.sig$|privatekey|apikey/i;

/** Shapes masked even when the value was never registered. */
const PATTERNS: Array<[RegExp, string]> = [
  // The whole TC3 Authorization value (it names the SecretId and carries the signature).
  [
    /TC3-HMAC-SHA256\s+Credential=[^\s"']*(?:,?\s*SignedHeaders=[^\s,"']*)?(?:,?\s*Signature=[0-9a-fA-F]*)?/g,
    `TC3-HMAC-SHA256 ${REDACTED}`,
  ],
  [/(\bSignature=)[0-9a-fA-F]{16,}/g, `$1${REDACTED}`],
  // Desk REST carries the UserSig in the query string.
  [/([?&]usersig=)[^&\s"'#]+/gi, `$1${REDACTED}`],
  // `"SecretKey": "..."`, `token=...`, `X-TC-Token: ...` and friends in serialised text.
  [
    /(["']?\b(?:Tmp)?Secret_?Key["']?\s*[:=]\s*["']?|["']?\b(?:X-TC-)?Token["']?\s*[:=]\s*["']?|["']?\bim_?Key["']?\s*[:=]\s*["']?|["']?\bUserSig["']?\s*[:=]\s*["']?|["']?\bAuthorization["']?\s*[:=]\s*["']?)(?!\[redacted\]|TC3-HMAC-SHA256 \[redacted\])[^"'\s,&}]+/gi,
    `$1${REDACTED}`,
  ],
];

/** The URL-encoded form; a lone surrogate (which no URL can carry) leaves the text as it is. */
function urlEncoded(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Creates a redactor with an initial set of secrets. */
export function createRedactor(initial: Iterable<string> = []): SecretRedactor {
  // Each secret also in the forms it takes inside JSON and URLs.
  const secrets = new Map<string, string[]>();
  let ordered: string[] = [];
  const rebuild = (): void => {
    ordered = [...new Set([...secrets.values()].flat())].sort((a, b) => b.length - a.length);
  };
  const redact = (text: string): string => {
    let out = text;
    for (const secret of ordered) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  };
  const redactValue = (value: unknown, seen = new WeakSet<object>(), depth = 0): unknown => {
    if (typeof value === 'string') return redact(value);
    if (value === null || typeof value !== 'object') {
      return typeof value === 'function' || typeof value === 'symbol'
        ? String(typeof value)
        : value;
    }
    if (seen.has(value)) return '[circular]';
    if (depth > 6) return '[deep]';
    seen.add(value);
    if (value instanceof Error) {
      return {
        name: value.name,
        message: redact(value.message),
        code: (value as { code?: unknown }).code,
      };
    }
    if (Array.isArray(value)) return value.slice(0, 50).map((v) => redactValue(v, seen, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] =
        SECRET_FIELD.test(key) && v !== null && v !== undefined && v !== ''
          ? REDACTED
          : redactValue(v, seen, depth + 1);
    }
    return out;
  };
  const redactor: SecretRedactor = {
    addSecret(value) {
      const v = value?.trim();
      if (!v || v.length < MIN_SECRET_LENGTH) return;
      secrets.set(v, [v, urlEncoded(v), JSON.stringify(v).slice(1, -1)]);
      rebuild();
    },
    removeSecret(value) {
      const v = value?.trim();
      if (v && secrets.delete(v)) rebuild();
    },
    redact,
    redactValue: (value) => redactValue(value),
    containsSecret: (text) => ordered.some((secret) => text.includes(secret)),
  };
  for (const s of initial) redactor.addSecret(s);
  return redactor;
}

export interface LoggerOptions {
  sink: LogSink;
  /** Records below this level are dropped. Default 'info'. */
  level?: LogLevel;
  clock?: Clock;
  /** Shares a redactor (e.g. one per app); default a new one. */
  redactor?: SecretRedactor;
  /** Fields added to every record (e.g. { scope: 'engine' }). */
  base?: Record<string, unknown>;
}

/** Creates the redacting logger. */
export function createLogger(options: LoggerOptions): RedactingLogger {
  const clock = options.clock ?? systemClock;
  const redactor = options.redactor ?? createRedactor();
  const min = LEVELS[options.level ?? 'info'];
  return {
    ...redactor,
    log(level, message, fields) {
      if ((LEVELS[level] ?? LEVELS.info) < min) return;
      try {
        const safeFields = redactor.redactValue({ ...options.base, ...fields }) as Record<
          string,
          unknown
        >;
        const { t: _t, level: _l, msg: _m, ...rest } = safeFields;
        const record: LogRecord = {
          t: new Date(clock.now()).toISOString(),
          level,
          msg: redactor.redact(String(message)),
          ...rest,
        };
        options.sink(JSON.stringify(record));
      } catch {
        // A logger must never take the app down (a sink error, a hostile toJSON, ...).
      }
    },
  };
}

/**
 * Wraps any Logger so that what reaches it is redacted first. A logger that already redacts
 * (has `addSecret`) is returned as it is.
 */
export function withRedaction(
  inner: Logger,
  redactor: SecretRedactor = createRedactor(),
): RedactingLogger {
  if (isRedactingLogger(inner)) return inner;
  return {
    ...redactor,
    log(level, message, fields) {
      try {
        const safe =
          fields === undefined
            ? undefined
            : (redactor.redactValue(fields) as Record<string, unknown>);
        inner.log(level, redactor.redact(String(message)), safe);
      } catch {
        // Never let logging break the caller.
      }
    },
  };
}

/** Whether a Logger is one of ours (manages its own secrets). */
export function isRedactingLogger(logger: Logger): logger is RedactingLogger {
  const l = logger as Partial<RedactingLogger>;
  return (
    typeof l.addSecret === 'function' &&
    typeof l.containsSecret === 'function' &&
    typeof l.redact === 'function'
  );
}

/** A sink that keeps lines in memory (tests, the preview's diagnostics). */
export function createMemorySink(max = 5_000): {
  sink: LogSink;
  lines: string[];
  records(): LogRecord[];
} {
  const lines: string[] = [];
  return {
    lines,
    sink: (line) => {
      lines.push(line);
      if (lines.length > max) lines.splice(0, lines.length - max);
    },
    records: () => lines.map((l) => JSON.parse(l) as LogRecord),
  };
}

/**
 * A sink appending to a file, rotated to `<file>.1` when it grows past `maxBytes` (default 2 MB).
 * Writes are synchronous (lines are small and rare; nothing is lost on a crash).
 */
export function createFileSink(
  path: string,
  maxBytes = 2 * 1024 * 1024,
): { sink: LogSink; close(): void } {
  let fd: number | null = null;
  let size = 0;
  const openFile = (): number => {
    mkdirSync(dirname(path), { recursive: true });
    size = existsSync(path) ? statSync(path).size : 0;
    if (size > maxBytes) {
      renameSync(path, `${path}.1`);
      size = 0;
    }
    return openSync(path, 'a', 0o600);
  };
  return {
    sink(line) {
      try {
        fd ??= openFile();
        const bytes = Buffer.from(`${line}\n`, 'utf8');
        if (size > 0 && size + bytes.length > maxBytes) {
          closeSync(fd);
          fd = null;
          renameSync(path, `${path}.1`);
          fd = openFile();
        }
        writeSync(fd, bytes);
        size += bytes.length;
      } catch {
        // Logging must not crash the app (disk full, folder removed).
      }
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}
