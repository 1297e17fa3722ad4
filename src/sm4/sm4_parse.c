/*
 * sm4_parse.c — SM4.0/4.1 token stream -> array of decoded instructions.
 *
 * The input is exactly what the D3D10 DDI hands to CreateVertexShader and
 * friends: version token, length token, then instructions.  Two passes:
 * the first walks instruction lengths only (to size one allocation and to
 * reject a stream whose lengths do not tile it), the second decodes each
 * instruction inside its own [start, start + length) window, so no operand
 * can read past its instruction, let alone past the stream.  Every loop
 * advances by at least one dword, so any input terminates.
 */
#include "sm4/sm4.h"

struct cursor {
    const uint32_t *t;
    uint32_t pos, end;
    int rc;
};

static uint32_t take(struct cursor *c)
{
    if (c->pos >= c->end) {
        if (!c->rc)
            c->rc = SM4_ERR_TRUNCATED;
        return 0;
    }
    return c->t[c->pos++];
}

static void set_err(struct sm4_error *err, int code, uint32_t off, uint32_t opcode, const char *what)
{
    if (!err)
        return;
    err->code = code;
    err->token_off = off;
    err->opcode = opcode;
    const struct sm4_opinfo *oi = sm4_opinfo(opcode);
    if (oi)
        sm4_snprintf(err->msg, sizeof(err->msg), "%s at token %u (opcode %u '%s'): %s",
                     sm4_strerror(code), off, opcode, oi->name, what);
    else
        sm4_snprintf(err->msg, sizeof(err->msg), "%s at token %u (opcode %u): %s",
                     sm4_strerror(code), off, opcode, what);
}

static const char *parse_operand(struct cursor *c, struct sm4_operand *op, int depth);

static const char *parse_rel(struct cursor *c, struct sm4_rel *rel, int depth)
{
    struct sm4_operand r;
    const char *why = parse_operand(c, &r, depth + 1);
    if (why)
        return why;
    if (r.type == SM4_OT_TEMP && r.dim == 1) {
        rel->reg[0] = r.idx[0].imm;
        rel->reg[1] = 0;
    } else if (r.type == SM4_OT_INDEXABLE_TEMP && r.dim == 2 && !r.idx[1].has_rel) {
        rel->reg[0] = r.idx[0].imm;
        rel->reg[1] = r.idx[1].imm;
    } else {
        c->rc = SM4_ERR_UNSUPPORTED;
        return "relative index register must be r# or x#[n]";
    }
    if (r.ncomp != 4 || r.idx[0].has_rel) {
        c->rc = SM4_ERR_OPERAND;
        return "relative index must select one component";
    }
    rel->type = r.type;
    rel->comp = r.swz[0];
    return NULL;
}

static const char *parse_operand(struct cursor *c, struct sm4_operand *op, int depth)
{
    uint32_t t = take(c);
    if (c->rc)
        return "operand token missing";
    for (int i = 0; i < 3; i++) {
        op->idx[i].imm = 0;
        op->idx[i].rep = 0;
        op->idx[i].has_rel = false;
    }
    op->mod = SM4_MOD_NONE;
    op->mask = 0;
    op->sel = SM4_SEL_MASK;
    for (int i = 0; i < 4; i++) {
        op->swz[i] = (uint8_t)i;
        op->imm[i] = 0;
    }
    switch (t & 3) {
    case 0:
        op->ncomp = 0;
        break;
    case 1:
        op->ncomp = 1;
        op->mask = 1;
        op->swz[1] = op->swz[2] = op->swz[3] = 0;
        break;
    case 2:
        op->ncomp = 4;
        break;
    default:
        c->rc = SM4_ERR_UNSUPPORTED;
        return "N-component operands are not SM4";
    }
    if (op->ncomp == 4) {
        op->sel = (t >> 2) & 3;
        if (op->sel == SM4_SEL_MASK) {
            op->mask = (t >> 4) & 0xf;
        } else if (op->sel == SM4_SEL_SWIZZLE) {
            for (int i = 0; i < 4; i++)
                op->swz[i] = (t >> (4 + 2 * i)) & 3;
            op->mask = 0xf;
        } else if (op->sel == SM4_SEL_SELECT1) {
            uint8_t s = (t >> 4) & 3;
            for (int i = 0; i < 4; i++)
                op->swz[i] = s;
            op->mask = 0xf;
        } else {
            c->rc = SM4_ERR_OPERAND;
            return "bad component selection mode";
        }
    }
    op->type = (t >> 12) & 0xff;
    if (op->type >= SM4_OT_COUNT_KNOWN) {
        c->rc = SM4_ERR_UNSUPPORTED;
        return "operand type beyond shader model 4.1";
    }
    op->dim = (t >> 20) & 3;
    bool ext = t >> 31;
    while (ext) {
        uint32_t e = take(c);
        if (c->rc)
            return "extended operand token missing";
        if ((e & 0x3f) == 1) {
            uint32_t m = (e >> 6) & 0xff;
            if (m > 3) {
                c->rc = SM4_ERR_OPERAND;
                return "bad operand modifier";
            }
            op->mod = (uint8_t)m;
        } else if ((e & 0x3f) != 0) {
            c->rc = SM4_ERR_UNSUPPORTED;
            return "extended operand type beyond shader model 4.1";
        }
        ext = e >> 31;
    }
    if (op->type == SM4_OT_IMM32) {
        if (op->ncomp == 0 || op->dim) {
            c->rc = SM4_ERR_OPERAND;
            return "immediate without components";
        }
        for (int i = 0; i < op->ncomp; i++)
            op->imm[i] = take(c);
        if (op->ncomp == 1)
            op->imm[1] = op->imm[2] = op->imm[3] = op->imm[0];
        return c->rc ? "immediate value missing" : NULL;
    }
    if (op->type == SM4_OT_IMM64) {
        c->rc = SM4_ERR_UNSUPPORTED;
        return "64-bit immediates are not SM4";
    }
    for (int d = 0; d < op->dim; d++) {
        uint32_t rep = (t >> (22 + 3 * d)) & 7;
        struct sm4_index *ix = &op->idx[d];
        ix->rep = (uint8_t)rep;
        if (rep == 0 || rep == 3) {
            ix->imm = take(c);
        } else if (rep == 1 || rep == 4) {
            ix->imm = take(c);
            if (take(c) != 0 && !c->rc) {
                c->rc = SM4_ERR_UNSUPPORTED;
                return "64-bit register index";
            }
        }
        if (c->rc)
            return "register index missing";
        if (rep == 2 || rep == 3 || rep == 4) {
            if (depth > 0) {
                c->rc = SM4_ERR_UNSUPPORTED;
                return "nested relative addressing";
            }
            ix->has_rel = true;
            const char *why = parse_rel(c, &ix->rel, depth);
            if (why)
                return why;
        } else if (rep > 4) {
            c->rc = SM4_ERR_OPERAND;
            return "bad index representation";
        }
    }
    return NULL;
}

static bool is_dcl_io(uint32_t op)
{
    return op >= SM4_OP_DCL_INPUT && op <= SM4_OP_DCL_OUTPUT_SIV;
}

static int decode(const uint32_t *tok, uint32_t start, uint32_t len, struct sm4_insn *in,
                  struct sm4_error *err)
{
    struct cursor c = { tok, start, start + len, 0 };
    uint32_t t0 = take(&c);
    uint32_t opc = t0 & 0x7ff;
    const char *why = NULL;

    in->opcode = (uint16_t)opc;
    in->token_off = start;
    in->token0 = t0;
    in->nops = 0;
    in->saturate = 0;
    in->test_nz = (t0 >> 18) & 1;
    in->ret_type = 0;
    in->has_offset = 0;
    in->offset[0] = in->offset[1] = in->offset[2] = 0;
    in->dcl[0] = in->dcl[1] = in->dcl[2] = in->dcl[3] = 0;
    in->data = NULL;
    in->data_dwords = 0;

    const struct sm4_opinfo *oi = sm4_opinfo(opc);
    if (!oi) {
        set_err(err, SM4_ERR_UNKNOWN_OPCODE, start, opc, "not an SM4.0/4.1 opcode");
        return SM4_ERR_UNKNOWN_OPCODE;
    }
    if (opc == SM4_OP_CUSTOMDATA) {
        /* Length is the second dword; the payload follows it. */
        in->dcl[0] = t0 >> 11; /* data class: 3 = immediate constant buffer */
        in->data = tok + start + 2;
        in->data_dwords = len - 2;
        return SM4_OK;
    }
    if (oi->cls != SM4_OC_DCL) {
        in->saturate = (t0 >> 13) & 1;
        if (opc == SM4_OP_RESINFO)
            in->ret_type = (t0 >> 11) & 3;
        else if (opc == SM4_OP_SAMPLE_INFO)
            in->ret_type = (t0 >> 11) & 1;
    }
    bool ext = (t0 >> 31) && oi->cls != SM4_OC_DCL;
    while (ext) {
        uint32_t e = take(&c);
        if (c.rc)
            break;
        if ((e & 0x3f) == 1) {
            in->has_offset = 1;
            for (int i = 0; i < 3; i++) {
                int v = (int)((e >> (9 + 4 * i)) & 0xf);
                in->offset[i] = (int8_t)(v >= 8 ? v - 16 : v);
            }
        } else if ((e & 0x3f) > 3) {
            set_err(err, SM4_ERR_UNSUPPORTED, start, opc, "unknown extended opcode token");
            return SM4_ERR_UNSUPPORTED;
        }
        ext = e >> 31;
    }

    uint32_t nops = 0;
    switch (opc) {
    case SM4_OP_DCL_TEMPS:
    case SM4_OP_DCL_MAX_OUTPUT_VERTEX_COUNT:
        in->dcl[0] = take(&c);
        break;
    case SM4_OP_DCL_INDEXABLE_TEMP:
        in->dcl[0] = take(&c);
        in->dcl[1] = take(&c);
        in->dcl[2] = take(&c);
        break;
    case SM4_OP_DCL_GLOBAL_FLAGS:
    case SM4_OP_DCL_GS_INPUT_PRIMITIVE:
    case SM4_OP_DCL_GS_OUTPUT_TOPOLOGY:
        break;
    case SM4_OP_DCL_RESOURCE:
    case SM4_OP_DCL_INDEX_RANGE:
        why = parse_operand(&c, &in->op[0], 0);
        nops = 1;
        if (!why)
            in->dcl[0] = take(&c);
        break;
    default:
        if (is_dcl_io(opc) || opc == SM4_OP_DCL_CONSTANT_BUFFER || opc == SM4_OP_DCL_SAMPLER) {
            why = parse_operand(&c, &in->op[0], 0);
            nops = 1;
            if (!why && (opc == SM4_OP_DCL_INPUT_SGV || opc == SM4_OP_DCL_INPUT_SIV ||
                         opc == SM4_OP_DCL_INPUT_PS_SGV || opc == SM4_OP_DCL_INPUT_PS_SIV ||
                         opc == SM4_OP_DCL_OUTPUT_SGV || opc == SM4_OP_DCL_OUTPUT_SIV))
                in->dcl[0] = take(&c);
            break;
        }
        nops = (uint32_t)oi->ndst + oi->nsrc;
        for (uint32_t i = 0; i < nops && !why; i++)
            why = parse_operand(&c, &in->op[i], 0);
        break;
    }
    in->nops = (uint8_t)nops;
    if (why || c.rc) {
        int code = c.rc ? c.rc : SM4_ERR_OPERAND;
        set_err(err, code, start, opc, why ? why : "instruction shorter than its operands");
        return code;
    }
    if (c.pos != c.end) {
        set_err(err, SM4_ERR_OPERAND_COUNT, start, opc, "instruction longer than its operands");
        return SM4_ERR_OPERAND_COUNT;
    }
    return SM4_OK;
}

int sm4_program_parse(const struct vg_platform *plat, const uint32_t *tokens, uint32_t ntokens,
                      struct sm4_program **out, struct sm4_error *err)
{
    if (err) {
        err->code = SM4_OK;
        err->token_off = 0;
        err->opcode = 0;
        err->msg[0] = 0;
    }
    if (!out || (!tokens && ntokens)) {
        set_err(err, SM4_ERR_ARGUMENT, 0, 0xffffffff, "no program");
        return SM4_ERR_ARGUMENT;
    }
    *out = NULL;
    if (!plat || !plat->alloc || !plat->free) {
        set_err(err, SM4_ERR_NO_MEMORY, 0, 0xffffffff, "platform has no allocator");
        return SM4_ERR_NO_MEMORY;
    }
    if (ntokens < 2) {
        set_err(err, SM4_ERR_VERSION, 0, 0xffffffff, "no version/length tokens");
        return SM4_ERR_VERSION;
    }
    uint32_t ver = tokens[0];
    uint32_t n = tokens[1];
    if (n < 2 || n > ntokens) {
        set_err(err, SM4_ERR_VERSION, 1, 0xffffffff, "length token outside the stream");
        return SM4_ERR_VERSION;
    }
    uint32_t type = ver >> 16, major = (ver >> 4) & 0xf, minor = ver & 0xf;
    if (type > SM4_GS || major != 4 || minor > 1) {
        set_err(err, SM4_ERR_SHADER_TYPE, 0, 0xffffffff, "only vs/gs/ps 4.0 and 4.1");
        return SM4_ERR_SHADER_TYPE;
    }

    uint32_t count = 0;
    for (uint32_t pos = 2; pos < n;) {
        uint32_t t = tokens[pos];
        uint32_t opc = t & 0x7ff, len;
        if (opc == SM4_OP_CUSTOMDATA) {
            if (pos + 1 >= n) {
                set_err(err, SM4_ERR_TRUNCATED, pos, opc, "customdata without length");
                return SM4_ERR_TRUNCATED;
            }
            len = tokens[pos + 1];
            if (len < 2) {
                set_err(err, SM4_ERR_INSN_LENGTH, pos, opc, "customdata length below 2");
                return SM4_ERR_INSN_LENGTH;
            }
        } else {
            len = (t >> 24) & 0x7f;
            if (len == 0) {
                set_err(err, SM4_ERR_INSN_LENGTH, pos, opc, "zero instruction length");
                return SM4_ERR_INSN_LENGTH;
            }
        }
        if (len > n - pos) {
            set_err(err, SM4_ERR_TRUNCATED, pos, opc, "instruction runs past the end");
            return SM4_ERR_TRUNCATED;
        }
        pos += len;
        count++;
    }

    struct sm4_program *p = plat->alloc(plat->ctx, sizeof(*p));
    if (!p) {
        set_err(err, SM4_ERR_NO_MEMORY, 0, 0xffffffff, "program");
        return SM4_ERR_NO_MEMORY;
    }
    p->type = (uint8_t)type;
    p->major = (uint8_t)major;
    p->minor = (uint8_t)minor;
    p->tokens = tokens;
    p->ntokens = n;
    p->ninsns = count;
    p->insns = NULL;
    if (count) {
        p->insns = plat->alloc(plat->ctx, (size_t)count * sizeof(struct sm4_insn));
        if (!p->insns) {
            plat->free(plat->ctx, p);
            set_err(err, SM4_ERR_NO_MEMORY, 0, 0xffffffff, "instruction array");
            return SM4_ERR_NO_MEMORY;
        }
    }
    uint32_t i = 0;
    for (uint32_t pos = 2; pos < n; i++) {
        uint32_t t = tokens[pos];
        uint32_t len = (t & 0x7ff) == SM4_OP_CUSTOMDATA ? tokens[pos + 1] : (t >> 24) & 0x7f;
        int rc = decode(tokens, pos, len, &p->insns[i], err);
        if (rc) {
            sm4_program_free(plat, p);
            return rc;
        }
        pos += len;
    }
    *out = p;
    return SM4_OK;
}

void sm4_program_free(const struct vg_platform *plat, struct sm4_program *prog)
{
    if (!prog || !plat || !plat->free)
        return;
    if (prog->insns)
        plat->free(plat->ctx, prog->insns);
    plat->free(plat->ctx, prog);
}
