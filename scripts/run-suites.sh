#!/usr/bin/env bash
# Runs each test suite given on the command line and prints the total.
#
# A suite is an executable that prints one line per test case:
#     ok - NAME
#     not ok - NAME: WHY
# Anything else it prints is kept in its log (out/test-logs/SUITE.log) and
# shown only when the suite fails.  A suite that exits non-zero without a
# "not ok" line, or that prints no test at all, counts as one failure, so a
# crash or a silent suite can never pass.  Each suite runs under a timeout
# (SUITE_TIMEOUT seconds, default 900).
set -u
logdir=${OUT:-out}/test-logs
mkdir -p "$logdir"
passed=0
failed=0
timeout_s=${SUITE_TIMEOUT:-900}
for suite in "$@"; do
    name=$(basename "$suite" .sh)
    log="$logdir/$name.log"
    start=$(date +%s.%N)
    timeout --kill-after=10 "$timeout_s" "$suite" >"$log" 2>&1 </dev/null
    rc=$?
    secs=$(printf '%.1f' "$(echo "$(date +%s.%N) - $start" | bc)")
    p=$(grep -c '^ok - ' "$log")
    f=$(grep -c '^not ok - ' "$log")
    extra=""
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1; extra=" (suite exited with status $rc"; [ "$rc" -eq 124 ] && extra="$extra: timeout after ${timeout_s}s"; extra="$extra)"
    fi
    if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
        f=1; extra=" (suite ran no test)"
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    printf '%-28s %4d passed %3d failed  %6ss%s\n' "$name" "$p" "$f" "$secs" "$extra"
    if [ "$f" -ne 0 ]; then
        grep '^not ok - ' "$log" | sed 's/^/    /'
        echo "    --- last lines of $log:"
        tail -n 25 "$log" | sed 's/^/    | /'
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
