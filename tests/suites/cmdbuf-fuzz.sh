#!/usr/bin/env bash
# Fuzzes the command buffer validator (src/cmdbuf) with libFuzzer (ASan+UBSan) for FUZZ_SECONDS
# (default 20; `make fuzz` passes 600), seeded with the hand-made good
# buffer of tests/cmdbuf/test_vcb.c.
# Prints one test line: ok when no crash, leak, sanitizer report or
# invariant trap was found.  Crash inputs are kept in out/fuzz/cmdbuf-crashes.
set -u
fuzzer=out/fuzz/tests/fuzz/cmdbuf_fuzz
seeder=out/native-san/tests/cmdbuf/test_vcb
secs=${FUZZ_SECONDS:-20}
for f in "$fuzzer" "$seeder"; do
    if [ ! -x "$f" ]; then
        echo "not ok - fuzz_cmdbuf: $f not built"
        exit 1
    fi
done
mkdir -p out/fuzz
work=$(mktemp -d out/fuzz/cmdbuf-run.XXXXXX)
fpid=
cleanup() {
    [ -n "$fpid" ] && kill "$fpid" 2>/dev/null && wait "$fpid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' INT TERM
mkdir -p "$work/corpus" "$work/seeds" out/fuzz/cmdbuf-crashes
if ! "$seeder" --write-seeds "$work/seeds"; then
    echo "not ok - fuzz_cmdbuf: could not write seeds"
    exit 1
fi
"$fuzzer" -max_total_time="$secs" -max_len=4096 -timeout=10 -rss_limit_mb=1024 \
    -artifact_prefix=out/fuzz/cmdbuf-crashes/ -print_final_stats=1 \
    "$work/corpus" "$work/seeds" >"$work/log" 2>&1 &
fpid=$!
wait "$fpid"
rc=$?
fpid=
grep -E '^stat::number_of_executed_units|^#[0-9]+ +DONE' "$work/log" | sed 's/^/# /'
if [ "$rc" -eq 0 ]; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
    echo "ok - fuzz_cmdbuf (${runs:-?} inputs in ${secs}s)"
else
    tail -n 30 "$work/log"
    echo "not ok - fuzz_cmdbuf: libFuzzer exited with $rc (artifact in out/fuzz/cmdbuf-crashes)"
    exit 1
fi
