import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { RULE_IDS } from '../rule-catalogue.js';
import { generatePolicySchemas, renderPolicySchema, writePolicySchemas } from './policy-schema-generator.js';

// Two committed copies: beside the zod schemas, and in policies/schema/ where the policy files' `$schema` lines and
// editors find them. Both must be what the zod schemas generate.
const schemaDirs = {
  library: fileURLToPath(new URL('./', import.meta.url)),
  policies: fileURLToPath(new URL('../../../../policies/schema/', import.meta.url)),
};

describe(generatePolicySchemas.name, () => {
  // Golden files: after changing a zod schema, regenerate them with
  // VIGIE_UPDATE_SCHEMAS=1 NODE_OPTIONS=--experimental-vm-modules npx jest --selectProjects unit policy-schema-generator
  beforeAll(async () => {
    if (process.env.VIGIE_UPDATE_SCHEMAS) for (const dir of Object.values(schemaDirs)) await writePolicySchemas(dir);
  });

  it('generates one schema per policy kind, and one for the test suites', () => {
    expect(Object.keys(generatePolicySchemas()).sort()).toEqual([
      'access-rule-list.schema.json',
      'external-person-list.schema.json',
      'grant-list.schema.json',
      'policy-test-suite.schema.json',
      'processing-record-list.schema.json',
      'resource-list.schema.json',
      'settings.schema.json',
      'sod-rule-list.schema.json',
    ]);
  });

  const committed = Object.entries(schemaDirs).flatMap(([where, dir]) =>
    Object.entries(generatePolicySchemas()).map(([file, schema]) => [where, file, dir, schema] as const),
  );
  it.each(committed)('committed %s copy of %s equals the generated schema', async (_where, file, dir, schema) => {
    expect(await readFile(`${dir}${file}`, 'utf8')).toBe(renderPolicySchema(schema));
  });

  it('rejects unknown fields and fixes apiVersion and kind, so editors flag what the loader refuses', () => {
    const schema = generatePolicySchemas()['resource-list.schema.json'] as Record<string, any>;
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.resources.items.additionalProperties).toBe(false);
    expect(schema.properties.apiVersion.const).toBe('vigie.dev/v1');
    expect(schema.properties.kind.const).toBe('ResourceList');
  });

  it('states that an access rule has either can or cannot', () => {
    const schema = generatePolicySchemas()['access-rule-list.schema.json'] as Record<string, any>;
    expect(schema.properties.rules.items.oneOf).toEqual([{ required: ['can'] }, { required: ['cannot'] }]);
  });

  it('states that personal data are never meant for everyone, and that only workstation resources select computers', () => {
    const resource = (generatePolicySchemas()['resource-list.schema.json'] as Record<string, any>).properties.resources.items;
    expect(resource.properties.audience.enum).toEqual(['restricted', 'everyone']);
    expect(Object.keys(resource.properties.computers.properties)).toEqual(['ous', 'groups', 'names']);
    expect(resource.allOf).toEqual([
      { not: { required: ['audience', 'personalData'], properties: { audience: { const: 'everyone' } } } },
      { if: { required: ['computers'] }, then: { properties: { type: { enum: ['workstation', 'workstation-group'] } } } },
    ]);
  });

  it('gives a severity parameter (G-LEAVER disabledSeverity) the severities to choose from', () => {
    const leaver = (generatePolicySchemas()['settings.schema.json'] as Record<string, any>).properties.rules.properties['G-LEAVER'];
    expect(leaver.properties.disabledSeverity).toMatchObject({ enum: ['critical', 'high', 'medium', 'low', 'info'] });
    expect(leaver.properties.disabledSeverity.description).toMatch(/Default medium\.$/);
  });

  it('gives a switch parameter (G-MISSING-BIRTHRIGHT externals) true or false, off by default', () => {
    const birthright = (generatePolicySchemas()['settings.schema.json'] as Record<string, any>).properties.rules.properties['G-MISSING-BIRTHRIGHT'];
    expect(birthright.properties.externals.type).toBe('boolean');
    expect(birthright.properties.externals.description).toMatch(/Default false\.$/);
  });

  it('lists the rule catalogue in the settings, each rule with its own parameters', () => {
    const rules = (generatePolicySchemas()['settings.schema.json'] as Record<string, any>).properties.rules;
    expect(Object.keys(rules.properties)).toEqual(RULE_IDS);
    expect(rules.additionalProperties).toBe(false);
    expect(Object.keys(rules.properties['H-TOO-MANY-ADMINS'].properties)).toEqual(['enabled', 'severity', 'maxPrivileged', 'maxPercent', 'minUsers']);
    expect(rules.properties['H-TOO-MANY-ADMINS'].additionalProperties).toBe(false);
  });

  it('describes an SoD entitlement as a resource with a level, or a group', () => {
    const rule = (generatePolicySchemas()['sod-rule-list.schema.json'] as Record<string, any>).properties.rules.items;
    expect(rule.required).toEqual(['id', 'description', 'entitlements']);
    expect(rule.properties.entitlements.items.anyOf.map((branch: { required: string[] }) => branch.required)).toEqual([['resource'], ['group']]);
  });

  it('is plain data: no functions, no code', () => {
    const json = JSON.stringify(generatePolicySchemas());
    expect(JSON.parse(json)).toEqual(generatePolicySchemas());
  });
});
