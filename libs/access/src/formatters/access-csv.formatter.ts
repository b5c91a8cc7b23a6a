import { type CsvCell, type CsvDialect, CsvWriter } from '#vigie/common';
import type { AccountSummary, ExplainedEntitlement, ResourceSummary } from '../effective-access.service.js';

type Lang = 'fr' | 'en';

const HEADER: Record<Lang, string[]> = {
  en: [
    'directory',
    'login',
    'employeeId',
    'displayName',
    'accountKind',
    'enabled',
    'dn',
    'resourceId',
    'resourceName',
    'resourceType',
    'criticality',
    'level',
    'group',
    'explain',
  ],
  fr: [
    'Annuaire',
    'Identifiant de connexion',
    'Matricule',
    'Nom',
    'Type de compte',
    'Actif',
    'DN',
    'Ressource (id)',
    'Ressource',
    'Type de ressource',
    'Criticité',
    'Niveau',
    'Groupe',
    'Chemin',
  ],
};

/**
 * Effective access as CSV, one row per way an account holds a level on a resource (the group and the chain that
 * explain it): the same columns for the access of an identity and for the holders of a resource.
 */
export class AccessCsv {
  private readonly writer: CsvWriter;

  constructor(
    dialect: CsvDialect,
    private readonly lang: Lang,
  ) {
    this.writer = new CsvWriter(dialect);
  }

  start(): string {
    return this.writer.start() + this.writer.row(HEADER[this.lang]);
  }

  rows(account: AccountSummary, resource: ResourceSummary, entitlements: readonly ExplainedEntitlement[]): string {
    const yes = this.lang === 'fr' ? 'oui' : 'yes';
    const no = this.lang === 'fr' ? 'non' : 'no';
    return entitlements
      .map((e) => {
        const cells: CsvCell[] = [
          account.directory,
          account.login,
          account.employeeId,
          account.displayName,
          account.kind,
          account.enabled ? yes : no,
          account.dn,
          resource.id,
          resource.name,
          resource.type,
          resource.criticality,
          e.level,
          e.group,
          e.explain.join(' | '),
        ];
        return this.writer.row(cells);
      })
      .join('');
  }
}
