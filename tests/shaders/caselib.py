"""Helpers for cases.py: float32 arithmetic, D3D10 integer/conversion rules,
and the Case class that writes a sm4_run job and checks the results.

Expected values are computed here, independently of the translator: float
operations are evaluated in double precision and rounded to float32 (the
D3D10 rule for add/mul/...), integer operations wrap to 32 bits, and the
cases where GLSL leaves results undefined follow the D3D10 functional spec.
"""
import math
import struct

INF = float("inf")
NAN = float("nan")


def fb(x):
    """float -> float32 bits"""
    return struct.unpack("<I", struct.pack("<f", x))[0]


def bf(u):
    """float32 bits -> float"""
    return struct.unpack("<f", struct.pack("<I", u & 0xFFFFFFFF))[0]


def f32(x):
    """round to float32"""
    if x != x or abs(x) == INF:
        return x
    try:
        return bf(fb(x))
    except OverflowError:
        return INF if x > 0 else -INF


def F(*v):
    """float constants -> dwords"""
    return [fb(x) for x in v]


def U(*v):
    return [x & 0xFFFFFFFF for x in v]


def s32(u):
    u &= 0xFFFFFFFF
    return u - (1 << 32) if u & 0x80000000 else u


def ftoi(x):
    if x != x:
        return 0
    if x >= 2147483648.0:
        return 0x7FFFFFFF
    if x <= -2147483648.0:
        return 0x80000000
    return int(x) & 0xFFFFFFFF


def ftou(x):
    if x != x or x <= 0:
        return 0
    if x >= 4294967296.0:
        return 0xFFFFFFFF
    return int(x)


def udiv(a, b):
    return (0xFFFFFFFF, 0xFFFFFFFF) if b == 0 else (a // b, a % b)


def fl(x, tol=None):
    """an expected float (compared as float32 within the case tolerance)"""
    return ("f", f32(x))


def round_ne(x):
    r = math.floor(x + 0.5)
    if r - x == 0.5 and r % 2 != 0:
        r -= 1
    return float(r)


class Case:
    def __init__(self, name, ps=None, vs="vs_pass", gs=None, cb=None, vscb=None, gscb=None,
                 expect=None, probes=((0, 0),), size=(4, 4), tol=0.0, rts=1, tex=None,
                 verts=None, instances=0, so=None, sosize=0, discard=False, so_expect=None, texcmp=None, clipenable=0,
                 texms=None, depth=None, depth_expect=None, rast=None):
        self.name = name
        self.ps, self.vs, self.gs = ps, vs, gs
        self.cb = cb or {}
        self.vscb = vscb or {}
        self.gscb = gscb or {}
        self.expect = expect
        self.probes = probes
        self.size = size
        self.tol = tol
        self.rts = rts
        self.tex = tex or {}
        self.verts = verts
        self.instances = instances
        self.so = so
        self.sosize = sosize
        self.discard = discard
        self.so_expect = so_expect
        self.texcmp = texcmp or {}
        self.clipenable = clipenable
        self.rast = rast                  # sample count for the rasterizer operand
        self.texms = texms or {}          # {t#: sample count or (count, mask, 4 dwords)}
        self.depth = depth                # (PIPE_FUNC_*, clear value) or None
        self.depth_expect = depth_expect  # (x, y) -> expected depth (fl) or None

    def job(self, dxbc_dir):
        L = ["draw %s" % self.name]
        for st, sh in (("vs", self.vs), ("gs", self.gs), ("ps", self.ps)):
            if sh:
                L.append("%s %s/%s.dxbc" % (st, dxbc_dir, sh))
        L.append("size %d %d" % self.size)
        if self.rts != 1:
            L.append("rts %d" % self.rts)
        for st, cbs in (("ps", self.cb), ("vs", self.vscb), ("gs", self.gscb)):
            for slot, dws in cbs.items():
                L.append("cb %s %d %s" % (st, slot, " ".join("%x" % (d & 0xFFFFFFFF) for d in dws)))
        for t, (target, fmt, w, h, d, levels, filt, wrap, data) in self.tex.items():
            L.append("tex %d %d %d %d %d %d %d %d %d %s" % (t, target, fmt, w, h, d, levels, filt, wrap,
                                                           " ".join("%x" % v for v in data)))
        for t, func in self.texcmp.items():
            L.append("texcmp %d %d" % (t, func))
        for t, n in self.texms.items():
            if isinstance(n, tuple):   # (samples, sample mask, 4 dwords for the masked samples)
                L.append("texms %d %d %x %s" % (t, n[0], n[1], " ".join("%x" % v for v in n[2])))
            else:
                L.append("texms %d %d" % (t, n))
        if self.depth:
            L.append("depth %d %r" % self.depth)
        if self.verts:
            prim, nattr, vals = self.verts
            L.append("verts %d %d %d %s" % (prim, len(vals) // (4 * nattr), nattr,
                                             " ".join("%x" % fb(v) for v in vals)))
        if self.instances:
            L.append("instances %d" % self.instances)
        if self.so:
            stride, outs = self.so
            L.append("so %d %s" % (stride, " ".join("%d:%d:%d:%d" % o for o in outs)))
            L.append("sosize %d" % self.sosize)
        if self.discard:
            L.append("discard")
        if self.rast is not None:
            L.append("rast %d" % self.rast)
        if self.clipenable:
            L.append("clipenable %x" % self.clipenable)
        for (x, y) in self.probes:
            L.append("probe %d %d" % (x, y))
        L.append("go")
        return "\n".join(L) + "\n"

    def check(self, px, so, dp=None):
        if self.depth_expect is not None:
            for (x, y) in self.probes:
                want = self.depth_expect(x, y)
                got = (dp or {}).get((self.name, x, y))
                if got is None:
                    return "no depth (%d,%d)" % (x, y)
                if want is not None and not _close(got, want, self.tol):
                    return "depth (%d,%d): got 0x%08x (%r) expected %s" % (x, y, got, bf(got), _fmt(want))
        if self.so_expect is not None:
            if self.name not in so:
                return "no stream output read back"
            prims, data = so[self.name]
            want_prims, want = self.so_expect
            if prims != want_prims:
                return "stream output: %d primitives, expected %d" % (prims, want_prims)
            for i, w in enumerate(want):
                if i >= len(data) or not _close(data[i], w, self.tol):
                    return "stream output dword %d: got %s expected %s" % (
                        i, "0x%08x" % data[i] if i < len(data) else "none", _fmt(w))
        if self.expect is None:
            return None
        for (x, y) in self.probes:
            for rt in range(self.rts):
                want = self.expect(x, y) if self.rts == 1 else self.expect(x, y, rt)
                if want is None:
                    continue
                got = px.get((self.name, x, y, rt))
                if got is None:
                    return "no pixel (%d,%d) rt%d" % (x, y, rt)
                for c in range(4):
                    if want[c] is None:
                        continue
                    if not _close(got[c], want[c], self.tol):
                        return "pixel (%d,%d) rt%d comp %d: got 0x%08x (%r) expected %s" % (
                            x, y, rt, c, got[c], bf(got[c]), _fmt(want[c]))
        return None


def _close(got, want, tol):
    if isinstance(want, tuple):
        g, w = bf(got), want[1]
        if w != w:
            return g != g
        if g != g:
            return False
        if abs(w) == INF:
            return g == w
        return abs(g - w) <= tol * max(1.0, abs(w))
    return got == (want & 0xFFFFFFFF)


def _fmt(w):
    return repr(w[1]) if isinstance(w, tuple) else "0x%08x" % (w & 0xFFFFFFFF)
