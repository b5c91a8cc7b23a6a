import { type Command, Option } from 'commander';
import { accessRequestView } from '#vigie/application';
import { formatRequest } from '../requests/request-output.js';
import { type RequestCli, TERMINAL, print } from '../requests/request-cli.js';

/**
 * `vigie approve <id>` and `vigie reject <id>`: a decision on the stage a request waits at, with a comment, by the
 * person `--as` names (their stage, their delegation, never their own request: checked as for the API). Two verbs
 * rather than `approve --reject`: the command says what it does.
 */
export function registerApproveCommand(program: Command, cli: RequestCli = TERMINAL): void {
  registerDecision(program, cli, 'approve', 'approve the stage an access request waits at: the next stage opens, or the grant is provisioned after the last');
}

export function registerRejectCommand(program: Command, cli: RequestCli = TERMINAL): void {
  registerDecision(program, cli, 'reject', 'reject an access request at the stage it waits at: it ends there and nothing is granted');
}

function registerDecision(program: Command, cli: RequestCli, decision: 'approve' | 'reject', description: string): void {
  program
    .command(`${decision} <id>`)
    .description(description)
    .requiredOption('--comment <text>', 'why (at least 3 characters; the requester and the next approvers read it)')
    .addOption(new Option('--as <login>', 'the login of the person deciding (sAMAccountName or uid)').makeOptionMandatory())
    .option('--json', 'the request as the API answers it')
    .action(async (id: string, opts: { comment: string; as: string; json?: boolean }, cmd: Command) => {
      const decided = await cli.withVigie(cmd, (v) => v.run('decide-access-request', { id, decision, comment: opts.comment, as: opts.as }));
      const view = accessRequestView(decided);
      print(cli, opts.json, view, () => formatRequest(view));
    });
}
