#!/usr/bin/env bash
# The SM4 shader corpus on a real virgl_test_server: each DXBC is translated
# by src/sm4, drawn through the vtest quad helper, and its pixels / stream
# output compared with values tests/shaders/cases.py computes itself.
set -u
exec python3 tests/shaders/run_corpus.py
