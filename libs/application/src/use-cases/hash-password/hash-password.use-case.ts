import * as z from 'zod';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';

export const hashPasswordInput = z
  .object({
    // The break-glass account is for the day the directory is down: a long passphrase kept in a safe, not a word.
    password: z
      .string()
      .min(16, 'expected a passphrase of at least 16 characters: this password opens Vigie as admin when the directory is down')
      .max(1024, 'expected a passphrase of at most 1024 characters'),
  })
  .strict();

/** The argon2id hash of the break-glass administrator's password, for VIGIE_AUTH_BREAK_GLASS_HASH. No database. */
export class HashPassword implements UseCase<typeof hashPasswordInput, { hash: string }> {
  static readonly definition: UseCaseDefinition<typeof hashPasswordInput> = { name: 'hash-password', input: hashPasswordInput };
  readonly definition = HashPassword.definition;

  async execute(input: z.output<typeof hashPasswordInput>): Promise<{ hash: string }> {
    const { hashPassword } = await import('#vigie/access-control');
    return { hash: await hashPassword(input.password) };
  }
}
