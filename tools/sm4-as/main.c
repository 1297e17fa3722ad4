/*
 * sm4-as — assembles SM4 assembly (the language sm4-dis prints, which is
 * fxc's listing syntax, and Wine's D3DDisassemble listings) into a DXBC
 * container with ISGN/OSGN signature chunks, SHDR and a correct checksum.
 *
 *   sm4-as IN.asm OUT.dxbc
 *   sm4-as --tokens IN.asm OUT.bin     raw SHDR tokens, no container
 *
 * Signatures are given by directives (comments elsewhere are ignored):
 *   .input  NAME INDEX REG MASK TYPE [used=MASK] [sv=N]
 *   .output NAME INDEX REG MASK TYPE [used=MASK] [sv=N]
 * TYPE is float, uint or int; sv defaults from the name (SV_Position ...).
 *
 * Encoding: a source with one component letter (".x") is encoded in
 * select-1 mode, four letters in swizzle mode (so sm4-dis -> sm4-as is
 * exact for any container), destinations and declarations in mask mode.
 * Wine's listings print a replicated swizzle as ".x" too, so corpus
 * sources write scalars as ".x" to make assemble -> D3DDisassemble ->
 * assemble give identical tokens.  Exit status 0, or 1
 * with "FILE:LINE: message" on stderr.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sm4/sm4.h"

static const char *g_file;
static int g_line;

static void die(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s:%d: ", g_file, g_line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

/* ---- output token buffer ---- */
static uint32_t *tok;
static uint32_t ntok, captok;

static void emit(uint32_t v)
{
    if (ntok == captok) {
        captok = captok ? captok * 2 : 1024;
        tok = realloc(tok, captok * 4);
    }
    tok[ntok++] = v;
}

/* ---- signatures ---- */
struct sig {
    char name[64];
    uint32_t idx, reg, sv, type;
    uint8_t mask, used;
};
static struct sig sigs[2][32];
static uint32_t nsig[2];

static uint8_t parse_mask(const char *s)
{
    uint8_t m = 0;
    if (!strcmp(s, "none"))
        return 0;
    for (; *s; s++) {
        const char *p = strchr("xyzw", *s);
        if (!p)
            die("bad component mask '%s'", s);
        m |= (uint8_t)(1 << (p - "xyzw"));
    }
    return m;
}

static uint32_t sv_from_name(const char *n, bool out)
{
    static const struct { const char *n; uint32_t v; } t[] = {
        { "SV_Position", 1 }, { "SV_ClipDistance", 2 }, { "SV_CullDistance", 3 },
        { "SV_RenderTargetArrayIndex", 4 }, { "SV_ViewportArrayIndex", 5 }, { "SV_VertexID", 6 },
        { "SV_PrimitiveID", 7 }, { "SV_InstanceID", 8 }, { "SV_IsFrontFace", 9 },
        { "SV_SampleIndex", 10 }, { "SV_Target", 64 }, { "SV_Depth", 65 }, { "SV_Coverage", 66 },
    };
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
        if (!strcasecmp(n, t[i].n))
            return (t[i].v == 64 || t[i].v == 65) && !out ? 0 : t[i].v;
    return 0;
}

static void parse_sig(char *line, int dir)
{
    char name[64], mask[8], type[16];
    unsigned idx, reg;
    int n = 0;
    if (sscanf(line, "%63s %u %u %7s %15s%n", name, &idx, &reg, mask, type, &n) != 5)
        die("signature directive needs NAME INDEX REG MASK TYPE");
    if (nsig[dir] >= 32)
        die("too many signature elements");
    struct sig *s = &sigs[dir][nsig[dir]++];
    snprintf(s->name, sizeof(s->name), "%s", name);
    s->idx = idx;
    s->reg = reg;
    s->mask = parse_mask(mask);
    s->used = dir ? 0 : s->mask;
    s->type = !strcmp(type, "uint") ? 1 : !strcmp(type, "int") ? 2 : 3;
    s->sv = sv_from_name(name, dir == 1);
    char *p = line + n, w[32];
    int k;
    while (sscanf(p, "%31s%n", w, &k) == 1) {
        p += k;
        if (!strncmp(w, "used=", 5))
            s->used = parse_mask(w + 5);
        else if (!strncmp(w, "sv=", 3))
            s->sv = (uint32_t)strtoul(w + 3, NULL, 0);
        else
            die("unknown signature attribute '%s'", w);
    }
}

/* ---- lexing helpers ---- */
static char *skip(char *p)
{
    while (*p && isspace((unsigned char)*p))
        p++;
    return p;
}

/* Splits "a, b(c, d), e[f, g]" at top-level commas. */
static int split_ops(char *s, char **out, int max)
{
    int n = 0, depth = 0;
    char *start = s;
    for (char *p = s;; p++) {
        if (*p == '(' || *p == '[' || *p == '{')
            depth++;
        else if (*p == ')' || *p == ']' || *p == '}')
            depth--;
        if ((*p == ',' && depth == 0) || !*p) {
            bool end = !*p;
            *p = 0;
            char *t = skip(start);
            size_t l = strlen(t);
            while (l && isspace((unsigned char)t[l - 1]))
                t[--l] = 0;
            if (*t) {
                if (n == max)
                    die("too many operands");
                out[n++] = t;
            }
            if (end)
                break;
            start = p + 1;
        }
    }
    return n;
}

static uint32_t parse_value(const char *s, bool float_ctx)
{
    char *end;
    while (isspace((unsigned char)*s))
        s++;
    if (!strncasecmp(s, "0x", 2) || !strncasecmp(s, "-0x", 3)) {
        bool neg = *s == '-';
        uint32_t v = (uint32_t)strtoul(s + (neg ? 1 : 0), &end, 16);
        return neg ? (uint32_t)-v : v;
    }
    bool is_float = strpbrk(s, ".eE") || strstr(s, "inf") || strstr(s, "nan") || strstr(s, "INF");
    if (is_float) {
        union { float f; uint32_t u; } v;
        v.f = strtof(s, &end);
        return v.u;
    }
    (void)float_ctx;
    long long v = strtoll(s, &end, 10);
    if (end == s)
        die("bad number '%s'", s);
    return (uint32_t)v;
}

/* ---- operands ---- */
struct operand {
    uint32_t words[16];
    uint32_t n;
};

enum { CTX_SRC, CTX_DST, CTX_DCL };

static void op_push(struct operand *o, uint32_t v)
{
    if (o->n >= 16)
        die("operand too long");
    o->words[o->n++] = v;
}

/* Parses "[expr]" or a bare number; returns representation and fills o. */
static uint32_t parse_index(char *s, struct operand *o, uint32_t *rel_words, uint32_t *nrel)
{
    s = skip(s);
    if (isdigit((unsigned char)*s)) {
        op_push(o, (uint32_t)strtoul(s, NULL, 10));
        return 0;
    }
    /* relative: REG.c [+ N] */
    char *plus = strchr(s, '+');
    uint32_t imm = 0;
    bool has_imm = false;
    if (plus) {
        *plus = 0;
        imm = (uint32_t)strtoul(skip(plus + 1), NULL, 10);
        has_imm = true;
    }
    char *t = skip(s);
    size_t l = strlen(t);
    while (l && isspace((unsigned char)t[l - 1]))
        t[--l] = 0;
    struct operand r = { .n = 0 };
    char *dot = strrchr(t, '.');
    if (!dot || strlen(dot) != 2)
        die("relative index must be REG.c: '%s'", t);
    uint32_t c = (uint32_t)(strchr("xyzw", dot[1]) - "xyzw");
    *dot = 0;
    uint32_t type, dim;
    if (t[0] == 'r') {
        type = SM4_OT_TEMP;
        dim = 1;
        uint32_t tokv = 2 | (2u << 2) | (c << 4) | (type << 12) | (dim << 20);
        op_push(&r, tokv);
        op_push(&r, (uint32_t)strtoul(t + 1, NULL, 10));
    } else if (t[0] == 'x') {
        unsigned a, b;
        if (sscanf(t, "x%u[%u]", &a, &b) != 2)
            die("bad x# relative index '%s'", t);
        type = SM4_OT_INDEXABLE_TEMP;
        dim = 2;
        uint32_t tokv = 2 | (2u << 2) | (c << 4) | (type << 12) | (dim << 20);
        op_push(&r, tokv);
        op_push(&r, a);
        op_push(&r, b);
    } else {
        die("relative index register must be r# or x#[n]: '%s'", t);
    }
    if (has_imm)
        op_push(o, imm);
    for (uint32_t i = 0; i < r.n; i++)
        rel_words[(*nrel)++] = r.words[i];
    return has_imm ? 3 : 2;
}

static void parse_operand(char *s, int ctx, bool float_imm, struct operand *o)
{
    o->n = 0;
    s = skip(s);
    uint32_t mod = 0;
    if (*s == '-') {
        mod |= 1;
        s = skip(s + 1);
    }
    if (*s == '|') {
        mod |= 2;
        s++;
        char *bar = strrchr(s, '|');
        if (!bar)
            die("unbalanced |");
        *bar = 0;
    }
    if (!strncmp(s, "l(", 2)) {
        char *close = strrchr(s, ')');
        if (!close)
            die("unbalanced l(");
        *close = 0;
        char *vals[4];
        int n = split_ops(s + 2, vals, 4);
        if (n != 1 && n != 4)
            die("immediate needs 1 or 4 values");
        uint32_t t = (n == 1 ? 1u : 2u) | ((uint32_t)SM4_OT_IMM32 << 12);
        if (mod)
            t |= 1u << 31;
        op_push(o, t);
        if (mod)
            op_push(o, 1 | (mod << 6));
        for (int i = 0; i < n; i++)
            op_push(o, parse_value(vals[i], float_imm));
        return;
    }
    /* split off the component suffix: the last '.' after any ']' */
    char comps[8] = "";
    char *lastb = strrchr(s, ']');
    char *dot = strrchr(lastb ? lastb : s, '.');
    if (dot) {
        snprintf(comps, sizeof(comps), "%s", dot + 1);
        *dot = 0;
    }
    uint32_t type, ncomp = 2, dim = 0;
    char *idx[3];
    int nidx = 0;
    char name[16];
    int k = 0;
    while (s[k] && (isalpha((unsigned char)s[k])) && k < 15) {
        name[k] = s[k];
        k++;
    }
    name[k] = 0;
    char *p = s + k;
    /* the first index may follow the name directly (r3, cb0[...]) */
    static char numbuf[3][96];
    if (isdigit((unsigned char)*p)) {
        int m = 0;
        while (isdigit((unsigned char)p[m]) && m < 90) {
            numbuf[0][m] = p[m];
            m++;
        }
        numbuf[0][m] = 0;
        idx[nidx++] = numbuf[0];
        p += m;
    }
    while (*p == '[') {
        char *close = p + 1;
        int depth = 1;
        while (*close && depth) {
            if (*close == '[')
                depth++;
            else if (*close == ']')
                depth--;
            if (depth)
                close++;
        }
        if (!*close)
            die("unbalanced [");
        *close = 0;
        if (nidx == 3)
            die("too many indices");
        snprintf(numbuf[nidx], sizeof(numbuf[0]), "%s", p + 1);
        idx[nidx] = numbuf[nidx];
        nidx++;
        p = close + 1;
    }
    if (*skip(p))
        die("junk after operand: '%s'", p);
    if (!strcmp(name, "r"))
        type = SM4_OT_TEMP;
    else if (!strcmp(name, "v"))
        type = SM4_OT_INPUT;
    else if (!strcmp(name, "o"))
        type = SM4_OT_OUTPUT;
    else if (!strcmp(name, "x"))
        type = SM4_OT_INDEXABLE_TEMP;
    else if (!strcmp(name, "s"))
        type = SM4_OT_SAMPLER, ncomp = 0;
    else if (!strcmp(name, "t"))
        type = SM4_OT_RESOURCE, ncomp = ctx == CTX_DCL ? 0 : 2;
    else if (!strcmp(name, "cb"))
        type = SM4_OT_CONSTANT_BUFFER;
    else if (!strcmp(name, "icb"))
        type = SM4_OT_IMM_CONSTANT_BUFFER;
    else if (!strcmp(name, "l"))
        type = SM4_OT_LABEL, ncomp = 0;
    else if (!strcmp(name, "vPrim") || !strcmp(name, "primID")) /* primID: Wine's spelling */
        type = SM4_OT_INPUT_PRIMITIVEID, ncomp = 1;
    else if (!strcmp(name, "oDepth"))
        type = SM4_OT_OUTPUT_DEPTH, ncomp = 1;
    else if (!strcmp(name, "oMask"))
        type = SM4_OT_OUTPUT_COVERAGE_MASK, ncomp = 1;
    else if (!strcmp(name, "null"))
        type = SM4_OT_NULL, ncomp = 0;
    else if (!strcmp(name, "rasterizer"))
        type = SM4_OT_RASTERIZER;
    else
        die("unknown register '%s'", name);
    dim = (uint32_t)nidx;
    uint32_t t = 0;
    if (ncomp == 2) {
        uint32_t len = (uint32_t)strlen(comps);
        uint32_t c[4];
        for (uint32_t i = 0; i < len; i++) {
            const char *q = strchr("xyzw", comps[i]);
            if (!q || !comps[i])
                die("bad components '.%s'", comps);
            c[i] = (uint32_t)(q - "xyzw");
        }
        if (ctx != CTX_SRC) {
            uint32_t m = len ? parse_mask(comps) : (ctx == CTX_DCL ? 0xfu : 0xfu);
            t = 2 | (0u << 2) | (m << 4);
        } else if (len == 0) {
            t = 2 | (1u << 2) | (0xe4u << 4);
        } else {
            if (len != 1 && len != 4)
                die("source swizzle needs 1 or 4 components: '.%s'", comps);
            if (len == 1) {
                t = 2 | (2u << 2) | (c[0] << 4);
            } else {
                uint32_t sw = c[0] | c[1] << 2 | c[2] << 4 | c[3] << 6;
                t = 2 | (1u << 2) | (sw << 4);
            }
        }
    } else if (ncomp == 1) {
        t = 1;
    } else {
        t = 0;
        if (comps[0] && type != SM4_OT_RESOURCE)
            die("register has no components");
    }
    t |= type << 12;
    t |= dim << 20;
    uint32_t rel[3][8], nrel[3] = { 0, 0, 0 };
    struct operand ix = { .n = 0 };
    uint32_t reps[3] = { 0, 0, 0 };
    uint32_t ixw[3][4], ixn[3];
    for (int i = 0; i < nidx; i++) {
        ix.n = 0;
        reps[i] = parse_index(idx[i], &ix, rel[i], &nrel[i]);
        ixn[i] = ix.n;
        memcpy(ixw[i], ix.words, ix.n * 4);
        t |= reps[i] << (22 + 3 * i);
    }
    if (mod)
        t |= 1u << 31;
    op_push(o, t);
    if (mod)
        op_push(o, 1 | (mod << 6));
    for (int i = 0; i < nidx; i++) {
        for (uint32_t w = 0; w < ixn[i]; w++)
            op_push(o, ixw[i][w]);
        for (uint32_t w = 0; w < nrel[i]; w++)
            op_push(o, rel[i][w]);
    }
}

/* ---- instructions ---- */
static int find_opcode(const char *name)
{
    /* spellings Wine's D3DDisassemble (vkd3d-shader) uses */
    static const struct { const char *alias; int op; } aliases[] = {
        { "dsx", SM4_OP_DERIV_RTX }, { "dsy", SM4_OP_DERIV_RTY }, { "texkill", SM4_OP_DISCARD },
        { "breakp", SM4_OP_BREAKC }, { "retp", SM4_OP_RETC }, { "continuep", SM4_OP_CONTINUEC },
        { "callp", SM4_OP_CALLC }, { "dcl_maxOutputVertexCount", SM4_OP_DCL_MAX_OUTPUT_VERTEX_COUNT },
        { "sample_pos", SM4_OP_SAMPLE_POS }, { "sample_info", SM4_OP_SAMPLE_INFO },
        { "dcl_index_range", SM4_OP_DCL_INDEX_RANGE }, { "ld2dms", SM4_OP_LD_MS },
    };
    for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
        if (!strcasecmp(aliases[i].alias, name))
            return aliases[i].op;
    for (uint32_t i = 0; i < SM4_OP_COUNT; i++) {
        const struct sm4_opinfo *oi = sm4_opinfo(i);
        if (oi && !strcasecmp(oi->name, name))
            return (int)i;
    }
    return -1;
}

static void emit_insn(uint32_t t0, const uint32_t *extra, uint32_t nextra, struct operand *ops, int nops,
                      const uint32_t *tail, uint32_t ntail)
{
    uint32_t len = 1 + nextra + ntail;
    for (int i = 0; i < nops; i++)
        len += ops[i].n;
    if (len > 127)
        die("instruction longer than 127 dwords");
    emit(t0 | len << 24);
    for (uint32_t i = 0; i < nextra; i++)
        emit(extra[i]);
    for (int i = 0; i < nops; i++)
        for (uint32_t w = 0; w < ops[i].n; w++)
            emit(ops[i].words[w]);
    for (uint32_t i = 0; i < ntail; i++)
        emit(tail[i]);
}

static const char *const names[] = {
    "undefined", "position", "clip_distance", "cull_distance", "rendertarget_array_index",
    "viewport_array_index", "vertex_id", "primitive_id", "instance_id", "is_front_face",
    "sampleIndex",
};

static uint32_t parse_sysname(const char *s)
{
    for (uint32_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (!strcasecmp(s, names[i]))
            return i;
    if (isdigit((unsigned char)*s))
        return (uint32_t)strtoul(s, NULL, 0);
    die("unknown system value '%s'", s);
    return 0;
}

static uint32_t lookup(const char *s, const char *const *tab, uint32_t n, const char *what)
{
    for (uint32_t i = 0; i < n; i++)
        if (tab[i] && !strcasecmp(s, tab[i]))
            return i;
    die("unknown %s '%s'", what, s);
    return 0;
}

static void assemble_dcl(int opc, const char *mn, char *args)
{
    char *ops[8];
    struct operand o[2];
    uint32_t t0 = (uint32_t)opc, tail[4];
    static const char *const dims[] = {
        NULL, "buffer", "texture1d", "texture2d", "texture2dms", "texture3d", "texturecube",
        "texture1darray", "texture2darray", "texture2dmsarray", "texturecubearray",
    };
    static const char *const rets[] = { NULL, "unorm", "snorm", "sint", "uint", "float", "mixed",
                                        "double", "continued", "unused" };
    static const char *const prims[] = { NULL, "point", "line", "triangle", NULL, NULL, "lineadj",
                                         "triangleadj" };
    static const char *const prims_vkd3d[] = { NULL, "pointlist", "linelist", "trianglelist", NULL, NULL,
                                               "linelistadj", "trianglelistadj" };
    static const char *const topos[] = { NULL, "pointlist", "linelist", "linestrip",
                                         "trianglelist", "trianglestrip" };
    switch (opc) {
    case SM4_OP_DCL_TEMPS:
    case SM4_OP_DCL_MAX_OUTPUT_VERTEX_COUNT:
        tail[0] = (uint32_t)strtoul(skip(args), NULL, 10);
        emit_insn(t0, NULL, 0, NULL, 0, tail, 1);
        return;
    case SM4_OP_DCL_INDEXABLE_TEMP: {
        unsigned a, b, c;
        if (sscanf(args, " x%u[%u], %u", &a, &b, &c) != 3)
            die("dcl_indexableTemp xN[size], components");
        tail[0] = a;
        tail[1] = b;
        tail[2] = c;
        emit_insn(t0, NULL, 0, NULL, 0, tail, 3);
        return;
    }
    case SM4_OP_DCL_GLOBAL_FLAGS: {
        char *a = skip(args);
        uint32_t f = !strncmp(a, "refactoringAllowed", 18) ? 1 : (uint32_t)strtoul(a, NULL, 0);
        emit_insn(t0 | f << 11, NULL, 0, NULL, 0, NULL, 0);
        return;
    }
    case SM4_OP_DCL_GS_INPUT_PRIMITIVE: {
        uint32_t pv = 0;
        for (uint32_t i = 1; i < 8; i++)
            if ((prims[i] && !strcasecmp(skip(args), prims[i])) ||
                (prims_vkd3d[i] && !strcasecmp(skip(args), prims_vkd3d[i])))
                pv = i;
        if (!pv)
            die("unknown input primitive '%s'", skip(args));
        t0 |= pv << 11;
        emit_insn(t0, NULL, 0, NULL, 0, NULL, 0);
        return;
    }
    case SM4_OP_DCL_GS_OUTPUT_TOPOLOGY:
        t0 |= lookup(skip(args), topos, 6, "output topology") << 11;
        emit_insn(t0, NULL, 0, NULL, 0, NULL, 0);
        return;
    case SM4_OP_DCL_CONSTANT_BUFFER: {
        int n = split_ops(args, ops, 8);
        if (n != 2)
            die("dcl_constantbuffer cbN[size], immediateIndexed|dynamicIndexed");
        char *d = strstr(ops[0], "].");
        if (d)
            d[1] = 0; /* "cb0[4].xyzw" -> "cb0[4]" */
        parse_operand(ops[0], CTX_SRC, false, &o[0]);
        if (!strcasecmp(ops[1], "dynamicIndexed"))
            t0 |= 1u << 11;
        else if (strcasecmp(ops[1], "immediateIndexed"))
            die("unknown constant buffer access '%s'", ops[1]);
        emit_insn(t0, NULL, 0, o, 1, NULL, 0);
        return;
    }
    case SM4_OP_DCL_SAMPLER: {
        static const char *const modes[] = { "mode_default", "mode_comparison", "mode_mono" };
        int n = split_ops(args, ops, 8);
        if (n != 1 && n != 2)
            die("dcl_sampler sN[, mode]");
        parse_operand(ops[0], CTX_DCL, false, &o[0]);
        static const char *const modes_wine[] = { "default", "comparisonMode", "monoMode" };
        if (n == 2) { /* no mode (Wine's listing) = mode_default */
            uint32_t m = 3;
            for (uint32_t i = 0; i < 3; i++)
                if (!strcasecmp(ops[1], modes[i]) || !strcasecmp(ops[1], modes_wine[i]))
                    m = i;
            if (m == 3)
                die("unknown sampler mode '%s'", ops[1]);
            t0 |= m << 11;
        }
        emit_insn(t0, NULL, 0, o, 1, NULL, 0);
        return;
    }
    case SM4_OP_DCL_INDEX_RANGE: {
        int n = split_ops(args, ops, 8);
        if (n == 1) { /* Wine: "dcl_index_range v1.xyzw 3" */
            char *sp = strrchr(ops[0], ' ');
            if (sp) {
                *sp = 0;
                ops[1] = sp + 1;
                n = 2;
            }
        }
        if (n != 2)
            die("dcl_indexrange REG, count");
        parse_operand(ops[0], CTX_DCL, false, &o[0]);
        tail[0] = (uint32_t)strtoul(ops[1], NULL, 10);
        emit_insn(t0, NULL, 0, o, 1, tail, 1);
        return;
    }
    case SM4_OP_DCL_RESOURCE: {
        /* mn = dcl_resource_texture2d[(N)] ; args = (float,float,float,float) tN */
        const char *d = mn + strlen("dcl_resource_");
        char dn[32];
        unsigned samples = 0;
        snprintf(dn, sizeof(dn), "%s", d);
        char *par = strchr(dn, '(');
        if (par) {
            samples = (unsigned)strtoul(par + 1, NULL, 10);
            *par = 0;
        }
        t0 |= lookup(dn, dims, 11, "resource dimension") << 11;
        t0 |= (samples & 0x7f) << 16;
        char *a = skip(args);
        if (*a != '(')
            die("dcl_resource needs (type,type,type,type)");
        char *close = strchr(a, ')');
        if (!close)
            die("unbalanced (");
        *close = 0;
        char *rt[4];
        int n = split_ops(a + 1, rt, 4);
        if (n != 4)
            die("dcl_resource needs four return types");
        uint32_t ret = 0;
        for (int i = 0; i < 4; i++)
            ret |= lookup(rt[i], rets, 10, "return type") << (4 * i);
        parse_operand(close + 1, CTX_DCL, false, &o[0]);
        tail[0] = ret;
        emit_insn(t0, NULL, 0, o, 1, tail, 1);
        return;
    }
    default:
        break;
    }
    /* inputs/outputs: [interpolation words] REG[, name] */
    char *a = skip(args);
    if (opc >= SM4_OP_DCL_INPUT_PS && opc <= SM4_OP_DCL_INPUT_PS_SIV) {
        static const char *const modes[] = {
            "constant", "linear", "linear centroid", "linear noperspective",
            "linear noperspective centroid", "linear sample", "linear noperspective sample",
        };
        /* the register starts at the first v/o token */
        char *reg = a;
        while (*reg && !(reg[0] == 'v' && (isdigit((unsigned char)reg[1]) || reg[1] == '[' ||
                                           !strncmp(reg, "vPrim", 5))))
            reg++;
        if (reg > a) {
            char mode[64];
            size_t l = (size_t)(reg - a);
            if (l >= sizeof(mode))
                die("bad interpolation");
            memcpy(mode, a, l);
            mode[l] = 0;
            while (l && isspace((unsigned char)mode[l - 1]))
                mode[--l] = 0;
            /* vkd3d spells these with underscores */
            for (char *c = mode; *c; c++)
                if (*c == '_')
                    *c = ' ';
            t0 |= (lookup(mode, modes, 7, "interpolation mode") + 1) << 11;
        }
        a = reg;
    }
    int n = split_ops(a, ops, 8);
    bool named = opc == SM4_OP_DCL_INPUT_SGV || opc == SM4_OP_DCL_INPUT_SIV ||
                 opc == SM4_OP_DCL_INPUT_PS_SGV || opc == SM4_OP_DCL_INPUT_PS_SIV ||
                 opc == SM4_OP_DCL_OUTPUT_SGV || opc == SM4_OP_DCL_OUTPUT_SIV;
    if (n != (named ? 2 : 1))
        die("%s: wrong operand count", mn);
    parse_operand(ops[0], CTX_DCL, false, &o[0]);
    if (named)
        tail[0] = parse_sysname(ops[1]);
    emit_insn(t0, NULL, 0, o, 1, tail, named ? 1 : 0);
}

static void assemble_icb(char *body)
{
    /* { { a, b, c, d }, { ... } } */
    char *p = strchr(body, '{');
    if (!p)
        die("dcl_immediateConstantBuffer needs { ... }");
    p++;
    uint32_t vals[4096 * 4], n = 0;
    for (;;) {
        p = skip(p);
        if (*p == '}')
            break;
        if (*p == ',') {
            p++;
            continue;
        }
        if (*p != '{')
            die("bad immediate constant buffer row");
        char *close = strchr(p, '}');
        if (!close)
            die("unbalanced { in immediate constant buffer");
        *close = 0;
        char *v[4];
        if (split_ops(p + 1, v, 4) != 4)
            die("immediate constant buffer rows need 4 values");
        if (n + 4 > sizeof(vals) / 4)
            die("immediate constant buffer too big");
        for (int i = 0; i < 4; i++)
            vals[n++] = parse_value(v[i], true);
        p = close + 1;
    }
    emit(SM4_OP_CUSTOMDATA | 3u << 11);
    emit(n + 2);
    for (uint32_t i = 0; i < n; i++)
        emit(vals[i]);
}

static void assemble_line(char *line)
{
    char *p = skip(line);
    char mn[96];
    int k = 0;
    while (p[k] && !isspace((unsigned char)p[k]) && k < 95) {
        mn[k] = p[k];
        k++;
    }
    mn[k] = 0;
    /* dcl_resource_texture2dms (4) ... keeps "(4)" glued in fxc output */
    char *args = p + k;
    if (!strncmp(mn, "dcl_resource_", 13)) {
        /* Wine glues the return types on: dcl_resource_texture2d(float,...) */
        char *par = strchr(mn, '(');
        while (par && isdigit((unsigned char)par[1]))
            par = strchr(par + 1, '(');
        if (par) {
            args = p + (par - mn);
            *par = 0;
        }
        assemble_dcl(SM4_OP_DCL_RESOURCE, mn, args);
        return;
    }
    if (!strcasecmp(mn, "dcl_immediateConstantBuffer")) {
        assemble_icb(args);
        return;
    }
    /* strip suffixes until the mnemonic is known */
    uint32_t t0 = 0, ext[2], next = 0;
    char base[96];
    snprintf(base, sizeof(base), "%s", mn);
    char *ao = strstr(base, "_aoffimmi(");
    if (!ao)
        ao = strchr(base, '('); /* Wine: ld(1,-1,0) */
    if (ao) {
        int u, v, w;
        if (sscanf(ao, "_aoffimmi(%d,%d,%d)", &u, &v, &w) != 3 && sscanf(ao, "(%d,%d,%d)", &u, &v, &w) != 3)
            die("bad texel offset '%s'", ao);
        ext[next++] = 1 | ((uint32_t)u & 0xf) << 9 | ((uint32_t)v & 0xf) << 13 | ((uint32_t)w & 0xf) << 17;
        char *close = strchr(ao, ')');
        memmove(ao, close + 1, strlen(close + 1) + 1);
    }
    int opc;
    bool sat = false;
    int guard = 0;
    while ((opc = find_opcode(base)) < 0 && guard++ < 4) {
        size_t l = strlen(base);
        if (l > 4 && !strcmp(base + l - 4, "_sat")) {
            sat = true;
            base[l - 4] = 0;
        } else if (l > 3 && !strcmp(base + l - 3, "_nz")) {
            t0 |= 1u << 18;
            base[l - 3] = 0;
        } else if (l > 2 && !strcmp(base + l - 2, "_z")) {
            base[l - 2] = 0;
        } else if (l > 5 && !strcmp(base + l - 5, "_uint")) {
            t0 |= (strncmp(base, "resinfo", 7) ? 1u : 2u) << 11;
            base[l - 5] = 0;
        } else if (l > 9 && !strcmp(base + l - 9, "_rcpFloat")) {
            t0 |= 1u << 11;
            base[l - 9] = 0;
        } else if (l > 6 && !strcmp(base + l - 6, "_float")) {
            base[l - 6] = 0;
        } else {
            break;
        }
    }
    if (opc < 0) {
        if (!strcasecmp(base, "dcl_constantBuffer"))
            opc = SM4_OP_DCL_CONSTANT_BUFFER;
        else
            die("unknown instruction '%s'", mn);
    }
    const struct sm4_opinfo *oi = sm4_opinfo((uint32_t)opc);
    t0 |= (uint32_t)opc;
    if (oi->cls == SM4_OC_DCL) {
        assemble_dcl(opc, mn, args);
        return;
    }
    if (sat)
        t0 |= 1u << 13;
    if (next)
        t0 |= 1u << 31;
    char *ops[8];
    int n = split_ops(args, ops, 8);
    if (n != oi->ndst + oi->nsrc)
        die("'%s' takes %d operands, got %d", base, oi->ndst + oi->nsrc, n);
    struct operand o[8];
    bool fctx = oi->cls == SM4_OC_FLOAT;
    for (int i = 0; i < n; i++)
        parse_operand(ops[i], i < oi->ndst ? CTX_DST : CTX_SRC, fctx, &o[i]);
    emit_insn(t0, ext, next, o, n, NULL, 0);
}

/* ---- DXBC writing ---- */
static void put32(uint8_t *b, uint32_t *len, uint32_t v)
{
    memcpy(b + *len, &v, 4);
    *len += 4;
}

static uint32_t build_sig(uint8_t *b, int dir)
{
    uint32_t len = 0, n = nsig[dir];
    put32(b, &len, n);
    put32(b, &len, 8);
    uint32_t str = 8 + 24 * n;
    uint32_t soff[32];
    for (uint32_t i = 0; i < n; i++) {
        /* reuse the string of an earlier element with the same name */
        soff[i] = 0;
        for (uint32_t k = 0; k < i; k++)
            if (!strcmp(sigs[dir][k].name, sigs[dir][i].name))
                soff[i] = soff[k];
        if (!soff[i]) {
            soff[i] = str;
            size_t l = strlen(sigs[dir][i].name) + 1;
            memcpy(b + str, sigs[dir][i].name, l);
            str += (uint32_t)l;
        }
    }
    for (uint32_t i = 0; i < n; i++) {
        const struct sig *s = &sigs[dir][i];
        put32(b, &len, soff[i]);
        put32(b, &len, s->idx);
        put32(b, &len, s->sv);
        put32(b, &len, s->type);
        put32(b, &len, s->reg);
        put32(b, &len, (uint32_t)s->mask | (uint32_t)s->used << 8);
    }
    while (str & 3)
        b[str++] = 0xab; /* fxc pads the string table with 0xab */
    return str;
}

int main(int argc, char **argv)
{
    bool raw = false;
    int a = 1;
    if (argc > 1 && !strcmp(argv[1], "--tokens")) {
        raw = true;
        a++;
    }
    if (argc - a != 2) {
        fprintf(stderr, "usage: sm4-as [--tokens] IN.asm OUT.dxbc\n");
        return 2;
    }
    g_file = argv[a];
    FILE *f = fopen(argv[a], "r");
    if (!f) {
        fprintf(stderr, "sm4-as: cannot open %s\n", argv[a]);
        return 1;
    }
    char *line = NULL, *acc = NULL;
    size_t cap = 0, acclen = 0;
    bool have_version = false;
    int brace = 0;
    while (getline(&line, &cap, f) > 0) {
        g_line++;
        char *c = strstr(line, "//");
        if (c)
            *c = 0;
        c = strchr(line, ';');
        if (c && !brace)
            *c = 0;
        char *p = skip(line);
        size_t l = strlen(p);
        while (l && isspace((unsigned char)p[l - 1]))
            p[--l] = 0;
        if (!*p && !brace)
            continue;
        if (brace || !strncasecmp(p, "dcl_immediateConstantBuffer", 27)) {
            /* accumulate until the braces balance */
            acc = realloc(acc, acclen + l + 2);
            memcpy(acc + acclen, p, l);
            acclen += l;
            acc[acclen++] = ' ';
            acc[acclen] = 0;
            for (char *q = p; *q; q++)
                brace += *q == '{' ? 1 : *q == '}' ? -1 : 0;
            if (brace <= 0 && strchr(acc, '{')) {
                brace = 0;
                assemble_line(acc);
                acclen = 0;
            }
            continue;
        }
        if (!strncmp(p, ".input", 6)) {
            parse_sig(p + 6, 0);
            continue;
        }
        if (!strncmp(p, ".output", 7)) {
            parse_sig(p + 7, 1);
            continue;
        }
        if (!have_version) {
            char ty[4];
            unsigned ma, mi;
            if (sscanf(p, "%2s_%u_%u", ty, &ma, &mi) != 3)
                die("expected a version line such as ps_4_0");
            uint32_t t = !strcmp(ty, "ps") ? 0 : !strcmp(ty, "vs") ? 1 : !strcmp(ty, "gs") ? 2 : 99;
            if (t == 99 || ma != 4 || mi > 1)
                die("only ps/vs/gs 4.0/4.1");
            emit(t << 16 | ma << 4 | mi);
            emit(0);
            have_version = true;
            continue;
        }
        assemble_line(p);
    }
    fclose(f);
    free(line);
    free(acc);
    if (!have_version)
        die("no version line");
    tok[1] = ntok;

    FILE *o = fopen(argv[a + 1], "wb");
    if (!o) {
        fprintf(stderr, "sm4-as: cannot create %s\n", argv[a + 1]);
        return 1;
    }
    if (raw) {
        fwrite(tok, 4, ntok, o);
        return fclose(o) ? 1 : 0;
    }
    static uint8_t isg[8192], osg[8192];
    uint32_t il = build_sig(isg, 0), ol = build_sig(osg, 1);
    uint32_t nch = 3, hdr = 32 + 4 * nch;
    uint32_t total = hdr + 8 + il + 8 + ol + 8 + ntok * 4;
    uint8_t *b = calloc(1, total);
    uint32_t len = 0;
    put32(b, &len, 0x43425844); /* DXBC */
    len += 16;
    put32(b, &len, 1);
    put32(b, &len, total);
    put32(b, &len, nch);
    uint32_t off = hdr;
    put32(b, &len, off);
    off += 8 + il;
    put32(b, &len, off);
    off += 8 + ol;
    put32(b, &len, off);
    put32(b, &len, 0x4e475349); /* ISGN */
    put32(b, &len, il);
    memcpy(b + len, isg, il);
    len += il;
    put32(b, &len, 0x4e47534f); /* OSGN */
    put32(b, &len, ol);
    memcpy(b + len, osg, ol);
    len += ol;
    put32(b, &len, 0x52444853); /* SHDR */
    put32(b, &len, ntok * 4);
    memcpy(b + len, tok, ntok * 4);
    len += ntok * 4;
    uint32_t sum[4];
    sm4_dxbc_checksum(b, total, sum);
    memcpy(b + 4, sum, 16);
    fwrite(b, 1, total, o);
    free(b);
    free(tok);
    return fclose(o) ? 1 : 0;
}
