/** A running OpenLDAP server of the tests, and the settings its local and container starters share (slapd.ts, containers.ts). */

export interface SlapdInstance {
  /** ldap://127.0.0.1:PORT (StartTLS available there when tls). */
  readonly url: string;
  /** ldaps://127.0.0.1:PORT2 when tls. */
  readonly ldapsUrl?: string;
  readonly port: number;
  readonly ldapsPort?: number;
  readonly suffix: string;
  /** cn=admin,<suffix> */
  readonly rootDn: string;
  readonly rootPassword: string;
  /** PEM file of the CA that signed the server certificate (SAN: hostname, localhost, 127.0.0.1, ::1), when tls. */
  readonly caFile?: string;
  /** Instance dir (slapd.conf, slapd.d, data, tls, slapd.log); in container mode, a host dir with caFile. */
  readonly dataDir: string;
  readonly mode: 'local' | 'container';
  /** Graceful stop, then removes dataDir. Idempotent. */
  stop(): Promise<void>;
  /**
   * SIGKILL, to simulate a directory dying mid-sync. Locally the signal is sent before kill() returns; the
   * promise resolves once the server is gone (await it before asserting that connections fail).
   */
  kill(): Promise<void>;
  /** Stop (if running) and start again on the same ports with the same data; waits until a bind works. */
  restart(): Promise<void>;
  /**
   * Runs an OpenLDAP client tool (ldapadd, ldapmodify, ldapdelete, ldapsearch, ldappasswd...) against this server
   * as rootDn: `-x -H url -D rootDn -w rootPassword` come first, then args; input goes to its stdin.
   * Resolves to stdout; rejects with the tool's stderr on a non-zero exit.
   */
  ldapTool(tool: string, args?: string[], input?: string): Promise<string>;
}

/** What startSlapd hands to the local or the container starter; dir holds load.ldif and extra.conf. */
export interface SlapdSettings {
  suffix: string;
  rootDn: string;
  rootPassword: string;
  tls: boolean;
  lastbind: boolean;
  syncprov: boolean;
  extraConfig?: string;
  /** ppolicy_default: the DN of the default password policy. */
  ppolicyDefault?: string;
  /** A DN that may read cn=config besides its rootdn. */
  configReader?: string;
  dir: string;
}

/** Environment of docker/openldap/vigie-slapd.sh for these settings, with paths as seen by the script. */
export function slapdScriptEnv(s: SlapdSettings, paths: { dir: string; ldif: string; extraConf?: string }): Record<string, string> {
  return {
    LDAP_DIR: paths.dir,
    LDAP_SUFFIX: s.suffix,
    LDAP_ROOT_DN: s.rootDn,
    LDAP_ROOT_PASSWORD: s.rootPassword,
    LDAP_LDIF: paths.ldif,
    LDAP_TLS: s.tls ? '1' : '0',
    LDAP_LASTBIND: s.lastbind ? '1' : '0',
    LDAP_SYNCPROV: s.syncprov ? '1' : '0',
    LDAP_EXTRA_CONF: s.extraConfig && paths.extraConf ? paths.extraConf : '',
    LDAP_PPOLICY_DEFAULT: s.ppolicyDefault ?? '',
    LDAP_CONFIG_READER: s.configReader ?? '',
  };
}
