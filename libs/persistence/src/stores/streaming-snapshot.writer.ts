import type { FirstSnapshotWriter, SnapshotPart, SnapshotCommit, SyncLogger } from '#vigie/identity';
import type { SqlClient, SqlQuery } from '../sql-client.js';
import { ACCOUNT_COLUMNS, GROUP_COLUMNS, MEMBERSHIP_COLUMNS, OBJECT_COLUMNS } from './snapshot-columns.js';
import { BinaryCopyRows } from './copy-binary.js';
import { bulkInsert } from './sql-bulk.js';

export interface StreamingSnapshotOptions {
  /**
   * Drop the index by member when the writing starts and build it once the memberships are written (as soon as
   * accounts follow groups, else at the end), or keep it up to date row by row.
   */
  memberIndex: 'keep' | { drop: string; create: string };
  /** Writes the run's commit (state, run, what was not streamed) on the same transaction. */
  finish: (m: SqlQuery, commit: SnapshotCommit) => Promise<void>;
  logger: SyncLogger;
}

class Aborted extends Error {
  constructor() {
    super('the first snapshot was abandoned');
    this.name = 'Aborted';
  }
}

/**
 * A first snapshot written while the directory is read: one transaction on a connection of its own,
 * fed part by part (a page of entries), so that PostgreSQL writes on one core while the sync decodes
 * the next pages on the other; the transaction commits with the run, or rolls back on abort or on
 * any failure. Parts queue in memory: the read is never held up by the database.
 */
export class StreamingSnapshotWriter implements FirstSnapshotWriter {
  private readonly queue: SnapshotPart[] = [];
  private wake: (() => void) | undefined;
  private commit: SnapshotCommit | undefined;
  private aborted = false;
  private failure: unknown;
  private readonly done: Promise<void>;
  private readonly ms = { accounts: 0, groups: 0, memberships: 0, index: 0, finish: 0 };

  constructor(
    ds: SqlClient,
    private readonly directory: string,
    private readonly runId: string,
    private readonly options: StreamingSnapshotOptions,
  ) {
    this.done = ds.transaction((m) => this.run(m));
    // Kept for write() and finish(); never an unhandled rejection while the read goes on.
    this.done.catch((err: unknown) => {
      this.failure = err;
    });
  }

  write(part: SnapshotPart): void {
    if (this.failure !== undefined) throw this.failure;
    if (!part.accounts.length && !part.groups.length && !part.objects.length && !part.members.length) return;
    this.queue.push(part);
    this.signal();
  }

  async finish(commit: SnapshotCommit): Promise<void> {
    this.commit = commit;
    this.signal();
    await this.done;
    this.options.logger.debug({ msg: 'first snapshot written while read', directory: this.directory, runId: this.runId, ms: this.ms });
  }

  async abort(): Promise<void> {
    this.aborted = true;
    this.signal();
    await this.done.catch(() => undefined);
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private async run(m: SqlQuery): Promise<void> {
    const index = this.options.memberIndex;
    let indexMissing = index !== 'keep';
    let membersWritten = false;
    const createIndex = async () => {
      if (index === 'keep' || !indexMissing) return;
      const t = Date.now();
      await m.query(index.create);
      this.ms.index = Date.now() - t;
      indexMissing = false;
    };
    if (index !== 'keep') await m.query(index.drop);
    for (;;) {
      if (this.aborted) throw new Aborted();
      // Everything queued at once: a COPY per page of entries would cost more in round trips than in rows.
      const part = merge(this.queue.splice(0));
      if (part) {
        await this.writePart(m, part);
        membersWritten ||= part.members.length > 0;
        // Accounts coming after groups: a groups-first read (LDAP) has written its memberships. The index is
        // built now, while the accounts are read, rather than at the end; rows written after it keep it up to date.
        if (membersWritten && !part.members.length && !part.groups.length && part.accounts.length) await createIndex();
        continue;
      }
      if (this.commit) break;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    const commit = this.commit;
    await createIndex();
    const t = Date.now();
    await this.options.finish(m, commit);
    this.ms.finish = Date.now() - t;
  }

  private async writePart(m: SqlQuery, part: SnapshotPart): Promise<void> {
    const constants = { directory: this.directory, sync_run_id: this.runId };
    let t = Date.now();
    await bulkInsert(m, 'account', constants, ACCOUNT_COLUMNS, part.accounts);
    this.ms.accounts += Date.now() - t;
    t = Date.now();
    await bulkInsert(m, 'directory_group', constants, GROUP_COLUMNS, part.groups);
    await bulkInsert(m, 'directory_object', constants, OBJECT_COLUMNS, part.objects);
    this.ms.groups += Date.now() - t;
    t = Date.now();
    if (part.members.length) await this.writeMembers(m, part.members);
    this.ms.memberships += Date.now() - t;
  }

  /** Membership rows straight from each group's member list, without an object per row. */
  private async writeMembers(m: SqlQuery, members: SnapshotPart['members']): Promise<void> {
    if (m.copyFrom) {
      const directory = Buffer.from(this.directory);
      function* chunks(): Generator<Buffer> {
        const rows = new BinaryCopyRows();
        for (const { groupDnNorm, memberDnNorms } of members) {
          // What every row of the group starts with: 3 fields, the directory, the group.
          const group = Buffer.from(groupDnNorm);
          const start = Buffer.alloc(2 + 4 + directory.length + 4 + group.length);
          let at = start.writeInt16BE(3, 0);
          at = start.writeInt32BE(directory.length, at);
          at += directory.copy(start, at);
          at = start.writeInt32BE(group.length, at);
          group.copy(start, at);
          for (const member of memberDnNorms) {
            rows.raw(start);
            rows.text(member);
          }
          yield* rows.take();
        }
        yield* rows.end();
      }
      await m.copyFrom(`COPY membership (directory, group_dn_norm, member_dn_norm) FROM STDIN (FORMAT binary)`, chunks());
      return;
    }
    const rows = members.flatMap(({ groupDnNorm, memberDnNorms }) => memberDnNorms.map((memberDnNorm) => ({ groupDnNorm, memberDnNorm })));
    await bulkInsert(m, 'membership', { directory: this.directory }, MEMBERSHIP_COLUMNS, rows);
  }
}

function merge(parts: SnapshotPart[]): SnapshotPart | undefined {
  if (parts.length <= 1) return parts[0];
  const merged: SnapshotPart = { accounts: [], groups: [], objects: [], members: [] };
  for (const part of parts) {
    for (const a of part.accounts) merged.accounts.push(a);
    for (const g of part.groups) merged.groups.push(g);
    for (const o of part.objects) merged.objects.push(o);
    for (const m of part.members) merged.members.push(m);
  }
  return merged;
}
