import type { SyncProgress } from '#vigie/identity';

const WIDTH = 24;
const PHASES: Record<SyncProgress['phase'], string> = {
  reading: 'reading',
  deletions: 'looking for deletions',
  comparing: 'comparing with the stored snapshot',
  writing: 'writing',
};

/**
 * A sync's progress on one terminal line (stderr): a bar when the size of the directory is known
 * from the last full sync, else a count, with the read rate. Nothing at all when stderr is not a
 * terminal: logs and pipes get the summary only.
 */
export function syncProgressBar(directory: string, stream: NodeJS.WriteStream = process.stderr): { update(p: SyncProgress): void; done(): void } {
  const tty = stream.isTTY === true;
  const started = Date.now();
  let last = 0;
  let shown = false;
  const write = (text: string) => {
    const columns = stream.columns || 100;
    stream.write(`\r\x1b[2K${text.slice(0, columns - 1)}`);
    shown = true;
  };
  return {
    update(p) {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 100 && p.phase === 'reading') return;
      last = now;
      const seconds = (now - started) / 1000;
      if (p.phase !== 'reading') {
        write(`${directory}: ${PHASES[p.phase]} (${p.entries.toLocaleString('en')} entries read in ${seconds.toFixed(1)} s)`);
        return;
      }
      const rate = seconds > 0.2 ? ` ${Math.round(p.entries / seconds).toLocaleString('en')}/s` : '';
      if (p.expected && p.expected > 0) {
        const fraction = Math.min(1, p.entries / p.expected);
        const filled = Math.round(fraction * WIDTH);
        const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
        write(
          `${directory}: reading [${bar}] ${String(Math.floor(fraction * 100)).padStart(3)} % ${p.entries.toLocaleString('en')} / ~${p.expected.toLocaleString('en')} entries${rate}`,
        );
      } else {
        write(`${directory}: reading ${p.entries.toLocaleString('en')} entries${rate}`);
      }
    },
    done() {
      if (tty && shown) stream.write('\r\x1b[2K');
    },
  };
}
