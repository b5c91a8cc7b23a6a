import { cpus, loadavg, totalmem } from 'node:os';

/** The 1-, 5- and 15-minute load averages now, as the benchmarks print them. */
export const loadNow = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/**
 * What a benchmark's figures were measured on, written beside them: the machines are shared and noisy, so the load
 * at the start and at the end of the run go with every figure.
 */
export function machineOf(date: Date, startLoad: string) {
  return {
    date: date.toISOString(),
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    loadAverage: `${startLoad} -> ${loadNow()}`,
    node: process.version,
  };
}
