/** The database could not be reached or opened: the message says where and what to check. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, readonly hint: string) {
    super(`${message}. ${hint}`);
    this.name = 'DatabaseUnavailableError';
  }
}
