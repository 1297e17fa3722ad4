#!/usr/bin/env bash
# The D3D10 UMD (src/umd) driven by the mini D3D10 runtime (tests/lib) on a
# real virgl_test_server: every scene in tests/scenes through the D3D10.1
# and the D3D10.0 device tables (pixel probes on the read-back render
# target), negative controls the runner must fail, a scene written on the
# fly, the PNG output, the DDI contract checks (umd-api), and the committed
# DXBC and generated scenes being current.  About 10 s.
set -u
RUN=${OUT:-out}/native/bin/scene-run
API=${OUT:-out}/native/tests/lib/umd-api
AS=${OUT:-out}/native/bin/sm4-as
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. Every scene, one server per interface.
$RUN --list tests/scenes/*.scene
$RUN --interface 10.0 --list tests/scenes/*.scene | sed -E 's/^((not )?ok - [^: ]+)/\1 [d3d10.0]/'

# 2. Negative controls: each must fail (exit 1) and name its failing probe.
for f in tests/scenes/negative/*.scene; do
    name="negative_$(basename "$f" .scene)"
    out=$($RUN "$f" 2>&1)
    rc=$?
    if [ $rc -eq 1 ] && echo "$out" | grep -q ': probe ('; then
        echo "ok - $name"
    else
        echo "not ok - $name: runner exited $rc: $(echo "$out" | tail -2 | tr '\n' ' ')"
    fi
done

# 3. A scene the runner has never seen: a clear colour picked now, probed
#    back through the whole stack.
r=$(( RANDOM % 200 + 20 )); g=$(( RANDOM % 200 + 20 )); b=$(( RANDOM % 200 + 20 ))
cat > "$tmp/fresh.scene" <<EOS
target 8 8 B8G8R8A8_UNORM
clear $(echo "scale=6; $r/255; $g/255; $b/255" | bc | tr '\n' ' ') 1
probe 0 0 $r $g $b 255 1
probe 7 7 $r $g $b 255 1
EOS
if out=$($RUN "$tmp/fresh.scene" 2>&1); then echo "ok - fresh_scene"; else echo "not ok - fresh_scene (colour $r $g $b): $out"; fi

# 4. Runner errors: bad directive, missing file, usage.
printf 'target 4 4\nfrobnicate 1\nprobe 0 0 0 0 0 0\n' > "$tmp/bad.scene"
out=$($RUN "$tmp/bad.scene" 2>&1); rc=$?
if [ $rc -eq 1 ] && echo "$out" | grep -q "bad.scene:2: unknown directive 'frobnicate'"; then
    echo "ok - runner_rejects_unknown_directive"
else
    echo "not ok - runner_rejects_unknown_directive: exit $rc: $out"
fi
out=$($RUN "$tmp/none.scene" 2>&1); rc=$?
if [ $rc -eq 1 ] && echo "$out" | grep -q "cannot open"; then echo "ok - runner_missing_file"; else echo "not ok - runner_missing_file: exit $rc: $out"; fi
$RUN >/dev/null 2>&1; rc=$?
if [ $rc -eq 2 ]; then echo "ok - runner_usage"; else echo "not ok - runner_usage: exit $rc"; fi

# 5. --png writes the render target (64x48 for tutorial 5).
if $RUN tests/scenes/tut05_depth.scene --png "$tmp/t5.png" >/dev/null 2>&1 &&
   [ "$(head -c 8 "$tmp/t5.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] &&
   [ "$(od -An -tu1 -j16 -N8 "$tmp/t5.png" | tr -s ' ' | sed 's/^ //')" = "0 0 0 64 0 0 0 48" ]; then
    echo "ok - png_output"
else
    echo "not ok - png_output: no 64x48 PNG written"
fi

# 6. DDI contract checks.
$API

# 7. Committed DXBC and generated scenes are what their sources give.
stale=""
for a in tests/scenes/shaders/*.asm; do
    d="${a%.asm}.dxbc"
    if ! $AS "$a" "$tmp/x.dxbc" 2>"$tmp/as.err" || ! cmp -s "$tmp/x.dxbc" "$d"; then stale="$stale $(basename "$d")"; fi
done
if [ -z "$stale" ]; then echo "ok - scene_dxbc_current"; else echo "not ok - scene_dxbc_current: stale:$stale"; fi
# Every file the generator writes must equal the committed one.
mkdir -p "$tmp/gen/negative"
if python3 tests/scenes/gen_tutorials.py "$tmp/gen" >/dev/null; then
    stale=""
    for g in $(cd "$tmp/gen" && find . -name '*.scene' | sort); do
        cmp -s "$tmp/gen/$g" "tests/scenes/$g" || stale="$stale ${g#./}"
    done
    ngen=$(cd "$tmp/gen" && find . -name '*.scene' | wc -l)
    if [ -z "$stale" ] && [ "$ngen" -ge 13 ]; then
        echo "ok - generated_scenes_current"
    else
        echo "not ok - generated_scenes_current: $ngen generated, stale:$stale (rerun tests/scenes/gen_tutorials.py)"
    fi
else
    echo "not ok - generated_scenes_current: tests/scenes/gen_tutorials.py failed"
fi
