import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { RULE_IDS } from '../rule-catalogue.js';
import { policyTestSuiteSchema, TEST_SUITE_SCHEMA_FILE } from '../policy-tests/policy-test-suite.schema.js';
import { accessRuleSchema } from './access-rule-list.schema.js';
import { grantBeneficiarySchema } from './grant-list.schema.js';
import { POLICY_KINDS } from './policy-kinds.js';
import { resourceSchema } from './resource-list.schema.js';
import { LOCAL_ADMIN_TYPES } from '../policy-vocabulary.js';
import { catalogueRuleId, ruleOverridesSchema, ruleSettingsSchema } from './settings.schema.js';
import { strictObject } from './schema-helpers.js';

/**
 * JSON Schemas of the policy kinds and of the test suites, by file name, generated from the zod schemas so they cannot drift. Draft-07
 * because that is what YAML editors (yaml-language-server) validate best; `input` because authors write the input.
 */
export function generatePolicySchemas(): Record<string, object> {
  const documents = [...POLICY_KINDS, { schemaFile: TEST_SUITE_SCHEMA_FILE, schema: policyTestSuiteSchema }];
  return Object.fromEntries(
    documents.map(({ schemaFile, schema }) => [schemaFile, z.toJSONSchema(schema, { target: 'draft-07', io: 'input', override: expressRefinements })]),
  );
}

// The rule overrides are checked key by key in code (for "did you mean"); editors get the same as a closed list of
// rule ids, each with its own parameters, so they complete ids and flag a misspelt one.
const ruleOverridesForEditors = strictObject(Object.fromEntries(RULE_IDS.map((id) => [id, ruleSettingsSchema(id).optional()])));

/** Refinements are code and do not reach JSON Schema; the ones an editor can check are restated here. */
function expressRefinements(ctx: { zodSchema: unknown; jsonSchema: Record<string, unknown> }): void {
  if (ctx.zodSchema === accessRuleSchema) {
    ctx.jsonSchema.oneOf = [{ required: ['can'] }, { required: ['cannot'] }];
  }
  if (ctx.zodSchema === resourceSchema) {
    ctx.jsonSchema.allOf = [
      // Personal data are never meant for everyone (GDPR art. 25(2)).
      { not: { required: ['audience', 'personalData'], properties: { audience: { const: 'everyone' } } } },
      // Only workstation resources govern computers.
      { if: { required: ['computers'] }, then: { properties: { type: { enum: [...LOCAL_ADMIN_TYPES] } } } },
    ];
  }
  if (ctx.zodSchema === catalogueRuleId) ctx.jsonSchema.enum = [...RULE_IDS];
  if (ctx.zodSchema === grantBeneficiarySchema) {
    ctx.jsonSchema.oneOf = [{ required: ['login'] }, { required: ['employeeId'] }, { required: ['group'] }];
  }
  if (ctx.zodSchema === ruleOverridesSchema) {
    const { $schema, ...listed } = z.toJSONSchema(ruleOverridesForEditors, { target: 'draft-07', io: 'input' }) as Record<string, unknown>;
    for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
    Object.assign(ctx.jsonSchema, listed, { description: ruleOverridesSchema.description });
  }
}

/** The exact bytes committed for a schema: stable key order, two-space indent, final newline. */
export function renderPolicySchema(schema: object): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

export async function writePolicySchemas(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [file, schema] of Object.entries(generatePolicySchemas())) {
    await writeFile(join(dir, file), renderPolicySchema(schema));
    written.push(file);
  }
  return written;
}
