#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { runMain } from '#vigie/application';

const program = new Command('vigie')
  .description('Vigie: identity and access governance for Active Directory and OpenLDAP')
  .version('0.1.0')
  .option('-c, --config <file>', 'YAML configuration file (default: $VIGIE_CONFIG, else ./vigie.yaml if present)')
  .option('-v, --verbose', 'log debug details to stderr')
  .showHelpAfterError()
  .exitOverride();

type Register = (program: Command) => void;

// Each command is loaded only when it runs: loading them all (the audit's rules, the policy parser, Nest for
// serve and demo) takes longer than an incremental `vigie sync`. Help and unknown commands load them all, in this order.
const COMMANDS: Record<string, () => Promise<Register>> = {
  sync: async () => (await import('./commands/sync.command.js')).registerSyncCommand,
  audit: async () => (await import('./commands/audit.command.js')).registerAuditCommand,
  findings: async () => (await import('./commands/findings.command.js')).registerFindingsCommand,
  score: async () => (await import('./commands/score.command.js')).registerScoreCommand,
  explain: async () => (await import('./commands/explain.command.js')).registerExplainCommand,
  token: async () => (await import('./commands/token.command.js')).registerTokenCommand,
  jobs: async () => (await import('./commands/jobs.command.js')).registerJobsCommand,
  auth: async () => (await import('./commands/auth.command.js')).registerAuthCommand,
  'audit-log': async () => (await import('./commands/audit-log.command.js')).registerAuditLogCommand,
  gdpr: async () => (await import('./commands/gdpr.command.js')).registerGdprCommand,
  policy: async () => (await import('./commands/policy.command.js')).registerPolicyCommand,
  request: async () => (await import('./commands/request.command.js')).registerRequestCommand,
  approve: async () => (await import('./commands/approve.command.js')).registerApproveCommand,
  hr: async () => (await import('./commands/hr.command.js')).registerHrCommand,
  stats: async () => (await import('./commands/stats.command.js')).registerStatsCommand,
  report: async () => (await import('./commands/report.command.js')).registerReportCommand,
  reports: async () => (await import('./commands/report.command.js')).registerReportCommand,
  reject: async () => (await import('./commands/approve.command.js')).registerRejectCommand,
  serve: withNest(async () => (await import('./commands/serve.command.js')).registerServeCommand),
  demo: withNest(async () => (await import('./commands/demo.command.js')).registerDemoCommand),
};

/**
 * Loads reflect-metadata before a command that hosts the API (Nest): its decorators record constructor types only if
 * it is there when a decorated class is defined. No other command loads Nest.
 */
function withNest(load: () => Promise<Register>): () => Promise<Register> {
  return async () => {
    await import('reflect-metadata');
    return load();
  };
}

/** The command named on the command line: its first word that is neither an option nor the value of -c/--config. */
function commandName(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-c' || arg === '--config') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

const named = commandName(process.argv.slice(2));
const loaders = named !== undefined && Object.hasOwn(COMMANDS, named) ? [COMMANDS[named]!] : Object.values(COMMANDS);
for (const register of await Promise.all(loaders.map((load) => load()))) register(program);

await runMain(async () => {
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    // Commander has already printed its message (unknown option, missing argument, --help).
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : 64;
      return;
    }
    throw err;
  }
});
