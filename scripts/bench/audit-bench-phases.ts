/**
 * The phases of the audit benchmark, each run in its own process by scripts/bench-audit.ts so that the peak RSS
 * it reports is that phase's alone. Each prints one JSON line (PhaseResult) on stdout.
 *
 * The audit phase uses only what every version since issue 12 exports (evaluate, allRules, readRosterFile...) and
 * times each rule by wrapping it: `bench:audit -- --against <worktree>` runs this same file against an older build's
 * libraries, so both sides are measured the same way.
 */
import { getHeapStatistics } from 'node:v8';
import { EffectiveAccessCalculator, explainEntitlement } from '#vigie/access';
import { type Dependencies, createVigie, selectDirectories } from '#vigie/application';
import { allRules, evaluate, planLifecycle } from '#vigie/audit';
import { loadConfig } from '#vigie/config';
import { readRosterFile } from '#vigie/hr';

type AuditRule = ReturnType<typeof allRules>[number];

export interface PhaseResult {
  phase: string;
  seconds: number;
  peakRssMb: number;
  details: Record<string, number | string>;
}

export interface PhaseInput {
  databaseUrl: string;
  ldifFile: string;
  policyDir: string;
  hrFile: string;
  asOf: string;
  samples: Array<{ login: string; resourceId: string }>;
  queries: number;
}

export async function runPhase(name: string, input: PhaseInput): Promise<void> {
  const config = loadConfig({
    env: { DATABASE_URL: input.databaseUrl },
    file: '/dev/null',
    overrides: {
      log: { level: 'silent' },
      scheduler: { enabled: false },
      directories: [{ name: 'bench', kind: 'ldif', file: input.ldifFile }],
      policy: { dir: input.policyDir },
    },
  });
  const started = performance.now();
  const details: Record<string, number | string> = {};
  const lap = (key: string, since: number) => (details[key] = (performance.now() - since) / 1000);
  // The services as the applications compose them (the composition root), timed step by step.
  const vigie = createVigie(config);
  const deps: Dependencies = vigie.dependencies;
  try {
    if (name === 'sync') {
      const result = await (await deps.syncService()).sync(selectDirectories(config.directories)[0]);
      Object.assign(details, result.stats);
    } else if (name === 'audit') {
      // The steps of AuditService.run, timed one by one.
      const store = await deps.findings();
      let t = performance.now();
      const runId = await store.startRun(new Date(input.asOf));
      // As AuditService does: the snapshots load while the policy is read.
      const loading = (await deps.snapshots()).load();
      const policy = await (await deps.policySource()).load();
      lap('policyS', t);
      const hr = await readRosterFile(input.hrFile);
      const snapshots = await loading;
      lap('loadS', t);
      t = performance.now();
      const ruleSeconds: Record<string, number> = {};
      const outcome = evaluate(snapshots, policy, new Date(input.asOf), { hr, rules: allRules().map((rule) => timed(rule, ruleSeconds)) });
      lap('evaluateS', t);
      // What the rules did not take of the evaluation: building the effective-access views and sorting the findings.
      details.setupS = (details.evaluateS as number) - Object.values(ruleSeconds).reduce((a, b) => a + b, 0);
      for (const [id, seconds] of Object.entries(ruleSeconds)) details[`time:${id}`] = seconds;
      details.heapLimitMb = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
      t = performance.now();
      await store.completeRun(runId, policy.version, outcome.report.findings, outcome.counts, (known) =>
        planLifecycle(known, outcome.report.findings, new Date(input.asOf)),
      );
      lap('writeS', t);
      details.findings = outcome.counts.total;
      for (const [key, value] of Object.entries(outcome.counts)) if (key.startsWith('rule:')) details[key.slice(5)] = value;
    } else if (name === 'explain') {
      const policy = await (await deps.policySource()).load();
      const [snapshot] = await (await deps.snapshots()).load();
      let t = performance.now();
      const calc = new EffectiveAccessCalculator(snapshot, policy.resources, { everyoneGroups: policy.settings.everyoneGroups });
      lap('buildS', t);
      const byLogin = new Map(snapshot.accounts.map((a) => [a.login, a]));
      const times: number[] = [];
      let lines = 0;
      for (let i = 0; i < input.queries; i++) {
        const { login, resourceId } = input.samples[i % input.samples.length];
        t = performance.now();
        lines += calc.explain(byLogin.get(login)!, resourceId).map(explainEntitlement).flat().length;
        times.push(performance.now() - t);
      }
      details.inMemoryMedianMs = median(times);
      details.inMemoryP95Ms = percentile(times, 0.95);
      details.explanationLines = lines;
      // What `vigie explain` and the API do: find the identity, read its slice of the directory from PostgreSQL,
      // compute, explain. The first call also loads the policy, which the service then keeps a few seconds.
      const service = await deps.effectiveAccess();
      t = performance.now();
      await service.explain(input.samples[0].login, input.samples[0].resourceId);
      details.serviceFirstMs = performance.now() - t;
      const serviceTimes: number[] = [];
      const identityTimes: number[] = [];
      const serviceQueries = Math.min(input.queries, 200);
      for (let i = 0; i < serviceQueries; i++) {
        const { login, resourceId } = input.samples[i % input.samples.length];
        t = performance.now();
        const view = await service.explain(login, resourceId);
        serviceTimes.push(performance.now() - t);
        if (!view.accounts[0]?.entitlements.length) throw new Error(`${login} should reach ${resourceId}`);
        t = performance.now();
        await service.identityAccess(login);
        identityTimes.push(performance.now() - t);
      }
      details.serviceMedianMs = median(serviceTimes);
      details.serviceP95Ms = percentile(serviceTimes, 0.95);
      details.identityAccessMedianMs = median(identityTimes);
      t = performance.now();
      const page = await service.resourceAccess(input.samples[0].resourceId, { limit: 50 });
      details.resourceAccessMs = performance.now() - t;
      details.resourceHolders = page.total;
    } else {
      throw new Error(`unknown phase ${name}`);
    }
  } finally {
    await vigie.close();
  }
  // The CPU the phase used (its threads: the main one, the garbage collector's helpers): on a shared machine, where
  // other work stretches the wall-clock time, a figure that moves less with the load.
  const { userCPUTime, systemCPUTime } = process.resourceUsage();
  details.cpuS = (userCPUTime + systemCPUTime) / 1e6;
  const result: PhaseResult = { phase: name, seconds: (performance.now() - started) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024, details };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** The rule, its time added to `into` under its id. */
function timed(rule: AuditRule, into: Record<string, number>): AuditRule {
  return Object.assign(Object.create(rule) as AuditRule, {
    evaluate(...args: Parameters<AuditRule['evaluate']>) {
      const started = performance.now();
      try {
        rule.evaluate(...args);
      } finally {
        into[rule.id] = (performance.now() - started) / 1000;
      }
    },
  });
}

function median(values: number[]): number {
  return percentile(values, 0.5);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
