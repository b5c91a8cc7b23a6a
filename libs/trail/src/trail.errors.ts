/** A trail key is missing, unreadable or of the wrong kind: the message says which and what to do. */
export class TrailKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrailKeyError';
  }
}

/** A trail operation that cannot be done as asked (unknown checkpoint, nothing to prune, bad range...). */
export class TrailUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrailUsageError';
  }
}
