import { fileURLToPath } from 'node:url';

/** A file or directory under test/fixtures (policies/ok/company, ldif/ok/openldap-company.ldif, ...). */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../../../test/fixtures/${name}`, import.meta.url));
}

/** The example policy shipped in the repository, with its test suites. */
export const SHIPPED_POLICIES = fileURLToPath(new URL('../../../../policies', import.meta.url));
