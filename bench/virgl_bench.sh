#!/usr/bin/env bash
# virgl encoder cost per draw (callgrind instructions, difference of two
# run lengths so start-up cancels) next to a memcpy of the same dwords, and
# vtest submit round trips per second next to a bare BUSY_WAIT round trip.
set -eu
b=out/native/bench/virgl_bench
ir() {  # instructions executed by `$b $1 $2`
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$b" "$1" "$2" 2>&1 >/dev/null |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
n1=2000; n2=12000
for mode in churn memcpy; do
    a=$(ir $mode $n1); c=$(ir $mode $n2)
    echo "$mode: $(( (c - a) / (n2 - n1) )) instructions per draw (callgrind, ($c - $a) / $((n2 - n1)))"
done
"$b" churn 1 | sed -n 's/.*draws, \([0-9]*\) dwords per draw.*/churn: \1 dwords per draw/p'
LP_NUM_THREADS=0 "$b" roundtrip 5000
