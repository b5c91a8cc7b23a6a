import type { AuditContext } from '../audit-context.js';
import { type AuditRule, type FindingDraft, enabledAccounts } from './audit-rule.js';

interface ObsoleteFamily {
  name: string;
  /** Matched against operatingSystem lower-cased, with ® and ™ removed and spaces collapsed. */
  pattern: RegExp;
  /** End of Microsoft's extended support (ESU paid extensions aside). */
  endOfSupport: string;
}

// Real operatingSystem values: "Windows 7 Professional", "Windows Server® 2008 Standard", "Windows Vista™ Business",
// "Windows Server 2012 R2 Datacenter", "Windows 8.1 Pro". A boundary after the version keeps "Windows 10" and
// "Windows Server 2016" out; 2008 and 2012 include their R2.
const FAMILIES: readonly ObsoleteFamily[] = [
  { name: 'Windows NT', pattern: /\bwindows nt\b/, endOfSupport: '2004-12-31' },
  { name: 'Windows 2000', pattern: /\bwindows 2000\b/, endOfSupport: '2010-07-13' },
  { name: 'Windows XP', pattern: /\bwindows xp\b/, endOfSupport: '2014-04-08' },
  { name: 'Windows Vista', pattern: /\bwindows vista\b/, endOfSupport: '2017-04-11' },
  { name: 'Windows 7', pattern: /\bwindows 7\b/, endOfSupport: '2020-01-14' },
  { name: 'Windows 8.1', pattern: /\bwindows 8\.1\b/, endOfSupport: '2023-01-10' },
  { name: 'Windows 8', pattern: /\bwindows 8(?!\.)\b/, endOfSupport: '2016-01-12' },
  { name: 'Windows Server 2003', pattern: /\bserver 2003\b/, endOfSupport: '2015-07-14' },
  { name: 'Windows Server 2008', pattern: /\bserver 2008\b/, endOfSupport: '2020-01-14' },
  { name: 'Windows Small Business Server 2011', pattern: /\bserver 2011\b/, endOfSupport: '2020-01-14' },
  { name: 'Windows Server 2012', pattern: /\bserver 2012\b/, endOfSupport: '2023-10-10' },
];

/** The unsupported Windows family an operatingSystem value names, if any; non-Windows systems are never matched. */
export function obsoleteFamilyOf(operatingSystem: string | null): ObsoleteFamily | undefined {
  if (!operatingSystem) return undefined;
  const os = operatingSystem.toLowerCase().replace(/[®™]/g, '').replace(/\s+/g, ' ');
  if (!os.includes('windows')) return undefined;
  return FAMILIES.find((f) => f.pattern.test(os));
}

/**
 * PingCastle S-OS-*: an enabled computer on a Windows version Microsoft no longer patches is an open door (EternalBlue,
 * BlueKeep) and often forces old protocols (SMBv1, NTLMv1) on the whole domain.
 */
export class ObsoleteOsRule implements AuditRule {
  readonly id = 'H-OBSOLETE-OS';
  readonly defaultSeverity = 'high' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      for (const account of enabledAccounts(view)) {
        if (account.kind !== 'computer') continue;
        const family = obsoleteFamilyOf(account.operatingSystem);
        if (!family) continue;
        emit({
          view,
          account,
          message: `${account.operatingSystem} is no longer supported (${family.name}, end of support ${family.endOfSupport}): no security updates`,
          evidence: {
            operatingSystem: account.operatingSystem,
            operatingSystemVersion: account.operatingSystemVersion,
            family: family.name,
            endOfSupport: family.endOfSupport,
          },
          explain: [
            `${account.login ?? account.dn} is an enabled computer with operatingSystem "${account.operatingSystem}"${account.operatingSystemVersion ? ` (${account.operatingSystemVersion})` : ''}`,
            `${family.name} left Microsoft's extended support on ${family.endOfSupport}`,
          ],
        });
      }
    }
  }
}
