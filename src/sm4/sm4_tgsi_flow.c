/*
 * sm4_tgsi_flow.c — SM4 control flow on the TGSI subset virglrenderer
 * 0.10.4 accepts.
 *
 * The host refuses SWITCH/CASE/DEFAULT/ENDSWITCH and CONT ("failed to
 * convert opcode"), and has no subroutines, so everything is built from
 * UIF/ELSE/ENDIF and BGNLOOP/BRK/ENDLOOP:
 *   - a loop containing `continue` becomes an outer loop around a run-once
 *     inner loop; continue leaves the inner loop, break the outer one;
 *   - a switch becomes a run-once loop; each case label ORs "selector ==
 *     value" into a fall-through flag and the code up to the next label
 *     runs under UIF flag; default ORs "no case matches";
 *   - call/callc inline the label's body inside a run-once loop, and ret
 *     leaves that loop (main gets one too when it returns early), so the
 *     host's end-of-shader epilogue always runs.
 * A jump that must leave several TGSI loops stores (target loop + 1) in a
 * flag register and breaks; after each ENDLOOP it passed through, the flag
 * is cleared if that loop was the target, else the next loop is left too.
 */
#include "sm4/sm4_tgsi_priv.h"

enum loop_kind {
    LK_LOOP = 0,     /* SM4 loop without continue */
    LK_OUTER,        /* SM4 loop with continue: the repeating loop */
    LK_INNER,        /* ... and its run-once body */
    LK_SWITCH,
    LK_FUNC,         /* inlined subroutine */
    LK_MAIN,         /* main with an early ret */
};

static uint32_t jump_flag(struct tx *x)
{
    if (!x->jump_flag_used) {
        x->jump_flag_used = true;
        x->jump_flag = sm4_tx_perm_temp(x);
    }
    return x->jump_flag;
}

static int push_loop(struct tx *x, uint8_t kind, const struct sm4_insn *in)
{
    if (x->nloops >= MAX_DEPTH)
        return sm4_tx_fail(x, SM4_ERR_NESTING, in, "control flow nested too deeply");
    struct tx_loop *l = &x->loops[x->nloops++];
    l->kind = kind;
    l->pass = false;
    l->target = false;
    l->seg_open = false;
    l->nif_base = x->nif;
    return SM4_OK;
}

/* Closes the innermost TGSI loop and continues any pending multi-level jump. */
static void close_loop(struct tx *x)
{
    uint32_t d = --x->nloops;
    struct tx_loop l = x->loops[d];
    sm4_tx_line(x, "ENDLOOP");
    if (!l.pass && !l.target)
        return;
    uint32_t f = jump_flag(x), t = x->scr_base + NSCR - 1;
    if (l.target) {
        sm4_tx_line(x, "USEQ TEMP[%u].x, TEMP[%u].xxxx, IMM[%u].xxxx", t, f, sm4_tx_imm1(x, d + 1));
        sm4_tx_line(x, "UCMP TEMP[%u].x, TEMP[%u].xxxx, IMM[%u].xxxx, TEMP[%u].xxxx", f, t, sm4_tx_imm1(x, 0), f);
    }
    if (l.pass)
        sm4_tx_line(x, "UIF TEMP[%u].xxxx\nBRK\nENDIF", f);
}

/* Leaves TGSI loops up to and including index `target`. */
static int jump(struct tx *x, uint32_t target)
{
    if (target == x->nloops - 1) {
        sm4_tx_line(x, "BRK");
        return x->rc;
    }
    sm4_tx_line(x, "MOV TEMP[%u].x, IMM[%u].xxxx", jump_flag(x), sm4_tx_imm1(x, target + 1));
    x->loops[target].target = true;
    for (uint32_t i = target + 1; i < x->nloops; i++)
        x->loops[i].pass = true;
    sm4_tx_line(x, "BRK");
    return x->rc;
}

/* "UIF cond" for a _nz/_z test of one component. */
static int open_test(struct tx *x, const struct sm4_insn *in, const struct sm4_operand *cond)
{
    struct opstr c;
    static const uint8_t xxxx[4] = { 0, 0, 0, 0 };
    if (sm4_tx_src(x, cond, xxxx, true, 0, &c, in))
        return x->rc;
    if (in->test_nz) {
        sm4_tx_line(x, "UIF %s", c.s);
    } else {
        uint32_t t;
        if (sm4_tx_scratch(x, &t))
            return x->rc;
        sm4_tx_line(x, "USEQ TEMP[%u].x, %s, IMM[%u].xxxx", t, c.s, sm4_tx_imm1(x, 0));
        sm4_tx_line(x, "UIF TEMP[%u].xxxx", t);
    }
    return x->rc;
}

/* Index of the matching end (endloop/endswitch) of the construct at i. */
static uint32_t match_end(const struct tx *x, uint32_t i)
{
    uint32_t open = x->p->insns[i].opcode, close = open == SM4_OP_LOOP ? SM4_OP_ENDLOOP : SM4_OP_ENDSWITCH;
    int depth = 0;
    for (uint32_t k = i; k < x->p->ninsns; k++) {
        uint32_t op = x->p->insns[k].opcode;
        if (op == SM4_OP_LABEL)
            break;
        if (op == open)
            depth++;
        else if (op == close && --depth == 0)
            return k;
    }
    return x->p->ninsns;
}

/* Does the loop starting at i contain a continue that targets it? */
static bool loop_has_continue(const struct tx *x, uint32_t i)
{
    uint32_t end = match_end(x, i);
    int loops = 0;
    for (uint32_t k = i + 1; k < end; k++) {
        uint32_t op = x->p->insns[k].opcode;
        if (op == SM4_OP_LOOP)
            loops++;
        else if (op == SM4_OP_ENDLOOP)
            loops--;
        else if ((op == SM4_OP_CONTINUE || op == SM4_OP_CONTINUEC) && loops == 0)
            return true;
    }
    return false;
}

static int do_switch(struct tx *x, const struct sm4_insn *in, uint32_t idx)
{
    struct opstr c;
    static const uint8_t xxxx[4] = { 0, 0, 0, 0 };
    if (sm4_tx_src(x, &in->op[0], xxxx, true, 0, &c, in))
        return x->rc;
    uint32_t sel = sm4_tx_perm_temp(x), any = sm4_tx_perm_temp(x), t = x->scr_base + NSCR - 1;
    sm4_tx_line(x, "MOV TEMP[%u].x, %s", sel, c.s);
    sm4_tx_line(x, "MOV TEMP[%u].xy, IMM[%u].xxxx", any, sm4_tx_imm1(x, 0));
    /* any.x = some case matches (for default); any.y = fall-through flag */
    uint32_t end = match_end(x, idx);
    int depth = 0;
    for (uint32_t k = idx + 1; k < end; k++) {
        const struct sm4_insn *ci = &x->p->insns[k];
        if (ci->opcode == SM4_OP_SWITCH)
            depth++;
        else if (ci->opcode == SM4_OP_ENDSWITCH)
            depth--;
        else if (ci->opcode == SM4_OP_CASE && depth == 0) {
            if (ci->op[0].type != SM4_OT_IMM32)
                return sm4_tx_fail(x, SM4_ERR_OPERAND, ci, "case needs an immediate");
            sm4_tx_line(x, "USEQ TEMP[%u].x, TEMP[%u].xxxx, IMM[%u].xxxx", t, sel, sm4_tx_imm1(x, ci->op[0].imm[0]));
            sm4_tx_line(x, "OR TEMP[%u].x, TEMP[%u].xxxx, TEMP[%u].xxxx", any, any, t);
        }
    }
    if (push_loop(x, LK_SWITCH, in))
        return x->rc;
    x->loops[x->nloops - 1].sel = sel;
    x->loops[x->nloops - 1].any = any;
    sm4_tx_line(x, "BGNLOOP");
    return x->rc;
}

static int switch_label(struct tx *x, const struct sm4_insn *in)
{
    if (!x->nloops || x->loops[x->nloops - 1].kind != LK_SWITCH)
        return sm4_tx_fail(x, SM4_ERR_NESTING, in, "case/default outside switch");
    struct tx_loop *l = &x->loops[x->nloops - 1];
    if (x->nif != l->nif_base)
        return sm4_tx_fail(x, SM4_ERR_NESTING, in, "case label inside an if");
    if (l->seg_open)
        sm4_tx_line(x, "ENDIF");
    uint32_t t = x->scr_base + NSCR - 1;
    if (in->opcode == SM4_OP_CASE) {
        if (in->op[0].type != SM4_OT_IMM32)
            return sm4_tx_fail(x, SM4_ERR_OPERAND, in, "case needs an immediate");
        sm4_tx_line(x, "USEQ TEMP[%u].x, TEMP[%u].xxxx, IMM[%u].xxxx", t, l->sel, sm4_tx_imm1(x, in->op[0].imm[0]));
    } else {
        sm4_tx_line(x, "NOT TEMP[%u].x, TEMP[%u].xxxx", t, l->any);
    }
    sm4_tx_line(x, "OR TEMP[%u].y, TEMP[%u].yyyy, TEMP[%u].xxxx", l->any, l->any, t);
    sm4_tx_line(x, "UIF TEMP[%u].yyyy", l->any);
    l->seg_open = true;
    return x->rc;
}

static int innermost(const struct tx *x, bool for_continue)
{
    for (int32_t i = (int32_t)x->nloops - 1; i >= 0; i--) {
        uint8_t k = x->loops[i].kind;
        if (k == LK_FUNC || k == LK_MAIN)
            return -1;
        if (for_continue ? (k == LK_INNER) : (k == LK_LOOP || k == LK_OUTER || k == LK_SWITCH))
            return i;
        if (for_continue && k == LK_LOOP)
            return -1; /* loop_has_continue() missed it: cannot happen */
    }
    return -1;
}

static int emit_ret(struct tx *x, const struct sm4_insn *in)
{
    for (int32_t i = (int32_t)x->nloops - 1; i >= 0; i--)
        if (x->loops[i].kind == LK_FUNC || x->loops[i].kind == LK_MAIN)
            return jump(x, (uint32_t)i);
    return sm4_tx_fail(x, SM4_ERR_NESTING, in, "ret outside any body");
}

uint32_t sm4_tx_body_end(const struct tx *x, uint32_t start)
{
    uint32_t i = start;
    while (i < x->p->ninsns && x->p->insns[i].opcode != SM4_OP_LABEL)
        i++;
    return i;
}

int sm4_tx_wrapped_body(struct tx *x, uint32_t start, uint32_t end, bool is_main, const struct sm4_insn *in)
{
    uint32_t depth = x->nloops, nif = x->nif;
    x->nif = 0;
    if (push_loop(x, is_main ? LK_MAIN : LK_FUNC, in))
        return x->rc;
    sm4_tx_line(x, "BGNLOOP");
    if (sm4_tx_translate_range(x, start, end))
        return x->rc;
    if (x->nloops != depth + 1 || x->nif)
        return sm4_tx_fail(x, SM4_ERR_NESTING, in, "unbalanced if/loop/switch in a body");
    sm4_tx_line(x, "BRK");
    close_loop(x);
    x->nif = nif;
    return x->rc;
}

static int do_call(struct tx *x, const struct sm4_insn *in, const struct sm4_operand *label)
{
    if (label->type != SM4_OT_LABEL || label->dim != 1 || label->idx[0].has_rel)
        return sm4_tx_fail(x, SM4_ERR_OPERAND, in, "call needs a label operand");
    uint32_t id = label->idx[0].imm, target = 0xffffffff;
    for (uint32_t i = 0; i < x->p->ninsns; i++) {
        const struct sm4_insn *l = &x->p->insns[i];
        if (l->opcode == SM4_OP_LABEL && l->op[0].type == SM4_OT_LABEL && l->op[0].dim == 1 &&
            l->op[0].idx[0].imm == id) {
            target = i;
            break;
        }
    }
    if (target == 0xffffffff)
        return sm4_tx_fail(x, SM4_ERR_LABEL, in, "call to an undefined label");
    if (x->inline_level >= MAX_INLINE)
        return sm4_tx_fail(x, SM4_ERR_LABEL, in, "calls nested too deeply");
    for (uint32_t i = 1; i <= x->inline_level; i++)
        if (x->inline_stack[i] == target)
            return sm4_tx_fail(x, SM4_ERR_LABEL, in, "recursive call");
    x->inline_level++;
    x->inline_stack[x->inline_level] = target;
    sm4_tx_wrapped_body(x, target + 1, sm4_tx_body_end(x, target + 1), false, in);
    x->inline_level--;
    return x->rc;
}

int sm4_tx_flow(struct tx *x, const struct sm4_insn *in, uint32_t idx)
{
    int32_t k;
    switch (in->opcode) {
    case SM4_OP_IF:
        if (open_test(x, in, &in->op[0]))
            return x->rc;
        x->nif++;
        return SM4_OK;
    case SM4_OP_ELSE:
    case SM4_OP_ENDIF:
        if (!x->nif || (x->nloops && x->nif <= x->loops[x->nloops - 1].nif_base))
            return sm4_tx_fail(x, SM4_ERR_NESTING, in, "else/endif without if");
        if (in->opcode == SM4_OP_ENDIF)
            x->nif--;
        sm4_tx_line(x, in->opcode == SM4_OP_ELSE ? "ELSE" : "ENDIF");
        return x->rc;
    case SM4_OP_LOOP:
        if (loop_has_continue(x, idx)) {
            if (push_loop(x, LK_OUTER, in) || push_loop(x, LK_INNER, in))
                return x->rc;
            sm4_tx_line(x, "BGNLOOP\nBGNLOOP");
        } else {
            if (push_loop(x, LK_LOOP, in))
                return x->rc;
            sm4_tx_line(x, "BGNLOOP");
        }
        return x->rc;
    case SM4_OP_ENDLOOP: {
        if (!x->nloops)
            return sm4_tx_fail(x, SM4_ERR_NESTING, in, "endloop without loop");
        uint8_t kind = x->loops[x->nloops - 1].kind;
        if ((kind != LK_LOOP && kind != LK_INNER) || x->nif != x->loops[x->nloops - 1].nif_base)
            return sm4_tx_fail(x, SM4_ERR_NESTING, in, "endloop does not close a loop");
        if (kind == LK_INNER) {
            sm4_tx_line(x, "BRK");
            close_loop(x);
        }
        close_loop(x);
        return x->rc;
    }
    case SM4_OP_SWITCH:
        return do_switch(x, in, idx);
    case SM4_OP_CASE:
    case SM4_OP_DEFAULT:
        return switch_label(x, in);
    case SM4_OP_ENDSWITCH: {
        if (!x->nloops || x->loops[x->nloops - 1].kind != LK_SWITCH ||
            x->nif != x->loops[x->nloops - 1].nif_base)
            return sm4_tx_fail(x, SM4_ERR_NESTING, in, "endswitch does not close a switch");
        if (x->loops[x->nloops - 1].seg_open)
            sm4_tx_line(x, "ENDIF");
        sm4_tx_line(x, "BRK");
        close_loop(x);
        return x->rc;
    }
    case SM4_OP_BREAK:
    case SM4_OP_BREAKC:
    case SM4_OP_CONTINUE:
    case SM4_OP_CONTINUEC: {
        bool is_cont = in->opcode == SM4_OP_CONTINUE || in->opcode == SM4_OP_CONTINUEC;
        bool cond = in->opcode == SM4_OP_BREAKC || in->opcode == SM4_OP_CONTINUEC;
        k = innermost(x, is_cont);
        if (k < 0)
            return sm4_tx_fail(x, SM4_ERR_NESTING, in, "break/continue outside loop or switch");
        if (cond && open_test(x, in, &in->op[0]))
            return x->rc;
        jump(x, (uint32_t)k);
        if (cond)
            sm4_tx_line(x, "ENDIF");
        return x->rc;
    }
    case SM4_OP_DISCARD:
        if (x->p->type != SM4_PS)
            return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "discard outside a pixel shader");
        if (open_test(x, in, &in->op[0]))
            return x->rc;
        sm4_tx_line(x, "KILL\nENDIF");
        return x->rc;
    case SM4_OP_RET:
        return emit_ret(x, in);
    case SM4_OP_RETC:
        if (open_test(x, in, &in->op[0]))
            return x->rc;
        emit_ret(x, in);
        sm4_tx_line(x, "ENDIF");
        return x->rc;
    case SM4_OP_CALL:
        return do_call(x, in, &in->op[0]);
    case SM4_OP_CALLC:
        if (open_test(x, in, &in->op[0]))
            return x->rc;
        do_call(x, in, &in->op[1]);
        sm4_tx_line(x, "ENDIF");
        return x->rc;
    case SM4_OP_LABEL:
        return sm4_tx_fail(x, SM4_ERR_LABEL, in, "label inside a body");
    case SM4_OP_EMIT:
    case SM4_OP_CUT:
    case SM4_OP_EMITTHENCUT:
        if (x->p->type != SM4_GS)
            return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "emit/cut outside a geometry shader");
        if (in->opcode != SM4_OP_CUT) {
            sm4_tx_copy_outputs(x);
            sm4_tx_line(x, "EMIT IMM[%u].xxxx", sm4_tx_imm1(x, 0));
        }
        if (in->opcode != SM4_OP_EMIT)
            sm4_tx_line(x, "ENDPRIM IMM[%u].xxxx", sm4_tx_imm1(x, 0));
        return x->rc;
    default:
        return sm4_tx_fail(x, SM4_ERR_UNSUPPORTED, in, "flow control opcode");
    }
}
