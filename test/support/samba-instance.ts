/** A running Samba AD DC of the tests, and what its local and container starters share (samba.ts, containers.ts). */

export interface SambaInstance {
  /** ldap://127.0.0.11:389 (StartTLS available there). Simple binds are allowed without TLS. */
  readonly url: string;
  /** ldaps://127.0.0.11:636 */
  readonly ldapsUrl: string;
  /** The address the DC listens on (local: 127.0.0.11-42; container: the runtime's host). */
  readonly host: string;
  readonly port: number;
  readonly ldapsPort: number;
  /** DC=acme,DC=test: the default naming context. */
  readonly baseDn: string;
  /** ACME.TEST */
  readonly realm: string;
  /** ACME (NetBIOS) */
  readonly domain: string;
  /** CN=Administrator,CN=Users,<baseDn> */
  readonly adminDn: string;
  readonly adminPassword: string;
  /** PEM of the CA that signed the DC's certificate (SAN: dc1.<realm>, dc1, localhost, 127.0.0.1 and host). */
  readonly caFile: string;
  /** Instance dir locally (etc/smb.conf, private/, tls/, log/); in container mode, a host dir holding caFile. */
  readonly dataDir: string;
  readonly mode: 'local' | 'container';
  /** true for sambaDc()'s DC: stop/kill/restart then affect every test of the run that uses it. */
  readonly shared: boolean;
  /**
   * Runs an OpenLDAP client tool (ldapadd, ldapmodify, ldapdelete, ldapsearch...) against this DC as
   * Administrator: `-x -H <url> -D adminDn -w adminPassword` come first, then args; input goes to its stdin.
   * LDAPTLS_CACERT is the caFile, so `options.url` may be ldapsUrl. Resolves to stdout; rejects with stderr.
   */
  ldapTool(tool: string, args?: string[], input?: string, options?: { url?: string }): Promise<string>;
  /**
   * Adds LDIF content records (or change records with changetype) with `ldapmodify -a`, in file order: parents
   * and group members first. Over LDAPS when `tls` (needed for unicodePwd on a real AD).
   */
  addLdif(ldif: string, options?: { continueOnError?: boolean; tls?: boolean }): Promise<void>;
  /** Applies LDIF change records (changetype: modify / delete / modrdn / add) with ldapmodify. */
  modifyLdif(ldif: string, options?: { continueOnError?: boolean; tls?: boolean }): Promise<void>;
  /** Sets unicodePwd over LDAPS (AD's rules: complexity, and LDAPS only on Windows). */
  setPassword(dn: string, password: string): Promise<void>;
  /** Graceful stop. Private DC: also removes its data and frees its address. Shared DC: the next sambaDc() starts it again. */
  stop(): Promise<void>;
  /** SIGKILL to every process of the DC; resolves once it no longer accepts connections. */
  kill(): Promise<void>;
  /** Stop (if running) and start again on the same address with the same data; waits until a bind works. */
  restart(): Promise<void>;
}

export const SAMBA_ADMIN_PASSWORD = 'Vigie-Test-Pw1!';

/** The value AD wants in unicodePwd: the password in double quotes, UTF-16LE, here base64 for LDIF. */
export function unicodePwdBase64(password: string): string {
  return Buffer.from(`"${password}"`, 'utf16le').toString('base64');
}
