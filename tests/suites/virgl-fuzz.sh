#!/usr/bin/env bash
# Fuzzes the virgl stream disassembler and caps parser (libFuzzer,
# ASan+UBSan) for FUZZ_SECONDS (default 10; `make fuzz` passes 600),
# seeded with streams from the unit test.  One test line: ok when no
# crash, sanitizer report or invariant trap.  Crash inputs are kept in
# out/fuzz/virgl-crashes.
set -u
fuzzer=out/fuzz/tests/vtest/virgl_fuzz
seeder=out/native-san/tests/vtest/virgl_unit
secs=${FUZZ_SECONDS:-10}
for f in "$fuzzer" "$seeder"; do
    if [ ! -x "$f" ]; then
        echo "not ok - fuzz virgl parsers: $f not built"
        exit 1
    fi
done
mkdir -p out/fuzz/virgl-crashes
work=$(mktemp -d out/fuzz/virgl-run.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p "$work/corpus" "$work/seeds"
# Seed: a stream (selector byte 0 = disassembler) and an all-zero caps blob.
if ! "$seeder" --emit "$work/s.bin"; then
    echo "not ok - fuzz virgl parsers: could not write seeds"
    exit 1
fi
{ printf '\0'; cat "$work/s.bin"; } > "$work/seeds/stream"
{ printf '\1\2\0\0\0'; head -c 700 /dev/zero; } > "$work/seeds/caps"
"$fuzzer" -max_total_time="$secs" -max_len=8192 -timeout=10 -rss_limit_mb=1024 \
    -artifact_prefix=out/fuzz/virgl-crashes/ -print_final_stats=1 \
    "$work/corpus" "$work/seeds" >"$work/log" 2>&1
rc=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
if [ $rc -eq 0 ]; then
    echo "ok - fuzz virgl parsers (${runs:-?} inputs in ${secs}s)"
else
    echo "not ok - fuzz virgl parsers: libFuzzer exit $rc, crash inputs in out/fuzz/virgl-crashes"
    tail -n 30 "$work/log"
    exit 1
fi
