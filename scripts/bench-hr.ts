/**
 * HR hires under load (issue 17): a burst of `--events` hire events (1,000) received through receive-hr-event, as the
 * webhook hands them over, and applied by the HR workers (hr.apply, 8 at a time, as `vigie serve` runs them) against a
 * private slapd over StartTLS and the real PostgreSQL. French names drawn from short lists, so that logins collide and
 * get their suffixes; five departments, each its OU and its birthright group, and a group for everyone. Measures the
 * time from the first event received to the last one applied (the aim: under 60 s), then checks in slapd that every
 * employee has exactly one account, in their department's OU, in both their groups, and that no login is used twice.
 * Writes JSON (bench-results/hr.json, or --json FILE).
 *
 * Usage: npm run bench:hr [-- --events 1000 --keep]
 * DATABASE_URL (else postgres://postgres@127.0.0.1:5432/postgres) must let this user CREATE DATABASE.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'ldapts';
import pg from 'pg';
import { createVigie, startScheduler } from '#vigie/application';
import { loadConfig } from '#vigie/config';
import { type PrivateSlapd, startPrivateSlapd } from './bench/private-slapd.js';

const TARGET_S = 60;
const SUFFIX = 'dc=bench,dc=test';
const DEPARTMENTS = ['Finance', 'Ventes', 'Ressources Humaines', 'Informatique', 'Achats'];
const FIRST = [
  'Élodie',
  'Loïc',
  'Jean-Pierre',
  'Anaïs',
  'François',
  'Hélène',
  'Zoé',
  'Noël',
  'Maëlle',
  'Thị Minh',
  'Søren',
  'Inès',
  'Jérôme',
  'Agnès',
  'Benoît',
  'Cécile',
  'Gaël',
  'Léa',
  'Mathéo',
  'Océane',
  'Raphaël',
  'Sébastien',
  'Théo',
  'Valérie',
  'Yannick',
  'Amélie',
  'Clément',
  'Éric',
  'Fanny',
  'Grégoire',
  'Héloïse',
  'Irène',
  'Jules',
  'Karim',
  'Lucie',
  'Mélanie',
  'Nathan',
  'Ophélie',
  'Pascal',
  'Quentin',
];
const LAST = [
  'de La Fontaine',
  "N'Diaye",
  'Nguyễn',
  'Le Bœuf',
  'Martin',
  'Dupont-Aven',
  "d'Artagnan",
  'Lefèvre',
  'Müller',
  'Straße',
  'Bernard',
  'Thomas',
  'Petit',
  'Robert',
  'Richard',
  'Durand',
  'Dubois',
  'Moreau',
  'Laurent',
  'Simon',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'Girard',
  'André',
  'Mercier',
  'Dupuis',
  'Lambert',
  'Bonnet',
  'François',
  'Martinez',
  'Legrand',
  'Garnier',
  'Faure',
  'Rousseau',
  'Blanc',
  'Guérin',
  'Muller',
  'Henry',
  'Roussel',
  'Nicolas',
  'Perrin',
  'Morin',
  'Mathieu',
  'Clément',
];

const ouOf = (d: number) => `ou=dept${d},ou=people,${SUFFIX}`;
const groupOf = (d: number) => `cn=dept${d}-rw,ou=groups,${SUFFIX}`;
const ALL = `cn=all-staff,ou=groups,${SUFFIX}`;

interface Args {
  events: number;
  json: string;
  keep: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { events: 1000, json: 'bench-results/hr.json', keep: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--keep') args.keep = true;
    else if (flag === '--json') args.json = argv[++i] ?? args.json;
    else if (flag === '--events') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error('--events must be a positive integer');
      args.events = n;
    } else throw new Error(`unknown option ${flag} (see the comment at the top of scripts/bench-hr.ts)`);
  }
  return args;
}

function companyLdif(): string {
  const entries = [
    `dn: ${SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\ndc: bench\no: Bench`,
    `dn: ou=people,${SUFFIX}\nobjectClass: organizationalUnit\nou: people`,
    `dn: ou=groups,${SUFFIX}\nobjectClass: organizationalUnit\nou: groups`,
    `dn: uid=seed,ou=people,${SUFFIX}\nobjectClass: inetOrgPerson\nuid: seed\ncn: seed\nsn: seed`,
    `dn: ${ALL}\nobjectClass: groupOfNames\ncn: all-staff\nmember: uid=seed,ou=people,${SUFFIX}`,
  ];
  DEPARTMENTS.forEach((_, d) => {
    entries.push(`dn: ${ouOf(d)}\nobjectClass: organizationalUnit\nou: dept${d}`);
    entries.push(`dn: ${groupOf(d)}\nobjectClass: groupOfNames\ncn: dept${d}-rw\nmember: uid=seed,ou=people,${SUFFIX}`);
  });
  return `${entries.join('\n\n')}\n`;
}

function writePolicy(dir: string): void {
  for (const sub of ['resources', 'access-rules', 'settings']) mkdirSync(join(dir, sub), { recursive: true });
  const resources = [`  - { id: share-all, type: share, name: Commun, owner: E0, criticality: low, grants: { read: ['${ALL}'] } }`];
  const rules = ['  - { description: everyone, birthright: true, can: [read], on: share, where: { id: share-all } }'];
  DEPARTMENTS.forEach((name, d) => {
    resources.push(`  - { id: share-${d}, type: share, name: Share${d}, owner: E0, criticality: low, grants: { write: ['${groupOf(d)}'] } }`);
    rules.push(`  - { description: ${name}, birthright: true, when: { department: '${name}' }, can: [write], on: share, where: { id: share-${d} } }`);
  });
  writeFileSync(join(dir, 'resources/shares.yaml'), `apiVersion: vigie.dev/v1\nkind: ResourceList\nresources:\n${resources.join('\n')}\n`);
  writeFileSync(join(dir, 'access-rules/birthrights.yaml'), `apiVersion: vigie.dev/v1\nkind: AccessRuleList\nrules:\n${rules.join('\n')}\n`);
  const departments = DEPARTMENTS.map((name, d) => `    '${name}': '${ouOf(d)}'`).join('\n');
  writeFileSync(join(dir, 'settings/settings.yaml'), `apiVersion: vigie.dev/v1\nkind: Settings\nhr:\n  departments:\n${departments}\n`);
}

/** A pseudo-random draw that is the same each run (the collisions too). */
function draw(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  args.json = resolve(args.json);
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const work = mkdtempSync(join(tmpdir(), 'vigie-bench-hr-'));
  const dbName = `vigie_bench_hr_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
  const startLoad = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  let slapd: PrivateSlapd | undefined;
  let vigie: ReturnType<typeof createVigie> | undefined;
  let scheduler: Awaited<ReturnType<typeof startScheduler>> | undefined;
  const sql = new pg.Client({ connectionString: dbUrl });
  try {
    mkdirSync(join(work, 'slapd'));
    writeFileSync(join(work, 'company.ldif'), companyLdif());
    slapd = await startPrivateSlapd(join(work, 'slapd'), join(work, 'company.ldif'), SUFFIX, { tls: true });
    writePolicy(join(work, 'policy'));
    process.chdir(work);
    const env = {
      DATABASE_URL: dbUrl,
      BENCH_LDAP_PASSWORD: slapd.rootPassword,
      VIGIE_TRAIL_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      VIGIE_TRAIL_PSEUDONYM_KEY: randomBytes(32).toString('base64'),
    };
    vigie = createVigie(
      loadConfig({
        env,
        file: '/dev/null',
        cwd: work,
        overrides: {
          log: { level: 'warn' },
          scheduler: { enabled: false },
          directories: [
            {
              name: 'corp',
              kind: 'ldap',
              url: slapd.url,
              startTls: true,
              caFile: slapd.caFile,
              baseDn: SUFFIX,
              bindDn: slapd.rootDn,
              bindPasswordEnv: 'BENCH_LDAP_PASSWORD',
            },
          ],
          policy: { dir: join(work, 'policy') },
          trail: { publish: { file: join(work, 'checkpoints.jsonl') } },
          hr: { directory: 'corp', mailDomain: 'bench.test', retries: { limit: 10, delaySeconds: 1 } },
        },
      }),
    );
    await vigie.run('check-readiness', {});
    scheduler = await startScheduler(vigie);
    await sql.connect();

    const random = draw(17);
    const people = Array.from({ length: args.events }, (_, i) => ({
      employeeId: `E${100_000 + i}`,
      firstName: FIRST[Math.floor(random() * FIRST.length)]!,
      lastName: LAST[Math.floor(random() * LAST.length)]!,
      department: DEPARTMENTS[i % DEPARTMENTS.length]!,
    }));
    process.stdout.write(`${args.events} hire events, ${DEPARTMENTS.length} departments; workers: hr.apply x8\n`);
    const started = Date.now();
    // The burst: ten senders at once, as a webhook's retries and an HR export's batch would come.
    let next = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < people.length) {
          const p = people[next++]!;
          await vigie!.run('receive-hr-event', {
            source: 'webhook',
            eventId: `bench-${p.employeeId}`,
            type: 'hire',
            effectiveDate: '2026-01-05',
            person: { ...p, mail: null, title: 'Employé', managerEmployeeId: null, site: null, employeeType: 'employee', startDate: null, endDate: null },
          });
        }
      }),
    );
    const received = Date.now();
    process.stdout.write(`received in ${((received - started) / 1000).toFixed(1)} s\n`);
    let counts: Record<string, number> = {};
    for (;;) {
      const { rows } = await sql.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM hr_event GROUP BY status');
      counts = Object.fromEntries(rows.map((r) => [r.status, r.n]));
      if ((counts.done ?? 0) + (counts.dead ?? 0) >= args.events) break;
      if (Date.now() - started > 15 * 60_000) throw new Error(`not drained after 15 minutes: ${JSON.stringify(counts)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const drained = Date.now();
    const seconds = (drained - started) / 1000;
    process.stdout.write(`drained in ${seconds.toFixed(1)} s: ${JSON.stringify(counts)}\n`);

    // The check, in slapd: one account per employee, in their OU and both their groups, no login twice.
    const ldap = new Client({ url: slapd.url });
    await ldap.bind(slapd.rootDn, slapd.rootPassword);
    const { searchEntries } = await ldap.search(`ou=people,${SUFFIX}`, {
      scope: 'sub',
      filter: '(employeeNumber=*)',
      attributes: ['uid', 'employeeNumber', 'memberOf'],
    });
    await ldap.unbind();
    const byEmployee = new Map<string, typeof searchEntries>();
    for (const e of searchEntries) byEmployee.set(String(e.employeeNumber), [...(byEmployee.get(String(e.employeeNumber)) ?? []), e]);
    const twice = [...byEmployee.values()].filter((list) => list.length > 1).length;
    const missing = people.filter((p) => !byEmployee.has(p.employeeId)).length;
    const logins = searchEntries.map((e) => String(e.uid));
    const loginsTwice = logins.length - new Set(logins).size;
    const suffixed = logins.filter((l) => /\d$/.test(l)).length;
    let badPlace = 0;
    let badGroups = 0;
    people.forEach((p, i) => {
      const [entry] = byEmployee.get(p.employeeId) ?? [];
      if (!entry) return;
      const d = i % DEPARTMENTS.length;
      if (!entry.dn.toLowerCase().endsWith(ouOf(d))) badPlace++;
      const groups = (Array.isArray(entry.memberOf) ? entry.memberOf : [entry.memberOf]).map((g) => String(g).toLowerCase());
      if (!groups.includes(ALL) || !groups.includes(groupOf(d))) badGroups++;
    });
    const result = {
      at: new Date().toISOString(),
      events: args.events,
      receiveSeconds: Math.round((received - started) / 100) / 10,
      drainSeconds: Math.round(seconds * 10) / 10,
      eventsPerSecond: Math.round((args.events / seconds) * 10) / 10,
      statuses: counts,
      accounts: searchEntries.length,
      missing,
      twice,
      loginsTwice,
      suffixedLogins: suffixed,
      wrongOu: badPlace,
      missingGroups: badGroups,
      aimSeconds: TARGET_S,
      aimMet: seconds < TARGET_S && !missing && !twice && !loginsTwice && !badPlace && !badGroups,
      machine: { cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), loadAtStart: startLoad },
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    mkdirSync(dirname(args.json), { recursive: true });
    writeFileSync(args.json, `${JSON.stringify(result, null, 2)}\n`);
    if (!result.aimMet) process.exitCode = 1;
  } finally {
    await scheduler?.stop().catch(() => undefined);
    await vigie?.close().catch(() => undefined);
    await sql.end().catch(() => undefined);
    await slapd?.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    if (!args.keep) rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
