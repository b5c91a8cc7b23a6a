import { type HrRoster } from './hr-record.model.js';
import type { RosterFormat } from './roster-columns.js';
import { readRosterFile } from './roster-file.parser.js';

/** Where the audit gets the HR roster from. A webhook-fed store comes with the HR issue. */
export abstract class HrSource {
  /** The roster, or null when no HR data is configured (rules that need it then stay silent). */
  abstract load(): Promise<HrRoster | null>;
}

export class RosterFileSource extends HrSource {
  constructor(
    private readonly file: string | undefined,
    private readonly format: RosterFormat = {},
  ) {
    super();
  }

  load(): Promise<HrRoster | null> {
    return this.file ? readRosterFile(this.file, this.format) : Promise.resolve(null);
  }
}
