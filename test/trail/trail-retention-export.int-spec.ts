import { createHash, createPublicKey, verify } from 'node:crypto';
import { allRules, evaluate } from '#vigie/audit';
import { loadConfig } from '#vigie/config';
import { loadPolicy } from '#vigie/policy';
import { TrailExportService, TrailPruneService, checkLogRetention } from '#vigie/trail';
import { openTrailDb, syncRunEntry, type TrailDb } from '../support/trail-db.js';
import { testVigie } from '../support/vigie.js';

const DAY = 86_400_000;

describe('pruning and export of the trail on a real PostgreSQL', () => {
  let t: TrailDb;
  const now = new Date('2026-11-01T00:00:00Z');
  const retention = loadConfig({ env: {}, file: '/dev/null', overrides: { trail: { retention: { operation: { days: 200 }, access: { days: 30 } } } } }).trail
    .retention;

  beforeAll(async () => {
    t = await openTrailDb();
    // 20 job runs, one a week going back 20 weeks; 5 logins, one every 20 days.
    await t.writer.recordMany(Array.from({ length: 20 }, (_, i) => syncRunEntry(i, new Date(now.getTime() - (20 - i) * 7 * 2 * DAY))));
    await t.writer.recordMany(
      Array.from({ length: 5 }, (_, i) => ({
        action: 'auth.failed',
        actor: { type: 'token' as const, id: 'unknown' },
        sourceAddress: `127.0.0.${i + 1}`,
        at: new Date(now.getTime() - (5 - i) * 20 * DAY),
      })),
    );
  });

  afterAll(async () => {
    await t?.close();
  });

  it('reports retention settings outside the CNIL window, and entries kept past retention (R-LOG-RETENTION)', async () => {
    const issues = checkLogRetention(retention, await t.store.oldestEntryTimes(), now);
    expect(issues.map((i) => `${i.rule} ${i.kind}: ${i.message}`)).toEqual([
      expect.stringMatching(/^R-LOG-RETENTION access: access entries of the trail are kept 30 days, less than the 6 months/),
      expect.stringMatching(/^R-LOG-RETENTION access: access entries of the trail go back 100 days, past their retention of 30 days/),
      expect.stringMatching(/^R-LOG-RETENTION operation: operation entries of the trail go back 280 days, past their retention of 200 days/),
    ]);
    const ok = loadConfig({
      env: {},
      file: '/dev/null',
      overrides: { trail: { retention: { change: { days: 1000, justification: 'litigation on access rights, ref. DPO-2026-4' } } } },
    }).trail.retention;
    expect(checkLogRetention(ok)).toEqual([]);
    const unjustified = loadConfig({ env: {}, file: '/dev/null', overrides: { trail: { retention: { change: { days: 1000 } } } } }).trail.retention;
    expect(checkLogRetention(unjustified)[0].message).toMatch(/more than 1 year without a documented justification/);
    expect(checkLogRetention({ ...ok, change: { days: 1200, justification: 'x' } })[0].message).toMatch(/more than the 3 years/);
  });

  it('tells the audit what the trail keeps, and the audit reports it as findings about the logs (R-LOG-RETENTION)', async () => {
    // As the composition root gives it to the audit, on this trail and with this retention.
    const composed = testVigie({ database: t.sql, overrides: { trail: { retention } } });
    const facts = await (await composed.dependencies.logRetention()).load();
    expect(facts.map((f) => `${f.log} ${f.retentionDays} ${f.setting}`)).toEqual([
      'trail:access 30 trail.retention.access.days',
      'trail:change 365 trail.retention.change.days',
      'trail:operation 200 trail.retention.operation.days',
    ]);
    const policy = await loadPolicy(new URL('../fixtures/policies/ok/company', import.meta.url).pathname);
    const rule = allRules().filter((r) => r.id === 'R-LOG-RETENTION');
    const { findings } = evaluate([], policy, now, { rules: rule, logRetention: facts }).report;
    expect(findings.map((f) => `${f.subject.type} ${f.subject.name}: ${f.message}`)).toEqual([
      'log trail:access: trail:access (sign-ins and failed sign-ins to Vigie) is configured to keep 30 days, less than the 6 months (183 days) the CNIL asks for investigations; it holds entries 100 days old, past its own retention of 30 days: pruning has not run',
      'log trail:operation: trail:operation (job runs: syncs, audits, policy loads) holds entries 280 days old, past its own retention of 200 days: pruning has not run',
    ]);
  });

  it('prunes each kind past its retention through the one path, leaving a trail that still verifies', async () => {
    const pruner = new TrailPruneService(t.store, t.keys, t.writer, retention);
    const results = await pruner.prune({ now });
    const byChain = Object.fromEntries(results.map((r) => [r.chain, r]));
    // operation: entries older than 200 days are the first 6 (280, 266, ... 210 days old).
    expect(byChain.operation).toMatchObject({ uptoSeq: 6, removed: 6, checkpointId: expect.any(String) });
    expect(byChain.access).toMatchObject({ uptoSeq: 4, removed: 4 });
    expect(byChain.change).toMatchObject({ removed: 0 });
    const left: Array<{ chain: string; min: string }> = await t.sql.query(`SELECT chain, min(seq) AS min FROM trail_entry GROUP BY chain ORDER BY chain`);
    expect(left).toEqual([
      { chain: 'access', min: '5' },
      { chain: 'change', min: '1' },
      { chain: 'operation', min: '7' },
    ]);
    // The personal parts (source addresses) of the pruned logins went with them.
    expect((await t.sql.query(`SELECT count(*)::int AS n FROM trail_personal WHERE chain = 'access'`))[0].n).toBe(1);
    const report = await t.verifier.verify();
    expect(report.problems).toEqual([]);
    expect(report.chains.find((c) => c.chain === 'operation')?.anchor.label).toMatch(/^checkpoint .* \(prune,/);
    // The pruning itself is in the trail.
    const pruned: Array<{ details: { after: { uptoSeq: number } } }> = await t.sql.query(
      `SELECT details FROM trail_entry WHERE action = 'trail.pruned' ORDER BY seq`,
    );
    expect(pruned.map((p) => p.details.after.uptoSeq)).toEqual([4, 6]);
    expect(await pruner.prune({ now })).toEqual(expect.arrayContaining([expect.objectContaining({ chain: 'operation', removed: 0 })]));
  });

  it('refuses to prune a chain that does not verify: the evidence stays', async () => {
    await t.writer.record(syncRunEntry(99, new Date(now.getTime() - 300 * DAY)));
    const [last] = await t.sql.query(`SELECT max(seq)::int AS seq FROM trail_entry WHERE chain = 'operation'`);
    await t.tamper(`UPDATE trail_entry SET correlation_id = 'forged' WHERE chain = 'operation' AND seq = 8`);
    const pruner = new TrailPruneService(t.store, t.keys, t.writer, retention);
    await expect(pruner.prune({ now: new Date(now.getTime() + 60 * DAY), chains: ['operation'] })).rejects.toThrow(
      /not pruning the operation trail: entry 8 .* was altered/,
    );
    expect((await t.sql.query(`SELECT count(*)::int AS n FROM trail_entry WHERE chain = 'operation'`))[0].n).toBe(last.seq - 6);
    await t.tamper(`UPDATE trail_entry SET correlation_id = 'job-7' WHERE chain = 'operation' AND seq = 8`);
    expect((await t.verifier.verify()).ok).toBe(true);
  });

  it('exports JSON lines with a signed checkpoint from which anyone can recompute every hash', async () => {
    const lines: string[] = [];
    const result = await new TrailExportService(t.store, t.keys).export({ format: 'jsonl', write: (s) => void lines.push(...s.split('\n').filter(Boolean)) });
    const records = lines.map((l) => JSON.parse(l));
    const header = records[0];
    const entries = records.filter((r) => r.record === 'entry');
    const checkpoints = records.filter((r) => r.record === 'checkpoint');
    expect(header).toMatchObject({ record: 'header', type: 'vigie-trail-export' });
    expect(entries).toHaveLength(result.entries);
    expect(checkpoints.map((c) => c.chain).sort()).toEqual(['access', 'change', 'operation']);

    // What an outside auditor does, with nothing but node:crypto and the public key of the export.
    const publicKey = createPublicKey(header.publicKey);
    for (const cp of checkpoints) {
      expect(verify(null, Buffer.from(cp.signedText), publicKey, Buffer.from(cp.signature, 'base64'))).toBe(true);
      const chain = entries.filter((e) => e.chain === cp.chain);
      let prev = chain[0].prevHash;
      for (const e of chain) {
        expect(e.prevHash).toBe(prev);
        prev = createHash('sha256').update(`${e.prevHash}\n${e.canonical}`).digest('hex');
        expect(prev).toBe(e.hash);
      }
      expect(JSON.parse(cp.signedText)).toMatchObject({ chain: cp.chain, seq: chain.at(-1).seq, hash: prev });
    }
    const login = entries.find((e) => e.action === 'auth.failed');
    expect(login).toMatchObject({ actor: { type: 'token', id: 'unknown' }, sourceAddress: expect.stringMatching(/^127\.0\.0\.\d$/) });
  });

  it('exports CSV with a time range, one row per entry and the checkpoints at the end', async () => {
    let text = '';
    const from = new Date(now.getTime() - 100 * DAY);
    const result = await new TrailExportService(t.store, t.keys).export({ format: 'csv', from, to: now, write: (s) => void (text += s) });
    const rows = text.trim().split('\n');
    expect(rows[0]).toBe(
      'record,chain,seq,at,actor_type,actor_id,actor_login,action,target_type,target_id,before,after,reason,correlation_id,source_address,subjects,canonical,prev_hash,hash,checkpoint',
    );
    const entryRows = rows.filter((r) => r.startsWith('entry,'));
    expect(entryRows).toHaveLength(result.entries);
    // Every entry of the range is there, and each chain's part is contiguous so that its hashes can be recomputed
    // (an entry recorded out of time order inside the span comes with it).
    const inRange: Array<{ chain: string; seq: string }> = await t.sql.query(`SELECT chain, seq FROM trail_entry WHERE at >= $1 AND at <= $2`, [from, now]);
    const exported = entryRows.map((r) => r.split(',').slice(1, 3).join(':'));
    expect(exported).toEqual(expect.arrayContaining(inRange.map((r) => `${r.chain}:${r.seq}`)));
    for (const chain of ['access', 'operation']) {
      const seqs = exported.filter((x) => x.startsWith(`${chain}:`)).map((x) => Number(x.split(':')[1]));
      expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    }
    expect(rows.filter((r) => r.startsWith('checkpoint,'))).toHaveLength(result.checkpoints.length);
  });
});
