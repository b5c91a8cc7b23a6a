import type { EnqueueOptions, JobPayload } from '#vigie/common';
import { InMemoryUnitOfWork } from '#vigie/common/testing';
import { hrSettingsOf } from '#vigie/hr';
import { InMemoryHrEventStore } from '#vigie/hr/testing';
import { BufferedTrailWriter, RecordingTrailWriter } from '#vigie/trail/testing';
import type { HrWorld, PasswordDelivery } from '../use-cases/apply-hr-event/hr-apply.ports.js';
import type { HrTransaction } from '../use-cases/shared/hr-transaction.js';
import type { EnqueuedJob } from './access-requests.world.js';
import { FakeAccountDirectory } from './fake-account-directory.js';

export const HR_OUS = { finance: 'ou=finance,ou=people,dc=acme,dc=test', sales: 'ou=sales,ou=people,dc=acme,dc=test', leavers: 'ou=leavers,dc=acme,dc=test' };
export const HR_GROUPS = {
  all: 'cn=all-staff,ou=groups,dc=acme,dc=test',
  finance: 'cn=finance,ou=groups,dc=acme,dc=test',
  sales: 'cn=sales,ou=groups,dc=acme,dc=test',
};

/**
 * The HR use cases' world in memory: the store (each call lands at once: the in-memory store has no transaction),
 * the trail and jobs each unit of work commits, a fake directory, a policy with Finance and Sales (each its OU and its
 * group, all-staff for everyone), and a delivery that counts what it was given without keeping a password.
 */
export function hrApplyWorld() {
  const store = new InMemoryHrEventStore();
  const trail = new RecordingTrailWriter();
  const jobs: EnqueuedJob[] = [];
  const uow = new InMemoryUnitOfWork<HrTransaction>(() => {
    const buffered = new BufferedTrailWriter();
    const enqueued: EnqueuedJob[] = [];
    return {
      tx: {
        hr: store,
        trail: buffered,
        jobs: {
          enqueue: async (name: string, payload: JobPayload, options?: EnqueueOptions) => {
            enqueued.push({ name, payload, ...(options ? { options } : {}) });
            return `job-${jobs.length + enqueued.length}`;
          },
        },
      },
      commit: async () => {
        await buffered.flushTo(trail);
        jobs.push(...enqueued);
      },
    };
  });
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
