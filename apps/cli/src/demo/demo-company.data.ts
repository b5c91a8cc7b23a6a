/**
 * The fictional company behind `npm start`: Acme Industrie, a French manufacturer of about 300
 * people on three sites. Names are common French names drawn at random; the key people are fixed
 * so that the demo tells the same story (and the policy's owners exist) whatever the seed.
 */

export const DOMAIN = 'acme.test';
export const BASE_DN = 'DC=acme,DC=test';
export const DOMAIN_SID = 'S-1-5-21-1111111111-2222222222-3333333333';
export const COMPANY = 'Acme Industrie';

export type EmployeeType = 'permanent' | 'contractor' | 'intern';

export interface DepartmentSpec {
  /** The `department` attribute and the OU name; the policy matches on it. */
  name: string;
  ouDescription: string;
  size: number;
  /** Where its people work; repeated entries weigh more. */
  locations: readonly string[];
  leadTitle: string;
  titles: readonly string[];
  /** Interns are hired only where no critical resource is written (see policies/access-rules). */
  interns: number;
  contractorShare: number;
}

export interface KeyPerson {
  givenName: string;
  sn: string;
  title: string;
  location: string;
}

/** In employee id order: E1001 is the CEO, E1002.. the department heads, whatever the seed. */
export const DEPARTMENTS: readonly (DepartmentSpec & { head: KeyPerson })[] = [
  {
    name: 'Direction',
    ouDescription: 'Direction générale',
    size: 8,
    locations: ['Paris'],
    head: { givenName: 'Catherine', sn: 'Rousseau', title: 'Présidente-directrice générale', location: 'Paris' },
    leadTitle: 'Directeur général délégué',
    titles: ['Assistante de direction', 'Juriste', 'Responsable qualité', 'Responsable communication', 'Chargée de mission'],
    interns: 0,
    contractorShare: 0,
  },
  {
    name: 'Finance',
    ouDescription: 'Direction administrative et financière',
    size: 28,
    locations: ['Paris', 'Paris', 'Paris', 'Lyon'],
    head: { givenName: 'Olivier', sn: 'Bertrand', title: 'Directeur administratif et financier', location: 'Paris' },
    leadTitle: 'Responsable comptabilité',
    titles: ['Comptable', 'Comptable fournisseurs', 'Comptable clients', 'Contrôleur de gestion', 'Trésorier', 'Assistante comptable'],
    interns: 0,
    contractorShare: 0,
  },
  {
    name: 'RH',
    ouDescription: 'Ressources humaines',
    size: 18,
    locations: ['Paris', 'Paris', 'Lyon', 'Grenoble'],
    head: { givenName: 'Hélène', sn: 'Lefèvre', title: 'Directrice des ressources humaines', location: 'Paris' },
    leadTitle: 'Responsable paie',
    titles: ['Chargée de recrutement', 'Gestionnaire paie', 'Chargé de formation', 'Gestionnaire RH', 'Infirmière du travail'],
    interns: 0,
    contractorShare: 0,
  },
  {
    name: 'Commercial',
    ouDescription: 'Ventes France et export',
    size: 72,
    locations: ['Paris', 'Paris', 'Lyon', 'Lyon', 'Grenoble'],
    head: { givenName: 'Karim', sn: 'Benali', title: 'Directeur commercial', location: 'Paris' },
    leadTitle: 'Responsable des ventes',
    titles: ['Ingénieur commercial', 'Commercial sédentaire', "Chargé d'affaires", 'Assistante commerciale', 'Technico-commercial', 'Responsable grands comptes'],
    interns: 3,
    contractorShare: 0.06,
  },
  {
    name: 'Production',
    ouDescription: 'Usines de Grenoble et de Lyon',
    size: 110,
    locations: ['Grenoble', 'Grenoble', 'Grenoble', 'Lyon', 'Lyon'],
    head: { givenName: 'François', sn: 'Girard', title: 'Directeur industriel', location: 'Grenoble' },
    leadTitle: "Responsable d'atelier",
    titles: ['Technicien de maintenance', 'Opérateur de production', 'Technicien méthodes', 'Contrôleur qualité', 'Magasinier', 'Planificateur', 'Ingénieur process'],
    interns: 3,
    contractorShare: 0.08,
  },
  {
    name: 'Informatique',
    ouDescription: "Direction des systèmes d'information",
    size: 24,
    locations: ['Lyon', 'Lyon', 'Lyon', 'Paris'],
    head: { givenName: 'Nathalie', sn: 'Morel', title: "Directrice des systèmes d'information", location: 'Lyon' },
    leadTitle: 'Responsable infrastructure',
    titles: ['Technicien support', 'Administrateur systèmes', 'Développeur', 'Chef de projet informatique', 'Ingénieur réseau'],
    interns: 0,
    contractorShare: 0.12,
  },
  {
    name: 'Marketing',
    ouDescription: 'Marketing et communication produit',
    size: 40,
    locations: ['Paris'],
    head: { givenName: 'Julie', sn: 'Fontaine', title: 'Directrice marketing', location: 'Paris' },
    leadTitle: 'Responsable marketing produit',
    titles: ['Chef de produit', 'Chargée de communication', 'Graphiste', "Chargé d'études", 'Community manager', "Chargée d'événementiel"],
    interns: 3,
    contractorShare: 0.05,
  },
];

/**
 * Paul Martin leads a Production workshop. His account was created by a former administrator
 * who named accounts "Surname, Given", so his CN carries a comma: CN=Martin\, Paul,OU=Production.
 */
export const COMMA_NAMED_LEAD: KeyPerson = { givenName: 'Paul', sn: 'Martin', title: "Responsable d'atelier", location: 'Grenoble' };

export const GIVEN_NAMES = [
  'Alice', 'Amandine', 'Anaïs', 'Anne', 'Aurélie', 'Camille', 'Caroline', 'Cécile', 'Chloé', 'Claire',
  'Delphine', 'Élodie', 'Émilie', 'Emma', 'Estelle', 'Florence', 'Inès', 'Isabelle', 'Jeanne', 'Laura',
  'Laure', 'Léa', 'Lucie', 'Manon', 'Margaux', 'Marie', 'Mathilde', 'Nadia', 'Noémie', 'Océane',
  'Pauline', 'Sandrine', 'Sarah', 'Sophie', 'Stéphanie', 'Valérie', 'Virginie', 'Yasmine', 'Zoé', 'Agnès',
  'Adrien', 'Alexandre', 'Antoine', 'Arnaud', 'Baptiste', 'Benoît', 'Bruno', 'Cédric', 'Christophe', 'Damien',
  'David', 'Éric', 'Fabien', 'Florian', 'Frédéric', 'Guillaume', 'Hugo', 'Jérôme', 'Julien', 'Kévin',
  'Laurent', 'Louis', 'Lucas', 'Mathieu', 'Maxime', 'Mehdi', 'Nicolas', 'Patrick', 'Philippe', 'Pierre',
  'Quentin', 'Raphaël', 'Romain', 'Samuel', 'Sébastien', 'Stéphane', 'Thomas', 'Thibault', 'Vincent', 'Yann',
] as const;

export const SURNAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
  'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Roux', 'Vincent', 'Fournier', 'Morin',
  'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand', 'Garnier', 'Faure', 'André',
  'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin', 'Mathieu', 'Clément', 'Gauthier',
  'Dumont', 'Lopez', 'Chevalier', 'Robin', 'Masson', 'Sanchez', 'Gérard', 'Nguyen', 'Boyer', 'Denis',
  'Lemaire', 'Duval', 'Joly', 'Gautier', 'Roger', 'Roche', 'Roy', 'Noël', 'Meyer', 'Lucas',
  'Meunier', 'Jean', 'Pérez', 'Marchand', 'Dufour', 'Blanchard', 'Barbier', 'Brun', 'Dumas', 'Brunet',
  'Schmitt', 'Leroux', 'Colin', 'Fernandez', 'Renard', 'Arnaud', 'Rolland', 'Caron', 'Aubert', 'Giraud',
  'Leclerc', 'Vidal', 'Bourgeois', 'Renaud', 'Lemoine', 'Picard', 'Gaillard', 'Lacroix', 'Fabre', 'Dupuis',
  'Olivier', 'Rodriguez', 'Da Silva', 'Hubert', 'Rivière', 'Le Gall', 'Guillaume', 'Adam', 'Rey', 'Moulin',
  'Berger', 'Lecomte', 'Ménard', 'Fleury', 'Deschamps', 'Carpentier', 'Julien', 'Maillard', 'Aubry', 'Vasseur',
  'Renault', 'Jacquet', 'Collet', 'Prévost', 'Poirier', 'Charpentier', 'Royer', 'Huet', 'Baron', 'Dupuy',
  'Pons', 'Carré', 'Breton', 'Rémy', 'Schneider', 'Perrot', 'Guyot', 'Marty', 'Benoît', 'Hamon',
  'Haddad', 'Bouvier', "N'Diaye", 'Weber', 'Hoarau', 'Lebrun', 'Chauvin', 'Bailly', 'Hébert', 'Cordier',
] as const;
