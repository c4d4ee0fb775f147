#!/usr/bin/env bash
# The systemd units we ship (conf/systemd/) pass `systemd-analyze verify`: the template
# instantiated for every program under cgi-bin/ (the ones added later too) and the
# worker, their paths pointed at this build so that every ExecStart names a real program.
# Also: each keeps the sandboxing and restart options the README promises; and the web
# servers' production site files pass their configuration tests (at the end).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
cd "$ROOT"
BUILD=${BUILD:-build/release}
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
command -v systemd-analyze >/dev/null || { echo "units: systemd-analyze is missing (scripts/deps installs it)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
render() { sed "s|/srv/portal/build/release|$BUILD|g" "$1" >"$2"; }
n=0
for dir in cgi-bin/*/; do
	area=$(basename "$dir")
	[ -x "$BUILD/cgi-bin/$area" ] || { echo "units: $BUILD/cgi-bin/$area is not built" >&2; exit 1; }
	render conf/systemd/portal@.service "$tmp/portal@$area.service"
	n=$((n + 1))
done
render conf/systemd/portal-worker.service "$tmp/portal-worker.service"
# verify prints its complaints and exits non-zero on errors; warnings are failures too.
out=$(systemd-analyze verify "$tmp"/*.service 2>&1) || { echo "$out" >&2; exit 1; }
[ -z "$out" ] || { echo "units: systemd-analyze verify:" >&2; echo "$out" >&2; exit 1; }

for f in conf/systemd/*.service; do
	for opt in User=portal Restart=always RestartSec=500ms StartLimitIntervalSec=0 ProtectSystem=strict ProtectHome=yes PrivateTmp=yes \
		NoNewPrivileges=yes CapabilityBoundingSet= MemoryDenyWriteExecute=yes; do
		grep -qx -- "$opt" "$f" || { echo "units: $f lacks $opt" >&2; exit 1; }
	done
done
grep -qx 'Group=www-data' conf/systemd/portal@.service ||
	{ echo "units: the programs' sockets must be the web server's group" >&2; exit 1; }
# Each component its own database account (README, "Database accounts"): the programs
# read portal.hdf, the worker worker.hdf; neither the runner's admin.hdf.
grep -q '^ExecStart=.* -c /etc/portal/portal.hdf ' conf/systemd/portal@.service ||
	{ echo "units: the programs must read /etc/portal/portal.hdf" >&2; exit 1; }
grep -q '^ExecStart=.* -c /etc/portal/worker.hdf worker$' conf/systemd/portal-worker.service ||
	{ echo "units: the worker must read its own /etc/portal/worker.hdf" >&2; exit 1; }
if grep -q 'admin.hdf' conf/systemd/*.service; then
	echo "units: no service may read the migrations' runner's admin.hdf" >&2; exit 1
fi
echo "units: systemd-analyze verify passed for $n programs and the worker"

# ---- the production site files: rendered as the README's production steps render them
# (ports 80 and 443, IPv6, /run/portal, the system's log folders), they pass `nginx -t`
# and `apache2 -t` (the local stacks serve them rendered for 127.0.0.1 on every run).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=example.com.br \
	-keyout "$tmp/key.pem" -out "$tmp/cert.pem" >/dev/null 2>&1 || { echo "units: openssl failed" >&2; exit 1; }
for web in nginx apache; do
	scripts/site-conf "$web" --domain example.com.br --cert "$tmp/cert.pem" --key "$tmp/key.pem" \
		--root /srv/portal >"$tmp/$web-site.conf"
done
grep -q 'listen \[::\]:443 ssl' "$tmp/nginx-site.conf" || { echo "units: the nginx site has no IPv6 listen" >&2; exit 1; }
mkdir -p "$tmp/log"
printf 'pid %s/nginx.pid;\nerror_log stderr;\nevents { }\nhttp {\n    include /etc/nginx/mime.types;\n    include %s/nginx-site.conf;\n}\n' \
	"$tmp" "$tmp" >"$tmp/nginx.conf"
out=$(nginx -t -q -p "$tmp/" -c "$tmp/nginx.conf" 2>&1) || { echo "units: nginx -t on the production site:" >&2; echo "$out" >&2; exit 1; }
{
	for m in mpm_event authz_core mime setenvif headers rewrite socache_shmcb ssl proxy proxy_fcgi reqtimeout; do
		echo "LoadModule ${m}_module /usr/lib/apache2/modules/mod_$m.so"
	done
	echo "Define APACHE_LOG_DIR $tmp/log"
	echo "ServerRoot $tmp"
	echo "PidFile $tmp/apache.pid"
	echo "ErrorLog $tmp/log/error.log"
	echo "Listen 80"
	echo "Listen 443"
	echo "Include $tmp/apache-site.conf"
} >"$tmp/apache.conf"
out=$(apache2 -t -f "$tmp/apache.conf" 2>&1) || { echo "units: apache2 -t on the production site:" >&2; echo "$out" >&2; exit 1; }
echo "units: the production site files pass nginx -t and apache2 -t"

# ---- scripts/deps's "is it installed" check: never a false "missing" (it once lost 3 of
# 20 calls for apache2 to a SIGPIPE in a pipe), and a package that is not there is missing.
for i in $(seq 200); do
	scripts/deps --check apache2 mariadb-server || { echo "units: deps --check said apache2 is missing (call $i of 200)" >&2; exit 1; }
done
if scripts/deps --check portal-no-such-package; then
	echo "units: deps --check took a package that does not exist as installed" >&2; exit 1
fi
echo "units: scripts/deps's check answered 200 of 200 calls right"
