import type { EffectiveAccessService } from '#vigie/access';
import type { PolicySource } from '#vigie/policy';
import type { PolicyResources, ResourceHolders } from '#vigie/reporting';

/** The personal-data resources of the policy in force and their holders, as the effective-access service answers. */
export class PolicyResourcesOfAccess implements PolicyResources {
  constructor(
    private readonly policies: PolicySource,
    private readonly access: EffectiveAccessService,
  ) {}

  async personalDataResources() {
    const policy = await this.policies.load();
    return policy.resources
      .filter((r) => r.personalData)
      .map((r) => ({ id: r.id, name: r.name ?? r.id, criticality: r.criticality ?? null, categories: [...(r.personalData?.categories ?? [])] }));
  }

  async holders(resourceId: string, first: number): Promise<ResourceHolders> {
    const view = await this.access.resourceAccess(resourceId, { limit: first, offset: 0 });
    return { total: view.total, first: view.holders.map((h) => h.login ?? h.dn) };
  }
}
