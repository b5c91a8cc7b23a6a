import * as z from 'zod';
import { documentHeader, isoDate, nonEmptyString, strictObject } from './schema-helpers.js';

export const EXTERNAL_TYPES = ['contractor', 'consultant', 'intern', 'vendor', 'temporary', 'partner'] as const;

/**
 * A person who works for the company without being on its HR roster: the account is a person's, not a service
 * account's, and it is accountable through its sponsor and bounded by its end date.
 */
export const externalPersonSchema = strictObject({
  login: nonEmptyString().describe('Login of the account (sAMAccountName or uid).'),
  directory: nonEmptyString().optional().describe('Directory name from the configuration; every directory when absent.'),
  name: nonEmptyString().optional().describe('Full name.'),
  type: z.enum(EXTERNAL_TYPES).describe(`What the person is: ${EXTERNAL_TYPES.join(', ')}.`),
  company: nonEmptyString().optional().describe('Their employer (the vendor, the agency, the school).'),
  sponsor: nonEmptyString().describe('Employee id of the employee accountable for the person and their access.'),
  endDate: isoDate().describe('Last day of the engagement (YYYY-MM-DD, included, UTC): after it, an enabled account is G-TEMP-EXPIRED.'),
});

export const externalPersonListSchema = strictObject({
  ...documentHeader('ExternalPersonList', 'external-person-list.schema.json'),
  externals: z.array(externalPersonSchema),
}).meta({
  title: 'Vigie ExternalPersonList',
  description: 'External people (contractors, interns, vendors...) with their sponsor and end date; not service accounts, not on the HR roster.',
});
