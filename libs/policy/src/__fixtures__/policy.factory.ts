import { defaultSettings } from '../loader/policy-assembler.js';
import type { AccessRuleDef, Policy, PolicySettings, ResourceDef, SodRuleDef } from '../policy.types.js';

// Builders for unit specs: a valid default, overridden only where a test cares.

let resourceCount = 0;

export function aResource(overrides: Partial<ResourceDef> = {}): ResourceDef {
  const index = resourceCount++;
  return {
    id: `share-${index}`,
    type: 'share',
    name: `\\\\fs01\\Share${index}`,
    grants: {},
    source: { file: 'resources/test.yaml', index, line: 5 + index * 4 },
    ...overrides,
  };
}

export function aPolicy(parts: {
  rules?: Omit<AccessRuleDef, 'source'>[];
  resources?: ResourceDef[];
  sodRules?: Array<Omit<SodRuleDef, 'source' | 'severity' | 'scope' | 'maxHeld'> & Partial<SodRuleDef>>;
  settings?: Partial<PolicySettings>;
}): Policy {
  return {
    version: '0'.repeat(64),
    dir: '/policies',
    files: [],
    resources: parts.resources ?? [],
    accessRules: (parts.rules ?? []).map((rule, index) => ({
      ...rule,
      source: { file: 'access-rules/test.yaml', index, line: 5 + index * 5 },
    })),
    sodRules: (parts.sodRules ?? []).map((rule, index) => ({
      severity: 'high',
      scope: 'identity',
      maxHeld: 1,
      source: { file: 'sod/test.yaml', index, line: 5 + index * 8 },
      ...rule,
    })),
    settings: { ...defaultSettings(), ...parts.settings },
  };
}
