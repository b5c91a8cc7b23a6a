import type { DirectorySnapshot } from '#vigie/identity';
import { type GroupReferenceResolution, unknownReason } from './group-reference.js';
import { membershipsOf } from './graph-memberships.js';
import type { Memberships } from './memberships.js';

export interface DirectoryResolution extends GroupReferenceResolution {
  directory: string;
}

export interface GroupReferenceResolverOptions {
  /** The policy's everyoneGroups: they make a reference everyone-like, never known or unknown. */
  everyoneGroups?: readonly string[];
  /** What the directories are, in reasons: `the LDIF export acme.ldif`; by default `directory corp` or `directories a, b`. */
  label?: string;
}

/**
 * Group references checked against every directory one policy serves, with each directory's own answer
 * (Memberships.resolveReference) merged: a reference is known when one directory knows it, since a group of one
 * directory is not expected in the others, and everyone-like when it stands for everybody in one of them. The audit's
 * list of unresolved references, `vigie policy validate` and `vigie policy simulate` all ask it.
 */
export class GroupReferenceResolver {
  readonly label: string;

  constructor(
    private readonly directories: readonly Pick<Memberships, 'directory' | 'resolveReference'>[],
    label?: string,
  ) {
    const names = directories.map((d) => d.directory);
    this.label = label ?? `${names.length === 1 ? 'directory' : 'directories'} ${names.join(', ')}`;
  }

  static ofSnapshots(snapshots: readonly DirectorySnapshot[], options: GroupReferenceResolverOptions = {}): GroupReferenceResolver {
    return new GroupReferenceResolver(
      snapshots.map((s) => membershipsOf(s, { everyoneGroups: options.everyoneGroups })),
      options.label,
    );
  }

  /** Each directory's answer, in the order the directories were given. */
  resolveIn(ref: string): DirectoryResolution[] {
    return this.directories.map((d) => ({ ...d.resolveReference(ref), directory: d.directory }));
  }

  /** One answer over every directory (principals of all of them). */
  resolve(ref: string): GroupReferenceResolution {
    const answers = this.resolveIn(ref);
    const principals = answers.flatMap((a) => a.principals);
    const open = answers.find((a) => a.status === 'everyone-like');
    if (open) return { ref, status: 'everyone-like', principals, reason: open.reason };
    if (principals.length) return { ref, status: 'group', principals };
    const whys = [...new Set(answers.map((a) => a.unknown ?? 'not-found'))];
    // One reason for all the directories reads better than the same sentence once per directory.
    const reason = whys.length === 1 ? unknownReason(whys[0], ref, this.label) : answers.map((a) => a.reason).join('; ');
    return { ref, status: 'unknown', principals: [], unknown: whys.length === 1 ? whys[0] : 'not-found', reason };
  }

  /** Why no directory knows the reference, or undefined when one does: what the policy library's checks ask. */
  unknownReason(ref: string): string | undefined {
    const answer = this.resolve(ref);
    return answer.status === 'unknown' ? answer.reason : undefined;
  }
}
