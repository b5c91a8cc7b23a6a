import type { AuditContext } from '../audit-context.js';
import { type AuditRule, type FindingDraft, enabledAccounts } from './audit-rule.js';

import { RULE_CATALOGUE } from '#vigie/policy';

interface ObsoleteFamily {
  name: string;
  /** End of Microsoft's extended support (ESU paid extensions aside), when the family is one Vigie knows. */
  endOfSupport: string | null;
}

// What Vigie knows of the default list's systems, to say when their support ended. The list itself is the rule's
// `systems` parameter (defaults in the rule catalogue): a company adds its own (CentOS 7, Debian 9...).
const KNOWN: Record<string, ObsoleteFamily> = {
  'windows nt': { name: 'Windows NT', endOfSupport: '2004-12-31' },
  'windows 2000': { name: 'Windows 2000', endOfSupport: '2010-07-13' },
  'windows xp': { name: 'Windows XP', endOfSupport: '2014-04-08' },
  'windows vista': { name: 'Windows Vista', endOfSupport: '2017-04-11' },
  'windows 7': { name: 'Windows 7', endOfSupport: '2020-01-14' },
  'windows 8.1': { name: 'Windows 8.1', endOfSupport: '2023-01-10' },
  'windows 8': { name: 'Windows 8', endOfSupport: '2016-01-12' },
  'server 2003': { name: 'Windows Server 2003', endOfSupport: '2015-07-14' },
  'server 2008': { name: 'Windows Server 2008', endOfSupport: '2020-01-14' },
  'server 2011': { name: 'Windows Small Business Server 2011', endOfSupport: '2020-01-14' },
  'server 2012': { name: 'Windows Server 2012', endOfSupport: '2023-10-10' },
};

const DEFAULT_SYSTEMS = RULE_CATALOGUE['H-OBSOLETE-OS'].parameters.systems.default;

const normalize = (text: string) => text.toLowerCase().replace(/[®™]/g, '').replace(/\s+/g, ' ').trim();
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Real operatingSystem values: "Windows 7 Professional", "Windows Server® 2008 Standard", "Windows Vista™ Business",
 * "Windows Server 2012 R2 Datacenter", "Windows 8.1 Pro". A phrase matches between word boundaries, so "Windows 7"
 * keeps "Windows 10" out; "CentOS 7" matches "CentOS 7.9.2009". The longest match names the family: "Windows 8.1 Pro"
 * is Windows 8.1, not Windows 8.
 */
export function obsoleteFamilyOf(operatingSystem: string | null, systems: readonly string[] = DEFAULT_SYSTEMS): ObsoleteFamily | undefined {
  return obsoleteOsMatcher(systems)(operatingSystem);
}

/**
 * obsoleteFamilyOf for one list of systems, its patterns compiled once and its answer kept per operatingSystem value:
 * a directory of 100,000 computers holds a few dozen distinct values.
 */
export function obsoleteOsMatcher(systems: readonly string[]): (operatingSystem: string | null) => ObsoleteFamily | undefined {
  // Longest phrase first: the first that matches is the longest match.
  const phrases = [...new Set(systems.map(normalize))]
    .filter((phrase) => phrase)
    .sort((a, b) => b.length - a.length)
    .map((phrase) => ({ phrase, pattern: new RegExp(`(?:^|[^a-z0-9])${escape(phrase)}(?![a-z0-9])`) }));
  const answers = new Map<string, ObsoleteFamily | undefined>();
  return (operatingSystem) => {
    if (!operatingSystem) return undefined;
    if (answers.has(operatingSystem)) return answers.get(operatingSystem);
    const os = normalize(operatingSystem);
    const best = phrases.find(({ pattern }) => pattern.test(os))?.phrase;
    const family = best === undefined ? undefined : (KNOWN[best] ?? { name: systems.find((system) => normalize(system) === best)!, endOfSupport: null });
    answers.set(operatingSystem, family);
    return family;
  };
}

/**
 * PingCastle S-OS-*: an enabled computer on a Windows version Microsoft no longer patches is an open door (EternalBlue,
 * BlueKeep) and often forces old protocols (SMBv1, NTLMv1) on the whole domain.
 */
export class ObsoleteOsRule implements AuditRule {
  readonly id = 'H-OBSOLETE-OS';
  readonly defaultSeverity = 'high' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    const { systems } = ctx.settingsOf(this.id);
    const familyOf = obsoleteOsMatcher(systems);
    for (const view of ctx.directories) {
      for (const account of enabledAccounts(view)) {
        if (account.kind !== 'computer') continue;
        const family = familyOf(account.operatingSystem);
        if (!family) continue;
        emit({
          view,
          account,
          message: `${account.operatingSystem} is no longer supported (${family.name}${family.endOfSupport ? `, end of support ${family.endOfSupport}` : ''}): no security updates`,
          evidence: {
            operatingSystem: account.operatingSystem,
            operatingSystemVersion: account.operatingSystemVersion,
            family: family.name,
            endOfSupport: family.endOfSupport,
          },
          explain: [
            `${account.login ?? account.dn} is an enabled computer with operatingSystem "${account.operatingSystem}"${account.operatingSystemVersion ? ` (${account.operatingSystemVersion})` : ''}`,
            family.endOfSupport
              ? `${family.name} left Microsoft's extended support on ${family.endOfSupport}`
              : `${family.name} is in the policy's list of unsupported systems (H-OBSOLETE-OS systems)`,
          ],
        });
      }
    }
  }
}
