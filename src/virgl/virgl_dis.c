/*
 * virgl_dis.c — the virgl stream disassembler; see virgl_dis.h.
 * Fixed-layout commands are described by a field table (name + how to
 * print each dword); commands with lists or packed words have their own
 * printers.  Text is built in a fixed line buffer (no libc).
 */
#include "virgl/virgl_dis.h"

#include <stdbool.h>
#include <stddef.h>

#include "virgl/virgl_enc.h"
#include "virgl/virgl_format.h"

#define LINE_MAX_CHARS 1024

struct line {
    char buf[LINE_MAX_CHARS];
    uint32_t n;
};

static void put(struct line *l, const char *s)
{
    while (*s && l->n + 1 < LINE_MAX_CHARS)
        l->buf[l->n++] = *s++;
    l->buf[l->n] = 0;
}

static void putc_(struct line *l, char c)
{
    if (l->n + 1 < LINE_MAX_CHARS)
        l->buf[l->n++] = c;
    l->buf[l->n] = 0;
}

static void put_u(struct line *l, uint32_t v)
{
    char t[12];
    int i = 0;
    do {
        t[i++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (i)
        putc_(l, t[--i]);
}

static void put_i(struct line *l, int32_t v)
{
    if (v < 0) {
        putc_(l, '-');
        put_u(l, (uint32_t)0 - (uint32_t)v);
    } else {
        put_u(l, (uint32_t)v);
    }
}

static void put_x(struct line *l, uint32_t v)
{
    static const char hex[] = "0123456789abcdef";
    put(l, "0x");
    bool started = false;
    for (int s = 28; s >= 0; s -= 4) {
        uint32_t d = (v >> s) & 0xf;
        if (d || started || s == 0) {
            putc_(l, hex[d]);
            started = true;
        }
    }
}

/* Up to 6 decimals, trailing zeros trimmed: enough to read back what the
 * encoder wrote from short decimal literals. */
static void put_f(struct line *l, uint32_t bits)
{
    union { uint32_t u; float f; } c;
    c.u = bits;
    float f = c.f;
    if (f != f) {
        put(l, "nan");
        return;
    }
    if (f < 0) {
        putc_(l, '-');
        f = -f;
    }
    if (f > 4e9f) {
        put(l, "inf");
        return;
    }
    /* 32-bit arithmetic only: the i686 build has no libgcc division. */
    uint32_t ip = (uint32_t)f;
    uint32_t fp = (uint32_t)(((double)f - (double)ip) * 1000000.0 + 0.5);
    if (fp >= 1000000u) {
        ip++;
        fp -= 1000000u;
    }
    put_u(l, ip);
    if (fp) {
        char t[7];
        for (int i = 5; i >= 0; i--) {
            t[i] = (char)('0' + fp % 10);
            fp /= 10;
        }
        int end = 6;
        while (end > 0 && t[end - 1] == '0')
            end--;
        putc_(l, '.');
        for (int i = 0; i < end; i++)
            putc_(l, t[i]);
    }
}

static void kv_u(struct line *l, const char *k, uint32_t v)
{
    putc_(l, ' ');
    put(l, k);
    putc_(l, '=');
    put_u(l, v);
}

static void kv_x(struct line *l, const char *k, uint32_t v)
{
    putc_(l, ' ');
    put(l, k);
    putc_(l, '=');
    put_x(l, v);
}

static void kv_f(struct line *l, const char *k, uint32_t v)
{
    putc_(l, ' ');
    put(l, k);
    putc_(l, '=');
    put_f(l, v);
}

static void kv_s(struct line *l, const char *k, const char *s)
{
    putc_(l, ' ');
    put(l, k);
    putc_(l, '=');
    put(l, s);
}

/* name, or the number when the table has none */
static void kv_name(struct line *l, const char *k, const char *const *names, uint32_t n,
                    uint32_t v)
{
    putc_(l, ' ');
    put(l, k);
    putc_(l, '=');
    if (v < n && names[v])
        put(l, names[v]);
    else
        put_u(l, v);
}

static const char *const cmd_names[VIRGL_CCMD_COUNT] = {
    "NOP", "CREATE_OBJECT", "BIND_OBJECT", "DESTROY_OBJECT", "SET_VIEWPORT_STATE",
    "SET_FRAMEBUFFER_STATE", "SET_VERTEX_BUFFERS", "CLEAR", "DRAW_VBO",
    "RESOURCE_INLINE_WRITE", "SET_SAMPLER_VIEWS", "SET_INDEX_BUFFER", "SET_CONSTANT_BUFFER",
    "SET_STENCIL_REF", "SET_BLEND_COLOR", "SET_SCISSOR_STATE", "BLIT", "RESOURCE_COPY_REGION",
    "BIND_SAMPLER_STATES", "BEGIN_QUERY", "END_QUERY", "GET_QUERY_RESULT",
    "SET_POLYGON_STIPPLE", "SET_CLIP_STATE", "SET_SAMPLE_MASK", "SET_STREAMOUT_TARGETS",
    "SET_RENDER_CONDITION", "SET_UNIFORM_BUFFER", "SET_SUB_CTX", "CREATE_SUB_CTX",
    "DESTROY_SUB_CTX", "BIND_SHADER", "SET_TESS_STATE", "SET_MIN_SAMPLES",
    "SET_SHADER_BUFFERS", "SET_SHADER_IMAGES", "MEMORY_BARRIER", "LAUNCH_GRID",
    "SET_FRAMEBUFFER_STATE_NO_ATTACH", "TEXTURE_BARRIER", "SET_ATOMIC_BUFFERS",
    "SET_DEBUG_FLAGS", "GET_QUERY_RESULT_QBO", "TRANSFER3D", "END_TRANSFERS",
    "COPY_TRANSFER3D", "SET_TWEAKS", "CLEAR_TEXTURE", "PIPE_RESOURCE_CREATE",
    "PIPE_RESOURCE_SET_TYPE", "GET_MEMORY_INFO", "SEND_STRING_MARKER", "LINK_SHADER",
};
static const char *const obj_names[VIRGL_OBJECT_COUNT] = {
    "NULL", "BLEND", "RASTERIZER", "DSA", "SHADER", "VERTEX_ELEMENTS", "SAMPLER_VIEW",
    "SAMPLER_STATE", "SURFACE", "QUERY", "STREAMOUT_TARGET", "MSAA_SURFACE",
};
static const char *const shader_names[] = { "VERTEX", "FRAGMENT", "GEOMETRY", "TESS_CTRL",
                                            "TESS_EVAL", "COMPUTE" };
static const char *const prim_names[] = {
    "POINTS", "LINES", "LINE_LOOP", "LINE_STRIP", "TRIANGLES", "TRIANGLE_STRIP",
    "TRIANGLE_FAN", "QUADS", "QUAD_STRIP", "POLYGON", "LINES_ADJ", "LINE_STRIP_ADJ",
    "TRIANGLES_ADJ", "TRIANGLE_STRIP_ADJ", "PATCHES" };
static const char *const target_names[] = { "BUFFER", "1D", "2D", "3D", "CUBE", "RECT",
                                             "1D_ARRAY", "2D_ARRAY", "CUBE_ARRAY" };
static const char *const func_names[] = { "NEVER", "LESS", "EQUAL", "LEQUAL", "GREATER",
                                          "NOTEQUAL", "GEQUAL", "ALWAYS" };
static const char *const sop_names[] = { "KEEP", "ZERO", "REPLACE", "INCR", "DECR",
                                         "INCR_WRAP", "DECR_WRAP", "INVERT" };
static const char *const bfunc_names[] = { "ADD", "SUB", "REVSUB", "MIN", "MAX" };
static const char *const bfactor_names[0x20] = {
    [0x01] = "ONE", [0x02] = "SRC_COLOR", [0x03] = "SRC_ALPHA", [0x04] = "DST_ALPHA",
    [0x05] = "DST_COLOR", [0x06] = "SRC_ALPHA_SAT", [0x07] = "CONST_COLOR",
    [0x08] = "CONST_ALPHA", [0x09] = "SRC1_COLOR", [0x0a] = "SRC1_ALPHA", [0x11] = "ZERO",
    [0x12] = "INV_SRC_COLOR", [0x13] = "INV_SRC_ALPHA", [0x14] = "INV_DST_ALPHA",
    [0x15] = "INV_DST_COLOR", [0x17] = "INV_CONST_COLOR", [0x18] = "INV_CONST_ALPHA",
    [0x19] = "INV_SRC1_COLOR", [0x1a] = "INV_SRC1_ALPHA" };
static const char *const wrap_names[] = { "REPEAT", "CLAMP", "CLAMP_TO_EDGE", "CLAMP_TO_BORDER",
                                          "MIRROR_REPEAT", "MIRROR_CLAMP",
                                          "MIRROR_CLAMP_TO_EDGE", "MIRROR_CLAMP_TO_BORDER" };
static const char *const filter_names[] = { "NEAREST", "LINEAR", "NONE" };
static const char *const swz_names[] = { "x", "y", "z", "w", "0", "1", "?", "?" };
static const char *const query_names[] = {
    "OCCLUSION_COUNTER", "OCCLUSION_PREDICATE", "TIMESTAMP", "TIMESTAMP_DISJOINT",
    "TIME_ELAPSED", "PRIMITIVES_GENERATED", "PRIMITIVES_EMITTED", "SO_STATISTICS",
    "SO_OVERFLOW_PREDICATE", "GPU_FINISHED", "PIPELINE_STATISTICS",
    "OCCLUSION_PREDICATE_CONSERVATIVE", "SO_OVERFLOW_ANY_PREDICATE" };
#define N(a) ((uint32_t)(sizeof(a) / sizeof((a)[0])))

const char *virgl_dis_cmd_name(uint32_t cmd)
{
    return cmd < VIRGL_CCMD_COUNT ? cmd_names[cmd] : NULL;
}

const char *virgl_dis_obj_name(uint32_t obj)
{
    return obj < VIRGL_OBJECT_COUNT ? obj_names[obj] : NULL;
}

static void kv_fmt(struct line *l, const char *k, uint32_t f)
{
    const char *n = virgl_format_name(f);
    putc_(l, ' ');
    put(l, k);
    putc_(l, '=');
    if (n)
        put(l, n);
    else {
        put(l, "fmt");
        put_u(l, f);
    }
}

static void raw(struct line *l, const uint32_t *p, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        putc_(l, ' ');
        put_x(l, p[i]);
    }
}

static void box(struct line *l, const uint32_t *p)
{
    put(l, " box=");
    put_u(l, p[0]);
    putc_(l, ',');
    put_u(l, p[1]);
    putc_(l, ',');
    put_u(l, p[2]);
    putc_(l, ' ');
    put_u(l, p[3]);
    putc_(l, 'x');
    put_u(l, p[4]);
    putc_(l, 'x');
    put_u(l, p[5]);
}

static void stencil(struct line *l, const char *k, uint32_t s)
{
    putc_(l, ' ');
    put(l, k);
    put(l, "={");
    if (s & VIRGL_DSA_S1_ENABLE) {
        put(l, "func=");
        put(l, func_names[(s >> 1) & 7]);
        put(l, " fail=");
        put(l, sop_names[(s >> 4) & 7]);
        put(l, " zpass=");
        put(l, sop_names[(s >> 7) & 7]);
        put(l, " zfail=");
        put(l, sop_names[(s >> 10) & 7]);
        put(l, " vmask=");
        put_x(l, (s >> 13) & 0xff);
        put(l, " wmask=");
        put_x(l, (s >> 21) & 0xff);
    } else {
        put(l, "off");
    }
    putc_(l, '}');
}

/* Emits the shader text as "  | " lines. */
static void shader_text(const uint32_t *p, uint32_t ndw, virgl_dis_out_fn out, void *ctx)
{
    struct line l;
    l.n = 0;
    l.buf[0] = 0;
    put(&l, "  | ");
    for (uint32_t i = 0; i < ndw * 4; i++) {
        char c = (char)((p[i / 4] >> (8 * (i % 4))) & 0xff);
        if (c == 0)
            break;
        if (c == '\n') {
            out(ctx, l.buf);
            l.n = 0;
            put(&l, "  | ");
            continue;
        }
        putc_(&l, (c >= 32 && c < 127) ? c : '?');
    }
    if (l.n > 4)
        out(ctx, l.buf);
}

static void create_object(struct line *l, uint32_t obj, const uint32_t *p, uint32_t len,
                          bool *text, uint32_t *text_at)
{
    kv_u(l, "handle", len ? p[1] : 0);
    switch (obj) {
    case VIRGL_OBJECT_BLEND:
        if (len < VIRGL_BLEND_SIZE)
            break;
        kv_x(l, "s0", p[2]);
        kv_u(l, "logicop", p[3] & 0xf);
        for (uint32_t i = 0; i < VIRGL_MAX_COLOR_BUFS; i++) {
            uint32_t s = p[4 + i];
            if (i && s == p[4])
                continue;   /* same as rt0: shown once */
            put(l, " rt");
            put_u(l, i);
            put(l, "={");
            if (s & 1) {
                put(l, "rgb=");
                put(l, ((s >> 1) & 7) < 5 ? bfunc_names[(s >> 1) & 7] : "?");
                putc_(l, '(');
                put(l, bfactor_names[(s >> 4) & 0x1f] ? bfactor_names[(s >> 4) & 0x1f] : "?");
                putc_(l, ',');
                put(l, bfactor_names[(s >> 9) & 0x1f] ? bfactor_names[(s >> 9) & 0x1f] : "?");
                put(l, ") a=");
                put(l, ((s >> 14) & 7) < 5 ? bfunc_names[(s >> 14) & 7] : "?");
                putc_(l, '(');
                put(l, bfactor_names[(s >> 17) & 0x1f] ? bfactor_names[(s >> 17) & 0x1f] : "?");
                putc_(l, ',');
                put(l, bfactor_names[(s >> 22) & 0x1f] ? bfactor_names[(s >> 22) & 0x1f] : "?");
                put(l, ") ");
            } else {
                put(l, "off ");
            }
            put(l, "mask=");
            put_x(l, (s >> 27) & 0xf);
            putc_(l, '}');
        }
        return;
    case VIRGL_OBJECT_DSA:
        if (len < VIRGL_DSA_SIZE)
            break;
        if (p[2] & VIRGL_DSA_S0_DEPTH_ENABLE) {
            kv_s(l, "depth", func_names[(p[2] >> 2) & 7]);
            kv_u(l, "zwrite", (p[2] >> 1) & 1);
        } else {
            kv_s(l, "depth", "off");
        }
        if (p[2] & VIRGL_DSA_S0_ALPHA_ENABLE) {
            kv_s(l, "alpha", func_names[(p[2] >> 9) & 7]);
            kv_f(l, "ref", p[5]);
        }
        stencil(l, "front", p[3]);
        stencil(l, "back", p[4]);
        return;
    case VIRGL_OBJECT_RASTERIZER:
        if (len < VIRGL_RS_SIZE)
            break;
        kv_x(l, "s0", p[2]);
        kv_f(l, "point_size", p[3]);
        kv_x(l, "sprite_coord", p[4]);
        kv_x(l, "s3", p[5]);
        kv_f(l, "line_width", p[6]);
        kv_f(l, "offset_units", p[7]);
        kv_f(l, "offset_scale", p[8]);
        kv_f(l, "offset_clamp", p[9]);
        return;
    case VIRGL_OBJECT_SHADER: {
        if (len < VIRGL_SHADER_HDR_SIZE(0))
            break;
        kv_name(l, "type", shader_names, N(shader_names), p[2]);
        if (p[3] & VIRGL_SHADER_OFFLEN_CONT)
            kv_u(l, "continue_at", p[3] & ~VIRGL_SHADER_OFFLEN_CONT);
        else
            kv_u(l, "bytes", p[3]);
        kv_u(l, "tokens", p[4]);
        uint32_t nso = p[5];
        kv_u(l, "so_outputs", nso);
        if (nso && nso <= VIRGL_MAX_SO_OUTPUTS && len >= VIRGL_SHADER_HDR_SIZE(nso)) {
            put(l, " so_stride=");
            for (uint32_t b = 0; b < 4; b++) {
                if (b)
                    putc_(l, ',');
                put_u(l, p[6 + b]);
            }
            for (uint32_t i = 0; i < nso; i++) {
                uint32_t o = p[10 + 2 * i];
                put(l, " so");
                put_u(l, i);
                put(l, "={reg=");
                put_u(l, o & 0xff);
                put(l, " comp=");
                put_u(l, (o >> 8) & 3);
                putc_(l, '+');
                put_u(l, (o >> 10) & 7);
                put(l, " buf=");
                put_u(l, (o >> 13) & 7);
                put(l, " dst=");
                put_u(l, o >> 16);
                put(l, " stream=");
                put_u(l, p[11 + 2 * i] & 3);
                putc_(l, '}');
            }
            *text_at = 1 + VIRGL_SHADER_HDR_SIZE(nso);
        } else {
            *text_at = 1 + VIRGL_SHADER_HDR_SIZE(0);
        }
        *text = true;
        return;
    }
    case VIRGL_OBJECT_VERTEX_ELEMENTS:
        for (uint32_t i = 0; 1 + 4 * i + 4 <= len; i++) {
            put(l, " ve");
            put_u(l, i);
            put(l, "={off=");
            put_u(l, p[2 + 4 * i]);
            put(l, " div=");
            put_u(l, p[3 + 4 * i]);
            put(l, " vb=");
            put_u(l, p[4 + 4 * i]);
            kv_fmt(l, "fmt", p[5 + 4 * i]);
            putc_(l, '}');
        }
        return;
    case VIRGL_OBJECT_SAMPLER_VIEW: {
        if (len < VIRGL_SAMPLER_VIEW_SIZE)
            break;
        uint32_t tgt = p[3] >> 24;
        kv_u(l, "res", p[2]);
        kv_fmt(l, "format", p[3] & 0xffffff);
        kv_name(l, "target", target_names, N(target_names), tgt);
        if (tgt == VIRGL_TARGET_BUFFER) {
            kv_u(l, "first_element", p[4]);
            kv_u(l, "last_element", p[5]);
        } else {
            put(l, " layers=");
            put_u(l, p[4] & 0xffff);
            put(l, "..");
            put_u(l, p[4] >> 16);
            put(l, " levels=");
            put_u(l, p[5] & 0xff);
            put(l, "..");
            put_u(l, (p[5] >> 8) & 0xff);
        }
        put(l, " swizzle=");
        for (uint32_t c = 0; c < 4; c++)
            put(l, swz_names[(p[6] >> (3 * c)) & 7]);
        return;
    }
    case VIRGL_OBJECT_SAMPLER_STATE:
        if (len < VIRGL_SAMPLER_STATE_SIZE)
            break;
        put(l, " wrap=");
        put(l, wrap_names[p[2] & 7]);
        putc_(l, ',');
        put(l, wrap_names[(p[2] >> 3) & 7]);
        putc_(l, ',');
        put(l, wrap_names[(p[2] >> 6) & 7]);
        kv_name(l, "min", filter_names, 2, (p[2] >> 9) & 3);
        kv_name(l, "mip", filter_names, 3, (p[2] >> 11) & 3);
        kv_name(l, "mag", filter_names, 2, (p[2] >> 13) & 3);
        if ((p[2] >> 15) & 1)
            kv_s(l, "compare", func_names[(p[2] >> 16) & 7]);
        kv_u(l, "aniso", (p[2] >> 20) & 0x3f);
        kv_f(l, "lod_bias", p[3]);
        kv_f(l, "min_lod", p[4]);
        kv_f(l, "max_lod", p[5]);
        put(l, " border=");
        for (uint32_t i = 0; i < 4; i++) {
            if (i)
                putc_(l, ',');
            put_f(l, p[6 + i]);
        }
        return;
    case VIRGL_OBJECT_SURFACE:
        if (len < VIRGL_SURFACE_SIZE)
            break;
        kv_u(l, "res", p[2]);
        kv_fmt(l, "format", p[3]);
        /* Buffer and texture surfaces share the layout; show both readings
         * compactly as the texture one (what D3D10 RTVs use). */
        kv_u(l, "level", p[4]);
        put(l, " layers=");
        put_u(l, p[5] & 0xffff);
        put(l, "..");
        put_u(l, p[5] >> 16);
        return;
    case VIRGL_OBJECT_QUERY:
        if (len < VIRGL_QUERY_SIZE)
            break;
        kv_name(l, "type", query_names, N(query_names), p[2] & 0xffff);
        kv_u(l, "index", p[2] >> 16);
        kv_u(l, "offset", p[3]);
        kv_u(l, "res", p[4]);
        return;
    case VIRGL_OBJECT_STREAMOUT_TARGET:
        if (len < VIRGL_SO_TARGET_SIZE)
            break;
        kv_u(l, "res", p[2]);
        kv_u(l, "offset", p[3]);
        kv_u(l, "size", p[4]);
        return;
    default:
        break;
    }
    put(l, " raw:");
    raw(l, p + 2, len > 1 ? len - 1 : 0);
}

static void handles(struct line *l, const char *k, const uint32_t *p, uint32_t n)
{
    putc_(l, ' ');
    put(l, k);
    put(l, "=[");
    for (uint32_t i = 0; i < n; i++) {
        if (i)
            putc_(l, ',');
        put_u(l, p[i]);
    }
    putc_(l, ']');
}

static void transfer_fields(struct line *l, const uint32_t *p)
{
    kv_u(l, "res", p[1]);
    kv_u(l, "level", p[2]);
    kv_x(l, "usage", p[3]);
    kv_u(l, "stride", p[4]);
    kv_u(l, "layer_stride", p[5]);
    box(l, p + 6);
}

/* One command; `len` payload dwords at p[1..len]. */
static void command(struct line *l, const uint32_t *p, uint32_t len, bool *text,
                    uint32_t *text_at)
{
    uint32_t id = VIRGL_CMD_ID(p[0]), obj = VIRGL_CMD_OBJ(p[0]);
    const char *name = virgl_dis_cmd_name(id);
    if (name)
        put(l, name);
    else {
        put(l, "CMD");
        put_u(l, id);
    }
#define NEED(n) do { if (len < (n)) goto short_; } while (0)
    switch (id) {
    case VIRGL_CCMD_CREATE_OBJECT:
        putc_(l, ' ');
        put(l, virgl_dis_obj_name(obj) ? virgl_dis_obj_name(obj) : "OBJ?");
        create_object(l, obj, p, len, text, text_at);
        return;
    case VIRGL_CCMD_BIND_OBJECT:
    case VIRGL_CCMD_DESTROY_OBJECT:
        NEED(1);
        putc_(l, ' ');
        put(l, virgl_dis_obj_name(obj) ? virgl_dis_obj_name(obj) : "OBJ?");
        kv_u(l, "handle", p[1]);
        return;
    case VIRGL_CCMD_SET_VIEWPORT_STATE:
        NEED(1);
        kv_u(l, "start", p[1]);
        for (uint32_t i = 0; 1 + 6 * i + 6 <= len; i++) {
            put(l, " vp");
            put_u(l, i);
            put(l, "={scale=");
            for (uint32_t k = 0; k < 3; k++) {
                if (k)
                    putc_(l, ',');
                put_f(l, p[2 + 6 * i + k]);
            }
            put(l, " translate=");
            for (uint32_t k = 0; k < 3; k++) {
                if (k)
                    putc_(l, ',');
                put_f(l, p[5 + 6 * i + k]);
            }
            putc_(l, '}');
        }
        return;
    case VIRGL_CCMD_SET_FRAMEBUFFER_STATE:
        NEED(2);
        kv_u(l, "nr_cbufs", p[1]);
        kv_u(l, "zsurf", p[2]);
        handles(l, "cbufs", p + 3, len - 2);
        return;
    case VIRGL_CCMD_SET_VERTEX_BUFFERS:
        for (uint32_t i = 0; 3 * i + 3 <= len; i++) {
            put(l, " vb");
            put_u(l, i);
            put(l, "={stride=");
            put_u(l, p[1 + 3 * i]);
            put(l, " offset=");
            put_u(l, p[2 + 3 * i]);
            put(l, " res=");
            put_u(l, p[3 + 3 * i]);
            putc_(l, '}');
        }
        return;
    case VIRGL_CCMD_CLEAR: {
        NEED(VIRGL_CLEAR_SIZE);
        kv_x(l, "buffers", p[1]);
        put(l, " color=");
        for (uint32_t i = 0; i < 4; i++) {
            if (i)
                putc_(l, ',');
            put_f(l, p[2 + i]);
        }
        put(l, " color_bits=");
        for (uint32_t i = 0; i < 4; i++) {
            if (i)
                putc_(l, ',');
            put_x(l, p[2 + i]);
        }
        union { uint64_t u; double d; } c;
        c.u = (uint64_t)p[6] | ((uint64_t)p[7] << 32);
        union { float f; uint32_t u; } fc;
        fc.f = (float)c.d;
        kv_f(l, "depth", fc.u);
        kv_u(l, "stencil", p[8]);
        return;
    }
    case VIRGL_CCMD_DRAW_VBO:
        NEED(VIRGL_DRAW_VBO_SIZE);
        kv_u(l, "start", p[1]);
        kv_u(l, "count", p[2]);
        kv_name(l, "mode", prim_names, N(prim_names), p[3]);
        kv_u(l, "indexed", p[4]);
        kv_u(l, "instances", p[5]);
        putc_(l, ' ');
        put(l, "index_bias=");
        put_i(l, (int32_t)p[6]);
        kv_u(l, "start_instance", p[7]);
        kv_u(l, "restart", p[8]);
        kv_u(l, "restart_index", p[9]);
        kv_u(l, "min_index", p[10]);
        kv_u(l, "max_index", p[11]);
        kv_u(l, "count_from_so", p[12]);
        return;
    case VIRGL_CCMD_RESOURCE_INLINE_WRITE:
        NEED(VIRGL_INLINE_WRITE_HDR_SIZE);
        transfer_fields(l, p);
        kv_u(l, "data_dwords", len - VIRGL_INLINE_WRITE_HDR_SIZE);
        return;
    case VIRGL_CCMD_SET_SAMPLER_VIEWS:
    case VIRGL_CCMD_BIND_SAMPLER_STATES:
        NEED(2);
        kv_name(l, "shader", shader_names, N(shader_names), p[1]);
        kv_u(l, "start", p[2]);
        handles(l, "handles", p + 3, len - 2);
        return;
    case VIRGL_CCMD_SET_INDEX_BUFFER:
        NEED(1);
        kv_u(l, "res", p[1]);
        if (len >= 3) {
            kv_u(l, "index_size", p[2]);
            kv_u(l, "offset", p[3]);
        }
        return;
    case VIRGL_CCMD_SET_CONSTANT_BUFFER:
        NEED(2);
        kv_name(l, "shader", shader_names, N(shader_names), p[1]);
        kv_u(l, "index", p[2]);
        kv_u(l, "dwords", len - 2);
        put(l, " data=");
        for (uint32_t i = 0; i < len - 2 && i < 16; i++) {
            if (i)
                putc_(l, ',');
            put_f(l, p[3 + i]);
        }
        if (len - 2 > 16)
            put(l, ",...");
        return;
    case VIRGL_CCMD_SET_UNIFORM_BUFFER:
        NEED(VIRGL_SET_UNIFORM_BUFFER_SIZE);
        kv_name(l, "shader", shader_names, N(shader_names), p[1]);
        kv_u(l, "index", p[2]);
        kv_u(l, "offset", p[3]);
        kv_u(l, "length", p[4]);
        kv_u(l, "res", p[5]);
        return;
    case VIRGL_CCMD_SET_STENCIL_REF:
        NEED(1);
        kv_u(l, "front", p[1] & 0xff);
        kv_u(l, "back", (p[1] >> 8) & 0xff);
        return;
    case VIRGL_CCMD_SET_BLEND_COLOR:
        NEED(4);
        put(l, " color=");
        for (uint32_t i = 0; i < 4; i++) {
            if (i)
                putc_(l, ',');
            put_f(l, p[1 + i]);
        }
        return;
    case VIRGL_CCMD_SET_SCISSOR_STATE:
        NEED(1);
        kv_u(l, "start", p[1]);
        for (uint32_t i = 0; 1 + 2 * i + 2 <= len; i++) {
            put(l, " sc");
            put_u(l, i);
            put(l, "={");
            put_u(l, p[2 + 2 * i] & 0xffff);
            putc_(l, ',');
            put_u(l, p[2 + 2 * i] >> 16);
            put(l, "..");
            put_u(l, p[3 + 2 * i] & 0xffff);
            putc_(l, ',');
            put_u(l, p[3 + 2 * i] >> 16);
            putc_(l, '}');
        }
        return;
    case VIRGL_CCMD_BLIT:
        NEED(VIRGL_BLIT_SIZE);
        kv_x(l, "mask", p[1] & 0xff);
        kv_name(l, "filter", filter_names, 2, (p[1] >> 8) & 3);
        kv_u(l, "scissor", (p[1] >> 10) & 1);
        kv_u(l, "cond", (p[1] >> 11) & 1);
        kv_u(l, "alpha_blend", (p[1] >> 12) & 1);
        if (p[1] & VIRGL_BLIT_S0_SCISSOR_ENABLE) {
            put(l, " scissor_box=");
            put_u(l, p[2] & 0xffff);
            putc_(l, ',');
            put_u(l, p[2] >> 16);
            put(l, "..");
            put_u(l, p[3] & 0xffff);
            putc_(l, ',');
            put_u(l, p[3] >> 16);
        }
        put(l, " dst={res=");
        put_u(l, p[4]);
        kv_u(l, "level", p[5]);
        kv_fmt(l, "format", p[6]);
        box(l, p + 7);
        put(l, "} src={res=");
        put_u(l, p[13]);
        kv_u(l, "level", p[14]);
        kv_fmt(l, "format", p[15]);
        box(l, p + 16);
        putc_(l, '}');
        return;
    case VIRGL_CCMD_RESOURCE_COPY_REGION:
        NEED(VIRGL_RESOURCE_COPY_REGION_SIZE);
        put(l, " dst={res=");
        put_u(l, p[1]);
        kv_u(l, "level", p[2]);
        put(l, " at=");
        put_u(l, p[3]);
        putc_(l, ',');
        put_u(l, p[4]);
        putc_(l, ',');
        put_u(l, p[5]);
        put(l, "} src={res=");
        put_u(l, p[6]);
        kv_u(l, "level", p[7]);
        box(l, p + 8);
        putc_(l, '}');
        return;
    case VIRGL_CCMD_BEGIN_QUERY:
    case VIRGL_CCMD_END_QUERY:
        NEED(1);
        kv_u(l, "handle", p[1]);
        return;
    case VIRGL_CCMD_GET_QUERY_RESULT:
        NEED(2);
        kv_u(l, "handle", p[1]);
        kv_u(l, "wait", p[2]);
        return;
    case VIRGL_CCMD_SET_CLIP_STATE:
        NEED(VIRGL_SET_CLIP_STATE_SIZE);
        for (uint32_t i = 0; i < VIRGL_MAX_CLIP_PLANES; i++) {
            bool any = false;
            for (uint32_t k = 0; k < 4; k++)
                any |= p[1 + 4 * i + k] != 0;
            if (!any)
                continue;
            put(l, " plane");
            put_u(l, i);
            put(l, "=");
            for (uint32_t k = 0; k < 4; k++) {
                if (k)
                    putc_(l, ',');
                put_f(l, p[1 + 4 * i + k]);
            }
        }
        return;
    case VIRGL_CCMD_SET_SAMPLE_MASK:
        NEED(1);
        kv_x(l, "mask", p[1]);
        return;
    case VIRGL_CCMD_SET_STREAMOUT_TARGETS:
        NEED(1);
        kv_x(l, "append", p[1]);
        handles(l, "targets", p + 2, len - 1);
        return;
    case VIRGL_CCMD_SET_RENDER_CONDITION:
        NEED(3);
        kv_u(l, "query", p[1]);
        kv_u(l, "condition", p[2]);
        kv_u(l, "mode", p[3]);
        return;
    case VIRGL_CCMD_SET_SUB_CTX:
    case VIRGL_CCMD_CREATE_SUB_CTX:
    case VIRGL_CCMD_DESTROY_SUB_CTX:
        NEED(1);
        kv_u(l, "sub_ctx", p[1]);
        return;
    case VIRGL_CCMD_BIND_SHADER:
        NEED(2);
        kv_u(l, "handle", p[1]);
        kv_name(l, "type", shader_names, N(shader_names), p[2]);
        return;
    case VIRGL_CCMD_CLEAR_TEXTURE:
        NEED(VIRGL_CLEAR_TEXTURE_SIZE);
        kv_u(l, "res", p[1]);
        kv_u(l, "level", p[2]);
        box(l, p + 3);
        put(l, " texel=");
        for (uint32_t i = 0; i < 4; i++) {
            if (i)
                putc_(l, ',');
            put_x(l, p[9 + i]);
        }
        return;
    case VIRGL_CCMD_TRANSFER3D:
        NEED(VIRGL_TRANSFER3D_SIZE);
        transfer_fields(l, p);
        kv_u(l, "offset", p[12]);
        kv_s(l, "dir", p[13] == VIRGL_TRANSFER_TO_HOST ? "TO_HOST"
                       : p[13] == VIRGL_TRANSFER_FROM_HOST ? "FROM_HOST" : "?");
        return;
    default:
        if (obj)
            kv_u(l, "obj", obj);
        if (len) {
            put(l, " raw:");
            raw(l, p + 1, len);
        }
        return;
    }
short_:
    put(l, " SHORT(len=");
    put_u(l, len);
    put(l, ") raw:");
    raw(l, p + 1, len);
#undef NEED
}

int virgl_dis(const uint32_t *dw, uint32_t ndw, uint32_t flags, virgl_dis_out_fn out,
              void *ctx)
{
    struct line l;
    uint32_t i = 0;
    while (i < ndw) {
        uint32_t len = VIRGL_CMD_LEN(dw[i]);
        l.n = 0;
        l.buf[0] = 0;
        if (flags & VIRGL_DIS_OFFSETS) {
            put_u(&l, i);
            put(&l, ": ");
        }
        if (len > ndw - i - 1) {
            put(&l, "TRUNCATED ");
            put(&l, virgl_dis_cmd_name(VIRGL_CMD_ID(dw[i])) ? virgl_dis_cmd_name(VIRGL_CMD_ID(dw[i]))
                                                            : "CMD?");
            kv_u(&l, "len", len);
            kv_u(&l, "left", ndw - i - 1);
            out(ctx, l.buf);
            return VIRGL_ETRUNC;
        }
        bool text = false;
        uint32_t text_at = 0;
        command(&l, dw + i, len, &text, &text_at);
        out(ctx, l.buf);
        if (text && text_at <= len + 1)
            shader_text(dw + i + text_at, len + 1 - text_at, out, ctx);
        i += 1 + len;
    }
    return 0;
}
