import { VigieError } from '#vigie/common';

/** No account of any synchronised directory (or of the one asked) is named so. */
export class UnknownIdentityError extends VigieError {
  constructor(id: string, directory?: string) {
    super(
      'not-found',
      `no identity "${id}" in ${directory ? `the synchronised directory "${directory}"` : 'any synchronised directory'}: ` +
        'give a login (sAMAccountName or uid), an employee id or a DN, and check that the directory has been synchronised (`vigie sync`)',
    );
  }
}

/** A login that names different accounts in several directories. */
export class AmbiguousIdentityError extends VigieError {
  constructor(id: string, directories: string[]) {
    super('conflict', `"${id}" names accounts in several directories (${directories.join(', ')}): say which one with directory (?directory= or --directory)`);
  }
}

export class UnknownResourceError extends VigieError {
  constructor(id: string, known: string[]) {
    const hint = known.length ? `; resources are named by their id in the policy, e.g. ${known.slice(0, 5).join(', ')}` : '; the policy defines no resource';
    super('not-found', `no resource "${id}" in the policy${hint}`);
  }
}

export class DirectoryNotSynchronisedError extends VigieError {
  constructor(directory: string, known: string[]) {
    super('not-found', `no synchronised directory named "${directory}"; synchronised: ${known.length ? known.join(', ') : 'none yet (run `vigie sync`)'}`);
  }
}
