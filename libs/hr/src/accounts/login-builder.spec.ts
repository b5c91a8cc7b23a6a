import { baseLogin, foldName, freeLogin } from './login-builder.js';

const dotted = { pattern: '{first}.{last}', maxLength: 20 };

describe('baseLogin', () => {
  it.each([
    ['Élodie', 'de La Fontaine', 'elodie.delafontaine'],
    ['Loïc', "N'Diaye", 'loic.ndiaye'],
    ['Jean-Pierre', 'Martin', 'jeanpierre.martin'],
    ['Thị Minh', 'Nguyễn', 'thiminh.nguyen'],
    ['François', 'Lefèvre', 'francois.lefevre'],
    ['Anaïs', "d'Artagnan", 'anais.dartagnan'],
    ['Zoé', 'Le Bœuf', 'zoe.leboeuf'],
    ['Laetitia', 'Cæsar', 'laetitia.caesar'],
    ['Jörg', 'Straße', 'jorg.strasse'],
    ['Søren', 'Kierkegaard', 'soren.kierkegaard'],
    ['Đặng', 'Văn Lâm', 'dang.vanlam'],
    ['Hélène', 'Du Pont-Aven', 'helene.dupontaven'],
    ['Noël', 'Ç', 'noel.c'],
    ['Marie-Ange', 'Saint-Exupéry', 'marieange.saintexupe'],
  ])('%s %s → %s', (firstName, lastName, login) => {
    expect(baseLogin({ firstName, lastName }, dotted)).toBe(login);
  });

  it('follows the pattern: {f}{last}, {last}_{f}, {first}-{l}', () => {
    const names = { firstName: 'Élodie', lastName: 'de La Fontaine' };
    expect(baseLogin(names, { pattern: '{f}{last}', maxLength: 20 })).toBe('edelafontaine');
    expect(baseLogin(names, { pattern: '{last}_{f}', maxLength: 20 })).toBe('delafontaine_e');
    expect(baseLogin(names, { pattern: '{first}-{l}', maxLength: 20 })).toBe('elodie-d');
  });

  it('cuts to the maximum length without leaving a separator at the end', () => {
    expect(baseLogin({ firstName: 'Maximilienne', lastName: 'Duval' }, { pattern: '{first}.{last}', maxLength: 13 })).toBe('maximilienne');
    expect(baseLogin({ firstName: 'Bartholomew', lastName: 'Smith' }, { pattern: '{first}.{last}', maxLength: 8 })).toBe('bartholo');
  });

  it('keeps only [a-z0-9._-]: an injection attempt in a name becomes letters', () => {
    expect(baseLogin({ firstName: 'Eve', lastName: 'x)(uid=*' }, dotted)).toBe('eve.xuid');
    expect(baseLogin({ firstName: 'Mal', lastName: 'a,OU=Admins' }, dotted)).toBe('mal.aouadmins');
  });

  it('drops the separator a missing name leaves', () => {
    expect(baseLogin({ firstName: null, lastName: 'Dupont' }, dotted)).toBe('dupont');
    expect(baseLogin({ firstName: 'Cher', lastName: null }, dotted)).toBe('cher');
  });
});

describe('foldName', () => {
  it('spells the letters NFD does not split', () => {
    expect(foldName('ßæœøđðłþ')).toBe('ssaeoeoddlth');
  });
});

describe('freeLogin', () => {
  const takenOf = (logins: string[]) => async (login: string) => logins.includes(login);

  it('answers the base when it is free', async () => {
    expect(await freeLogin('jean.martin', 20, takenOf([]))).toBe('jean.martin');
  });

  it('adds 2, 3... when taken', async () => {
    expect(await freeLogin('jean.martin', 20, takenOf(['jean.martin']))).toBe('jean.martin2');
    expect(await freeLogin('jean.martin', 20, takenOf(['jean.martin', 'jean.martin2']))).toBe('jean.martin3');
  });

  it('keeps the suffixed login within the maximum length', async () => {
    const base = 'marieange.saintexupe';
    expect(await freeLogin(base, 20, takenOf([base]))).toBe('marieange.saintexup2');
    const taken = [base, ...Array.from({ length: 8 }, (_, i) => `marieange.saintexup${i + 2}`)];
    expect(await freeLogin(base, 20, takenOf(taken))).toBe('marieange.saintexu10');
  });

  it('refuses an empty base and a run of taken logins', async () => {
    await expect(freeLogin('', 20, takenOf([]))).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(freeLogin('a', 20, async () => true, 3)).rejects.toMatchObject({ kind: 'conflict' });
  });
});
