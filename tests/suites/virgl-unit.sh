#!/usr/bin/env bash
# virgl encoder / disassembler / caps / format-table unit tests (ASan+UBSan,
# no server), then the virgl-dis command-line tool on a stream file.
set -u
unit=out/native-san/tests/vtest/virgl_unit
dis=out/native/bin/virgl-dis
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$unit"
rc=$?

# virgl-dis on a file: every command on its own line, exit 0.
if ! "$unit" --emit "$tmp/s.bin"; then
    echo "not ok - virgl-dis file: could not write the stream"
else
    out=$("$dis" -o "$tmp/s.bin"); drc=$?
    want=$'0: CREATE_OBJECT SURFACE handle=1 res=2 format=B8G8R8A8_UNORM level=0 layers=0..0\n6: SET_FRAMEBUFFER_STATE nr_cbufs=1 zsurf=0 cbufs=[1]\n10: CLEAR buffers=0x4 color=1,0,0.5,1 color_bits=0x3f800000,0x0,0x3f000000,0x3f800000 depth=1 stencil=0'
    if [ $drc -eq 0 ] && [ "$out" == "$want" ]; then
        echo "ok - virgl-dis file"
    else
        echo "not ok - virgl-dis file: exit $drc, output: $(echo "$out" | tr '\n' '|')"
    fi
    # Cut the stream mid-command: the tool must say so and exit 1.
    head -c 48 "$tmp/s.bin" > "$tmp/cut.bin"
    out=$("$dis" < "$tmp/cut.bin"); drc=$?
    if [ $drc -eq 1 ] && echo "$out" | tail -n1 | grep -q '^TRUNCATED CLEAR len=8 left=1$'; then
        echo "ok - virgl-dis truncated input"
    else
        echo "not ok - virgl-dis truncated input: exit $drc, output: $(echo "$out" | tr '\n' '|')"
    fi
fi

# Freestanding proof: every symbol the Windows/guest archives need is
# defined inside them (no libc, no libgcc helpers such as __udivdi3).
for flavour in mingw64:x86_64-w64-mingw32 mingw32:i686-w64-mingw32 guest:x86_64-w64-mingw32; do
    dir=${flavour%%:*}; tc=${flavour#*:}
    lib=out/$dir/libvirgl.a
    if [ ! -f "$lib" ]; then
        echo "not ok - libvirgl $dir self-contained: $lib not built"
        continue
    fi
    undef=$("$tc-nm" -u "$lib" | awk 'NF==2 {print $2}' | sort -u)
    defined=$("$tc-nm" --defined-only "$lib" | awk 'NF==3 {print $3}' | sort -u)
    missing=$(comm -23 <(echo "$undef") <(echo "$defined") | tr '\n' ' ')
    if [ -z "${missing// /}" ]; then
        echo "ok - libvirgl $dir self-contained"
    else
        echo "not ok - libvirgl $dir self-contained: needs $missing"
    fi
done
exit $rc
