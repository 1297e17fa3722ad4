#!/usr/bin/env bash
# Unit tests of the command buffer validator (src/cmdbuf) under ASan+UBSan.
set -u
t=${OUT:-out}/native-san/tests/cmdbuf/test_vcb
if [ ! -x "$t" ]; then
    echo "not ok - cmdbuf_unit: $t not built"
    exit 1
fi
"$t"
