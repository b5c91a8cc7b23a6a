import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A full dump of the database (schema and data), as a backup would hold it: `pg_dump` of PostgreSQL's own. */
export async function pgDump(url: string): Promise<string> {
  const { stdout } = await run('pg_dump', ['--no-owner', url], { maxBuffer: 256 * 1024 * 1024 });
  return stdout;
}

/** The lines of the dump that hold one of the forms, in any case (a pattern for forms the dump escapes). */
export function linesHolding(dump: string, forms: Array<string | RegExp>): string[] {
  const found = (line: string, f: string | RegExp) =>
    typeof f === 'string' ? line.toLowerCase().includes(f.toLowerCase()) : new RegExp(f.source, 'i').test(line);
  return dump.split('\n').filter((line) => forms.some((f) => found(line, f)));
}
