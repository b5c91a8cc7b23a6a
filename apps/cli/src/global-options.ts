import { type LoadConfigOptions, type VigieConfig, loadConfig } from '#vigie/config';

export interface GlobalOptions {
  config?: string;
  verbose?: boolean;
}

/**
 * Loads the configuration for a command. A one-shot command logs only errors unless --verbose:
 * it prints its own result and its own clear error, and the JSON log stream would only repeat them.
 */
export function configFor(opts: GlobalOptions, overrides: Record<string, unknown> = {}): VigieConfig {
  const options: LoadConfigOptions = { file: opts.config, overrides };
  const config = loadConfig(options);
  if (opts.verbose) config.log.level = 'debug';
  else if (!('log' in overrides) && config.log.level === 'info') config.log.level = 'error';
  return config;
}
