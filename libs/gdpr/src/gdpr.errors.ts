import { VigieError } from '#vigie/common';

/** Nothing Vigie holds matches the employee id or login given. */
export class UnknownDataSubjectError extends VigieError {
  constructor(query: string) {
    super(
      'not-found',
      `Vigie holds nothing about "${query}": no account and no trail entry has this employee id or login (check the spelling; an erased person is not found any more)`,
    );
  }
}

/** Erasure refused: the person is still in a synchronised directory, whose next sync would bring them back. */
export class StillInDirectoryError extends VigieError {
  constructor(query: string, where: string[]) {
    super(
      'conflict',
      `"${query}" is still in the directory (${where.join(', ')}): the next sync would bring their data back. ` +
        'Remove or anonymise the account in the directory and sync first, or pass --force to pseudonymise now anyway (it will come back at the next sync).',
    );
  }
}

/** Erasure stopped: the person's accounts changed between the search and the erasure (a sync ran meanwhile). */
export class AccountsChangedDuringErasureError extends VigieError {
  constructor(query: string) {
    super('conflict', `the accounts of "${query}" changed while they were being erased (a sync ran meanwhile): nothing was erased; run the erasure again`);
  }
}
