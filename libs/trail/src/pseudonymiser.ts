import { createHmac } from 'node:crypto';
import type { PersonRef } from './trail-entry.model.js';

/**
 * Keyed pseudonyms of people: HMAC-SHA-256 under the pseudonym key, so that nobody without the key can test
 * a guessed login against the chain. The same person always gets the same pseudonym: by employee id when it
 * is known, else by directory and login.
 */
export class Pseudonymiser {
  constructor(private readonly key: Buffer) {}

  pseudonym(ref: PersonRef): string {
    return `p_${createHmac('sha256', this.key).update(identityKey(ref)).digest('hex').slice(0, 40)}`;
  }
}

export function identityKey(ref: PersonRef): string {
  const employeeId = ref.employeeId?.trim();
  if (employeeId) return `employee:${employeeId}`;
  const login = ref.login?.trim().toLowerCase();
  if (!login) throw new Error('a person named in the trail needs a login or an employee id');
  return `login:${(ref.directory ?? '').toLowerCase()}:${login}`;
}
