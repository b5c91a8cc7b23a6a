import type * as z from 'zod';
import { type FindingsQueryService, type FindingWithState, type RemediationLang, type RemediationText, remediationOf } from '#vigie/audit';
import { VigieError } from '#vigie/common';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { showFindingInput } from './show-finding.input.js';

/** The kind of a directory, as far as the remediation steps go; null when unknown (an LDIF export, a policy-only finding). */
export type RemediationDirectoryKind = 'ad' | 'openldap' | null;

export interface ShownFinding {
  asOf: string;
  policyVersion: string | null;
  finding: FindingWithState;
  /** The kind of the finding's directory: its steps come first. */
  directoryKind: RemediationDirectoryKind;
  /** Why the finding matters and how to fix it, in `lang`; null for a rule without texts. */
  remediation: (RemediationText & { lang: RemediationLang }) | null;
}

/** One current finding (of the latest successful audit run) by its id, with why it matters and how to fix it. */
export class ShowFinding implements UseCase<typeof showFindingInput, ShownFinding> {
  static readonly definition: UseCaseDefinition<typeof showFindingInput> = { name: 'show-finding', input: showFindingInput, ability: ['read', 'Finding'] };
  readonly definition = ShowFinding.definition;

  constructor(
    private readonly findings: FindingsQueryService,
    private readonly directoryKindOf: (directory: string) => RemediationDirectoryKind = () => null,
  ) {}

  async execute(input: z.output<typeof showFindingInput>): Promise<ShownFinding> {
    const found = await this.findings.one(input.id);
    if (!found) {
      throw new VigieError('not-found', `no current finding with id ${input.id}: \`vigie findings list\` shows the findings of the latest audit`);
    }
    const { directory } = found.finding.subject;
    const text = remediationOf(found.finding.rule, input.lang);
    return {
      ...found,
      directoryKind: directory ? this.directoryKindOf(directory) : null,
      remediation: text ? { lang: input.lang, ...text } : null,
    };
  }
}
