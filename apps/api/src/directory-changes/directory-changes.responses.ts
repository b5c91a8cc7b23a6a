import * as z from 'zod';
import type { UseCaseOutput } from '#vigie/application';
import { InstantSchema } from '../openapi/instant.schema.js';

const ChangeValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);
const common = {
  runId: z.string().describe('the sync run that found the change'),
  directory: z.string(),
  seq: z.int().min(0).describe('order of the change within its run'),
  at: InstantSchema.describe('when the run finished: when the snapshot changed'),
};

const ObjectChangeSchema = z
  .strictObject({
    kind: z.literal('object'),
    ...common,
    action: z.enum(['added', 'modified', 'moved', 'removed']),
    objectType: z.string().describe('user, computer, group, ou, printer, share, foreign'),
    objectGuid: z.string().nullable(),
    dn: z.string().describe('the DN now; for a removed object, its last known DN'),
    oldDn: z.string().nullable().describe('moves: the DN before'),
    name: z.string().nullable().describe('login of an account, name of anything else'),
    changes: z.array(z.strictObject({ attribute: z.string(), old: ChangeValueSchema, new: ChangeValueSchema })),
  })
  .meta({ id: 'DirectoryObjectChange' });

const MembershipChangeSchema = z
  .strictObject({
    kind: z.literal('membership'),
    ...common,
    action: z.enum(['added', 'removed']),
    groupDn: z.string(),
    groupName: z.string().nullable(),
    groupGuid: z.string().nullable(),
    memberDn: z.string(),
    memberName: z.string().nullable(),
    memberGuid: z.string().nullable(),
    memberType: z.string().nullable().describe('null: the member names no synchronised object'),
  })
  .meta({ id: 'DirectoryMembershipChange' });

export const DirectoryChangesPageSchema = z
  .strictObject({
    items: z.array(z.discriminatedUnion('kind', [ObjectChangeSchema, MembershipChangeSchema])).describe('newest run first'),
    nextCursor: z.string().nullable().describe('pass it as cursor for the next (older) page; null on the last'),
  })
  .meta({ id: 'DirectoryChangesPage' });

const SyncRunSchema = z
  .strictObject({
    id: z.string(),
    directory: z.string(),
    mode: z.enum(['full', 'incremental']),
    status: z.enum(['running', 'succeeded', 'failed']),
    startedAt: InstantSchema,
    finishedAt: InstantSchema.nullable(),
    error: z.string().nullable(),
    stats: z.record(z.string(), z.number()).describe('counts: entries, accounts, groups, added, modified, moved, removed, membershipsAdded, ...'),
  })
  .meta({ id: 'SyncRun' });

export const SyncRunsPageSchema = z
  .strictObject({
    items: z.array(SyncRunSchema).describe('newest started first'),
    nextCursor: z.string().nullable().describe('pass it as cursor for the next (older) page; null on the last'),
  })
  .meta({ id: 'SyncRunsPage' });

export type DirectoryChangesPageResponse = z.infer<typeof DirectoryChangesPageSchema>;
export type SyncRunsPageResponse = z.infer<typeof SyncRunsPageSchema>;

export const toDirectoryChangesPage = (page: UseCaseOutput<'list-directory-changes'>): DirectoryChangesPageResponse => ({
  items: page.items.map((c) => ({ ...c, at: c.at.toISOString() })),
  nextCursor: page.nextCursor,
});

export const toSyncRunsPage = (page: UseCaseOutput<'list-sync-runs'>): SyncRunsPageResponse => ({
  items: page.items.map((r) => ({
    ...r,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
    stats: r.stats as Record<string, number>,
  })),
  nextCursor: page.nextCursor,
});
