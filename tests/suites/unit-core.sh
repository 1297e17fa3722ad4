#!/usr/bin/env bash
# Native unit tests of src/base, src/virtio and src/gpu, built with
# ASan+UBSan (out/native-san).  Each binary prints its own ok/not ok lines;
# a binary that dies without reporting (sanitizer abort, crash) is reported
# here as one failure.  Run from the repository root.
set -u
bindir=out/native-san/tests/unit
status=0
for t in test_fmt test_ida test_virtq test_fence test_edid test_vgpu; do
    if [ ! -x "$bindir/$t" ]; then
        echo "not ok - $t: $bindir/$t not built"
        status=1
        continue
    fi
    out=$(ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
          timeout 120 "$bindir/$t" 2>&1)
    rc=$?
    printf '%s\n' "$out"
    if [ "$rc" -ne 0 ] && ! printf '%s\n' "$out" | grep -q '^not ok - '; then
        echo "not ok - $t: exited with status $rc"
        status=1
    fi
done
exit $status
