/**
 * The job queues of HR events (registered in Dependencies.jobQueue). Jobs are enqueued in the transaction that stores
 * or replays the event (the receive use case when it is due now, the sweep each minute for those whose effective time
 * came), with singletonKey `hr:<event id>:<event version>`.
 */
export const HR_QUEUES = {
  /** Apply one event: payload `{ eventId }` (HrEvent.id). */
  apply: 'hr.apply',
  /** Carry out one follow-up: payload `{ followUpId }`. */
  followUp: 'hr.follow-up',
} as const;
