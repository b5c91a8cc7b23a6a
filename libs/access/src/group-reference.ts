import { normalizeDn } from '#vigie/directory';
import type { Principal } from './effective-access.model.js';
import { wellKnownName, wellKnownSidOf } from './well-known-principals.js';

/**
 * How a policy names a group, read before any directory is asked: a SID or the name of a well-known principal
 * (Everyone, Tout le monde, Authenticated Users...), a DN, or a name (sAMAccountName or the CN). Every reader of
 * group references goes through here (the audit, `vigie policy validate` and `simulate`, the database slices the
 * API reads), so a reference cannot mean one thing to one of them and another to the next.
 */
export type GroupReferenceForm =
  { kind: 'sid'; sid: string } | { kind: 'dn'; dnNorm: string } | { kind: 'name'; name: string } | { kind: 'invalid'; reason: string };

export function readGroupReference(ref: string): GroupReferenceForm {
  const text = ref.trim();
  const sid = wellKnownSidOf(text);
  if (sid) return { kind: 'sid', sid };
  if (text.includes('=')) {
    try {
      return { kind: 'dn', dnNorm: normalizeDn(text) };
    } catch (error) {
      // No group name holds "=": this was meant as a DN.
      return { kind: 'invalid', reason: error instanceof Error ? error.message : String(error) };
    }
  }
  return { kind: 'name', name: text.toLowerCase() };
}

/**
 * What a reference designates in one directory (or, from GroupReferenceResolver, in any of several):
 * - `group`: directory principals (groups, foreign security principals), some accounts reach them;
 * - `everyone-like`: a principal that stands for every account (Everyone, Authenticated Users, Domain Users, one of
 *   the policy's everyoneGroups...), which the audit honours and G-OPEN-SHARE reports;
 * - `unknown`: nothing, and `reason` says why in words for the policy's author.
 */
export type GroupReferenceStatus = 'group' | 'everyone-like' | 'unknown';

export type UnknownWhy = 'not-found' | 'account' | 'no-object' | 'invalid-dn';

export interface GroupReferenceResolution {
  ref: string;
  status: GroupReferenceStatus;
  /** The principals designated, never accounts (the policy grants through groups); empty when unknown. */
  principals: readonly Principal[];
  /** Why it stands for everybody, or why nothing matched. */
  reason?: string;
  /** Set when unknown: which of the reasons, so that answers of several directories can be merged. */
  unknown?: UnknownWhy;
}

/** Why nothing matches, worded for the person who wrote the policy; `where` is `directory corp-ad`, `the LDIF export x`... */
export function unknownReason(why: UnknownWhy, ref: string, where: string): string {
  const form = readGroupReference(ref);
  switch (why) {
    case 'invalid-dn':
      return `not a valid DN (${form.kind === 'invalid' ? form.reason : 'unreadable'}): write the group's DN as the directory shows it, or its name`;
    case 'account':
      return `this names an account of ${where}, not a group: access is granted through groups (name the group instead)`;
    case 'no-object': {
      const sid = form.kind === 'sid' ? form.sid : '';
      return `${wellKnownName(sid) ?? sid} (${sid}) is a well-known principal that no object of ${where} stands for: no account reaches it there (name the group that holds the access instead)`;
    }
    case 'not-found':
      return form.kind === 'sid'
        ? `no group of ${where} has this SID (check the SID's domain part, or sync the directory first)`
        : `no group of ${where} has this name or DN (check the spelling, or sync the directory first)`;
  }
}
