import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { VigieError } from '#vigie/common';
import type { VigieConfig } from '#vigie/config';
import type { ClosableSqlClient } from '#vigie/persistence';
import { type LoggerFactory, SILENT_LOGGER } from '#vigie/logging';
import type { TrailActor } from '#vigie/trail';
import { SYSTEM_CLI, type Actor, type UseCase, type UseCaseContext } from '../use-case.js';
import { Dependencies } from './dependencies.js';
import { describeInputIssues, nulCharacterAt } from './input-issues.js';
import { USE_CASES, type UseCaseInput, type UseCaseName, type UseCaseOutput, WITHOUT_DATABASE } from './use-case-registry.js';

export interface CreateVigieOptions {
  /** Where libraries log; nothing by default. */
  loggerFor?: LoggerFactory;
  /**
   * A database already opened, with its migrations applied, instead of the configured one (tests that run Vigie on a
   * client of their own). Vigie does not close it.
   */
  database?: ClosableSqlClient;
  /** The adapters and services, made from the configuration by default; a spec gives some of them stubbed. */
  dependencies?: Dependencies;
}

/** Vigie, composed: what the command line, the API and the worker run every use case through. */
export interface Vigie {
  readonly config: VigieConfig;
  /**
   * Runs a use case: checks that the actor may (deny by default), parses the input with the use case's schema (an
   * `invalid-input` error naming each problem otherwise), then runs it with the actor and correlation id as the
   * trail's context. The system actor of the command line when no context is given.
   */
  run<N extends UseCaseName>(name: N, input: UseCaseInput<N>, context?: Partial<UseCaseContext>): Promise<UseCaseOutput<N>>;
  /**
   * Opens what a long-running process checks at start, so that a wrong setting stops it at once: the database with
   * its migrations, and the trail's keys. One-shot commands need not: each use case opens what it uses.
   */
  open(): Promise<void>;
  /** The adapters and services, for what is not a use case: the scheduler's logger, tests. */
  readonly dependencies: Dependencies;
  /** Closes the database if it was opened. */
  close(): Promise<void>;
}

/**
 * The one composition root: plain TypeScript, used by the command line, the API and the worker alike. Opens nothing
 * until a use case needs it, and loads each use case's modules when it is first run.
 */
export function createVigie(config: VigieConfig, options: CreateVigieOptions = {}): Vigie {
  const loggerFor = options.loggerFor ?? (() => SILENT_LOGGER);
  const dependencies = options.dependencies ?? new Dependencies(config, loggerFor, options.database);
  const built = new Map<UseCaseName, Promise<UseCase<z.ZodType, unknown>>>();

  const build = (name: UseCaseName): Promise<UseCase<z.ZodType, unknown>> => {
    let made = built.get(name);
    if (!made) {
      made = (USE_CASES[name] as (d: Dependencies) => Promise<UseCase<z.ZodType, unknown>>)(dependencies);
      built.set(name, made);
      made.catch(() => built.delete(name));
    }
    return made;
  };

  return {
    config,
    dependencies,
    async run(name, input, context = {}) {
      const ctx: UseCaseContext = {
        actor: context.actor ?? SYSTEM_CLI,
        correlationId: context.correlationId ?? randomUUID(),
        sourceAddress: context.sourceAddress,
      };
      // A command's connection is made while the use case's modules load (a caller with a token is checked first: the
      // API opened its database at start anyway); its failure is the use case's to report.
      if (ctx.actor.type === 'system' && !WITHOUT_DATABASE.has(name)) dependencies.database().catch(() => undefined);
      const useCase = await build(name);
      await authorise(useCase, ctx.actor);
      const nul = nulCharacterAt(input ?? {});
      if (nul !== null) {
        const message = `${nul ? `${nul}: ` : ''}contains a NUL character (\\0), which no name, DN or identifier holds: remove it`;
        throw new VigieError('invalid-input', message, { details: [message] });
      }
      const parsed = useCase.definition.input.safeParse(input ?? {});
      if (!parsed.success) {
        const details = describeInputIssues(parsed.error);
        throw new VigieError('invalid-input', details.join('; '), { details });
      }
      const { TrailContext } = await import('#vigie/trail');
      try {
        return (await TrailContext.run({ correlationId: ctx.correlationId, actor: trailActorOf(ctx.actor), sourceAddress: ctx.sourceAddress }, () =>
          useCase.execute(parsed.data, ctx),
        )) as UseCaseOutput<typeof name>;
      } finally {
        // What the use case wrote to the trail is signed into a checkpoint and published before it answers.
        await dependencies.checkpointCadence.settle();
      }
    },
    async open() {
      await dependencies.trailKeys();
    },
    close: () => dependencies.close(),
  };
}

/**
 * System actors may run everything; staff only what their roles' abilities allow, on every record unless the use case
 * checks each record's conditions itself; a use case that names no ability is for system actors only.
 */
async function authorise(useCase: UseCase<z.ZodType, unknown>, actor: Actor): Promise<void> {
  if (actor.type === 'system') return;
  const ability = useCase.definition.ability;
  // The abilities (CASL) are loaded for the API's callers only: the command line never pays for them.
  const { abilitiesFor, allowsEveryRecord } = await import('#vigie/access-control');
  const abilities = abilitiesFor(actor);
  const allowed =
    ability && (useCase.definition.checksConditions ? abilities.can(ability[0], ability[1]) : allowsEveryRecord(abilities, ability[0], ability[1]));
  if (!allowed) {
    throw new VigieError('forbidden', `${rolesOf(actor)} may not ${ability ? `${ability[0]} ${ability[1]}` : `run ${useCase.definition.name}`}`);
  }
}

/**
 * Who the trail says acted. A person by their login, as their sign-in and sign-out entries name them
 * (access-control's trailActorOfPerson): the trail files a person's entries under that login, so that `--actor <login>`
 * and the erasure of that person find their decisions too; their session's key (`directory:corp-ad:<dn>`) only when
 * they have no login.
 */
function trailActorOf(actor: Actor): TrailActor {
  if (actor.type === 'person') return { type: 'person', id: actor.person?.login ?? actor.id };
  return { type: actor.type, id: actor.id };
}

/** "the role "auditor"" or "the roles "approver, employee"", for a refusal's message. */
export function rolesOf(staff: { roles: readonly string[] }): string {
  return staff.roles.length === 1 ? `the role "${staff.roles[0]}"` : staff.roles.length ? `the roles "${staff.roles.join(', ')}"` : 'no role';
}
