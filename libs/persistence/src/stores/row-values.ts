/** Values of raw rows: pg gives timestamptz as Date; what else gives them as text is read the same way. */
export function dateOf(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

export function dateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : dateOf(value);
}
