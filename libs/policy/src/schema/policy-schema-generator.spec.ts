import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generatePolicySchemas, renderPolicySchema, writePolicySchemas } from './policy-schema-generator.js';

const schemaDir = fileURLToPath(new URL('./', import.meta.url));

describe(generatePolicySchemas.name, () => {
  // Golden files: after changing a zod schema, regenerate them with
  // VIGIE_UPDATE_SCHEMAS=1 NODE_OPTIONS=--experimental-vm-modules npx jest --selectProjects unit policy-schema-generator
  beforeAll(async () => {
    if (process.env.VIGIE_UPDATE_SCHEMAS) await writePolicySchemas(schemaDir);
  });

  it('generates one schema per policy kind', () => {
    expect(Object.keys(generatePolicySchemas()).sort()).toEqual([
      'access-rule-list.schema.json',
      'processing-record-list.schema.json',
      'resource-list.schema.json',
      'settings.schema.json',
    ]);
  });

  it.each(Object.entries(generatePolicySchemas()))('committed %s equals the generated schema', async (file, schema) => {
    const committed = await readFile(`${schemaDir}${file}`, 'utf8');
    expect(committed).toBe(renderPolicySchema(schema));
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

  it('is plain data: no functions, no code', () => {
    const json = JSON.stringify(generatePolicySchemas());
    expect(JSON.parse(json)).toEqual(generatePolicySchemas());
  });
});
