#!/usr/bin/env bash
# kmd-guest.sh — guest host step 2: the bare-metal test kernel loads the
# SHIPPED out/package/viogpu3d.sys (handed over as a multiboot module),
# checks its SHA-256 against the file here, and drives it through the NT
# shim and mini dxgkrnl on QEMU's real virtio-gpu-pci (tests/guest/nt/).
set -u
cd "$(dirname "$0")/../.."
K=out/guest/viogpu-test-kernel.bin
SYS=out/package/viogpu3d.sys
run() {
    tests/guest/run_guest.py "$@"
    local rc=$?
    [ $rc -eq 0 ] || echo "not ok - run_guest.py $*: exited with status $rc"
}
for f in "$K" "$SYS"; do
    if [ ! -f "$f" ]; then
        echo "not ok - kmd guest: $f missing (run make)"
        exit 1
    fi
done

# The loader must resolve exactly the imports the file has (counted here,
# independently of the guest's PE parser).
nimp=$(x86_64-w64-mingw32-objdump -p "$SYS" | awk '/DLL Name:/{d=1;next} d&&/^\t[0-9a-f]+\t *[0-9]+ +[A-Za-z_]/{n++} /^$/{d=0} END{print n+0}')

# One boot: each scenario loads a fresh copy of the image, runs
# DriverEntry -> ... -> Unload and checks that nothing leaked.  A 64 MB
# max_hostmem turns leaked host resources into failed creations
# (kmd_alloc_cycles).
run --kernel "$K" --tag kmd-1280x800 --timeout 90 --module "$SYS" \
    --device virtio-gpu-pci,xres=1280,yres=800,max_hostmem=64M --append "mode=1280x800 imports=$nimp" \
    --tests kmd_sha256_vectors,kmd_irql_rules,kmd_load,kmd_unknown_import,kmd_bad_image,kmd_driver_entry,kmd_legacy_ioctl,kmd_start_stop,kmd_children,kmd_escape,kmd_system_display,kmd_vidpn_commit,kmd_mode_change,kmd_present,kmd_mode_change_pixels,kmd_pointer,kmd_alloc_cycles,kmd_vsync,kmd_tdr,kmd_power_cycle

# virgl device: StartDevice fetches the VIRGL2 capset and
# QueryAdapterInfo(UMDRIVERPRIVATE) hands it to the UMD (dxgk.c checks it
# parses); the 2D runs above check the no-virgl answer.
run --kernel "$K" --tag kmd-virgl --timeout 60 --module "$SYS" \
    --device virtio-gpu-gl-pci --display sdl,gl=on --append "imports=$nimp" \
    --tests kmd_start_stop

# Two heads with different modes (1280x800 and 1024x768), each with its
# own primary, checked by its own screendump.
run --kernel "$K" --tag kmd-2heads --timeout 60 --module "$SYS" \
    --device virtio-gpu-pci,xres=1280,yres=800,max_outputs=2 --append mode=1280x800 \
    --tests kmd_two_heads

# A host display change: QEMU's VNC server resizes head 0 (the host runner
# is the VNC client), the driver must report it to dxgkrnl.
run --kernel "$K" --tag kmd-1024x768 --timeout 60 --module "$SYS" --vnc \
    --device virtio-gpu-pci,xres=1024,yres=768 --append mode=1024x768 \
    --tests kmd_display_event

# The host's side of the SHA-256 handshake must be able to fail: a module
# that is not the shipped file is refused and the load test fails.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$SYS" "$tmp/viogpu3d.sys"
printf 'x' >> "$tmp/viogpu3d.sys"
out=$(run --kernel "$K" --tag kmd-wrong-file --timeout 30 --module "$tmp/viogpu3d.sys" \
    --sha-ref "$SYS" --append "imports=$nimp" --tests kmd_load 2>&1)
echo "$out" | sed 's/^/# /'
if echo "$out" | grep -q '^not ok - kmd_load \[kmd-wrong-file\]: host: .*guest SHA-256'; then
    echo "ok - kmd_sha256_mismatch_detected"
else
    echo "not ok - kmd_sha256_mismatch_detected: a modified driver file was not caught"
fi
exit 0
