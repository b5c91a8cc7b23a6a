/**
 * npm run bench:audit-log — sustained appends per second with the chain, from several replicas at once, and the
 * time to verify a trail of 1 million entries. Runs on a throw-away database of the PostgreSQL in DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/postgres), dropped at the end. Medians of repeated runs.
 *   BENCH_REPLICAS (4), BENCH_CALLERS per replica (16), BENCH_SECONDS per append run (8), BENCH_RUNS (3),
 *   BENCH_VERIFY_ENTRIES (1000000), BENCH_VERIFY_RUNS (3)
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '#vigie/config';
import { type ClosableSqlClient, PgTrailStore, openSqlClient } from '#vigie/persistence';
import {
  ChainedTrailWriter,
  CheckpointPublication,
  type DraftEntry,
  FileCheckpointPublisher,
  TrailCheckpointService,
  TrailKeys,
  type TrailRecordInput,
  TrailVerifier,
} from '#vigie/trail';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const REPLICAS = env('BENCH_REPLICAS', 4);
const CALLERS = env('BENCH_CALLERS', 16);
const SECONDS = env('BENCH_SECONDS', 8);
const RUNS = env('BENCH_RUNS', 3);
const VERIFY_ENTRIES = env('BENCH_VERIFY_ENTRIES', 1_000_000);
const VERIFY_RUNS = env('BENCH_VERIFY_RUNS', 3);

const adminUrl = loadConfig().database.url ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const keys = new TrailKeys(generateKeyPairSync('ed25519').privateKey, randomBytes(32));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Half the entries name a person (a directory change), as a sync run's changes do. */
function entry(i: number): TrailRecordInput {
  if (i % 2) {
    return {
      action: 'directory.object-modified',
      kind: 'change',
      actor: { type: 'system', id: 'sync' },
      target: { type: 'account', id: `corp:uid=user${i % 5000},ou=people,dc=acme` },
      before: { title: 'Clerk' },
      after: { title: 'Manager' },
      subjects: [{ login: `user${i % 5000}`, directory: 'corp' }],
      correlationId: 'bench',
    };
  }
  return {
    action: 'api-token.created',
    kind: 'change',
    actor: { type: 'token', id: 'bench-token' },
    target: { type: 'api-token', id: `t${i}` },
    after: { role: 'auditor', n: i },
    correlationId: 'bench',
  };
}

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `vigie_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/** REPLICAS database clients (as separate replicas would have), each with CALLERS concurrent record() loops. */
async function appendRun(url: string, callers: number): Promise<{ perSecond: number; entries: number }> {
  const replicas: ClosableSqlClient[] = [];
  for (let r = 0; r < REPLICAS; r++) replicas.push(await openSqlClient({ url, dataDir: '', poolSize: 4 }));
  try {
    const writers = replicas.map((db) => new ChainedTrailWriter(new PgTrailStore(db), keys.pseudonymKey));
    let count = 0;
    const started = Date.now();
    const deadline = started + SECONDS * 1000;
    await Promise.all(
      writers.flatMap((w) =>
        Array.from({ length: callers }, async () => {
          while (Date.now() < deadline) {
            await w.record(entry(count));
            count++;
          }
        }),
      ),
    );
    const seconds = (Date.now() - started) / 1000;
    const report = await new TrailVerifier(new PgTrailStore(replicas[0]), keys).verify({ chains: ['change'] });
    if (!report.ok || report.chains[0].entries < count) throw new Error(`the chain does not verify after the append run: ${JSON.stringify(report.problems)}`);
    return { perSecond: count / seconds, entries: count };
  } finally {
    await Promise.all(replicas.map((db) => db.close()));
  }
}

async function fill(url: string, n: number): Promise<number> {
  const db = await openSqlClient({ url, dataDir: '' });
  const started = Date.now();
  try {
    const store = new PgTrailStore(db);
    const writer = new ChainedTrailWriter(store, keys.pseudonymKey);
    const batch = 10_000;
    for (let i = 0; i < n; i += batch) {
      const drafts: DraftEntry[] = [];
      const persons = new Map();
      for (let j = i; j < Math.min(n, i + batch); j++) {
        const p = writer.prepare(entry(j));
        drafts.push(p.draft);
        for (const x of p.persons) persons.set(x.pseudonym, x);
      }
      await store.append('change', drafts, [...persons.values()]);
      if ((i / batch) % 10 === 0) process.stderr.write(`\r  filling: ${i + batch} / ${n}`);
    }
    process.stderr.write('\n');
    await db.query('VACUUM ANALYZE trail_entry');
    await db.query('VACUUM ANALYZE trail_personal');
  } finally {
    await db.close();
  }
  return (Date.now() - started) / 1000;
}

/**
 * What a use case that wrote pays before it answers: one entry, then its checkpoint signed, stored and published to
 * the file (fsync). Milliseconds per checkpoint, median of CHECKPOINT_RUNS.
 */
const CHECKPOINT_RUNS = env('BENCH_CHECKPOINT_RUNS', 50);
async function checkpointRun(url: string): Promise<number[]> {
  const db = await openSqlClient({ url, dataDir: '' });
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-published-'));
  try {
    const store = new PgTrailStore(db);
    const writer = new ChainedTrailWriter(store, keys.pseudonymKey);
    const signer = new TrailCheckpointService(store, keys, new CheckpointPublication([new FileCheckpointPublisher(join(dir, 'trail-checkpoints.jsonl'))]));
    const times: number[] = [];
    for (let i = 0; i < CHECKPOINT_RUNS; i++) {
      await writer.record(entry(i));
      const started = process.hrtime.bigint();
      await signer.checkpointHeads('after-write');
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    return times;
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function verifyRun(url: string): Promise<{ seconds: number; entries: number }> {
  const db = await openSqlClient({ url, dataDir: '' });
  try {
    const started = Date.now();
    const r = await new TrailVerifier(new PgTrailStore(db), keys).verify({ chains: ['change'] });
    if (!r.ok) throw new Error(`verification failed: ${JSON.stringify(r.problems)}`);
    return { seconds: (Date.now() - started) / 1000, entries: r.chains[0].entries };
  } finally {
    await db.close();
  }
}

const machine = { cores: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
console.log(
  `bench:audit-log on ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}; load average ${loadavg()[0].toFixed(1)}`,
);

// Each caller waits for its entry to be chained before the next: the concurrency is what batches appends.
const CALLER_LEVELS = [...new Set([4, CALLERS, 64])].sort((a, b) => a - b);
const appendsByCallers: Record<number, number[]> = {};
for (let run = 1; run <= RUNS; run++) {
  for (const callers of CALLER_LEVELS) {
    const r = await withDatabase((url) => appendRun(url, callers));
    (appendsByCallers[callers] ??= []).push(r.perSecond);
    console.log(
      `  appends run ${run}: ${r.entries} entries by ${REPLICAS} replicas x ${callers} callers in ${SECONDS} s = ${Math.round(r.perSecond)} appends/s (chain verified; load average ${loadavg()[0].toFixed(1)})`,
    );
  }
}
for (const callers of CALLER_LEVELS)
  console.log(
    `appends/s with ${REPLICAS} replicas x ${callers} callers, median of ${RUNS}: ${Math.round(median(appendsByCallers[callers]))}${callers === CALLERS ? ' (target >= 2000)' : ''}`,
  );

const verify = await withDatabase(async (url) => {
  const fillSeconds = await fill(url, VERIFY_ENTRIES);
  console.log(`  filled ${VERIFY_ENTRIES} entries in ${fillSeconds.toFixed(1)} s (batches of 10,000 through the store)`);
  const [{ v }] = await (async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query(`SELECT current_setting('server_version') AS v`)).rows;
    } finally {
      await c.end();
    }
  })();
  const times: number[] = [];
  for (let run = 1; run <= VERIFY_RUNS; run++) {
    const r = await verifyRun(url);
    times.push(r.seconds);
    console.log(`  verify run ${run}: ${r.entries} entries in ${r.seconds.toFixed(1)} s`);
  }
  const checkpointMs = await checkpointRun(url);
  return { fillSeconds, times, postgres: v as string, checkpointMs };
});
console.log(`verification of ${VERIFY_ENTRIES} entries, median of ${VERIFY_RUNS}: ${median(verify.times).toFixed(1)} s (target < 60 s)`);
console.log(
  `a checkpoint after a use case (signed, stored, published to the file with fsync), median of ${verify.checkpointMs.length}: ${median(verify.checkpointMs).toFixed(1)} ms (max ${Math.max(...verify.checkpointMs).toFixed(1)} ms)`,
);

mkdirSync('bench-results', { recursive: true });
const file = `bench-results/audit-log-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
writeFileSync(
  file,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine,
      postgres: verify.postgres,
      replicas: REPLICAS,
      callers: CALLERS,
      seconds: SECONDS,
      appendsPerSecond: appendsByCallers,
      loadAverageAtEnd: loadavg(),
      verifyEntries: VERIFY_ENTRIES,
      verifySeconds: verify.times,
      fillSeconds: verify.fillSeconds,
      checkpointMs: verify.checkpointMs,
    },
    null,
    2,
  ),
);
console.log(`figures written to ${file}`);
