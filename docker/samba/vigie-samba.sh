#!/bin/bash
# Vigie's Samba 4 Active Directory domain controller for tests: Debian bookworm's Samba 4.17, provisioned into a
# private directory (never /etc/samba or /var/lib/samba), LDAP simple binds allowed, LDAPS and StartTLS with a
# self-signed CA.
#
# One script for both places that run it, so they are configured alike:
#   - the container image (docker/samba/Dockerfile): ENTRYPOINT `vigie-samba.sh run`;
#   - the local test harness (test/support/samba.ts): `provision` once per test run into a template dir, then for
#     each DC a copy of the template and `run` with SAMBA_INTERFACES set to the DC's loopback address.
#
#   vigie-samba.sh provision  samba-tool domain provision into SAMBA_DIR (7-14 s; nothing when already done)
#   vigie-samba.sh configure  write SAMBA_DIR/etc/smb.conf for this dir and address, and the TLS files if missing
#   vigie-samba.sh run        provision, configure, then exec samba in the foreground (same pid)
#
# Environment:
#   SAMBA_DIR             instance directory                              (default /var/lib/vigie-samba)
#   SAMBA_REALM           Kerberos realm = DNS domain, upper case         (default ACME.TEST: base DN DC=acme,DC=test)
#   SAMBA_DOMAIN          NetBIOS domain name                             (default ACME)
#   SAMBA_HOST_NAME       NetBIOS name of the DC                          (default DC1)
#   SAMBA_ADMIN_PASSWORD  password of Administrator (AD complexity rules apply)   (required by provision)
#   SAMBA_INTERFACES      addresses to listen on, e.g. 127.0.0.11 (bind interfaces only); empty: every interface.
#                         An address must be on an interface (`ip addr add 127.0.0.11/32 dev lo`): Samba ignores
#                         one that is not. The ports are fixed (389, 636, 3268, 3269, 88, 464, 135, 49152+).
#   SAMBA_TLS_SAN         more subjectAltName entries for the server certificate, comma-separated
#                         ("DNS:samba,IP:10.1.2.3"); it always has the DC's names, localhost, 127.0.0.1 and the
#                         addresses of SAMBA_INTERFACES.
#   SAMBA_SYNC            1: fsync every write. Default 0 (ldb:nosync): ~15x faster adds, fine for tests.
#   SAMBA_PROCESS_MODEL   samba -M: prefork (default, as in production), standard or single
set -euo pipefail

: "${SAMBA_DIR:=/var/lib/vigie-samba}"
: "${SAMBA_REALM:=ACME.TEST}"
: "${SAMBA_DOMAIN:=ACME}"
: "${SAMBA_HOST_NAME:=DC1}"
: "${SAMBA_INTERFACES:=}"
: "${SAMBA_TLS_SAN:=}"
: "${SAMBA_SYNC:=0}"
: "${SAMBA_PROCESS_MODEL:=prefork}"
export PATH="$PATH:/usr/sbin:/sbin:/usr/local/sbin"

die() { echo "vigie-samba: $*" >&2; exit 1; }

realm_lower() { echo "$SAMBA_REALM" | tr 'A-Z' 'a-z'; }

provision() {
  if [ -f "$SAMBA_DIR/private/sam.ldb" ]; then return 0; fi
  [ -n "${SAMBA_ADMIN_PASSWORD:-}" ] || die "SAMBA_ADMIN_PASSWORD is not set"
  command -v samba-tool >/dev/null || die "samba-tool not found: install Debian's samba, samba-ad-provision, samba-dsdb-modules and winbind"
  mkdir -p "$SAMBA_DIR"
  local empty="$SAMBA_DIR/provision-empty.conf" nosync=()
  # An empty -s file: without it Debian's /etc/samba/smb.conf would be merged into the provision.
  : > "$empty"
  if [ "$SAMBA_SYNC" != 1 ]; then nosync=(--option='ldb:nosync = true'); fi
  samba-tool domain provision --quiet \
    --realm="$SAMBA_REALM" --domain="$SAMBA_DOMAIN" --host-name="$SAMBA_HOST_NAME" \
    --server-role=dc --dns-backend=NONE --use-rfc2307 --backend-store=mdb \
    --adminpass="$SAMBA_ADMIN_PASSWORD" --targetdir="$SAMBA_DIR" -s "$empty" "${nosync[@]}" \
    || die "samba-tool domain provision failed"
  rm -f "$empty"
}

write_tls() {
  local tls=$SAMBA_DIR/tls host san ip
  if [ -f "$tls/server.crt" ]; then return 0; fi
  mkdir -p "$tls"
  host=$(echo "$SAMBA_HOST_NAME" | tr 'A-Z' 'a-z')
  san="DNS:$host.$(realm_lower),DNS:$host,DNS:localhost,IP:127.0.0.1"
  for ip in $SAMBA_INTERFACES; do
    case "$ip" in *[!0-9a-fA-F.:]*) ;; *) san="$san,IP:$ip" ;; esac
  done
  if [ -n "$SAMBA_TLS_SAN" ]; then san="$san,$SAMBA_TLS_SAN"; fi
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
    -keyout "$tls/ca.key" -out "$tls/ca.crt" -subj "/CN=Vigie test CA $SAMBA_REALM" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$tls/server.key" -out "$tls/server.csr" -subj "/CN=$host.$(realm_lower)" 2>/dev/null
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' \
    "$san" > "$tls/server.ext"
  openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial -days 3650 \
    -out "$tls/server.crt" -extfile "$tls/server.ext" 2>/dev/null
  rm -f "$tls/server.csr" "$tls/ca.key" "$tls/ca.srl"
  # Samba refuses a key file that others can read.
  chmod 600 "$tls/server.key"
}

# The whole smb.conf, written from scratch: the one samba-tool wrote names the dir it provisioned in (a template
# copied elsewhere must point at its own files), and its `server services` line would win over an added one.
write_conf() {
  local d=$SAMBA_DIR
  mkdir -p "$d/etc" "$d/run" "$d/log" "$d/lock" "$d/state" "$d/cache" "$d/bind-dns"
  {
    echo "[global]"
    echo "  netbios name = $SAMBA_HOST_NAME"
    echo "  realm = $SAMBA_REALM"
    echo "  workgroup = $SAMBA_DOMAIN"
    echo "  server role = active directory domain controller"
    # No file service, DNS, NetBIOS or winbindd: the tests need LDAP, and Kerberos for password changes.
    echo "  server services = ldap, cldap, kdc, rpc, drepl, kcc"
    echo "  idmap_ldb:use rfc2307 = yes"
    # Simple binds over plain LDAP (Windows DCs default to allowing them, Samba to refusing them).
    echo "  ldap server require strong auth = no"
    if [ -n "$SAMBA_INTERFACES" ]; then
      echo "  interfaces = $SAMBA_INTERFACES"
      echo "  bind interfaces only = yes"
    fi
    echo "  tls enabled = yes"
    echo "  tls keyfile = $d/tls/server.key"
    echo "  tls certfile = $d/tls/server.crt"
    echo "  tls cafile = $d/tls/ca.crt"
    if [ "$SAMBA_SYNC" != 1 ]; then echo "  ldb:nosync = true"; fi
    # Everything a running DC writes stays in its dir, so that two DCs (or a system Samba) never share a file.
    echo "  private dir = $d/private"
    echo "  binddns dir = $d/bind-dns"
    echo "  state directory = $d/state"
    echo "  cache directory = $d/cache"
    echo "  lock directory = $d/lock"
    echo "  pid directory = $d/run"
    echo "  ncalrpc dir = $d/run/ncalrpc"
    echo "  winbindd socket directory = $d/run/winbindd"
    echo "  ntp signd socket directory = $d/run/ntp_signd"
    echo "  log file = $d/log/samba.log"
    echo "  max log size = 10000"
    echo "  log level = 0"
  } > "$d/etc/smb.conf"
}

configure() {
  [ -f "$SAMBA_DIR/private/sam.ldb" ] || die "$SAMBA_DIR is not provisioned: run vigie-samba.sh provision first"
  write_tls
  write_conf
}

run() {
  provision
  configure
  command -v samba >/dev/null || die "samba not found: install Debian's samba package"
  exec samba -F --no-process-group -M "$SAMBA_PROCESS_MODEL" -s "$SAMBA_DIR/etc/smb.conf"
}

case "${1:-run}" in
  provision) provision ;;
  configure) configure ;;
  run) run ;;
  *) die "usage: vigie-samba.sh [provision|configure|run]" ;;
esac
