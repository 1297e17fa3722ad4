"""The SM4 corpus cases: inputs and independently computed expectations.

Each Case names DXBC files in tests/shaders/dxbc (from asm/*.asm via
tools/sm4-as, or hlsl/*.hlsl via Wine's d3dcompiler_47) and gives inputs;
`expect(x, y)` returns the four dwords of render-target pixel (x, y), using
int dwords for exact bit patterns and fl(v) for float32 values compared
within the case's relative tolerance.  The default draw is a full-screen
quad into a 4x4 R32G32B32A32_UINT target; pixel (x, y) gets
texcoord ((x+.5)/4, (y+.5)/4).
"""
import math

from caselib import Case, F, U, INF, NAN, fb, bf, f32, fl, ftoi, ftou, udiv, round_ne, s32

CASES = []


def add(*a, **k):
    CASES.append(Case(*a, **k))


def const(vals):
    """expect the same 4 values at every probe"""
    return lambda x, y, *rt: vals


ALL4 = ((0, 0), (3, 0), (0, 3), (2, 1))

# ---- float arithmetic ----
a, b, c = (1.5, -2.25, 3.0e7, 0.1), (2.0, 0.5, -1.0, 0.2), (0.25, 8.0, 1.0e-3, -0.3)
add("alu_add", "alu_add", cb={0: F(*a) + F(*b)},
    expect=const([fl(f32(a[i] + b[i])) for i in range(4)]), probes=ALL4)
add("alu_mul", "alu_mul", cb={0: F(*a) + F(*b)},
    expect=const([fl(a[3] * b[0]), fl(a[2] * b[0]), fl(a[1] * b[1]), fl(a[0] * b[1])]))
add("alu_mad", "alu_mad", cb={0: F(*a) + F(*b) + F(*c)},
    expect=const([fl(a[i] * b[i] + c[i]) for i in range(4)]), tol=1e-6)
add("alu_div", "alu_div", cb={0: F(1.0, -3.0, 0.0, 7.0) + F(4.0, 0.0, 0.0, 3.0)},
    expect=const([fl(0.25), fl(-INF), fl(NAN), fl(7.0 / 3.0)]), tol=1e-6)
add("alu_minmax", "alu_minmax", cb={0: F(1.0, -5.0, 0, 0) + F(2.0, -7.0, 0, 0)},
    expect=const([fl(1.0), fl(-7.0), fl(2.0), fl(-5.0)]))
add("alu_frc", "alu_frc", cb={0: F(1.25, -1.25, 3.0, -0.5)},
    expect=const([fl(0.25), fl(0.75), fl(0.0), fl(0.5)]))
for v in (2.5, -2.5, 1.7, -1.2):
    add("alu_round_%g" % v, "alu_round", cb={0: F(v, 0, 0, 0)},
        expect=const([fl(round_ne(v)), fl(math.floor(v)), fl(math.ceil(v)), fl(float(int(v)))]))
add("alu_round_ne_ties", "alu_round_ne", cb={0: F(0.5, 1.5, 2.5, -3.5)},
    expect=const([fl(0.0), fl(2.0), fl(2.0), fl(-4.0)]))
add("alu_exp_log", "alu_exp_log", cb={0: F(3.0, -1.5, 8.0, 0.0)},
    expect=const([fl(8.0), fl(2 ** -1.5), fl(3.0), fl(-INF)]), tol=2e-6)
add("alu_rsq_sqrt", "alu_rsq_sqrt", cb={0: F(4.0, 0.25, 2.0, 0.0)},
    expect=const([fl(0.5), fl(2.0), fl(math.sqrt(2.0)), fl(0.0)]), tol=2e-6)
add("alu_sincos", "alu_sincos", cb={0: F(0.5, -2.0, 0, 0)},
    expect=const([fl(math.sin(0.5)), fl(math.sin(-2.0)), fl(math.cos(0.5)), fl(math.cos(-2.0))]), tol=2e-5)
add("alu_sincos_null", "alu_sincos_null", cb={0: F(0.0, 1.0, 3.14159265, -0.75)},
    expect=const([fl(math.cos(v)) for v in (0.0, 1.0, 3.14159265, -0.75)]), tol=2e-5)
d1, d2 = (1.0, 2.0, 3.0, 4.0), (0.5, -1.0, 2.0, 0.25)
add("alu_dp", "alu_dp", cb={0: F(*d1) + F(*d2)},
    expect=const([fl(d1[0] * d2[0] + d1[1] * d2[1]), fl(sum(d1[i] * d2[i] for i in range(3))),
                  fl(sum(d1[i] * d2[i] for i in range(4))), 7]))
add("alu_sat", "alu_sat", cb={0: F(0.75, -3.0, 5.0, NAN) + F(0.5, 1.0, 0, 0)},
    expect=const([fl(1.0), fl(0.0), fl(1.0), fl(0.0)]))
add("alu_mods", "alu_mods", cb={0: F(2.0, -3.0, 0.0, -8.5) + F(-5.0, 4.0, 0, 0)},
    expect=const([fl(-2.0 + 5.0), fl(-3.0 * 4.0), 0x80000000, fl(8.5)]))
add("alu_cmp", "alu_cmp", cb={0: F(1.0, NAN, -1.0, 2.0) + F(1.0, NAN, 0.0, 3.0)},
    expect=const([0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0]))
add("alu_cmp_nan", "alu_cmp", cb={0: F(NAN, 1.0, NAN, NAN) + F(NAN, 1.0, 0.0, 0.0)},
    expect=const([0, 0, 0, 0]))
add("alu_movc", "alu_movc", cb={0: U(0, 1, 0x80000000, 0) + U(0x7FC00001, 2, 3, 4) + U(5, 6, 7, 0xFFFFFFFF)},
    expect=const([5, 2, 3, 0xFFFFFFFF]))
add("alu_swizzle", "alu_swizzle", cb={0: U(10, 20, 30, 40)},
    expect=const([3, 1, 10, 40]))

# ---- integer ----
add("int_iadd", "int_iadd", cb={0: U(0xFFFFFFFF, 0x7FFFFFFF, 5, 100) + U(2, 1, 7, 0xFFFFFFFE)},
    expect=const([1, 0x80000000, U(5 - 7)[0], 102]))
add("int_imad", "int_imad", cb={0: U(0x10000, 0xFFFFFFFD, 0x10001, 7) + U(0x10000, 5, 0x10001, 9) +
                                U(3, 1, 0xFFFFFFFF, 1)},
    expect=const([3, U(-15 + 1)[0], U(0x10001 * 0x10001 - 1)[0], 64]))
for (x, y) in ((0x12345678, 0x9ABCDEF0), (0xFFFFFFFF, 0xFFFFFFFF), (0x80000000, 2)):
    p = s32(x) * s32(y)
    pu = x * y
    add("int_imul_%08x" % x, "int_imul", cb={0: U(x, y, 0, 0) + U(y, x, 0, 0)},
        expect=const([U(p >> 32)[0], U(p >> 32)[0], U(p)[0], U(p)[0]]))
    add("int_umul_%08x" % x, "int_umul", cb={0: U(x, y, 0, 0) + U(y, x, 0, 0)},
        expect=const([pu >> 32, pu >> 32, pu & 0xFFFFFFFF, pu & 0xFFFFFFFF]))
add("int_umul_lo", "int_umul_lo", cb={0: U(3, 0x10000, 0xFFFFFFFF, 7) + U(5, 0x10000, 2, 0)},
    expect=const([15, 0, 0xFFFFFFFE, 0]))
add("int_minmax", "int_minmax", cb={0: U(0xFFFFFFFF, 0, 0, 0) + U(1, 0, 0, 0)},
    expect=const([1, 0xFFFFFFFF, 0xFFFFFFFF, 1]))
add("int_ineg_not", "int_ineg_not", cb={0: U(5, 0x80000000, 0xF0F0F0F0, 0)},
    expect=const([0x80000000, U(-5)[0], 0x0F0F0F0F, 0xFFFFFFFF]))
add("int_bitops", "int_bitops", cb={0: U(0xFF00FF00, 0x12345678, 0, 0) + U(0x0FF00FF0, 0, 0, 0)},
    expect=const([0x0F000F00, 0xFFF0FFF0, 0xF0F0F0F0, 0xEDCBA987]))
sh_a, sh_b = U(1, 0x80000000, 0xF0000000, 0x12345678), U(33, 31, 0xFFFFFFFC, 32)
add("int_shl", "int_shl", cb={0: sh_a + sh_b},
    expect=const([(sh_a[i] << (sh_b[i] & 31)) & 0xFFFFFFFF for i in range(4)]))
add("int_ishr", "int_ishr", cb={0: sh_a + sh_b},
    expect=const([U(s32(sh_a[i]) >> (sh_b[i] & 31))[0] for i in range(4)]))
add("int_ushr", "int_ushr", cb={0: sh_a + sh_b},
    expect=const([sh_a[i] >> (sh_b[i] & 31) for i in range(4)]))
add("int_cmp", "int_cmp", cb={0: U(5, 5, 0xFFFFFFFF, 3) + U(5, 6, 1, 0xFFFFFFFF)},
    expect=const([0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF]))
add("int_cmp_false", "int_cmp", cb={0: U(5, 6, 1, 0xFFFFFFFF) + U(6, 6, 0xFFFFFFFF, 3)},
    expect=const([0, 0, 0, 0]))
add("int_ucmp", "int_ucmp", cb={0: U(1, 0xFFFFFFFF, 7, 0) + U(0xFFFFFFFF, 1, 7, 1)},
    expect=const([0xFFFFFFFF, 0, 0xFFFFFFFF, 0]))
add("conv_itof", "conv_itof", cb={0: U(0xFFFFFFFF, 0x80000000, 0xFFFFFFFF, 16777217)},
    expect=const([fl(-1.0), fl(-2147483648.0), fl(4294967296.0), fl(16777216.0)]))
for name, vals in (("a", (1.9, -1.9, 2147483648.0, -3e9)), ("b", (NAN, INF, -INF, 2147483520.0))):
    add("conv_ftoi_" + name, "conv_ftoi", cb={0: F(*vals)}, expect=const([ftoi(v) for v in vals]))
for name, vals in (("a", (1.9, -1.9, 4294967296.0, 3e9)), ("b", (NAN, INF, -INF, 4294967040.0))):
    add("conv_ftou_" + name, "conv_ftou", cb={0: F(*vals)}, expect=const([ftou(v) for v in vals]))
for (n, dd) in ((100, 7), (5, 0), (0xFFFFFFFF, 16)):
    q, r = udiv(n, dd)
    add("int_udiv_%d_%d" % (n, dd), "int_udiv", cb={0: U(n, 9, 0, 0) + U(dd, 2, 0, 0)},
        expect=const([q, 4, r, 1]))
add("int_udiv_vec", "int_udiv_vec", cb={0: U(10, 0, 0xFFFFFFFF, 7) + U(3, 0, 0, 8)},
    expect=const([3, 0xFFFFFFFF, 0xFFFFFFFF, 0]))

# ---- control flow ----
def switch_ref(sel):
    r = 0
    if sel == 0:
        r += 1
    if sel in (0, 1):
        return r + 10
    if sel == 4:
        return 7
    if sel not in (0, 1, 3, 4):
        r += 100
    return r + 1000


for s in (0, 1, 2, 3, 4, 9):
    add("flow_switch_%d" % s, "flow_switch", cb={0: F(float(s), 0, 0, 0)},
        expect=const([switch_ref(s), 0, 0, 0]))
for n in (0, 3, 10):
    odd = [i for i in range(1, n + 1) if i % 2]
    add("flow_loop_continue_%d" % n, "flow_loop_continue", cb={0: F(float(n), 0, 0, 0)},
        expect=const([sum(odd), n, len(odd), 0]))
for (xv, yv, zv) in ((1, 0, 1), (0, 5, 1), (0, 0, 1), (0, 0, 0)):
    add("flow_if_%d%d%d" % (xv, yv, zv), "flow_if", cb={0: U(xv, yv, zv, 0)},
        expect=const([1 if xv else 2, 3 if not yv else 0, 4 if (not yv and zv) else 0, 0]))
for (o, i) in ((3, 5), (4, 1)):
    add("flow_nested_loops_%d_%d" % (o, i), "flow_nested_loops", cb={0: U(o, i, 0, 0)},
        expect=const([o, min(i, 2), o * min(i, 2), 0]))
for cond in (0, 1):
    # call l0: x += 5; l1 runs twice (one callc fires): y=1 -> z += 10; y=2 -> retc
    add("flow_call_%d" % cond, "flow_call", cb={0: U(cond, 0, 0, 0)}, expect=const([5, 2, 10, 0]))
for cond in (0, 1):
    add("flow_retc_%d" % cond, "flow_retc", cb={0: U(cond, 0, 0, 0)},
        expect=const([1, 2, 3, 4] if cond else [5, 6, 7, 8]))
add("flow_discard", "flow_discard", probes=ALL4,
    expect=lambda x, y, *r: [9, 9, 9, 9] if x >= 2 else [0xDEADBEEF] * 4)
for n in (1, 3):
    add("flow_loop_ret_%d" % n, "flow_loop_ret", cb={0: U(n, 0, 0, 0)},
        expect=const([n, 1, n - 1, 100]))


def switch_loop_ref():
    x = y = z = w = 0
    while w < 6:
        w += 1
        s = w & 3
        if s == 1:
            x += 1
        elif s == 2:
            y += 1
            continue
        else:
            z += 1
        x += 16
    return [x, y, z, w]


add("flow_switch_loop", "flow_switch_loop", expect=const(switch_loop_ref()))
add("flow_loop_counter", "flow_loop_counter", expect=const([10, 3 ** 10, 55, 0]))

# ---- declarations / registers ----
add("idx_temp_2_1", "idx_temp", cb={0: F(2.0, 1.0, 0, 0)}, expect=const([30, 31, 32, 26]))
add("idx_temp_0_3", "idx_temp", cb={0: F(0.0, 3.0, 0, 0)}, expect=const([10, 11, 12, 46]))
cbd = U(*range(100, 120))
for i in (0, 3):
    add("cb_dynamic_%d" % i, "cb_dynamic", cb={0: F(float(i), 0, 0, 0) + cbd[4:]},
        expect=const(cbd[4 + 4 * i:8 + 4 * i]))
for i in (0, 2):
    rows = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]
    add("icb_dynamic_%d" % i, "icb_dynamic", cb={0: F(float(i), 0, 0, 0)},
        expect=const(rows[i][:3] + [12]))
add("icb_static", "icb_static", expect=const([fb(1.5), 0x7FC00000, 11, U(-8)[0]]))
add("idx_temp_loop", "idx_temp_loop", cb={0: F(3.0, 0, 0, 0)},
    expect=const([0, sum(i * i for i in range(8)), 16, 16]))
add("cb_multi", "cb_multi", cb={0: U(1, 0, 0, 0), 1: U(0, 20, 0, 0) + U(300, 0, 0, 0),
                                2: U(0, 0, 0, 0) + U(4000, 0, 5000, 6000) + U(0, 70000, 0, 0)},
    expect=const([301, 70020, 5000, 6000]))


def tc(x, y):
    return (x + 0.5) / 4.0, (y + 0.5) / 4.0


add("ps_texcoord", "ps_texcoord", probes=ALL4,
    expect=lambda x, y: [fl(tc(x, y)[0]), fl(tc(x, y)[1]), 0, 0], tol=1e-6)
add("ps_texcoord_centroid", "ps_texcoord_centroid", probes=ALL4,
    expect=lambda x, y: [fl(tc(x, y)[0]), fl(tc(x, y)[1]), 0, 0], tol=1e-6)
add("ps_frontface", "ps_frontface", probes=ALL4, expect=const([0xFFFFFFFF] * 4))
add("deriv", "deriv", probes=ALL4, expect=const([fl(0.25), fl(0.0), fl(0.0), fl(0.25)]), tol=1e-6)
add("mrt", "mrt", rts=2, cb={0: U(1, 2, 3, 4)},
    expect=lambda x, y, rt: [1, 2, 3, 4] if rt == 0 else [5, 4, 3, 2])
add("vs_ids", "ps_flat_ids", vs="vs_ids", expect=const([None, 0, 0, 0]))
add("vs_cb", "ps_varying2", vs="vs_cb", vscb={0: F(1.0, 1.0, 0, 0) + F(0.5, -2.0, 1e6, 3.25)},
    expect=const([fl(0.5), fl(-2.0), fl(1e6), fl(3.25)]), tol=1e-6)
add("vs_cb_half", "ps_varying2", vs="vs_cb", vscb={0: F(0.5, 0.5, 0, 0) + F(1.0, 2.0, 3.0, 4.0)},
    probes=((0, 0), (1, 1), (2, 2)),
    expect=lambda x, y: [fl(1.0), fl(2.0), fl(3.0), fl(4.0)] if 1 <= x <= 2 and 1 <= y <= 2
    else [0xDEADBEEF] * 4, tol=1e-6)

# ---- textures ----
RGBA32F, RGBA32U = 31, 196
T2D, T3D, TCUBE, T1D, T2DA = 2, 3, 4, 1, 7


def texel(level, x, y, layer=0):
    return [float(100 * level + 10 * y + x), float(layer), 0.5, float(level)]


def tex2d(w, h, levels=1, layers=1, fn=texel):
    data = []
    for lv in range(levels):
        lw, lh = max(1, w >> lv), max(1, h >> lv)
        for layer in range(layers):
            for y in range(lh):
                for x in range(lw):
                    data += [fb(v) for v in fn(lv, x, y, layer)]
    return data


def tex_expect(level, x, y, layer=0):
    return [fl(v) for v in texel(level, x, y, layer)]


add("tex_sample", "tex_sample", tex={0: (T2D, RGBA32F, 4, 4, 1, 1, 0, 2, tex2d(4, 4))}, probes=ALL4,
    expect=lambda x, y: tex_expect(0, x, y))
add("tex_sample_swz", "tex_sample_swz", tex={0: (T2D, RGBA32F, 4, 4, 1, 1, 0, 2, tex2d(4, 4))},
    probes=ALL4, expect=lambda x, y: [fl(texel(0, x, y)[3]), fl(0.5), 0, fl(texel(0, x, y)[0])])
for lv in (0, 1, 2):
    add("tex_sample_l_%d" % lv, "tex_sample_l", cb={0: F(float(lv), 0, 0, 0)},
        tex={0: (T2D, RGBA32F, 4, 4, 1, 3, 0, 2, tex2d(4, 4, 3))}, probes=((0, 0), (3, 3)),
        expect=lambda x, y, lv=lv: tex_expect(lv, x >> lv, y >> lv))
add("tex_sample_b", "tex_sample_b", cb={0: F(1.0, 0, 0, 0)},
    tex={0: (T2D, RGBA32F, 4, 4, 1, 3, 0, 2, tex2d(4, 4, 3))}, probes=((0, 0), (3, 2)),
    expect=lambda x, y: tex_expect(1, x >> 1, y >> 1))
add("tex_sample_d", "tex_sample_d", cb={0: F(0.5, 0, 0, 0) + F(0, 0.5, 0, 0)},
    tex={0: (T2D, RGBA32F, 4, 4, 1, 3, 0, 2, tex2d(4, 4, 3))}, probes=((0, 0), (3, 1)),
    expect=lambda x, y: tex_expect(1, x >> 1, y >> 1))
for lv in (0, 1):
    add("tex_ld_%d" % lv, "tex_ld", cb={0: F(float(lv), 0, 4.0 / (1 << lv), 4.0 / (1 << lv))},
        tex={0: (T2D, RGBA32F, 4, 4, 1, 2, 0, 2, tex2d(4, 4, 2))}, probes=ALL4,
        expect=lambda x, y, lv=lv: tex_expect(lv, int((x + .5) / (1 << lv)), int((y + .5) / (1 << lv))))
add("tex_ld_uint", "tex_ld_uint",
    tex={0: (T2D, RGBA32U, 4, 4, 1, 1, 0, 2, [v for y in range(4) for x in range(4)
                                              for v in (x, y, 0xFFFFFFF0 + x, 0x80000000 | y)])},
    probes=ALL4, expect=lambda x, y: [x, y, 0xFFFFFFF0 + x, 0x80000000 | y])
for lv in (0, 1):
    w, h = 8 >> lv, 4 >> lv
    add("tex_resinfo_%d" % lv, "tex_resinfo", rts=3, cb={0: F(float(lv), 0, 0, 0)},
        tex={0: (T2D, RGBA32F, 8, 4, 1, 3, 0, 2, tex2d(8, 4, 3))},
        expect=lambda x, y, rt, w=w, h=h: [[fl(w), fl(h), fl(0), fl(3)], [w, h, 0, 3],
                                           [fl(1.0 / w), fl(1.0 / h), fl(0), fl(3)]][rt])
add("tex_gather4", "tex_gather4", cb={0: F(0.5, 0.5, 0, 0)},
    tex={0: (T2D, RGBA32F, 4, 4, 1, 1, 0, 2, tex2d(4, 4))},
    expect=const([fl(texel(0, 1, 2)[0]), fl(texel(0, 2, 2)[0]), fl(texel(0, 2, 1)[0]),
                  fl(texel(0, 1, 1)[0])]))
add("tex_lod", "tex_lod", tex={0: (T2D, RGBA32F, 4, 4, 1, 3, 0, 2, tex2d(4, 4, 3))},
    expect=const([fl(2.0), fl(2.0), 0, 0]), tol=1e-3)
for layer in (0, 2):
    add("tex_2darray_%d" % layer, "tex_2darray", cb={0: F(float(layer), 0, 0, 0)},
        tex={0: (T2DA, RGBA32F, 4, 4, 3, 1, 0, 2, tex2d(4, 4, 1, 3))}, probes=ALL4,
        expect=lambda x, y, layer=layer: tex_expect(0, x, y, layer))
add("tex_3d", "tex_3d", cb={0: F(0.75, 0, 0, 0)},
    tex={0: (T3D, RGBA32F, 4, 4, 2, 1, 0, 2, tex2d(4, 4, 1, 2))}, probes=ALL4,
    expect=lambda x, y: tex_expect(0, x, y, 1))
cube = [fb(v) for face in range(6) for i in range(4) for v in (float(face), float(i), 0.0, 1.0)]
# D3D/GL face order +X -X +Y -Y +Z -Z; each direction hits its face's centre
# (with a 2x2 face and nearest filtering the texel is one of the 4: texel
# index (.y) is not checked, face index (.x) is)
for face, d in ((0, (1, 0, 0)), (1, (-1, 0, 0)), (2, (0, 1, 0)), (3, (0, -1, 0)),
                (4, (0, 0, 1)), (5, (0, 0, -1))):
    add("tex_cube_%d" % face, "tex_cube", cb={0: F(float(d[0]), float(d[1]), float(d[2]), 0)},
        tex={0: (TCUBE, RGBA32F, 2, 2, 6, 1, 0, 2, cube)},
        expect=const([fl(float(face)), None, fl(0.0), fl(1.0)]))
add("tex_1d", "tex_1d", tex={0: (T1D, RGBA32F, 4, 1, 1, 1, 0, 2, tex2d(4, 1))}, probes=ALL4,
    expect=lambda x, y: tex_expect(0, x, 0))
add("tex_two_samplers", "tex_two_samplers",
    tex={0: (T2D, RGBA32F, 4, 4, 1, 1, 0, 2, tex2d(4, 4)),
         1: (T2D, RGBA32F, 4, 4, 1, 1, 0, 2, tex2d(4, 4, 1, 1, lambda l, x, y, z: [1000.0 * x, 1000.0 * y, 0, 0]))},
    probes=ALL4,
    expect=lambda x, y: [fl(texel(0, x, y)[0] + 1000 * x), fl(texel(0, x, y)[1] + 1000 * y),
                         fl(1000.0), fl(2000.0)])

# ---- geometry shader and stream output ----
add("gs_pass", "ps_texcoord", gs="gs_pass", probes=ALL4,
    expect=lambda x, y: [fl(tc(x, y)[0]), fl(tc(x, y)[1]), 0, 0], tol=1e-6)
TRIS = (4, 1, [-1, -1, 0, 1, 1, -1, 0, 1, -1, 1, 0, 1, 1, 1, 0, 1, -1, 1, 0, 1, 1, -1, 0, 1])
add("vs_so", None, vs="vs_so", verts=TRIS, discard=True, so=(4, [(1, 0, 4, 0)]), sosize=6 * 16,
    so_expect=(2, [fb(v) for i, p in enumerate([(-1, -1), (1, -1), (-1, 1), (1, 1), (-1, 1), (1, -1)])
                   for v in (2.0 * p[0], 3.0 * p[1], float(i), 7.0)]))
so_data = []
for prim in range(2):
    for copy in range(2):
        for k in range(3):
            vy = [(-1, -1), (1, -1), (-1, 1), (1, 1), (-1, 1), (1, -1)][3 * prim + k][1]
            so_data += [fb(v) for v in (3.0 * vy + 10.0 * copy, float(k), float(prim), 1.0)]
add("gs_loop_so", None, vs="vs_so", gs="gs_loop_so", verts=TRIS, discard=True,
    so=(4, [(1, 0, 4, 0)]), sosize=12 * 16, so_expect=(4, so_data))
add("gs_emitthencut", "ps_texcoord", gs="gs_emitthencut", probes=ALL4,
    expect=lambda x, y: [fl(tc(x, y)[0]), fl(tc(x, y)[1]), 0, 0], tol=1e-6)
add("int_umad", "int_umad", cb={0: U(0x10000, 0xFFFFFFFD, 0x10001, 7) + U(0x10000, 5, 0x10001, 9) +
                                U(3, 1, 0xFFFFFFFF, 1)},
    expect=const([3, U(0xFFFFFFFD * 5 + 1)[0], U(0x10001 * 0x10001 - 1)[0], 64]))

# ---- HLSL compiled by Wine's d3dcompiler_47 (hlsl_*.dxbc) ----
ha, hb, hc = (1.5, -2.0, 0.25, 3.0), (4.0, 0.5, -8.0, 1.25), (0.125, 1.0, 2.0, -3.0)
add("hlsl_arith", "hlsl_arith", cb={0: F(*ha) + F(*hb) + F(*hc)},
    expect=const([fl(f32(ha[i] * hb[i]) + hc[i]) for i in range(4)]))
add("hlsl_dot", "hlsl_dot", cb={0: F(*ha) + F(*hb)},
    expect=const([fl(ha[0] * hb[0] + ha[1] * hb[1]), fl(sum(ha[i] * hb[i] for i in range(3))),
                  fl(sum(ha[i] * hb[i] for i in range(4))), fl(ha[3] - hb[3])]))
add("hlsl_minmax", "hlsl_minmax", cb={0: F(1.0, -3.0, -7.5, 1.75) + F(-2.0, -1.0, 0, 0)},
    expect=const([fl(-2.0), fl(-1.0), fl(7.5), fl(1.0)]))
add("hlsl_bitops", "hlsl_bitops", cb={0: U(0xF0F0, 0x1234, 0x0F0F0F0F, 0x80000001) + U(0xFF00, 0x4321, 0, 0)},
    expect=const([(0xF0F0 & 0xFF00) | (0x1234 ^ 0x4321), 0xF0F0F0F0, (0x80000001 << 3) & 0xFFFFFFFF,
                  0x80000001 >> 5]))
add("hlsl_intarith", "hlsl_intarith", cb={0: U(7, 5, 0xFFFFFFFD, 9) + U(0xFFFFFFF0, 9, 1000, 0)},
    expect=const([U(7 - 16)[0], U(5 - 9)[0], U(-3 * 1000)[0], U(-9)[0]]))
add("hlsl_casts", "hlsl_casts", cb={0: F(-7.9, 3e9, 0, 0) + U(0xFFFFFFFE, 0xFFFFFFFE, 0, 0)},
    expect=const([ftoi(-7.9), ftou(3e9), fb(-2.0), fb(4294967294.0)]))
add("hlsl_compare", "hlsl_compare", cb={0: F(1.0, 2.0, 3.0, 4.0) + F(2.0, 2.0, 3.5, 4.0)},
    expect=const([1, 1, 0, 0]))
for v, r in ((0.75, [1, 2, 3, 4]), (0.25, [5, 6, 7, 8])):
    add("hlsl_ifelse_%g" % v, "hlsl_ifelse", cb={0: F(v, 0, 0, 0)}, expect=const([fl(float(x)) for x in r]))
add("hlsl_texcoord", "hlsl_texcoord", probes=ALL4,
    expect=lambda x, y: [fl(tc(x, y)[0] * 2), fl(tc(x, y)[1] + 1), fl(f32(tc(x, y)[0] * tc(x, y)[1])), fl(1.0)],
    tol=1e-6)
add("hlsl_sample", "hlsl_sample", tex={0: (T2D, RGBA32F, 4, 4, 1, 1, 0, 2, tex2d(4, 4))}, probes=ALL4,
    expect=lambda x, y: tex_expect(0, x, y))
add("hlsl_load", "hlsl_load", cb={0: U(3, 1, 0, 0)}, tex={0: (T2D, RGBA32F, 4, 4, 1, 1, 0, 2, tex2d(4, 4))},
    expect=const(tex_expect(0, 3, 1)))
add("hlsl_mrt", "hlsl_mrt", rts=2, cb={0: F(1.0, -2.0, 0.5, 8.0)},
    expect=lambda x, y, rt: [fl(v * (1 + rt)) for v in (1.0, -2.0, 0.5, 8.0)])
M = [1.0, 2.0, 3.0, 4.0, 0.5, -1.0, 0.0, 2.0, 0.0, 0.0, 1.0, -3.0, 10.0, 20.0, 30.0, 40.0]
V = [2.0, -1.0, 4.0, 0.5]
# HLSL default is column_major: register i holds column i of the matrix
add("hlsl_matrix", "hlsl_matrix", cb={0: F(*M) + F(*V)},
    expect=const([fl(sum(V[r] * M[4 * c + r] for r in range(4))) for c in range(4)]))
add("hlsl_lerp", "hlsl_lerp", cb={0: F(0.0, 10.0, -4.0, 1.0) + F(8.0, 20.0, 4.0, 1.0) + F(0.25, 0.5, 0.75, 3.0)},
    expect=const([fl(2.0), fl(15.0), fl(2.0), fl(1.0)]), tol=1e-6)
add("hlsl_nointerp", "hlsl_nointerp", vs="vs_ids", expect=const([None, 0, 0, 0]))
add("hlsl_twocb", "hlsl_twocb", cb={0: F(1.0, 2.0, 3.0, 4.0), 1: F(0.5, 0.5, 1.0, 1.0) + F(10, 20, 30, 40)},
    expect=const([fl(10.5), fl(21.5), fl(32.0), fl(43.0)]))
add("hlsl_swizzle", "hlsl_swizzle", cb={0: F(1.0, 2.0, 3.0, 4.0)}, expect=const([fl(2.0), fl(2.0), fl(2.0), fl(1.0)]))
add("hlsl_vs_offset", "ps_texcoord", vs="hlsl_vs_offset", vscb={0: F(1.0, 2.0, 0, 0)}, probes=ALL4,
    expect=lambda x, y: [fl(tc(x, y)[0] + 1), fl(tc(x, y)[1] + 2), 0, 0], tol=1e-6)
add("hlsl_uintdiv", "hlsl_uintdiv", cb={0: U(100, 0xFFFFFFFF, 0, 0) + U(7, 0x10000, 0, 0)},
    expect=const([14, 2, 0xFFFF, 0xFFFF]))
add("hlsl_floor", "hlsl_floor", cb={0: F(1.5, -1.5, -0.0, 7.0)},
    expect=const([fl(1.0), fl(-2.0), 0x80000000, fl(7.0)]))

# ---- interpolation modes, system values, offsets, comparison sampling ----
# One triangle with different w per vertex; attribute a = 0, 10, 100.
IW = [(-1.0, -1.0, 1.0), (3.0, -1.0, 1.25), (-1.0, 3.0, 1.5)]   # NDC x, y and clip w
IA = [0.0, 10.0, 100.0]
iverts = []
for (nx, ny, w), a in zip(IW, IA):
    iverts += [nx * w, ny * w, 0.0, w, a, 0.0, 0.0, 1.0]


def interp(x, y):
    px, py = (x + 0.5) / 2.0 - 1.0, (y + 0.5) / 2.0 - 1.0   # pixel centre in NDC (row 0 = -1)
    (x0, y0, w0), (x1, y1, w1), (x2, y2, w2) = IW
    det = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0)
    l1 = ((px - x0) * (y2 - y0) - (x2 - x0) * (py - y0)) / det
    l2 = ((x1 - x0) * (py - y0) - (px - x0) * (y1 - y0)) / det
    l0 = 1.0 - l1 - l2
    persp = (l0 * IA[0] / w0 + l1 * IA[1] / w1 + l2 * IA[2] / w2) / (l0 / w0 + l1 / w1 + l2 / w2)
    nopersp = l0 * IA[0] + l1 * IA[1] + l2 * IA[2]
    # constant: the helper's rasterizer keeps GL's last-vertex convention.
    # noperspective (comp 1) is not checked here: with w != 1 llvmpipe
    # returns NaN for some pixels (host issue, see docs/testing.md); it is
    # checked with w = 1 below.
    return [fl(persp), None, fl(IA[2]), 0]


add("interp_modes", "ps_interp", vs="vs_interp", verts=(4, 2, iverts), probes=ALL4 + ((1, 2), (3, 3)),
    expect=interp, tol=2e-5)
flat_verts = []
for (nx, ny, w), a in zip(IW, IA):
    flat_verts += [nx, ny, 0.0, 1.0, a, 0.0, 0.0, 1.0]
IW1 = [(x, y, 1.0) for (x, y, w) in IW]


def interp_w1(x, y):
    global IW
    saved, IW = IW, IW1
    r = interp(x, y)
    IW = saved
    return [r[0], r[0], r[2], 0]   # with w = 1 both modes agree


add("interp_modes_w1", "ps_interp", vs="vs_interp", verts=(4, 2, flat_verts), probes=ALL4 + ((1, 2), (3, 3)),
    expect=interp_w1, tol=2e-5)
PV = [-1, -1, 0, 1, 1, -1, 0, 1, -1, 1, 0, 1, 1, 1, 0, 1, -1, 1, 0, 1, 1, -1, 0, 1]
add("ps_primid", "ps_primid", verts=(4, 1, PV), probes=((0, 0), (3, 3)),
    expect=lambda x, y: [0 if x + y < 3 else 1, 0, 0, 0])
add("vs_instanceid", "ps_flat_ids", vs="vs_ids", instances=3, probes=ALL4, expect=const([None, 2, 0, 0]))
add("tex_ld_offset", "tex_ld_offset", tex={0: (T2D, RGBA32F, 4, 4, 1, 1, 0, 2, tex2d(4, 4))},
    probes=((0, 1), (2, 2), (2, 3)), expect=lambda x, y: tex_expect(0, x + 1, y - 1))
add("tex_sample_offset", "tex_sample_offset", tex={0: (T2D, RGBA32F, 4, 4, 1, 1, 0, 2, tex2d(4, 4))},
    probes=((1, 0), (3, 1)), expect=lambda x, y: tex_expect(0, x - 1, y + 2))
Z32F, FUNC_LESS, FUNC_GEQUAL = 18, 1, 6
DEPTHS = [0.1 * (1 + x + 4 * y) / 2 for y in range(4) for x in range(4)]
for ref in (0.3, 0.55):
    add("tex_sample_c_%g" % ref, "tex_sample_c", cb={0: F(ref, ref, 0, 0)},
        tex={0: (T2D, Z32F, 4, 4, 1, 1, 0, 2, F(*DEPTHS))}, texcmp={0: FUNC_LESS}, probes=ALL4,
        expect=lambda x, y, ref=ref: [fl(1.0 if f32(ref) < f32(DEPTHS[x + 4 * y]) else 0.0)] * 2 + [0, 0])
# D3D's standard multisample patterns (1/16 pixel), from the D3D11 documentation
STD4 = [(-2, -6), (6, -2), (-6, 2), (2, 6)]
STD8 = [(1, -3), (-1, 3), (5, 1), (-3, -5), (-5, 5), (-7, -1), (3, 7), (7, -7)]
for i in (0, 1, 3, 4):
    p = STD4[i] if i < 4 else (0, 0)
    add("tex_samplepos_%d" % i, "tex_samplepos", cb={0: U(i, 0, 0, 0)},
        expect=const([fl(p[0] / 16.0), fl(p[1] / 16.0), fl(0.0), fl(0.0)]))
for i in (2, 7):
    p = STD8[i]
    add("tex_samplepos8_%d" % i, "tex_samplepos8", cb={0: U(i, 0, 0, 0)},
        expect=const([fl(p[1] / 16.0), fl(p[0] / 16.0), fl(0.0), fl(0.0)]))
# D3D10 min/max: a NaN operand yields the other operand
add("alu_minmax_nan", "alu_minmax", cb={0: F(NAN, 2.0, 0, 0) + F(1.0, NAN, 0, 0)},
    expect=const([fl(1.0), fl(2.0), fl(1.0), fl(2.0)]))
add("gs_vertex_loop", "ps_texcoord", gs="gs_vertex_loop", probes=ALL4,
    expect=lambda x, y: [fl(tc(x, y)[0]), fl(tc(x, y)[1]), 0, 0], tol=1e-6)
add("alu_movc_mods", "alu_movc_mods", cb={0: U(1, 0, 0xFFFFFFFF, 0) + F(2.0, 3.0, -4.0, 5.0) + F(-6.0, -7.0, 8.0, -9.0)},
    expect=const([fl(-2.0), fl(7.0), fl(4.0), fl(9.0)]))
# clip distances: keep x > cx (distance 0) and y < cy (distance 1), in NDC
for (cx, cy) in ((0.0, 2.0), (-0.5, 0.0)):
    add("vs_clip_%g_%g" % (cx, cy), "ps_texcoord", vs="vs_clip", vscb={0: F(cx, cy, 0, 0)}, clipenable=3,
        probes=[(x, y) for y in range(4) for x in range(4)],
        expect=lambda x, y, cx=cx, cy=cy: [fl(tc(x, y)[0]), fl(tc(x, y)[1]), 0, 0]
        if ((x + .5) / 2 - 1 > cx and (y + .5) / 2 - 1 < cy) else [0xDEADBEEF] * 4, tol=1e-6)
# dynamic indexing of outputs (VS) and inputs (PS) declared by dcl_indexrange
for sel in (0, 2):
    add("indexrange_%d" % sel, "ps_inarray", vs="vs_outarray", vscb={0: F(0.5, 0, 0, 0)},
        cb={0: U(sel, 0, 0, 0)}, probes=ALL4,
        expect=lambda x, y, sel=sel: [fl(1.5 + 2.5 + 3.5), fl(2.0 * (sel + 1)), fl(9.0), 0])
# SV_Position: D3D pixel centres in render-target coordinates, row 0 = the
# first row in memory (a D3D UMD's negative viewport scale puts NDC +1 there;
# the helper's positive scale puts NDC -1 there, which does not change the
# row numbering SV_Position reports)
add("ps_position", "ps_position", probes=ALL4,
    expect=lambda x, y: [fl(x + 0.5), fl(y + 0.5), 0, 0])
add("tex_sampleinfo", "tex_sampleinfo", tex={0: (T2D, RGBA32F, 4, 4, 1, 1, 0, 2, tex2d(4, 4))},
    expect=const([fl(1.0), fl(0.0), 1, 0]))
DEPTHS2 = [0.05 * (1 + x + 4 * y) for layer in range(2) for y in range(4) for x in range(4)]
DEPTHS2 = [d if i < 16 else 1.0 - d for i, d in enumerate(DEPTHS2)]
for layer in (0, 1):
    add("tex_sample_c_array_%d" % layer, "tex_sample_c_array", cb={0: F(0.4, 0.4, float(layer), 0)},
        tex={0: (T2DA, Z32F, 4, 4, 2, 1, 0, 2, F(*DEPTHS2))}, texcmp={0: FUNC_LESS}, probes=ALL4,
        expect=lambda x, y, layer=layer: [fl(1.0 if f32(0.4) < f32(DEPTHS2[16 * layer + x + 4 * y]) else 0.0)] * 2
        + [0, 0])

# ---- depth attachment, multisampled and buffer resources ----
FUNC_ALWAYS, TBUF = 7, 0
ALL16 = [(x, y) for y in range(4) for x in range(4)]


def odepth(x, base):
    # D3D clamps oDepth to the viewport depth range [0, 1]
    return min(1.0, max(0.0, f32(base + 0.125 * x)))


add("ps_odepth", "ps_odepth", cb={0: F(0.25, 0, 0, 0)}, depth=(FUNC_ALWAYS, 1.0), probes=ALL16,
    expect=const([1, 2, 3, 4]), depth_expect=lambda x, y: fl(odepth(x, 0.25)))
add("ps_odepth_clamp", "ps_odepth", cb={0: F(0.75, 0, 0, 0)}, depth=(FUNC_ALWAYS, 0.0), probes=ALL4,
    expect=const([1, 2, 3, 4]), depth_expect=lambda x, y: fl(odepth(x, 0.75)))
# depth test LESS against a cleared 0.5: the shader's depth decides which
# pixels survive (the rasterized z is 0 everywhere, which would pass them all)
add("ps_odepth_test", "ps_odepth", cb={0: F(0.25, 0, 0, 0)}, depth=(FUNC_LESS, 0.5), probes=ALL16,
    expect=lambda x, y: [1, 2, 3, 4] if odepth(x, 0.25) < 0.5 else [0xDEADBEEF] * 4,
    depth_expect=lambda x, y: fl(odepth(x, 0.25) if odepth(x, 0.25) < 0.5 else 0.5))
# a 4x multisampled texture whose samples all hold MSV (a clear is the only
# way to fill one: multisampled resources have no uploads)
MSV = (1.5, -2.0, 0.25, 8.0)
for si in (0, 3):
    add("tex_ld_ms_%d" % si, "tex_ld_ms", cb={0: U(si, 0, 0, 0)}, texms={0: 4},
        tex={0: (T2D, RGBA32F, 4, 4, 1, 1, 0, 2, F(*MSV))}, probes=ALL4,
        expect=const([fl(v) for v in MSV]))
# a per-sample pattern: after the clear to MSV a full-screen quad writes MSV2
# through the pipe sample mask 0x5, so samples 0 and 2 hold MSV2, 1 and 3 MSV
MSV2 = (-7.0, 0.5, 3.0, 100.0)
for si in range(4):
    add("tex_ld_ms_mask_%d" % si, "tex_ld_ms", cb={0: U(si, 0, 0, 0)}, texms={0: (4, 0x5, F(*MSV2))},
        tex={0: (T2D, RGBA32F, 4, 4, 1, 1, 0, 2, F(*MSV))}, probes=ALL4,
        expect=const([fl(v) for v in (MSV2 if (0x5 >> si) & 1 else MSV)]))
add("tex_sampleinfo_ms", "tex_sampleinfo_ms", texms={0: 4},
    tex={0: (T2D, RGBA32F, 8, 2, 1, 1, 0, 2, F(*MSV))}, probes=ALL4,
    expect=const([fl(4.0), 4, 8, 2]))
BUFEL = [v for i in range(8) for v in (i, 100 + i, 1000 * i, 0xABC00000 | i)]
for off in (0, 3):
    add("tex_ld_buffer_%d" % off, "tex_ld_buffer", cb={0: U(off, 0, 0, 0)},
        tex={0: (TBUF, RGBA32U, 8, 1, 1, 1, 0, 2, BUFEL)}, probes=ALL4,
        expect=lambda x, y, off=off: BUFEL[4 * (x + off):4 * (x + off) + 4])

# ---- cube arrays: lod, bias and reference in TGSI's second source ----
TCUBEA = 8
FACE_DIRS = ((1, 0, 0), (-1, 0, 0), (0, 1, 0), (0, -1, 0), (0, 0, 1), (0, 0, -1))


def cubearray(levels, cubes, size, fn):
    """level-major, then layer (6 per cube, D3D face order), then texels"""
    out = []
    for lv in range(levels):
        s = max(1, size >> lv)
        for layer in range(6 * cubes):
            for i in range(s * s):
                out += fn(lv, layer // 6, layer % 6, i)
    return out


CA = cubearray(2, 2, 2, lambda lv, cube, face, i: F(100.0 * lv + 6 * cube + face, float(i), 0.0, 1.0))
for cube, face in ((0, 2), (1, 3), (1, 5)):
    for lv in (0.0, 1.0):
        d = FACE_DIRS[face]
        add("tex_cubearray_l_%d_%d_%g" % (cube, face, lv), "tex_cubearray_l",
            cb={0: F(float(d[0]), float(d[1]), float(d[2]), float(cube)) + F(lv, 0, 0, 0)},
            tex={0: (TCUBEA, RGBA32F, 2, 2, 12, 2, 0, 2, CA)},
            expect=const([fl(100.0 * lv + 6 * cube + face), None, fl(0.0), fl(1.0)]))
# sample_b sweeps the +X face: 0.5 texel per pixel on the 2x2 level 0 is
# lod -1, so bias -4 and 0 stay on level 0 and bias +4 clamps to level 1
for cube in (0, 1):
    for bias, lv in ((-4.0, 0), (0.0, 0), (4.0, 1)):
        add("tex_cubearray_b_%d_%g" % (cube, bias), "tex_cubearray_b",
            cb={0: F(0, 0, 0, float(cube)) + F(bias, 0, 0, 0)},
            tex={0: (TCUBEA, RGBA32F, 2, 2, 12, 2, 0, 2, CA)}, probes=ALL4,
            expect=const([fl(100.0 * lv + 6 * cube), None, fl(0.0), fl(1.0)]))
CAZ = [0.05 * (6 * cube + face + 1) for cube in range(2) for face in range(6)]
CAZD = cubearray(1, 2, 2, lambda lv, cube, face, i: F(CAZ[6 * cube + face]))
for cube, face in ((0, 5), (1, 0), (1, 4), (0, 1)):
    d = FACE_DIRS[face]
    add("tex_cubearray_c_%d_%d" % (cube, face), "tex_cubearray_c",
        cb={0: F(float(d[0]), float(d[1]), float(d[2]), float(cube)) + F(0.32, 0, 0, 0)},
        tex={0: (TCUBEA, Z32F, 2, 2, 12, 1, 0, 2, CAZD)}, texcmp={0: FUNC_LESS},
        expect=const([fl(1.0 if f32(0.32) < f32(CAZ[6 * cube + face]) else 0.0), 0, 0, 0]))

# GS input read with a dynamic register index: register 1 passes the
# texcoord through, register 0 the clip-space position (NDC of the centre)
for sel in (0, 1):
    add("gs_reg_index_%d" % sel, "ps_texcoord", gs="gs_reg_index", gscb={0: U(sel, 0, 0, 0)}, probes=ALL4,
        expect=lambda x, y, sel=sel: [fl(tc(x, y)[0]), fl(tc(x, y)[1]), 0, 0] if sel else
        [fl((x + .5) / 2 - 1), fl((y + .5) / 2 - 1), 0, 0], tol=1e-6)

# clip distances declared in o2.zw: moved down to CLIPDIST .xy on copy-out
for (cx, cy) in ((0.0, 2.0), (-0.5, 0.0)):
    add("vs_clip_zw_%g_%g" % (cx, cy), "ps_texcoord", vs="vs_clip_zw", vscb={0: F(cx, cy, 0, 0)}, clipenable=3,
        probes=[(x, y) for y in range(4) for x in range(4)],
        expect=lambda x, y, cx=cx, cy=cy: [fl(tc(x, y)[0]), fl(tc(x, y)[1]), 0, 0]
        if ((x + .5) / 2 - 1 > cx and (y + .5) / 2 - 1 < cy) else [0xDEADBEEF] * 4, tol=1e-6)
for sel in (0, 1):
    add("gs_reg_index2_%d" % sel, "ps_texcoord", gs="gs_reg_index2", gscb={0: U(sel, 0, 0, 0)}, probes=ALL4,
        expect=lambda x, y, sel=sel: [fl(tc(x, y)[0]), fl(tc(x, y)[1]), 0, 0] if sel else
        [fl((x + .5) / 2 - 1), fl((y + .5) / 2 - 1), 0, 0], tol=1e-6)
# clip distances packed into the texcoord's register (o1.zw), both declaration orders
for vs in ("vs_clip_packed", "vs_clip_packed2"):
    for (cx, cy) in ((0.0, 2.0), (-0.5, 0.0)):
        add("%s_%g_%g" % (vs, cx, cy), "ps_texcoord", vs=vs, vscb={0: F(cx, cy, 0, 0)}, clipenable=3,
            probes=[(x, y) for y in range(4) for x in range(4)],
            expect=lambda x, y, cx=cx, cy=cy: [fl(tc(x, y)[0]), fl(tc(x, y)[1]), 0, 0]
            if ((x + .5) / 2 - 1 > cx and (y + .5) / 2 - 1 < cy) else [0xDEADBEEF] * 4, tol=1e-6)

# ---- cull distances; clip distances with a gap around a cull distance ----
# The strip's first triangle covers x + y < 0 in NDC, the second x + y > 0;
# pixel centres on the shared diagonal (x + y == 3 in pixels) belong to
# whichever the fill rule picks, so they are not probed.
def ndc(x, y):
    return (x + .5) / 2 - 1, (y + .5) / 2 - 1


OFFDIAG = [(x, y) for y in range(4) for x in range(4) if x + y != 3]
TRI_SUMS = ((-2.0, 0.0, 0.0), (0.0, 0.0, 2.0))   # x + y at each triangle's vertices


def tri_of(x, y):
    return 0 if x + y < 3 else 1


def culled(tri, dist):
    """D3D: a primitive is dropped when a cull distance is < 0 at all its vertices"""
    return all(dist(s) < 0 for s in TRI_SUMS[tri])


for (c0, c1) in ((0.5, 5.0), (-5.0, -0.5), (-5.0, 5.0)):
    add("vs_cull_%g_%g" % (c0, c1), "ps_texcoord", vs="vs_cull", vscb={0: F(c0, c1, 0, 0)}, probes=OFFDIAG,
        expect=lambda x, y, c0=c0, c1=c1: [0xDEADBEEF] * 4
        if culled(tri_of(x, y), lambda s: s - c0) or culled(tri_of(x, y), lambda s: c1 - s)
        else [fl(tc(x, y)[0]), fl(tc(x, y)[1]), 0, 0], tol=1e-6)
for (cx, cy, cz) in ((-0.5, 0.5, 0.5), (0.0, 2.0, -3.0), (-2.0, 0.0, -3.0)):
    add("vs_clip_gap_%g_%g_%g" % (cx, cy, cz), "ps_texcoord", vs="vs_clip_gap", vscb={0: F(cx, cy, cz, 0)},
        clipenable=3, probes=OFFDIAG,
        expect=lambda x, y, cx=cx, cy=cy, cz=cz: [fl(tc(x, y)[0]), fl(tc(x, y)[1]), 0, 0]
        if ndc(x, y)[0] > cx and ndc(x, y)[1] < cy and not culled(tri_of(x, y), lambda s: s - cz)
        else [0xDEADBEEF] * 4, tol=1e-6)
# clip / cull distances read as PS and GS inputs: all positive so nothing
# is clipped, the PS outputs the interpolated distances (linear in NDC,
# w = 1): clip 0 = x - cx, clip 1 = cy - y
for (cx, cy) in ((-2.0, 2.0), (-1.5, 3.0)):
    add("ps_clipdist_%g_%g" % (cx, cy), "ps_clipdist", vs="vs_clip", vscb={0: F(cx, cy, 0, 0)}, clipenable=3,
        probes=[(x, y) for y in range(4) for x in range(4)],
        expect=lambda x, y, cx=cx, cy=cy: [fl(ndc(x, y)[0] - cx), fl(cy - ndc(x, y)[1]), 0, 0], tol=1e-5)
# only clip 1 (v2.y) declared: its slot comes from the input signature
add("ps_clipdist_y", "ps_clipdist_y", vs="vs_clip", vscb={0: F(-2.0, 2.0, 0, 0)}, clipenable=3, probes=ALL4,
    expect=lambda x, y: [fl(2.0 - ndc(x, y)[1]), 0, 0, 0], tol=1e-5)
# clip .x / cull .y / clip .z: cull 0 = (x + y) - cz
add("ps_clipcull", "ps_clipcull", vs="vs_clip_gap", vscb={0: F(-2.0, 2.0, -3.0, 0)}, clipenable=3,
    probes=OFFDIAG,
    expect=lambda x, y: [fl(ndc(x, y)[0] + 2.0), fl(ndc(x, y)[0] + ndc(x, y)[1] + 3.0),
                         fl(2.0 - ndc(x, y)[1]), 0], tol=1e-5)
# a GS passing its input clip distances on (one through a relative vertex
# index); with cx = -0.5 the passed-on distance 0 still clips x < -0.5
for (cx, cy) in ((-2.0, 2.0), (-0.5, 2.0)):
    add("gs_clip_in_%g_%g" % (cx, cy), "ps_clipdist", vs="vs_clip", gs="gs_clip_in", vscb={0: F(cx, cy, 0, 0)},
        clipenable=3, probes=[(x, y) for y in range(4) for x in range(4)],
        expect=lambda x, y, cx=cx, cy=cy: [fl(ndc(x, y)[0] - cx), fl(cy - ndc(x, y)[1]), 0, 0]
        if ndc(x, y)[0] > cx else [0xDEADBEEF] * 4, tol=1e-5)
# GS inputs with both indices dynamic through an indexable temp (x#), not
# r#: register 1 passes the texcoord, register 0 the position (NDC)
for sel in (0, 1):
    add("gs_xreg_index_%d" % sel, "ps_texcoord", gs="gs_xreg_index", gscb={0: U(sel, 0, 0, 0)}, probes=ALL4,
        expect=lambda x, y, sel=sel: [fl(tc(x, y)[0]), fl(tc(x, y)[1]), 0, 0] if sel else
        [fl((x + .5) / 2 - 1), fl((y + .5) / 2 - 1), 0, 0], tol=1e-6)
# the rasterizer operand of sampleinfo/samplepos: the sample count the driver
# supplies (sm4_tgsi_options.rast_cb); 1 = single-sampled (position 0, 0),
# an index past the count gives 0, 2/16 use D3D's standard patterns
STD2 = [(4, 4), (-4, -4)]
STD16 = [(1, 1), (-1, -3), (-3, 2), (4, -1), (-5, -2), (2, 5), (5, 3), (3, -5),
         (-2, 6), (0, -7), (-4, -6), (-6, 4), (-8, 0), (7, -4), (6, 7), (-7, -8)]
STDPAT = {1: [(0, 0)], 2: STD2, 4: STD4, 8: STD8, 16: STD16}
for (n, i) in ((1, 0), (2, 1), (4, 3), (4, 4), (8, 5), (16, 9)):
    p = STDPAT[n][i] if i < n else (0, 0)
    add("ps_rast_info_%d_%d" % (n, i), "ps_rast_info", cb={0: U(i, 0, 0, 0)}, rast=n,
        expect=const([n, fl(float(n)), fl(p[0] / 16.0), fl(p[1] / 16.0)]))
# sample_c_lz on a cube array (TXL2 with lod 0 on SHADOWCUBEARRAY): each
# cube's levels hold one depth each, so which level a lookup used shows in
# the comparison; sample_c beside it is the control that the implicit lod
# is level 1 there
CLZ = {(0, 0): 0.2, (0, 1): 0.8, (1, 0): 0.7, (1, 1): 0.1}   # (cube, level) -> depth
CLZD = cubearray(2, 2, 8, lambda lv, cube, face, i: F(CLZ[(cube, lv)]))
for cube in (0, 1):
    add("tex_cubearray_c_lz_%d" % cube, "tex_cubearray_c_lz",
        cb={0: F(0, 0.6, 0, float(cube)) + F(0.5, 0, 0, 0)},
        tex={0: (TCUBEA, Z32F, 8, 8, 12, 2, 0, 2, CLZD)}, texcmp={0: FUNC_LESS}, probes=ALL4,
        expect=const([fl(1.0 if f32(0.5) < f32(CLZ[(cube, 1)]) else 0.0),
                      fl(1.0 if f32(0.5) < f32(CLZ[(cube, 0)]) else 0.0), 0, 0]))
# the same from a geometry shader (copied out before each emit): clip on x,
# cull on x + y
for (cx, cz) in ((-0.5, 0.5), (-2.0, -3.0), (0.0, -3.0)):
    add("gs_cull_clip_%g_%g" % (cx, cz), "ps_texcoord", gs="gs_cull_clip", gscb={0: F(cx, cz, 0, 0)},
        clipenable=1, probes=OFFDIAG,
        expect=lambda x, y, cx=cx, cz=cz: [fl(tc(x, y)[0]), fl(tc(x, y)[1]), 0, 0]
        if ndc(x, y)[0] > cx and not culled(tri_of(x, y), lambda s: s - cz) else [0xDEADBEEF] * 4, tol=1e-6)
