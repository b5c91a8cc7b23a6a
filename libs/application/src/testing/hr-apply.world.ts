import { hrSettingsOf } from '#vigie/hr';
import type { HrWorld, PasswordDelivery } from '../use-cases/apply-hr-event/hr-apply.ports.js';
import { FakeAccountDirectory } from './fake-account-directory.js';
import { hrEventsWorld } from './hr-events.world.js';

export const HR_OUS = { finance: 'ou=finance,ou=people,dc=acme,dc=test', sales: 'ou=sales,ou=people,dc=acme,dc=test', leavers: 'ou=leavers,dc=acme,dc=test' };
export const HR_GROUPS = {
  all: 'cn=all-staff,ou=groups,dc=acme,dc=test',
  finance: 'cn=finance,ou=groups,dc=acme,dc=test',
  sales: 'cn=sales,ou=groups,dc=acme,dc=test',
};

/**
 * The worker's world in memory: hrEventsWorld's store, trail and jobs, a fake directory, a policy with Finance and Sales (each its OU and its
 * group, all-staff for everyone), and a delivery that counts what it was given without keeping a password.
 */
export function hrApplyWorld() {
  const { store, trail, jobs, uow } = hrEventsWorld();
  const directory = new FakeAccountDirectory();
  const settings = hrSettingsOf({
    hr: { departments: { Finance: HR_OUS.finance, Ventes: HR_OUS.sales }, leaversOu: HR_OUS.leavers },
    moverGraceDays: 30,
    leaverRetentionDays: 90,
  });
  const world: HrWorld = {
    settings,
    birthrightGroups: async (identity) => {
      const dns = [HR_GROUPS.all];
      if (identity.department === 'Finance') dns.push(HR_GROUPS.finance);
      if (identity.department === 'Ventes') dns.push(HR_GROUPS.sales);
      return { dns, unresolved: identity.title === 'Auditeur' ? ['GG-Audit'] : [] };
    },
  };
  const delivered: Array<{ login: string; managerMail: string | null; length: number }> = [];
  const delivery: PasswordDelivery = {
    deliver: async (to, password) => {
      delivered.push({ login: to.login, managerMail: to.managerMail, length: password.length });
      return 'manager-mail';
    },
  };
  return { store, trail, jobs, uow, directory, world, delivery, delivered };
}
