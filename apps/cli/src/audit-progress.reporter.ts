import type { AuditProgress, AuditTiming } from '#vigie/audit';

const WIDTH = 24;
const LOADING: Record<Extract<AuditProgress, { step: 'loading' }>['what'], string> = {
  policy: 'reading the policy',
  snapshots: 'loading the directory snapshots',
  history: 'reading the sync history',
  hr: 'reading the HR roster',
};

export interface AuditProgressReporter {
  update(progress: AuditProgress): void;
  done(): void;
}

export interface AuditProgressOptions {
  /** Lines from the first step, not only once the audit has taken a while (`--verbose`). */
  verbose?: boolean;
  /** Without a terminal, nothing is written before the audit has run this long: a quick audit prints only its result. */
  quietForMs?: number;
  now?: () => number;
}

/**
 * What a running audit is doing, on stderr: one line redrawn with a bar over the rules on a terminal; otherwise
 * (CI logs, a pipe, a service's journal) one line per step, once the audit has run for a couple of seconds.
 */
export function auditProgressReporter(
  stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY' | 'columns'> = process.stderr,
  options: AuditProgressOptions = {},
): AuditProgressReporter {
  const now = options.now ?? Date.now;
  const started = now();
  const quietFor = options.verbose ? 0 : (options.quietForMs ?? 2000);
  const tty = stream.isTTY === true;
  let shown = false;
  return {
    update(progress) {
      const elapsed = now() - started;
      const seconds = (elapsed / 1000).toFixed(1);
      if (tty) {
        const columns = stream.columns || 100;
        stream.write(`\r\x1b[2K${`audit: ${describe(progress, true)} · ${seconds} s`.slice(0, columns - 1)}`);
        shown = true;
      } else if (elapsed >= quietFor) {
        stream.write(`audit: ${describe(progress, false)} (${seconds} s)\n`);
      }
    },
    done() {
      if (tty && shown) stream.write('\r\x1b[2K');
    },
  };
}

function describe(p: AuditProgress, bar: boolean): string {
  switch (p.step) {
    case 'loading':
      return LOADING[p.what];
    case 'effective-access':
      return `computing effective access (${p.directories} ${p.directories === 1 ? 'directory' : 'directories'})`;
    case 'rule': {
      const count = `rule ${p.index + 1}/${p.total} ${p.rule}`;
      if (!bar) return count;
      const filled = Math.round((p.index / p.total) * WIDTH);
      return `[${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${count}`;
    }
    case 'storing':
      return `storing ${p.findings.toLocaleString('en')} findings`;
  }
}

/** `vigie audit --verbose`: the time of the set-up and of each rule, slowest first. */
export function formatAuditTimings(timings: readonly AuditTiming[]): string {
  const total = timings.reduce((sum, t) => sum + t.seconds, 0);
  const sorted = [...timings].sort((a, b) => b.seconds - a.seconds);
  const width = Math.max(...sorted.map((t) => t.step.length), 'evaluation'.length);
  const lines = sorted.map(
    (t) => `  ${t.step.padEnd(width)}  ${t.seconds.toFixed(2).padStart(7)} s${t.findings === undefined ? '' : `  ${t.findings} findings`}`,
  );
  return `evaluation times:\n${lines.join('\n')}\n  ${'evaluation'.padEnd(width)}  ${total.toFixed(2).padStart(7)} s\n`;
}
