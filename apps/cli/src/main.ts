#!/usr/bin/env node
import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { registerAuditLogCommand } from './commands/audit-log.command.js';
import { registerAuditCommand } from './commands/audit.command.js';
import { registerDemoCommand } from './commands/demo.command.js';
import { registerGdprCommand } from './commands/gdpr.command.js';
import { registerFindingsCommand } from './commands/findings.command.js';
import { registerPolicyCommand } from './commands/policy.command.js';
import { registerServeCommand } from './commands/serve.command.js';
import { registerSyncCommand } from './commands/sync.command.js';
import { registerTokenCommand } from './commands/token.command.js';
import { runMain } from './run-main.js';

const program = new Command('vigie')
  .description('Vigie: identity and access governance for Active Directory and OpenLDAP')
  .version('0.1.0')
  .option('-c, --config <file>', 'YAML configuration file (default: $VIGIE_CONFIG, else ./vigie.yaml if present)')
  .option('-v, --verbose', 'log debug details to stderr')
  .showHelpAfterError()
  .exitOverride();

registerSyncCommand(program);
registerAuditCommand(program);
registerFindingsCommand(program);
registerTokenCommand(program);
registerAuditLogCommand(program);
registerGdprCommand(program);
registerPolicyCommand(program);
registerServeCommand(program);
registerDemoCommand(program);

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
