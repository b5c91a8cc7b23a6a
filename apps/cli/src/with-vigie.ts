import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { type UseCaseContext, type UseCaseInput, type UseCaseName, type UseCaseOutput, type Vigie, createVigie } from '#vigie/application';
import type { VigieConfig } from '#vigie/config';
import { DeferredLoggerService, loggerFactory } from '#vigie/logging';

/** What a command runs its use cases through: one command is one job in the trail, its actor the operator's shell. */
export interface CommandRunner {
  run<N extends UseCaseName>(name: N, input: UseCaseInput<N>): Promise<UseCaseOutput<N>>;
  readonly vigie: Vigie;
}

/**
 * Composes Vigie for one command and closes it after. Logs go to stderr, so stdout stays for results, and pino is
 * loaded only if a line is written (at the one-shot default level, errors only, most runs write none).
 */
export async function withVigie<T>(config: VigieConfig, fn: (cli: CommandRunner) => Promise<T>): Promise<T> {
  const vigie = createVigie(config, { loggerFor: loggerFactory(new DeferredLoggerService({ level: config.log.level, fd: 2 })) });
  // The operating-system account at the terminal is who decides (API decisions name the token instead).
  const context: UseCaseContext = { actor: { type: 'system', id: 'cli', name: operator() }, correlationId: randomUUID() };
  try {
    return await fn({ vigie, run: (name, input) => vigie.run(name, input, context) });
  } finally {
    await vigie.close();
  }
}

function operator(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
