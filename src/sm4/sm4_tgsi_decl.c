/*
 * sm4_tgsi_decl.c — declarations: scan the SM4 dcl_* instructions into the
 * translator state, then write the TGSI header (processor, properties,
 * DCLs, immediates) once the body is known.
 *
 * Linking follows the D3D10 DDI, which hands the driver registers, not
 * semantic names: a non-system-value v#/o# register N becomes GENERIC[N]
 * (COLOR[N] for pixel shader outputs), so stages link by register.
 * System values that GLSL exposes with a different type or encoding
 * (IsFrontFace as a boolean mask, VertexID/InstanceID/PrimitiveID/
 * SampleIndex as integers) are copied into a temporary by a prologue and
 * the register reads that temporary.
 */
#include "sm4/sm4_tgsi_priv.h"

static bool is_dcl_input(uint32_t op)
{
    return op >= SM4_OP_DCL_INPUT && op <= SM4_OP_DCL_INPUT_PS_SIV;
}

static bool is_dcl_output(uint32_t op)
{
    return op >= SM4_OP_DCL_OUTPUT && op <= SM4_OP_DCL_OUTPUT_SIV;
}

static bool has_name(uint32_t op)
{
    return op == SM4_OP_DCL_INPUT_SGV || op == SM4_OP_DCL_INPUT_SIV || op == SM4_OP_DCL_INPUT_PS_SGV ||
           op == SM4_OP_DCL_INPUT_PS_SIV || op == SM4_OP_DCL_OUTPUT_SGV || op == SM4_OP_DCL_OUTPUT_SIV;
}

static uint32_t prim_verts(uint32_t p)
{
    switch (p) {
    case 1: return 1;
    case 2: return 2;
    case 3: return 3;
    case 6: return 4;
    case 7: return 6;
    default: return 0;
    }
}

static int scan_input(struct tx *x, const struct sm4_insn *in)
{
    const struct sm4_operand *op = &in->op[0];
    uint32_t name = has_name(in->opcode) ? in->dcl[0] : SM4_NAME_UNDEFINED;
    if (op->type == SM4_OT_INPUT_PRIMITIVEID) {
        if (x->p->type != SM4_GS)
            return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "vPrim outside a geometry shader");
        x->primid_sv = 0x7fffffff; /* an IN index, numbered after the others */
        return SM4_OK;
    }
    if (op->type != SM4_OT_INPUT)
        return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "input declaration of this operand type");
    uint32_t reg;
    if (x->p->type == SM4_GS) {
        if (op->dim != 2)
            return sm4_tx_fail(x, SM4_ERR_OPERAND, in, "GS input needs [vertices][register]");
        reg = op->idx[1].imm;
    } else {
        if (op->dim != 1)
            return sm4_tx_fail(x, SM4_ERR_OPERAND, in, "input needs one index");
        reg = op->idx[0].imm;
    }
    if (reg >= MAX_REGS)
        return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "input register number too large");
    struct tx_input *r = &x->in[reg];
    uint8_t mask = op->ncomp == 4 ? op->mask : 1;
    if (in->opcode >= SM4_OP_DCL_INPUT_PS && in->opcode <= SM4_OP_DCL_INPUT_PS_SIV)
        r->interp = (in->token0 >> 11) & 0xf;
    switch (name) {
    case SM4_NAME_UNDEFINED:
    case SM4_NAME_POSITION:
        if ((r->clip_mask | r->cull_mask) & mask)
            return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "input component declared twice");
        r->mask |= mask;
        if (name == SM4_NAME_POSITION)
            r->sv = SM4_NAME_POSITION;
        break;
    case SM4_NAME_VERTEX_ID:
    case SM4_NAME_INSTANCE_ID:
    case SM4_NAME_PRIMITIVE_ID:
    case SM4_NAME_IS_FRONT_FACE:
    case SM4_NAME_SAMPLE_INDEX:
        if (r->sv_mask)
            return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "two system values in one register");
        r->sv = (uint8_t)name;
        r->sv_mask = mask;
        break;
    case SM4_NAME_CLIP_DISTANCE:
    case SM4_NAME_CULL_DISTANCE: {
        /* The host hands them in as the same packed CLIPDIST list the
         * previous stage wrote (clip first, then cull, each in register
         * then component order, see scan_output), so the prologue gathers
         * them back into a TEMP copy of the D3D register. */
        if (x->p->type == SM4_VS)
            return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "clip/cull distance as a vertex shader input");
        if ((r->clip_mask | r->cull_mask | r->mask) & mask)
            return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "clip/cull distance input component declared twice");
        uint32_t n = (mask & 1u) + (mask >> 1 & 1u) + (mask >> 2 & 1u) + (mask >> 3 & 1u);
        if (x->nclip_in + x->ncull_in + n > 8)
            return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "more than 8 clip and cull distance inputs");
        if (name == SM4_NAME_CLIP_DISTANCE) {
            r->clip_mask |= mask;
            x->nclip_in += n;
        } else {
            r->cull_mask |= mask;
            x->ncull_in += n;
        }
        break;
    }
    default:
        return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "input system value (array/viewport index)");
    }
    return SM4_OK;
}

static int scan_output(struct tx *x, const struct sm4_insn *in)
{
    const struct sm4_operand *op = &in->op[0];
    uint32_t name = has_name(in->opcode) ? in->dcl[0] : SM4_NAME_UNDEFINED;
    if (op->type == SM4_OT_OUTPUT_DEPTH) {
        if (x->p->type != SM4_PS)
            return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "oDepth outside a pixel shader");
        if (x->depth_out < 0)
            x->depth_out = 0x7fffffff; /* numbered after the colors below */
        return SM4_OK;
    }
    if (op->type != SM4_OT_OUTPUT || op->dim != 1)
        return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "output declaration of this operand type");
    uint32_t reg = op->idx[0].imm;
    if (reg >= MAX_REGS)
        return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "output register number too large");
    struct tx_output *o = &x->outp[reg];
    uint8_t opmask = op->ncomp == 4 ? op->mask : 1;
    if (x->p->type == SM4_PS && name != SM4_NAME_UNDEFINED)
        return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "pixel shader output system value");
    if (name == SM4_NAME_CLIP_DISTANCE || name == SM4_NAME_CULL_DISTANCE) {
        /* virglrenderer takes clip and cull distances as one packed list
         * in CLIPDIST[0..1] (clip ones first, NUM_CLIPDIST_ENABLED and
         * NUM_CULLDIST_ENABLED give the split), while D3D scatters them
         * over any components of any registers, next to varyings or each
         * other (o1.xy TEXCOORD + o1.zw clip, o2.xz clip + o2.y cull).
         * So every register holding one is written to the output TEMP
         * array and its components are gathered on copy-out. */
        uint8_t m = op->ncomp == 4 ? op->mask : 1;
        if ((o->clip_mask | o->cull_mask | (o->main ? o->mask : 0)) & m)
            return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "clip/cull distance component declared twice");
        uint32_t n = (m & 1u) + (m >> 1 & 1u) + (m >> 2 & 1u) + (m >> 3 & 1u);
        if (x->nclip + x->ncull + n > 8)
            return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "more than 8 clip and cull distances");
        if (name == SM4_NAME_CLIP_DISTANCE) {
            o->clip_mask |= m;
            x->nclip += n;
        } else {
            o->cull_mask |= m;
            x->ncull += n;
        }
        o->used = true;
        x->out_rel = true;
        return SM4_OK;
    }
    if (name != SM4_NAME_UNDEFINED && name != SM4_NAME_POSITION && name != SM4_NAME_RT_ARRAY_INDEX &&
        name != SM4_NAME_VIEWPORT_INDEX && name != SM4_NAME_PRIMITIVE_ID)
        return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "output system value of this name");
    if ((o->clip_mask | o->cull_mask) & opmask)
        return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "output component declared twice");
    if (o->main && o->sv != name)
        return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "system value packed with other outputs");
    o->used = true;
    o->main = true;
    o->sv = (uint8_t)name;
    o->mask |= opmask;
    return SM4_OK;
}

int sm4_tx_scan_decls(struct tx *x)
{
    const struct sm4_program *p = x->p;
    for (uint32_t i = 0; i < p->ninsns && !x->rc; i++) {
        const struct sm4_insn *in = &p->insns[i];
        const struct sm4_operand *op = &in->op[0];
        switch (in->opcode) {
        case SM4_OP_DCL_TEMPS:
            if (in->dcl[0] > 4096)
                return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "too many temps");
            x->nr = in->dcl[0];
            break;
        case SM4_OP_DCL_INDEXABLE_TEMP:
            if (in->dcl[0] >= MAX_XTEMPS || in->dcl[1] == 0 || in->dcl[1] > 4096 ||
                x->x[in->dcl[0]].used)
                return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "bad indexable temp declaration");
            x->x[in->dcl[0]].used = true;
            x->x[in->dcl[0]].size = in->dcl[1];
            break;
        case SM4_OP_DCL_CONSTANT_BUFFER:
            if (op->type != SM4_OT_CONSTANT_BUFFER || op->dim != 2 || op->idx[0].imm >= MAX_CB ||
                op->idx[1].imm > 4096)
                return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "bad constant buffer declaration");
            x->cb_used[op->idx[0].imm] = true;
            x->cb_size[op->idx[0].imm] = op->idx[1].imm;
            break;
        case SM4_OP_DCL_SAMPLER:
            if (op->type != SM4_OT_SAMPLER || op->dim != 1 || op->idx[0].imm >= MAX_SAMP)
                return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "bad sampler declaration");
            x->samp_used[op->idx[0].imm] = true;
            x->samp_mode[op->idx[0].imm] = (in->token0 >> 11) & 0xf;
            break;
        case SM4_OP_DCL_RESOURCE: {
            uint32_t dim = (in->token0 >> 11) & 0x1f;
            if (op->type != SM4_OT_RESOURCE || op->dim != 1 || op->idx[0].imm >= MAX_RES ||
                dim == 0 || dim > 10)
                return sm4_tx_fail(x, SM4_ERR_REGISTER, in, "bad resource declaration");
            x->res_dim[op->idx[0].imm] = (uint8_t)dim;
            x->res_ret[op->idx[0].imm] = in->dcl[0] & 0xf;
            x->res_samples[op->idx[0].imm] = (in->token0 >> 16) & 0x7f;
            break;
        }
        case SM4_OP_DCL_GS_INPUT_PRIMITIVE:
            x->gs_in_prim = (in->token0 >> 11) & 0x3f;
            x->gs_in_verts = prim_verts(x->gs_in_prim);
            if (!x->gs_in_verts)
                return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "GS input primitive");
            break;
        case SM4_OP_DCL_GS_OUTPUT_TOPOLOGY:
            x->gs_out_topo = (in->token0 >> 11) & 0x3f;
            if (x->gs_out_topo != 1 && x->gs_out_topo != 3 && x->gs_out_topo != 5)
                return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "GS output topology");
            break;
        case SM4_OP_DCL_MAX_OUTPUT_VERTEX_COUNT:
            if (in->dcl[0] > 1024)
                return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "GS max vertex count above 1024");
            x->gs_max_vert = in->dcl[0];
            break;
        case SM4_OP_CUSTOMDATA:
            if (in->dcl[0] == 3) {
                if (x->icb)
                    return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "two immediate constant buffers");
                if (in->data_dwords % 4 || in->data_dwords / 4 > 1024)
                    return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "immediate constant buffer size");
                x->icb = in;
            }
            break;
        default:
            if (is_dcl_input(in->opcode))
                scan_input(x, in);
            else if (is_dcl_output(in->opcode))
                scan_output(x, in);
            break;
        }
    }
    if (x->rc)
        return x->rc;
    if (p->type == SM4_GS && (!x->gs_in_verts || !x->gs_out_topo))
        return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, NULL, "geometry shader without primitive declarations");

    /* immediate constant buffer first, so its IMM indices are fixed */
    if (x->icb) {
        x->icb_base_imm = 0;
        if (sm4_tx_imm_reserve(x, x->icb->data_dwords / 4))
            return x->rc;
        for (uint32_t i = 0; i + 4 <= x->icb->data_dwords; i += 4) {
            const uint32_t *d = x->icb->data + i;
            uint32_t *v = &x->imms[4 * x->nimms++];
            v[0] = d[0];
            v[1] = d[1];
            v[2] = d[2];
            v[3] = d[3];
        }
    }

    /* The host reads IMM[ADDR[0].x+n] as IMM[n] (checked on 0.10.4), so a
     * dynamically indexed icb is copied into a TEMP array by the prologue. */
    for (uint32_t i = 0; i < p->ninsns && x->icb; i++)
        for (uint32_t k = 0; k < p->insns[i].nops; k++)
            if (p->insns[i].op[k].type == SM4_OT_IMM_CONSTANT_BUFFER && p->insns[i].op[k].idx[0].has_rel)
                x->icb_dyn = true;

    /* Relative v#/o# indexing (dcl_indexrange) goes through TEMP copies:
     * the prologue copies the inputs in, outputs are copied out before
     * each emit and at the end.  GS inputs take a relative vertex index
     * directly instead. */
    for (uint32_t i = 0; i < p->ninsns; i++)
        for (uint32_t k = 0; k < p->insns[i].nops; k++) {
            const struct sm4_operand *op = &p->insns[i].op[k];
            if (p->insns[i].opcode == SM4_OP_DCL_INDEX_RANGE)
                continue;
            if (op->type == SM4_OT_INPUT && op->dim == 1 && op->idx[0].has_rel)
                x->in_rel = true;
            if (op->type == SM4_OT_OUTPUT && op->dim == 1 && op->idx[0].has_rel)
                x->out_rel = true;
            /* a dynamic register index on a GS input (v[1][r0.x]): the
             * host has no per-vertex input arrays we can rely on, so every
             * vertex's inputs are copied into one TEMP array */
            if (p->type == SM4_GS && op->type == SM4_OT_INPUT && op->dim == 2 && op->idx[1].has_rel)
                x->gs_in_rel = true;
        }
    /* Packed slots of the clip/cull distance inputs: the signature's
     * components when the caller gives it (a shader may declare fewer than
     * the previous stage writes), else the declared ones. */
    for (uint32_t r = 0; r < MAX_REGS; r++) {
        x->in[r].pack_clip = x->isgn ? 0 : x->in[r].clip_mask;
        x->in[r].pack_cull = x->isgn ? 0 : x->in[r].cull_mask;
    }
    for (uint32_t i = 0; x->isgn && i < x->isgn->count && i < SM4_MAX_SIG; i++) {
        const struct sm4_sig_elem *e = &x->isgn->elem[i];
        if (e->reg >= MAX_REGS)
            continue;
        if (e->system_value == SM4_NAME_CLIP_DISTANCE)
            x->in[e->reg].pack_clip |= e->mask & 0xf;
        else if (e->system_value == SM4_NAME_CULL_DISTANCE)
            x->in[e->reg].pack_cull |= e->mask & 0xf;
    }
    for (uint32_t r = 0; r < MAX_REGS; r++) {
        const struct tx_input *ti = &x->in[r];
        if ((ti->clip_mask & ~ti->pack_clip) || (ti->cull_mask & ~ti->pack_cull))
            return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, NULL, "clip/cull distance input not in the signature");
        for (uint32_t c = 0; c < 4; c++)
            x->npack_in += (ti->pack_clip >> c & 1u) + (ti->pack_cull >> c & 1u);
    }
    if (!x->nclip_in && !x->ncull_in)
        x->npack_in = 0; /* none read: the signature's do not matter */
    if (x->npack_in > 8)
        return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, NULL, "more than 8 clip and cull distance inputs");
    /* GS clip/cull distance inputs are gathered per vertex into the TEMP
     * copy of the inputs that dynamic register indexing uses */
    if (p->type == SM4_GS && x->nclip_in + x->ncull_in)
        x->gs_in_rel = true;
    for (uint32_t r = 0; r < MAX_REGS; r++) {
        if (x->in[r].mask || x->in[r].sv_mask || x->in[r].clip_mask || x->in[r].cull_mask)
            x->in_max = r;
        if (x->outp[r].used)
            x->out_max = r;
    }

    /* temp layout */
    uint32_t base = 0;
    for (uint32_t i = 0; i < MAX_XTEMPS; i++) {
        if (!x->x[i].used)
            continue;
        x->x[i].base = base;
        base += x->x[i].size;
    }
    if (x->icb_dyn) {
        x->icb_arr = base;
        base += x->icb->data_dwords / 4;
    }
    if (x->in_rel) {
        x->in_arr = base;
        base += x->in_max + 1;
    }
    if (x->out_rel) {
        x->out_arr = base;
        base += x->out_max + 1;
    }
    if (x->gs_in_rel) {
        x->gs_in_arr = base;
        base += x->gs_in_verts * (x->in_max + 1);
    }
    x->arr_end = base;
    x->r_base = base;
    x->scr_base = x->r_base + x->nr;
    x->perm_base = x->scr_base + NSCR;

    /* inputs */
    for (uint32_t r = 0; r < MAX_REGS; r++) {
        struct tx_input *ti = &x->in[r];
        bool dist = ti->clip_mask || ti->cull_mask;
        if (!ti->mask && !ti->sv_mask && !dist)
            continue;
        if (ti->mask) {
            ti->gen_in = p->type == SM4_VS ? r : x->nin_tgsi;
            x->nin_tgsi = (p->type == SM4_VS ? r : x->nin_tgsi) + 1;
        }
        if (dist) {
            if (ti->sv_mask)
                return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, NULL, "system value packed with a clip/cull distance input");
            /* PS: a TEMP copy made by the prologue; GS: reads go to the
             * per-vertex TEMP array (gs_in_arr) */
            ti->kind = IN_TEMP;
            ti->tgsi = p->type == SM4_GS ? 0 : sm4_tx_perm_temp(x);
            continue;
        }
        if (!ti->sv_mask) {
            ti->kind = IN_DIRECT;
            ti->tgsi = ti->gen_in;
            continue;
        }
        if (p->type == SM4_GS)
            return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, NULL, "system value input in a geometry shader");
        ti->kind = IN_TEMP;
        ti->tgsi = sm4_tx_perm_temp(x);
        ti->sv_is_in = ti->sv == SM4_NAME_IS_FRONT_FACE || ti->sv == SM4_NAME_PRIMITIVE_ID;
        if (ti->sv_is_in)
            ti->sv_tgsi = x->nin_tgsi++;
        else
            ti->sv_tgsi = x->nsv_tgsi++;
    }

    for (uint32_t i = 0; i < 2; i++)
        if (x->npack_in > 4 * i)
            x->dist_in[i] = x->nin_tgsi++;
    if (x->primid_sv >= 0)
        x->primid_sv = (int32_t)x->nin_tgsi++;

    /* outputs: registers in order, then depth */
    for (uint32_t r = 0; r < 32; r++)
        x->out->out_map[r] = 0xff;
    for (uint32_t r = 0; r < MAX_REGS; r++) {
        if (!x->outp[r].main)
            continue;
        x->outp[r].tgsi = x->nout_tgsi++;
        if (r < 32)
            x->out->out_map[r] = (uint8_t)x->outp[r].tgsi;
    }
    for (uint32_t i = 0; i < 2; i++)
        if (x->nclip + x->ncull > 4 * i)
            x->dist_tgsi[i] = x->nout_tgsi++;
    if (x->depth_out >= 0)
        x->depth_out = (int32_t)x->nout_tgsi++;
    x->out->num_outputs = x->nout_tgsi;
    x->out->num_clipdist = (uint8_t)x->nclip;
    x->out->num_culldist = (uint8_t)x->ncull;
    return SM4_OK;
}

/* Copies the clip/cull distance components of input register r out of the
 * packed input CLIPDIST list into TEMP[t]; vtx is "" or a GS "[vertex]".
 * The packing mirrors the output side's (sm4_tx_copy_outputs): all clip
 * components in register then component order, then all cull ones. */
static void gather_dist(struct tx *x, uint32_t r, uint32_t t, const char *vtx)
{
    uint32_t k = 0;
    for (uint32_t cull = 0; cull < 2; cull++)
        for (uint32_t q = 0; q < MAX_REGS; q++) {
            const struct tx_input *ti = &x->in[q];
            uint8_t dm = cull ? ti->pack_cull : ti->pack_clip;
            uint8_t want = cull ? ti->cull_mask : ti->clip_mask;
            for (uint32_t c = 0; c < 4; c++, dm >>= 1) {
                if (!(dm & 1))
                    continue;
                if (q == r && (want >> c & 1)) {
                    char cc = "xyzw"[k % 4]; /* tgsi_text takes four swizzle letters */
                    sm4_tx_line(x, "MOV TEMP[%u].%c, IN%s[%u].%c%c%c%c", t, "xyzw"[c], vtx,
                                x->dist_in[k / 4], cc, cc, cc, cc);
                }
                k++;
            }
        }
}

void sm4_tx_emit_prologue(struct tx *x)
{
    if (x->icb_dyn)
        for (uint32_t i = 0; i < x->icb->data_dwords / 4; i++)
            sm4_tx_line(x, "MOV TEMP[%u], IMM[%u]", x->icb_arr + i, x->icb_base_imm + i);
    for (uint32_t r = 0; r < MAX_REGS; r++) {
        const struct tx_input *ti = &x->in[r];
        if (ti->kind != IN_TEMP)
            continue;
        char m[6];
        if (x->p->type == SM4_GS)
            continue; /* clip/cull distances: gathered per vertex below */
        if (ti->mask) {
            sm4_tx_mask_str(ti->mask, m);
            sm4_tx_line(x, "MOV TEMP[%u]%s, IN[%u]", ti->tgsi, m, ti->gen_in);
        }
        if (ti->clip_mask || ti->cull_mask) {
            gather_dist(x, r, ti->tgsi, "");
            continue;
        }
        sm4_tx_mask_str(ti->sv_mask, m);
        if (ti->sv == SM4_NAME_IS_FRONT_FACE)
            /* GL gives +1/-1; D3D wants 0xffffffff for front-facing */
            sm4_tx_line(x, "FSLT TEMP[%u]%s, IMM[%u].xxxx, IN[%u].xxxx", ti->tgsi, m,
                    sm4_tx_imm(x, 0, 0, 0, 0), ti->sv_tgsi);
        else
            sm4_tx_line(x, "MOV TEMP[%u]%s, %s[%u].xxxx", ti->tgsi, m, ti->sv_is_in ? "IN" : "SV",
                    ti->sv_tgsi);
    }
    for (uint32_t r = 0; x->in_rel && r <= x->in_max; r++) {
        const struct tx_input *ti = &x->in[r];
        if (ti->kind != IN_NONE)
            sm4_tx_line(x, "MOV TEMP[%u], %s[%u]", x->in_arr + r, ti->kind == IN_DIRECT ? "IN" : "TEMP", ti->tgsi);
    }
    for (uint32_t v = 0; x->gs_in_rel && v < x->gs_in_verts; v++)
        for (uint32_t r = 0; r <= x->in_max; r++) {
            const struct tx_input *ti = &x->in[r];
            uint32_t t = x->gs_in_arr + v * (x->in_max + 1) + r;
            if (ti->kind == IN_DIRECT)
                sm4_tx_line(x, "MOV TEMP[%u], IN[%u][%u]", t, v, ti->tgsi);
            if (!ti->clip_mask && !ti->cull_mask)
                continue;
            if (ti->mask) {
                char m[6];
                sm4_tx_mask_str(ti->mask, m);
                sm4_tx_line(x, "MOV TEMP[%u]%s, IN[%u][%u]", t, m, v, ti->gen_in);
            }
            char vs[16];
            sm4_snprintf(vs, sizeof(vs), "[%u]", v);
            gather_dist(x, r, t, vs);
        }
}

void sm4_tx_copy_outputs(struct tx *x)
{
    if (!x->out_rel)
        return;
    for (uint32_t r = 0; r <= x->out_max; r++) {
        char m[6];
        if (!x->outp[r].used)
            continue;
        const struct tx_output *o = &x->outp[r];
        if (o->main) {
            sm4_tx_mask_str(o->mask, m);
            sm4_tx_line(x, "MOV OUT[%u]%s, TEMP[%u]", o->tgsi, m, x->out_arr + r);
        }
    }
    /* clip distances, then cull distances, one component each into the
     * packed CLIPDIST list (see scan_output) */
    uint32_t k = 0;
    for (uint32_t cull = 0; cull < 2; cull++)
        for (uint32_t r = 0; r <= x->out_max; r++) {
            const struct tx_output *o = &x->outp[r];
            uint8_t dm = cull ? o->cull_mask : o->clip_mask;
            for (uint32_t c = 0; c < 4; c++, dm >>= 1) {
                if (!(dm & 1))
                    continue;
                char cc = "xyzw"[c]; /* tgsi_text takes four swizzle letters */
                sm4_tx_line(x, "MOV OUT[%u].%c, TEMP[%u].%c%c%c%c", x->dist_tgsi[k / 4], "xyzw"[k % 4],
                            x->out_arr + r, cc, cc, cc, cc);
                k++;
            }
        }
}

static const char *prim_name(uint32_t p, bool out)
{
    if (out)
        return p == 1 ? "POINTS" : p == 3 ? "LINE_STRIP" : "TRIANGLE_STRIP";
    switch (p) {
    case 1: return "POINTS";
    case 2: return "LINES";
    case 3: return "TRIANGLES";
    case 6: return "LINES_ADJACENCY";
    default: return "TRIANGLES_ADJACENCY";
    }
}

static const char *interp_name(uint32_t m)
{
    switch (m) {
    case 1: return ", CONSTANT";
    case 2: return ", PERSPECTIVE";
    case 3: return ", PERSPECTIVE, CENTROID";
    case 4: return ", LINEAR";
    case 5: return ", LINEAR, CENTROID";
    case 6: return ", PERSPECTIVE, SAMPLE";
    case 7: return ", LINEAR, SAMPLE";
    default: return ", PERSPECTIVE";
    }
}

static void emit_inputs(struct tx *x, struct sm4_text *t)
{
    const struct sm4_program *p = x->p;
    for (uint32_t r = 0; r < MAX_REGS; r++) {
        const struct tx_input *ti = &x->in[r];
        if (ti->mask) {
            if (p->type == SM4_VS) {
                sm4_text_printf(t, "DCL IN[%u]\n", ti->gen_in);
            } else if (p->type == SM4_GS) {
                if (ti->sv == SM4_NAME_POSITION)
                    sm4_text_printf(t, "DCL IN[][%u], POSITION\n", ti->gen_in);
                else
                    sm4_text_printf(t, "DCL IN[][%u], GENERIC[%u]\n", ti->gen_in, r);
            } else if (ti->sv == SM4_NAME_POSITION) {
                x->fs_position = true;
                sm4_text_printf(t, "DCL IN[%u], POSITION, LINEAR\n", ti->gen_in);
            } else {
                sm4_text_printf(t, "DCL IN[%u], GENERIC[%u]%s\n", ti->gen_in, r, interp_name(ti->interp));
            }
        }
        if (!ti->sv_mask)
            continue;
        switch (ti->sv) {
        case SM4_NAME_VERTEX_ID:
            sm4_text_printf(t, "DCL SV[%u], VERTEXID\n", ti->sv_tgsi);
            break;
        case SM4_NAME_INSTANCE_ID:
            sm4_text_printf(t, "DCL SV[%u], INSTANCEID\n", ti->sv_tgsi);
            break;
        case SM4_NAME_SAMPLE_INDEX:
            sm4_text_printf(t, "DCL SV[%u], SAMPLEID\n", ti->sv_tgsi);
            break;
        case SM4_NAME_IS_FRONT_FACE:
            sm4_text_printf(t, "DCL IN[%u], FACE, CONSTANT\n", ti->sv_tgsi);
            break;
        case SM4_NAME_PRIMITIVE_ID:
            sm4_text_printf(t, "DCL IN[%u], PRIM_ID, CONSTANT\n", ti->sv_tgsi);
            break;
        default:
            break;
        }
    }
    for (uint32_t i = 0; i < 2; i++)
        if (x->npack_in > 4 * i) {
            if (p->type == SM4_GS)
                sm4_text_printf(t, "DCL IN[][%u], CLIPDIST[%u]\n", x->dist_in[i], i);
            else
                sm4_text_printf(t, "DCL IN[%u], CLIPDIST[%u], PERSPECTIVE\n", x->dist_in[i], i);
        }
    /* An SV PRIM_ID in a GS reads the (output) gl_PrimitiveID on 0.10.4;
     * an input with that semantic becomes gl_PrimitiveIDIn. */
    if (x->primid_sv >= 0)
        sm4_text_printf(t, "DCL IN[%d], PRIM_ID\n", x->primid_sv);
}

static void emit_outputs(struct tx *x, struct sm4_text *t)
{
    /* the host splits the packed CLIPDIST list by these counts */
    if (x->nclip)
        sm4_text_printf(t, "PROPERTY NUM_CLIPDIST_ENABLED %u\n", x->nclip);
    if (x->ncull)
        sm4_text_printf(t, "PROPERTY NUM_CULLDIST_ENABLED %u\n", x->ncull);
    for (uint32_t r = 0; r < MAX_REGS; r++) {
        const struct tx_output *o = &x->outp[r];
        if (!o->main)
            continue;
        if (x->p->type == SM4_PS) {
            sm4_text_printf(t, "DCL OUT[%u], COLOR[%u]\n", o->tgsi, r);
            continue;
        }
        switch (o->sv) {
        case SM4_NAME_POSITION:
            sm4_text_printf(t, "DCL OUT[%u], POSITION\n", o->tgsi);
            break;
        case SM4_NAME_RT_ARRAY_INDEX:
            sm4_text_printf(t, "DCL OUT[%u], LAYER\n", o->tgsi);
            break;
        case SM4_NAME_VIEWPORT_INDEX:
            sm4_text_printf(t, "DCL OUT[%u], VIEWPORT_INDEX\n", o->tgsi);
            break;
        case SM4_NAME_PRIMITIVE_ID:
            sm4_text_printf(t, "DCL OUT[%u], PRIM_ID\n", o->tgsi);
            break;
        default:
            sm4_text_printf(t, "DCL OUT[%u], GENERIC[%u]\n", o->tgsi, r);
            break;
        }
    }
    for (uint32_t i = 0; i < 2; i++)
        if (x->nclip + x->ncull > 4 * i)
            sm4_text_printf(t, "DCL OUT[%u], CLIPDIST[%u]\n", x->dist_tgsi[i], i);
    if (x->depth_out >= 0)
        sm4_text_printf(t, "DCL OUT[%d], POSITION\n", x->depth_out);
}

static const char *ret_name(uint32_t r)
{
    switch (r) {
    case 3: return "SINT";
    case 4: return "UINT";
    default: return "FLOAT";
    }
}

int sm4_tx_emit_header(struct tx *x, struct sm4_text *t)
{
    const struct sm4_program *p = x->p;
    static const char *const proc[3] = { "FRAG", "VERT", "GEOM" };
    sm4_text_printf(t, "%s\n", proc[p->type]);
    if (p->type == SM4_GS) {
        sm4_text_printf(t, "PROPERTY GS_INPUT_PRIMITIVE %s\n", prim_name(x->gs_in_prim, false));
        sm4_text_printf(t, "PROPERTY GS_OUTPUT_PRIMITIVE %s\n", prim_name(x->gs_out_topo, true));
        sm4_text_printf(t, "PROPERTY GS_MAX_OUTPUT_VERTICES %u\n", x->gs_max_vert);
    }
    emit_inputs(x, t);
    if (x->fs_position) {
        /* D3D10: origin at the top left, pixel centres at .5 */
        sm4_text_puts(t, "PROPERTY FS_COORD_ORIGIN UPPER_LEFT\n");
        sm4_text_puts(t, "PROPERTY FS_COORD_PIXEL_CENTER HALF_INTEGER\n");
    }
    emit_outputs(x, t);
    for (uint32_t u = 0; u < x->out->nunits; u++) {
        uint32_t res = x->out->unit_res[u];
        sm4_text_printf(t, "DCL SAMP[%u]\n", u);
        sm4_text_printf(t, "DCL SVIEW[%u], %s, %s\n", u, sm4_tx_target(x->res_dim[res], false),
                        ret_name(x->res_ret[res]));
    }
    for (uint32_t b = 0; b < MAX_CB; b++)
        if (x->cb_used[b] && x->cb_size[b])
            sm4_text_printf(t, "DCL CONST[%u][0..%u]\n", b + x->cb_base, x->cb_size[b] - 1);
    if (x->out->uses_rast_cb)
        sm4_text_printf(t, "DCL CONST[%u][0..0]\n", x->rast_cb);
    uint32_t aid = 1;
    for (uint32_t i = 0; i < MAX_XTEMPS; i++)
        if (x->x[i].used)
            sm4_text_printf(t, "DCL TEMP[%u..%u], ARRAY(%u)\n", x->x[i].base,
                            x->x[i].base + x->x[i].size - 1, aid++);
    if (x->icb_dyn)
        sm4_text_printf(t, "DCL TEMP[%u..%u], ARRAY(%u)\n", x->icb_arr,
                        x->icb_arr + x->icb->data_dwords / 4 - 1, aid++);
    if (x->in_rel)
        sm4_text_printf(t, "DCL TEMP[%u..%u], ARRAY(%u)\n", x->in_arr, x->in_arr + x->in_max, aid++);
    if (x->out_rel)
        sm4_text_printf(t, "DCL TEMP[%u..%u], ARRAY(%u)\n", x->out_arr, x->out_arr + x->out_max, aid++);
    if (x->gs_in_rel)
        sm4_text_printf(t, "DCL TEMP[%u..%u], ARRAY(%u)\n", x->gs_in_arr,
                        x->gs_in_arr + x->gs_in_verts * (x->in_max + 1) - 1, aid++);
    uint32_t tend = x->perm_base + x->nperm;
    sm4_text_printf(t, "DCL TEMP[%u..%u]\n", x->r_base, tend - 1);
    x->out->num_temps_used = tend;
    uint32_t naddr = 0;
    for (uint32_t i = 0; i < 3; i++)
        if (x->addr_used[i])
            naddr = i + 1;
    if (naddr)
        sm4_text_printf(t, "DCL ADDR[0..%u]\n", naddr - 1);
    for (uint32_t i = 0; i < x->nimms; i++) {
        const uint32_t *v = &x->imms[4 * i];
        sm4_text_printf(t, "IMM[%u] UINT32 {%u, %u, %u, %u}\n", i, v[0], v[1], v[2], v[3]);
    }
    return sm4_text_finish(t) ? sm4_tx_fail(x, SM4_ERR_NO_MEMORY, NULL, "header") : SM4_OK;
}
