/**
 * How free text writes a person's name besides the way the directory does: surname first, with or without a comma
 * ("Lefèvre Hélène", "Lefèvre, Hélène"). Accents and case are the store's business (it finds both).
 */
export function nameVariants(name: string): string[] {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (!trimmed) return [];
  const comma = /^([^,]+),\s*([^,]+)$/.exec(trimmed);
  if (comma) return uniq([trimmed, `${comma[2]} ${comma[1]}`, `${comma[1]} ${comma[2]}`]);
  const parts = trimmed.split(' ');
  if (parts.length !== 2) return [trimmed];
  const [first, last] = parts;
  return uniq([trimmed, `${last} ${first}`, `${last}, ${first}`]);
}

function uniq(values: string[]): string[] {
  return [...new Map(values.map((v) => [v.toLowerCase(), v])).values()];
}
