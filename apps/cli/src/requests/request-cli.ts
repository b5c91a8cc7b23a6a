import type { Command } from 'commander';
import { type GlobalOptions, configFor } from '../global-options.js';
import { type CommandRunner, withVigie } from '../with-vigie.js';

/**
 * How the request commands reach Vigie and the terminal: Vigie composed for the command and standard output by
 * default; a spec gives a runner that records what each command asks, to check how options become input.
 */
export interface RequestCli {
  withVigie<T>(cmd: Command, fn: (cli: Pick<CommandRunner, 'run'>) => Promise<T>): Promise<T>;
  out(text: string): void;
  err(text: string): void;
}

export const TERMINAL: RequestCli = {
  withVigie: (cmd, fn) => withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), fn),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** `--json` prints what the API answers, for tools; else the text a person reads. */
export function print(cli: RequestCli, json: boolean | undefined, value: unknown, text: () => string): void {
  cli.out(json ? `${JSON.stringify(value, null, 2)}\n` : text());
}
