import { describeZodIssues, formatPath } from './loader/zod-issue-messages.js';
import type { PolicySettings, RuleOverrides } from './policy.types.js';
import { PolicyValidationError } from './policy-validation.error.js';
import type { Severity } from './policy-vocabulary.js';
import { RULE_CATALOGUE, RULE_IDS, type RuleId, type RuleParameterName, type RuleParameterValue } from './rule-catalogue.js';
import { ruleOverridesSchema } from './schema/settings.schema.js';

/**
 * The settings one audit rule runs with: the policy's value of each parameter the catalogue declares for it, or the
 * catalogue's default, the one place defaults are written. A parameter the catalogue does not declare is no property
 * of this type, so a rule that reads one does not compile.
 */
export type RuleSettings<Id extends RuleId = RuleId> = {
  readonly enabled: boolean;
  /** The policy's severity for every finding of the rule; undefined keeps the rule's own. */
  readonly severity: Severity | undefined;
} & { readonly [Parameter in RuleParameterName<Id>]: RuleParameterValue<Id, Parameter> };

/** Every rule's settings, built once per policy. */
export interface RuleSettingsBook {
  of<Id extends RuleId>(id: Id): RuleSettings<Id>;
}

/**
 * The rule settings of a policy, checked once with the schema the loader checks Settings files with (a policy built in
 * code, or stored, gets no other check): a misspelt rule or parameter, or a value of the wrong kind, throws.
 */
export function ruleSettingsOf(settings: Pick<PolicySettings, 'rules' | 'source'>): RuleSettingsBook {
  const parsed = ruleOverridesSchema.safeParse(settings.rules ?? {});
  if (!parsed.success) {
    const file = settings.source?.file ?? 'settings';
    throw new PolicyValidationError(
      describeZodIssues(parsed.error.issues).map(({ path, message }) => ({ file, line: 0, column: 0, path: formatPath(['rules', ...path]), message })),
    );
  }
  const book = new Map<RuleId, RuleSettings>();
  for (const id of RULE_IDS) book.set(id, Object.freeze(resolve(id, parsed.data[id])));
  return { of: <Id extends RuleId>(id: Id) => book.get(id) as RuleSettings<Id> };
}

function resolve(id: RuleId, overrides: RuleOverrides = {}): RuleSettings {
  const { enabled = true, severity, ...values } = overrides;
  const parameters = Object.entries(RULE_CATALOGUE[id].parameters).map(([name, parameter]) => [
    name,
    (values[name] as number | string | boolean | readonly string[] | undefined) ?? parameter.default,
  ]);
  return { enabled, severity, ...Object.fromEntries(parameters) } as RuleSettings;
}
