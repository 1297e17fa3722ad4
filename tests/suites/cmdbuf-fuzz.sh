#!/usr/bin/env bash
# Fuzzes the command buffer validator (src/cmdbuf), seeded with the
# hand-made good buffers of tests/cmdbuf/test_vcb.c (framing, and every
# per-use check: transfers, blits, copies, views, surfaces, SO, queries).
cd "$(dirname "$0")/../.." || exit 1
exec scripts/run-fuzzer.sh cmdbuf ${OUT:-out}/fuzz/tests/fuzz/cmdbuf_fuzz ${OUT:-out}/native-san/tests/cmdbuf/test_vcb 4096
