import { AccessCsv } from './access-csv.formatter.js';

const account = {
  directory: 'corp',
  dn: 'uid=hlefevre,ou=Finance,dc=acme',
  login: 'hlefevre',
  employeeId: 'E7',
  displayName: 'Hélène Lefèvre',
  kind: 'user',
  enabled: true,
};
const resource = { id: 'share-finance', type: 'share', name: 'Finance; comptabilité', criticality: 'high', owner: null, personalData: null };

describe(AccessCsv.name, () => {
  it('writes one row per entitlement, in French for Excel: byte order mark, semicolons, quoted cells, accents kept', () => {
    const csv = new AccessCsv('excel', 'fr');
    const text =
      csv.start() +
      csv.rows(account, resource, [{ level: 'write', group: 'GG_Finance', explain: ['hlefevre ∈ GG_Finance (direct)', 'GG_Finance grants write'] }]);
    expect(text).toBe(
      '\uFEFFAnnuaire;Identifiant de connexion;Matricule;Nom;Type de compte;Actif;DN;Ressource (id);Ressource;Type de ressource;Criticité;Niveau;Groupe;Chemin\r\n' +
        'corp;hlefevre;E7;Hélène Lefèvre;user;oui;"uid=hlefevre,ou=Finance,dc=acme";share-finance;"Finance; comptabilité";share;high;write;GG_Finance;hlefevre ∈ GG_Finance (direct) | GG_Finance grants write\r\n',
    );
  });

  it('writes the comma form with English headers for tools, and defuses a formula in a display name', () => {
    const csv = new AccessCsv('standard', 'en');
    expect(csv.start().startsWith('directory,login,')).toBe(true);
    expect(csv.rows({ ...account, displayName: '=cmd|calc' }, resource, [{ level: 'read', group: 'G', explain: [] }])).toContain(",'=cmd|calc,");
  });
});
