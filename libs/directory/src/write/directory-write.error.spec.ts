import { type WriteContext, writeError } from './directory-write.error.js';

const context: WriteContext = {
  directory: 'corp-ad',
  operation: 'adding a member to CN=GG-Finance,OU=Groups,DC=acme,DC=test',
  subject: 'the group CN=GG-Finance,OU=Groups,DC=acme,DC=test',
  right: 'write the member attribute of that group',
  bindDn: 'CN=svc-vigie,OU=Services,DC=acme,DC=test',
};

describe(writeError.name, () => {
  it.each([
    // retry later
    [51, 'unavailable'],
    [52, 'unavailable'],
    [80, 'unavailable'],
    // stop, alert an administrator
    [50, 'forbidden'],
    [8, 'configuration'],
    [13, 'configuration'],
    [17, 'configuration'],
    [65, 'configuration'],
    [10, 'configuration'],
    [999, 'configuration'],
    // the request itself
    [32, 'not-found'],
    [68, 'conflict'],
    [53, 'conflict'],
    [19, 'invalid-input'],
    [34, 'invalid-input'],
  ])('maps result %i to %s', (code, kind) => {
    const error = writeError(code, '', context);
    expect(error.kind).toBe(kind);
    expect(error.resultCode).toBe(code);
    expect(error.message).toMatch(/^adding a member to CN=GG-Finance,OU=Groups,DC=acme,DC=test on the directory "corp-ad" failed: /);
  });

  it('names the service account and the right it lacks on insufficient access, with the server diagnostic', () => {
    const error = writeError(50, '00002098: SecErr: DSID-03150F94, problem 4003 (INSUFF_ACCESS_RIGHTS)', context);
    expect(error.message).toContain('insufficient access rights (00002098: SecErr');
    expect(error.message).toContain('Give the service account CN=svc-vigie,OU=Services,DC=acme,DC=test the right to write the member attribute of that group');
    expect(error.message).toContain('docs/provisioning.md');
  });

  it("keeps people's DNs the server quotes out of the message", () => {
    const error = writeError(50, "00002098: Object CN=O'Brien\\, Seán,OU=Staff,DC=acme,DC=test has no wp on name", {
      ...context,
      personal: ["cn=o'brien\\, seán,ou=staff,dc=acme,dc=test"],
    });
    expect(error.message).toContain('(00002098: Object the entry has no wp on name)');
    expect(error.message).not.toMatch(/Seán/i);
  });

  it('says which entry is missing on noSuchObject', () => {
    expect(writeError(32, '', context).message).toContain('the group CN=GG-Finance,OU=Groups,DC=acme,DC=test does not exist');
  });
});
