#!/usr/bin/env bash
# UMD cost per state-churn draw through the DDI (callgrind instructions,
# difference of two run lengths so start-up cancels; submissions discarded)
# next to a memcpy of the same dwords; then frames/s of the tutorial-6 cube
# through UMD + mini runtime + virgl_test_server next to the same scene as
# native OpenGL ES on llvmpipe (EGL surfaceless), with a pixel compare of
# the two final frames.
set -eu
b=out/native/bench/umd_bench
g=out/native/bench/umd_gl_anchor
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ir() {  # instructions executed by `$b ARGS...`
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$b" "$@" 2>&1 >/dev/null |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
n1=2000; n2=12000
dw=$("$b" churn 1000 | sed -n 's/.*draws, \([0-9]*\) dwords per draw.*/\1/p')
a=$(ir churn $n1); c=$(ir churn $n2)
echo "umd churn: $(( (c - a) / (n2 - n1) )) instructions per draw (callgrind, ($c - $a) / $((n2 - n1))), $dw dwords per draw"
a=$(ir memcpy $n1 "$dw"); c=$(ir memcpy $n2 "$dw")
echo "anchor memcpy of $dw dwords: $(( (c - a) / (n2 - n1) )) instructions per draw (callgrind, ($c - $a) / $((n2 - n1)))"
frames=${UMD_BENCH_FRAMES:-500}
export LP_NUM_THREADS=0
for mode in each flush; do
    LIBGL_ALWAYS_SOFTWARE=1 GALLIUM_DRIVER=llvmpipe "$g" "$frames" "$tmp/gl.rgba" $mode
    "$b" fps "$frames" "$tmp/umd.rgba" $mode
    "$b" compare "$tmp/umd.rgba" "$tmp/gl.rgba"
done
