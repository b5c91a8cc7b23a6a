export interface ConfigIssue {
  /** Dotted key in the configuration, e.g. `http.port` or `directories[0].url`. */
  key: string;
  /** Where the value came from: an environment variable, the YAML file, or a default. */
  source: string;
  message: string;
}

/** Thrown at boot when the configuration is invalid; the process must stop with this message. */
export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(
      'Invalid configuration:\n' +
        issues.map((i) => `  - ${i.key} (${i.source}): ${i.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}
