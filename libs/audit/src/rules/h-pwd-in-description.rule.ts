import type { AuditContext } from '../audit-context.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The words that introduce a password (the rule's `keywords`: English and French by default), as whole words, case aside. */
export function passwordHint(keywords: readonly string[]): RegExp {
  const alternatives = [...keywords]
    .map((k) => k.trim())
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map((k) => k.split(/\s+/).map(escape).join('\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}

/** BadBlood/GOAD plant passwords in description and info, readable by every domain user. */
export class PwdInDescriptionRule implements AuditRule {
  readonly id = 'H-PWD-IN-DESCRIPTION';
  readonly defaultSeverity = 'high' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    const hint = passwordHint(ctx.settingsOf(this.id).keywords);
    for (const view of ctx.directories) {
      for (const account of view.snapshot.accounts) {
        const match = account.description ? hint.exec(account.description) : null;
        if (!match) continue;
        // The evidence names the attribute, never its text: the finding must not spread the password.
        const word = match[1].toLowerCase().replace(/\s+/g, ' ');
        emit({
          view,
          account,
          message: 'The description or info attribute seems to hold a password',
          evidence: { attribute: 'description/info', matched: word },
          explain: [
            `description/info contains "${word}", a word that introduces a password`,
            'these attributes are readable by every account of the directory',
          ],
        });
      }
    }
  }
}
