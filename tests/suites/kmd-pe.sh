#!/usr/bin/env bash
# Our PE checker (tools/pecheck.c) on the built driver files, plus negative
# controls: deliberately bad images it must reject, each for the right
# reason.  Properties asserted:
#   viogpu3d.sys  PE32+ AMD64, subsystem native, not a DLL, imports only
#                 ntoskrnl.exe and HAL.dll, nothing exported, base
#                 relocations, DYNAMIC_BASE+NX, valid checksum, no W+X
#                 section; the packaged copy also Authenticode-signed
#   viogpu_d3d10.dll (x64) / viogpu_d3d10_wow.dll (x86): DLL exporting
#                 exactly OpenAdapter10 and OpenAdapter10_2 undecorated,
#                 no C/C++ runtime DLL import, valid checksum, signed.
set -u
PE=out/native/tools/pecheck
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
SYS_OPTS="--machine x64 --subsystem native --no-dll --imports-only ntoskrnl.exe,HAL.dll --no-exports --relocs"
CRT="vcruntime,msvcr,msvcp,ucrtbase,api-ms-win-crt,libgcc,libwinpthread,libstdc++"
UMD_OPTS="--dll --subsystem gui --exports OpenAdapter10,OpenAdapter10_2 --forbid-import $CRT"

pass() { # name file options...
    local name=$1 f=$2
    shift 2
    if [ ! -f "$f" ]; then
        echo "not ok - $name: $f missing"
        return
    fi
    if out=$($PE "$@" "$f" 2>&1); then echo "ok - $name"; else echo "not ok - $name: $(echo "$out" | head -3 | tr '\n' ' ')"; fi
}

reject() { # name expected-message file options...
    local name=$1 want=$2 f=$3
    shift 3
    out=$($PE "$@" "$f" 2>&1)
    if [ $? -ne 0 ] && echo "$out" | grep -q -- "$want"; then
        echo "ok - $name"
    else
        echo "not ok - $name: pecheck did not reject with '$want' (got: $(echo "$out" | head -2 | tr '\n' ' '))"
    fi
}

if [ ! -x "$PE" ]; then
    echo "not ok - pecheck-built: $PE missing"
    exit 1
fi

pass sys-unsigned out/mingw64/viogpu3d.sys $SYS_OPTS
pass sys-package-signed out/package/viogpu3d.sys $SYS_OPTS --signed
pass umd-x64-signed out/package/viogpu_d3d10.dll --machine x64 $UMD_OPTS --signed
pass umd-x86-signed out/package/viogpu_d3d10_wow.dll --machine x86 $UMD_OPTS --signed

# ---- negative controls -------------------------------------------------------
# pe_edit FILE OUT ACTION: rewrites one property and recomputes the checksum
# (except for the checksum action) so that only that property is wrong.
pe_edit() {
    python3 - "$@" <<'PY'
import struct, sys
src, dst, action = sys.argv[1:4]
b = bytearray(open(src, 'rb').read())
pe = struct.unpack_from('<I', b, 0x3c)[0]
nsect = struct.unpack_from('<H', b, pe + 6)[0]
optsz = struct.unpack_from('<H', b, pe + 20)[0]
opt = pe + 24
magic = struct.unpack_from('<H', b, opt)[0]
dirs = opt + (112 if magic == 0x20b else 96)
sect = opt + optsz
csum_off = opt + 64
if action == 'wx':
    c = struct.unpack_from('<I', b, sect + 36)[0]
    struct.pack_into('<I', b, sect + 36, c | 0x80000000)   # .text becomes writable
elif action == 'norelocs':
    struct.pack_into('<II', b, dirs + 5 * 8, 0, 0)
elif action == 'nodynbase':
    dc = struct.unpack_from('<H', b, opt + 70)[0]
    struct.pack_into('<H', b, opt + 70, dc & ~0x40)
if action != 'badsum':
    struct.pack_into('<I', b, csum_off, 0)
    s = 0
    for i in range(0, len(b) - 1, 2):
        s += b[i] | b[i + 1] << 8
        s = (s & 0xffff) + (s >> 16)
    if len(b) & 1:
        s += b[-1]
        s = (s & 0xffff) + (s >> 16)
    s = (s & 0xffff) + (s >> 16)
    struct.pack_into('<I', b, csum_off, s + len(b))
else:
    c = struct.unpack_from('<I', b, csum_off)[0]
    struct.pack_into('<I', b, csum_off, c ^ 0x5a5a)
open(dst, 'wb').write(b)
PY
}

good=out/mingw64/viogpu3d.sys
pe_edit $good "$tmp/badsum.sys" badsum && reject bad-checksum "checksum" "$tmp/badsum.sys" $SYS_OPTS
pe_edit $good "$tmp/wx.sys" wx && reject writable-executable "writable and executable" "$tmp/wx.sys" $SYS_OPTS
pe_edit $good "$tmp/norel.sys" norelocs && reject no-relocations "no base relocations" "$tmp/norel.sys" $SYS_OPTS
pe_edit $good "$tmp/nodyn.sys" nodynbase && reject no-dynamic-base "DYNAMIC_BASE" "$tmp/nodyn.sys" $SYS_OPTS
reject unsigned-when-signed-required "Authenticode" $good $SYS_OPTS --signed
reject x86-dll-as-x64 "expected AMD64" out/package/viogpu_d3d10_wow.dll --machine x64 $UMD_OPTS
printf 'not a PE file\n' >"$tmp/text.sys"
reject not-a-pe "no MZ header" "$tmp/text.sys" $SYS_OPTS

# A "driver" linked the wrong way: -shared exports everything and sets the
# DLL bit, and it imports from a user-mode DLL.
cat >"$tmp/bad.c" <<'C'
__declspec(dllimport) int __stdcall GetTickCount(void);
int helper_exported_by_accident(int x) { return x + GetTickCount(); }
long DriverEntry(void *d, void *r) { (void)d; (void)r; return helper_exported_by_accident(1); }
C
if x86_64-w64-mingw32-gcc -O2 -c "$tmp/bad.c" -o "$tmp/bad.o" 2>"$tmp/cc.log" &&
    x86_64-w64-mingw32-gcc -shared -nostdlib -Wl,--subsystem,native -Wl,--entry,DriverEntry \
        -o "$tmp/bad.sys" "$tmp/bad.o" -lkernel32 2>>"$tmp/cc.log"; then
    reject shared-linked-driver-dll-bit "IMAGE_FILE_DLL set" "$tmp/bad.sys" $SYS_OPTS
    reject shared-linked-driver-exports "expected none" "$tmp/bad.sys" $SYS_OPTS
    reject driver-importing-kernel32 "imports from KERNEL32.dll" "$tmp/bad.sys" $SYS_OPTS
else
    echo "not ok - negative-control-build: $(head -3 "$tmp/cc.log" | tr '\n' ' ')"
fi

# An umd that depends on the MSVC runtime (import named like the real one).
cat >"$tmp/crt.def" <<'D'
LIBRARY vcruntime140.dll
EXPORTS
    memcpy
D
if x86_64-w64-mingw32-dlltool -d "$tmp/crt.def" -l "$tmp/libvcrt.a" 2>"$tmp/dt.log" &&
    printf 'void *memcpy(void*,const void*,unsigned long long);\n__declspec(dllexport) long OpenAdapter10(void *a){char b[64];memcpy(b,a,64);return b[0];}\n__declspec(dllexport) long OpenAdapter10_2(void *a){return OpenAdapter10(a);}\n' >"$tmp/u.c" &&
    x86_64-w64-mingw32-gcc -O0 -fno-builtin -shared -nostdlib -Wl,--entry,0 -o "$tmp/u.dll" "$tmp/u.c" "$tmp/libvcrt.a" 2>>"$tmp/dt.log"; then
    reject umd-with-vc-runtime "forbidden vcruntime140.dll" "$tmp/u.dll" --machine x64 --dll --exports OpenAdapter10,OpenAdapter10_2 --forbid-import $CRT
else
    echo "not ok - negative-control-crt-build: $(head -3 "$tmp/dt.log" | tr '\n' ' ')"
fi
