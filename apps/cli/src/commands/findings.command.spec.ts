import type { Command } from 'commander';
import { RecordingCli, parse } from '../testing/recording-cli.js';
import { defaultLang, formatShownFinding, registerFindingsCommand } from './findings.command.js';

const finding = {
  id: 'f-42',
  rule: 'H-PWD-NEVER-EXPIRES',
  severity: 'medium',
  subject: { type: 'account', directory: 'corp-ldap', dn: 'uid=jdupont,ou=people,dc=corp', login: 'jdupont', employeeId: 'E1042' },
  resource: null,
  message: 'Password never expires on an enabled account',
  evidence: {},
  explain: ['pwdPolicySubentry has pwdMaxAge: 0'],
  state: { status: 'open' },
};
const shown = (lang: 'fr' | 'en', directoryKind: 'ad' | 'openldap' | null) => ({
  asOf: '2026-11-15T02:00:00.000Z',
  policyVersion: 'v1',
  finding,
  directoryKind,
  remediation: { lang, why: `why-${lang}`, fix: { ad: `ad-${lang}`, openldap: `ldap-${lang}` } },
});

function commandLine(answer: unknown) {
  const cli = new RecordingCli({ 'show-finding': () => answer });
  return { cli, run: (...args: string[]) => parse((program: Command) => registerFindingsCommand(program, cli), ['findings', ...args]) };
}

describe('vigie findings show', () => {
  it('asks for the finding in the language given, and prints it, why it matters, then the steps of its directory kind first', async () => {
    const { cli, run } = commandLine(shown('fr', 'openldap'));
    expect(await run('show', 'f-42', '--lang', 'fr')).toBeUndefined();
    expect(cli.runs).toEqual([['show-finding', { id: 'f-42', lang: 'fr' }]]);
    expect(cli.stdout).toContain('Règle : H-PWD-NEVER-EXPIRES');
    expect(cli.stdout).toContain('    - pwdPolicySubentry has pwdMaxAge: 0');
    expect(cli.stdout.indexOf('Pourquoi c’est important :\n  why-fr')).toBeGreaterThan(cli.stdout.indexOf('Explication'));
    expect(cli.stdout.indexOf('ldap-fr')).toBeLessThan(cli.stdout.indexOf('ad-fr'));
    expect(cli.stdout.indexOf('Comment corriger')).toBeLessThan(cli.stdout.indexOf('ldap-fr'));
  });

  it('prints what the use case answers with --json', async () => {
    const { cli, run } = commandLine(shown('en', null));
    await run('show', 'f-42', '--json', '--lang', 'en');
    expect(JSON.parse(cli.stdout)).toMatchObject({ finding: { id: 'f-42' }, remediation: { lang: 'en', why: 'why-en' } });
  });

  it('puts the Active Directory step first unless the directory is OpenLDAP', () => {
    const text = formatShownFinding(shown('en', null) as never);
    expect(text).toContain('Why it matters:\n  why-en');
    expect(text.indexOf('ad-en')).toBeLessThan(text.indexOf('ldap-en'));
  });

  it('defaults to French when the locale is French, else English', () => {
    expect(defaultLang({ LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(defaultLang({ LC_ALL: 'fr_BE.UTF-8', LANG: 'en_US.UTF-8' })).toBe('fr');
    expect(defaultLang({ LC_ALL: 'C.UTF-8', LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(defaultLang({})).toBe('en');
  });
});
