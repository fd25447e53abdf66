import type { MessageKey } from '../../../shared/i18n';
import { LIMITS, SECRET_ID_PATTERN } from '../../../shared/vocabulary';
import type { T } from '../../lib/i18n';

/**
 * Field validation for the settings forms: pure functions from the text a person typed to either
 * a value or a message key (translated next to the field). The bounds are the vocabulary's
 * (shared/vocabulary.ts LIMITS), as the schemas' are, so main never rejects what passed here.
 */

/** A message key with its parameters. */
export interface FieldError {
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** A value parsed from a field, or why it is not valid. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: FieldError };

const good = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = (key: MessageKey, params?: Record<string, string | number>): Checked<never> => ({
  ok: false,
  error: params ? { key, params } : { key },
});

/** A whole number in [min, max]; empty gives null when optional, "Required" otherwise. */
export function checkInt(
  raw: string,
  min: number,
  max: number,
  optional = false,
): Checked<number | null> {
  const s = raw.trim();
  if (s === '') return optional ? good(null) : bad('invalid.required');
  if (!/^-?\d+$/.test(s)) return bad('invalid.integer');
  const n = Number(s);
  if (n < min || n > max) return bad('invalid.range', { min, max });
  return good(n);
}

/** A trimmed text of [min, max] characters (min 0 allows empty). */
export function checkText(raw: string, min: number, max: number): Checked<string> {
  const s = raw.trim();
  if (s === '' && min > 0) return bad('invalid.required');
  if (s.length < min || s.length > max) return bad('invalid.length', { min, max });
  return good(s);
}

/** An http(s) URL. */
export function checkUrl(raw: string): Checked<string> {
  const s = raw.trim();
  if (s === '') return bad('invalid.required');
  try {
    const u = new URL(s);
    if (u.protocol === 'http:' || u.protocol === 'https:') return good(s);
  } catch {
    // fall through
  }
  return bad('invalid.url');
}

/** A Tencent Cloud SecretId: letters, digits, - and _, 8 to 128 characters. */
export function checkSecretId(raw: string): Checked<string> {
  const s = raw.trim();
  if (s === '') return bad('invalid.required');
  const { min, max } = LIMITS.secretId;
  return SECRET_ID_PATTERN.test(s) && s.length >= min && s.length <= max
    ? good(s)
    : bad('invalid.secretId');
}

/**
 * The expiry of temporary credentials from a `datetime-local` value (`YYYY-MM-DDTHH:mm[:ss]`, the
 * computer's local time) as epoch ms; empty gives null (no expiry). It must be after `nowMs`,
 * as main requires (it rejects credentials that have already expired). `incomplete`: the browser
 * holds a half-typed date, which its input reports as '' (validity.badInput).
 */
export function checkExpiry(
  raw: string,
  nowMs: number,
  incomplete = false,
): Checked<number | null> {
  const s = raw.trim();
  if (incomplete) return bad('invalid.dateTime');
  if (s === '') return good(null);
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/.exec(s);
  if (!m) return bad('invalid.dateTime');
  const n = (i: number): number => Number(m[i] ?? 0);
  const at = new Date(n(1), n(2) - 1, n(3), n(4), n(5), n(6));
  // Reject what the calendar does not have (Feb 30 would roll over to March; 24:00; year 0050).
  const real = at.getFullYear() === n(1) && at.getMonth() === n(2) - 1 && at.getDate() === n(3);
  if (!real || n(4) > 23 || n(5) > 59 || n(6) > 59) return bad('invalid.dateTime');
  const ms = at.getTime();
  if (ms <= nowMs) return bad('invalid.expiryPast');
  return good(ms);
}

const MODIFIERS = new Set(
  [
    'Command',
    'Cmd',
    'Control',
    'Ctrl',
    'CommandOrControl',
    'CmdOrCtrl',
    'Alt',
    'Option',
    'AltGr',
    'Shift',
    'Super',
    'Meta',
  ].map((m) => m.toLowerCase()),
);
const NAMED_KEYS = new Set(
  [
    'Plus',
    'Space',
    'Tab',
    'Backspace',
    'Delete',
    'Insert',
    'Return',
    'Enter',
    'Up',
    'Down',
    'Left',
    'Right',
    'Home',
    'End',
    'PageUp',
    'PageDown',
    'Escape',
    'Esc',
  ].map((k) => k.toLowerCase()),
);

/**
 * An Electron accelerator for a global shortcut: modifiers then one key joined by `+`, at least one
 * modifier unless the key is F1-F24 (a bare letter would steal typing everywhere). Empty = none.
 */
export function checkShortcut(raw: string): Checked<string> {
  const s = raw.trim();
  if (s === '') return good('');
  const parts = s.split('+');
  const key = (parts.pop() ?? '').toLowerCase();
  const isFunctionKey = /^f([1-9]|1\d|2[0-4])$/.test(key);
  const isKey =
    isFunctionKey || /^[a-z0-9]$/.test(key) || /^[-=[\];',./`\\]$/.test(key) || NAMED_KEYS.has(key);
  const modifiersOk = parts.every((p) => MODIFIERS.has(p.toLowerCase()));
  if (
    !isKey ||
    !modifiersOk ||
    (parts.length === 0 && !isFunctionKey) ||
    s.length > LIMITS.shortcut.max
  ) {
    return bad('invalid.shortcut');
  }
  return good(s);
}

/** Field id -> error, for a form. */
export type FormErrors = Record<string, FieldError>;

/** Collects a field's error into `errors` and returns its value (undefined when invalid). */
export function collect<T>(errors: FormErrors, field: string, checked: Checked<T>): T | undefined {
  if (checked.ok) return checked.value;
  errors[field] = checked.error;
  return undefined;
}

/** The translated message of a field's error, or null when the field is valid. */
export function messageFor(errors: FormErrors, field: string, t: T): string | null {
  const e = errors[field];
  return e ? t(e.key, e.params) : null;
}
