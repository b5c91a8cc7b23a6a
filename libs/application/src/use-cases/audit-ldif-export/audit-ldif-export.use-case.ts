import { existsSync } from 'node:fs';
import type * as z from 'zod';
import { type AuditOutcome, auditLdifExport } from '#vigie/audit';
import { VigieError } from '#vigie/common';
import type { DirectoryReader } from '#vigie/directory';
import { readRosterFile } from '#vigie/hr';
import type { DirectorySnapshot } from '#vigie/identity';
import { loadPolicy } from '#vigie/policy';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { policyChecksAgainst } from '../shared/policy-checks.js';
import { auditLdifExportInput } from './audit-ldif-export.input.js';

/** The audit of an LDIF export, offline: no server, no database, nothing stored. */
export class AuditLdifExport implements UseCase<typeof auditLdifExportInput, AuditOutcome> {
  static readonly definition: UseCaseDefinition<typeof auditLdifExportInput> = { name: 'audit-ldif-export', input: auditLdifExportInput };
  readonly definition = AuditLdifExport.definition;

  constructor(private readonly reader: DirectoryReader) {}

  async execute(input: z.output<typeof auditLdifExportInput>): Promise<AuditOutcome> {
    if (!existsSync(input.file)) throw new VigieError('invalid-input', `no file ${input.file}: give the path of an LDIF export (ldifde or slapcat)`);
    const hr = input.hr ? await readRosterFile(input.hr, { columns: input.hrColumns, ignoreColumns: input.hrIgnoreColumns }) : null;
    // Checked against the export as `vigie policy validate --directory FILE.ldif` checks it: what validate refuses, the audit refuses.
    const policy = (snapshot: DirectorySnapshot) =>
      loadPolicy(input.policies, policyChecksAgainst([snapshot], { label: `the LDIF export ${input.file}`, warnings: false }));
    return auditLdifExport(this.reader, input.file, policy, input.asOf ?? new Date(), hr, input.onProgress);
  }
}
