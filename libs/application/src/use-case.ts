import type * as z from 'zod';
import type { Staff, StaffAction, StaffSubject } from '#vigie/access-control';

/**
 * Who runs a use case. `system`: the command line of an operator on the server, or a scheduled job; it may do
 * everything (it holds the database and the keys anyway). A member of staff (`token` or `person`, see Staff): what
 * their roles' abilities allow, nothing else.
 */
export type Actor =
  /** `name`: the operating-system account at the terminal, for the command line. */
  { type: 'system'; id: string; name?: string } | Staff;

/** Who asks, and in which request or job: set once at the edge, read by the trail and the abilities check. */
export interface UseCaseContext {
  actor: Actor;
  /** The request id or the job id: every trail entry of this run carries it. */
  correlationId?: string;
  /** The caller's address (API). */
  sourceAddress?: string;
}

/**
 * What a use case declares about itself: its name (as the API, the command line and the trail know it), the schema
 * its input is parsed with (the one place input is validated, wherever it came from) and the ability a caller with a
 * role needs. A use case without an ability is for system actors only: deny by default.
 */
export interface UseCaseDefinition<S extends z.ZodType> {
  readonly name: string;
  readonly input: S;
  readonly ability?: readonly [StaffAction, StaffSubject];
  /**
   * The use case checks each record it touches against the caller's conditions (an employee reads only their own
   * effective access): a conditional rule on the subject is then enough to run it. Without it, the caller needs the
   * ability on every record of the subject (see allowsEveryRecord): deny by default.
   */
  readonly checksConditions?: boolean;
}

/** One workflow of the application: parse, decide, change state in one unit of work, say what happened. */
export interface UseCase<S extends z.ZodType, O> {
  readonly definition: UseCaseDefinition<S>;
  execute(input: z.output<S>, context: UseCaseContext): Promise<O>;
}

/** A use case's class: its definition is static, so it is known before the use case is built. */
export interface UseCaseClass<S extends z.ZodType, O> {
  readonly definition: UseCaseDefinition<S>;
  new (...deps: never[]): UseCase<S, O>;
}

export const SYSTEM_CLI: Actor = { type: 'system', id: 'cli' };
