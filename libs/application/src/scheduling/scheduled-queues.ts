/** The queue of each schedule (named as its node-cron task): the clock enqueues there, a worker runs the job. */
export const SCHEDULED_QUEUES = {
  'full-sync': 'scheduled.full-sync',
  'incremental-sync': 'scheduled.incremental-sync',
  audit: 'scheduled.audit',
  'trail-checkpoint': 'scheduled.trail-checkpoint',
  'trail-prune': 'scheduled.trail-prune',
  'sign-in-attempts': 'scheduled.sign-in-attempts',
  'access-requests': 'scheduled.access-requests',
  'hr-events': 'scheduled.hr-events',
} as const;
