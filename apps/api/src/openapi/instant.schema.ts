import * as z from 'zod';

/** An instant as the API writes it: ISO 8601 in UTC with milliseconds, as Date#toISOString does. */
export const InstantSchema = z.iso.datetime().meta({ id: 'Instant', description: 'ISO 8601 in UTC with milliseconds, e.g. 2026-05-01T08:00:00.000Z' });

export const toInstant = (d: Date): string => d.toISOString();

export const toInstantOrNull = (d: Date | null): string | null => (d ? d.toISOString() : null);
