import type { VigieConfig } from '#vigie/config';
import type { RosterFormat } from '#vigie/hr';

/** How the configured roster export names its columns (hr.columns, hr.ignoreColumns). */
export function rosterFormatOf(config: Pick<VigieConfig, 'hr'>): RosterFormat {
  return { columns: config.hr.columns, ignoreColumns: config.hr.ignoreColumns };
}
