#!/usr/bin/env bash
# Native unit tests (ASan+UBSan) of the portable KMD logic in src/kmd/*.c:
# runs out/native-san/tests/kmd/test_kmd, which prints one ok/not ok line
# per case.  A crash or sanitizer report makes the suite fail.
set -u
bin=out/native-san/tests/kmd/test_kmd
if [ ! -x "$bin" ]; then
    echo "not ok - kmd-unit-binary: $bin not built"
    exit 1
fi
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 "$bin"
rc=$?
if [ $rc -ne 0 ]; then
    echo "not ok - kmd-unit-exit: test_kmd exited with status $rc"
fi
exit $rc
