#!/usr/bin/env bash
# Fuzzes the EDID parser (src/gpu/edid.c), seeded with the hand-made blocks
# of tests/unit/test_edid.c and the QEMU EDID blobs in tests/unit/data.
cd "$(dirname "$0")/../.." || exit 1
exec scripts/run-fuzzer.sh edid out/fuzz/tests/fuzz/edid_fuzz out/native-san/tests/unit/test_edid 2048 \
    tests/unit/data/*.bin
