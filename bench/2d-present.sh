#!/usr/bin/env bash
# 2d-present.sh — 2D present rate on QEMU's virtio-gpu-pci (TCG) at
# 1920x1080: full-frame presents (the anchor) vs a moving 64x64 dirty
# rectangle, same boot, same device.  A present = TRANSFER_TO_HOST_2D +
# RESOURCE_FLUSH of the rectangle, one doorbell, waiting for the flush.
# Rates use the HOST wall clock between the guest's @@MARK lines (TCG's
# guest clock is not wall time); bytes and doorbells come from the core's
# counters.  Usage: bench/2d-present.sh [N presents per phase, default 1000]
set -eu
cd "$(dirname "$0")/.."
N=${1:-${BENCH_2D_PRESENTS:-1000}}
K=out/guest/viogpu-test-kernel.bin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tests/guest/run_guest.py --kernel "$K" --tag bench-2d --timeout 600 --log-dir "$tmp" \
    --device virtio-gpu-pci,xres=1920,yres=1080 --append "bench=$N" \
    --tests bench_present --marks "$tmp/marks" >"$tmp/out"
if ! grep -q '^ok - ' "$tmp/out"; then
    cat "$tmp/out"; tail -20 "$tmp"/*.serial.log; exit 1
fi
python3 - "$tmp/marks" "$tmp/out" <<'PY'
import re, sys
marks = dict(l.split() for l in open(sys.argv[1]))
stats = {}
for l in open(sys.argv[2]):
    m = re.match(r'# \[bench-2d\] (\w+) (.*)', l)
    if m:
        stats[m.group(1)] = dict(kv.split('=') for kv in m.group(2).split())
rows = []
phases = (('full', 'full frame 1920x1080 (anchor)'), ('rect64', '64x64 dirty rectangle'),
          ('rect64_poll', '64x64, polling (no MSI-X)'))
for phase, label in phases:
    s = stats[phase]
    n = int(s['presents'])
    secs = float(marks[phase + '_end']) - float(marks[phase + '_start'])
    rows.append((label, n, secs, n / secs, int(s['pixel_bytes_per_present']),
                 int(s['cmd_bytes_per_present']), s['doorbells_per_present'], s['irqs_per_present']))
print('%-32s %8s %9s %12s %11s %14s %12s %10s %8s' % ('2D present', 'presents', 'wall s', 'presents/s',
      'guest us/p', 'pixel B/pres', 'cmd B/pres', 'doorbells', 'irqs'))
for r, (phase, _) in zip(rows, phases):
    print('%-32s %8d %9.3f %12.1f %11s %14d %12d %10s %8s' % (r[:4] + (stats[phase]['guest_us_per_present'],) + r[4:]))
print('speed-up of the dirty rectangle over the full frame: %.1fx' % (rows[1][3] / rows[0][3]))
print('polling vs MSI-X + hlt for the dirty rectangle: %.2fx' % (rows[2][3] / rows[1][3]))
PY
