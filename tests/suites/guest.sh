#!/usr/bin/env bash
# guest.sh — the bare-metal test kernel on QEMU's real virtio-gpu-pci (TCG).
# A few QEMU boots, several test cases each (tests/guest/run_guest.py prints
# one ok/not ok line per case).  EDID blobs read from the device land in
# out/guest/edid/ and are compared with the committed copies in
# tests/unit/data/ that the core's parser tests use.
set -u
cd "$(dirname "$0")/../.."
K=out/guest/viogpu-test-kernel.bin
# A runner that crashes (instead of reporting its tests) is a failure too.
RUN=run
run() {
    tests/guest/run_guest.py "$@"
    local rc=$?
    [ $rc -eq 0 ] || echo "not ok - run_guest.py $*: exited with status $rc"
}
EDID_OUT=out/guest/edid
rm -rf "$EDID_OUT"
if [ ! -f "$K" ]; then
    echo "not ok - guest kernel: $K missing (run make)"
    exit 1
fi

# 1) one head, a mode that is not a multiple of 16: scanout, dirty
#    rectangles, cursor, errors, leak, interrupts; kernel_exception must be
#    last (it ends the boot on purpose).
$RUN --kernel "$K" --tag 1366x766 --timeout 240 --edid-dir "$EDID_OUT" \
    --device virtio-gpu-pci,xres=1366,yres=766 --append mode=1366x766 \
    --expect-fail 'kernel_exception:CPU exception 13' \
    --tests kernel_timer,kernel_pages,scanout_full,screendump_mismatch,dirty_rect,dirty_rect_corner,reset_restore,scanout_subrect,scatter_backing,cursor,err_invalid_resource,err_invalid_scanout,err_bad_format,err_rect_out_of_bounds,err_backing_twice,err_unknown_command,hostmem_limit,leak_cycles,fences,features_default,features_minimal,irq_msix,irq_intx,irq_polling_fallback,edid_modes,kernel_exception

# 2) four heads, each with its own size and pattern
$RUN --kernel "$K" --tag 4heads-1920x1080 --timeout 120 --edid-dir "$EDID_OUT" \
    --device virtio-gpu-pci,max_outputs=4,xres=1920,yres=1080 --append mode=1920x1080 \
    --tests four_heads,edid_modes

# 3) EDID mode lists for more sizes; at 1024x768 also a hot resize to
#    800x600 requested through QEMU's VNC server (display-change event)
$RUN --kernel "$K" --tag 1024x768 --timeout 60 --edid-dir "$EDID_OUT" --vnc \
    --device virtio-gpu-pci,xres=1024,yres=768 --append mode=1024x768 --tests edid_modes,display_event
$RUN --kernel "$K" --tag 800x600 --timeout 60 --edid-dir "$EDID_OUT" \
    --device virtio-gpu-pci,xres=800,yres=600 --append mode=800x600 --tests edid_modes

# 4) q35 with a 1 GiB ivshmem BAR: SeaBIOS puts the GPU's 64-bit BAR above
#    4 GiB, so the kernel must map it on demand; the device still works
$RUN --kernel "$K" --tag q35-bar-high --timeout 60 --machine q35 \
    --qemu-arg=-object --qemu-arg=memory-backend-ram,id=shm0,size=1G \
    --qemu-arg=-device --qemu-arg=ivshmem-plain,memdev=shm0 \
    --device virtio-gpu-pci --tests bar_high,scanout_full,irq_msix

# 5) virgl: the core's 3D commands and the virgl encoder on
#    virtio-gpu-gl-pci (SDL offscreen GL display, no X server); pixels are
#    read back in the guest because screendump has no surface with GL
$RUN --kernel "$K" --tag virgl --timeout 90 --device virtio-gpu-gl-pci --display sdl,gl=on \
    --tests virgl_caps,virgl_clear,irq_msix

# 6) the host runner's timeout: a guest test that never ends is reported
#    as timed out and its QEMU is gone when the runner returns
out=$($RUN --kernel "$K" --tag hang --timeout 3 --tests kernel_hang)
echo "$out" | sed 's/^/# /'
pid=$(echo "$out" | sed -n 's/^# qemu pid \([0-9]*\)$/\1/p')
if ! echo "$out" | grep -q '^not ok - kernel_hang \[hang\]: died while running: timeout after 3s'; then
    echo "not ok - runner_timeout_stops_qemu: the hanging test was not reported as a timeout"
elif [ -z "$pid" ] || kill -0 "$pid" 2>/dev/null; then
    echo "not ok - runner_timeout_stops_qemu: QEMU (pid ${pid:-?}) still running after the runner returned"
else
    echo "ok - runner_timeout_stops_qemu"
fi

# 7) the committed EDID blobs (tests/unit/data) are what this QEMU sends
for f in tests/unit/data/qemu-edid-*.bin; do
    [ -e "$f" ] || continue
    b=$(basename "$f")
    if [ ! -f "$EDID_OUT/$b" ]; then
        echo "# $b: no boot of this suite reads that mode"
    elif cmp -s "$f" "$EDID_OUT/$b"; then
        echo "ok - edid_blob_matches_device [$b]"
    else
        echo "not ok - edid_blob_matches_device [$b]: QEMU's EDID differs from the committed copy"
    fi
done
exit 0
