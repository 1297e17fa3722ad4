/*
 * sm4_tgsi_res.c — resource instructions and texture units.
 *
 * D3D10 samples resource t# with sampler s#; TGSI (as virglrenderer
 * consumes it) combines both into one unit SAMP[i]/SVIEW[i].  A pre-scan
 * assigns one unit per distinct (t#, s#) pair; ld/resinfo, which take no
 * sampler, reuse any unit of the same resource.  The pairs are returned in
 * sm4_tgsi.unit_res/unit_samp so the driver binds view t# and sampler s#
 * to unit i.
 *
 * The SAMPLE_* opcodes are lowered to the classic TEX/TXL/TXB/TXD/TXF/TXQ
 * forms with the extra operand (lod, bias, reference, sample index) moved
 * into the coordinate where those opcodes expect it.
 */
#include "sm4/sm4_tgsi_priv.h"

const char *sm4_tx_target(uint32_t dim, bool shadow)
{
    switch (dim) {
    case 1: return "BUFFER";
    case 2: return shadow ? "SHADOW1D" : "1D";
    case 3: return shadow ? "SHADOW2D" : "2D";
    case 4: return "2D_MSAA";
    case 5: return "3D";
    case 6: return shadow ? "SHADOWCUBE" : "CUBE";
    case 7: return shadow ? "SHADOW1D_ARRAY" : "1D_ARRAY";
    case 8: return shadow ? "SHADOW2D_ARRAY" : "2D_ARRAY";
    case 9: return "2D_ARRAY_MSAA";
    case 10: return shadow ? "SHADOWCUBEARRAY" : "CUBEARRAY"; /* tgsi_text spelling */
    default: return "2D";
    }
}

/* Index of the resource and sampler operands, -1 when absent. */
static void res_operands(uint32_t op, int *res, int *samp)
{
    *res = -1;
    *samp = -1;
    switch (op) {
    case SM4_OP_SAMPLE:
    case SM4_OP_SAMPLE_C:
    case SM4_OP_SAMPLE_C_LZ:
    case SM4_OP_SAMPLE_L:
    case SM4_OP_SAMPLE_D:
    case SM4_OP_SAMPLE_B:
    case SM4_OP_LOD:
    case SM4_OP_GATHER4:
        *res = 2;
        *samp = 3;
        break;
    case SM4_OP_LD:
    case SM4_OP_LD_MS:
    case SM4_OP_RESINFO:
        *res = 2;
        break;
    case SM4_OP_SAMPLE_INFO:
    case SM4_OP_SAMPLE_POS:
        *res = 1;
        break;
    default:
        break;
    }
}

static int add_unit(struct tx *x, uint32_t res, uint32_t samp, const struct sm4_insn *in)
{
    struct sm4_tgsi *o = x->out;
    for (uint32_t u = 0; u < o->nunits; u++)
        if (o->unit_res[u] == res && (o->unit_samp[u] == samp || samp == 0xffffffff))
            return (int)u;
    if (o->nunits >= SM4_MAX_UNITS) {
        sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "more than 32 resource/sampler pairs");
        return -1;
    }
    o->unit_res[o->nunits] = res;
    o->unit_samp[o->nunits] = samp;
    return (int)o->nunits++;
}

static int check_res(struct tx *x, const struct sm4_insn *in, const struct sm4_operand *op)
{
    if (op->type != SM4_OT_RESOURCE || op->dim != 1 || op->idx[0].has_rel ||
        op->idx[0].imm >= MAX_RES || !x->res_dim[op->idx[0].imm])
        return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "resource t# not declared");
    return SM4_OK;
}

static int check_samp(struct tx *x, const struct sm4_insn *in, const struct sm4_operand *op)
{
    if (op->type != SM4_OT_SAMPLER || op->dim != 1 || op->idx[0].has_rel ||
        op->idx[0].imm >= MAX_SAMP || !x->samp_used[op->idx[0].imm])
        return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "sampler s# not declared");
    return SM4_OK;
}

int sm4_tx_scan_units(struct tx *x)
{
    x->out->nunits = 0;
    /* pairs with a sampler first, so sampler-less uses can share them */
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t i = 0; i < x->p->ninsns && !x->rc; i++) {
            const struct sm4_insn *in = &x->p->insns[i];
            int r, s;
            res_operands(in->opcode, &r, &s);
            if (r < 0 || (pass == 0) != (s >= 0))
                continue;
            if (in->op[r].type == SM4_OT_RASTERIZER || in->opcode == SM4_OP_SAMPLE_POS)
                continue; /* samplepos needs no unit: positions are a table */
            if (check_res(x, in, &in->op[r]) || (s >= 0 && check_samp(x, in, &in->op[s])))
                return x->rc;
            add_unit(x, in->op[r].idx[0].imm, s >= 0 ? in->op[s].idx[0].imm : 0xffffffff, in);
        }
    }
    return x->rc;
}

/* Writes TEMP[t] to the dst through the resource operand's swizzle. */
static void finish(struct tx *x, const struct sm4_insn *in, uint32_t t, const struct sm4_operand *res)
{
    const struct sm4_operand *dst = &in->op[0];
    if (dst->type == SM4_OT_NULL)
        return;
    struct opstr d;
    static const char ch[4] = { 'x', 'y', 'z', 'w' };
    if (sm4_tx_dst(x, dst, dst->ncomp == 4 ? dst->mask : 1, 2, &d, in))
        return;
    char sw[5];
    for (int i = 0; i < 4; i++)
        sw[i] = ch[(dst->type == SM4_OT_OUTPUT_DEPTH ? res->swz[0] : res->swz[i]) & 3];
    sw[4] = 0;
    sm4_tx_line(x, "MOV%s %s, TEMP[%u].%s", in->saturate ? "_SAT" : "", d.s, t, sw);
}

/* D3D's standard sample patterns, in 1/16 pixel from the centre, for
 * 1, 2, 4, 8 and 16 samples (what samplepos returns for them). */
static const int8_t pattern2[] = { 4, 4, -4, -4 };
static const int8_t pattern4[] = { -2, -6, 6, -2, -6, 2, 2, 6 };
static const int8_t pattern8[] = { 1, -3, -1, 3, 5, 1, -3, -5, -5, 5, -7, -1, 3, 7, 7, -7 };
static const int8_t pattern16[] = { 1, 1, -1, -3, -3, 2, 4, -1, -5, -2, 2, 5, 5, 3, 3, -5,
                                    -2, 6, 0, -7, -4, -6, -6, 4, -8, 0, 7, -4, 6, 7, -7, -8 };

/* samplepos: the host has no query for it, and the sample count is fixed
 * by the declaration, so select from the standard table; an index out of
 * range (or a single-sampled resource) gives 0. */
static int sample_pos(struct tx *x, const struct sm4_insn *in, const struct sm4_operand *res)
{
    bool rast = res->type == SM4_OT_RASTERIZER;
    uint32_t n = rast ? 0 : x->res_samples[res->idx[0].imm], dim = rast ? 0 : x->res_dim[res->idx[0].imm];
    const int8_t *tab = n == 2 ? pattern2 : n == 4 ? pattern4 : n == 8 ? pattern8 : n == 16 ? pattern16 : NULL;
    if (dim != 4 && dim != 9)
        tab = NULL;
    static const uint8_t xxxx[4] = { 0, 0, 0, 0 };
    struct opstr c;
    uint32_t t = x->scr_base, s = x->scr_base + 1;
    x->scr_next = 2;
    if (sm4_tx_src(x, &in->op[2], xxxx, true, 0, &c, in))
        return x->rc;
    sm4_tx_line(x, "MOV TEMP[%u], IMM[%u].xxxx", t, sm4_tx_imm(x, 0, 0, 0, 0));
    if (rast) {
        /* the count is only known at draw time: every standard pattern,
         * each entry selected when both count and index match */
        static const int8_t *const tabs[4] = { pattern2, pattern4, pattern8, pattern16 };
        for (uint32_t k = 0; k < 4; k++) {
            uint32_t cnt = 2u << k;
            sm4_tx_line(x, "USEQ TEMP[%u].y, CONST[%u][0].xxxx, IMM[%u].xxxx", s, x->rast_cb, sm4_tx_imm1(x, cnt));
            for (uint32_t i = 0; i < cnt; i++) {
                union { float f; uint32_t u; } px = { (float)tabs[k][2 * i] / 16.0f },
                                               py = { (float)tabs[k][2 * i + 1] / 16.0f };
                sm4_tx_line(x, "USEQ TEMP[%u].x, %s, IMM[%u].xxxx", s, c.s, sm4_tx_imm1(x, i));
                sm4_tx_line(x, "AND TEMP[%u].x, TEMP[%u].xxxx, TEMP[%u].yyyy", s, s, s);
                sm4_tx_line(x, "UCMP TEMP[%u].xy, TEMP[%u].xxxx, IMM[%u], TEMP[%u]", t, s,
                            sm4_tx_imm(x, px.u, py.u, 0, 0), t);
            }
        }
    }
    for (uint32_t i = 0; tab && i < n; i++) {
        union { float f; uint32_t u; } px = { (float)tab[2 * i] / 16.0f }, py = { (float)tab[2 * i + 1] / 16.0f };
        sm4_tx_line(x, "USEQ TEMP[%u].x, %s, IMM[%u].xxxx", s, c.s, sm4_tx_imm1(x, i));
        sm4_tx_line(x, "UCMP TEMP[%u].xy, TEMP[%u].xxxx, IMM[%u], TEMP[%u]", t, s, sm4_tx_imm(x, px.u, py.u, 0, 0), t);
    }
    finish(x, in, t, res);
    return x->rc;
}

int sm4_tx_resource_insn(struct tx *x, const struct sm4_insn *in)
{
    int ri, si;
    res_operands(in->opcode, &ri, &si);
    const struct sm4_operand *res = &in->op[ri];
    if (res->type == SM4_OT_RASTERIZER) {
        /* neither TGSI nor the host has the render target's sample
         * count: the caller supplies it in a constant (sm4.h, rast_cb) */
        if (!x->rast_cb)
            return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in,
                               "rasterizer operand (sample count of the render target) without rast_cb");
        if (x->rast_cb >= x->cb_base && x->rast_cb < x->cb_base + 14)
            return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "rast_cb overlaps the D3D constant buffers");
        if (in->opcode != SM4_OP_SAMPLE_INFO && in->opcode != SM4_OP_SAMPLE_POS)
            return sm4_tx_fail(x, SM4_ERR_OPERAND, in, "rasterizer operand outside sampleinfo/samplepos");
        x->out->uses_rast_cb = true;
        if (in->opcode == SM4_OP_SAMPLE_POS)
            return sample_pos(x, in, res);
        uint32_t t = x->scr_base;
        x->scr_next = 1;
        sm4_tx_line(x, "MOV TEMP[%u], CONST[%u][0].xxxx", t, x->rast_cb);
        sm4_tx_line(x, "MOV TEMP[%u].yzw, IMM[%u].xxxx", t, sm4_tx_imm(x, 0, 0, 0, 0));
        if (!in->ret_type)
            sm4_tx_line(x, "U2F TEMP[%u], TEMP[%u]", t, t);
        finish(x, in, t, res);
        return x->rc;
    }
    if (check_res(x, in, res) || (si >= 0 && check_samp(x, in, &in->op[si])))
        return x->rc;
    /* aoffimmi: a TGSI texture offset operand (", IMM[k].xyz": exactly three
     * swizzle letters, the host parser refuses four) after the target */
    char off[40] = "";
    if (in->has_offset && (in->offset[0] || in->offset[1] || in->offset[2])) {
        if (in->opcode == SM4_OP_RESINFO || in->opcode == SM4_OP_SAMPLE_INFO || in->opcode == SM4_OP_LOD)
            return sm4_tx_fail(x, SM4_ERR_OPERAND, in, "texel offset on an instruction without coordinates");
        sm4_snprintf(off, sizeof(off), ", IMM[%u].xyz",
                     sm4_tx_imm(x, (uint32_t)(int32_t)in->offset[0], (uint32_t)(int32_t)in->offset[1],
                            (uint32_t)(int32_t)in->offset[2], 0));
    }
    uint32_t r = res->idx[0].imm;
    if (in->opcode == SM4_OP_SAMPLE_POS)
        return sample_pos(x, in, res);
    int u = add_unit(x, r, si >= 0 ? in->op[si].idx[0].imm : 0xffffffff, in);
    if (u < 0)
        return x->rc;
    uint32_t dim = x->res_dim[r];
    uint32_t t = x->scr_base, s = x->scr_base + 1;
    x->scr_next = 2;
    struct opstr c, a, b;
    static const uint8_t xxxx[4] = { 0, 0, 0, 0 };

    switch (in->opcode) {
    case SM4_OP_SAMPLE:
    case SM4_OP_GATHER4:
    case SM4_OP_LOD:
        if (sm4_tx_src(x, &in->op[1], NULL, false, 0, &c, in))
            return x->rc;
        if (in->opcode == SM4_OP_SAMPLE) {
            sm4_tx_line(x, "TEX TEMP[%u], %s, SAMP[%d], %s%s", t, c.s, u, sm4_tx_target(dim, false), off);
        } else if (in->opcode == SM4_OP_GATHER4) {
            if (dim != 3 && dim != 6 && dim != 8 && dim != 10)
                return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "gather4 on this resource dimension");
            sm4_tx_line(x, "TG4 TEMP[%u], %s, IMM[%u].xxxx, SAMP[%d], %s%s", t, c.s, sm4_tx_imm(x, 0, 0, 0, 0), u,
                    sm4_tx_target(dim, false), off);
        } else {
            sm4_tx_line(x, "LODQ TEMP[%u].xy, %s, SAMP[%d], %s", t, c.s, u, sm4_tx_target(dim, false)); /* vec2 result */
            sm4_tx_line(x, "MOV TEMP[%u].zw, IMM[%u].xxxx", t, sm4_tx_imm(x, 0, 0, 0, 0));
        }
        break;
    case SM4_OP_SAMPLE_L:
    case SM4_OP_SAMPLE_B:
    case SM4_OP_SAMPLE_C:
    case SM4_OP_SAMPLE_C_LZ: {
        bool shadow = in->opcode == SM4_OP_SAMPLE_C || in->opcode == SM4_OP_SAMPLE_C_LZ;
        /* a cube array's coordinate fills all four components, so TGSI
         * takes the lod/bias/reference in a second source (TXL2/TXB2/TEX2).
         * sample_c_lz there is TXL2 on SHADOWCUBEARRAY with the reference
         * in .x and every other component 0 (so lod 0 wherever the host
         * reads it): 0.10.4 on llvmpipe accepts it and compares against
         * level 0 where the implicit lod is 1 (tex_cubearray_c_lz) */
        if (dim == 10 && in->opcode == SM4_OP_SAMPLE_C_LZ) {
            if (sm4_tx_src(x, &in->op[1], NULL, false, 0, &c, in) || sm4_tx_src(x, &in->op[4], xxxx, false, 1, &a, in))
                return x->rc;
            sm4_tx_line(x, "MOV TEMP[%u], IMM[%u].xxxx", s, sm4_tx_imm(x, 0, 0, 0, 0));
            sm4_tx_line(x, "MOV TEMP[%u].x, %s", s, a.s);
            sm4_tx_line(x, "TXL2 TEMP[%u], %s, TEMP[%u], SAMP[%d], %s%s", t, c.s, s, u, sm4_tx_target(dim, true), off);
            break;
        }
        if ((shadow && (dim == 5 || dim == 4 || dim == 9 || dim == 1)) || dim == 1)
            return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "this sample variant on this resource dimension");
        if (sm4_tx_src(x, &in->op[1], NULL, false, 0, &c, in) || sm4_tx_src(x, &in->op[4], xxxx, false, 1, &a, in))
            return x->rc;
        if (dim == 10) {
            const char *opn = in->opcode == SM4_OP_SAMPLE_L ? "TXL2" : in->opcode == SM4_OP_SAMPLE_B ? "TXB2" : "TEX2";
            sm4_tx_line(x, "%s TEMP[%u], %s, %s, SAMP[%d], %s%s", opn, t, c.s, a.s, u, sm4_tx_target(dim, shadow), off);
            break;
        }
        sm4_tx_line(x, "MOV TEMP[%u], %s", s, c.s);
        if (!shadow) {
            sm4_tx_line(x, "MOV TEMP[%u].w, %s", s, a.s);
            sm4_tx_line(x, "%s TEMP[%u], TEMP[%u], SAMP[%d], %s%s", in->opcode == SM4_OP_SAMPLE_L ? "TXL" : "TXB",
                    t, s, u, sm4_tx_target(dim, false), off);
            break;
        }
        /* reference goes to .z for 1D/2D/1D-array shadow targets, .w otherwise */
        bool ref_w = dim == 8 || dim == 6;
        sm4_tx_line(x, "MOV TEMP[%u].%c, %s", s, ref_w ? 'w' : 'z', a.s);
        if (in->opcode == SM4_OP_SAMPLE_C) {
            sm4_tx_line(x, "TEX TEMP[%u], TEMP[%u], SAMP[%d], %s%s", t, s, u, sm4_tx_target(dim, true), off);
        } else {
            if (ref_w) {
                /* GLSL has no textureLod for array/cube shadow samplers:
                 * zero gradients select level 0 the same way */
                uint32_t z = sm4_tx_imm(x, 0, 0, 0, 0);
                sm4_tx_line(x, "TXD TEMP[%u], TEMP[%u], IMM[%u], IMM[%u], SAMP[%d], %s%s", t, s, z, z, u,
                            sm4_tx_target(dim, true), off);
                break;
            }
            sm4_tx_line(x, "MOV TEMP[%u].w, IMM[%u].xxxx", s, sm4_tx_imm(x, 0, 0, 0, 0));
            sm4_tx_line(x, "TXL TEMP[%u], TEMP[%u], SAMP[%d], %s%s", t, s, u, sm4_tx_target(dim, true), off);
        }
        break;
    }
    case SM4_OP_SAMPLE_D:
        if (dim == 1 || dim == 4 || dim == 9 || dim == 10)
            return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "sample_d on this resource dimension");
        if (sm4_tx_src(x, &in->op[1], NULL, false, 0, &c, in) || sm4_tx_src(x, &in->op[4], NULL, false, 1, &a, in) ||
            sm4_tx_src(x, &in->op[5], NULL, false, 2, &b, in))
            return x->rc;
        sm4_tx_line(x, "TXD TEMP[%u], %s, %s, %s, SAMP[%d], %s%s", t, c.s, a.s, b.s, u, sm4_tx_target(dim, false), off);
        break;
    case SM4_OP_LD:
        if (dim == 4 || dim == 9)
            return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "ld on a multisampled resource (use ld_ms)");
        if (sm4_tx_src(x, &in->op[1], NULL, true, 0, &c, in))
            return x->rc;
        sm4_tx_line(x, "TXF TEMP[%u], %s, SAMP[%d], %s%s", t, c.s, u, sm4_tx_target(dim, false), off);
        break;
    case SM4_OP_LD_MS:
        if (dim != 4 && dim != 9)
            return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "ld_ms on a single-sampled resource");
        if (sm4_tx_src(x, &in->op[1], NULL, true, 0, &c, in) || sm4_tx_src(x, &in->op[3], xxxx, true, 1, &a, in))
            return x->rc;
        sm4_tx_line(x, "MOV TEMP[%u], %s", s, c.s);
        sm4_tx_line(x, "MOV TEMP[%u].w, %s", s, a.s);
        sm4_tx_line(x, "TXF TEMP[%u], TEMP[%u], SAMP[%d], %s%s", t, s, u, sm4_tx_target(dim, false), off);
        break;
    case SM4_OP_RESINFO: {
        /* x,y,z: size per dimension (unused ones 0), w: mip count */
        static const uint8_t ndims[11] = { 0, 1, 1, 2, 2, 3, 2, 2, 3, 3, 3 };
        if (sm4_tx_src(x, &in->op[1], xxxx, true, 0, &c, in))
            return x->rc;
        sm4_tx_line(x, "TXQ TEMP[%u], %s, SAMP[%d], %s", t, c.s, u, sm4_tx_target(dim, false));
        uint32_t nd = ndims[dim];
        if (nd < 3) {
            char m[5];
            int k = 0;
            for (uint32_t i = nd; i < 3; i++)
                m[k++] = "xyz"[i];
            m[k] = 0;
            sm4_tx_line(x, "MOV TEMP[%u].%s, IMM[%u].xxxx", t, m, sm4_tx_imm(x, 0, 0, 0, 0));
        }
        if (dim == 4 || dim == 9 || dim == 1)
            sm4_tx_line(x, "MOV TEMP[%u].w, IMM[%u].xxxx", t, sm4_tx_imm(x, 1, 1, 1, 1));
        if (in->ret_type != 2)
            sm4_tx_line(x, "U2F TEMP[%u], TEMP[%u]", t, t);
        if (in->ret_type == 1) {
            const char *m = nd == 1 ? "x" : nd == 2 ? "xy" : "xyz";
            sm4_tx_line(x, "DIV TEMP[%u].%s, IMM[%u].xxxx, TEMP[%u]", t, m, sm4_tx_imm(x, 0x3f800000, 0, 0, 0), t);
        }
        break;
    }
    case SM4_OP_SAMPLE_INFO:
        if (dim != 4 && dim != 9) /* a single-sampled resource has one sample */
            sm4_tx_line(x, "MOV TEMP[%u], IMM[%u].xxxx", t, sm4_tx_imm(x, 1, 1, 1, 1));
        else
            sm4_tx_line(x, "TXQS TEMP[%u].x, SAMP[%d], %s", t, u, sm4_tx_target(dim, false));
        sm4_tx_line(x, "MOV TEMP[%u].yzw, IMM[%u].xxxx", t, sm4_tx_imm(x, 0, 0, 0, 0));
        if (!in->ret_type)
            sm4_tx_line(x, "U2F TEMP[%u], TEMP[%u]", t, t);
        break;
    default:
        return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "resource opcode");
    }
    if (x->rc)
        return x->rc;
    finish(x, in, t, res);
    return x->rc;
}
