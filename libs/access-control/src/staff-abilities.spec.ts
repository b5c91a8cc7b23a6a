import { abilitiesFor } from './staff-abilities.js';

describe(abilitiesFor.name, () => {
  it('lets every role read effective access, and no role but admin change tokens', () => {
    for (const role of ['admin', 'security-officer', 'auditor'] as const)
      expect({ role, read: abilitiesFor(role).can('read', 'Access') }).toEqual({ role, read: true });
    expect(abilitiesFor('auditor').can('create', 'ApiToken')).toBe(false);
    expect(abilitiesFor('security-officer').can('manage', 'ApiToken')).toBe(false);
    expect(abilitiesFor('admin').can('manage', 'ApiToken')).toBe(true);
  });

  it('keeps the auditor to reading', () => {
    const auditor = abilitiesFor('auditor');
    expect(auditor.can('read', 'Finding')).toBe(true);
    expect(auditor.can('update', 'Finding')).toBe(false);
    expect(auditor.can('create', 'AuditRun')).toBe(false);
    expect(auditor.can('read', 'Metrics')).toBe(false);
  });
});

describe('API token roles', () => {
  it('scopes a token to a staff role, never to a person’s role', async () => {
    const { parseTokenRole } = await import('./staff-role.js');
    expect(parseTokenRole('auditor')).toBe('auditor');
    expect(() => parseTokenRole('employee')).toThrow(/cannot carry the role "employee": it is a person's role/);
    expect(() => parseTokenRole('root')).toThrow(/unknown role "root": expected one of admin, security-officer, auditor/);
  });
});
