import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Birthrights } from './birthrights.js';
import { loadPolicy } from './policy-loader.js';
import { PolicyValidationError } from './policy-validation.error.js';

const header = (kind: string) => `apiVersion: vigie.dev/v1\nkind: ${kind}\n`;

async function policyDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vigie-birthright-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

const RESOURCES = `${header('ResourceList')}resources:
  - { id: share-ventes, type: share, name: '\\\\fs\\Ventes', tags: [Ventes], grants: { read: [DL_Ventes_R], write: [DL_Ventes_RW] } }
  - { id: share-compta, type: share, name: '\\\\fs\\Compta', tags: [Compta], grants: { write: [DL_Compta_RW] } }
  - { id: printer-lyon, type: printer, name: '\\\\prn\\LYON', location: Lyon, grants: { write: [DL_PRN_Lyon] } }
  - id: share-rh
    type: share
    name: '\\\\fs\\RH'
    personalData: { categories: [health], record: RT-002 }
    grants: { write: [DL_RH_RW] }
`;

describe(Birthrights.name, () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
  const load = async (files: Record<string, string>) => {
    const dir = await policyDir(files);
    dirs.push(dir);
    return loadPolicy(dir);
  };

  it('expects what birthright rules grant for the identity, at the levels the resource can grant', async () => {
    const policy = await load({
      'resources/r.yaml': RESOURCES,
      'access-rules/a.yaml': `${header('AccessRuleList')}rules:
  - { description: own department share, birthright: true, can: [read, write], on: share, where: { tags: '\${identity.department}' } }
  - { description: printers of the site, birthright: true, can: [write], on: printer, where: { location: '\${identity.location}' } }
  - { description: may read any share, can: [read], on: share }
`,
    });
    const sut = new Birthrights(policy);
    expect(sut.rules.map((r) => r.description)).toEqual(['own department share', 'printers of the site']);
    const expected = (identity: Record<string, string | null>) => sut.expectedFor(identity).map((e) => `${e.resource.id}:${e.levels.join('+')}`);
    expect(expected({ department: 'Ventes', location: 'Lyon' })).toEqual(['share-ventes:read+write', 'printer-lyon:write']);
    // share-compta grants no read: only write is expected.
    expect(expected({ department: 'Compta', location: 'Paris' })).toEqual(['share-compta:write']);
    // No department: the placeholder cannot be filled, the rule does not apply.
    expect(expected({ department: null, location: null })).toEqual([]);
  });

  it('refuses a birthright on a cannot rule, with its line', async () => {
    const error = await load({
      'resources/r.yaml': RESOURCES,
      'access-rules/a.yaml': `${header('AccessRuleList')}rules:\n  - description: wrong\n    birthright: true\n    cannot: [write]\n    on: share\n`,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyValidationError);
    expect((error as PolicyValidationError).errors).toEqual([
      expect.objectContaining({ file: 'access-rules/a.yaml', line: 5, message: expect.stringContaining('only a can rule can be a birthright') }),
    ]);
  });

  it('loads records of processing with their recipients, and refuses a duplicate id', async () => {
    const record = `  - { id: RT-002, name: Gestion du personnel, recipients: [GG_RH] }\n`;
    const policy = await load({ 'resources/r.yaml': RESOURCES, 'records/registre.yaml': `${header('ProcessingRecordList')}records:\n${record}` });
    expect(policy.records).toEqual([
      { id: 'RT-002', name: 'Gestion du personnel', recipients: ['GG_RH'], source: { file: 'records/registre.yaml', index: 0, line: 4 } },
    ]);
    const error = await load({ 'records/a.yaml': `${header('ProcessingRecordList')}records:\n${record}${record}` }).catch((e: unknown) => e);
    expect((error as PolicyValidationError).errors).toEqual([
      expect.objectContaining({ file: 'records/a.yaml', line: 5, message: expect.stringContaining('duplicate record id "RT-002"') }),
    ]);
  });
});
