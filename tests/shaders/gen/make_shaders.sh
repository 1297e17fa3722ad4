#!/usr/bin/env bash
# `make shaders`: regenerates the committed shader corpus (needs wine64).
#   asm/NAME.asm   -> dxbc/NAME.dxbc       by tools/sm4-as
#   hlsl/NAME.hlsl -> dxbc/hlsl_NAME.dxbc  by Wine's d3dcompiler_47 (D3DCompile)
# and for every DXBC, Wine's D3DDisassemble listing -> wine/NAME.txt.
# Each assembled file is verified: its Wine listing, reassembled by
# sm4-as, must give exactly the same tokens (exceptions, with reasons, in
# gen/wine-exceptions.txt are verified by sm4-dis -> sm4-as instead).
# HLSL profiles: vs_*.hlsl ->
# vs_4_0, gs_* -> gs_4_0, *_41.hlsl -> ps_4_1, others ps_4_0; entry main.
set -eu
cd "$(dirname "$0")/../../.."
AS=out/native/bin/sm4-as
TOOL=out/mingw64/shaders/d3dtool.exe
WINE=${WINE:-$(command -v wine64 || echo /usr/lib/wine/wine64)}
export WINEPREFIX=${WINEPREFIX:-$PWD/out/wineprefix} WINEDEBUG=-all
[ -x "$WINE" ] || { echo "make_shaders: wine64 not found (scripts/deps.sh --shaders)" >&2; exit 1; }
mkdir -p out/mingw64/shaders tests/shaders/dxbc tests/shaders/wine
x86_64-w64-mingw32-gcc -std=gnu11 -Wall -Wextra -Werror -O2 -o "$TOOL" \
    tests/shaders/gen/d3dtool.c -ld3dcompiler_47
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for src in tests/shaders/hlsl/*.hlsl; do
    [ -e "$src" ] || continue
    n=$(basename "$src" .hlsl)
    case "$n" in vs_*) prof=vs_4_0 ;; gs_*) prof=gs_4_0 ;; *_41) prof=ps_4_1 ;; *) prof=ps_4_0 ;; esac
    if ! "$WINE" "$TOOL" compile "$prof" main "$src" "tests/shaders/dxbc/hlsl_$n.dxbc" 2>"$tmp/err"; then
        echo "make_shaders: $src: $(cat "$tmp/err")" >&2; fail=1; continue
    fi
    "$WINE" "$TOOL" disasm "tests/shaders/dxbc/hlsl_$n.dxbc" "tests/shaders/wine/hlsl_$n.txt"
done
DIS=out/native/bin/sm4-dis
for src in tests/shaders/asm/*.asm; do
    n=$(basename "$src" .asm)
    "$AS" "$src" "tests/shaders/dxbc/$n.dxbc"
    kind=$(awk -v n="$n" '$1 == n { print $2 }' tests/shaders/gen/wine-exceptions.txt)
    if [ -n "$kind" ]; then
        if [ "$kind" = refuses ]; then
            if "$WINE" "$TOOL" disasm "tests/shaders/dxbc/$n.dxbc" "$tmp/w.txt" 2>/dev/null; then
                echo "make_shaders: $n: Wine now disassembles it; update wine-exceptions.txt" >&2; fail=1
            fi
        else
            "$WINE" "$TOOL" disasm "tests/shaders/dxbc/$n.dxbc" "tests/shaders/wine/$n.txt"
            "$AS" --tokens "tests/shaders/wine/$n.txt" "$tmp/w.bin"
            "$AS" --tokens "$src" "$tmp/a.bin"
            if cmp -s "$tmp/a.bin" "$tmp/w.bin"; then
                echo "make_shaders: $n: Wine's listing is no longer lossy; update wine-exceptions.txt" >&2; fail=1
            fi
        fi
        "$DIS" "tests/shaders/dxbc/$n.dxbc" > "$tmp/d.asm"
        "$AS" --tokens "$src" "$tmp/a.bin"
        "$AS" --tokens "$tmp/d.asm" "$tmp/b.bin"
        cmp -s "$tmp/a.bin" "$tmp/b.bin" || { echo "make_shaders: $n: sm4-dis round trip differs" >&2; fail=1; }
        continue
    fi
    if ! "$WINE" "$TOOL" disasm "tests/shaders/dxbc/$n.dxbc" "tests/shaders/wine/$n.txt" 2>"$tmp/err"; then
        echo "make_shaders: $n: D3DDisassemble refused it: $(cat "$tmp/err")" >&2
        rm -f "tests/shaders/wine/$n.txt"; fail=1; continue
    fi
    "$AS" --tokens "$src" "$tmp/a.bin"
    if ! "$AS" --tokens "tests/shaders/wine/$n.txt" "$tmp/b.bin" 2>"$tmp/err" || ! cmp -s "$tmp/a.bin" "$tmp/b.bin"; then
        echo "make_shaders: $n: Wine's listing does not reassemble to the same tokens $(cat "$tmp/err")" >&2
        fail=1
    fi
done
exit $fail
