/**
 * `npm run bench:samba-read`: how fast the library reads a real Samba AD DC, next to the raw floor.
 *
 * Provisions the domain (once per run), starts a private DC, bulk-loads N users (VIGIE_BENCH_USERS, default 5000)
 * and N/20 global groups of 100 members (5 memberships per user), then reads the same entries with the same
 * filter and attributes, in alternation, VIGIE_BENCH_ROUNDS times (default 5):
 *   (a) `ldapsearch -E pr=1000/noprompt`, the floor: Samba, not the client, is the limit there;
 *   (b) DefaultDirectoryReader (kind ad, pages of 1000), what a sync reads with.
 * Prints a table of medians and writes bench-results/samba-read.json. Not part of `npm test`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { DefaultDirectoryReader, AD_ATTRIBUTES, DEFAULT_FILTER, type LdapDirectorySource } from '#vigie/directory';
import { adGroupLdif, adUsersLdif, bulkLoad, generatedUserDn } from '../support/ad-fixtures.js';
import { provisionTimeMs, sambaVersion, startSambaDc, type SambaInstance } from '../support/samba.js';
import { REPO_ROOT } from '../support/cli.js';

const USERS = Number(process.env.VIGIE_BENCH_USERS ?? 5000);
const ROUNDS = Number(process.env.VIGIE_BENCH_ROUNDS ?? 5);
const GROUP_SIZE = 100;
const GROUPS = Math.max(1, Math.round(USERS / 20));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

async function ldapsearchDump(dc: SambaInstance, base: string): Promise<number> {
  const out = await dc.ldapTool('ldapsearch', ['-LLL', '-o', 'ldif-wrap=no', '-E', 'pr=1000/noprompt', '-b', base, DEFAULT_FILTER, ...AD_ATTRIBUTES]);
  return (out.match(/^dn::? /gm) ?? []).length;
}

async function readerDump(source: LdapDirectorySource): Promise<number> {
  let n = 0;
  for await (const entry of new DefaultDirectoryReader().read(source)) if (entry.dn) n++;
  return n;
}

it(`reads ${USERS} users and ${GROUPS} groups from Samba AD: ldapsearch vs DefaultDirectoryReader`, async () => {
  const firstStart = await timed(() => startSambaDc());
  const dc = firstStart.value;
  const second = await timed(() => startSambaDc());
  await second.value.stop();
  try {
    const base = `OU=Bench,${dc.baseDn}`;
    await dc.addLdif(`dn: ${base}\nobjectClass: organizationalUnit\n`);
    const users = await bulkLoad(dc, adUsersLdif(base, USERS, { prefix: 'bench', attributes: (i) => ({ department: `Dept ${i % 37}`, title: 'Employee' }) }));
    let groupsLdif = '';
    for (let g = 0; g < GROUPS; g++) {
      // User i is in groups i % GROUPS, (i + 1) % GROUPS ... : 5 memberships each when GROUPS >= 5.
      const members: string[] = [];
      for (let k = 0; k < GROUP_SIZE; k++) members.push(generatedUserDn(base, (g * GROUP_SIZE + k) % USERS, 'bench'));
      groupsLdif += adGroupLdif(`CN=bench-group-${g},${base}`, { sAMAccountName: `bench-group-${g}`, members: [...new Set(members)] }) + '\n';
    }
    const groups = await bulkLoad(dc, groupsLdif);

    const source: LdapDirectorySource = {
      kind: 'ad',
      name: 'bench',
      url: dc.url,
      baseDn: base,
      bindDn: dc.adminDn,
      bindPassword: dc.adminPassword,
      pageSize: 1000,
    };
    const expected = USERS + GROUPS + 1;
    // Warm-up: the first read fills Samba's caches.
    expect(await ldapsearchDump(dc, base)).toBe(expected);
    expect(await readerDump(source)).toBe(expected);
    const raw: number[] = [];
    const lib: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const a = await timed(() => ldapsearchDump(dc, base));
      expect(a.value).toBe(expected);
      raw.push(a.ms);
      const b = await timed(() => readerDump(source));
      expect(b.value).toBe(expected);
      lib.push(b.ms);
    }
    const rawRate = Math.round(expected / (median(raw) / 1000));
    const libRate = Math.round(expected / (median(lib) / 1000));
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, samba: sambaVersion() },
      users: USERS,
      groups: GROUPS,
      entries: expected,
      provisionMs: provisionTimeMs(),
      firstDcStartMs: Math.round(firstStart.ms),
      dcStartMs: Math.round(second.ms),
      load: { users, groups },
      read: {
        rounds: ROUNDS,
        ldapsearchMs: raw.map(Math.round),
        readerMs: lib.map(Math.round),
        ldapsearchPerSecond: rawRate,
        readerPerSecond: libRate,
        readerShareOfLdapsearch: Math.round((libRate / rawRate) * 1000) / 1000,
      },
    };
    mkdirSync(`${REPO_ROOT}/bench-results`, { recursive: true });
    writeFileSync(`${REPO_ROOT}/bench-results/samba-read.json`, JSON.stringify(result, null, 2) + '\n');
    process.stdout.write(
      [
        '',
        `Samba AD read benchmark (${result.machine.samba}, ${result.machine.cpus} cores, Node ${process.version})`,
        `  provision (once per run)          ${result.provisionMs ?? '-'} ms`,
        `  DC start, first / another         ${result.firstDcStartMs} / ${result.dcStartMs} ms (first includes provisioning)`,
        `  bulk load, users                  ${users.entries} in ${users.ms} ms = ${users.perSecond}/s`,
        `  bulk load, groups (${GROUP_SIZE} members)   ${groups.entries} in ${groups.ms} ms = ${groups.perSecond}/s`,
        `  read ${expected} entries, median of ${ROUNDS}:`,
        `    ldapsearch -E pr=1000           ${Math.round(median(raw))} ms = ${rawRate}/s`,
        `    DefaultDirectoryReader          ${Math.round(median(lib))} ms = ${libRate}/s (${Math.round((libRate / rawRate) * 100)} % of ldapsearch)`,
        '',
      ].join('\n'),
    );
  } finally {
    await dc.stop();
  }
}, 1_800_000);
