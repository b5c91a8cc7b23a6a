import { type LoadConfigOptions, type VigieConfig, loadConfig } from '#vigie/config';

export interface GlobalOptions {
  config?: string;
  verbose?: boolean;
}

/**
 * Loads the configuration for a command. The CLI logs only warnings unless --verbose:
 * an administrator at a terminal wants the result, not the JSON log stream.
 */
export function configFor(opts: GlobalOptions, overrides: Record<string, unknown> = {}): VigieConfig {
  const options: LoadConfigOptions = { file: opts.config, overrides };
  const config = loadConfig(options);
  if (opts.verbose) config.log.level = 'debug';
  else if (!('log' in overrides) && config.log.level === 'info') config.log.level = 'warn';
  return config;
}
