import * as z from 'zod';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';

export const checkReadinessInput = z.object({}).strict();

export interface Readiness {
  ready: boolean;
  checks: { database: 'up' | 'down' };
}

/** Whether this process can serve: the database answers. */
export class CheckReadiness implements UseCase<typeof checkReadinessInput, Readiness> {
  static readonly definition: UseCaseDefinition<typeof checkReadinessInput> = { name: 'check-readiness', input: checkReadinessInput };
  readonly definition = CheckReadiness.definition;

  constructor(private readonly database: () => Promise<{ query(sql: string): Promise<unknown> }>) {}

  async execute(): Promise<Readiness> {
    try {
      await (await this.database()).query('SELECT 1');
      return { ready: true, checks: { database: 'up' } };
    } catch {
      return { ready: false, checks: { database: 'down' } };
    }
  }
}
