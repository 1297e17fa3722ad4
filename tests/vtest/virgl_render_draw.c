/*
 * virgl_render_draw.c — draw cases: triangle, indexed + primitive restart,
 * base vertex, instancing with start instance, depth, stencil, blend
 * modes, scissor, MRT, occlusion query, render condition,
 * resource_copy_region, blit.  Each checks read-back pixels (or query
 * results) against values worked out by hand in the comments.
 * Conventions: render targets are BGRA8 (bytes B,G,R,A); row 0 is NDC
 * y = -1; vertices are {position, color} float4 pairs.
 */
#include <stdio.h>
#include <string.h>

#include "render.h"
#include "virgl/virgl_format.h"

#define W 32
#define H 32

static const float BLUE[4] = { 0, 0, 1, 1 };

/* A W x H BGRA8 target cleared to `clear`, default state, pass-through
 * shaders.  NULL on failure (reason in s->why). */
static struct vtest_resource *std_rt(struct scene *s, const float clear[4], uint32_t rs_extra)
{
    uint32_t surf;
    struct vtest_resource *rt = sc_rt(s, VIRGL_FORMAT_B8G8R8A8_UNORM, W, H, &surf);
    if (!rt) {
        sc_why(s, "render target: %s", vtest_error(s->vt));
        return NULL;
    }
    sc_basic_state(s, W, H, 1, &surf, 0, rs_extra);
    sc_shaders(s, sc_vs_pass, NULL, sc_fs_color);
    virgl_enc_clear_f(s->e, VIRGL_CLEAR_COLOR0, clear, 1.0, 0);
    return rt;
}

/* Writes a quad (4 vertices, strip order) spanning x0..x1, y0..y1 at depth z. */
static void quad(float *v, float x0, float y0, float x1, float y1, float z, const float c[4])
{
    const float xs[4] = { x0, x1, x0, x1 }, ys[4] = { y0, y0, y1, y1 };
    for (int i = 0; i < 4; i++) {
        float *p = v + 8 * i;
        p[0] = xs[i];
        p[1] = ys[i];
        p[2] = z;
        p[3] = 1;
        memcpy(p + 4, c, 16);
    }
}

#define READ(rt) do { if (sc_read(s, rt)) return sc_why(s, "readback: %s", vtest_error(s->vt)); } while (0)
#define EXPECT(rt, x, y, b, g, r, a) do { const char *w_ = sc_expect_bgra(s, rt, x, y, b, g, r, a, 2); if (w_) return w_; } while (0)

static const char *triangle(struct scene *s)
{
    struct vtest_resource *rt = std_rt(s, BLUE, 0);
    if (!rt)
        return s->why;
    float v[3 * 8] = { -1, -1, 0, 1, 1, 0, 0, 1,
                        1, -1, 0, 1, 1, 0, 0, 1,
                        0,  1, 0, 1, 1, 0, 0, 1 };
    sc_vertices(s, v, 3, 2);
    sc_draw(s, VIRGL_PRIM_TRIANGLES, 0, 3);
    READ(rt);
    EXPECT(rt, 16, 8, 0, 0, 255, 255);    /* inside, lower middle */
    EXPECT(rt, 2, 2, 0, 0, 255, 255);     /* bottom-left: the base is at row 0 */
    EXPECT(rt, 2, 29, 255, 0, 0, 255);    /* top-left: outside, next to the apex row */
    EXPECT(rt, 30, 30, 255, 0, 0, 255);
    return NULL;
}

/* Two strips separated by a restart index; without the restart the strip
 * would bridge the gap in the middle. */
static const char *indexed_restart(struct scene *s)
{
    struct vtest_resource *rt = std_rt(s, BLUE, 0);
    if (!rt)
        return s->why;
    float v[8 * 8];
    const float green[4] = { 0, 1, 0, 1 };
    quad(v, -1, -1, -0.5f, 1, 0, green);
    quad(v + 32, 0.5f, -1, 1, 1, 0, green);
    sc_vertices(s, v, 8, 2);
    uint16_t idx[10] = { 0, 1, 2, 3, 0xffff, 4, 5, 6, 7, 0 };
    struct vtest_resource *ib = sc_buffer(s, VIRGL_BIND_INDEX_BUFFER, idx, sizeof(idx));
    if (!ib)
        return sc_why(s, "index buffer: %s", vtest_error(s->vt));
    virgl_enc_set_index_buffer(s->e, ib->handle, 2, 0);
    struct virgl_draw_info d = { .count = 9, .mode = VIRGL_PRIM_TRIANGLE_STRIP, .indexed = 1,
                                 .instance_count = 1, .primitive_restart = 1,
                                 .restart_index = 0xffff, .min_index = 0, .max_index = 7 };
    virgl_enc_draw_vbo(s->e, &d);
    READ(rt);
    EXPECT(rt, 2, 16, 0, 255, 0, 255);
    EXPECT(rt, 29, 16, 0, 255, 0, 255);
    EXPECT(rt, 16, 16, 255, 0, 0, 255);   /* the gap stays clear */
    return NULL;
}

/* index_bias 4 makes indices 0..3 fetch vertices 4..7 (the right quad). */
static const char *base_vertex(struct scene *s)
{
    struct vtest_resource *rt = std_rt(s, BLUE, 0);
    if (!rt)
        return s->why;
    float v[8 * 8];
    const float red[4] = { 1, 0, 0, 1 }, green[4] = { 0, 1, 0, 1 };
    quad(v, -1, -1, 0, 1, 0, red);
    quad(v + 32, 0, -1, 1, 1, 0, green);
    sc_vertices(s, v, 8, 2);
    uint32_t idx[4] = { 0, 1, 2, 3 };
    struct vtest_resource *ib = sc_buffer(s, VIRGL_BIND_INDEX_BUFFER, idx, sizeof(idx));
    if (!ib)
        return sc_why(s, "index buffer: %s", vtest_error(s->vt));
    virgl_enc_set_index_buffer(s->e, ib->handle, 4, 0);
    struct virgl_draw_info d = { .count = 4, .mode = VIRGL_PRIM_TRIANGLE_STRIP, .indexed = 1,
                                 .instance_count = 1, .index_bias = 4, .min_index = 0,
                                 .max_index = 3 };
    virgl_enc_draw_vbo(s->e, &d);
    READ(rt);
    EXPECT(rt, 8, 16, 255, 0, 0, 255);    /* left half: not drawn */
    EXPECT(rt, 24, 16, 0, 255, 0, 255);   /* right half: vertices 4..7 */
    return NULL;
}

/* Per-instance x offset and colour from a second vertex buffer (divisor 1);
 * instances 1..3 of 4 columns are drawn (start_instance 1). */
static const char *instanced(struct scene *s)
{
    uint32_t surf;
    struct vtest_resource *rt = sc_rt(s, VIRGL_FORMAT_B8G8R8A8_UNORM, W, H, &surf);
    if (!rt)
        return sc_why(s, "render target: %s", vtest_error(s->vt));
    sc_basic_state(s, W, H, 1, &surf, 0, 0);
    sc_shaders(s,
               "VERT\nDCL IN[0]\nDCL IN[1]\nDCL IN[2]\nDCL OUT[0], POSITION\n"
               "DCL OUT[1], GENERIC[0]\n  0: ADD OUT[0], IN[0], IN[1]\n  1: MOV OUT[1], IN[2]\n"
               "  2: END\n",
               NULL, sc_fs_color);
    virgl_enc_clear_f(s->e, VIRGL_CLEAR_COLOR0, BLUE, 1.0, 0);
    float pos[4 * 4] = { -1, -1, 0, 1, -0.5f, -1, 0, 1, -1, 1, 0, 1, -0.5f, 1, 0, 1 };
    float inst[4 * 8] = { 0,    0, 0, 0,  1, 1, 0, 1,
                          0.5f, 0, 0, 0,  1, 0, 0, 1,
                          1.0f, 0, 0, 0,  0, 1, 0, 1,
                          1.5f, 0, 0, 0,  1, 1, 1, 1 };
    struct vtest_resource *b0 = sc_buffer(s, VIRGL_BIND_VERTEX_BUFFER, pos, sizeof(pos));
    struct vtest_resource *b1 = sc_buffer(s, VIRGL_BIND_VERTEX_BUFFER, inst, sizeof(inst));
    if (!b0 || !b1)
        return sc_why(s, "vertex buffers: %s", vtest_error(s->vt));
    struct virgl_vertex_element ve[3] = { { 0, 0, 0, VIRGL_FORMAT_R32G32B32A32_FLOAT },
                                          { 0, 1, 1, VIRGL_FORMAT_R32G32B32A32_FLOAT },
                                          { 16, 1, 1, VIRGL_FORMAT_R32G32B32A32_FLOAT } };
    uint32_t h = sc_obj(s);
    virgl_enc_create_vertex_elements(s->e, h, 3, ve);
    virgl_enc_bind_object(s->e, VIRGL_OBJECT_VERTEX_ELEMENTS, h);
    struct virgl_vertex_buffer vb[2] = { { 16, 0, b0->handle }, { 32, 0, b1->handle } };
    virgl_enc_set_vertex_buffers(s->e, 2, vb);
    struct virgl_draw_info d = { .count = 4, .mode = VIRGL_PRIM_TRIANGLE_STRIP,
                                 .instance_count = 3, .start_instance = 1, .max_index = 3 };
    virgl_enc_draw_vbo(s->e, &d);
    READ(rt);
    EXPECT(rt, 4, 16, 255, 0, 0, 255);    /* column 0: instance 0 not drawn (blue clear) */
    EXPECT(rt, 12, 16, 0, 0, 255, 255);   /* instance 1: red */
    EXPECT(rt, 20, 16, 0, 255, 0, 255);   /* instance 2: green */
    EXPECT(rt, 28, 16, 255, 255, 255, 255);   /* instance 3: white */
    return NULL;
}

static const char *depth_test(struct scene *s)
{
    uint32_t surf, zs;
    struct vtest_resource *rt = sc_rt(s, VIRGL_FORMAT_B8G8R8A8_UNORM, W, H, &surf);
    struct vtest_resource *z = sc_rt(s, virgl_format_for_host(vtest_caps(s->vt), 45 /* D24S8 */,
                                                              VIRGL_BIND_DEPTH_STENCIL), W, H, &zs);
    if (!rt || !z)
        return sc_why(s, "targets: %s", vtest_error(s->vt));
    sc_basic_state(s, W, H, 1, &surf, zs, 0);
    sc_shaders(s, sc_vs_pass, NULL, sc_fs_color);
    struct virgl_dsa_state dsa = { .depth_enable = 1, .depth_writemask = 1,
                                   .depth_func = VIRGL_FUNC_LESS };
    uint32_t h = sc_obj(s);
    virgl_enc_create_dsa(s->e, h, &dsa);
    virgl_enc_bind_object(s->e, VIRGL_OBJECT_DSA, h);
    virgl_enc_clear_f(s->e, VIRGL_CLEAR_COLOR0 | VIRGL_CLEAR_DEPTH | VIRGL_CLEAR_STENCIL, BLUE,
                      1.0, 0);
    float v[8 * 8];
    const float green[4] = { 0, 1, 0, 1 }, red[4] = { 1, 0, 0, 1 };
    quad(v, -1, -1, 0, 1, 0.0f, green);      /* left half, window z 0.5 */
    quad(v + 32, -1, -1, 1, 1, 0.5f, red);   /* everywhere, window z 0.75 */
    sc_vertices(s, v, 8, 2);
    sc_draw(s, VIRGL_PRIM_TRIANGLE_STRIP, 0, 4);
    sc_draw(s, VIRGL_PRIM_TRIANGLE_STRIP, 4, 4);
    READ(rt);
    EXPECT(rt, 8, 16, 0, 255, 0, 255);    /* red failed LESS against 0.5 */
    EXPECT(rt, 24, 16, 0, 0, 255, 255);   /* red passed against the cleared 1.0 */
    return NULL;
}

static const char *stencil_test(struct scene *s)
{
    uint32_t surf, zs;
    struct vtest_resource *rt = sc_rt(s, VIRGL_FORMAT_B8G8R8A8_UNORM, W, H, &surf);
    struct vtest_resource *z = sc_rt(s, virgl_format_for_host(vtest_caps(s->vt), 45 /* D24S8 */,
                                                              VIRGL_BIND_DEPTH_STENCIL), W, H, &zs);
    if (!rt || !z)
        return sc_why(s, "targets: %s", vtest_error(s->vt));
    sc_basic_state(s, W, H, 1, &surf, zs, 0);
    sc_shaders(s, sc_vs_pass, NULL, sc_fs_color);
    const float black[4] = { 0, 0, 0, 1 }, red[4] = { 1, 0, 0, 1 }, green[4] = { 0, 1, 0, 1 };
    virgl_enc_clear_f(s->e, VIRGL_CLEAR_COLOR0 | VIRGL_CLEAR_DEPTH | VIRGL_CLEAR_STENCIL, black,
                      1.0, 0);
    float v[8 * 8];
    quad(v, -1, -1, 0, 1, 0, red);
    quad(v + 32, -1, -1, 1, 1, 0, green);
    sc_vertices(s, v, 8, 2);
    virgl_enc_set_stencil_ref(s->e, 1, 1);
    /* Pass 1: write stencil 1 in the left half, colour masked off. */
    struct virgl_blend_state nomask = { 0 };
    uint32_t hb = sc_obj(s);
    virgl_enc_create_blend(s->e, hb, &nomask);
    virgl_enc_bind_object(s->e, VIRGL_OBJECT_BLEND, hb);
    struct virgl_dsa_state w = { 0 };
    w.stencil[0] = (struct virgl_stencil_face){ 1, VIRGL_FUNC_ALWAYS, VIRGL_STENCIL_OP_KEEP,
                                                VIRGL_STENCIL_OP_REPLACE, VIRGL_STENCIL_OP_KEEP,
                                                0xff, 0xff };
    w.stencil[1] = w.stencil[0];
    uint32_t h1 = sc_obj(s);
    virgl_enc_create_dsa(s->e, h1, &w);
    virgl_enc_bind_object(s->e, VIRGL_OBJECT_DSA, h1);
    sc_draw(s, VIRGL_PRIM_TRIANGLE_STRIP, 0, 4);
    /* Pass 2: full quad where stencil == 1. */
    struct virgl_blend_state all = { 0 };
    all.rt[0].colormask = VIRGL_MASK_RGBA;
    uint32_t hb2 = sc_obj(s);
    virgl_enc_create_blend(s->e, hb2, &all);
    virgl_enc_bind_object(s->e, VIRGL_OBJECT_BLEND, hb2);
    struct virgl_dsa_state t = { 0 };
    t.stencil[0] = (struct virgl_stencil_face){ 1, VIRGL_FUNC_EQUAL, VIRGL_STENCIL_OP_KEEP,
                                                VIRGL_STENCIL_OP_KEEP, VIRGL_STENCIL_OP_KEEP,
                                                0xff, 0 };
    t.stencil[1] = t.stencil[0];
    uint32_t h2 = sc_obj(s);
    virgl_enc_create_dsa(s->e, h2, &t);
    virgl_enc_bind_object(s->e, VIRGL_OBJECT_DSA, h2);
    sc_draw(s, VIRGL_PRIM_TRIANGLE_STRIP, 4, 4);
    READ(rt);
    EXPECT(rt, 8, 16, 0, 255, 0, 255);    /* stencil 1: green drawn (red pass was masked) */
    EXPECT(rt, 24, 16, 0, 0, 0, 255);     /* stencil 0: untouched */
    return NULL;
}

/* Source (1, .5, 0, .5) over destination (.2, .4, .6, 1). */
static const char *blend_case(struct scene *s, struct virgl_rt_blend rtb, const float *bcolor,
                              int eb, int eg, int er, int ea)
{
    const float dst[4] = { 0.2f, 0.4f, 0.6f, 1.0f }, src[4] = { 1, 0.5f, 0, 0.5f };
    struct vtest_resource *rt = std_rt(s, dst, 0);
    if (!rt)
        return s->why;
    struct virgl_blend_state bl = { 0 };
    bl.rt[0] = rtb;
    bl.rt[0].enable = 1;
    bl.rt[0].colormask = VIRGL_MASK_RGBA;
    uint32_t h = sc_obj(s);
    virgl_enc_create_blend(s->e, h, &bl);
    virgl_enc_bind_object(s->e, VIRGL_OBJECT_BLEND, h);
    if (bcolor)
        virgl_enc_set_blend_color(s->e, bcolor);
    float v[4 * 8];
    quad(v, -1, -1, 1, 1, 0, src);
    sc_vertices(s, v, 4, 2);
    sc_draw(s, VIRGL_PRIM_TRIANGLE_STRIP, 0, 4);
    READ(rt);
    EXPECT(rt, 16, 16, eb, eg, er, ea);
    return NULL;
}

#define BL(rf, rs, rd, af, as, ad) \
    ((struct virgl_rt_blend){ 1, VIRGL_BLEND_##rf, VIRGL_BLENDFACTOR_##rs, VIRGL_BLENDFACTOR_##rd, \
                              VIRGL_BLEND_##af, VIRGL_BLENDFACTOR_##as, VIRGL_BLENDFACTOR_##ad, 0xf })

static const char *blend_alpha(struct scene *s)
{
    /* rgb = src*.5 + dst*.5 = (.6, .45, .3); a = src = .5 */
    return blend_case(s, BL(ADD, SRC_ALPHA, INV_SRC_ALPHA, ADD, ONE, ZERO), NULL, 77, 115, 153, 128);
}

static const char *blend_additive(struct scene *s)
{
    /* (1.2, .9, .6, 1.5) clamped */
    return blend_case(s, BL(ADD, ONE, ONE, ADD, ONE, ONE), NULL, 153, 230, 255, 255);
}

static const char *blend_min(struct scene *s)
{
    return blend_case(s, BL(MIN, ONE, ONE, MIN, ONE, ONE), NULL, 0, 102, 51, 128);
}

static const char *blend_revsub(struct scene *s)
{
    /* dst - src = (-.8, -.1, .6, .5) clamped */
    return blend_case(s, BL(REVERSE_SUBTRACT, ONE, ONE, REVERSE_SUBTRACT, ONE, ONE), NULL, 153, 0,
                      0, 128);
}

static const char *blend_const(struct scene *s)
{
    /* src * blend colour .5 = (.5, .25, 0, .25) */
    const float bc[4] = { 0.5f, 0.5f, 0.5f, 0.5f };
    return blend_case(s, BL(ADD, CONST_COLOR, ZERO, ADD, CONST_ALPHA, ZERO), bc, 0, 64, 128, 64);
}

static const char *scissor(struct scene *s)
{
    struct vtest_resource *rt = std_rt(s, BLUE, VIRGL_RS_S0_SCISSOR);
    if (!rt)
        return s->why;
    struct virgl_scissor sc = { 8, 8, 24, 24 };
    virgl_enc_set_scissor_states(s->e, 0, 1, &sc);
    float v[4 * 8];
    const float red[4] = { 1, 0, 0, 1 };
    quad(v, -1, -1, 1, 1, 0, red);
    sc_vertices(s, v, 4, 2);
    sc_draw(s, VIRGL_PRIM_TRIANGLE_STRIP, 0, 4);
    READ(rt);
    EXPECT(rt, 8, 8, 0, 0, 255, 255);
    EXPECT(rt, 23, 23, 0, 0, 255, 255);
    EXPECT(rt, 7, 16, 255, 0, 0, 255);
    EXPECT(rt, 24, 24, 255, 0, 0, 255);   /* max is exclusive */
    return NULL;
}

static const char *mrt(struct scene *s)
{
    uint32_t surf[2];
    struct vtest_resource *a = sc_rt(s, VIRGL_FORMAT_B8G8R8A8_UNORM, W, H, &surf[0]);
    struct vtest_resource *b = sc_rt(s, VIRGL_FORMAT_R32G32B32A32_FLOAT, W, H, &surf[1]);
    if (!a || !b)
        return sc_why(s, "targets: %s", vtest_error(s->vt));
    sc_basic_state(s, W, H, 2, surf, 0, 0);
    sc_shaders(s, sc_vs_pass, NULL,
               "FRAG\nDCL OUT[0], COLOR[0]\nDCL OUT[1], COLOR[1]\n"
               "IMM[0] FLT32 {1.0, 0.0, 0.0, 1.0}\nIMM[1] FLT32 {0.25, 0.5, 0.75, 1.0}\n"
               "  0: MOV OUT[0], IMM[0]\n  1: MOV OUT[1], IMM[1]\n  2: END\n");
    virgl_enc_clear_f(s->e, VIRGL_CLEAR_COLOR(0) | VIRGL_CLEAR_COLOR(1), BLUE, 1.0, 0);
    float v[4 * 8];
    quad(v, -1, -1, 0, 1, 0, BLUE);    /* left half */
    sc_vertices(s, v, 4, 2);
    sc_draw(s, VIRGL_PRIM_TRIANGLE_STRIP, 0, 4);
    READ(a);
    READ(b);
    EXPECT(a, 8, 16, 0, 0, 255, 255);
    EXPECT(a, 24, 16, 255, 0, 0, 255);
    const float *f = (const float *)sc_px(b, 8, 16), *g = (const float *)sc_px(b, 24, 16);
    if (f[0] != 0.25f || f[1] != 0.5f || f[2] != 0.75f || f[3] != 1.0f)
        return sc_why(s, "RT1 drawn pixel is %g,%g,%g,%g", f[0], f[1], f[2], f[3]);
    if (g[0] != 0 || g[1] != 0 || g[2] != 1 || g[3] != 1)
        return sc_why(s, "RT1 clear pixel is %g,%g,%g,%g", g[0], g[1], g[2], g[3]);
    return NULL;
}

/* Begins `query` around a draw of the left half; returns the host's result. */
static const char *occlusion(struct scene *s)
{
    struct vtest_resource *rt = std_rt(s, BLUE, 0);
    if (!rt)
        return s->why;
    struct vtest_resource *qb = sc_res(s, VIRGL_TARGET_BUFFER, VIRGL_FORMAT_R8_UNORM,
                                       VIRGL_BIND_CUSTOM, 16, 1, 1, 0);
    if (!qb)
        return sc_why(s, "query buffer: %s", vtest_error(s->vt));
    memset(qb->shm, 0, 16);
    uint32_t q = sc_obj(s);
    virgl_enc_create_query(s->e, q, VIRGL_QUERY_OCCLUSION_COUNTER, 0, qb->handle, 0);
    float v[4 * 8];
    const float red[4] = { 1, 0, 0, 1 };
    quad(v, -1, -1, 0, 1, 0, red);
    sc_vertices(s, v, 4, 2);
    virgl_enc_begin_query(s->e, q);
    sc_draw(s, VIRGL_PRIM_TRIANGLE_STRIP, 0, 4);
    virgl_enc_end_query(s->e, q);
    if (vtest_wait_query(s->vt, q, qb, 0))
        return sc_why(s, "query: %s", vtest_error(s->vt));
    const struct virgl_host_query_state *st = qb->shm;
    if (st->query_state != VIRGL_QUERY_STATE_DONE)
        return sc_why(s, "query state %u, want DONE", st->query_state);
    if (st->result != W * H / 2)
        return sc_why(s, "occlusion count %llu, want %u", (unsigned long long)st->result,
                      W * H / 2);
    return NULL;
}

/* A zero-sample predicate skips a later draw; a passing one does not. */
static const char *render_condition(struct scene *s)
{
    struct vtest_resource *rt = std_rt(s, BLUE, 0);
    if (!rt)
        return s->why;
    float v[12 * 8];
    const float red[4] = { 1, 0, 0, 1 }, green[4] = { 0, 1, 0, 1 };
    quad(v, 2, 2, 3, 3, 0, red);                 /* off screen: 0 samples */
    quad(v + 32, -1, -1, 0, 1, 0, red);          /* left half, conditional on q0 */
    quad(v + 64, 0, -1, 1, 1, 0, green);         /* right half, conditional on q1 */
    sc_vertices(s, v, 12, 2);
    uint32_t q0 = sc_obj(s), q1 = sc_obj(s);
    struct vtest_resource *qb = sc_res(s, VIRGL_TARGET_BUFFER, VIRGL_FORMAT_R8_UNORM,
                                       VIRGL_BIND_CUSTOM, 32, 1, 1, 0);
    if (!qb)
        return sc_why(s, "query buffer: %s", vtest_error(s->vt));
    virgl_enc_create_query(s->e, q0, VIRGL_QUERY_OCCLUSION_PREDICATE, 0, qb->handle, 0);
    virgl_enc_create_query(s->e, q1, VIRGL_QUERY_OCCLUSION_PREDICATE, 0, qb->handle, 16);
    virgl_enc_begin_query(s->e, q0);
    sc_draw(s, VIRGL_PRIM_TRIANGLE_STRIP, 0, 4);
    virgl_enc_end_query(s->e, q0);
    virgl_enc_begin_query(s->e, q1);
    sc_draw(s, VIRGL_PRIM_TRIANGLE_STRIP, 4, 4);   /* draws red left (unconditional) */
    virgl_enc_end_query(s->e, q1);
    virgl_enc_set_render_condition(s->e, q0, false, VIRGL_RENDER_COND_WAIT);
    sc_draw(s, VIRGL_PRIM_TRIANGLE_STRIP, 8, 4);   /* skipped: q0 saw nothing */
    /* End one condition before starting another (GL refuses nesting). */
    virgl_enc_set_render_condition(s->e, 0, false, VIRGL_RENDER_COND_WAIT);
    virgl_enc_set_render_condition(s->e, q1, false, VIRGL_RENDER_COND_WAIT);
    sc_draw(s, VIRGL_PRIM_TRIANGLE_STRIP, 8, 4);   /* drawn: q1 saw samples */
    virgl_enc_set_render_condition(s->e, 0, false, VIRGL_RENDER_COND_WAIT);
    READ(rt);
    EXPECT(rt, 8, 16, 0, 0, 255, 255);     /* unconditional red */
    EXPECT(rt, 24, 16, 0, 255, 0, 255);    /* green from the q1-conditioned draw */
    return NULL;
}

static const char *render_condition_skips(struct scene *s)
{
    struct vtest_resource *rt = std_rt(s, BLUE, 0);
    if (!rt)
        return s->why;
    float v[8 * 8];
    const float red[4] = { 1, 0, 0, 1 };
    quad(v, 2, 2, 3, 3, 0, red);                 /* off screen: 0 samples */
    quad(v + 32, -1, -1, 1, 1, 0, red);
    sc_vertices(s, v, 8, 2);
    uint32_t q0 = sc_obj(s);
    struct vtest_resource *qb = sc_res(s, VIRGL_TARGET_BUFFER, VIRGL_FORMAT_R8_UNORM,
                                       VIRGL_BIND_CUSTOM, 16, 1, 1, 0);
    if (!qb)
        return sc_why(s, "query buffer: %s", vtest_error(s->vt));
    virgl_enc_create_query(s->e, q0, VIRGL_QUERY_OCCLUSION_PREDICATE, 0, qb->handle, 0);
    virgl_enc_begin_query(s->e, q0);
    sc_draw(s, VIRGL_PRIM_TRIANGLE_STRIP, 0, 4);
    virgl_enc_end_query(s->e, q0);
    virgl_enc_set_render_condition(s->e, q0, false, VIRGL_RENDER_COND_WAIT);
    sc_draw(s, VIRGL_PRIM_TRIANGLE_STRIP, 4, 4);
    virgl_enc_set_render_condition(s->e, 0, false, VIRGL_RENDER_COND_WAIT);
    READ(rt);
    EXPECT(rt, 16, 16, 255, 0, 0, 255);    /* still the blue clear */
    return NULL;
}

static const char *copy_region(struct scene *s)
{
    uint32_t sa, sb;
    struct vtest_resource *a = sc_rt(s, VIRGL_FORMAT_B8G8R8A8_UNORM, 16, 16, &sa);
    struct vtest_resource *b = sc_rt(s, VIRGL_FORMAT_B8G8R8A8_UNORM, 16, 16, &sb);
    if (!a || !b)
        return sc_why(s, "targets: %s", vtest_error(s->vt));
    const float red[4] = { 1, 0, 0, 1 };
    virgl_enc_set_framebuffer_state(s->e, 1, &sa, 0);
    virgl_enc_clear_f(s->e, VIRGL_CLEAR_COLOR0, red, 1.0, 0);
    virgl_enc_set_framebuffer_state(s->e, 1, &sb, 0);
    virgl_enc_clear_f(s->e, VIRGL_CLEAR_COLOR0, BLUE, 1.0, 0);
    virgl_enc_set_framebuffer_state(s->e, 0, NULL, 0);
    struct virgl_box box = { 0, 0, 0, 8, 8, 1 };
    virgl_enc_resource_copy_region(s->e, b->handle, 0, 4, 4, 0, a->handle, 0, &box);
    READ(b);
    EXPECT(b, 4, 4, 0, 0, 255, 255);
    EXPECT(b, 11, 11, 0, 0, 255, 255);
    EXPECT(b, 3, 3, 255, 0, 0, 255);
    EXPECT(b, 12, 12, 255, 0, 0, 255);
    return NULL;
}

/* 8x8 RGBA8 quadrants uploaded by TRANSFER3D, blitted (nearest, scaled 2x)
 * into a 16x16 BGRA8 target. */
static const char *blit(struct scene *s)
{
    struct vtest_resource *src = sc_res(s, VIRGL_TARGET_2D, VIRGL_FORMAT_R8G8B8A8_UNORM,
                                        VIRGL_BIND_SAMPLER_VIEW, 8, 8, 1, 0);
    uint32_t sd;
    struct vtest_resource *dst = sc_rt(s, VIRGL_FORMAT_B8G8R8A8_UNORM, 16, 16, &sd);
    if (!src || !dst)
        return sc_why(s, "resources: %s", vtest_error(s->vt));
    uint8_t *p = src->shm;
    for (uint32_t y = 0; y < 8; y++)
        for (uint32_t x = 0; x < 8; x++) {
            uint8_t *t = p + 4 * (y * 8 + x);
            t[0] = x < 4 ? 255 : 0;          /* R: left */
            t[1] = y < 4 ? 255 : 0;          /* G: bottom rows */
            t[2] = 40;
            t[3] = 255;
        }
    struct virgl_box b = { 0, 0, 0, 8, 8, 1 };
    virgl_enc_transfer3d(s->e, src->handle, 0, 0, &b, 32, 256, 0, VIRGL_TRANSFER_TO_HOST);
    struct virgl_blit_info bi = { .mask = VIRGL_MASK_RGBA, .filter = VIRGL_FILTER_NEAREST,
                                  .dst = { dst->handle, 0, VIRGL_FORMAT_B8G8R8A8_UNORM,
                                           { 0, 0, 0, 16, 16, 1 } },
                                  .src = { src->handle, 0, VIRGL_FORMAT_R8G8B8A8_UNORM,
                                           { 0, 0, 0, 8, 8, 1 } } };
    virgl_enc_blit(s->e, &bi);
    READ(dst);
    EXPECT(dst, 2, 2, 40, 255, 255, 255);
    EXPECT(dst, 13, 2, 40, 255, 0, 255);
    EXPECT(dst, 2, 13, 40, 0, 255, 255);
    EXPECT(dst, 13, 13, 40, 0, 0, 255);
    EXPECT(dst, 7, 7, 40, 255, 255, 255);   /* 2x scale: texel 3 -> pixels 6, 7 */
    EXPECT(dst, 8, 8, 40, 0, 0, 255);
    return NULL;
}

/* Resource data read back through the encoded TRANSFER3D FROM_HOST path. */
static const char *transfer_from_host(struct scene *s)
{
    uint32_t sa;
    struct vtest_resource *a = sc_rt(s, VIRGL_FORMAT_B8G8R8A8_UNORM, 8, 8, &sa);
    if (!a)
        return sc_why(s, "target: %s", vtest_error(s->vt));
    memset(a->shm, 0x11, a->shm_size);
    const float c[4] = { 1.0f, 0.0f, 0.2f, 1.0f };
    virgl_enc_set_framebuffer_state(s->e, 1, &sa, 0);
    virgl_enc_clear_f(s->e, VIRGL_CLEAR_COLOR0, c, 1.0, 0);
    struct virgl_box b = { 0, 0, 0, 8, 8, 1 };
    virgl_enc_transfer3d(s->e, a->handle, 0, 0, &b, 32, 256, 0, VIRGL_TRANSFER_FROM_HOST);
    if (vtest_finish(s->vt))
        return "finish failed";
    EXPECT(a, 0, 0, 51, 0, 255, 255);
    EXPECT(a, 7, 7, 51, 0, 255, 255);
    return NULL;
}

static int submit_flush(void *ctx, struct virgl_enc *e, const uint32_t *b, uint32_t n)
{
    (void)e;
    return vtest_submit(ctx, b, n);
}

/* A 120-instruction FS through a 256-dword encoder buffer: its text goes
 * out as a first chunk and continuations in separate SUBMITs, and the
 * host must reassemble and compile it (the sum is 120 * 1/240 = 0.5). */
static const char *long_shader(struct scene *s)
{
    static char fs[8192];
    size_t n = (size_t)snprintf(fs, sizeof(fs),
                                "FRAG\nDCL OUT[0], COLOR\nDCL TEMP[0]\n"
                                "IMM[0] FLT32 {0.0041666668, 0.0, 1.0, 0.0}\n"
                                "  0: MOV TEMP[0], IMM[0].yyyz\n");
    for (int i = 1; i <= 120; i++)
        n += (size_t)snprintf(fs + n, sizeof(fs) - n, "%3d: ADD TEMP[0].x, TEMP[0].xxxx, IMM[0].xxxx\n", i);
    snprintf(fs + n, sizeof(fs) - n, "121: MOV OUT[0], TEMP[0]\n122: END\n");
    uint32_t surf;
    struct vtest_resource *rt = sc_rt(s, VIRGL_FORMAT_B8G8R8A8_UNORM, 8, 8, &surf);
    if (!rt)
        return sc_why(s, "render target: %s", vtest_error(s->vt));
    sc_basic_state(s, 8, 8, 1, &surf, 0, 0);
    uint32_t hv = sc_obj(s), hf = sc_obj(s);
    virgl_enc_create_shader_str(s->e, hv, VIRGL_SHADER_VERTEX, sc_vs_pass, NULL);
    virgl_enc_bind_shader(s->e, hv, VIRGL_SHADER_VERTEX);
    if (virgl_enc_flush(s->e))
        return "flush failed";
    static uint32_t small[256];
    struct virgl_enc e;
    virgl_enc_init(&e, small, 256, submit_flush, s->vt);
    if (virgl_enc_create_shader_str(&e, hf, VIRGL_SHADER_FRAGMENT, fs, NULL) || virgl_enc_flush(&e))
        return sc_why(s, "long shader encode/submit failed (%d)", e.error);
    if (e.flushes < 4)
        return sc_why(s, "the %zu-byte shader went out in %u submits, want several", strlen(fs),
                      e.flushes);
    virgl_enc_bind_shader(s->e, hf, VIRGL_SHADER_FRAGMENT);
    const float black[4] = { 0, 0, 0, 0 };
    virgl_enc_clear_f(s->e, VIRGL_CLEAR_COLOR0, black, 1.0, 0);
    float v[4 * 8];
    quad(v, -1, -1, 1, 1, 0, black);
    sc_vertices(s, v, 4, 2);
    sc_draw(s, VIRGL_PRIM_TRIANGLE_STRIP, 0, 4);
    READ(rt);
    EXPECT(rt, 4, 4, 0, 0, 128, 255);
    return NULL;
}

/* CLEAR_TEXTURE of a box, with the texel packed as BGRA8 bytes, on a
 * target that is not bound to the framebuffer. */
static const char *clear_texture(struct scene *s)
{
    if (!(vtest_caps(s->vt)->capability_bits & VIRGL_CAP_CLEAR_TEXTURE))
        return "host lacks VIRGL_CAP_CLEAR_TEXTURE";
    uint32_t sa;
    struct vtest_resource *a = sc_rt(s, VIRGL_FORMAT_B8G8R8A8_UNORM, 16, 16, &sa);
    if (!a)
        return sc_why(s, "target: %s", vtest_error(s->vt));
    virgl_enc_set_framebuffer_state(s->e, 1, &sa, 0);
    virgl_enc_clear_f(s->e, VIRGL_CLEAR_COLOR0, BLUE, 1.0, 0);
    virgl_enc_set_framebuffer_state(s->e, 0, NULL, 0);
    struct virgl_box b = { 2, 3, 0, 5, 6, 1 };
    const uint32_t texel[4] = { 0x80ff4020u, 0, 0, 0 };   /* B=0x20 G=0x40 R=0xff A=0x80 */
    virgl_enc_clear_texture(s->e, a->handle, 0, &b, texel);
    READ(a);
    EXPECT(a, 2, 3, 0x20, 0x40, 0xff, 0x80);
    EXPECT(a, 6, 8, 0x20, 0x40, 0xff, 0x80);
    EXPECT(a, 7, 8, 255, 0, 0, 255);
    EXPECT(a, 2, 9, 255, 0, 0, 255);
    EXPECT(a, 1, 3, 255, 0, 0, 255);
    return NULL;
}

const struct sc_case sc_draw_cases[] = {
    { "clear_texture of a box", clear_texture },
    { "long shader in chunks across submits", long_shader },
    { "triangle", triangle },
    { "indexed draw with primitive restart", indexed_restart },
    { "indexed draw with base vertex", base_vertex },
    { "instanced draw with start instance", instanced },
    { "depth test", depth_test },
    { "stencil test", stencil_test },
    { "blend src-alpha/inv-src-alpha", blend_alpha },
    { "blend additive", blend_additive },
    { "blend min", blend_min },
    { "blend reverse subtract", blend_revsub },
    { "blend constant color", blend_const },
    { "scissor", scissor },
    { "multiple render targets", mrt },
    { "occlusion query result", occlusion },
    { "render condition draws when predicate passed", render_condition },
    { "render condition skips when predicate failed", render_condition_skips },
    { "resource_copy_region", copy_region },
    { "blit with scaling and format conversion", blit },
    { "transfer3d from host", transfer_from_host },
};
const uint32_t sc_draw_case_count = sizeof(sc_draw_cases) / sizeof(sc_draw_cases[0]);
