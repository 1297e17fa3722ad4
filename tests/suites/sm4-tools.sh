#!/usr/bin/env bash
# sm4-as / sm4-dis on the committed corpus, without Wine:
#  - sm4-as reproduces every committed assembled DXBC byte for byte;
#  - sm4-dis -> sm4-as round-trips every assembled DXBC (container included);
#  - Wine's D3DDisassemble listings (committed by `make shaders`) of our
#    assembled files reassemble to identical tokens;
#  - for the DXBC Wine's compiler wrote, both our listing and Wine's listing
#    reassemble to Wine's exact tokens;
#  - sm4-dis --tgsi works on every corpus file; bad input gets a message
#    and a non-zero status.
set -u
AS=out/native/bin/sm4-as
DIS=out/native/bin/sm4-dis
D=tests/shaders
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() { # NAME COUNT-BAD LIST
    if [ "$2" -eq 0 ]; then echo "ok - $1"; else echo "not ok - $1: $3"; fi
}

bad=0; list=""; n=0
for src in $D/asm/*.asm; do
    b=$(basename "$src" .asm); n=$((n + 1))
    if ! "$AS" "$src" "$tmp/$b.dxbc" 2>"$tmp/err" || ! cmp -s "$tmp/$b.dxbc" "$D/dxbc/$b.dxbc"; then
        bad=$((bad + 1)); list="$list $b"
    fi
done
check "sm4-as reproduces the $n committed assembled DXBC files" $bad "$list"

bad=0; list=""
for src in $D/asm/*.asm; do
    b=$(basename "$src" .asm)
    if ! "$DIS" "$D/dxbc/$b.dxbc" > "$tmp/$b.lst" || ! "$AS" "$tmp/$b.lst" "$tmp/$b.re" 2>"$tmp/err" ||
       ! cmp -s "$tmp/$b.re" "$D/dxbc/$b.dxbc"; then
        bad=$((bad + 1)); list="$list $b"
    fi
done
check "sm4-dis -> sm4-as round trip of assembled files" $bad "$list"

bad=0; list=""; n=0
for src in $D/asm/*.asm; do
    b=$(basename "$src" .asm)
    [ -e "$D/wine/$b.txt" ] || continue
    grep -q "^$b " $D/gen/wine-exceptions.txt && continue
    n=$((n + 1))
    "$AS" --tokens "$src" "$tmp/a.bin"
    if ! "$AS" --tokens "$D/wine/$b.txt" "$tmp/w.bin" 2>"$tmp/err" || ! cmp -s "$tmp/a.bin" "$tmp/w.bin"; then
        bad=$((bad + 1)); list="$list $b"
    fi
done
refused=$(grep -vc '^#' $D/gen/wine-exceptions.txt)
missing=0
for src in $D/asm/*.asm; do
    b=$(basename "$src" .asm)
    [ -e "$D/wine/$b.txt" ] || grep -q "^$b " $D/gen/wine-exceptions.txt || { missing=$((missing + 1)); list="$list $b(no listing)"; }
done
check "Wine D3DDisassemble listings of $n assembled files reassemble to the same tokens ($refused exceptions listed)" \
    $((bad + missing)) "$list"

bad=0; list=""; n=0
for f in $D/dxbc/hlsl_*.dxbc; do
    b=$(basename "$f" .dxbc); n=$((n + 1))
    "$DIS" --shdr "$f" > "$tmp/orig.bin"
    "$DIS" "$f" > "$tmp/ours.lst"
    if ! "$AS" --tokens "$tmp/ours.lst" "$tmp/ours.bin" 2>"$tmp/err" || ! cmp -s "$tmp/orig.bin" "$tmp/ours.bin"; then
        bad=$((bad + 1)); list="$list $b(ours)"
    fi
    # Wine's own listing must at least assemble (it prints select-1 and
    # replicated swizzles alike, so its tokens may differ in that mode bit)
    if ! "$AS" --tokens "$D/wine/$b.txt" "$tmp/w.bin" 2>"$tmp/err"; then
        bad=$((bad + 1)); list="$list $b(wine: $(cat "$tmp/err"))"
    fi
done
check "$n Wine-compiled shaders: our listing reassembles to Wine's exact tokens, Wine's listing assembles" $bad "$list"

bad=0; list=""; n=0
for f in $D/dxbc/*.dxbc; do
    b=$(basename "$f" .dxbc); n=$((n + 1))
    if ! "$DIS" --tgsi "$f" > "$tmp/t.txt" 2>"$tmp/err" || ! grep -q '^\(FRAG\|VERT\|GEOM\)$' "$tmp/t.txt" ||
       ! grep -q '^END$' "$tmp/t.txt"; then
        bad=$((bad + 1)); list="$list $b"
    fi
done
check "sm4-dis --tgsi translates all $n corpus files" $bad "$list"

# bad input: message on stderr and a non-zero status
printf '' > "$tmp/empty"
head -c 100 /dev/urandom > "$tmp/junk"
cp $D/dxbc/alu_add.dxbc "$tmp/flip.dxbc"; printf '\xff' | dd of="$tmp/flip.dxbc" bs=1 seek=60 conv=notrunc 2>/dev/null
head -c 40 $D/dxbc/alu_add.dxbc > "$tmp/short.dxbc"
for c in "empty:container truncated" "junk:not a DXBC" "flip.dxbc:checksum" "short.dxbc:size field"; do
    f=${c%%:*}; want=${c#*:}
    "$DIS" "$tmp/$f" >/dev/null 2>"$tmp/err"; rc=$?
    if [ $rc -ne 0 ] && [ -s "$tmp/err" ] && grep -q "$want" "$tmp/err"; then
        echo "ok - sm4-dis rejects $f: $(head -c 80 "$tmp/err")"
    else
        echo "not ok - sm4-dis $f: status $rc, stderr '$(cat "$tmp/err")'"
    fi
done
cd "$tmp"
"$OLDPWD/$DIS" >/dev/null 2>&1; rc=$?
check "sm4-dis without arguments: usage, status 2" $([ $rc -eq 2 ]; echo $?) "status $rc"
cd - >/dev/null
# a shader the translator refuses (gather4 on a 1D texture): status 1 and
# the opcode named
printf '.output SV_Target 0 0 xyzw float\nps_4_1\ndcl_sampler s0, mode_default\ndcl_resource_texture1d (float,float,float,float) t0\ndcl_output o0.xyzw\ngather4 o0.xyzw, l(0.5, 0, 0, 0), t0.xyzw, s0\nret\n' > "$tmp/sp.asm"
"$AS" "$tmp/sp.asm" "$tmp/sp.dxbc"
"$DIS" --tgsi "$tmp/sp.dxbc" >/dev/null 2>"$tmp/err"; rc=$?
check "sm4-dis --tgsi on unsupported input names the opcode" $([ $rc -eq 1 ] && grep -q gather4 "$tmp/err"; echo $?) \
    "status $rc: $(cat "$tmp/err")"
printf 'ps_4_0\nfrobnicate r0.x\n' > "$tmp/bad.asm"
"$AS" "$tmp/bad.asm" "$tmp/bad.dxbc" 2>"$tmp/err"; rc=$?
check "sm4-as reports FILE:LINE on an unknown instruction" $([ $rc -eq 1 ] && grep -q "bad.asm:2: unknown instruction" "$tmp/err"; echo $?) \
    "status $rc: $(cat "$tmp/err")"
