import { AsyncLocalStorage } from 'node:async_hooks';

interface Scope {
  /** The client whose `transaction()` opened this scope: it must not be used until the scope closes. */
  owner: object;
  open: boolean;
  parent: Scope | undefined;
}

const scopes = new AsyncLocalStorage<Scope>();

/**
 * Runs `fn` (a transaction's work) in a scope where `owner` may not be used: what `fn` calls, directly or through
 * promises it starts, sees the scope. The scope closes with `fn`, so work it left running may use `owner` afterwards.
 */
export async function insideTransactionOf<T>(owner: object, fn: () => Promise<T>): Promise<T> {
  const scope: Scope = { owner, open: true, parent: scopes.getStore() };
  try {
    return await scopes.run(scope, fn);
  } finally {
    scope.open = false;
  }
}

/**
 * Throws when called from inside a transaction opened on `client`: on PGlite the statement would wait forever for the
 * session the transaction holds, on PostgreSQL it would escape the transaction. Costs a lookup per statement.
 */
export function assertOutsideTransactionOf(client: object): void {
  for (let s = scopes.getStore(); s; s = s.parent) {
    if (s.open && s.owner === client) {
      throw new Error(
        'a statement was sent on a database client from inside a transaction opened on that same client: ' +
          'inside `transaction(tx => …)`, build the stores on `tx` (the client the transaction gives) and use only them',
      );
    }
  }
}
