/**
 * Access requests under load (issue 16): a company of `--people` accounts (managers, resource owners) in a private
 * slapd, synchronised by the real `vigie sync`, served by the real `vigie serve` (with its worker, which provisions)
 * on loopback against the real PostgreSQL. `--connections` clients (50) run for `--duration` seconds (60): each takes
 * the next (employee, resource) pair, creates the request as the employee, approves it as the manager, then as the
 * owner (the two-stage chain of a medium resource), each over HTTP with the person's web session. Prints throughput
 * and p50/p99 per step (the aim: p99 under 100 ms, no error); then the time from the last approval to the membership
 * present in slapd, read by LDAP: once for the backlog the load left, and for `--samples` requests (20) approved one
 * at a time on a quiet system. Writes JSON (bench-results/requests.json, or --json FILE).
 *
 * Usage: npm run bench:requests [-- --people 2000 --resources 20 --connections 50 --duration 60 --samples 20 --keep]
 * DATABASE_URL (else postgres://postgres@127.0.0.1:5432/postgres) must let this user CREATE DATABASE.
 */
import { loadNow, machineOf } from './bench/machine.js';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from 'ldapts';
import pg from 'pg';
import { createVigie } from '#vigie/application';
import { loadConfig } from '#vigie/config';
import { type PrivateSlapd, startPrivateSlapd } from './bench/private-slapd.js';

const TARGET_P99_MS = 100;
const SUFFIX = 'dc=bench,dc=test';
const PEOPLE_OU = `ou=people,${SUFFIX}`;
const GROUPS_OU = `ou=groups,${SUFFIX}`;
const TEAM_SIZE = 20;
const THIS_BUILD = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Args {
  people: number;
  resources: number;
  connections: number;
  duration: number;
  samples: number;
  json: string;
  keep: boolean;
}

interface Session {
  cookie: string;
  csrf: string;
}

type Step = 'create' | 'approve (manager)' | 'approve (owner)';

function parseArgs(argv: string[]): Args {
  const args: Args = { people: 2000, resources: 20, connections: 50, duration: 60, samples: 20, json: 'bench-results/requests.json', keep: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--keep') args.keep = true;
    else if (flag === '--json') args.json = value();
    else if (flag === '--people' || flag === '--resources' || flag === '--connections' || flag === '--duration' || flag === '--samples') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer`);
      args[flag.slice(2) as 'people'] = n;
    } else throw new Error(`unknown option ${flag} (see the comment at the top of scripts/bench-requests.ts)`);
  }
  if (args.people < TEAM_SIZE * 2) throw new Error(`--people must be at least ${TEAM_SIZE * 2}`);
  return args;
}

/** Employee i (e00000…), their manager (the first of each team of 20), the owner of resource r (o000…). */
const employee = (i: number) => `e${String(i).padStart(5, '0')}`;
const managerOf = (i: number) => `m${String(Math.floor(i / TEAM_SIZE)).padStart(4, '0')}`;
const owner = (r: number) => `o${String(r).padStart(3, '0')}`;
const dnOf = (login: string) => `uid=${login},${PEOPLE_OU}`;
const groupOf = (r: number) => `share-${r}-rw`;

function companyLdif(args: Args): string {
  const out: string[] = [
    `dn: ${SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\ndc: bench\no: Bench`,
    `dn: ${PEOPLE_OU}\nobjectClass: organizationalUnit\nou: people`,
    `dn: ${GROUPS_OU}\nobjectClass: organizationalUnit\nou: groups`,
  ];
  const person = (login: string, n: number, dept: string, manager?: string) =>
    `dn: ${dnOf(login)}\nobjectClass: inetOrgPerson\nuid: ${login}\ncn: Person ${login}\nsn: ${login}\nmail: ${login}@bench.test\n` +
    `employeeNumber: E${n}\ndepartmentNumber: ${dept}${manager ? `\nmanager: ${dnOf(manager)}` : ''}`;
  const teams = Math.ceil(args.people / TEAM_SIZE);
  for (let t = 0; t < teams; t++) out.push(person(managerOf(t * TEAM_SIZE), 100_000 + t, `Dept${t % 10}`));
  for (let r = 0; r < args.resources; r++) out.push(person(owner(r), 200_000 + r, 'Owners'));
  for (let i = 0; i < args.people; i++) out.push(person(employee(i), 300_000 + i, `Dept${Math.floor(i / TEAM_SIZE) % 10}`, managerOf(i)));
  for (let r = 0; r < args.resources; r++) {
    out.push(`dn: cn=${groupOf(r)},${GROUPS_OU}\nobjectClass: groupOfNames\ncn: ${groupOf(r)}\nmember: ${dnOf(owner(r))}`);
  }
  return `${out.join('\n\n')}\n`;
}

function writePolicy(dir: string, args: Args): void {
  for (const sub of ['resources', 'access-rules', 'settings']) mkdirSync(join(dir, sub), { recursive: true });
  const resources = Array.from(
    { length: args.resources },
    (_, r) =>
      `  - id: share-${r}\n    type: share\n    name: '\\\\fs01\\Share${r}'\n    owner: E${200_000 + r}\n    criticality: medium\n    grants:\n      write: [${groupOf(r)}]`,
  );
  writeFileSync(join(dir, 'resources/shares.yaml'), `apiVersion: vigie.dev/v1\nkind: ResourceList\nresources:\n${resources.join('\n')}\n`);
  writeFileSync(
    join(dir, 'access-rules/everyone.yaml'),
    'apiVersion: vigie.dev/v1\nkind: AccessRuleList\nrules:\n  - description: Everybody may write the shares\n    can: [read, write]\n    on: share\n',
  );
  writeFileSync(join(dir, 'settings/settings.yaml'), 'apiVersion: vigie.dev/v1\nkind: Settings\nrequests:\n  approvalChains:\n    medium: [manager, owner]\n');
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (n: number) => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // Resolved now: the run changes directory to the servers' (below).
  args.json = resolve(args.json);
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const work = mkdtempSync(join(tmpdir(), 'vigie-bench-requests-'));
  const dbName = `vigie_bench_requests_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
  const startLoad = loadNow();
  let slapd: PrivateSlapd | undefined;
  let server: ChildProcess | undefined;
  let vigie: ReturnType<typeof createVigie> | undefined;
  try {
    process.stdout.write(`company: ${args.people} employees, ${Math.ceil(args.people / TEAM_SIZE)} managers, ${args.resources} shares\n`);
    mkdirSync(join(work, 'slapd'));
    writeFileSync(join(work, 'company.ldif'), companyLdif(args));
    slapd = await startPrivateSlapd(join(work, 'slapd'), join(work, 'company.ldif'), SUFFIX);
    writePolicy(join(work, 'policy'), args);
    const port = await freePort();
    const env = {
      ...process.env,
      DATABASE_URL: dbUrl,
      BENCH_LDAP_PASSWORD: slapd.rootPassword,
      VIGIE_HTTP_HOST: '127.0.0.1',
      VIGIE_HTTP_PORT: String(port),
      VIGIE_SCHEDULER_ENABLED: 'false',
      VIGIE_AUTH_SESSION_SECURE_COOKIE: 'false',
    };
    writeFileSync(
      join(work, 'vigie.yaml'),
      [
        'directories:',
        `  - { name: corp, kind: ldap, url: '${slapd.url}', baseDn: '${SUFFIX}', bindDn: '${slapd.rootDn}', bindPasswordEnv: BENCH_LDAP_PASSWORD }`,
        `policy: { dir: '${join(work, 'policy')}' }`,
        'log: { level: warn }',
        '',
      ].join('\n'),
    );
    await run([join(THIS_BUILD, 'dist/cli/vigie.js'), 'sync'], work, env);
    server = await serve(port, work, env);
    const base = `http://127.0.0.1:${port}`;

    // The people's web sessions, opened on the same database as a sign-in opens them (signing in is bench:api's).
    // In the servers' directory: the trail's key files are found relative to it, as the servers find them.
    process.chdir(work);
    vigie = createVigie(loadConfig({ env, file: join(work, 'vigie.yaml'), cwd: work }));
    const sessions = await vigie.dependencies.staffSessions();
    const sessionOf = new Map<string, Session>();
    const open = async (login: string, roles: Array<'employee' | 'approver'>) => {
      const opened = await sessions.open({
        subject: `directory:corp:${dnOf(login)}`,
        method: 'oidc',
        displayName: login,
        roles,
        person: { directory: 'corp', dn: dnOf(login), login },
      });
      sessionOf.set(login, { cookie: `vigie_session=${opened.token}`, csrf: opened.csrfToken });
    };
    const teams = Math.ceil(args.people / TEAM_SIZE);
    for (let t = 0; t < teams; t++) await open(managerOf(t * TEAM_SIZE), ['employee', 'approver']);
    for (let r = 0; r < args.resources; r++) await open(owner(r), ['employee', 'approver']);
    for (let i = 0; i < args.people; i++) await open(employee(i), ['employee']);

    const call = async (login: string, path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
      const s = sessionOf.get(login)!;
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
        body: JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json().catch(() => ({}))) as Record<string, unknown> };
    };

    // Each pair (employee, resource) once: a second open request for the same access is refused by design.
    let next = 0;
    const total = args.people * args.resources;
    const pair = () => {
      if (next >= total) return undefined;
      const n = next++;
      return { i: n % args.people, r: Math.floor(n / args.people) };
    };
    const latencies: Record<Step, number[]> = { create: [], 'approve (manager)': [], 'approve (owner)': [] };
    const errors: string[] = [];
    const approved: string[] = [];
    let lastApprovalAt = 0;
    const timed = async (step: Step, login: string, path: string, body: unknown, expect: number) => {
      const t0 = performance.now();
      const res = await call(login, path, body);
      latencies[step].push(performance.now() - t0);
      if (res.status !== expect) {
        errors.push(`${step}: ${res.status} ${JSON.stringify(res.json).slice(0, 200)}`);
        return undefined;
      }
      return res.json;
    };
    const flow = async (i: number, r: number): Promise<string | undefined> => {
      const created = await timed(
        'create',
        employee(i),
        '/api/access-requests',
        {
          resource: `share-${r}`,
          level: 'write',
          justification: 'benchmark: a project needs this share',
          days: 30,
        },
        201,
      );
      const id = created?.id as string | undefined;
      if (!id) return undefined;
      if (!(await timed('approve (manager)', managerOf(i), `/api/access-requests/${id}/approve`, { comment: 'ok for my team' }, 200))) return undefined;
      if (!(await timed('approve (owner)', owner(r), `/api/access-requests/${id}/approve`, { comment: 'ok for my share' }, 200))) return undefined;
      return id;
    };

    process.stdout.write(`load: ${args.connections} clients for ${args.duration} s\n`);
    const started = performance.now();
    const deadline = started + args.duration * 1000;
    await Promise.all(
      Array.from({ length: args.connections }, async () => {
        for (let p = pair(); p && performance.now() < deadline; p = pair()) {
          const id = await flow(p.i, p.r);
          if (id) {
            approved.push(id);
            lastApprovalAt = performance.now();
          }
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;

    // The backlog: every membership the load approved, present in slapd (the grants confirmed by read-back).
    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    const ldap = new Client({ url: slapd.url });
    await ldap.bind(slapd.rootDn, slapd.rootPassword);
    let backlogMs = Number.NaN;
    try {
      for (;;) {
        const members = await membersByGroup(ldap, args.resources);
        const missing = approved.length - (await countProvisioned(db, approved, members));
        if (missing === 0) {
          backlogMs = performance.now() - lastApprovalAt;
          break;
        }
        if (performance.now() - lastApprovalAt > 10 * 60_000) throw new Error(`${missing} approved memberships still missing in slapd after 10 minutes`);
        await new Promise((r) => setTimeout(r, 50));
      }
      // One request at a time on a quiet system: from the owner's approval (its answer) to the member in slapd.
      const toMembership: number[] = [];
      for (let k = 0; k < args.samples; k++) {
        const p = pair();
        if (!p) break;
        const id = await flow(p.i, p.r);
        if (!id) continue;
        const approvedAt = performance.now();
        const filter = `(&(cn=${groupOf(p.r)})(member=${dnOf(employee(p.i))}))`;
        for (;;) {
          const { searchEntries } = await ldap.search(GROUPS_OU, { scope: 'one', filter, attributes: ['cn'] });
          if (searchEntries.length) break;
          if (performance.now() - approvedAt > 120_000) throw new Error(`request ${id}: no membership in slapd after 2 minutes`);
          await new Promise((r) => setTimeout(r, 5));
        }
        toMembership.push(performance.now() - approvedAt);
      }
      toMembership.sort((a, b) => a - b);
      const steps = (Object.keys(latencies) as Step[]).map((step) => {
        const sorted = [...latencies[step]].sort((a, b) => a - b);
        return {
          step,
          requests: sorted.length,
          perSecond: round(sorted.length / elapsed),
          p50Ms: round(percentile(sorted, 50)),
          p99Ms: round(percentile(sorted, 99)),
        };
      });
      const machine = {
        ...machineOf(new Date(), startLoad),
      };
      const result = {
        machine,
        args,
        targetP99Ms: TARGET_P99_MS,
        elapsedSeconds: round(elapsed),
        requestsApproved: approved.length,
        httpPerSecond: round(steps.reduce((n, s) => n + s.requests, 0) / elapsed),
        errors: errors.length,
        firstErrors: errors.slice(0, 5),
        steps,
        backlogDrainedMsAfterLastApproval: round(backlogMs),
        approvalToMembershipMs: { samples: toMembership.length, p50: round(percentile(toMembership, 50)), max: round(toMembership.at(-1) ?? Number.NaN) },
      };
      process.stdout.write(`\n${'step'.padEnd(20)} ${'requests'.padStart(9)} ${'per s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}\n`);
      for (const s of steps) {
        process.stdout.write(
          `${s.step.padEnd(20)} ${String(s.requests).padStart(9)} ${String(s.perSecond).padStart(8)} ${String(s.p50Ms).padStart(8)} ${String(s.p99Ms).padStart(8)}\n`,
        );
      }
      process.stdout.write(
        `\n${approved.length} requests approved in ${round(elapsed)} s (${result.httpPerSecond} HTTP requests/s), ${errors.length} error(s)\n` +
          `backlog in slapd ${round(backlogMs)} ms after the last approval; one at a time, approval → membership p50 ${result.approvalToMembershipMs.p50} ms, max ${result.approvalToMembershipMs.max} ms (${toMembership.length} samples)\n`,
      );
      for (const e of errors.slice(0, 5)) process.stdout.write(`  error: ${e}\n`);
      mkdirSync(dirname(args.json), { recursive: true });
      writeFileSync(args.json, `${JSON.stringify(result, null, 2)}\n`);
      process.stdout.write(`written ${args.json}\n`);
    } finally {
      await ldap.unbind().catch(() => undefined);
      await db.end();
    }
  } finally {
    await vigie?.close();
    server?.kill('SIGTERM');
    await slapd?.stop();
    if (!args.keep) {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
      rmSync(work, { recursive: true, force: true });
    } else process.stdout.write(`kept: ${work}, database ${dbName}\n`);
    await admin.end();
  }
}

/** The members of every share group, by group cn, as slapd answers now. */
async function membersByGroup(ldap: Client, resources: number): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  const { searchEntries } = await ldap.search(GROUPS_OU, { scope: 'one', filter: '(objectClass=groupOfNames)', attributes: ['cn', 'member'] });
  for (const e of searchEntries) {
    const members = Array.isArray(e.member) ? e.member : [e.member];
    out.set(String(e.cn), new Set(members.map((m) => String(m).toLowerCase())));
  }
  if (out.size < resources) throw new Error(`slapd lists ${out.size} share groups, ${resources} expected`);
  return out;
}

/** How many of the approved requests have their member in their group in slapd. */
async function countProvisioned(db: pg.Client, ids: string[], members: Map<string, Set<string>>): Promise<number> {
  const { rows } = await db.query<{ resource: string; beneficiary: string }>(
    `SELECT resource_id AS resource, body->'target'->>'memberDn' AS beneficiary FROM access_request WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  let n = 0;
  for (const row of rows) {
    const r = Number(row.resource.replace('share-', ''));
    if (members.get(groupOf(r))?.has(row.beneficiary.toLowerCase())) n++;
  }
  return n;
}

/** Runs the built `vigie` with these arguments in `cwd`; fails with its stderr. */
function run(argv: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const p = spawn(process.execPath, argv, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err = (err + d).slice(-4000)));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolveRun() : reject(new Error(`vigie ${argv.slice(1).join(' ')} exited with ${code}: ${err.trim()}`))));
  });
}

/** `vigie serve` (API and worker in one process) on loopback, once it answers /health/ready. */
async function serve(port: number, cwd: string, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const server = spawn(process.execPath, [join(THIS_BUILD, 'dist/cli/vigie.js'), 'serve'], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  server.stderr!.on('data', (d) => (err = (err + d).slice(-4000)));
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error(`vigie serve exited with ${server.exitCode}: ${err}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return server;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`vigie serve did not answer within 60 s: ${err}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
