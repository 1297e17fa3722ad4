#!/usr/bin/env bash
# Fuzzes the UMD's parsers of kernel-provided data (tests/fuzz/umd_fuzz.c):
# the adapter private data of OpenAdapter10/_2 (adapter info + virgl
# capset) and the private data of OpenResource, with every submission run
# through the KMD's validator.  Seeded with the valid inputs the harness
# builds (--write-seeds; each is checked to get past the parsers) plus the
# VIRGL2 capset virgl_test_server (virglrenderer on llvmpipe) answered,
# tests/fuzz/data/virgl2-caps-llvmpipe.bin, wrapped as adapter data, and
# the regression inputs kept in tests/fuzz/data/umd-*.bin (umd-bc1-update:
# a BC1 UpdateSubresourceUP that once read 4x the rows the caller gave;
# umd-ddi-copy-box-overflow: a CopySubresourceRegion box whose signed
# width overflowed).  The DDI-call-sequence mode (tests/fuzz/umd_fuzz_ddi.c)
# is seeded by --write-seeds too.
# One test line; FUZZ_SECONDS (default 20) bounds the run.
cd "$(dirname "$0")/../.." || exit 1
fuzzer=${OUT:-out}/fuzz/tests/fuzz/umd_fuzz
if [ ! -x "$fuzzer" ]; then
    echo "not ok - fuzz_umd: $fuzzer not built"
    exit 1
fi
mkdir -p "${OUT:-out}/fuzz"
extra=$(mktemp -d "${OUT:-out}/fuzz/umd-seeds.XXXXXX")
trap 'rm -rf "$extra"' EXIT
if ! "$fuzzer" --write-seeds "$extra" tests/fuzz/data/virgl2-caps-llvmpipe.bin; then
    echo "not ok - fuzz_umd: the capset seed is refused"
    exit 1
fi
# Input: selector + struct viogpu_umd_private (96 + 4096) at most.
scripts/run-fuzzer.sh umd "$fuzzer" "$fuzzer" 4200 "$extra"/adapter-capset-* tests/fuzz/data/umd-*.bin
