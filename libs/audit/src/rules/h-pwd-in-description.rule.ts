import type { AuditContext } from '../audit-context.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

// English and French words admins use when they leave a password in a comment.
const PASSWORD_HINT = /\b(pass(word)?|passwd|pwd|mdp|mot\s+de\s+passe)\b\s*[:=]?/i;

/** BadBlood/GOAD plant passwords in description and info, readable by every domain user. */
export class PwdInDescriptionRule implements AuditRule {
  readonly id = 'H-PWD-IN-DESCRIPTION';
  readonly defaultSeverity = 'high' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      for (const account of view.snapshot.accounts) {
        if (!account.description || !PASSWORD_HINT.test(account.description)) continue;
        // The evidence names the attribute, never its text: the finding must not spread the password.
        const word = PASSWORD_HINT.exec(account.description)![1].toLowerCase();
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
