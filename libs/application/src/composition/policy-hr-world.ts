import { readGroupReference } from '#vigie/access';
import type { HrSettings } from '#vigie/hr';
import type { SnapshotStore } from '#vigie/identity';
import { Birthrights, type Policy } from '#vigie/policy';
import type { HrIdentity, HrWorld } from '../use-cases/apply-hr-event/hr-apply.ports.js';

/**
 * The policy in force for the HR worker: its hr settings, and the birthright rules' groups as DNs of the target
 * directory. A reference written as a DN is taken as it is; a name is looked up among the groups of the directory's
 * latest snapshot (sAMAccountName or CN, without case). Unknown names are answered apart.
 */
export class PolicyHrWorld implements HrWorld {
  private readonly birthrights: Birthrights;
  private groupsByName: Promise<Map<string, string>> | null = null;

  constructor(
    policy: Policy,
    readonly settings: HrSettings,
    private readonly directory: string,
    private readonly snapshots: () => Promise<Pick<SnapshotStore, 'index'>>,
  ) {
    this.birthrights = new Birthrights(policy);
  }

  async birthrightGroups(identity: HrIdentity): Promise<{ dns: string[]; unresolved: string[] }> {
    const refs = new Set<string>();
    for (const expectation of this.birthrights.expectedFor(identity)) {
      for (const level of expectation.levels) for (const ref of expectation.resource.grants[level] ?? []) refs.add(ref);
    }
    const dns: string[] = [];
    const unresolved: string[] = [];
    for (const ref of refs) {
      const form = readGroupReference(ref);
      if (form.kind === 'dn') dns.push(ref.trim());
      else if (form.kind === 'name') {
        const dn = (await this.names()).get(form.name);
        if (dn) dns.push(dn);
        else unresolved.push(ref);
      } else unresolved.push(ref);
    }
    return { dns: [...new Map(dns.map((d) => [d.toLowerCase(), d])).values()], unresolved };
  }

  private names(): Promise<Map<string, string>> {
    this.groupsByName ??= this.snapshots().then(async (store) => {
      const map = new Map<string, string>();
      for (const ref of await store.index(this.directory)) {
        if (ref.table !== 'group') continue;
        const cn = /^cn=([^,]+)/i.exec(ref.dn)?.[1];
        if (cn) map.set(cn.toLowerCase(), ref.dn);
        if (ref.name) map.set(ref.name.toLowerCase(), ref.dn);
      }
      return map;
    });
    return this.groupsByName;
  }
}
