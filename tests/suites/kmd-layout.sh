#!/usr/bin/env bash
# Layout assertions of include/wddm and include/viogpu/abi.h, compiled with
# the toolchains that must agree:
#   - the KMD view (MinGW ddk <ntddk.h> + wddm/dispmprt.h) with the x64
#     compiler: every _Static_assert on DDI structures (Microsoft x64 ABI);
#   - the user-mode shared types (wddm/d3dukmdt.h after <windows.h>) with
#     the x64 and the i686 compiler (a 32-bit UMD runs under WOW64);
#   - abi.h natively, x64 and i686: identical fixed layouts;
# and negative controls proving the assertions bite: the x64 DDI layouts
# compiled as 32-bit, and abi.h with a 64-bit field shrunk, must not build.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
W="-std=gnu11 -Wall -Wextra -Werror -Iinclude -Isrc -mms-bitfields"
DDK="-isystem /usr/share/mingw-w64/include/ddk"

compile() { # name compiler flags... < source
    local name=$1 cc=$2
    shift 2
    cat >"$tmp/$name.c"
    if out=$($cc "$@" -c "$tmp/$name.c" -o "$tmp/$name.o" 2>&1); then
        echo "ok - $name"
    else
        echo "not ok - $name: $(echo "$out" | grep -m1 -E 'error' | cut -c1-200)"
    fi
}

must_fail() { # name compiler flags... < source ; expects a static assertion failure
    local name=$1 cc=$2
    shift 2
    cat >"$tmp/$name.c"
    out=$($cc "$@" -c "$tmp/$name.c" -o "$tmp/$name.o" 2>&1)
    if [ $? -ne 0 ] && echo "$out" | grep -q 'static assertion failed'; then
        echo "ok - $name"
    else
        echo "not ok - $name: a broken layout compiled without a static assertion failure"
    fi
}

compile wddm-kmd-x64 x86_64-w64-mingw32-gcc $W $DDK -ffreestanding <<'C'
#include <ntddk.h>
#include "wddm/dispmprt.h"
/* The interface version the DDI table is built for. */
_Static_assert(DXGKDDI_INTERFACE_VERSION == 0x4002, "WDDM 1.3");
_Static_assert(sizeof(void *) == 8, "x64");
int wddm_layout_probe;
C

compile wddm-shared-user-x64 x86_64-w64-mingw32-gcc $W <<'C'
#include <windows.h>
#include "wddm/d3dukmdt.h"
int probe;
C

compile wddm-shared-user-x86 i686-w64-mingw32-gcc $W <<'C'
#include <windows.h>
#include "wddm/d3dukmdt.h"
_Static_assert(sizeof(void *) == 4, "i686");
int probe;
C

for t in "abi-native gcc" "abi-x64 x86_64-w64-mingw32-gcc" "abi-x86 i686-w64-mingw32-gcc"; do
    set -- $t
    compile "$1" "$2" -std=gnu11 -Wall -Wextra -Werror -Iinclude <<'C'
#include "viogpu/abi.h"
/* Offsets identical everywhere: no pointer, size_t, long or enum inside. */
_Static_assert(__builtin_offsetof(struct viogpu_esc_display_info, scanout) == 24, "scanout[] offset");
_Static_assert(__builtin_offsetof(struct viogpu_esc_get_info, info) == 16, "info offset");
int probe;
C
done

must_fail wddm-asserts-reject-ilp32 i686-w64-mingw32-gcc $W $DDK -ffreestanding -D_WIN64 <<'C'
#include <ntddk.h>
#include "wddm/dispmprt.h"
int probe;
C

must_fail abi-asserts-reject-shrunk-field gcc -std=gnu11 -Iinclude -include stdint.h -Duint64_t=uint32_t <<'C'
#include "viogpu/abi.h"
int probe;
C

# The enum pitfall the VOT guard exists for (DESIGN §9): MinGW widens an
# enum mixing -2 with 0x80000000 to 8 bytes; ours stays 4.
compile vot-enum-stays-4-bytes x86_64-w64-mingw32-gcc $W $DDK -ffreestanding <<'C'
#include <ntddk.h>
#include "wddm/d3dkmdt.h"
enum naive { NAIVE_UNINIT = -2, NAIVE_INTERNAL = 0x80000000 };
_Static_assert(sizeof(enum naive) == 8, "MinGW widens the naive enum (the pitfall is real)");
_Static_assert(sizeof(D3DKMDT_VIDEO_OUTPUT_TECHNOLOGY) == 4, "ours does not");
_Static_assert((unsigned)D3DKMDT_VOT_INTERNAL == 0x80000000u, "same bit pattern as documented");
int probe;
C
