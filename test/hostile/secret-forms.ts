/**
 * The shapes a secret can take in text that leaves the app: as it is, URL-encoded (both
 * encodeURIComponent and form encoding), JSON-escaped, and base64 / base64url at each of the
 * three byte alignments it can have inside a longer encoded text. `findSecrets` says which
 * secret, in which form, a text contains.
 */

/** encodeURIComponent, or the text itself for a lone surrogate (which it cannot encode). */
function urlEncoded(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The characters of `base64(prefix + secret)` that depend on the secret's bytes only. */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const out: string[] = [];
  for (let pad = 0; pad < 3; pad++) {
    const encoded = Buffer.concat([Buffer.alloc(pad), bytes]).toString('base64');
    const start = pad === 0 ? 0 : 4;
    const end = 4 * Math.floor((pad + bytes.length) / 3);
    const core = encoded.slice(start, end);
    if (core.length >= 12) {
      out.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return out;
}

/** Every form of one secret worth looking for (deduplicated). */
export function secretForms(secret: string): Array<{ form: string; text: string }> {
  const forms: Array<{ form: string; text: string }> = [
    { form: 'raw', text: secret },
    { form: 'url-encoded', text: urlEncoded(secret) },
    { form: 'form-encoded', text: new URLSearchParams({ x: secret }).toString().slice(2) },
    { form: 'json-escaped', text: JSON.stringify(secret).slice(1, -1) },
    // Escaped twice: a JSON string inside a JSON string (a log field holding a body).
    { form: 'json-escaped twice', text: JSON.stringify(JSON.stringify(secret)).slice(2, -2) },
    ...base64Cores(secret).map((text) => ({ form: 'base64', text })),
  ];
  const seen = new Set<string>();
  return forms.filter((f) => f.text.length > 0 && !seen.has(f.text) && seen.add(f.text));
}

/** Named secrets to look for. */
export type SecretList = ReadonlyArray<{ name: string; value: string }>;

/** `"<name> (<form>)"` for each secret found in `text`, or [] when none is. */
export function findSecrets(text: string, secrets: SecretList): string[] {
  const found: string[] = [];
  for (const { name, value } of secrets) {
    for (const { form, text: t } of secretForms(value)) {
      if (text.includes(t)) {
        found.push(`${name} (${form})`);
        break;
      }
    }
  }
  return found;
}
