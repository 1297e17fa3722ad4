/*
 * sm4_dis.c — fxc-style listing of a parsed SM4 program.
 *
 * The output is also the input language of tools/sm4-as, so it is lossless
 * for everything the assembler can produce: immediates that have no exact
 * short decimal form print as 0x%08x bit patterns, index representation
 * (r0.x vs r0.x + N) is kept, and swizzle/select1/mask modes are told apart
 * by the number of component letters (1 = select1, 4 = swizzle, on srcs).
 */
#include "sm4/sm4.h"

static const char comp_ch[4] = { 'x', 'y', 'z', 'w' };

/* Prints a float exactly when its value has an exact 6-decimal form (and
 * is below 1e6), else as bits; the assembler reads both back to the same
 * bits.  Only 32-bit integer arithmetic, so the i686 build needs no libgcc
 * 64-bit division helpers. */
static void put_float(struct sm4_text *t, uint32_t bits)
{
    union { uint32_t u; float f; } v = { bits };
    uint32_t exp = (bits >> 23) & 0xff;
    if (exp != 0 && exp != 0xff) {
        /* value = m * 2^e with m the 24-bit significand */
        uint32_t m = (bits & 0x7fffff) | 0x800000;
        int32_t e = (int32_t)exp - 150;
        uint32_t tz = 0;
        while (!(m & (1u << tz)))
            tz++;
        /* m * 2^e * 10^6 is an integer iff 2^(-e) divides m * 2^6 */
        bool exact = e >= 0 || (int32_t)tz + 6 >= -e;
        double a = v.f < 0 ? -(double)v.f : (double)v.f;
        if (exact && a < 1000000.0) {
            int32_t ip = (int32_t)a;                          /* truncates, < 1e6 */
            int32_t fp = (int32_t)(a * 1000000.0 - (double)ip * 1000000.0); /* exact */
            char frac[7];
            for (int i = 5; i >= 0; i--) {
                frac[i] = (char)('0' + fp % 10);
                fp /= 10;
            }
            frac[6] = 0;
            sm4_text_printf(t, "%s%d.%s", v.f < 0 ? "-" : "", ip, frac);
            return;
        }
    }
    if (bits == 0) {
        sm4_text_puts(t, "0.000000");
        return;
    }
    if (bits == 0x80000000u) {
        sm4_text_puts(t, "-0.000000");
        return;
    }
    sm4_text_printf(t, "0x%x", bits);
}

static void put_int(struct sm4_text *t, uint32_t v)
{
    int32_t s = (int32_t)v;
    if (s > -0x10000000 && s < 0x10000000)
        sm4_text_printf(t, "%d", s);
    else
        sm4_text_printf(t, "0x%x", v);
}

static void put_imm(struct sm4_text *t, uint32_t v, bool as_int)
{
    int32_t s = (int32_t)v;
    /* Small non-zero bit patterns are denormals as floats: print as ints. */
    if (as_int || (s != 0 && s >= -65536 && s <= 65536))
        put_int(t, v);
    else
        put_float(t, v);
}

static void put_rel(struct sm4_text *t, const struct sm4_rel *r)
{
    if (r->type == SM4_OT_INDEXABLE_TEMP)
        sm4_text_printf(t, "x%u[%u].%c", r->reg[0], r->reg[1], comp_ch[r->comp & 3]);
    else
        sm4_text_printf(t, "r%u.%c", r->reg[0], comp_ch[r->comp & 3]);
}

static void put_index(struct sm4_text *t, const struct sm4_index *ix, bool bracket)
{
    if (!ix->has_rel) {
        if (bracket)
            sm4_text_printf(t, "[%u]", ix->imm);
        else
            sm4_text_printf(t, "%u", ix->imm);
        return;
    }
    sm4_text_putc(t, '[');
    put_rel(t, &ix->rel);
    if (ix->rep != 2)
        sm4_text_printf(t, " + %u", ix->imm);
    sm4_text_putc(t, ']');
}

static void put_regname(struct sm4_text *t, const struct sm4_operand *op)
{
    static const char *const pfx[SM4_OT_COUNT_KNOWN] = {
        "r", "v", "o", "x", "l", "d", "s", "t", "cb", "icb", "l", "vPrim", "oDepth", "null",
        "rasterizer", "oMask",
    };
    const char *p = pfx[op->type];
    if (op->type == SM4_OT_INPUT && op->dim == 2) {
        /* GS input: vertex, then register */
        sm4_text_puts(t, "v");
        put_index(t, &op->idx[0], true);
        put_index(t, &op->idx[1], true);
        return;
    }
    if (op->type == SM4_OT_IMM_CONSTANT_BUFFER) {
        sm4_text_puts(t, "icb");
        if (op->dim >= 1)
            put_index(t, &op->idx[0], true);
        return;
    }
    sm4_text_puts(t, p);
    if (op->dim == 0)
        return;
    if (op->idx[0].has_rel)
        put_index(t, &op->idx[0], true);
    else
        put_index(t, &op->idx[0], false);
    for (int d = 1; d < op->dim; d++)
        put_index(t, &op->idx[d], true);
}

static void put_operand(struct sm4_text *t, const struct sm4_operand *op, bool is_dst, bool as_int)
{
    if (op->type == SM4_OT_IMM32) {
        sm4_text_puts(t, "l(");
        for (int i = 0; i < op->ncomp; i++) {
            if (i)
                sm4_text_puts(t, ", ");
            put_imm(t, op->imm[i], as_int);
        }
        sm4_text_putc(t, ')');
        return;
    }
    if (op->mod == SM4_MOD_NEG || op->mod == SM4_MOD_ABSNEG)
        sm4_text_putc(t, '-');
    if (op->mod & SM4_MOD_ABS)
        sm4_text_putc(t, '|');
    put_regname(t, op);
    if (op->ncomp == 4) {
        if (op->sel == SM4_SEL_MASK || is_dst) {
            if (op->mask) {
                sm4_text_putc(t, '.');
                for (int i = 0; i < 4; i++)
                    if (op->mask & (1 << i))
                        sm4_text_putc(t, comp_ch[i]);
            }
        } else if (op->sel == SM4_SEL_SWIZZLE) {
            sm4_text_putc(t, '.');
            for (int i = 0; i < 4; i++)
                sm4_text_putc(t, comp_ch[op->swz[i]]);
        } else {
            sm4_text_printf(t, ".%c", comp_ch[op->swz[0]]);
        }
    }
    if (op->mod & SM4_MOD_ABS)
        sm4_text_putc(t, '|');
}

static const char *const interp_str[8] = {
    "", "constant", "linear", "linear centroid", "linear noperspective",
    "linear noperspective centroid", "linear sample", "linear noperspective sample",
};
static const char *const resdim_str[11] = {
    "unknown", "buffer", "texture1d", "texture2d", "texture2dms", "texture3d", "texturecube",
    "texture1darray", "texture2darray", "texture2dmsarray", "texturecubearray",
};
static const char *const rettype_str[10] = {
    "?", "unorm", "snorm", "sint", "uint", "float", "mixed", "double", "continued", "unused",
};

static const char *prim_str(uint32_t p)
{
    switch (p) {
    case 1: return "point";
    case 2: return "line";
    case 3: return "triangle";
    case 6: return "lineadj";
    case 7: return "triangleadj";
    default: return "?";
    }
}

static const char *topo_str(uint32_t p)
{
    switch (p) {
    case 1: return "pointlist";
    case 2: return "linelist";
    case 3: return "linestrip";
    case 4: return "trianglelist";
    case 5: return "trianglestrip";
    default: return "?";
    }
}

static void put_dcl(struct sm4_text *t, const struct sm4_insn *in, const struct sm4_opinfo *oi)
{
    uint32_t t0 = in->token0;
    switch (in->opcode) {
    case SM4_OP_DCL_TEMPS:
        sm4_text_printf(t, "dcl_temps %u", in->dcl[0]);
        return;
    case SM4_OP_DCL_INDEXABLE_TEMP:
        sm4_text_printf(t, "dcl_indexableTemp x%u[%u], %u", in->dcl[0], in->dcl[1], in->dcl[2]);
        return;
    case SM4_OP_DCL_GLOBAL_FLAGS:
        if (((t0 >> 11) & 0x1fff) == 1)
            sm4_text_puts(t, "dcl_globalFlags refactoringAllowed");
        else
            sm4_text_printf(t, "dcl_globalFlags 0x%x", (t0 >> 11) & 0x1fff);
        return;
    case SM4_OP_DCL_MAX_OUTPUT_VERTEX_COUNT:
        sm4_text_printf(t, "dcl_maxout %u", in->dcl[0]);
        return;
    case SM4_OP_DCL_GS_INPUT_PRIMITIVE:
        sm4_text_printf(t, "dcl_inputprimitive %s", prim_str((t0 >> 11) & 0x3f));
        return;
    case SM4_OP_DCL_GS_OUTPUT_TOPOLOGY:
        sm4_text_printf(t, "dcl_outputtopology %s", topo_str((t0 >> 11) & 0x3f));
        return;
    case SM4_OP_DCL_CONSTANT_BUFFER:
        sm4_text_puts(t, "dcl_constantbuffer ");
        put_operand(t, &in->op[0], false, true);
        sm4_text_puts(t, (t0 >> 11) & 1 ? ", dynamicIndexed" : ", immediateIndexed");
        return;
    case SM4_OP_DCL_SAMPLER: {
        static const char *const modes[4] = { "mode_default", "mode_comparison", "mode_mono", "?" };
        sm4_text_puts(t, "dcl_sampler ");
        put_operand(t, &in->op[0], false, true);
        sm4_text_printf(t, ", %s", modes[(t0 >> 11) & 3]);
        return;
    }
    case SM4_OP_DCL_RESOURCE: {
        uint32_t dim = (t0 >> 11) & 0x1f;
        sm4_text_printf(t, "dcl_resource_%s", dim < 11 ? resdim_str[dim] : "?");
        if (dim == 4 || dim == 9)
            sm4_text_printf(t, "(%u)", (t0 >> 16) & 0x7f);
        sm4_text_puts(t, " (");
        for (int i = 0; i < 4; i++) {
            uint32_t r = (in->dcl[0] >> (4 * i)) & 0xf;
            sm4_text_printf(t, "%s%s", i ? "," : "", r < 10 ? rettype_str[r] : "?");
        }
        sm4_text_puts(t, ") ");
        put_operand(t, &in->op[0], false, true);
        return;
    }
    case SM4_OP_DCL_INDEX_RANGE:
        sm4_text_puts(t, "dcl_indexrange ");
        put_operand(t, &in->op[0], true, true);
        sm4_text_printf(t, ", %u", in->dcl[0]);
        return;
    default:
        break;
    }
    sm4_text_puts(t, oi->name);
    if (in->opcode >= SM4_OP_DCL_INPUT_PS && in->opcode <= SM4_OP_DCL_INPUT_PS_SIV) {
        uint32_t m = (t0 >> 11) & 0xf;
        if (m && m < 8)
            sm4_text_printf(t, " %s", interp_str[m]);
    }
    sm4_text_putc(t, ' ');
    put_operand(t, &in->op[0], true, true);
    if (in->opcode == SM4_OP_DCL_INPUT_SGV || in->opcode == SM4_OP_DCL_INPUT_SIV ||
        in->opcode == SM4_OP_DCL_INPUT_PS_SGV || in->opcode == SM4_OP_DCL_INPUT_PS_SIV ||
        in->opcode == SM4_OP_DCL_OUTPUT_SGV || in->opcode == SM4_OP_DCL_OUTPUT_SIV) {
        const char *n = sm4_name_str(in->dcl[0]);
        if (*n)
            sm4_text_printf(t, ", %s", n);
        else
            sm4_text_printf(t, ", %u", in->dcl[0]);
    }
}

static void put_icb(struct sm4_text *t, const struct sm4_insn *in)
{
    if (in->dcl[0] != 3) {
        sm4_text_printf(t, "// customdata class %u, %u dwords", in->dcl[0], in->data_dwords);
        return;
    }
    sm4_text_puts(t, "dcl_immediateConstantBuffer {");
    for (uint32_t i = 0; i + 4 <= in->data_dwords; i += 4) {
        sm4_text_puts(t, i ? ",\n                              { " : " { ");
        for (int c = 0; c < 4; c++) {
            if (c)
                sm4_text_puts(t, ", ");
            put_imm(t, in->data[i + c], false);
        }
        sm4_text_puts(t, " }");
    }
    sm4_text_puts(t, " }");
}

static bool has_test(uint32_t op)
{
    return op == SM4_OP_IF || op == SM4_OP_BREAKC || op == SM4_OP_CONTINUEC || op == SM4_OP_CALLC ||
           op == SM4_OP_RETC || op == SM4_OP_DISCARD;
}

int sm4_disassemble(const struct sm4_program *prog, struct sm4_text *t)
{
    static const char *const ty[3] = { "ps", "vs", "gs" };
    sm4_text_printf(t, "%s_%u_%u\n", ty[prog->type], prog->major, prog->minor);
    int indent = 0;
    for (uint32_t i = 0; i < prog->ninsns; i++) {
        const struct sm4_insn *in = &prog->insns[i];
        const struct sm4_opinfo *oi = sm4_opinfo(in->opcode);
        uint32_t op = in->opcode;
        if (op == SM4_OP_ELSE || op == SM4_OP_ENDIF || op == SM4_OP_ENDLOOP ||
            op == SM4_OP_ENDSWITCH || op == SM4_OP_CASE || op == SM4_OP_DEFAULT)
            indent = indent > 0 ? indent - 1 : 0;
        if (op == SM4_OP_ENDSWITCH)
            indent = indent > 0 ? indent - 1 : 0;
        for (int k = 0; k < indent && oi->cls != SM4_OC_DCL; k++)
            sm4_text_puts(t, "  ");
        if (op == SM4_OP_CUSTOMDATA) {
            put_icb(t, in);
        } else if (oi->cls == SM4_OC_DCL) {
            put_dcl(t, in, oi);
        } else {
            sm4_text_puts(t, oi->name);
            if (has_test(op))
                sm4_text_puts(t, in->test_nz ? "_nz" : "_z");
            if (op == SM4_OP_RESINFO && in->ret_type == 1)
                sm4_text_puts(t, "_rcpFloat");
            else if (op == SM4_OP_RESINFO && in->ret_type == 2)
                sm4_text_puts(t, "_uint");
            else if (op == SM4_OP_SAMPLE_INFO && in->ret_type == 1)
                sm4_text_puts(t, "_uint");
            if (in->has_offset)
                sm4_text_printf(t, "_aoffimmi(%d,%d,%d)", in->offset[0], in->offset[1],
                                in->offset[2]);
            if (in->saturate)
                sm4_text_puts(t, "_sat");
            bool as_int = oi->cls == SM4_OC_INT || oi->cls == SM4_OC_FLOW || oi->cls == SM4_OC_RES;
            if (op == SM4_OP_ITOF || op == SM4_OP_UTOF)
                as_int = true;
            for (uint32_t k = 0; k < in->nops; k++) {
                sm4_text_puts(t, k ? ", " : " ");
                bool src_int = as_int;
                /* sample_l/_b/_c reference, lod and bias are floats */
                if (oi->cls == SM4_OC_RES && k >= 4)
                    src_int = false;
                if ((op == SM4_OP_SAMPLE || op == SM4_OP_SAMPLE_L || op == SM4_OP_SAMPLE_B ||
                     op == SM4_OP_SAMPLE_C || op == SM4_OP_SAMPLE_C_LZ || op == SM4_OP_SAMPLE_D ||
                     op == SM4_OP_LOD || op == SM4_OP_GATHER4) && k == 1)
                    src_int = false;
                put_operand(t, &in->op[k], k < oi->ndst, src_int);
            }
        }
        sm4_text_putc(t, '\n');
        if (op == SM4_OP_IF || op == SM4_OP_ELSE || op == SM4_OP_LOOP || op == SM4_OP_CASE ||
            op == SM4_OP_DEFAULT || op == SM4_OP_SWITCH)
            indent++;
        if (op == SM4_OP_SWITCH)
            indent++;
        if (indent > 64)
            indent = 64;
    }
    return sm4_text_finish(t);
}

void sm4_dis_signature(struct sm4_text *t, const char *dir, const struct sm4_signature *sig)
{
    static const char *const ctype[4] = { "unknown", "uint", "int", "float" };
    for (uint32_t i = 0; i < sig->count; i++) {
        const struct sm4_sig_elem *e = &sig->elem[i];
        sm4_text_printf(t, "%s ", dir);
        for (uint32_t k = 0; k < e->name_len; k++) {
            char c = e->name[k];
            sm4_text_putc(t, (c > ' ' && c < 127) ? c : '_');
        }
        sm4_text_printf(t, " %u %u ", e->semantic_index, e->reg);
        for (int c = 0; c < 4; c++)
            if (e->mask & (1 << c))
                sm4_text_putc(t, comp_ch[c]);
        sm4_text_printf(t, " %s", e->component_type < 4 ? ctype[e->component_type] : "unknown");
        if (e->rw_mask != e->mask) {
            sm4_text_puts(t, " used=");
            for (int c = 0; c < 4; c++)
                if (e->rw_mask & (1 << c))
                    sm4_text_putc(t, comp_ch[c]);
            if (!e->rw_mask)
                sm4_text_puts(t, "none");
        }
        sm4_text_printf(t, " sv=%u\n", e->system_value);
    }
}
