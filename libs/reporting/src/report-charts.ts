import { SEVERITIES, type Severity } from '#vigie/audit';

/** The colours of the severities, shared by the HTML and the PDF so that both read alike. */
export const SEVERITY_COLOURS: Readonly<Record<Severity, string>> = {
  critical: '#8b0000',
  high: '#d9480f',
  medium: '#e8a317',
  low: '#2f6fb0',
  info: '#7a7a7a',
};

/** Points of a 0–100 line in a width × height box: x spread evenly, y upside down (SVG and PDF draw downwards). */
export function trendPoints(scores: Array<number | null>, width: number, height: number): Array<{ x: number; y: number }> {
  const known = scores.map((s, i) => ({ s, i })).filter((p): p is { s: number; i: number } => p.s !== null);
  const step = scores.length > 1 ? width / (scores.length - 1) : 0;
  return known.map(({ s, i }) => ({ x: Math.round(i * step * 10) / 10, y: Math.round((height - (s / 100) * height) * 10) / 10 }));
}

/** Bars of the findings by severity: each bar's length is proportional to the largest count. */
export function severityBars(counts: Record<Severity, number>, maxLength: number): Array<{ severity: Severity; count: number; length: number }> {
  const max = Math.max(1, ...SEVERITIES.map((s) => counts[s]));
  return SEVERITIES.map((severity) => ({ severity, count: counts[severity], length: Math.round((counts[severity] / max) * maxLength) }));
}
