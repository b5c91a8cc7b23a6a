import { aSnapshot, anObject } from '#vigie/identity/testing';
import { auditContextFor } from './audit-engine.js';
import { findingResourceOf } from './finding-resource.js';
import { ASOF, aPolicy, aResource } from './testing/audit-harness.js';

describe(findingResourceOf.name, () => {
  const share = aResource('share-scans', { name: '\\\\fs01\\Scans' });
  const published = (directory: string) => {
    const s = aSnapshot([], []);
    s.directory = directory;
    s.objects.push(anObject('share', 'Scans', { directory, uncName: '\\\\FS01\\scans', dn: `CN=Scans,OU=Partages,DC=${directory}` }));
    return s;
  };
  const views = auditContextFor([aSnapshot([], []), published('paris')], aPolicy({ resources: [share] }), ASOF).directories;
  const [corp, paris] = views;

  it('has no resource for a finding on an account alone', () => {
    expect(findingResourceOf({ view: corp, message: 'm', evidence: { a: 1 } }, views)).toEqual({ resource: null, evidence: { a: 1 } });
  });

  it("looks the published share up in the finding's own directory only", () => {
    expect(findingResourceOf({ view: corp, resource: share, message: 'm', evidence: {} }, views).resource).toEqual({
      type: 'share',
      id: 'share-scans',
      name: '\\\\fs01\\Scans',
    });
    expect(findingResourceOf({ view: paris, resource: share, message: 'm', evidence: {} }, views)).toEqual({
      resource: { type: 'share', id: 'share-scans', name: '\\\\FS01\\scans' },
      evidence: { publishedAs: { directory: 'paris', kind: 'share', dn: 'CN=Scans,OU=Partages,DC=paris', name: '\\\\FS01\\scans' } },
    });
  });

  it('looks in every directory for a finding on the policy alone', () => {
    expect(findingResourceOf({ resource: share, message: 'm', evidence: { problems: [] } }, views).evidence).toEqual({
      problems: [],
      publishedAs: { directory: 'paris', kind: 'share', dn: 'CN=Scans,OU=Partages,DC=paris', name: '\\\\FS01\\scans' },
    });
  });
});
