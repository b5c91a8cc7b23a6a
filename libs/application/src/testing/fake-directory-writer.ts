import { VigieError } from '#vigie/common';
import type { DirectoryWriter } from '#vigie/directory';
import type { AccessRequest } from '#vigie/requests';

/**
 * A directory's memberships in memory, with the failures a spec asks for: `down` answers 'unavailable' (the server
 * cannot be reached), `refuse` a VigieError of that kind on writes, `forget` drops writes (a read-back that disagrees).
 */
export class FakeDirectoryWriter implements Pick<DirectoryWriter, 'addMember' | 'removeMember' | 'isMember'> {
  readonly members = new Set<string>();
  readonly writes: string[] = [];
  down = false;
  refuse: VigieError['kind'] | null = null;
  forget = false;

  private key(directory: string, groupDn: string, memberDn: string): string {
    return `${directory}|${groupDn.toLowerCase()}|${memberDn.toLowerCase()}`;
  }

  private check(write: boolean): void {
    if (this.down) throw new VigieError('unavailable', 'corp: cannot reach ldap://127.0.0.1:1');
    if (write && this.refuse) throw new VigieError(this.refuse, 'corp: modify of cn=finance-rw refused: insufficientAccessRights');
  }

  async addMember(directory: string, groupDn: string, memberDn: string): Promise<'added' | 'already'> {
    this.check(true);
    this.writes.push(`add ${memberDn} to ${groupDn}`);
    const key = this.key(directory, groupDn, memberDn);
    if (this.members.has(key)) return 'already';
    if (!this.forget) this.members.add(key);
    return 'added';
  }

  async removeMember(directory: string, groupDn: string, memberDn: string): Promise<'removed' | 'absent'> {
    this.check(true);
    this.writes.push(`remove ${memberDn} from ${groupDn}`);
    const key = this.key(directory, groupDn, memberDn);
    if (!this.members.has(key)) return 'absent';
    if (!this.forget) this.members.delete(key);
    return 'removed';
  }

  async isMember(directory: string, groupDn: string, memberDn: string): Promise<boolean> {
    this.check(false);
    return this.members.has(this.key(directory, groupDn, memberDn));
  }

  /** Puts the member in the group, as someone outside Vigie would. */
  grant(request: AccessRequest): void {
    const g = request.grant!;
    this.members.add(this.key(g.directory, g.groupDn, g.memberDn));
  }

  holds(request: AccessRequest): boolean {
    const g = request.grant!;
    return this.members.has(this.key(g.directory, g.groupDn, g.memberDn));
  }
}
