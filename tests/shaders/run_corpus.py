#!/usr/bin/env python3
"""Runs the SM4 shader corpus on a real virgl_test_server and checks it.

Every case in cases.py names committed DXBC files (tests/shaders/dxbc/),
gives the inputs (constant buffers, textures, vertices) and computes the
expected outputs itself in Python, following the D3D10 rules (float32
rounding, ftoi saturation, shift masking, ...).  out/native/tests/shaders/
sm4_run translates each DXBC with src/sm4 and draws it through the vtest
quad helper; this script only compares what comes back.

Prints one TAP-like line per case: "ok - sm4 NAME" / "not ok - sm4 NAME: WHY".
  run_corpus.py [--list] [NAME_SUBSTRING...]
"""
import os
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RUNNER = os.path.join(ROOT, "out/native/tests/shaders/sm4_run")
sys.path.insert(0, HERE)
import cases  # noqa: E402


def bits_to_float(u):
    return struct.unpack("<f", struct.pack("<I", u & 0xFFFFFFFF))[0]


def close_enough(got, want, tol):
    """want: int dword (exact) or ("f", value) compared as float32 with tol."""
    if isinstance(want, tuple):
        g = bits_to_float(got)
        w = want[1]
        if w != w:
            return g != g
        if g != g:
            return False
        if abs(w) == float("inf"):
            return g == w
        return abs(g - w) <= tol * max(1.0, abs(w))
    return got == (want & 0xFFFFFFFF)


def fmt(v):
    if isinstance(v, tuple):
        return "%r" % v[1]
    return "0x%08x" % (v & 0xFFFFFFFF)


def main(argv):
    only = [a for a in argv if not a.startswith("--")]
    sel = [c for c in cases.CASES if not only or any(o in c.name for o in only)]
    if "--list" in argv:
        for c in sel:
            print(c.name)
        return 0
    if not os.path.exists(RUNNER):
        print("not ok - sm4 runner: %s not built" % RUNNER)
        return 1
    names = set()
    for c in sel:
        if c.name in names:
            print("not ok - sm4 %s: duplicate case name" % c.name)
            return 1
        names.add(c.name)
    with tempfile.NamedTemporaryFile("w", suffix=".job", delete=False) as job:
        for c in sel:
            job.write(c.job(os.path.join(HERE, "dxbc")))
        jobpath = job.name
    try:
        p = subprocess.run([RUNNER, jobpath], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=600)
        out = p.stdout.decode("utf-8", "replace").splitlines()
    finally:
        os.unlink(jobpath)
    status, px, so, dp = {}, {}, {}, {}
    for line in out:
        w = line.split()
        if not w:
            continue
        if w[0] == "ok":
            status[w[1]] = None
        elif w[0] == "err":
            status[w[1].rstrip(":")] = line
        elif w[0] == "px":
            px[(w[1], int(w[2]), int(w[3]), int(w[4]))] = [int(v, 16) for v in w[5:9]]
        elif w[0] == "dp":
            dp[(w[1], int(w[2]), int(w[3]))] = int(w[4], 16)
        elif w[0] == "so":
            so[w[1]] = (int(w[2]), [int(v, 16) for v in w[3:]])
    failed = 0
    for c in sel:
        why = None
        if c.name not in status:
            why = "no result (runner died?) %s" % " | ".join(out[-3:])
        elif status[c.name]:
            why = status[c.name]
        else:
            why = c.check(px, so, dp)
        if why:
            print("not ok - sm4 %s: %s" % (c.name, why))
            failed += 1
        else:
            print("ok - sm4 %s" % c.name)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
