import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { knownGroupsNamed } from './__fixtures__/known-groups.js';
import { readPolicyDirectory } from './loader/policy-files.js';
import { loadPolicy, loadPolicyFromFiles } from './policy-loader.js';
import { groupReferences } from './policy-references.js';
import { type PolicyIssue, PolicyValidationError } from './policy-validation.error.js';

const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));

async function issuesOf(dir: string): Promise<readonly PolicyIssue[]> {
  const error = await loadPolicy(dir).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(PolicyValidationError);
  return (error as PolicyValidationError).errors;
}

const issue = (file: string, line: number, column: number, path: string, message: string) =>
  ({ file, line, column, path, message: expect.stringContaining(message) }) as unknown as PolicyIssue;

describe(loadPolicy.name, () => {
  describe('a valid policy', () => {
    it('loads every policy file, sorted, leaving out test suites', async () => {
      const policy = await loadPolicy(fixture('ok/acme'));
      expect(policy.dir).toBe(fixture('ok/acme'));
      expect(policy.files).toEqual([
        'access-rules/baseline.yaml',
        'resources/devices.yaml',
        'resources/shares.yaml',
        'settings/settings.yaml',
        'sod/finance.yaml',
      ]);
      expect(policy.version).toMatch(/^[0-9a-f]{64}$/);
    });

    it('keeps where each resource and rule was written', async () => {
      const policy = await loadPolicy(fixture('ok/acme'));
      expect(policy.resources.map((resource) => resource.id)).toEqual([
        'printer-lyon-3',
        'printer-paris-1',
        'ws-lyon',
        'share-finance',
        'share-hr',
        'share-public',
      ]);
      expect(policy.resources.find((resource) => resource.id === 'share-hr')).toMatchObject({
        type: 'share',
        name: '\\\\fs01\\RH',
        criticality: 'critical',
        personalData: { categories: ['health', 'identity'], record: 'RT-001' },
        source: { file: 'resources/shares.yaml', index: 1, line: 17 },
      });
      expect(policy.accessRules).toHaveLength(8);
      expect(policy.accessRules[1]).toMatchObject({
        description: 'Finance staff read and write the finance share',
        when: { department: 'Finance' },
        can: ['read', 'write'],
        on: 'share',
        where: { id: { $in: ['share-finance'] } },
        source: { file: 'access-rules/baseline.yaml', index: 1, line: 11 },
      });
    });

    it('reads the settings: rule parameters, groups, service accounts, retention and review intervals', async () => {
      const { settings } = await loadPolicy(fixture('ok/acme'));
      expect(settings).toEqual({
        rules: {
          'H-INACTIVE-USER': { thresholdDays: 90, severity: 'high' },
          'G-PEER-OUTLIER': { enabled: false },
          'H-TOO-MANY-ADMINS': { maxPrivileged: 30, maxPercent: 5 },
        },
        privilegedGroups: ['GG_Tier0_Admins', 'CN=Helpdesk Admins,OU=Groups,DC=corp,DC=example'],
        serviceAccounts: ['svc-backup', 'svc-sql'],
        serviceAccountInventory: [{ login: 'svc-backup' }, { login: 'svc-sql', directory: 'corp', owner: 'E1001', purpose: 'SQL Server engine' }],
        everyoneGroups: ['all-staff'],
        protectedAccounts: [
          { login: 'breakglass' },
          { login: 'adm-vendor', reason: 'Managed by the ERP vendor under contract', exemptFrom: ['H-INACTIVE-ADMIN'] },
        ],
        retention: {
          leaverAccountDays: 60,
          auditLogMonths: 24,
          auditLogJustification: "Required by the group's banking regulator (documented in RT-009)",
        },
        reviewIntervals: { standard: 365, critical: 120, privileged: 60 },
        source: { file: 'settings/settings.yaml', line: 1 },
      });
    });

    it('reads the separation-of-duties rules with their defaults', async () => {
      const { sodRules } = await loadPolicy(fixture('ok/acme'));
      expect(sodRules).toEqual([
        {
          id: 'payroll-and-payments',
          description: 'Whoever changes payroll data must not also pay it out',
          severity: 'high',
          scope: 'identity',
          maxHeld: 1,
          entitlements: [
            { resource: 'share-hr', level: 'write' },
            { resource: 'share-finance', level: 'write' },
          ],
          source: { file: 'sod/finance.yaml', index: 0, line: 5 },
        },
        expect.objectContaining({
          id: 'tier-0-off-workstations',
          severity: 'critical',
          scope: 'account',
          entitlements: [{ group: 'Domain Admins' }, { resource: 'ws-lyon', level: 'local-admin' }],
          source: { file: 'sod/finance.yaml', index: 1, line: 10 },
        }),
      ]);
    });

    it('remembers where each group reference was written', async () => {
      const { positions } = await loadPolicy(fixture('ok/acme'));
      expect(positions).toMatchObject({
        'resources/shares.yaml#resources[0].grants.write[0]': { line: 15, column: 15 },
        'sod/finance.yaml#rules[1].entitlements[0].group': { line: 15, column: 16 },
        'settings/settings.yaml#privilegedGroups[1]': { line: 15, column: 5 },
      });
    });
  });

  describe('an invalid policy', () => {
    it.each<[string, PolicyIssue[]]>([
      [
        'unknown-field',
        [
          issue('resources/shares.yaml', 11, 5, 'resources[1].colour', 'unknown field "colour"; expected one of: id, type, name'),
          issue('resources/shares.yaml', 13, 7, 'resources[1].grants.reed', 'unknown field "reed"; expected one of: read, write, admin, local-admin'),
        ],
      ],
      [
        'wrong-type',
        [
          issue('resources/shares.yaml', 8, 18, 'resources[0].criticality', '"urgent" is not allowed; expected one of: low, medium, high, critical'),
          issue('resources/shares.yaml', 10, 13, 'resources[0].grants.read', 'expected a list, got string "GG_A"'),
          issue('resources/shares.yaml', 11, 5, 'resources[1].id', 'missing required field "id" (expected a string)'),
          issue('resources/shares.yaml', 11, 11, 'resources[1].type', '"folder" is not allowed; expected one of: share, printer'),
          issue('resources/shares.yaml', 12, 11, 'resources[1].name', 'expected a string, got number 42'),
        ],
      ],
      ['duplicate-id', [issue('resources/b.yaml', 8, 9, 'resources[1].id', 'duplicate resource id "share-finance", already defined at resources/a.yaml:5')]],
      [
        'unsupported-operator',
        [
          issue(
            'access-rules/rules.yaml',
            10,
            22,
            'rules[0].where.name.$like',
            'unsupported operator $like; allowed operators: $eq, $ne, $in, $nin, $exists, $regex, $all, $size, $elemMatch, $lt, $lte, $gt, $gte, $not, $and, $or',
          ),
        ],
      ],
      ['yaml-syntax', [issue('resources/shares.yaml', 10, 11, '', 'Nested mappings are not allowed in compact mappings')]],
      [
        'unknown-placeholder',
        [
          issue(
            'access-rules/rules.yaml',
            8,
            24,
            'rules[0].where.location',
            'unknown placeholder ${identity.floor}; expected ${identity.<attribute>} with attribute one of: login,',
          ),
        ],
      ],
      [
        'misplaced',
        [
          issue('access-rules/resources.yaml', 3, 7, 'kind', 'a ResourceList belongs in resources/, this file is in access-rules/'),
          issue('policy.yaml', 0, 0, '', 'not in a policy folder, so it would never be loaded'),
          issue('resources/notes.yml', 1, 10, '$schema', 'points to ../schema/settings.schema.json; expected a path to resource-list.schema.json'),
          issue('settings/sod.yaml', 2, 7, 'kind', 'unknown kind "SeparationOfDuties"; expected one of: ResourceList, AccessRuleList, SodRuleList, Settings'),
        ],
      ],
      [
        'cross-references',
        [
          issue('access-rules/rules.yaml', 8, 41, 'rules[0].where.id.$in[1]', 'unknown resource id "share-finanse"'),
          issue('access-rules/rules.yaml', 12, 26, 'rules[1].where.$or[0].id', 'resource "share-finance" is a share, but this rule is on printer'),
          issue('access-rules/rules.yaml', 16, 25, 'rules[2].where.id.$ne', 'unknown resource id "printer-lobby"'),
          issue('settings/b.yaml', 2, 7, 'kind', 'only one Settings file is allowed; settings/a.yaml already defines the settings'),
        ],
      ],
      [
        'bad-rules-and-settings',
        [
          issue('access-rules/rules.yaml', 5, 5, 'rules[0]', 'a rule needs exactly one of can or cannot'),
          issue('access-rules/rules.yaml', 10, 10, 'rules[1].can', 'local-admin applies only to workstation and workstation-group (or all), not to share'),
          issue('access-rules/rules.yaml', 13, 25, 'rules[2].when.department', 'placeholder ${identity.department} is not allowed here'),
          issue('access-rules/rules.yaml', 13, 56, 'rules[2].when.$in', '$in applies to a field'),
          issue('access-rules/rules.yaml', 16, 28, 'rules[2].where.owner.$in', '$in expects a list of values'),
          issue('access-rules/rules.yaml', 16, 39, 'rules[2].where.size', 'unknown resource attribute "size"; expected one of: id, type, name'),
          issue('settings/settings.yaml', 4, 3, 'rules.inactive-users', 'invalid key "inactive-users": must be an audit rule id such as H-INACTIVE-USER'),
          issue('settings/settings.yaml', 5, 37, 'rules.H-INACTIVE-USER.thresholdDays', 'must be 0 or more'),
          issue(
            'settings/settings.yaml',
            5,
            41,
            'rules.H-INACTIVE-USER.note',
            'unknown field "note"; expected one of: enabled, severity, thresholdDays, highAfterDays',
          ),
        ],
      ],
      [
        'bad-settings',
        [
          issue('settings/settings.yaml', 4, 3, 'rules.H-INACTIVE-USERS', 'unknown audit rule "H-INACTIVE-USERS"; did you mean H-INACTIVE-USER?'),
          issue('settings/settings.yaml', 5, 36, 'rules.H-TOO-MANY-ADMINS.maxPercent', 'must be between 0 and 100'),
          issue('settings/settings.yaml', 5, 56, 'rules.H-TOO-MANY-ADMINS.maxPrivileged', 'expected a number, got string "50"'),
          issue('settings/settings.yaml', 5, 72, 'rules.H-TOO-MANY-ADMINS.severity', '"urgent" is not allowed; expected one of: critical, high'),
          issue('settings/settings.yaml', 6, 12, 'rules.G-SOD.thresholdDays', 'unknown field "thresholdDays"; expected one of: enabled, severity'),
          issue('settings/settings.yaml', 7, 29, 'rules.H-OBSOLETE-OS.systems', 'must list at least one entry (to turn the rule off, write enabled: false)'),
          issue('settings/settings.yaml', 8, 37, 'rules.H-PWD-IN-DESCRIPTION.keywords', 'expected a list'),
          issue('settings/settings.yaml', 11, 62, 'serviceAccounts[1].team', 'unknown field "team"; expected one of: login, directory, owner, purpose'),
          issue('settings/settings.yaml', 12, 5, 'serviceAccounts[2]', 'expected a string or a mapping, got number 42'),
          issue('settings/settings.yaml', 15, 19, 'retention.auditLogMonths', 'more than 12 months needs auditLogJustification'),
          issue('settings/settings.yaml', 18, 13, 'reviewIntervals.critical', 'must not be longer than standard (90 days)'),
          issue('settings/settings.yaml', 21, 39, 'protectedAccounts[0].exemptFrom[0]', 'unknown audit rule "H-INACTIVE-USR"; did you mean H-INACTIVE-USER?'),
        ],
      ],
      [
        'bad-sod',
        [
          issue('sod/rules.yaml', 8, 21, 'rules[0].entitlements[0].resource', 'unknown resource id "share-finanse"'),
          issue(
            'sod/rules.yaml',
            9,
            43,
            'rules[0].entitlements[1].level',
            'no one can hold this entitlement: the resource grants no group write or above (it grants only read) at resources/shares.yaml:4',
          ),
          issue(
            'sod/rules.yaml',
            10,
            43,
            'rules[0].entitlements[2].level',
            'local-admin applies only to workstation and workstation-group, and this resource is a share',
          ),
          issue('sod/rules.yaml', 11, 9, 'rules[1].id', 'duplicate SoD rule id "finance-twice", already defined at sod/rules.yaml:4'),
          issue('sod/rules.yaml', 15, 9, 'rules[1].entitlements[1]', 'the same entitlement as entitlements[0]'),
          issue('sod/rules.yaml', 16, 29, 'rules[1].entitlements[2].level', 'unknown field "level"; expected one of: group'),
          issue('sod/rules.yaml', 19, 15, 'rules[2].severity', '"severe" is not allowed; expected one of: critical, high'),
          issue('sod/rules.yaml', 21, 7, 'rules[2].entitlements', 'must list at least two entitlements'),
        ],
      ],
      [
        'workstations-and-audience',
        [
          issue(
            'resources/resources.yaml',
            8,
            15,
            'resources[0].audience',
            'a resource holding personal data cannot be meant for everyone (GDPR art. 25(2)): remove audience, or personalData if it holds none',
          ),
          issue('resources/resources.yaml', 12, 7, 'resources[0].computers', 'computers applies only to workstation and workstation-group, not to a share'),
          issue(
            'resources/resources.yaml',
            16,
            16,
            'resources[1].computers',
            'must name at least one of ous, groups or names: an empty selector governs no computer',
          ),
          issue('resources/resources.yaml', 20, 15, 'resources[2].audience', '"all" is not allowed; expected one of: restricted, everyone'),
          issue('resources/resources.yaml', 22, 13, 'resources[2].computers.ous[0]', 'must be a distinguished name such as OU=Postes,DC=acme,DC=test'),
          issue('resources/resources.yaml', 24, 7, 'resources[2].computers.hosts', 'unknown field "hosts"; expected one of: ous, groups, names'),
        ],
      ],
    ])('%s: reports every issue with file, line, column and path', async (name, expected) => {
      expect(await issuesOf(fixture(`not-ok/${name}`))).toEqual(expected);
    });

    it('lists the issues one per line as file:line:col  path: message', async () => {
      const error = (await loadPolicy(fixture('not-ok/unknown-field')).catch((thrown: unknown) => thrown)) as Error;
      expect(error.message.split('\n')).toEqual([
        'resources/shares.yaml:11:5  resources[1].colour: unknown field "colour"; expected one of: id, type, name, owner, criticality, location, tags, personalData, audience, computers, grants, requestable, reviewedAt, reviewedBy',
        'resources/shares.yaml:13:7  resources[1].grants.reed: unknown field "reed"; expected one of: read, write, admin, local-admin',
      ]);
    });
  });

  describe('the directory', () => {
    let scratch: string;
    beforeEach(async () => {
      scratch = await mkdtemp(join(tmpdir(), 'vigie-policy-'));
    });
    afterEach(() => rm(scratch, { recursive: true, force: true }));

    it('must exist', async () => {
      const missing = join(scratch, 'nowhere');
      expect(await issuesOf(missing)).toEqual([issue('.', 0, 0, '', `policy directory ${missing} does not exist`)]);
    });

    it('must hold policy files', async () => {
      await mkdir(join(scratch, 'resources'));
      await writeFile(join(scratch, 'README.md'), '# policies\n');
      await writeFile(join(scratch, 'resources', 'shares_test.yaml'), 'tests: []\n');
      expect(await issuesOf(scratch)).toEqual([
        issue('.', 0, 0, '', 'holds no policy files; expected YAML files under resources/, access-rules/, sod/, settings/'),
      ]);
    });

    it('needs no settings file: settings then take the catalogue defaults and empty lists', async () => {
      await mkdir(join(scratch, 'resources'));
      await writeFile(
        join(scratch, 'resources', 'printers.yml'),
        'apiVersion: vigie.dev/v1\nkind: ResourceList\nresources:\n  - { id: printer-1, type: printer, name: P1 }\n',
      );
      const policy = await loadPolicy(scratch);
      expect(policy.settings).toEqual({
        rules: {},
        privilegedGroups: [],
        serviceAccounts: [],
        serviceAccountInventory: [],
        everyoneGroups: [],
        protectedAccounts: [],
        retention: { leaverAccountDays: 90, auditLogMonths: 12 },
        reviewIntervals: { standard: 365, critical: 180, privileged: 90 },
      });
      expect(policy.sodRules).toEqual([]);
      expect(policy.resources).toEqual([
        { id: 'printer-1', type: 'printer', name: 'P1', grants: {}, source: { file: 'resources/printers.yml', index: 0, line: 4 } },
      ]);
    });

    it('reports an empty file', async () => {
      await mkdir(join(scratch, 'access-rules'));
      await writeFile(join(scratch, 'access-rules', 'empty.yaml'), '# nothing yet\n');
      expect(await issuesOf(scratch)).toEqual([issue('access-rules/empty.yaml', 0, 0, '', 'empty file; expected a AccessRuleList document')]);
    });
  });

  describe('from files held in memory', () => {
    it('gives the same policy and version as the directory', async () => {
      const { files } = await readPolicyDirectory(fixture('ok/acme'));
      const fromDisk = await loadPolicy(fixture('ok/acme'));
      const inMemory = loadPolicyFromFiles('main:policies (git)', files);
      expect(inMemory.version).toBe(fromDisk.version);
      expect(inMemory.dir).toBe('main:policies (git)');
      expect({ ...inMemory, dir: '' }).toEqual({ ...fromDisk, dir: '' });
    });

    it('leaves out suites and other files, and reports strays', () => {
      const text = (s: string) => new TextEncoder().encode(s);
      const printers = 'apiVersion: vigie.dev/v1\nkind: ResourceList\nresources: []\n';
      expect(
        loadPolicyFromFiles('x', [
          { path: 'resources/p.yaml', bytes: text(printers) },
          { path: 'resources/p_test.yaml', bytes: text('not: [valid') },
          { path: 'README.md', bytes: text('# readme') },
        ]).files,
      ).toEqual(['resources/p.yaml']);
      expect(() => loadPolicyFromFiles('x', [{ path: 'notes.yaml', bytes: text(printers) }])).toThrow('notes.yaml  not in a policy folder');
    });
  });

  describe('YAML aliases', () => {
    const text = (s: string) => new TextEncoder().encode(s);
    /** A ResourceList with one share per list of tags. */
    const resources = (...tags: string[]) =>
      `apiVersion: vigie.dev/v1\nkind: ResourceList\nresources:\n${tags.map((t, i) => `  - { id: share-${i}, type: share, name: S${i}, tags: ${t} }\n`).join('')}`;

    it('refuses aliases of aliases that would multiply the data, at the alias that does it, without expanding them', () => {
      // Nine aliases of nine aliases, nine levels: 387 million tags.
      const tags = [
        '&a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
        ...['ba', 'cb', 'dc', 'ed', 'fe', 'gf', 'hg', 'ih'].map(([name, of]) => `&${name} [${Array(9).fill(`*${of}`).join(', ')}]`),
      ];
      const started = Date.now();
      const error = (() => {
        try {
          loadPolicyFromFiles('x', [{ path: 'resources/bomb.yaml', bytes: text(resources(...tags)) }]);
        } catch (thrown) {
          return thrown;
        }
      })();
      expect(Date.now() - started).toBeLessThan(1000);
      expect(error).toBeInstanceOf(PolicyValidationError);
      // share-3's tags use c a second time: 2 × 81 values.
      expect((error as PolicyValidationError).errors).toEqual([issue('resources/bomb.yaml', 7, 57, '', 'the alias *c multiplies the data beyond 100 copies')]);
    });

    it('refuses data that contains itself', () => {
      expect(() => loadPolicyFromFiles('x', [{ path: 'resources/r.yaml', bytes: text(resources('&t [x, *t]')) }])).toThrow(
        'resources/r.yaml:4:56  the alias *t is inside the node it names (&t)',
      );
    });

    it('keeps an alias that repeats a value', () => {
      const policy = loadPolicyFromFiles('x', [{ path: 'resources/r.yaml', bytes: text(resources('&t [finance, paris]', '*t')) }]);
      expect(policy.resources.map((r) => r.tags)).toEqual([
        ['finance', 'paris'],
        ['finance', 'paris'],
      ]);
    });
  });

  describe('checked against the groups of the directory', () => {
    const acmeGroups = [
      'GG_Print_Lyon3',
      'gg_print_paris1',
      'DL_LYO_PC_Admins',
      'GG_Finance_Lecture',
      'DL_Finance_RW',
      'CN=DL_RH_R,OU=Groupes,DC=corp,DC=example',
      'DL_RH_RW',
      'Domain Users',
      'Domain Admins',
      'GG_Tier0_Admins',
      'CN=Helpdesk Admins,OU=Groups,DC=corp,DC=example',
    ];

    it('asks the caller about every group the policy names, and accepts the policy when it knows them all', async () => {
      const known = knownGroupsNamed([...acmeGroups, 'all-staff']);
      const policy = await loadPolicy(fixture('ok/acme'), { knownGroups: known });
      expect(policy.resources).toHaveLength(6);
      // Grants, SoD groups, privileged and everyone groups: the resolver, not this library, decides what they name.
      expect(new Set(known.asked)).toEqual(new Set([...acmeGroups.map((g) => (g === 'gg_print_paris1' ? 'GG_Print_Paris1' : g)), 'all-staff']));
    });

    it('checks the groups of computers a workstation resource governs, and reads its selector and audience', async () => {
      const known = knownGroupsNamed(['DL_LYO_PC_Admins', 'DL_Commun_RW']);
      const error = (await loadPolicy(fixture('ok/workstations'), { knownGroups: known }).catch((e: unknown) => e)) as PolicyValidationError;
      expect(error.errors).toEqual([issue('resources/resources.yaml', 12, 16, 'resources[0].computers.groups[0]', 'unknown group "GG_Postes_Lyon"')]);
      const policy = await loadPolicy(fixture('ok/workstations'));
      expect(policy.resources.map(({ id, computers, audience }) => ({ id, computers, audience }))).toEqual([
        { id: 'postes-lyon', computers: { ous: ['OU=Lyon,OU=Postes,DC=acme,DC=test'], groups: ['GG_Postes_Lyon'], names: ['LYO-*'] }, audience: undefined },
        { id: 'share-commun', computers: undefined, audience: 'everyone' },
      ]);
      expect(groupReferences(policy).map(({ group, path, line }) => [group, path, line])).toEqual([
        ['DL_LYO_PC_Admins', 'resources[0].grants.local-admin[0]', 15],
        ['GG_Postes_Lyon', 'resources[0].computers.groups[0]', 12],
        ['DL_Commun_RW', 'resources[1].grants.write[0]', 23],
      ]);
    });

    it('reports every unknown group with its line, along with the other errors', async () => {
      const known = knownGroupsNamed(acmeGroups.filter((g) => g !== 'Domain Admins' && g !== 'DL_RH_RW'));
      const error = (await loadPolicy(fixture('ok/acme'), { knownGroups: known }).catch((e: unknown) => e)) as PolicyValidationError;
      expect(error.errors).toEqual([
        issue('resources/shares.yaml', 27, 15, 'resources[1].grants.write[0]', 'unknown group "DL_RH_RW": no group of directory corp has this name or DN'),
        issue('settings/settings.yaml', 22, 18, 'everyoneGroups[0]', 'unknown group "all-staff"'),
        issue('sod/finance.yaml', 15, 16, 'rules[1].entitlements[0].group', 'unknown group "Domain Admins"'),
      ]);
      expect(await issuesOf(fixture('not-ok/unknown-field'))).toHaveLength(2);
      const withGroups = (await loadPolicy(fixture('not-ok/unknown-field'), { knownGroups: knownGroupsNamed([]) }).catch(
        (e: unknown) => e,
      )) as PolicyValidationError;
      expect(withGroups.errors.map(({ message }) => message.split(';')[0])).toEqual(
        expect.arrayContaining(['unknown field "colour"', 'unknown field "reed"', expect.stringMatching(/^unknown group /)]),
      );
      expect(withGroups.errors.filter(({ message }) => message.startsWith('unknown group "GG_B"'))).toEqual([
        issue('resources/shares.yaml', 13, 14, 'resources[1].grants.reed[0]', 'unknown group "GG_B"'),
      ]);
    });
  });
});
