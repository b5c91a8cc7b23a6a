import { VigieError } from '#vigie/common';

export interface ConfigIssue {
  /** Dotted key in the configuration, e.g. `http.port` or `directories[0].url`. */
  key: string;
  /** Where the value came from: an environment variable, the YAML file, or a default. */
  source: string;
  message: string;
}

/** Thrown at boot when the configuration is invalid; the process must stop with this message. */
export class ConfigError extends VigieError {
  constructor(readonly issues: ConfigIssue[]) {
    const lines = issues.map((i) => `${i.key} (${i.source}): ${i.message}`);
    super('configuration', 'Invalid configuration:\n' + lines.map((line) => `  - ${line}`).join('\n'), { details: lines });
  }
}
