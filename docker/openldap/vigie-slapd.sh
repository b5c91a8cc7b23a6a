#!/bin/bash
# Vigie's OpenLDAP server for tests and demos: Debian's slapd 2.5 with mdb, the core/cosine/inetorgperson/nis
# schemas (ppolicy's is built in) and the memberof, refint, ppolicy and syncprov overlays.
#
# One script for both places that run it, so they are configured alike:
#   - the container image (docker/openldap/Dockerfile): ENTRYPOINT `vigie-slapd.sh run`;
#   - the local test harness (test/support/slapd.ts): `vigie-slapd.sh run` with a private LDAP_DIR and LDAP_URLS.
#
#   vigie-slapd.sh init   write slapd.conf (and TLS files) and bulk-load the LDIF, once: a second call does nothing
#   vigie-slapd.sh run    init, then exec slapd in the foreground (same pid, so a SIGKILL hits slapd itself)
#
# Environment:
#   LDAP_DIR            instance directory                      (default /var/lib/vigie-ldap)
#   LDAP_SUFFIX         naming context                          (default dc=acme,dc=test)
#   LDAP_ROOT_DN        rootdn                                  (default cn=admin,$LDAP_SUFFIX)
#   LDAP_ROOT_PASSWORD  rootpw, also rootpw of cn=config as cn=admin,cn=config   (required)
#   LDAP_LDIF           files or directories (*.ldif), separated by ':', bulk-loaded with slapadd on init
#                       (default /ldif). slapadd runs no overlay: an entry's memberOf must be in the LDIF.
#                       The base entry of LDAP_SUFFIX is added when no file has it.
#   LDAP_TLS            1: make a CA and a server certificate (unless $LDAP_DIR/tls/server.crt exists) and serve
#                       StartTLS and ldaps. The SAN has the hostname, localhost, 127.0.0.1 and ::1.
#   LDAP_TLS_SAN        more subjectAltName entries, comma-separated, e.g. "DNS:openldap,IP:10.1.2.3"
#   LDAP_LASTBIND       1: keep pwdLastSuccess on each successful bind (it also bumps modifyTimestamp)
#   LDAP_SYNC           1: fsync every write (default 0: dbnosync, fast and fine for tests)
#   LDAP_SYNCPROV       1 (default): the syncprov overlay, as on any replication provider: its contextCSN is the
#                       exact watermark of an incremental sync. 0: without it (Vigie then keeps a margin)
#   LDAP_PPOLICY_DEFAULT  the DN of the default password policy (ppolicy_default, cn=config's olcPPolicyDefault): the
#                       policy of accounts without pwdPolicySubentry; its entry must be in the LDIF. Default: none
#   LDAP_CONFIG_READER  a DN that may read cn=config (where olcPPolicyDefault lives); default: its rootdn only
#   LDAP_EXTRA_CONF     a file appended to the mdb database section of slapd.conf (ACLs, limits, overlays...)
#   LDAP_URLS           run: listeners (default "ldap:///", plus "ldaps:///" with TLS)
#   LDAP_DEBUG          run: slapd -d level (default none: errors only, on stderr)
#   LDAP_USER           run: user to drop to (chowns LDAP_DIR); default: stay the current user
set -euo pipefail

: "${LDAP_DIR:=/var/lib/vigie-ldap}"
: "${LDAP_SUFFIX:=dc=acme,dc=test}"
: "${LDAP_ROOT_DN:=cn=admin,$LDAP_SUFFIX}"
: "${LDAP_LDIF:=/ldif}"
: "${LDAP_TLS:=0}"
: "${LDAP_TLS_SAN:=}"
: "${LDAP_LASTBIND:=0}"
: "${LDAP_SYNC:=0}"
: "${LDAP_SYNCPROV:=1}"
: "${LDAP_EXTRA_CONF:=}"
: "${LDAP_PPOLICY_DEFAULT:=}"
: "${LDAP_CONFIG_READER:=}"
: "${LDAP_DEBUG:=none}"
: "${LDAP_USER:=}"
SCHEMA_DIR=${LDAP_SCHEMA_DIR:-/etc/ldap/schema}
MODULE_DIR=${LDAP_MODULE_DIR:-/usr/lib/ldap}
export PATH="$PATH:/usr/sbin:/sbin:/usr/local/sbin"

die() { echo "vigie-slapd: $*" >&2; exit 1; }

write_tls() {
  local tls=$LDAP_DIR/tls host san
  if [ -f "$tls/server.crt" ]; then return 0; fi
  mkdir -p "$tls"
  host=$(hostname 2>/dev/null || echo localhost)
  san="DNS:$host,DNS:localhost,IP:127.0.0.1,IP:::1${LDAP_TLS_SAN:+,$LDAP_TLS_SAN}"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
    -keyout "$tls/ca.key" -out "$tls/ca.crt" -subj "/CN=Vigie test CA $host" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$tls/server.key" -out "$tls/server.csr" -subj "/CN=$host" 2>/dev/null
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' \
    "$san" > "$tls/server.ext"
  openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial -days 3650 \
    -out "$tls/server.crt" -extfile "$tls/server.ext" 2>/dev/null
  rm -f "$tls/server.csr" "$tls/ca.key"
  chmod 600 "$tls/server.key"
}

write_conf() {
  local conf=$LDAP_DIR/slapd.conf
  {
    for s in core cosine inetorgperson nis; do echo "include $SCHEMA_DIR/$s.schema"; done
    echo "modulepath $MODULE_DIR"
    for m in back_mdb memberof refint ppolicy; do echo "moduleload $m"; done
    if [ "$LDAP_SYNCPROV" = 1 ]; then echo "moduleload syncprov"; fi
    echo "pidfile $LDAP_DIR/slapd.pid"
    echo "argsfile $LDAP_DIR/slapd.args"
    echo "sizelimit unlimited"
    if [ "$LDAP_TLS" = 1 ]; then
      echo "TLSCACertificateFile $LDAP_DIR/tls/ca.crt"
      echo "TLSCertificateFile $LDAP_DIR/tls/server.crt"
      echo "TLSCertificateKeyFile $LDAP_DIR/tls/server.key"
    fi
    echo
    echo "database config"
    echo "rootdn \"cn=admin,cn=config\""
    echo "rootpw $LDAP_ROOT_PASSWORD"
    if [ -n "$LDAP_CONFIG_READER" ]; then echo "access to * by dn.exact=\"$LDAP_CONFIG_READER\" read by * none"; fi
    echo
    echo "database mdb"
    echo "maxsize 8589934592"
    echo "suffix \"$LDAP_SUFFIX\""
    echo "rootdn \"$LDAP_ROOT_DN\""
    echo "rootpw $LDAP_ROOT_PASSWORD"
    echo "directory $LDAP_DIR/data"
    if [ "$LDAP_SYNC" != 1 ]; then echo "dbnosync"; fi
    if [ "$LDAP_LASTBIND" = 1 ]; then echo "lastbind on"; fi
    echo "index objectClass eq"
    echo "index uid,cn,mail,member,memberOf,uniqueMember,memberUid,entryUUID eq"
    # What an incremental sync asks for (modifyTimestamp>=watermark): without an index slapd tests
    # every entry, 0.3-1 s at 100k entries. Recommended for any directory Vigie syncs (README).
    echo "index modifyTimestamp eq"
    if [ "$LDAP_SYNCPROV" = 1 ]; then
      # With syncprov, an incremental sync searches entryCSN>=contextCSN read before its last run.
      echo "index entryCSN eq"
    fi
    echo "overlay memberof"
    echo "memberof-group-oc groupOfNames"
    echo "memberof-member-ad member"
    echo "memberof-memberof-ad memberOf"
    echo "memberof-refint TRUE"
    echo "overlay refint"
    echo "refint_attributes member"
    echo "overlay ppolicy"
    # Lockouts answer "account locked" rather than "invalid credentials" to the one who is locked out.
    echo "ppolicy_use_lockout"
    if [ -n "$LDAP_PPOLICY_DEFAULT" ]; then echo "ppolicy_default \"$LDAP_PPOLICY_DEFAULT\""; fi
    if [ "$LDAP_SYNCPROV" = 1 ]; then
      # Keeps the database's contextCSN (the latest change committed, with every earlier one) in memory and
      # serves it on the suffix entry; written to the database every 100 writes or 10 minutes.
      echo "overlay syncprov"
      echo "syncprov-checkpoint 100 10"
    fi
    if [ -n "$LDAP_EXTRA_CONF" ]; then cat "$LDAP_EXTRA_CONF"; echo; fi
    echo "access to attrs=userPassword by self write by anonymous auth by * none"
    echo "access to * by * read"
  } > "$conf"
}

# The base entry of the suffix, from its first RDN (dc=, o=, ou=, c=).
base_entry() {
  local rdn=${LDAP_SUFFIX%%,*} attr value
  attr=$(echo "${rdn%%=*}" | tr 'A-Z' 'a-z' | tr -d ' '); value=${rdn#*=}
  echo "dn: $LDAP_SUFFIX"
  case "$attr" in
    dc) printf 'objectClass: top\nobjectClass: dcObject\nobjectClass: organization\ndc: %s\no: %s\n' "$value" "$value" ;;
    o) printf 'objectClass: top\nobjectClass: organization\no: %s\n' "$value" ;;
    ou) printf 'objectClass: top\nobjectClass: organizationalUnit\nou: %s\n' "$value" ;;
    c) printf 'objectClass: top\nobjectClass: country\nc: %s\n' "$value" ;;
    *) die "cannot make a base entry for suffix $LDAP_SUFFIX: put it in the LDIF" ;;
  esac
}

ldif_files() {   # fills the array FILES
  local IFS=: p f
  FILES=()
  for p in $LDAP_LDIF; do
    if [ -d "$p" ]; then
      for f in "$p"/*.ldif; do if [ -f "$f" ]; then FILES+=("$f"); fi; done
    elif [ -f "$p" ]; then FILES+=("$p")
    elif [ "$p" != /ldif ]; then die "LDAP_LDIF: no such file or directory: $p"
    fi
  done
}

init() {
  [ -n "${LDAP_ROOT_PASSWORD:-}" ] || die "LDAP_ROOT_PASSWORD is not set"
  if [ -f "$LDAP_DIR/data/data.mdb" ]; then return 0; fi   # already initialised (a restart)
  for b in slapd slapadd; do command -v $b >/dev/null || die "$b not found: install Debian's slapd package"; done
  mkdir -p "$LDAP_DIR/data" "$LDAP_DIR/slapd.d"
  if [ "$LDAP_TLS" = 1 ]; then write_tls; fi
  write_conf
  local f has_base=0
  ldif_files
  for f in ${FILES[@]+"${FILES[@]}"}; do
    if grep -qixF "dn: $LDAP_SUFFIX" "$f"; then has_base=1; fi
  done
  if [ $has_base = 0 ]; then
    base_entry > "$LDAP_DIR/base.ldif"
    FILES=("$LDAP_DIR/base.ldif" ${FILES[@]+"${FILES[@]}"})
  fi
  for f in "${FILES[@]}"; do
    slapadd -q -f "$LDAP_DIR/slapd.conf" -l "$f" || die "slapadd failed on $f"
  done
}

run() {
  init
  local urls=${LDAP_URLS:-}
  if [ -z "$urls" ]; then
    urls="ldap:///"
    if [ "$LDAP_TLS" = 1 ]; then urls="$urls ldaps:///"; fi
  fi
  local user_args=()
  if [ -n "$LDAP_USER" ]; then
    chown -R "$LDAP_USER:" "$LDAP_DIR"
    user_args=(-u "$LDAP_USER" -g "$(id -gn "$LDAP_USER")")
  fi
  # slapd converts slapd.conf into slapd.d on its first start; later starts must read slapd.d alone
  # (with -f as well it refuses a non-empty slapd.d).
  local conf_args=(-F "$LDAP_DIR/slapd.d")
  if [ -z "$(ls -A "$LDAP_DIR/slapd.d")" ]; then conf_args=(-f "$LDAP_DIR/slapd.conf" "${conf_args[@]}"); fi
  exec slapd -d "$LDAP_DEBUG" -h "$urls" "${conf_args[@]}" ${user_args[@]+"${user_args[@]}"}
}

case "${1:-run}" in
  init) init ;;
  run) run ;;
  *) die "usage: vigie-slapd.sh [init|run]" ;;
esac
