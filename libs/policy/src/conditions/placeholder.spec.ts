import { findPlaceholders, placeholderAttribute, placeholderAttributes, substitutePlaceholders } from './placeholder.js';

describe(substitutePlaceholders.name, () => {
  it('replaces a whole-value placeholder and one inside a text', () => {
    const where = { location: '${identity.location}', name: { $in: ['\\\\fs01\\home\\${identity.login}'] } };
    expect(substitutePlaceholders(where, { location: 'Lyon-3', login: 'adurand' })).toEqual({
      location: 'Lyon-3',
      name: { $in: ['\\\\fs01\\home\\adurand'] },
    });
  });

  it('gives nothing when the identity lacks an attribute, so the rule cannot apply', () => {
    expect(substitutePlaceholders({ location: '${identity.location}' }, { login: 'adurand' })).toBeUndefined();
    expect(substitutePlaceholders({ location: '${identity.location}' }, { location: '' })).toBeUndefined();
  });

  it('escapes values put inside a regular expression', () => {
    expect(substitutePlaceholders({ name: { $regex: '^${identity.login}$' } }, { login: 'a.b(c)' })).toEqual({
      name: { $regex: '^a\\.b\\(c\\)$' },
    });
  });

  it('leaves conditions without placeholders as they are', () => {
    const where = { criticality: { $in: ['high', 'critical'] }, tags: { $size: 2 }, personalData: { $exists: true } };
    expect(substitutePlaceholders(where, {})).toEqual(where);
  });
});

describe(findPlaceholders.name, () => {
  it('finds every placeholder and names the identity attribute', () => {
    expect(findPlaceholders('${identity.department}-${ identity.location }').map((p) => placeholderAttribute(p.expression))).toEqual([
      'department',
      'location',
    ]);
    expect(placeholderAttribute('identity.floor')).toBeUndefined();
    expect(placeholderAttribute('resource.id')).toBeUndefined();
  });

  it('collects the attributes a condition depends on', () => {
    const where = { $or: [{ location: '${identity.location}' }, { owner: '${identity.employeeId}' }] };
    expect([...placeholderAttributes(where)].sort()).toEqual(['employeeId', 'location']);
  });
});
