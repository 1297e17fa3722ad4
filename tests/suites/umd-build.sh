#!/usr/bin/env bash
# The UMD as Windows binaries and as declarations:
#   - out/mingw64/umd/viogpu_d3d10.dll (x64) and out/mingw32/umd/viogpu_d3d10_wow.dll
#     (x86, WOW64) are DLLs exporting exactly OpenAdapter10 and OpenAdapter10_2
#     undecorated, importing no C/C++ runtime (tools/pecheck);
#   - include/wddm/d3d10umddi.h + d3dumddi.h compile with their layout
#     assertions on gcc (LP64), MinGW x64 and MinGW i686 (__stdcall);
#   - the device function tables and callback tables list the documented
#     members in the documented order (compared with the reference
#     declarations when ../shared/reference is present);
#   - the per-draw code (umd_draw.o) calls nothing but the encoder and its
#     own helpers: no allocation, no lock, no OS call (DESIGN §7).
set -u
PE=${OUT:-out}/native/tools/pecheck
REF=../shared/reference/wddm-ddi-syntax.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CRT="vcruntime,msvcr,msvcp,ucrtbase,api-ms-win-crt,libgcc,libwinpthread,libstdc++"
UMD_OPTS="--dll --subsystem gui --exports OpenAdapter10,OpenAdapter10_2 --forbid-import $CRT"

check_pe() { # name machine file
    if [ ! -f "$3" ]; then echo "not ok - $1: $3 missing"; return; fi
    if out=$($PE --machine "$2" $UMD_OPTS "$3" 2>&1); then echo "ok - $1"; else echo "not ok - $1: $(echo "$out" | head -3 | tr '\n' ' ')"; fi
}
check_pe umd_dll_x64 x64 ${OUT:-out}/mingw64/umd/viogpu_d3d10.dll
check_pe umd_dll_x86 x86 ${OUT:-out}/mingw32/umd/viogpu_d3d10_wow.dll
for arch in x86_64-w64-mingw32 i686-w64-mingw32; do
    dll=${OUT:-out}/mingw64/umd/viogpu_d3d10.dll
    [ "$arch" = i686-w64-mingw32 ] && dll=${OUT:-out}/mingw32/umd/viogpu_d3d10_wow.dll
    imports=$($arch-objdump -p "$dll" 2>/dev/null | sed -n 's/^\s*DLL Name: //p' | tr '\n' ' ')
    if [ "$imports" = "KERNEL32.dll " ]; then echo "ok - umd_imports_only_kernel32_$arch"; else echo "not ok - umd_imports_only_kernel32_$arch: imports: $imports"; fi
done

printf '#include "wddm/d3d10umddi.h"\nint main(void) { return (int)sizeof(D3D10_1DDI_DEVICEFUNCS) == 0; }\n' > "$tmp/h.c"
for cc in gcc x86_64-w64-mingw32-gcc i686-w64-mingw32-gcc; do
    if out=$($cc -std=gnu11 -Wall -Wextra -Werror -Iinclude -c "$tmp/h.c" -o "$tmp/h.o" 2>&1); then
        echo "ok - ddi_headers_layout_$cc"
    else
        echo "not ok - ddi_headers_layout_$cc: $(echo "$out" | grep -m2 error | tr '\n' ' ')"
    fi
done

# Member names of a struct, in order.
members() { # file struct-name
    sed 's/\xc2\xa0/ /g' "$1" | awk -v s="typedef struct $2 {" 'index($0, s) == 1 { p = 1; next } p && /^}/ { exit } p && /^#/ { next } p { print }' |
        grep -o 'pfn[A-Za-z0-9_]*' 
}
if [ -f "$REF" ]; then
    for st in D3D10DDI_DEVICEFUNCS D3D10_1DDI_DEVICEFUNCS D3D10DDI_CORELAYER_DEVICECALLBACKS D3D10_2DDI_ADAPTERFUNCS; do
        members "$REF" "$st" > "$tmp/ref"
        members include/wddm/d3d10umddi.h "$st" > "$tmp/ours"
        if [ -s "$tmp/ref" ] && cmp -s "$tmp/ref" "$tmp/ours"; then
            echo "ok - ddi_order_$st"
        else
            echo "not ok - ddi_order_$st: $(diff "$tmp/ref" "$tmp/ours" | head -4 | tr '\n' ' ')"
        fi
    done
    members "$REF" _D3DDDI_DEVICECALLBACKS | sed '/pfnMakeResidentCb/,$d' > "$tmp/ref"
    members include/wddm/d3dumddi.h _D3DDDI_DEVICECALLBACKS > "$tmp/ours"
    if [ -s "$tmp/ref" ] && cmp -s "$tmp/ref" "$tmp/ours"; then echo "ok - ddi_order_D3DDDI_DEVICECALLBACKS"; else echo "not ok - ddi_order_D3DDDI_DEVICECALLBACKS: $(diff "$tmp/ref" "$tmp/ours" | head -4 | tr '\n' ' ')"; fi
    # Negative control: the comparison sees a swapped pair.
    members include/wddm/d3d10umddi.h D3D10DDI_DEVICEFUNCS | sed '2{h;d};3{G}' > "$tmp/swapped"
    members "$REF" D3D10DDI_DEVICEFUNCS > "$tmp/ref"
    if ! cmp -s "$tmp/ref" "$tmp/swapped"; then echo "ok - ddi_order_detects_swap"; else echo "not ok - ddi_order_detects_swap: comparison blind"; fi
fi

bad=$(nm -u ${OUT:-out}/native/src/umd/umd_draw.o | awk '{print $2}' | grep -v -E '^(virgl_enc_[a-z_0-9]+|umd_[a-z_0-9]+)$')
if [ -z "$bad" ]; then echo "ok - draw_path_calls_only_encoder"; else echo "not ok - draw_path_calls_only_encoder: $(echo $bad)"; fi
