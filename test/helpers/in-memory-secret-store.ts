import type { SecretStore } from '../../electron/core/credentials/secret-store';

/**
 * A SecretStore for tests: a Map, a log of every call, and switchable failures that behave like
 * a keychain that is locked or missing (the promise rejects, as keytar's do).
 */
export class InMemorySecretStore implements SecretStore {
  readonly entries = new Map<string, string>();
  readonly calls: Array<{ op: 'get' | 'set' | 'delete'; account: string }> = [];
  /** Operations that reject until cleared. */
  failing = new Set<'get' | 'set' | 'delete'>();

  constructor(initial: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(initial)) this.entries.set(k, v);
  }

  private check(op: 'get' | 'set' | 'delete', account: string): void {
    this.calls.push({ op, account });
    if (this.failing.has(op)) throw new Error(`keychain ${op} failed (test)`);
  }

  async get(account: string): Promise<string | null> {
    this.check('get', account);
    return this.entries.get(account) ?? null;
  }

  async set(account: string, value: string): Promise<void> {
    this.check('set', account);
    this.entries.set(account, value);
  }

  async delete(account: string): Promise<boolean> {
    this.check('delete', account);
    return this.entries.delete(account);
  }

  /** Everything stored, concatenated (to assert a secret is or is not there). */
  allText(): string {
    return [...this.entries.values()].join('\n');
  }
}
