import fc from 'fast-check';

/**
 * fast-check arbitraries for hostile input: wrong types (every JS type structured clone can carry,
 * BigInt and boxed values included), huge strings (1 MiB of ASCII, of lone surrogates, of RTL
 * overrides), deep nesting (to 10,000 levels), prototype-pollution keys (`__proto__`,
 * `constructor.prototype`) as OWN properties (as JSON.parse and structured clone make them),
 * unicode (lone surrogates, RTL/LTR marks and isolates, zero-width, combining, astral, NUL and
 * control characters), and mutations of a valid value (one leaf replaced, a key dropped, a
 * hostile key added). Also a printable summary of a value, so a failure never dumps 1 MiB.
 */

const MiB = 1 << 20;

/** 1 MiB strings, built once. */
export const HUGE_STRINGS: readonly string[] = [
  'A'.repeat(MiB),
  '\ud800'.repeat(MiB),
  '\u202e'.repeat(MiB / 2) + 'free',
  '😀'.repeat(MiB / 2),
  ` ${'x'.repeat(MiB)} `,
];

/** Characters that break naive text handling. */
const NASTY_CHARS = [
  '\u0000',
  '\n',
  '\r',
  '\t',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\ufeff',
  '\ufffd',
  '\ufffe',
  '\uffff',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '😀',
  '𝕏',
  'é',
  'e\u0301',
  '会议',
  'ﷺ',
  'İ',
  'ß',
  '\\',
  '"',
  "'",
  '`',
  '<',
  '>',
  '&',
  '%',
  '%00',
  '%2e',
  '../',
  '${',
  '{{',
  '\\u0000',
  '\\ud800',
];

/** Keys and words with a meaning somewhere in JS or in this app. */
export const SPECIAL_WORDS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'then',
  'toJSON',
  'length',
  'free',
  'busy',
  'rest',
  'notReady',
  'afterCallWork',
  'offline',
  'Break',
  'Lunch',
  'key',
  'pasted',
  'mode',
  'status',
  'reason',
  'visible',
  'topic',
  'day',
  'endDay',
  'cam-policy',
  'https://evil.example/',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'app://renderer/',
  '2026-11-19',
  '2026-02-30',
  '0000-00-00',
  '9999-12-31',
  '-0001-01-01',
  '2026-11-19T00:00:00Z',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '',
];

const nastyChar = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_CHARS) },
  {
    weight: 2,
    arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  },
  {
    weight: 2,
    arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
  },
  { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 1 }) },
);

/** Short hostile strings, words with a meaning, `extra` strings (e.g. secrets) and 1 MiB ones. */
export function hostileString(extra: readonly string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(nastyChar, { maxLength: 48 }).map((a) => a.join('')) },
    { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_WORDS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 64 }) },
    { weight: 1, arbitrary: fc.constantFrom(...HUGE_STRINGS) },
    ...(extra.length > 0 ? [{ weight: 1, arbitrary: fc.constantFrom(...extra) }] : []),
  );
}

const hostileNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(
    -0,
    NaN,
    Infinity,
    -Infinity,
    2 ** 53,
    2 ** 53 + 2,
    1e308,
    -1,
    0,
    1,
    1.5,
    2 ** 31,
  ),
);

/** A value nested `depth` levels deep (arrays, objects, or `__proto__` chains). */
export function nested(kind: 'array' | 'object' | 'proto', depth: number): unknown {
  let v: unknown = kind === 'array' ? [] : { polluted: 'deep' };
  for (let i = 0; i < depth; i++) {
    if (kind === 'array') v = [v];
    else v = ownProps([[kind === 'proto' ? '__proto__' : 'a', v]]);
  }
  return v;
}

/** An object whose keys are OWN properties, even `__proto__` (as JSON.parse makes them). */
export function ownProps(
  entries: ReadonlyArray<readonly [string, unknown]>,
): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return o;
}

/** Payloads that try to pollute Object.prototype through a naive merge or path setter. */
export const POLLUTERS: readonly unknown[] = [
  JSON.parse('{"__proto__":{"polluted":"yes","isAdmin":true}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
  JSON.parse('{"status":"rest","__proto__":{"polluted":"yes"},"reason":"x"}'),
  JSON.parse('{"account":{"__proto__":{"polluted":"yes"}},"__proto__":{"demoMode":true}}'),
  JSON.parse('{"prototype":{"polluted":"yes"},"__proto__":[]}'),
  JSON.parse('[{"__proto__":{"polluted":"yes"}}]'),
  ownProps([
    ['__proto__', 'polluted'],
    ['constructor', 'polluted'],
  ]),
];

/** Any hostile value: wrong types, huge, deep, polluting, unicode; `extra` strings mixed in. */
export function hostileValue(extra: readonly string[] = []): fc.Arbitrary<unknown> {
  const str = hostileString(extra);
  const key = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_WORDS) },
    { weight: 1, arbitrary: str.filter((s) => s.length < 100) },
  );
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 5, arbitrary: str },
      { weight: 2, arbitrary: hostileNumber },
      { weight: 1, arbitrary: fc.constantFrom(true, false, null, undefined) },
      { weight: 1, arbitrary: fc.bigInt() },
      { weight: 1, arbitrary: fc.constantFrom(...POLLUTERS) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(
            fc.constantFrom('array', 'object', 'proto') as fc.Arbitrary<
              'array' | 'object' | 'proto'
            >,
            fc.integer({ min: 10, max: 10_000 }),
          )
          .map(([k, d]) => nested(k, d)),
      },
      {
        weight: 1,
        arbitrary: fc.anything({
          maxDepth: 2,
          withBigInt: true,
          withBoxedValues: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withTypedArray: true,
          withSparseArray: true,
          withNullPrototype: true,
          withObjectString: true,
        }),
      },
      { weight: 2, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
      {
        weight: 3,
        arbitrary: fc.array(fc.tuple(key, tie('value')), { maxLength: 5 }).map((e) => ownProps(e)),
      },
    ),
  }));
  return value;
}

type Path = ReadonlyArray<string | number>;

/** Every path in a plain value (objects and arrays), the root included. */
export function pathsOf(v: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...pathsOf(x, [...prefix, i])));
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) out.push(...pathsOf(x, [...prefix, k]));
  }
  return out;
}

/** A copy of `root` with the value at `path` replaced (or deleted when `value` is `DELETE`). */
export function withAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value === DELETE ? undefined : value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === DELETE) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else {
    Object.defineProperty(node, last, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/** Marker for `withAt`: remove the key. */
export const DELETE = Symbol('delete');

/** Mutations of a valid value: one leaf replaced or dropped, a key added, a string extended. */
export function mutationsOf(valid: unknown, extra: readonly string[] = []): fc.Arbitrary<unknown> {
  const paths = pathsOf(valid);
  const hostile = hostileValue(extra);
  const path = fc.constantFrom(...paths);
  const objectPaths = paths.filter((p) => {
    let n: unknown = valid;
    for (const k of p) n = (n as Record<string | number, unknown>)[k];
    return n !== null && typeof n === 'object' && !Array.isArray(n);
  });
  const stringPaths = paths.filter((p) => {
    let n: unknown = valid;
    for (const k of p) n = (n as Record<string | number, unknown>)[k];
    return typeof n === 'string';
  });
  const at = (p: Path): unknown => {
    let n: unknown = valid;
    for (const k of p) n = (n as Record<string | number, unknown>)[k];
    return n;
  };
  const inner = paths.filter((p) => p.length > 0);
  const options: Array<fc.WeightedArbitrary<unknown>> = [
    { weight: 1, arbitrary: fc.constant(valid) },
    { weight: 6, arbitrary: fc.tuple(path, hostile).map(([p, v]) => withAt(valid, p, v)) },
  ];
  if (inner.length > 0) {
    options.push({
      weight: 1,
      arbitrary: fc.constantFrom(...inner).map((p) => withAt(valid, p, DELETE)),
    });
  }
  if (objectPaths.length > 0) {
    options.push({
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom(...objectPaths), fc.constantFrom(...SPECIAL_WORDS), hostile)
        .map(([p, k, v]) => withAt(valid, [...p, k], v)),
    });
  }
  if (stringPaths.length > 0) {
    options.push({
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom(...stringPaths), hostileString(extra), fc.boolean())
        .map(([p, s, before]) => withAt(valid, p, before ? s + String(at(p)) : String(at(p)) + s)),
    });
  }
  return fc.oneof(...options);
}

/** A short, printable description of any value (types, sizes, the start of long strings). */
export function describe(v: unknown, depth = 0): string {
  if (typeof v === 'string') {
    const head = JSON.stringify(v.slice(0, 60));
    return v.length > 60 ? `${head}…(${v.length} chars)` : head;
  }
  if (typeof v === 'bigint') return `${v}n`;
  if (v === null || typeof v !== 'object') return String(v);
  if (depth > 3) return Array.isArray(v) ? '[…]' : '{…}';
  if (Array.isArray(v))
    return `[${v
      .slice(0, 5)
      .map((x) => describe(x, depth + 1))
      .join(', ')}${v.length > 5 ? ', …' : ''}]`;
  const name =
    Object.getPrototypeOf(v) === null
      ? 'null-proto '
      : v.constructor?.name === 'Object'
        ? ''
        : `${v.constructor?.name ?? '?'} `;
  const entries = Object.entries(v)
    .slice(0, 8)
    .map(([k, x]) => `${JSON.stringify(k)}: ${describe(x, depth + 1)}`);
  return `${name}{${entries.join(', ')}}`;
}

/** JSON of anything (BigInt as text, cycles cut), for secret scans of a payload. */
export function looseJson(v: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(v, (_k, x: unknown) => {
        if (typeof x === 'bigint') return `${x}`;
        if (x !== null && typeof x === 'object') {
          if (seen.has(x)) return '[cycle]';
          seen.add(x);
        }
        return x;
      }) ?? ''
    );
  } catch {
    return '';
  }
}

/** Own property names of the built-in prototypes, to see any pollution afterwards. */
export function prototypeFingerprint(): string {
  const protos = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
  return protos.map((p) => Object.getOwnPropertyNames(p).sort().join(',')).join('|');
}

/** Throws when anything polluted a built-in prototype (compared with `before`). */
export function assertNoPollution(before: string): void {
  const probe = {} as Record<string, unknown>;
  if (
    probe.polluted !== undefined ||
    probe.isAdmin !== undefined ||
    prototypeFingerprint() !== before
  ) {
    throw new Error('a built-in prototype was polluted');
  }
}
