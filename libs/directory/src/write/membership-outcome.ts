/**
 * What the server's answer to a member write means. A write that finds the group already as asked is a success, so
 * that a provisioning job retried after a lost answer does not fail: adding, OpenLDAP answers 20 typeOrValueExists and
 * Samba 68 entryAlreadyExists (Windows 20); removing, 16 noSuchAttribute, and AD 53 unwillingToPerform, which AD also
 * gives for other refusals, so that one is checked by reading the group back.
 */

/** 'added' (success), 'already', or null: a failure to report. */
export function addOutcome(code: number): 'added' | 'already' | null {
  if (code === 0) return 'added';
  return code === 20 || code === 68 ? 'already' : null;
}

/** 'removed' (success), 'absent', 'read-back' (AD's 53: absent only if the group does not hold it), or null: a failure. */
export function removeOutcome(code: number, kind: 'ldap' | 'ad'): 'removed' | 'absent' | 'read-back' | null {
  if (code === 0) return 'removed';
  if (code === 16) return 'absent';
  return code === 53 && kind === 'ad' ? 'read-back' : null;
}
