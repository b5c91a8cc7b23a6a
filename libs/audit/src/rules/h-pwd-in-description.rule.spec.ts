import { aSnapshot, anAccount } from '#vigie/identity/testing';
import { aPolicy, findingsOf } from '../testing/audit-harness.js';
import { PwdInDescriptionRule, passwordHint } from './h-pwd-in-description.rule.js';

describe(PwdInDescriptionRule.name, () => {
  const sut = new PwdInDescriptionRule();
  const snap = aSnapshot(
    [
      anAccount('svc-sql', { description: 'SQL engine - MDP : Hiver2026!' }),
      anAccount('jdoe', { description: 'Password=Summer2024' }),
      anAccount('kent', { description: 'Mot  de passe provisoire' }),
      anAccount('clean', { description: 'Passionate about compasses' }),
      anAccount('kw', { description: 'Kennwort: geheim' }),
    ],
    [],
  );

  it('flags the default English and French words as whole words, naming the word and never the text', () => {
    const findings = findingsOf(sut, snap);
    expect(findings.map((f) => `${f.subject.login} ${f.evidence.matched}`)).toEqual(['jdoe password', 'kent mot de passe', 'svc-sql mdp']);
    expect(JSON.stringify(findings)).not.toMatch(/Hiver2026|Summer2024/);
  });

  it("reads the policy's own keywords, which replace the default list", () => {
    const policy = aPolicy({ settings: { rules: { 'H-PWD-IN-DESCRIPTION': { keywords: ['kennwort', 'mot de passe'] } } } });
    expect(findingsOf(sut, snap, policy).map((f) => f.subject.login)).toEqual(['kent', 'kw']);
  });

  it('matches a keyword between non-letters only, whatever its case and spacing', () => {
    const hint = passwordHint(['pwd', 'mot de passe']);
    expect(['PWD: x', 'le mot\tde passe est', '(pwd)'].map((text) => hint.test(text))).toEqual([true, true, true]);
    expect(['pwdx', 'motdepasse', 'xpwd'].map((text) => hint.test(text))).toEqual([false, false, false]);
  });
});
