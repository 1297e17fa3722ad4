#!/usr/bin/env bash
# Render tests through a real virgl_test_server (EGL surfaceless, llvmpipe):
# the binary starts its own server on a private socket and stops it on
# every path (exit, signal); here we only bound its run time.
set -u
exec timeout --kill-after=5 300 out/native/tests/vtest/virgl_render
