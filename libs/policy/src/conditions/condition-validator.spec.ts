import { IDENTITY_CONDITION, RESOURCE_CONDITION, validateCondition } from './condition-validator.js';

describe(validateCondition.name, () => {
  it.each([
    { id: { $in: ['share-finance'] } },
    { 'personalData.categories': { $elemMatch: { $in: ['health', 'union'] } } },
    { $or: [{ criticality: 'critical' }, { tags: { $all: ['gdpr', 'hr'] } }] },
    { name: { $not: { $regex: '^\\\\\\\\tmp' } }, owner: { $exists: true }, tags: { $size: 0 } },
    { location: '${identity.location}', owner: { $ne: '${identity.employeeId}' } },
  ])('accepts %j on a resource', (condition) => {
    expect(validateCondition(condition, RESOURCE_CONDITION)).toEqual([]);
  });

  it.each<[unknown, { path: (string | number)[]; message: string }]>([
    [{ name: { $where: 'true' } }, { path: ['name', '$where'], message: 'unsupported operator $where; allowed operators: $eq,' }],
    [{ $nor: [{ id: 'a' }] }, { path: ['$nor'], message: 'unsupported operator $nor' }],
    [{ $not: { id: 'a' } }, { path: ['$not'], message: '$not applies to a field' }],
    [{ name: { $or: [{ $eq: 'a' }] } }, { path: ['name', '$or'], message: '$or combines whole conditions' }],
    [{ name: { $not: 'a' } }, { path: ['name', '$not'], message: '$not expects operators' }],
    [{ name: { $regex: '(' } }, { path: ['name', '$regex'], message: 'invalid regular expression' }],
    [{ tags: { $size: -1 } }, { path: ['tags', '$size'], message: '$size expects a whole number >= 0' }],
    [{ owner: { $exists: 'yes' } }, { path: ['owner', '$exists'], message: '$exists expects true or false' }],
    [{ $and: [] }, { path: ['$and'], message: '$and expects a non-empty list of conditions' }],
    [{ name: { $eq: 'a', other: 1 } }, { path: ['name', 'other'], message: 'cannot mix operators and plain fields' }],
    [{ grants: { $exists: true } }, { path: ['grants'], message: 'unknown resource attribute "grants"' }],
  ])('refuses %j', (condition, expected) => {
    expect(validateCondition(condition, RESOURCE_CONDITION)).toEqual([{ path: expected.path, message: expect.stringContaining(expected.message) }]);
  });

  it('checks identity conditions against identity attributes, without placeholders', () => {
    expect(validateCondition({ department: 'Finance', title: { $regex: '^Chief' } }, IDENTITY_CONDITION)).toEqual([]);
    expect(validateCondition({ floor: 3, location: '${identity.location}' }, IDENTITY_CONDITION)).toEqual([
      { path: ['floor'], message: expect.stringContaining('unknown identity attribute "floor"; expected one of: login,') },
      { path: ['location'], message: expect.stringContaining('placeholder ${identity.location} is not allowed here') },
    ]);
  });
});
