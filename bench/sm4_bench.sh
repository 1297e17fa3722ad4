#!/usr/bin/env bash
# SM4 translation cost per shader over the committed corpus, in callgrind
# instructions (repeatable), next to the anchor (DXBC container parse with
# its MD5 checksum) measured in the same run; plus wall-clock time.
set -eu
B=out/native/bench/sm4_bench
files=$(ls tests/shaders/dxbc/*.dxbc)
n=$(echo "$files" | wc -l)
iter=5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ir() {
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.$1" "$B" "$1" $iter $files >/dev/null 2>"$tmp/log.$1"
    grep -m1 '^summary:\|^totals:' "$tmp/cg.$1" | awk '{print $2}'
}
base=$(ir none)
for m in container tokens translate; do
    v=$(ir $m)
    echo "sm4 $m: $(( (v - base) / (n * iter) )) instructions/shader (callgrind, $n shaders x $iter)"
done
"$B" time 200 $files | sed 's/^/sm4 wall: /'
