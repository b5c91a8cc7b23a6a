import * as z from 'zod';
import { decodeFindingsCursor, FINDING_STATUSES, SEVERITIES } from '#vigie/audit';
import { closestRuleId, RULE_IDS } from '#vigie/policy';
import { commaList, oneOf, pageLimit, pageOffset } from '../shared/input-schemas.js';

/** A rule id of the catalogue, any case: an unknown one is refused (a typo would otherwise list nothing, silently). */
const catalogueRuleId = z
  .string()
  .transform((id) => id.toUpperCase())
  .superRefine((id, ctx) => {
    if ((RULE_IDS as readonly string[]).includes(id)) return;
    const guess = closestRuleId(id);
    ctx.addIssue({
      code: 'custom',
      message: `unknown rule id ${id}${guess ? `; did you mean ${guess}?` : ''} (the ids of the rule catalogue, e.g. H-PWD-NEVER-EXPIRES, G-SOD, R-REGISTER; README, "What works today")`,
    });
  });

const findingsCursor = z
  .string()
  .max(2048)
  .transform((text, ctx) => {
    const cursor = decodeFindingsCursor(text);
    if (!cursor) ctx.addIssue({ code: 'custom', message: 'not a cursor this API gave: pass nextCursor from the previous page as it is' });
    return cursor ?? z.NEVER;
  });

/** `true`/`false` as JSON or as query-string text. */
const flag = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean({ error: 'expected true or false' }));

export const listFindingsInput = z
  .object({
    rule: commaList.pipe(z.array(catalogueRuleId)).optional(),
    severity: commaList.pipe(z.array(oneOf(SEVERITIES))).optional(),
    status: commaList.pipe(z.array(oneOf(FINDING_STATUSES as readonly [string, ...string[]]))).optional(),
    directory: z.string().max(64).optional(),
    login: z.string().max(256).optional(),
    /** Search: a case-insensitive prefix of the login or of the subject's name. */
    q: z.string().trim().min(1, 'expected some text to search for').max(128).optional(),
    limit: pageLimit,
    /** Deprecated: a deep offset reads every finding before it. Follow `nextCursor` instead. */
    offset: pageOffset,
    cursor: findingsCursor.optional(),
    /** Count the findings that match the filters (a count over them all); without a filter the run's count comes free. */
    total: flag.default(false),
  })
  .strict()
  .refine((v) => !(v.cursor && v.offset > 0), {
    path: ['offset'],
    message: 'give either cursor or offset, not both (offset is deprecated: follow nextCursor)',
  });
