import { VigieError } from '#vigie/common';
import { exitCodeOf, reportError } from '#vigie/application';
import { syncFailure } from './sync-failure.js';

describe(syncFailure.name, () => {
  it('names each directory that failed, with the kind of their errors', () => {
    const err = syncFailure([
      { directory: 'corp', error: new VigieError('unavailable', 'cannot reach ldap://dc1:389: connection refused') },
      { directory: 'branch', error: new VigieError('unavailable', 'cannot reach ldap://dc2:389: connection refused') },
    ]);
    expect(err).toBeInstanceOf(VigieError);
    expect(err.message).toBe(
      'sync failed (the previous snapshot is kept):\n  corp: cannot reach ldap://dc1:389: connection refused\n  branch: cannot reach ldap://dc2:389: connection refused',
    );
    expect(exitCodeOf(err)).toBe(69);
  });

  it('takes the kind of the first failure when they differ', () => {
    const err = syncFailure([
      { directory: 'corp', error: new VigieError('configuration', 'bind as cn=admin was refused') },
      { directory: 'export', error: new VigieError('invalid-input', 'export.ldif:6: no colon') },
    ]);
    expect(exitCodeOf(err)).toBe(78);
  });

  it('reports a failure that is not a VigieError as a bug, with its stack, beside the others', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'dn')");
    const err = syncFailure([
      { directory: 'corp', error: new VigieError('unavailable', 'cannot reach ldap://dc1:389') },
      { directory: 'branch', error: bug },
    ]);
    let out = '';
    expect(reportError(err, (s) => (out += s))).toBe(1);
    expect(out).toMatch(
      /^vigie: Error: sync failed \(the previous snapshot is kept\):\n {2}corp: cannot reach ldap:\/\/dc1:389\n {2}branch: Cannot read properties of undefined \(reading 'dn'\)\n\s+at /,
    );
    expect(out).toMatch(/\ncaused by: TypeError: Cannot read properties of undefined \(reading 'dn'\)\n\s+at /);
    expect(out).toMatch(/\(unexpected error: please report it with the lines above\)\n$/);
  });
});
