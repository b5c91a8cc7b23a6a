import { ScimError } from './scim-error.js';
import { SCIM_ENTERPRISE_SCHEMA as ENT, SCIM_USER_SCHEMA, type ScimUser } from './scim-user.js';
import {
  parseUserFilter,
  patchScimUser,
  readBulkRequest,
  readScimUser,
  scimListResponse,
  scimResourceTypes,
  scimSchemas,
  scimServiceProviderConfig,
  scimUserResource,
} from './scimmy.js';

const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const patchOf = (...Operations: unknown[]) => ({ schemas: [PATCH], Operations });

/** What Entra ID's provisioning service POSTs for a user (its default attribute mappings, externalId set to the employee id). */
const entraUser = () => ({
  schemas: [SCIM_USER_SCHEMA, ENT],
  externalId: 'E5001',
  userName: 'elodie.delafontaine@acme.test',
  active: true,
  displayName: 'Élodie de La Fontaine',
  emails: [{ primary: true, type: 'work', value: 'elodie.delafontaine@acme.test' }],
  name: { formatted: 'Élodie de La Fontaine', familyName: 'de La Fontaine', givenName: 'Élodie' },
  title: 'Comptable',
  addresses: [{ type: 'work', locality: 'Lyon', country: 'FR', primary: false }],
  [ENT]: { employeeNumber: 'E5001', department: 'Finance' },
});

const elodie = (over: Partial<ScimUser> = {}): ScimUser => ({
  userName: 'elodie.delafontaine@acme.test',
  externalId: 'E5001',
  active: true,
  givenName: 'Élodie',
  familyName: 'de La Fontaine',
  mail: 'elodie.delafontaine@acme.test',
  title: 'Comptable',
  userType: null,
  site: 'Lyon',
  employeeNumber: 'E5001',
  department: 'Finance',
  manager: null,
  ...over,
});

/** The SCIM error a call throws: its kind, scimType and status override. */
function scimErrorOf(call: () => unknown): { kind: string; scimType: string | null; message: string } {
  try {
    call();
  } catch (err) {
    if (!(err instanceof ScimError)) throw err;
    return { kind: err.kind, scimType: err.scimType, message: err.message };
  }
  throw new Error('expected a SCIM error');
}
async function asyncScimErrorOf(call: () => Promise<unknown>) {
  const err = await call().then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ScimError)) throw err ?? new Error('expected a SCIM error');
  return { kind: err.kind, scimType: err.scimType, message: err.message };
}

describe('scimmy, behind Vigie’s SCIM functions', () => {
  describe(readScimUser.name, () => {
    it('reads the user Entra ID posts, with the enterprise extension', () => {
      expect(readScimUser(entraUser())).toEqual(elodie());
    });

    it('takes "True" and "False" as booleans for active, as some clients send them', () => {
      expect(readScimUser({ ...entraUser(), active: 'False' }).active).toBe(false);
    });

    it('picks the primary mail, else the work one, else the first', () => {
      const user = readScimUser({
        ...entraUser(),
        emails: [
          { value: 'home@x.test', type: 'home' },
          { value: 'main@x.test', type: 'other', primary: true },
        ],
      });
      expect(user.mail).toBe('main@x.test');
    });

    it('refuses a body without userName, with another schema, or that is not an object, as SCIM errors', () => {
      const { userName: _, ...noUserName } = entraUser();
      expect(scimErrorOf(() => readScimUser(noUserName))).toMatchObject({
        kind: 'invalid-input',
        scimType: 'invalidValue',
        message: expect.stringContaining('userName'),
      });
      expect(scimErrorOf(() => readScimUser({ ...entraUser(), schemas: ['urn:example:Group'] }))).toMatchObject({ scimType: 'invalidSyntax' });
      expect(scimErrorOf(() => readScimUser('not a user'))).toMatchObject({ scimType: 'invalidSyntax' });
      expect(scimErrorOf(() => readScimUser({ ...entraUser(), active: 'maybe' }))).toMatchObject({ scimType: 'invalidValue' });
    });
  });

  describe(patchScimUser.name, () => {
    it('applies what Entra ID sends: capitalised ops, the enterprise department by its full path, a filtered mail path', async () => {
      const patched = await patchScimUser(
        elodie(),
        patchOf(
          { op: 'Replace', path: `${ENT}:department`, value: 'Ventes' },
          { op: 'Replace', path: 'emails[type eq "work"].value', value: 'elodie@acme.test' },
          { op: 'Replace', path: 'name.familyName', value: 'Fontaine' },
          { op: 'Add', path: 'title', value: 'Cheffe comptable' },
        ),
      );
      expect(patched).toEqual(elodie({ department: 'Ventes', mail: 'elodie@acme.test', familyName: 'Fontaine', title: 'Cheffe comptable' }));
    });

    it('deactivates with a boolean, or with the string "False" Entra ID sends without its SCIM 2.0 compliance flag', async () => {
      expect((await patchScimUser(elodie(), patchOf({ op: 'Replace', path: 'active', value: false }))).active).toBe(false);
      expect((await patchScimUser(elodie(), patchOf({ op: 'Replace', path: 'active', value: 'False' }))).active).toBe(false);
      expect((await patchScimUser(elodie(), patchOf({ op: 'replace', value: { active: 'False' } }))).active).toBe(false);
      expect((await patchScimUser(elodie({ active: false }), patchOf({ op: 'Replace', path: 'active', value: 'True' }))).active).toBe(true);
    });

    it('takes the manager as Entra ID sends it (a bare id) or as the RFC says ({ value }), and removes it', async () => {
      const id = '6f1b1c1e-0000-4000-8000-000000000001';
      expect((await patchScimUser(elodie(), patchOf({ op: 'Add', path: `${ENT}:manager`, value: id }))).manager).toBe(id);
      expect((await patchScimUser(elodie(), patchOf({ op: 'replace', path: `${ENT}:manager`, value: { value: id } }))).manager).toBe(id);
      expect((await patchScimUser(elodie({ manager: id }), patchOf({ op: 'Remove', path: `${ENT}:manager` }))).manager).toBeNull();
    });

    it('takes a mail added as primary as the mail, the one before it no longer primary', async () => {
      const patched = await patchScimUser(elodie(), patchOf({ op: 'Add', path: 'emails', value: [{ value: 'new@acme.test', type: 'work', primary: true }] }));
      expect(patched.mail).toBe('new@acme.test');
      const added = await patchScimUser(elodie(), patchOf({ op: 'Add', path: 'emails', value: [{ value: 'home@x.test', type: 'home' }] }));
      expect(added.mail).toBe('elodie.delafontaine@acme.test');
    });

    it('adds a value a filtered path names when the user has none of that type yet', async () => {
      const patched = await patchScimUser(
        elodie({ mail: null, site: null }),
        patchOf({ op: 'Add', path: 'emails[type eq "work"].value', value: 'new@acme.test' }),
      );
      expect(patched.mail).toBe('new@acme.test');
    });

    it('takes attributes it does not map (displayName, phone numbers) and changes nothing for them', async () => {
      const patched = await patchScimUser(
        elodie(),
        patchOf(
          { op: 'Replace', path: 'displayName', value: 'Élodie F.' },
          { op: 'Add', path: 'phoneNumbers[type eq "work"].value', value: '+33 4 00 00 00 00' },
        ),
      );
      expect(patched).toEqual(elodie());
    });

    it('refuses a body that is not a PatchOp, an unknown op or path, naming the operation at fault', async () => {
      expect(await asyncScimErrorOf(() => patchScimUser(elodie(), { schemas: ['x'], Operations: [{ op: 'add', path: 'title', value: 'x' }] }))).toMatchObject({
        scimType: 'invalidSyntax',
      });
      for (const body of [undefined, {}, { schemas: [PATCH], Operations: [] }, 'replace']) {
        expect(await asyncScimErrorOf(() => patchScimUser(elodie(), body))).toMatchObject({
          scimType: 'invalidSyntax',
          message: expect.stringContaining('PatchOp'),
        });
      }
      expect(await asyncScimErrorOf(() => patchScimUser(elodie(), patchOf({ op: 'move', path: 'title' })))).toMatchObject({ scimType: 'invalidSyntax' });
      expect(
        await asyncScimErrorOf(() =>
          patchScimUser(elodie(), patchOf({ op: 'replace', path: 'title', value: 'x' }, { op: 'replace', path: 'nope', value: 'x' })),
        ),
      ).toEqual({ kind: 'invalid-input', scimType: 'invalidPath', message: expect.stringContaining('operation 2') });
    });
  });

  describe(parseUserFilter.name, () => {
    it('answers externalId eq and userName eq, whatever the case of the attribute and operator', () => {
      expect(parseUserFilter('userName eq "elodie@acme.test"')).toEqual({ attribute: 'userName', value: 'elodie@acme.test' });
      expect(parseUserFilter('externalId eq "E5001"')).toEqual({ attribute: 'externalId', value: 'E5001' });
      expect(parseUserFilter('USERNAME EQ "a"')).toEqual({ attribute: 'userName', value: 'a' });
    });

    it('refuses any other filter, and one that does not parse, with invalidFilter', () => {
      for (const filter of [
        'userName sw "a"',
        'title eq "x"',
        'userName eq "a" and active eq true',
        'userName eq "a" or userName eq "b"',
        'userName eq 3',
        '(((',
        '',
      ])
        expect([filter, scimErrorOf(() => parseUserFilter(filter))]).toEqual([
          filter,
          expect.objectContaining({ kind: 'invalid-input', scimType: 'invalidFilter' }),
        ]);
    });
  });

  describe('resources and documents', () => {
    it('writes a user with its id, meta and enterprise extension', () => {
      const at = new Date('2026-12-07T10:00:00Z');
      const resource = scimUserResource(elodie({ manager: 'M-1' }), {
        id: 'abc',
        created: at,
        lastModified: at,
        version: 'W/"2"',
        location: 'https://vigie.test/scim/v2/Users/abc',
      });
      expect(resource).toMatchObject({
        schemas: [SCIM_USER_SCHEMA, ENT],
        id: 'abc',
        externalId: 'E5001',
        userName: 'elodie.delafontaine@acme.test',
        active: true,
        name: { givenName: 'Élodie', familyName: 'de La Fontaine' },
        emails: [{ value: 'elodie.delafontaine@acme.test', type: 'work', primary: true }],
        meta: { resourceType: 'User', created: '2026-12-07T10:00:00.000Z', version: 'W/"2"', location: 'https://vigie.test/scim/v2/Users/abc' },
        [ENT]: { employeeNumber: 'E5001', department: 'Finance', manager: { value: 'M-1' } },
      });
    });

    it('lists a page as a ListResponse', () => {
      expect(scimListResponse([{ id: 'a' }], 7, 3)).toEqual({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        Resources: [{ id: 'a' }],
        totalResults: 7,
        startIndex: 3,
        itemsPerPage: 1,
      });
    });

    it('describes the service: PATCH, Bulk and filters supported, the User schema with its enterprise extension', () => {
      const config = scimServiceProviderConfig({ baseUrl: '/scim/v2', maxOperations: 100, maxPayloadSize: 1024, maxResults: 200, documentationUri: null });
      expect(config).toMatchObject({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
        patch: { supported: true },
        bulk: { supported: true, maxOperations: 100, maxPayloadSize: 1024 },
        filter: { supported: true, maxResults: 200 },
        etag: { supported: false },
        sort: { supported: false },
        authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
      });
      expect(scimSchemas('/scim/v2').map((s) => s.id)).toEqual([SCIM_USER_SCHEMA, ENT]);
      expect(scimResourceTypes('/scim/v2')).toEqual([
        expect.objectContaining({ id: 'User', endpoint: '/Users', schema: SCIM_USER_SCHEMA, schemaExtensions: [{ schema: ENT, required: false }] }),
      ]);
    });
  });

  describe(readBulkRequest.name, () => {
    const bulk = (Operations: unknown[], more: object = {}) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations, ...more });

    it('reads the operations in order, with their bulkId, and failOnErrors', () => {
      expect(
        readBulkRequest(
          bulk(
            [
              { method: 'post', path: '/Users', bulkId: 'q1', data: { userName: 'a' } },
              { method: 'DELETE', path: '/Users/bulkId:q1' },
            ],
            { failOnErrors: 1 },
          ),
          10,
        ),
      ).toEqual({
        operations: [
          { method: 'POST', bulkId: 'q1', path: '/Users', data: { userName: 'a' } },
          { method: 'DELETE', bulkId: null, path: '/Users/bulkId:q1', data: undefined },
        ],
        failOnErrors: 1,
      });
    });

    it('refuses more operations than maxOperations with 413 tooMany, and a request that is not a BulkRequest', () => {
      let tooMany: unknown;
      try {
        readBulkRequest(
          bulk([
            { method: 'DELETE', path: '/Users/a' },
            { method: 'DELETE', path: '/Users/b' },
          ]),
          1,
        );
      } catch (err) {
        tooMany = err;
      }
      expect(tooMany).toMatchObject({ kind: 'invalid-input', scimType: 'tooMany', status: 413 });
      expect(scimErrorOf(() => readBulkRequest({ Operations: [] }, 10))).toMatchObject({ kind: 'invalid-input' });
    });
  });
});
