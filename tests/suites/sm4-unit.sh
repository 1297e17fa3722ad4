#!/usr/bin/env bash
# src/sm4 unit tests under ASan/UBSan: DXBC checksum against Wine-written
# containers, every container/token/translator error code, allocation
# failure at every step, and every corpus shader plus all its truncations.
set -u
exec out/native-san/tests/shaders/sm4_unit tests/shaders/dxbc
