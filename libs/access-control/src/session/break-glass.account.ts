import { timingSafeEqual } from 'node:crypto';

/**
 * The local administrator for when the directory is down: off by default, one login, an argon2id hash of its password.
 * The password is checked against the hash even for another login, so that the time taken does not say whether the
 * login was the right one.
 */
export class BreakGlassAccount {
  constructor(private readonly settings: { enabled: boolean; login: string; passwordHash: string | null }) {}

  get enabled(): boolean {
    return this.settings.enabled && this.settings.passwordHash !== null;
  }

  get login(): string {
    return this.settings.login;
  }

  /** Whether this login and password are the break-glass account's (always false when it is off). */
  async verify(login: string, password: string): Promise<boolean> {
    const hash = this.settings.passwordHash;
    if (!this.settings.enabled || !hash || !password) return false;
    const argon2 = await import('argon2');
    const passwordOk = await argon2.verify(hash, password).catch(() => false);
    const a = Buffer.from(login);
    const b = Buffer.from(this.settings.login);
    const loginOk = a.length === b.length && timingSafeEqual(a, b);
    return passwordOk && loginOk;
  }
}

/** The argon2id hash of a password, for `vigie auth hash-password` (OWASP's parameters: 19 MiB, 2 passes). */
export async function hashPassword(password: string): Promise<string> {
  const argon2 = await import('argon2');
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}
