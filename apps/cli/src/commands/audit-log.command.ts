import type { WriteStream } from 'node:fs';
import type { Command } from 'commander';
import { VigieError } from '#vigie/common';
import { DEFAULT_PSEUDONYM_KEY_FILE, DEFAULT_SIGNING_KEY_FILE, TRAIL_KINDS, checkLogRetention, describeCheckpoint } from '#vigie/trail';
import { type GlobalOptions, configFor } from '../global-options.js';
import { openOutputStream } from '../output-file.js';
import { withVigie } from '../with-vigie.js';

const FORMATS = ['jsonl', 'csv'] as const;

export function registerAuditLogCommand(program: Command): void {
  const log = program.command('audit-log').description('the tamper-evident trail of every change: verify it, export it, sign checkpoints, prune it');

  log
    .command('verify')
    .description(
      'check the trail against the pinned keys and the published checkpoints; report the first entry altered, removed, reordered or blanked outside erasure (exit 1 if any)',
    )
    .option('--from <checkpoint>', 'start from this checkpoint id (its chain only), or "latest" (each chain from its latest checkpoint)')
    .option(
      '--published <file>',
      'check against this file of published checkpoints (JSON lines, e.g. kept by a webhook receiver) instead of trail.publish.file',
    )
    .option('--json', 'print the report as JSON')
    .action(async (opts: { from?: string; published?: string; json?: boolean }, cmd: Command) => {
      await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), async (cli) => {
        const r = await cli.run('verify-trail', { from: opts.from, published: opts.published });
        if (opts.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
        else {
          for (const c of r.chains) {
            process.stdout.write(
              `${c.chain.padEnd(9)} ${c.problem ? 'FAILED' : 'ok    '} ${c.entries} entries checked from ${c.anchor.label} to entry ${c.lastSeq}, ${c.checkpointsMatched} checkpoints matched\n`,
            );
          }
          for (const p of r.problems) process.stdout.write(`  ${p.kind}: ${p.message}\n`);
          for (const w of r.warnings) process.stdout.write(`warning: ${w}\n`);
          const rotations = r.trust.rotations.map((x) => `${x.from} → ${x.to} (entry ${x.seq})`).join(', ');
          process.stdout.write(
            `keys trusted: ${r.trust.pinned.join(', ')} (${r.trust.pinnedFrom})${rotations ? `, rotated ${rotations}` : ''}; ` +
              `outside copy: ${r.published.source ? `${r.published.checkpoints} checkpoints in ${r.published.source}` : 'none'}; ${r.erasures.records} erasure records\n`,
          );
          process.stdout.write(
            `${r.ok ? 'The trail verifies' : 'The trail does NOT verify'} (${r.checkpoints.valid} valid checkpoints, ${(r.durationMs / 1000).toFixed(1)} s)\n`,
          );
        }
        if (!r.ok) process.exitCode = 1;
      });
    });

  log
    .command('export')
    .description('export entries with the checkpoints that prove them, as JSON lines or CSV')
    .option('-f, --format <format>', `${FORMATS.join(' or ')}`, 'jsonl')
    .option('--from <time>', 'first time included (ISO 8601)')
    .option('--to <time>', 'last time included (ISO 8601)')
    .option('--kind <kind>', `only one kind: ${TRAIL_KINDS.join(', ')}`)
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(async (opts: { format: string; from?: string; to?: string; kind?: string; output?: string }, cmd: Command) => {
      const out: WriteStream | NodeJS.WriteStream = opts.output ? await openOutputStream(opts.output) : process.stdout;
      // A write that fails (a full disk) ends the export with its error rather than waiting for a drain that never comes.
      const write = (text: string) =>
        out.write(text) ? undefined : new Promise<void>((resolve, reject) => out.once('drain', () => resolve()).once('error', reject));
      const result = await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), (cli) =>
        cli.run('export-trail', {
          format: opts.format as 'jsonl',
          from: opts.from,
          to: opts.to,
          kind: opts.kind as 'access' /* any text: the use case's schema checks it */,
          write,
        }),
      );
      if (opts.output) await new Promise<void>((resolve, reject) => (out as WriteStream).end((err?: Error | null) => (err ? reject(err) : resolve())));
      process.stderr.write(
        `${result.entries} entries exported${opts.output ? ` to ${opts.output}` : ''}, proved by ${result.checkpoints.map(describeCheckpoint).join(', ') || 'no checkpoint (nothing in range)'}\n`,
      );
    });

  log
    .command('checkpoint')
    .description('sign the head of each chain into a checkpoint now (the worker does it on trail.checkpointCron)')
    .option('--list', 'list the checkpoints instead, as JSON lines (keep a copy outside the database)')
    .action(async (opts: { list?: boolean }, cmd: Command) => {
      await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), async (cli) => {
        if (opts.list) {
          for (const c of await cli.run('list-checkpoints', {})) process.stdout.write(`${JSON.stringify(c)}\n`);
          return;
        }
        const { ran, checkpoints: made } = await cli.run('checkpoint-trail', { reason: 'manual' });
        if (!ran) throw new VigieError('conflict', 'another process is signing checkpoints right now (the scheduler): try again in a moment');
        for (const c of made) process.stdout.write(`${JSON.stringify(c)}\n`);
        process.stderr.write(made.length ? `${made.length} checkpoints signed (key ${made[0].keyId})\n` : 'the trail is empty: nothing to sign\n');
      });
    });

  log
    .command('prune')
    .description('remove entries past their retention (trail.retention.<kind>.days), leaving a signed checkpoint so the rest verifies')
    .option('--kind <kind>', `only one kind: ${TRAIL_KINDS.join(', ')}`)
    .action(async (opts: { kind?: string }, cmd: Command) => {
      const config = configFor(cmd.optsWithGlobals<GlobalOptions>());
      for (const i of checkLogRetention(config.trail.retention)) process.stderr.write(`warning: ${i.rule}: ${i.message}\n`);
      await withVigie(config, async (cli) => {
        const { ran, results } = await cli.run('prune-trail', { kind: opts.kind as 'access' | undefined /* checked by the use case's schema */ });
        if (!ran) throw new VigieError('conflict', 'another process is pruning the trail right now (the scheduler): try again when it has finished');
        for (const r of results) {
          process.stdout.write(
            r.removed
              ? `${r.chain}: ${r.removed} entries older than ${r.retentionDays} days removed (up to entry ${r.uptoSeq}); the rest verifies from checkpoint ${r.checkpointId}\n`
              : `${r.chain}: nothing older than ${r.retentionDays} days\n`,
          );
        }
      });
    });

  log
    .command('keygen')
    .description('create the trail keys (Ed25519 signing key, HMAC pseudonym key) in new files, mode 0600')
    .option('--signing-key-file <file>', 'where to write the signing key', DEFAULT_SIGNING_KEY_FILE)
    .option('--pseudonym-key-file <file>', 'where to write the pseudonym key', DEFAULT_PSEUDONYM_KEY_FILE)
    .action(async (opts: { signingKeyFile: string; pseudonymKeyFile: string }, cmd: Command) => {
      // No database: the keys are files; the configuration is read only for its validity.
      const keys = await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), (cli) =>
        cli.run('generate-trail-keys', { signingKeyFile: opts.signingKeyFile, pseudonymKeyFile: opts.pseudonymKeyFile }),
      );
      process.stderr.write(
        `wrote ${opts.signingKeyFile} and ${opts.pseudonymKeyFile}; set trail.signingKeyFile and trail.pseudonymKeyFile (or VIGIE_TRAIL_SIGNING_KEY_FILE and VIGIE_TRAIL_PSEUDONYM_KEY_FILE) to them,\n` +
          `back them up, and keep this public key (key id ${keys.keyId}) outside Vigie to check checkpoints:\n`,
      );
      process.stdout.write(keys.publicKeyPem);
      process.stderr.write(`to pin it (trail.pinnedPublicKeys or VIGIE_TRAIL_PINNED_PUBLIC_KEYS): ${keys.publicKey}\n`);
    });

  log
    .command('rotate-key')
    .description('hand the trust of the signing key over to a new one: a trail entry signed by both, and a last checkpoint of the current key')
    .requiredOption('--new-signing-key-file <file>', 'the new signing key (created, mode 0600, when the file does not exist)')
    .action(async (opts: { newSigningKeyFile: string }, cmd: Command) => {
      await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), async (cli) => {
        const r = await cli.run('rotate-trail-key', { newSigningKeyFile: opts.newSigningKeyFile });
        process.stdout.write(`${JSON.stringify(r)}\n`);
        process.stderr.write(
          `key ${r.from} handed over to ${r.to} (entry ${r.seq} of the change trail${r.created ? `; ${r.newSigningKeyFile} created` : ''}).\n` +
            `Now set trail.signingKeyFile (VIGIE_TRAIL_SIGNING_KEY_FILE) to ${r.newSigningKeyFile} on every replica and restart them, ` +
            `and add ${r.publicKey} to trail.pinnedPublicKeys (keep the old key pinned: it vouches for the checkpoints it signed).\n`,
        );
      });
    });
}
