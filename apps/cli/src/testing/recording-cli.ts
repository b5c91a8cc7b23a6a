import { Command, CommanderError } from 'commander';
import type { RequestCli } from '../requests/request-cli.js';

/**
 * A RequestCli for specs: each use case the command runs is recorded with its input and answered from `answers`;
 * what the command prints is kept. Not used by the command line itself.
 */
export class RecordingCli implements RequestCli {
  readonly runs: Array<[string, unknown]> = [];
  stdout = '';
  stderr = '';

  constructor(private readonly answers: Record<string, (input: unknown) => unknown>) {}

  withVigie<T>(_cmd: Command, fn: Parameters<RequestCli['withVigie']>[1]): Promise<T> {
    const run = async (name: string, input: unknown) => {
      this.runs.push([name, input]);
      const answer = this.answers[name];
      if (!answer) throw new Error(`no answer for ${name}`);
      return answer(input);
    };
    return fn({ run } as never) as Promise<T>;
  }

  out(text: string): void {
    this.stdout += text;
  }

  err(text: string): void {
    this.stderr += text;
  }
}

/**
 * Parses `args` (after `vigie`) with the commands `register` adds, as the command line would; commander's own errors
 * (a missing option, two options that conflict) come back as their message instead of ending the process.
 */
export async function parse(register: (program: Command) => void, args: string[]): Promise<string | undefined> {
  let message = '';
  const program = new Command('vigie').exitOverride().configureOutput({ writeErr: (s) => (message += s), writeOut: () => undefined });
  register(program);
  try {
    await program.parseAsync(args, { from: 'user' });
    return undefined;
  } catch (err) {
    if (err instanceof CommanderError) return message.trim() || err.message;
    throw err;
  }
}
