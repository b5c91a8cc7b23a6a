/**
 * What refusing a policy that `vigie policy validate` refuses costs the audit (issue 14): the policy loaded as before,
 * then loaded with the checks against the directory (policyChecksAgainst: every group name the policy uses resolved
 * in the snapshot), on the generated company of bench:audit. In memory, no database: the audit pays exactly this
 * on top of its own work. Medians of --repeat runs, side by side.
 *
 * Usage: npm run build && node dist/scripts/bench/policy-checks-bench.js [--users 100000 --groups 5000 --memberships 500000 --resources 2000 --repeat 5]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicy } from '#vigie/policy';
import { snapshotFromLdif } from '../../libs/application/src/use-cases/shared/ldif-snapshot.js';
import { policyChecksAgainst } from '../../libs/application/src/use-cases/shared/policy-checks.js';
import { writeSyntheticCompany } from './synthetic-company.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const size = { users: arg('users', 100_000), groups: arg('groups', 5_000), memberships: arg('memberships', 500_000), resources: arg('resources', 2_000) };
const repeat = arg('repeat', 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-policy-checks-'));
try {
  const company = await writeSyntheticCompany(dir, size, new Date());
  const snapshot = await snapshotFromLdif(company.ldifFile, 'bench');
  const before: number[] = [];
  const after: number[] = [];
  for (let i = 0; i < repeat; i++) {
    before.push(await time(() => loadPolicy(company.policyDir)));
    after.push(await time(() => loadPolicy(company.policyDir, policyChecksAgainst([snapshot], { warnings: false }))));
  }
  const b = median(before);
  const a = median(after);
  console.log(
    `policy checks, ${snapshot.accounts.length} accounts, ${snapshot.groups.length} groups, ${company.counts.memberships} memberships, ${company.counts.resources} resources, median of ${repeat}:`,
  );
  console.log(`  load the policy (before)              ${b.toFixed(0)} ms   (${before.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`  load it checked against the directory ${a.toFixed(0)} ms   (${after.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`  added to each audit                   ${(a - b).toFixed(0)} ms (x${(a / b).toFixed(2)})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
