#!/usr/bin/env bash
# Fuzzes the EDID parser with libFuzzer (ASan+UBSan) for FUZZ_SECONDS
# (default 20; `make fuzz` passes 600), seeded with the hand-made blocks of
# tests/unit/test_edid.c and the QEMU EDID blobs in tests/unit/data.
# Prints one test line: ok when no crash, leak, sanitizer report or
# invariant trap was found.  Crash inputs are kept in out/fuzz/edid-crashes.
set -u
fuzzer=out/fuzz/tests/fuzz/edid_fuzz
seeder=out/native-san/tests/unit/test_edid
secs=${FUZZ_SECONDS:-20}
for f in "$fuzzer" "$seeder"; do
    if [ ! -x "$f" ]; then
        echo "not ok - fuzz_edid: $f not built"
        exit 1
    fi
done
mkdir -p out/fuzz
work=$(mktemp -d out/fuzz/edid-run.XXXXXX)
fpid=
cleanup() {
    [ -n "$fpid" ] && kill "$fpid" 2>/dev/null && wait "$fpid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' INT TERM
mkdir -p "$work/corpus" "$work/seeds" out/fuzz/edid-crashes
if ! "$seeder" --write-seeds "$work/seeds"; then
    echo "not ok - fuzz_edid: could not write seeds"
    exit 1
fi
cp tests/unit/data/*.bin "$work/seeds/" 2>/dev/null
"$fuzzer" -max_total_time="$secs" -max_len=2048 -timeout=10 -rss_limit_mb=1024 \
    -artifact_prefix=out/fuzz/edid-crashes/ -print_final_stats=1 \
    "$work/corpus" "$work/seeds" >"$work/log" 2>&1 &
fpid=$!
wait "$fpid"
rc=$?
fpid=
grep -E '^stat::number_of_executed_units|^#[0-9]+ +DONE' "$work/log" | sed 's/^/# /'
if [ "$rc" -eq 0 ]; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
    echo "ok - fuzz_edid (${runs:-?} inputs in ${secs}s)"
else
    tail -n 30 "$work/log"
    echo "not ok - fuzz_edid: libFuzzer exited with $rc (artifact in out/fuzz/edid-crashes)"
    exit 1
fi
