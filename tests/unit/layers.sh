#!/bin/sh
# Module layering (issue 26 #23): in lib/importacao the job drives its passes and the
# passes never call back into the job, so the passes' objects need no importjob_ symbol.
# TAP; BUILD names the build folder (build/release by default).
obj=${BUILD:-build/release}/obj/lib/importacao
echo "1..2"
n=0
for f in importpass importundo; do
	n=$((n + 1))
	if [ ! -f "$obj/$f.o" ]; then
		echo "not ok $n - $f.o built"
		continue
	fi
	back=$(nm -u "$obj/$f.o" | awk '{ print $NF }' | grep '^importjob_' | tr '\n' ' ')
	if [ -n "$back" ]; then
		echo "not ok $n - $f.c calls back into the job: $back"
	else
		echo "ok $n - $f.c does not call back into importjob"
	fi
done
