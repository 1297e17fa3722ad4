#!/usr/bin/env bash
# libFuzzer over DXBC container parsing, token parsing, disassembly and
# translation (ASan/UBSan), seeded with the corpus (as whole containers and
# as raw token streams).  FUZZ_SECONDS (default 60) bounds the run.
set -u
fuzz=out/fuzz/tests/fuzz/sm4_fuzz
secs=${FUZZ_SECONDS:-60}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/seeds" "$tmp/corpus"
for f in tests/shaders/dxbc/*.dxbc; do
    b=$(basename "$f" .dxbc)
    { printf '\000'; cat "$f"; } > "$tmp/seeds/d_$b"
done
for f in tests/shaders/dxbc/*.dxbc; do
    b=$(basename "$f" .dxbc)
    { printf '\001'; out/native/bin/sm4-dis --shdr "$f" 2>/dev/null; } > "$tmp/seeds/t_$b"
done
if "$fuzz" -max_total_time="$secs" -max_len=8192 -timeout=10 -rss_limit_mb=1024 \
        -artifact_prefix="$tmp/" "$tmp/corpus" "$tmp/seeds" > "$tmp/log" 2>&1; then
    runs=$(grep -o 'Done [0-9]* runs' "$tmp/log" | tail -1)
    echo "ok - sm4 fuzz ${secs}s (${runs:-no count})"
else
    echo "not ok - sm4 fuzz: crash or leak, see log"
    tail -n 40 "$tmp/log"
    for a in "$tmp"/crash-* "$tmp"/leak-* "$tmp"/timeout-*; do
        [ -e "$a" ] && { echo "artifact $(basename "$a"):"; od -A d -t x1 "$a" | head -20; }
    done
    exit 1
fi
