#!/usr/bin/env bash
# Fuzzes the KMD's parsers of outside input (escapes, allocation private
# data, pointer shapes, DMA records) with libFuzzer (ASan+UBSan) for
# FUZZ_SECONDS (default 10; `make fuzz` passes 600).  One test line: ok
# when no crash, sanitizer report or invariant trap was found.  Crash
# inputs are kept in out/fuzz/kmd-crashes.
set -u
fuzzer=out/fuzz/tests/fuzz/kmd_fuzz
secs=${FUZZ_SECONDS:-10}
if [ ! -x "$fuzzer" ]; then
    echo "not ok - fuzz_kmd: $fuzzer not built"
    exit 1
fi
mkdir -p out/fuzz/kmd-crashes
work=$(mktemp -d out/fuzz/kmd-run.XXXXXX)
fpid=
cleanup() {
    [ -n "$fpid" ] && kill "$fpid" 2>/dev/null && wait "$fpid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' INT TERM
mkdir -p "$work/corpus" "$work/seeds"
# Seeds: a valid GET_INFO and SET_CUSTOM_MODE escape for each selector byte.
python3 - "$work/seeds" <<'PY'
import struct, sys, os
d = sys.argv[1]
open(os.path.join(d, 'getinfo'), 'wb').write(b'\x00' + struct.pack('<IIIi', 1, 1, 96, 0) + bytes(80))
open(os.path.join(d, 'custom'), 'wb').write(b'\x00' + struct.pack('<IIIiIIII', 3, 1, 32, 0, 1, 1024, 768, 0))
open(os.path.join(d, 'dispinfo'), 'wb').write(b'\x00' + struct.pack('<IIIi', 2, 1, 24 + 32 * 16, 0) + bytes(8 + 32 * 16))
open(os.path.join(d, 'cursor'), 'wb').write(b'\x02' + struct.pack('<IIII', 2, 4, 4, 16) + bytes(64))
PY
"$fuzzer" -max_total_time="$secs" -max_len=4096 -timeout=10 -rss_limit_mb=1024 \
    -artifact_prefix=out/fuzz/kmd-crashes/ -print_final_stats=1 \
    "$work/corpus" "$work/seeds" >"$work/log" 2>&1 &
fpid=$!
wait "$fpid"
rc=$?
fpid=
if [ "$rc" -eq 0 ]; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
    echo "ok - fuzz_kmd (${runs:-?} inputs in ${secs}s)"
else
    tail -n 30 "$work/log"
    echo "not ok - fuzz_kmd: libFuzzer exited with $rc (artifact in out/fuzz/kmd-crashes)"
    exit 1
fi
