import { loadPolicyFromFiles } from '../policy-loader.js';
import type { DirectoryFacts } from './directory-warnings.js';

const file = (path: string, text: string) => ({ path, bytes: Buffer.from(text) });
const RESOURCES = file(
  'resources/shares.yaml',
  'apiVersion: vigie.dev/v1\nkind: ResourceList\nresources:\n  - { id: share-x, type: share, name: X, grants: { read: [DL_X] } }\n',
);

const facts: DirectoryFacts = {
  label: 'directory corp',
  valuesLabel: 'directory corp',
  valuesOf: (attribute) => new Set(attribute === 'department' ? ['FIN', 'RH'] : attribute === 'title' ? ['Comptable'] : []),
  hasAccount: (login) => login === 'svc-backup',
};

const warningsOf = (...files: ReturnType<typeof file>[]) =>
  (loadPolicyFromFiles('policies', [RESOURCES, ...files], { directoryFacts: facts }).warnings ?? []).map((w) => `${w.path}: ${w.message}`);

describe('warnings against the directory', () => {
  it('names the values a positive test expects and no account holds, with a guess, and none for exclusions and placeholders', () => {
    const rules = file(
      'access-rules/rules.yaml',
      [
        'apiVersion: vigie.dev/v1',
        'kind: AccessRuleList',
        'rules:',
        '  - { when: { department: { $eq: FIM } }, can: [read], on: share }',
        '  - { when: { department: { $nin: [Finance] }, title: { $ne: Stagiaire } }, cannot: [read], on: share }',
        '  - { when: { $or: [{ location: Lyon }, { department: RH }] }, can: [read], on: share, where: { tags: { $in: ["${identity.department}"] } } }',
        '',
      ].join('\n'),
    );
    expect(warningsOf(rules)).toEqual([
      'rules[0].when.department.$eq: no account has department "FIM", so this never matches (department values in directory corp: FIN, RH); did you mean "FIN"?',
      'rules[2].when.$or[0].location: no account has location "Lyon", so this never matches (no account of directory corp has a location at all)',
    ]);
  });

  it('names a service account no directory has, whichever way it is written', () => {
    const settings = file(
      'settings/settings.yaml',
      'apiVersion: vigie.dev/v1\nkind: Settings\nserviceAccounts: [svc-backup, { login: svc-gone, owner: E1 }]\n',
    );
    expect(warningsOf(settings)).toEqual([
      'serviceAccounts[1].login: service account "svc-gone" is no account of directory corp: remove it from the inventory, or correct the login',
    ]);
  });

  it('has nothing to say without directory facts', () => {
    expect(loadPolicyFromFiles('policies', [RESOURCES]).warnings).toBeUndefined();
  });
});
