/*
 * sm4_tgsi.c — SM4 -> TGSI text: driver, operands, ALU and flow control.
 *
 * sm4_tgsi_translate() scans declarations (sm4_tgsi_decl.c), assigns
 * texture units (sm4_tgsi_res.c), translates the main body into a separate
 * text buffer while collecting immediates and scratch registers, then
 * writes header + declarations + immediates + body.  Subroutines are
 * inlined at each call because virglrenderer has no CAL/BGNSUB; every
 * `ret` becomes a BRK out of a wrapper loop so that the host's end-of-
 * shader epilogue always runs.
 *
 * D3D10 defines results GLSL leaves undefined; those opcodes are lowered
 * here: shift counts are masked to 5 bits, ftoi/ftou saturate and map NaN
 * to 0, udiv by zero yields 0xffffffff for quotient and remainder.
 */
#include <stdarg.h>

#include "sm4/sm4_tgsi_priv.h"

static const char comp_ch[4] = { 'x', 'y', 'z', 'w' };

int sm4_tx_fail(struct tx *x, int code, const struct sm4_insn *in, const char *what)
{
    if (x->rc)
        return x->rc;
    x->rc = code;
    if (x->err) {
        x->err->code = code;
        x->err->token_off = in ? in->token_off : 0;
        x->err->opcode = in ? in->opcode : 0xffffffff;
        const struct sm4_opinfo *oi = in ? sm4_opinfo(in->opcode) : NULL;
        if (oi)
            sm4_snprintf(x->err->msg, sizeof(x->err->msg), "%s: '%s' at token %u: %s",
                         sm4_strerror(code), oi->name, in->token_off, what);
        else
            sm4_snprintf(x->err->msg, sizeof(x->err->msg), "%s: %s", sm4_strerror(code), what);
    }
    return code;
}

uint32_t sm4_tx_imm(struct tx *x, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    for (uint32_t i = 0; i < x->nimms; i++) {
        const uint32_t *v = &x->imms[4 * i];
        if (v[0] == a && v[1] == b && v[2] == c && v[3] == d && i >= x->icb_base_imm +
            (x->icb ? x->icb->data_dwords / 4 : 0))
            return i;
    }
    if (sm4_tx_imm_reserve(x, 1))
        return 0;
    uint32_t *v = &x->imms[4 * x->nimms];
    v[0] = a;
    v[1] = b;
    v[2] = c;
    v[3] = d;
    return x->nimms++;
}

/* Grows the immediate table (platform memory comes zeroed, so it starts
 * small instead of at MAX_IMMS: zeroing 64 KiB per shader was half the
 * translation time). */
int sm4_tx_imm_reserve(struct tx *x, uint32_t more)
{
    if (x->nimms + more <= x->cap_imms)
        return SM4_OK;
    if (x->nimms + more > MAX_IMMS)
        return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, NULL, "too many immediates");
    uint32_t cap = x->cap_imms ? x->cap_imms : 32;
    while (cap < x->nimms + more)
        cap *= 2;
    uint32_t *n = x->plat->alloc(x->plat->ctx, (size_t)cap * 4 * sizeof(uint32_t));
    if (!n)
        return sm4_tx_fail(x, SM4_ERR_NO_MEMORY, NULL, "immediates");
    for (uint32_t i = 0; i < 4 * x->nimms; i++)
        n[i] = x->imms[i];
    if (x->imms)
        x->plat->free(x->plat->ctx, x->imms);
    x->imms = n;
    x->cap_imms = cap;
    return SM4_OK;
}

uint32_t sm4_tx_imm1(struct tx *x, uint32_t v)
{
    return sm4_tx_imm(x, v, v, v, v);
}

uint32_t sm4_tx_perm_temp(struct tx *x)
{
    return x->perm_base + x->nperm++;
}

void sm4_tx_line(struct tx *x, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    sm4_vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (++x->emitted > 200000 || x->body.len > MAX_OUTPUT_BYTES) {
        sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, NULL, "translated shader too large (inlining blow-up)");
        return;
    }
    sm4_text_puts(&x->body, buf);
    sm4_text_putc(&x->body, '\n');
}

void sm4_tx_mask_str(uint8_t mask, char *out)
{
    int n = 0;
    out[n++] = '.';
    for (int i = 0; i < 4; i++)
        if (mask & (1 << i))
            out[n++] = comp_ch[i];
    out[n] = 0;
}

/* ---- per-instruction scratch ---- */

int sm4_tx_scratch(struct tx *x, uint32_t *t)
{
    if (x->scr_next >= NSCR)
        return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, NULL, "instruction needs too many scratch registers");
    *t = x->scr_base + x->scr_next++;
    return SM4_OK;
}

/* Loads a relative index into ADDR[slot].x; returns the "ADDR[s].x+N" text. */
/* The TEMP holding a relative index: r# or an element x#[n] (whose n
 * the parser guarantees is an immediate). */
static int rel_reg(struct tx *x, const struct sm4_index *ix, uint32_t *reg, const struct sm4_insn *in)
{
    if (ix->rel.type == SM4_OT_TEMP) {
        if (ix->rel.reg[0] >= x->nr)
            return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "relative index register r# not declared");
        *reg = x->r_base + ix->rel.reg[0];
    } else {
        if (ix->rel.reg[0] >= MAX_XTEMPS || !x->x[ix->rel.reg[0]].used ||
            ix->rel.reg[1] >= x->x[ix->rel.reg[0]].size)
            return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "relative index register x# not declared");
        *reg = x->x[ix->rel.reg[0]].base + ix->rel.reg[1];
    }
    return SM4_OK;
}

static int rel_addr(struct tx *x, const struct sm4_index *ix, uint32_t base, int slot, char *out,
                    uint32_t cap, const struct sm4_insn *in)
{
    uint32_t reg;
    if (rel_reg(x, ix, &reg, in))
        return x->rc;
    /* Slots are handed out per instruction from ADDR[0] up: on 0.10.4 a
     * temp array read through ADDR[1] in a loop gave wrong values. */
    (void)slot;
    slot = (int)x->addr_next++;
    if (slot > 2)
        return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "too many relative operands");
    char c = comp_ch[ix->rel.comp & 3];
    x->addr_used[slot] = true;
    sm4_tx_line(x, "UARL ADDR[%d].x, TEMP[%u].%c%c%c%c", slot, reg, c, c, c, c);
    sm4_snprintf(out, cap, "ADDR[%d].x+%u", slot, base + ix->imm);
    return SM4_OK;
}

/* v[r0.x + a][r1.y + b] in a GS: both indices dynamic.  The TEMP copy of
 * the inputs is vertex-major, so the address is vertex * stride + register,
 * computed with UMAD in a scratch register and loaded into one ADDR. */
static int gs_in_rel2(struct tx *x, const struct sm4_operand *op, char *out, uint32_t cap,
                      const struct sm4_insn *in)
{
    uint32_t reg[2] = { 0, 0 };
    char c[2] = { 'x', 'x' };
    /* also used with only the vertex index relative (v[r0.x][n] on a
     * clip/cull distance register, see reg_str) */
    bool rel1 = op->idx[1].has_rel;
    for (int k = 0; k < (rel1 ? 2 : 1); k++) {
        const struct sm4_index *ix = &op->idx[k];
        if (rel_reg(x, ix, &reg[k], in))
            return x->rc;
        c[k] = comp_ch[ix->rel.comp & 3];
    }
    uint32_t sc, stride = x->in_max + 1;
    if (sm4_tx_scratch(x, &sc))
        return x->rc;
    int slot = (int)x->addr_next++;
    if (slot > 2)
        return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "too many relative operands");
    x->addr_used[slot] = true;
    uint32_t simm = sm4_tx_imm(x, stride, stride, stride, stride);
    if (rel1)
        sm4_tx_line(x, "UMAD TEMP[%u].x, TEMP[%u].%c%c%c%c, IMM[%u].xxxx, TEMP[%u].%c%c%c%c", sc, reg[0], c[0],
                    c[0], c[0], c[0], simm, reg[1], c[1], c[1], c[1], c[1]);
    else
        sm4_tx_line(x, "UMUL TEMP[%u].x, TEMP[%u].%c%c%c%c, IMM[%u].xxxx", sc, reg[0], c[0], c[0], c[0], c[0],
                    simm);
    sm4_tx_line(x, "UARL ADDR[%d].x, TEMP[%u].xxxx", slot, sc);
    sm4_snprintf(out, cap, "TEMP[ADDR[%d].x+%u]", slot,
                 x->gs_in_arr + op->idx[0].imm * stride + op->idx[1].imm);
    return SM4_OK;
}

/* The register part of an operand ("TEMP[3]", "CONST[1][ADDR[0].x+2]"). */
static int reg_str(struct tx *x, const struct sm4_operand *op, int slot, char *out, uint32_t cap,
                   const struct sm4_insn *in, bool is_dst)
{
    char ib[48];
    switch (op->type) {
    case SM4_OT_TEMP:
        if (op->dim != 1 || op->idx[0].has_rel || op->idx[0].imm >= x->nr)
            return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "r# outside dcl_temps");
        sm4_snprintf(out, cap, "TEMP[%u]", x->r_base + op->idx[0].imm);
        return SM4_OK;
    case SM4_OT_INDEXABLE_TEMP: {
        if (op->dim != 2 || op->idx[0].has_rel || op->idx[0].imm >= MAX_XTEMPS ||
            !x->x[op->idx[0].imm].used)
            return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "x# not declared");
        const struct tx_xtemp *xt = &x->x[op->idx[0].imm];
        if (op->idx[1].has_rel) {
            if (rel_addr(x, &op->idx[1], xt->base, slot, ib, sizeof(ib), in))
                return x->rc;
            sm4_snprintf(out, cap, "TEMP[%s]", ib);
        } else {
            if (op->idx[1].imm >= xt->size)
                return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "x#[n] outside its declared size");
            sm4_snprintf(out, cap, "TEMP[%u]", xt->base + op->idx[1].imm);
        }
        return SM4_OK;
    }
    case SM4_OT_INPUT: {
        if (is_dst)
            break;
        if (op->dim == 2 && x->p->type == SM4_GS) {
            uint32_t v = op->idx[0].imm, r = op->idx[1].imm;
            if (op->idx[1].has_rel) {
                /* v[n][r0.x + k]: the TEMP copy of vertex n's inputs */
                if (op->idx[0].has_rel)
                    return gs_in_rel2(x, op, out, cap, in);
                if (v >= x->gs_in_verts)
                    return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "GS input vertex index out of range");
                if (rel_addr(x, &op->idx[1], x->gs_in_arr + v * (x->in_max + 1), slot, ib, sizeof(ib), in))
                    return x->rc;
                sm4_snprintf(out, cap, "TEMP[%s]", ib);
                return SM4_OK;
            }
            if (r < MAX_REGS && (x->in[r].clip_mask || x->in[r].cull_mask)) {
                /* clip/cull distances live in the per-vertex TEMP copy */
                if (op->idx[0].has_rel)
                    return gs_in_rel2(x, op, out, cap, in);
                if (v >= x->gs_in_verts)
                    return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "GS input vertex index out of range");
                sm4_snprintf(out, cap, "TEMP[%u]", x->gs_in_arr + v * (x->in_max + 1) + r);
                return SM4_OK;
            }
            if (r >= MAX_REGS || x->in[r].kind != IN_DIRECT)
                return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "GS input not declared");
            if (op->idx[0].has_rel) {
                /* v[r0.x][n]: fxc's loops over the input vertices */
                if (rel_addr(x, &op->idx[0], 0, slot, ib, sizeof(ib), in))
                    return x->rc;
                sm4_snprintf(out, cap, "IN[%s][%u]", ib, x->in[r].tgsi);
                return SM4_OK;
            }
            if (v >= x->gs_in_verts)
                return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "GS input vertex index out of range");
            sm4_snprintf(out, cap, "IN[%u][%u]", v, x->in[r].tgsi);
            return SM4_OK;
        }
        if (op->dim != 1)
            return sm4_tx_fail(x, SM4_ERR_OPERAND, in, "input needs one index");
        if (op->idx[0].has_rel) {
            /* dcl_indexrange: inputs were copied into a TEMP array */
            if (rel_addr(x, &op->idx[0], x->in_arr, slot, ib, sizeof(ib), in))
                return x->rc;
            sm4_snprintf(out, cap, "TEMP[%s]", ib);
            return SM4_OK;
        }
        uint32_t r = op->idx[0].imm;
        if (r >= MAX_REGS || x->in[r].kind == IN_NONE)
            return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "v# not declared");
        sm4_snprintf(out, cap, "%s[%u]", x->in[r].kind == IN_DIRECT ? "IN" : "TEMP", x->in[r].tgsi);
        return SM4_OK;
    }
    case SM4_OT_OUTPUT: {
        if (!is_dst)
            break;
        if (op->dim != 1)
            return sm4_tx_fail(x, SM4_ERR_OPERAND, in, "output needs one index");
        if (op->idx[0].has_rel) {
            /* dcl_indexrange: outputs live in a TEMP array until copied out */
            if (rel_addr(x, &op->idx[0], x->out_arr, slot, ib, sizeof(ib), in))
                return x->rc;
            sm4_snprintf(out, cap, "TEMP[%s]", ib);
            return SM4_OK;
        }
        uint32_t r = op->idx[0].imm;
        if (r >= MAX_REGS || !x->outp[r].used)
            return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "o# not declared");
        if (x->out_rel)
            sm4_snprintf(out, cap, "TEMP[%u]", x->out_arr + r);
        else
            sm4_snprintf(out, cap, "OUT[%u]", x->outp[r].tgsi);
        return SM4_OK;
    }
    case SM4_OT_OUTPUT_DEPTH:
        if (!is_dst || x->depth_out < 0)
            return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "oDepth not declared");
        sm4_snprintf(out, cap, "OUT[%d]", x->depth_out);
        return SM4_OK;
    case SM4_OT_CONSTANT_BUFFER: {
        if (is_dst)
            break;
        if (op->dim != 2 || op->idx[0].has_rel || op->idx[0].imm >= MAX_CB ||
            !x->cb_used[op->idx[0].imm])
            return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "cb# not declared");
        uint32_t b = op->idx[0].imm + x->cb_base;
        if (op->idx[1].has_rel) {
            if (rel_addr(x, &op->idx[1], 0, slot, ib, sizeof(ib), in))
                return x->rc;
            sm4_snprintf(out, cap, "CONST[%u][%s]", b, ib);
        } else {
            if (op->idx[1].imm >= x->cb_size[op->idx[0].imm])
                return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "cb#[n] outside its declared size");
            sm4_snprintf(out, cap, "CONST[%u][%u]", b, op->idx[1].imm);
        }
        return SM4_OK;
    }
    case SM4_OT_IMM_CONSTANT_BUFFER: {
        if (is_dst)
            break;
        if (!x->icb || op->dim != 1)
            return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "icb not declared");
        if (op->idx[0].has_rel) {
            if (rel_addr(x, &op->idx[0], x->icb_arr, slot, ib, sizeof(ib), in))
                return x->rc;
            sm4_snprintf(out, cap, "TEMP[%s]", ib);
        } else {
            if (op->idx[0].imm >= x->icb->data_dwords / 4)
                return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "icb[n] outside the buffer");
            sm4_snprintf(out, cap, "IMM[%u]", x->icb_base_imm + op->idx[0].imm);
        }
        return SM4_OK;
    }
    case SM4_OT_IMM32:
        if (is_dst)
            break;
        sm4_snprintf(out, cap, "IMM[%u]", sm4_tx_imm(x, op->imm[0], op->imm[1], op->imm[2], op->imm[3]));
        return x->rc;
    case SM4_OT_INPUT_PRIMITIVEID:
        if (is_dst || x->primid_sv < 0)
            break;
        sm4_snprintf(out, cap, "IN[%d]", x->primid_sv);
        return SM4_OK;
    default:
        break;
    }
    return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, is_dst ? "destination operand type" : "source operand type");
}

int sm4_tx_src(struct tx *x, const struct sm4_operand *op, const uint8_t *lanes, bool int_op, int slot,
           struct opstr *o, const struct sm4_insn *in)
{
    char reg[96];
    if (reg_str(x, op, slot, reg, sizeof(reg), in, false))
        return x->rc;
    char sw[6];
    sw[0] = '.';
    for (int i = 0; i < 4; i++) {
        int lane = lanes ? lanes[i] : i;
        uint8_t c = op->ncomp == 4 ? op->swz[lane] : 0;
        if (op->type == SM4_OT_IMM32)
            c = op->ncomp == 4 ? (uint8_t)lane : 0;
        sw[1 + i] = comp_ch[c & 3];
    }
    sw[5] = 0;
    if (op->mod == SM4_MOD_NONE) {
        sm4_snprintf(o->s, sizeof(o->s), "%s%s", reg, sw);
        return SM4_OK;
    }
    if (!int_op) {
        sm4_snprintf(o->s, sizeof(o->s), "%s%s%s%s%s", (op->mod & SM4_MOD_NEG) ? "-" : "",
                     (op->mod & SM4_MOD_ABS) ? "|" : "", reg, sw, (op->mod & SM4_MOD_ABS) ? "|" : "");
        return SM4_OK;
    }
    /* Integer instructions: abs/neg are two's complement operations. */
    uint32_t t;
    if (sm4_tx_scratch(x, &t))
        return x->rc;
    if (op->mod & SM4_MOD_ABS)
        sm4_tx_line(x, "IABS TEMP[%u], %s%s", t, reg, sw);
    else
        sm4_tx_line(x, "MOV TEMP[%u], %s%s", t, reg, sw);
    if (op->mod & SM4_MOD_NEG)
        sm4_tx_line(x, "INEG TEMP[%u], TEMP[%u]", t, t);
    sm4_snprintf(o->s, sizeof(o->s), "TEMP[%u].xyzw", t);
    return SM4_OK;
}

int sm4_tx_dst(struct tx *x, const struct sm4_operand *op, uint8_t mask, int slot, struct opstr *o,
           const struct sm4_insn *in)
{
    char reg[96], m[6];
    if (reg_str(x, op, slot, reg, sizeof(reg), in, true))
        return x->rc;
    if (op->type == SM4_OT_OUTPUT_DEPTH)
        mask = 4; /* depth lives in .z of the TGSI POSITION output */
    sm4_tx_mask_str(mask, m);
    sm4_snprintf(o->s, sizeof(o->s), "%s%s", reg, m);
    return SM4_OK;
}

static bool is_null(const struct sm4_operand *op)
{
    return op->type == SM4_OT_NULL;
}

static uint8_t dst_mask(const struct sm4_operand *op)
{
    return op->ncomp == 4 ? op->mask : 1;
}

/* Lanes a source must use so that the lanes computed match the dst. */
static const uint8_t *dst_lanes(const struct sm4_operand *dst)
{
    static const uint8_t xxxx[4] = { 0, 0, 0, 0 };
    return dst->type == SM4_OT_OUTPUT_DEPTH ? xxxx : NULL;
}

/* MOV[_SAT] dst, TEMP[t] honoring dst mask/lanes. */
static void from_scratch(struct tx *x, const struct sm4_insn *in, const struct sm4_operand *dst,
                         uint32_t t, bool sat)
{
    struct opstr d;
    if (is_null(dst))
        return;
    if (sm4_tx_dst(x, dst, dst_mask(dst), 2, &d, in))
        return;
    sm4_tx_line(x, "MOV%s %s, TEMP[%u].%s", sat ? "_SAT" : "", d.s, t,
            dst->type == SM4_OT_OUTPUT_DEPTH ? "xxxx" : "xyzw");
}

struct simple {
    uint8_t op;
    bool is_int;
    const char *tgsi;
};

static const struct simple vec_ops[] = {
    { SM4_OP_ADD, false, "ADD" }, { SM4_OP_MUL, false, "MUL" }, { SM4_OP_MAD, false, "MAD" },
    { SM4_OP_DIV, false, "DIV" }, { SM4_OP_MIN, false, "MIN" }, { SM4_OP_MAX, false, "MAX" },
    { SM4_OP_FRC, false, "FRC" }, { SM4_OP_ROUND_NI, false, "FLR" },
    { SM4_OP_ROUND_PI, false, "CEIL" }, { SM4_OP_ROUND_Z, false, "TRUNC" },
    { SM4_OP_ROUND_NE, false, "ROUND" }, { SM4_OP_DERIV_RTX, false, "DDX" },
    { SM4_OP_DERIV_RTY, false, "DDY" }, { SM4_OP_MOV, false, "MOV" },
    { SM4_OP_EQ, false, "FSEQ" }, { SM4_OP_NE, false, "FSNE" }, { SM4_OP_LT, false, "FSLT" },
    { SM4_OP_GE, false, "FSGE" }, { SM4_OP_DP2, false, "DP2" }, { SM4_OP_DP3, false, "DP3" },
    { SM4_OP_DP4, false, "DP4" }, { SM4_OP_ITOF, true, "I2F" }, { SM4_OP_UTOF, true, "U2F" },
    { SM4_OP_AND, true, "AND" }, { SM4_OP_OR, true, "OR" }, { SM4_OP_XOR, true, "XOR" },
{ SM4_OP_IADD, true, "UADD" }, { SM4_OP_IMAD, true, "UMAD" },
    { SM4_OP_UMAD, true, "UMAD" }, { SM4_OP_IMAX, true, "IMAX" }, { SM4_OP_IMIN, true, "IMIN" },
    { SM4_OP_UMAX, true, "UMAX" }, { SM4_OP_UMIN, true, "UMIN" }, { SM4_OP_INEG, true, "INEG" },
    { SM4_OP_IEQ, true, "USEQ" }, { SM4_OP_INE, true, "USNE" }, { SM4_OP_ILT, true, "ISLT" },
    { SM4_OP_IGE, true, "ISGE" }, { SM4_OP_ULT, true, "USLT" }, { SM4_OP_UGE, true, "USGE" },
    { SM4_OP_MOVC, true, "UCMP" },
};

static const struct simple scalar_ops[] = {
    { SM4_OP_EXP, false, "EX2" }, { SM4_OP_LOG, false, "LG2" }, { SM4_OP_RSQ, false, "RSQ" },
    { SM4_OP_SQRT, false, "SQRT" },
};

static int do_vec(struct tx *x, const struct sm4_insn *in, const struct simple *s)
{
    const struct sm4_operand *dst = &in->op[0];
    if (is_null(dst))
        return SM4_OK;
    const uint8_t *lanes = dst_lanes(dst);
    struct opstr src[3], d;
    uint32_t ns = (uint32_t)in->nops - 1;
    for (uint32_t i = 0; i < ns; i++) {
        const struct sm4_operand *op = &in->op[1 + i];
        if (in->opcode == SM4_OP_MOVC && i > 0 && op->mod != SM4_MOD_NONE) {
            /* movc's values take float modifiers; UCMP is an unsigned
             * opcode, so apply them with a float MOV first */
            struct opstr m;
            uint32_t t;
            if (sm4_tx_src(x, op, lanes, false, (int)i, &m, in) || sm4_tx_scratch(x, &t))
                return x->rc;
            sm4_tx_line(x, "MOV TEMP[%u], %s", t, m.s);
            sm4_snprintf(src[i].s, sizeof(src[i].s), "TEMP[%u].xyzw", t);
            continue;
        }
        if (sm4_tx_src(x, op, lanes, s->is_int, (int)i, &src[i], in))
            return x->rc;
    }
    bool sat = in->saturate;
    if (sat && s->is_int) {
        /* only movc can carry _sat among these: select, then clamp */
        uint32_t t;
        if (sm4_tx_scratch(x, &t))
            return x->rc;
        sm4_tx_line(x, "%s TEMP[%u], %s, %s, %s", s->tgsi, t, src[0].s, src[1].s, src[2].s);
        from_scratch(x, in, dst, t, true);
        return x->rc;
    }
    if (sm4_tx_dst(x, dst, dst_mask(dst), 2, &d, in))
        return x->rc;
    if (ns == 1)
        sm4_tx_line(x, "%s%s %s, %s", s->tgsi, sat ? "_SAT" : "", d.s, src[0].s);
    else if (ns == 2)
        sm4_tx_line(x, "%s%s %s, %s, %s", s->tgsi, sat ? "_SAT" : "", d.s, src[0].s, src[1].s);
    else
        sm4_tx_line(x, "%s%s %s, %s, %s, %s", s->tgsi, sat ? "_SAT" : "", d.s, src[0].s, src[1].s,
                src[2].s);
    return x->rc;
}

/* TGSI's transcendental opcodes are scalar (read .x, replicate): split. */
static int do_scalar(struct tx *x, const struct sm4_insn *in, const char *tgsi, uint32_t srcidx,
                     const struct sm4_operand *dst, uint32_t t)
{
    uint8_t mask = dst_mask(dst);
    bool depth = dst->type == SM4_OT_OUTPUT_DEPTH;
    for (int c = 0; c < 4; c++) {
        if (!(mask & (1 << c)))
            continue;
        uint8_t lanes[4] = { (uint8_t)c, (uint8_t)c, (uint8_t)c, (uint8_t)c };
        struct opstr s;
        if (sm4_tx_src(x, &in->op[srcidx], lanes, false, 0, &s, in))
            return x->rc;
        sm4_tx_line(x, "%s TEMP[%u].%c, %s", tgsi, t, comp_ch[depth ? 0 : c], s.s);
    }
    return x->rc;
}

static int do_shift(struct tx *x, const struct sm4_insn *in, const char *tgsi)
{
    const struct sm4_operand *dst = &in->op[0];
    if (is_null(dst))
        return SM4_OK;
    const uint8_t *lanes = dst_lanes(dst);
    struct opstr a, b, d;
    uint32_t t;
    if (sm4_tx_src(x, &in->op[1], lanes, true, 0, &a, in) || sm4_tx_src(x, &in->op[2], lanes, true, 1, &b, in) ||
        sm4_tx_scratch(x, &t))
        return x->rc;
    /* D3D10 uses only the low 5 bits of the shift count. */
    sm4_tx_line(x, "AND TEMP[%u], %s, IMM[%u].xxxx", t, b.s, sm4_tx_imm1(x, 31));
    if (sm4_tx_dst(x, dst, dst_mask(dst), 2, &d, in))
        return x->rc;
    sm4_tx_line(x, "%s %s, %s, TEMP[%u]", tgsi, d.s, a.s, t);
    return x->rc;
}

static int do_ftoi(struct tx *x, const struct sm4_insn *in, bool is_unsigned)
{
    const struct sm4_operand *dst = &in->op[0];
    if (is_null(dst))
        return SM4_OK;
    struct opstr a;
    uint32_t t, f;
    if (sm4_tx_src(x, &in->op[1], dst_lanes(dst), false, 0, &a, in) || sm4_tx_scratch(x, &t) || sm4_tx_scratch(x, &f))
        return x->rc;
    if (is_unsigned) {
        /* clamp to [0, largest float below 2^32], saturate above, NaN -> 0 */
        sm4_tx_line(x, "MAX TEMP[%u], %s, IMM[%u].xxxx", t, a.s, sm4_tx_imm1(x, 0));
        sm4_tx_line(x, "MIN TEMP[%u], TEMP[%u], IMM[%u].xxxx", t, t, sm4_tx_imm1(x, 0x4f7fffff));
        sm4_tx_line(x, "F2U TEMP[%u], TEMP[%u]", t, t);
        sm4_tx_line(x, "FSGE TEMP[%u], %s, IMM[%u].xxxx", f, a.s, sm4_tx_imm1(x, 0x4f800000));
        sm4_tx_line(x, "OR TEMP[%u], TEMP[%u], TEMP[%u]", t, t, f);
    } else {
        sm4_tx_line(x, "MAX TEMP[%u], %s, IMM[%u].xxxx", t, a.s, sm4_tx_imm1(x, 0xcf000000));
        sm4_tx_line(x, "MIN TEMP[%u], TEMP[%u], IMM[%u].xxxx", t, t, sm4_tx_imm1(x, 0x4effffff));
        sm4_tx_line(x, "F2I TEMP[%u], TEMP[%u]", t, t);
        sm4_tx_line(x, "FSGE TEMP[%u], %s, IMM[%u].xxxx", f, a.s, sm4_tx_imm1(x, 0x4f000000));
        sm4_tx_line(x, "UCMP TEMP[%u], TEMP[%u], IMM[%u].xxxx, TEMP[%u]", t, f, sm4_tx_imm1(x, 0x7fffffff), t);
    }
    sm4_tx_line(x, "FSNE TEMP[%u], %s, %s", f, a.s, a.s);
    sm4_tx_line(x, "UCMP TEMP[%u], TEMP[%u], IMM[%u].xxxx, TEMP[%u]", t, f, sm4_tx_imm1(x, 0), t);
    from_scratch(x, in, dst, t, false);
    return x->rc;
}

/* Two-destination integer ops: imul/umul (hi, lo), udiv (quot, rem). */
static int do_two_dst(struct tx *x, const struct sm4_insn *in)
{
    const struct sm4_operand *d0 = &in->op[0], *d1 = &in->op[1];
    struct opstr a, b;
    uint32_t t0, t1, z;
    if (sm4_tx_src(x, &in->op[2], NULL, true, 0, &a, in) || sm4_tx_src(x, &in->op[3], NULL, true, 1, &b, in) ||
        sm4_tx_scratch(x, &t0) || sm4_tx_scratch(x, &t1))
        return x->rc;
    switch (in->opcode) {
    case SM4_OP_IMUL:
    case SM4_OP_UMUL:
        if (!is_null(d0))
            sm4_tx_line(x, "%s TEMP[%u], %s, %s", in->opcode == SM4_OP_IMUL ? "IMUL_HI" : "UMUL_HI", t0,
                    a.s, b.s);
        if (!is_null(d1))
            sm4_tx_line(x, "UMUL TEMP[%u], %s, %s", t1, a.s, b.s);
        break;
    default: /* udiv */
        if (sm4_tx_scratch(x, &z))
            return x->rc;
        sm4_tx_line(x, "USEQ TEMP[%u], %s, IMM[%u].xxxx", z, b.s, sm4_tx_imm1(x, 0));
        if (!is_null(d0)) {
            sm4_tx_line(x, "UDIV TEMP[%u], %s, %s", t0, a.s, b.s);
            sm4_tx_line(x, "OR TEMP[%u], TEMP[%u], TEMP[%u]", t0, t0, z);
        }
        if (!is_null(d1)) {
            sm4_tx_line(x, "UMOD TEMP[%u], %s, %s", t1, a.s, b.s);
            sm4_tx_line(x, "OR TEMP[%u], TEMP[%u], TEMP[%u]", t1, t1, z);
        }
        break;
    }
    from_scratch(x, in, d0, t0, false);
    from_scratch(x, in, d1, t1, false);
    return x->rc;
}

static int do_sincos(struct tx *x, const struct sm4_insn *in)
{
    uint32_t ts, tc;
    if (sm4_tx_scratch(x, &ts) || sm4_tx_scratch(x, &tc))
        return x->rc;
    if (!is_null(&in->op[0]) && do_scalar(x, in, "SIN", 2, &in->op[0], ts))
        return x->rc;
    if (!is_null(&in->op[1]) && do_scalar(x, in, "COS", 2, &in->op[1], tc))
        return x->rc;
    from_scratch(x, in, &in->op[0], ts, in->saturate);
    from_scratch(x, in, &in->op[1], tc, in->saturate);
    return x->rc;
}

static int translate_insn(struct tx *x, const struct sm4_insn *in, uint32_t idx)
{
    const struct sm4_opinfo *oi = sm4_opinfo(in->opcode);
    x->scr_next = 0;
    x->addr_next = 0;
    if (oi->cls == SM4_OC_DCL || in->opcode == SM4_OP_CUSTOMDATA || in->opcode == SM4_OP_NOP)
        return SM4_OK;
    if (oi->cls == SM4_OC_FLOW)
        return sm4_tx_flow(x, in, idx);
    if (oi->cls == SM4_OC_RES)
        return sm4_tx_resource_insn(x, in);
    for (uint32_t i = 0; i < sizeof(vec_ops) / sizeof(vec_ops[0]); i++)
        if (vec_ops[i].op == in->opcode)
            return do_vec(x, in, &vec_ops[i]);
    for (uint32_t i = 0; i < sizeof(scalar_ops) / sizeof(scalar_ops[0]); i++) {
        if (scalar_ops[i].op != in->opcode)
            continue;
        uint32_t t;
        if (is_null(&in->op[0]))
            return SM4_OK;
        if (sm4_tx_scratch(x, &t) || do_scalar(x, in, scalar_ops[i].tgsi, 1, &in->op[0], t))
            return x->rc;
        from_scratch(x, in, &in->op[0], t, in->saturate);
        return x->rc;
    }
    switch (in->opcode) {
    case SM4_OP_NOT: {
        /* the host's NOT mixes up lanes under a partial write mask */
        if (is_null(&in->op[0]))
            return SM4_OK;
        struct opstr a, d;
        if (sm4_tx_src(x, &in->op[1], dst_lanes(&in->op[0]), true, 0, &a, in) ||
            sm4_tx_dst(x, &in->op[0], dst_mask(&in->op[0]), 2, &d, in))
            return x->rc;
        sm4_tx_line(x, "XOR %s, %s, IMM[%u].xxxx", d.s, a.s, sm4_tx_imm1(x, 0xffffffff));
        return x->rc;
    }
    case SM4_OP_ISHL:
        return do_shift(x, in, "SHL");
    case SM4_OP_ISHR:
        return do_shift(x, in, "ISHR");
    case SM4_OP_USHR:
        return do_shift(x, in, "USHR");
    case SM4_OP_FTOI:
        return do_ftoi(x, in, false);
    case SM4_OP_FTOU:
        return do_ftoi(x, in, true);
    case SM4_OP_IMUL:
    case SM4_OP_UMUL:
    case SM4_OP_UDIV:
        return do_two_dst(x, in);
    case SM4_OP_SINCOS:
        return do_sincos(x, in);
    default:
        return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "opcode not translated");
    }
}

int sm4_tx_translate_range(struct tx *x, uint32_t start, uint32_t end)
{
    for (uint32_t i = start; i < end && !x->rc; i++)
        translate_insn(x, &x->p->insns[i], i);
    return x->rc;
}

int sm4_tgsi_translate(const struct vg_platform *plat, const struct sm4_program *prog,
                       const struct sm4_tgsi_options *opt, struct sm4_tgsi *out, struct sm4_error *err)
{
    if (err) {
        err->code = 0;
        err->msg[0] = 0;
        err->token_off = 0;
        err->opcode = 0;
    }
    if (!plat || !plat->alloc || !plat->free || !prog || !out)
        return SM4_ERR_ARGUMENT;
    out->text = NULL;
    out->text_len = 0;
    out->uses_rast_cb = false;
    out->num_clipdist = out->num_culldist = 0;
    struct tx *x = plat->alloc(plat->ctx, sizeof(*x));
    if (!x)
        return SM4_ERR_NO_MEMORY;
    x->plat = plat;
    x->p = prog;
    x->err = err;
    x->out = out;
    x->cb_base = opt ? opt->cb_base : 1;
    x->rast_cb = opt ? opt->rast_cb : 0;
    x->isgn = opt ? opt->isgn : NULL;
    x->depth_out = -1;
    x->primid_sv = -1;
    sm4_text_init(&x->body, plat);
    struct sm4_text all;
    sm4_text_init(&all, plat);
    int rc;
    if (sm4_tx_scan_decls(x) || sm4_tx_scan_units(x))
        goto done;
    sm4_tx_emit_prologue(x);
    uint32_t end = sm4_tx_body_end(x, 0);
    /* Wrap main only when a ret can occur before its end. */
    bool early_ret = false;
    for (uint32_t i = 0; i < end; i++) {
        uint32_t op = prog->insns[i].opcode;
        if (op == SM4_OP_RETC || (op == SM4_OP_RET && i + 1 < end))
            early_ret = true;
    }
    if (early_ret) {
        sm4_tx_wrapped_body(x, 0, end, true, NULL);
    } else {
        sm4_tx_translate_range(x, 0, end && prog->insns[end - 1].opcode == SM4_OP_RET ? end - 1 : end);
        if (!x->rc && (x->nloops || x->nif))
            sm4_tx_fail(x, SM4_ERR_NESTING, NULL, "unbalanced if/loop/switch in main");
    }
    if (x->rc)
        goto done;
    sm4_tx_copy_outputs(x);
    sm4_tx_line(x, "END");
    if (sm4_text_finish(&x->body)) {
        sm4_tx_fail(x, SM4_ERR_NO_MEMORY, NULL, "body text");
        goto done;
    }
    uint32_t zero = sm4_tx_imm1(x, 0);
    if (sm4_tx_emit_header(x, &all))
        goto done;
    if (x->jump_flag_used)
        sm4_text_printf(&all, "MOV TEMP[%u].x, IMM[%u].xxxx\n", x->jump_flag, zero);
    sm4_text_puts(&all, x->body.buf);
    if (sm4_text_finish(&all)) {
        sm4_tx_fail(x, SM4_ERR_NO_MEMORY, NULL, "shader text");
        goto done;
    }
    out->text = all.buf;
    out->text_len = all.len;
    all.buf = NULL;
done:
    rc = x->rc;
    sm4_text_release(&all);
    sm4_text_release(&x->body);
    if (x->imms)
        plat->free(plat->ctx, x->imms);
    plat->free(plat->ctx, x);
    return rc;
}

void sm4_tgsi_release(const struct vg_platform *plat, struct sm4_tgsi *out)
{
    if (out && out->text && plat && plat->free)
        plat->free(plat->ctx, out->text);
    if (out)
        out->text = NULL;
}
