import { anHrPersonData } from '../testing/hr-event.factory.js';
import { birthrightMove, changeOf, daysAfter, isMove, mailOf, mergePersonData } from './jml-plan.js';

describe('mergePersonData', () => {
  it('keeps what the event leaves null', () => {
    const known = anHrPersonData({ title: 'Comptable', site: 'Lyon' });
    const merged = mergePersonData(known, { ...anHrPersonData(), title: 'Chef comptable', site: null, firstName: null });
    expect(merged).toMatchObject({ title: 'Chef comptable', site: 'Lyon', firstName: 'Élodie' });
  });

  it('takes the event as it is when nothing was known', () => {
    expect(mergePersonData(null, anHrPersonData({ site: null })).site).toBeNull();
  });
});

describe('changeOf', () => {
  it('tells a mover (department, title, manager) from an update of other attributes', () => {
    const before = anHrPersonData();
    expect(isMove(changeOf(before, { ...before, department: 'Ventes' }))).toBe(true);
    expect(isMove(changeOf(before, { ...before, managerEmployeeId: 'E1' }))).toBe(true);
    const mail = changeOf(before, { ...before, mail: 'e@acme.test' });
    expect(isMove(mail)).toBe(false);
    expect(mail.other).toEqual(['mail']);
  });
});

describe('birthrightMove', () => {
  it('adds the new groups now and removes the old ones not in the new role later', () => {
    const plan = birthrightMove(['cn=all,dc=x', 'cn=finance,dc=x'], ['CN=All,DC=x', 'cn=sales,dc=x']);
    expect(plan).toEqual({ add: ['cn=sales,dc=x'], removeLater: ['cn=finance,dc=x'] });
  });

  it('has nothing to do when the groups are the same', () => {
    expect(birthrightMove(['cn=a,dc=x'], ['cn=a,dc=x'])).toEqual({ add: [], removeLater: [] });
  });
});

describe('daysAfter and mailOf', () => {
  it('counts whole days', () => {
    expect(daysAfter(new Date('2027-01-01T00:00:00Z'), 30).toISOString()).toBe('2027-01-31T00:00:00.000Z');
  });

  it('gives the event mail, else login@domain, else none', () => {
    expect(mailOf('a@b.fr', 'x', 'acme.fr')).toBe('a@b.fr');
    expect(mailOf(null, 'jean.martin', 'acme.fr')).toBe('jean.martin@acme.fr');
    expect(mailOf(null, 'jean.martin', undefined)).toBeNull();
  });
});
