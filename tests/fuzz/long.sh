#!/usr/bin/env bash
# `make fuzz-long`: one fuzz target (built by the Makefile under ASan+UBSan with
# libFuzzer) run for FUZZ_SECONDS on the kept corpus, then that corpus minimised again
# with what the run found, and one line of figures:
#
#   fuzz-long: fuzz_pix  120s  execs=2413390 (20111/s)  cov=412 ft=1733  corpus=41 files (25 KB; +6)  crashes=0
#
#   tests/fuzz/long.sh TARGET SECONDS
#
# The kept corpus is tests/fuzz/corpus/TARGET/ (committed): the inputs that, beside the
# hand-written seeds of tests/fuzz/seeds/TARGET/, reach code the seeds do not (libFuzzer's
# -merge=1, files named by the SHA-1 of their content, so no two are the same). The run's
# new inputs go to build/fuzz/long/TARGET/ and are merged into the kept corpus at the end:
# commit tests/fuzz/corpus/ after a long run. A crash stops the run, exits 1 and leaves
# its input in build/fuzz/long/TARGET-crash-* (or -leak-, -timeout-, -oom-): fix the
# defect, then copy that input into the kept corpus so that every later run replays it.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
cd "$ROOT" || exit 2
target=${1:?usage: tests/fuzz/long.sh TARGET SECONDS}
secs=${2:?usage: tests/fuzz/long.sh TARGET SECONDS}
bin=build/fuzz/$target
seeds=tests/fuzz/seeds/$target
kept=tests/fuzz/corpus/$target
work=build/fuzz/long/$target
log=build/fuzz/long/$target.log
[ -x "$bin" ] || { echo "fuzz-long: $bin is not built" >&2; exit 2; }

rm -rf "$work" "$work".merge "$work"-crash-* "$work"-leak-* "$work"-timeout-* "$work"-oom-*
mkdir -p "$work" "$kept" "$seeds"
# Leaks are crashes too (ASan's leak check at the end of each input is on by default).
"$bin" -max_total_time="$secs" -print_final_stats=1 -artifact_prefix="$work-" \
	-timeout=25 -rss_limit_mb=2048 "$work" "$kept" "$seeds" >"$log" 2>&1
rc=$?

# libFuzzer's final statistics and its last status line (cov: features of edges, ft:
# features in all).
stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -n 1; }
execs=$(stat number_of_executed_units)
rate=$(stat average_exec_per_sec)
status=$(grep -E '^#[0-9]+[[:space:]]+[A-Z]+ +cov: ' "$log" | tail -n 1)
cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$status")
ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$status")
crashes=$(find build/fuzz/long -maxdepth 1 -regex ".*/$target-\(crash\|leak\|timeout\|oom\)-.*" | wc -l)

# The kept corpus minimised again: the seeds first (their coverage is had anyway), then
# whatever of the kept and the new inputs adds to it; the seeds taken out again.
new=0
if [ $rc -eq 0 ]; then
	mkdir -p "$work".merge
	find "$seeds" -maxdepth 1 -type f -exec cp -p {} "$work".merge/ \;
	before=$(find "$kept" -type f | wc -l)
	if "$bin" -merge=1 "$work".merge "$kept" "$work" >>"$log" 2>&1; then
		for f in "$seeds"/*; do [ -e "$f" ] && rm -f "$work.merge/${f##*/}"; done
		rm -rf "$kept"
		mv "$work".merge "$kept"
		new=$(($(find "$kept" -type f | wc -l) - before))
	else
		echo "fuzz-long: $target: the corpus merge failed (see $log)" >&2
		rc=1
	fi
fi
files=$(find "$kept" -type f | wc -l)
kb=$(du -sk --apparent-size "$kept" | cut -f1)
[ "$new" -ge 0 ] && new="+$new"

printf 'fuzz-long: %-16s %ss  execs=%s (%s/s)  cov=%s ft=%s  corpus=%s files (%s KB; %s)  crashes=%s\n' \
	"$target" "$secs" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$files" "$kb" "$new" "$crashes"
if [ $rc -ne 0 ]; then
	echo "---- $target exited $rc; last lines of $log ----"
	tail -n 40 "$log"
	exit 1
fi
