#!/usr/bin/env bash
# run-fuzzer.sh NAME FUZZER SEEDER MAX_LEN [SEED_FILE...]
# Runs one libFuzzer binary (ASan+UBSan) for FUZZ_SECONDS (default 20;
# `make fuzz` passes 600), seeded with what `SEEDER --write-seeds DIR`
# writes plus any SEED_FILE given, and prints one test line: ok when no
# crash, leak, sanitizer report or invariant trap was found.  Crash inputs
# are kept in out/fuzz/NAME-crashes; the fuzzer is stopped on every path.
set -u
name=$1 fuzzer=$2 seeder=$3 maxlen=$4
shift 4
secs=${FUZZ_SECONDS:-20}
for f in "$fuzzer" "$seeder"; do
    if [ ! -x "$f" ]; then
        echo "not ok - fuzz_$name: $f not built"
        exit 1
    fi
done
mkdir -p ${OUT:-out}/fuzz
work=$(mktemp -d "${OUT:-out}/fuzz/$name-run.XXXXXX")
fpid=
cleanup() {
    [ -n "$fpid" ] && kill "$fpid" 2>/dev/null && wait "$fpid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' INT TERM
mkdir -p "$work/corpus" "$work/seeds" "${OUT:-out}/fuzz/$name-crashes"
if ! "$seeder" --write-seeds "$work/seeds"; then
    echo "not ok - fuzz_$name: could not write seeds"
    exit 1
fi
[ $# -gt 0 ] && cp "$@" "$work/seeds/" 2>/dev/null
"$fuzzer" -max_total_time="$secs" -max_len="$maxlen" -timeout=10 -rss_limit_mb=1024 \
    -artifact_prefix="${OUT:-out}/fuzz/$name-crashes/" -print_final_stats=1 \
    "$work/corpus" "$work/seeds" >"$work/log" 2>&1 &
fpid=$!
wait "$fpid"
rc=$?
fpid=
grep -E '^stat::number_of_executed_units|^#[0-9]+ +DONE' "$work/log" | sed 's/^/# /'
if [ "$rc" -eq 0 ]; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
    echo "ok - fuzz_$name (${runs:-?} inputs in ${secs}s)"
else
    tail -n 30 "$work/log"
    echo "not ok - fuzz_$name: libFuzzer exited with $rc (artifact in ${OUT:-out}/fuzz/$name-crashes)"
    exit 1
fi
