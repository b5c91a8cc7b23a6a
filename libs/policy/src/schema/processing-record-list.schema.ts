import * as z from 'zod';
import { documentHeader, nonEmptyString, strictObject } from './schema-helpers.js';

export const RECORD_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * A record of processing (GDPR art. 30), as far as access governance needs it: which directory groups are its
 * recipients. Resources holding personal data name their record (`personalData.record`); the audit checks that only
 * the recipients reach them (R-REGISTER, R-SPECIAL-CATEGORY).
 */
export const processingRecordSchema = strictObject({
  id: z
    .string()
    .regex(RECORD_ID_PATTERN, 'must be letters, digits, dots, dashes or underscores (^[A-Za-z0-9][A-Za-z0-9._-]*$)')
    .describe('Stable id, named by resources in personalData.record; unique across all record files.'),
  name: nonEmptyString().describe('Name of the processing, as in the register.'),
  purpose: nonEmptyString().optional(),
  controller: nonEmptyString().optional().describe('Who decides the processing (department or person).'),
  recipients: z
    .array(nonEmptyString())
    .min(1, 'must list at least one recipient group')
    .describe('Directory groups (names or DNs) whose members are the declared recipients of the data.'),
});

export const processingRecordListSchema = strictObject({
  ...documentHeader('ProcessingRecordList', 'processing-record-list.schema.json'),
  records: z.array(processingRecordSchema),
}).meta({
  title: 'Vigie ProcessingRecordList',
  description: 'Records of processing (GDPR art. 30) and the directory groups that are their recipients.',
});
