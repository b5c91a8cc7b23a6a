/**
 * The job queues of access requests (registered in Dependencies.jobQueue): each job carries `{ requestId }` and is
 * enqueued in the transaction of the decision that calls for it, with a singletonKey naming the request and the step.
 */
export const REQUEST_QUEUES = {
  /** Add the grant's membership, read it back, mark the grant active. */
  provision: 'access.provision',
  /** Remove the grant's membership (expiry or revocation), read it back, mark the grant ended. */
  remove: 'access.remove',
  /** Send one notice: payload `{ requestId, kind }`. */
  notify: 'access.notify',
} as const;
