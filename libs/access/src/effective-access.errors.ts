/** No account of any synchronised directory (or of the one asked) is named so. */
export class UnknownIdentityError extends Error {
  constructor(id: string, directory?: string) {
    super(
      `no identity "${id}" in ${directory ? `the synchronised directory "${directory}"` : 'any synchronised directory'}: ` +
        'give a login (sAMAccountName or uid), an employee id or a DN, and check that the directory has been synchronised (`vigie sync`)',
    );
    this.name = 'UnknownIdentityError';
  }
}

/** A login that names different accounts in several directories. */
export class AmbiguousIdentityError extends Error {
  constructor(id: string, directories: string[]) {
    super(`"${id}" names accounts in several directories (${directories.join(', ')}): say which one with directory (?directory= or --directory)`);
    this.name = 'AmbiguousIdentityError';
  }
}

export class UnknownResourceError extends Error {
  constructor(id: string, known: string[]) {
    const hint = known.length ? `; resources are named by their id in the policy, e.g. ${known.slice(0, 5).join(', ')}` : '; the policy defines no resource';
    super(`no resource "${id}" in the policy${hint}`);
    this.name = 'UnknownResourceError';
  }
}

export class DirectoryNotSynchronisedError extends Error {
  constructor(directory: string, known: string[]) {
    super(`no synchronised directory named "${directory}"; synchronised: ${known.length ? known.join(', ') : 'none yet (run `vigie sync`)'}`);
    this.name = 'DirectoryNotSynchronisedError';
  }
}
