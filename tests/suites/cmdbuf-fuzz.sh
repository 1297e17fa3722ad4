#!/usr/bin/env bash
# Fuzzes the command buffer validator (src/cmdbuf), seeded with the
# hand-made good buffer of tests/cmdbuf/test_vcb.c.
cd "$(dirname "$0")/../.." || exit 1
exec scripts/run-fuzzer.sh cmdbuf ${OUT:-out}/fuzz/tests/fuzz/cmdbuf_fuzz ${OUT:-out}/native-san/tests/cmdbuf/test_vcb 4096
