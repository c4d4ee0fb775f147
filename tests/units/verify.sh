#!/usr/bin/env bash
# The systemd units we ship (conf/systemd/) pass `systemd-analyze verify`: the template
# instantiated for every program under cgi-bin/ (the ones added later too) and the
# worker, their paths pointed at this build so that every ExecStart names a real program.
# Also: each keeps the sandboxing and restart options the README promises.
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
	for opt in User=portal Restart=on-failure ProtectSystem=strict ProtectHome=yes PrivateTmp=yes \
		NoNewPrivileges=yes CapabilityBoundingSet= MemoryDenyWriteExecute=yes; do
		grep -qx -- "$opt" "$f" || { echo "units: $f lacks $opt" >&2; exit 1; }
	done
done
grep -qx 'Group=www-data' conf/systemd/portal@.service ||
	{ echo "units: the programs' sockets must be the web server's group" >&2; exit 1; }
echo "units: systemd-analyze verify passed for $n programs and the worker"
