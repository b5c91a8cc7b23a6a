import { Injectable, Logger } from '@nestjs/common';
import { type DirectorySource, DirectoryReader, normalizeDn } from '#vigie/directory';
import { TrailContext, TrailWriter } from '#vigie/trail';
import { mapEntry } from './entry-mapper.js';
import { SnapshotStore } from './ports/snapshot.store.js';
import { SyncRunStore } from './ports/sync-run.store.js';
import type { AccountRecord, GroupRecord, MembershipRecord } from './snapshot.model.js';
import type { SyncStats } from './sync-run.model.js';

export interface SyncResult {
  runId: string;
  directory: string;
  stats: SyncStats;
  durationMs: number;
}

export interface SyncProgress {
  entries: number;
}

/**
 * Full synchronisation of one directory: read every entry, map it, and replace the stored picture
 * at once. A run is recorded before reading starts, so a failure is kept with its reason while the
 * previous picture stays in place.
 */
@Injectable()
export class SyncService {
  private readonly logger = new Logger(SyncService.name);

  constructor(
    private readonly reader: DirectoryReader,
    private readonly snapshots: SnapshotStore,
    private readonly runs: SyncRunStore,
    private readonly trail: TrailWriter,
  ) {}

  async sync(source: DirectorySource, onProgress?: (p: SyncProgress) => void): Promise<SyncResult> {
    const started = Date.now();
    const runId = await this.runs.start(source.name, 'full');
    // The job's id when a job runs this (scheduler, CLI command), else the run itself.
    const correlationId = TrailContext.current().correlationId ?? runId;
    const trailOf = (action: string, extra: { after?: unknown; reason?: string }) =>
      this.trail.record({ action, actor: { type: 'system', id: 'sync' }, target: { type: 'directory', id: source.name }, correlationId, ...extra });
    await trailOf('sync.started', { after: { runId, mode: 'full' } });
    const stats: SyncStats = { entries: 0, accounts: 0, groups: 0, memberships: 0, unresolvedMembers: 0, skipped: 0 };
    try {
      const accounts: AccountRecord[] = [];
      const groups: GroupRecord[] = [];
      const rawMembers: Array<{ group: string; member: string }> = [];
      const rawMemberUids: Array<{ group: string; uid: string }> = [];
      for await (const entry of this.reader.read(source)) {
        stats.entries++;
        if (onProgress && stats.entries % 1000 === 0) onProgress({ entries: stats.entries });
        const mapped = mapEntry(source.name, entry);
        if (mapped.type === 'account') accounts.push(mapped.account);
        else if (mapped.type === 'group') {
          groups.push(mapped.group);
          for (const m of mapped.members) rawMembers.push({ group: mapped.group.dnNorm, member: m });
          for (const uid of mapped.memberUids) rawMemberUids.push({ group: mapped.group.dnNorm, uid });
        } else stats.skipped++;
      }
      onProgress?.({ entries: stats.entries });
      const memberships = resolveMemberships(accounts, groups, rawMembers, rawMemberUids, stats);
      stats.accounts = accounts.length;
      stats.groups = groups.length;
      stats.memberships = memberships.length;
      await this.snapshots.replace(source.name, { accounts, groups, memberships }, runId);
      await this.runs.succeed(runId, stats);
      await trailOf('sync.succeeded', { after: { runId, ...stats } });
      const durationMs = Date.now() - started;
      this.logger.log({ msg: 'sync succeeded', directory: source.name, runId, durationMs, ...stats });
      return { runId, directory: source.name, stats, durationMs };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      await this.runs.fail(runId, reason, stats).catch((e) => this.logger.error(`could not record the failed run ${runId}: ${e}`));
      await trailOf('sync.failed', { after: { runId, ...stats }, reason }).catch((e) => this.logger.error(`could not record the failed run ${runId} in the trail: ${e}`));
      this.logger.warn({ msg: 'sync failed; the previous picture is kept', directory: source.name, runId, reason });
      throw err;
    }
  }
}

function resolveMemberships(
  accounts: AccountRecord[],
  groups: GroupRecord[],
  rawMembers: Array<{ group: string; member: string }>,
  rawMemberUids: Array<{ group: string; uid: string }>,
  stats: SyncStats,
): MembershipRecord[] {
  const known = new Set<string>([...accounts.map((a) => a.dnNorm), ...groups.map((g) => g.dnNorm)]);
  const byUid = new Map<string, string>();
  for (const a of accounts) if (a.login) byUid.set(a.login.toLowerCase(), a.dnNorm);
  const seen = new Set<string>();
  const out: MembershipRecord[] = [];
  const add = (groupDnNorm: string, memberDnNorm: string) => {
    const key = `${groupDnNorm}\u0000${memberDnNorm}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ groupDnNorm, memberDnNorm });
  };
  for (const { group, member } of rawMembers) {
    let norm: string;
    try {
      norm = normalizeDn(member);
    } catch {
      stats.unresolvedMembers++;
      continue;
    }
    // Kept even when unknown: a member in another domain or partition is still a member.
    if (!known.has(norm)) stats.unresolvedMembers++;
    add(group, norm);
  }
  for (const { group, uid } of rawMemberUids) {
    const dn = byUid.get(uid.toLowerCase());
    if (dn) add(group, dn);
    else stats.unresolvedMembers++;
  }
  return out;
}
