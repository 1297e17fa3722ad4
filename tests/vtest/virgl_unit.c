/*
 * virgl_unit.c — encoder, disassembler, caps and format-table tests that
 * need no server (built with ASan+UBSan).  Prints one TAP-style line per
 * case.  The round-trip cases encode one command with known arguments and
 * compare the disassembler's line with the text written here by hand, so
 * a wrong dword order in the encoder or the disassembler fails.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virgl/virgl_caps.h"
#include "virgl/virgl_dis.h"
#include "virgl/virgl_enc.h"
#include "virgl/virgl_format.h"

static int failures;
static char text[1 << 16];
static size_t text_n;

static void collect(void *ctx, const char *line)
{
    (void)ctx;
    size_t n = strlen(line);
    if (text_n + n + 2 < sizeof(text)) {
        memcpy(text + text_n, line, n);
        text_n += n;
        text[text_n++] = '\n';
        text[text_n] = 0;
    }
}

static void ok(const char *name)
{
    printf("ok - %s\n", name);
}

static void notok(const char *name, const char *why)
{
    printf("not ok - %s: %s\n", name, why);
    failures++;
}

static uint32_t big[1 << 16];
static struct virgl_enc E;

static void fresh(void)
{
    virgl_enc_init(&E, big, 1 << 16, NULL, NULL);
    text_n = 0;
    text[0] = 0;
}

/* Disassembles what E holds and compares with `want` (one line + "\n"). */
static void check(const char *name, int rc, const char *want)
{
    char why[1024];
    if (rc) {
        snprintf(why, sizeof(why), "encoder returned %d", rc);
        notok(name, why);
        return;
    }
    int d = virgl_dis(E.buf, E.used, 0, collect, NULL);
    if (d) {
        snprintf(why, sizeof(why), "disassembler returned %d: %.900s", d, text);
        notok(name, why);
        return;
    }
    if (strcmp(text, want)) {
        char got[600];
        snprintf(got, sizeof(got), "%.590s", text);
        for (char *c = got; *c; c++)
            if (*c == '\n')
                *c = '|';
        snprintf(why, sizeof(why), "got \"%.590s\"", got);
        notok(name, why);
        return;
    }
    ok(name);
}

#define RT(name, call, want) do { fresh(); int rc_ = (call); check("roundtrip " name, rc_, want "\n"); } while (0)

static void roundtrips(void)
{
    struct virgl_blend_state bl = { 0 };
    bl.independent_blend = 1;
    bl.rt[0] = (struct virgl_rt_blend){ 1, VIRGL_BLEND_ADD, VIRGL_BLENDFACTOR_SRC_ALPHA,
                                        VIRGL_BLENDFACTOR_INV_SRC_ALPHA, VIRGL_BLEND_MAX,
                                        VIRGL_BLENDFACTOR_ONE, VIRGL_BLENDFACTOR_ZERO, 0xf };
    bl.rt[1] = (struct virgl_rt_blend){ 0, 0, 0, 0, 0, 0, 0, 0x3 };
    for (int i = 2; i < 8; i++)
        bl.rt[i] = bl.rt[0];
    RT("blend", virgl_enc_create_blend(&E, 5, &bl),
       "CREATE_OBJECT BLEND handle=5 s0=0x1 logicop=0 rt0={rgb=ADD(SRC_ALPHA,INV_SRC_ALPHA) "
       "a=MAX(ONE,ZERO) mask=0xf} rt1={off mask=0x3}");

    struct virgl_dsa_state dsa = { .depth_enable = 1, .depth_writemask = 1,
                                   .depth_func = VIRGL_FUNC_LESS, .alpha_enable = 1,
                                   .alpha_func = VIRGL_FUNC_GEQUAL, .alpha_ref = 0.5f };
    dsa.stencil[0] = (struct virgl_stencil_face){ 1, VIRGL_FUNC_EQUAL, VIRGL_STENCIL_OP_KEEP,
                                                  VIRGL_STENCIL_OP_INCR, VIRGL_STENCIL_OP_ZERO,
                                                  0xff, 0x0f };
    RT("dsa", virgl_enc_create_dsa(&E, 6, &dsa),
       "CREATE_OBJECT DSA handle=6 depth=LESS zwrite=1 alpha=GEQUAL ref=0.5 "
       "front={func=EQUAL fail=KEEP zpass=INCR zfail=ZERO vmask=0xff wmask=0xf} back={off}");

    struct virgl_rasterizer_state rs = { .s0 = VIRGL_RS_S0_DEPTH_CLIP | VIRGL_RS_S0_SCISSOR,
                                         .point_size = 2.0f, .sprite_coord_enable = 3,
                                         .s3 = VIRGL_RS_S3_CLIP_PLANE_ENABLE(0x5),
                                         .line_width = 1.5f, .offset_units = 0.25f,
                                         .offset_scale = -2.0f, .offset_clamp = 0.0f };
    RT("rasterizer", virgl_enc_create_rasterizer(&E, 7, &rs),
       "CREATE_OBJECT RASTERIZER handle=7 s0=0x4002 point_size=2 sprite_coord=0x3 s3=0x5000000 "
       "line_width=1.5 offset_units=0.25 offset_scale=-2 offset_clamp=0");

    RT("shader", virgl_enc_create_shader_str(&E, 8, VIRGL_SHADER_FRAGMENT,
                                             "FRAG\nDCL OUT[0], COLOR\nEND\n", NULL),
       "CREATE_OBJECT SHADER handle=8 type=FRAGMENT bytes=28 tokens=314 so_outputs=0\n"
       "  | FRAG\n  | DCL OUT[0], COLOR\n  | END");

    struct virgl_so_info so = { .num_outputs = 2, .stride = { 8, 4, 0, 0 } };
    so.output[0] = (struct virgl_so_output){ 1, 0, 4, 0, 0, 0 };
    so.output[1] = (struct virgl_so_output){ 2, 1, 3, 1, 4, 1 };
    RT("shader with stream output",
       virgl_enc_create_shader(&E, 9, VIRGL_SHADER_VERTEX, "VERT\nEND\n", 9, 50, &so),
       "CREATE_OBJECT SHADER handle=9 type=VERTEX bytes=10 tokens=50 so_outputs=2 "
       "so_stride=8,4,0,0 so0={reg=1 comp=0+4 buf=0 dst=0 stream=0} "
       "so1={reg=2 comp=1+3 buf=1 dst=4 stream=1}\n  | VERT\n  | END");

    struct virgl_vertex_element ve[2] = { { 0, 0, 0, VIRGL_FORMAT_R32G32B32A32_FLOAT },
                                          { 16, 1, 1, VIRGL_FORMAT_R8G8B8A8_UNORM } };
    RT("vertex elements", virgl_enc_create_vertex_elements(&E, 10, 2, ve),
       "CREATE_OBJECT VERTEX_ELEMENTS handle=10 ve0={off=0 div=0 vb=0 fmt=R32G32B32A32_FLOAT} "
       "ve1={off=16 div=1 vb=1 fmt=R8G8B8A8_UNORM}");

    struct virgl_sampler_view_desc sv = { .res = 3, .format = VIRGL_FORMAT_B8G8R8A8_UNORM,
                                          .target = VIRGL_TARGET_2D_ARRAY, .first_layer = 1,
                                          .last_layer = 4, .first_level = 0, .last_level = 6,
                                          .swizzle = { 2, 1, 0, 5 } };
    RT("sampler view", virgl_enc_create_sampler_view(&E, 11, &sv),
       "CREATE_OBJECT SAMPLER_VIEW handle=11 res=3 format=B8G8R8A8_UNORM target=2D_ARRAY "
       "layers=1..4 levels=0..6 swizzle=zyx1");
    struct virgl_sampler_view_desc bv = { .res = 4, .format = VIRGL_FORMAT_R32_FLOAT,
                                          .target = VIRGL_TARGET_BUFFER, .first_element = 2,
                                          .last_element = 99, .swizzle = { 0, 1, 2, 3 } };
    RT("sampler view buffer", virgl_enc_create_sampler_view(&E, 12, &bv),
       "CREATE_OBJECT SAMPLER_VIEW handle=12 res=4 format=R32_FLOAT target=BUFFER "
       "first_element=2 last_element=99 swizzle=xyzw");

    struct virgl_sampler_state ss = { .wrap_s = VIRGL_WRAP_REPEAT,
                                      .wrap_t = VIRGL_WRAP_CLAMP_TO_EDGE,
                                      .wrap_r = VIRGL_WRAP_MIRROR_REPEAT,
                                      .min_img_filter = VIRGL_FILTER_LINEAR,
                                      .min_mip_filter = VIRGL_MIPFILTER_NONE,
                                      .mag_img_filter = VIRGL_FILTER_NEAREST,
                                      .compare_mode = 1, .compare_func = VIRGL_FUNC_LEQUAL,
                                      .max_anisotropy = 4, .lod_bias = -1.0f, .min_lod = 0.5f,
                                      .max_lod = 8.0f,
                                      .border_color = { 0x3f800000, 0, 0, 0x3f000000 } };
    RT("sampler state", virgl_enc_create_sampler_state(&E, 13, &ss),
       "CREATE_OBJECT SAMPLER_STATE handle=13 wrap=REPEAT,CLAMP_TO_EDGE,MIRROR_REPEAT "
       "min=LINEAR mip=NONE mag=NEAREST compare=LEQUAL aniso=4 lod_bias=-1 min_lod=0.5 "
       "max_lod=8 border=1,0,0,0.5");

    RT("surface", virgl_enc_create_surface(&E, 14, 2, VIRGL_FORMAT_R16G16B16A16_FLOAT, 3, 1, 2),
       "CREATE_OBJECT SURFACE handle=14 res=2 format=R16G16B16A16_FLOAT level=3 layers=1..2");
    RT("query", virgl_enc_create_query(&E, 15, VIRGL_QUERY_OCCLUSION_COUNTER, 0, 9, 16),
       "CREATE_OBJECT QUERY handle=15 type=OCCLUSION_COUNTER index=0 offset=16 res=9");
    RT("so target", virgl_enc_create_so_target(&E, 16, 5, 64, 1024),
       "CREATE_OBJECT STREAMOUT_TARGET handle=16 res=5 offset=64 size=1024");
    RT("bind object", virgl_enc_bind_object(&E, VIRGL_OBJECT_DSA, 6),
       "BIND_OBJECT DSA handle=6");
    RT("destroy object", virgl_enc_destroy_object(&E, VIRGL_OBJECT_SURFACE, 14),
       "DESTROY_OBJECT SURFACE handle=14");
    RT("bind shader", virgl_enc_bind_shader(&E, 8, VIRGL_SHADER_GEOMETRY),
       "BIND_SHADER handle=8 type=GEOMETRY");

    uint32_t cb[3] = { 14, 15, 16 };
    RT("framebuffer", virgl_enc_set_framebuffer_state(&E, 3, cb, 20),
       "SET_FRAMEBUFFER_STATE nr_cbufs=3 zsurf=20 cbufs=[14,15,16]");
    struct virgl_viewport vp[2] = { { { 32, -16, 0.5f }, { 32, 16, 0.5f } },
                                    { { 1, 2, 3 }, { 4, 5, 6 } } };
    RT("viewports", virgl_enc_set_viewport_states(&E, 1, 2, vp),
       "SET_VIEWPORT_STATE start=1 vp0={scale=32,-16,0.5 translate=32,16,0.5} "
       "vp1={scale=1,2,3 translate=4,5,6}");
    struct virgl_scissor sc[1] = { { 1, 2, 30, 40 } };
    RT("scissors", virgl_enc_set_scissor_states(&E, 0, 1, sc),
       "SET_SCISSOR_STATE start=0 sc0={1,2..30,40}");
    struct virgl_vertex_buffer vbs[2] = { { 16, 0, 3 }, { 8, 32, 4 } };
    RT("vertex buffers", virgl_enc_set_vertex_buffers(&E, 2, vbs),
       "SET_VERTEX_BUFFERS vb0={stride=16 offset=0 res=3} vb1={stride=8 offset=32 res=4}");
    RT("index buffer", virgl_enc_set_index_buffer(&E, 7, 2, 12),
       "SET_INDEX_BUFFER res=7 index_size=2 offset=12");
    RT("index buffer unbind", virgl_enc_set_index_buffer(&E, 0, 0, 0), "SET_INDEX_BUFFER res=0");
    uint32_t consts[4] = { 0x3f800000, 0x40000000, 0, 0xbf800000 };
    RT("constant buffer", virgl_enc_set_constant_buffer(&E, VIRGL_SHADER_VERTEX, 0, 4, consts),
       "SET_CONSTANT_BUFFER shader=VERTEX index=0 dwords=4 data=1,2,0,-1");
    RT("uniform buffer", virgl_enc_set_uniform_buffer(&E, VIRGL_SHADER_FRAGMENT, 2, 16, 256, 9),
       "SET_UNIFORM_BUFFER shader=FRAGMENT index=2 offset=16 length=256 res=9");
    uint32_t views[2] = { 11, 0 };
    RT("sampler views", virgl_enc_set_sampler_views(&E, VIRGL_SHADER_FRAGMENT, 3, 2, views),
       "SET_SAMPLER_VIEWS shader=FRAGMENT start=3 handles=[11,0]");
    uint32_t samps[1] = { 13 };
    RT("sampler states", virgl_enc_bind_sampler_states(&E, VIRGL_SHADER_GEOMETRY, 0, 1, samps),
       "BIND_SAMPLER_STATES shader=GEOMETRY start=0 handles=[13]");
    RT("stencil ref", virgl_enc_set_stencil_ref(&E, 0x12, 0xab),
       "SET_STENCIL_REF front=18 back=171");
    float bc[4] = { 0.25f, 0.5f, 0.75f, 1.0f };
    RT("blend color", virgl_enc_set_blend_color(&E, bc),
       "SET_BLEND_COLOR color=0.25,0.5,0.75,1");
    RT("sample mask", virgl_enc_set_sample_mask(&E, 0xffff), "SET_SAMPLE_MASK mask=0xffff");
    float planes[8][4] = { { 0 } };
    planes[0][0] = 1.0f;
    planes[0][3] = 0.5f;
    planes[7][1] = -1.0f;
    RT("clip state", virgl_enc_set_clip_state(&E, planes),
       "SET_CLIP_STATE plane0=1,0,0,0.5 plane7=0,-1,0,0");
    uint32_t sot[2] = { 16, 17 };
    RT("streamout targets", virgl_enc_set_streamout_targets(&E, 1, 2, sot),
       "SET_STREAMOUT_TARGETS append=0x1 targets=[16,17]");
    RT("render condition",
       virgl_enc_set_render_condition(&E, 15, true, VIRGL_RENDER_COND_NO_WAIT),
       "SET_RENDER_CONDITION query=15 condition=1 mode=1");
    RT("create sub ctx", virgl_enc_create_sub_ctx(&E, 3), "CREATE_SUB_CTX sub_ctx=3");
    RT("set sub ctx", virgl_enc_set_sub_ctx(&E, 3), "SET_SUB_CTX sub_ctx=3");
    RT("destroy sub ctx", virgl_enc_destroy_sub_ctx(&E, 3), "DESTROY_SUB_CTX sub_ctx=3");

    float col[4] = { 0.2f, 0.4f, 0.6f, 1.0f };
    RT("clear", virgl_enc_clear_f(&E, VIRGL_CLEAR_COLOR0 | VIRGL_CLEAR_DEPTH, col, 0.75, 7),
       "CLEAR buffers=0x5 color=0.2,0.4,0.6,1 color_bits=0x3e4ccccd,0x3ecccccd,0x3f19999a,"
       "0x3f800000 depth=0.75 stencil=7");
    struct virgl_draw_info di = { .start = 3, .count = 6, .mode = VIRGL_PRIM_TRIANGLES,
                                  .indexed = 1, .instance_count = 4, .index_bias = -2,
                                  .start_instance = 1, .primitive_restart = 1,
                                  .restart_index = 0xffff, .min_index = 0, .max_index = 9,
                                  .count_from_so = 0 };
    RT("draw_vbo", virgl_enc_draw_vbo(&E, &di),
       "DRAW_VBO start=3 count=6 mode=TRIANGLES indexed=1 instances=4 index_bias=-2 "
       "start_instance=1 restart=1 restart_index=65535 min_index=0 max_index=9 count_from_so=0");
    struct virgl_blit_info bi = { .mask = VIRGL_MASK_RGBA, .filter = VIRGL_FILTER_LINEAR,
                                  .scissor_enable = true, .scissor = { 1, 2, 3, 4 },
                                  .dst = { 2, 0, VIRGL_FORMAT_B8G8R8A8_UNORM, { 0, 0, 0, 8, 8, 1 } },
                                  .src = { 3, 1, VIRGL_FORMAT_R8G8B8A8_UNORM, { 4, 4, 0, 16, 16, 1 } } };
    RT("blit", virgl_enc_blit(&E, &bi),
       "BLIT mask=0xf filter=LINEAR scissor=1 cond=0 alpha_blend=0 scissor_box=1,2..3,4 "
       "dst={res=2 level=0 format=B8G8R8A8_UNORM box=0,0,0 8x8x1} "
       "src={res=3 level=1 format=R8G8B8A8_UNORM box=4,4,0 16x16x1}");
    struct virgl_box b = { 1, 2, 0, 5, 6, 1 };
    RT("resource copy region", virgl_enc_resource_copy_region(&E, 4, 0, 10, 20, 0, 5, 2, &b),
       "RESOURCE_COPY_REGION dst={res=4 level=0 at=10,20,0} src={res=5 level=2 box=1,2,0 5x6x1}");
    RT("begin query", virgl_enc_begin_query(&E, 15), "BEGIN_QUERY handle=15");
    RT("end query", virgl_enc_end_query(&E, 15), "END_QUERY handle=15");
    RT("get query result", virgl_enc_get_query_result(&E, 15, true),
       "GET_QUERY_RESULT handle=15 wait=1");
    struct virgl_box tb = { 0, 0, 0, 16, 8, 1 };
    RT("transfer3d", virgl_enc_transfer3d(&E, 6, 1, 0, &tb, 64, 512, 4096, VIRGL_TRANSFER_TO_HOST),
       "TRANSFER3D res=6 level=1 usage=0x0 stride=64 layer_stride=512 box=0,0,0 16x8x1 "
       "offset=4096 dir=TO_HOST");
    struct virgl_box ctb = { 1, 2, 0, 3, 4, 1 };
    const uint32_t texel[4] = { 0xff0000ff, 0, 0, 0 };
    RT("clear texture", virgl_enc_clear_texture(&E, 6, 0, &ctb, texel),
       "CLEAR_TEXTURE res=6 level=0 box=1,2,0 3x4x1 texel=0xff0000ff,0x0,0x0,0x0");
    uint8_t bytes[6] = { 1, 2, 3, 4, 5, 6 };
    struct virgl_box ib = { 0, 0, 0, 6, 1, 1 };
    RT("inline write", virgl_enc_resource_inline_write(&E, 6, 0, 0, &ib, 0, 0, bytes, 6),
       "RESOURCE_INLINE_WRITE res=6 level=0 usage=0x0 stride=0 layer_stride=0 box=0,0,0 6x1x1 "
       "data_dwords=2");
}

/* ---- buffer management ---------------------------------------------------- */

struct sink {
    uint32_t dw[1 << 17];
    uint32_t n;
    uint32_t calls;
    int fail_with;
    bool split;       /* a flushed chunk did not disassemble cleanly */
};

static void nothing(void *ctx, const char *line)
{
    (void)ctx;
    (void)line;
}

static int sink_flush(void *ctx, struct virgl_enc *e, const uint32_t *buf, uint32_t ndw)
{
    (void)e;
    struct sink *s = ctx;
    s->calls++;
    if (s->fail_with)
        return s->fail_with;
    if (virgl_dis(buf, ndw, 0, nothing, NULL))
        s->split = true;
    memcpy(s->dw + s->n, buf, ndw * 4);
    s->n += ndw;
    return 0;
}

static struct sink S;

static void buffer_tests(void)
{
    /* Small buffer: flushes happen, only at command boundaries, and the
     * concatenation equals the stream encoded into one big buffer. */
    uint32_t small[40];
    memset(&S, 0, sizeof(S));
    struct virgl_enc e;
    virgl_enc_init(&e, small, 40, sink_flush, &S);
    fresh();
    for (uint32_t i = 0; i < 50; i++) {
        struct virgl_draw_info di = { .count = i, .mode = VIRGL_PRIM_POINTS, .instance_count = 1 };
        virgl_enc_draw_vbo(&e, &di);
        virgl_enc_draw_vbo(&E, &di);
        virgl_enc_set_stencil_ref(&e, (uint8_t)i, 0);
        virgl_enc_set_stencil_ref(&E, (uint8_t)i, 0);
    }
    virgl_enc_flush(&e);
    if (e.error)
        notok("flush when full", "sticky error set");
    else if (S.split)
        notok("flush when full", "a flushed chunk split a command");
    else if (S.n != E.used || memcmp(S.dw, E.buf, E.used * 4))
        notok("flush when full", "flushed stream differs from the one-buffer stream");
    else if (S.calls < 2 || e.flushes != S.calls)
        notok("flush when full", "the small buffer was never flushed");
    else
        ok("flush when full");

    /* A command larger than the whole buffer. */
    uint32_t tiny[8];
    memset(&S, 0, sizeof(S));
    virgl_enc_init(&e, tiny, 8, sink_flush, &S);
    uint32_t c[16] = { 0 };
    int r = virgl_enc_set_constant_buffer(&e, 0, 0, 16, c);
    if (r != VIRGL_ENOSPACE || e.error != VIRGL_ENOSPACE || e.used != 0)
        notok("command larger than buffer", "expected VIRGL_ENOSPACE and nothing written");
    else
        ok("command larger than buffer");

    /* No callback and full. */
    virgl_enc_init(&e, tiny, 8, NULL, NULL);
    virgl_enc_set_sample_mask(&e, 1);
    virgl_enc_set_sample_mask(&e, 1);
    r = virgl_enc_set_sample_mask(&e, 1);     /* 6 dwords used, needs 2 more: fits */
    r = virgl_enc_set_sample_mask(&e, 1);     /* 8 used; this one does not fit */
    r = virgl_enc_set_sample_mask(&e, 1);
    if (r != VIRGL_ENOFLUSH || e.used != 8)
        notok("full without flush callback", "expected VIRGL_ENOFLUSH");
    else
        ok("full without flush callback");

    /* Failing callback: error surfaces with its code, sticky. */
    memset(&S, 0, sizeof(S));
    S.fail_with = -77;
    virgl_enc_init(&e, tiny, 8, sink_flush, &S);
    for (int i = 0; i < 5; i++)
        r = virgl_enc_set_sample_mask(&e, 1);
    if (r != VIRGL_EFLUSH || e.flush_error != -77 || virgl_enc_error(&e) != VIRGL_EFLUSH)
        notok("flush callback failure", "expected VIRGL_EFLUSH with flush_error -77");
    else
        ok("flush callback failure");

    /* Invalid arguments write nothing and set the sticky error. */
    fresh();
    int bad = 0;
    bad += virgl_enc_bind_shader(&E, 1, 9) == VIRGL_EINVAL;
    bad += virgl_enc_set_framebuffer_state(&E, 9, c, 0) == VIRGL_EINVAL;
    bad += virgl_enc_set_index_buffer(&E, 3, 3, 0) == VIRGL_EINVAL;
    bad += virgl_enc_bind_object(&E, VIRGL_OBJECT_COUNT, 1) == VIRGL_EINVAL;
    struct virgl_so_info so = { .num_outputs = 1 };
    so.output[0].num_components = 5;
    bad += virgl_enc_create_shader_str(&E, 1, 0, "VERT\nEND\n", &so) == VIRGL_EINVAL;
    struct virgl_draw_info di = { .mode = 99 };
    bad += virgl_enc_draw_vbo(&E, &di) == VIRGL_EINVAL;
    if (bad != 6 || E.used != 0 || E.error != VIRGL_EINVAL)
        notok("invalid arguments rejected", "an invalid call was encoded or not reported");
    else
        ok("invalid arguments rejected");
}

/* ---- shader chunking ------------------------------------------------------ */

static void chunk_tests(void)
{
    /* 100 KB of TGSI-like text through a 4096-dword buffer: it must arrive
     * as a first chunk + continuations whose text reassembles exactly. */
    size_t len = 100000;
    char *src = malloc(len + 1);
    for (size_t i = 0; i < len; i++)
        src[i] = (i % 61 == 60) ? '\n' : (char)('A' + (i * 7) % 26);
    src[len] = 0;
    static uint32_t buf[4096];
    memset(&S, 0, sizeof(S));
    struct virgl_enc e;
    virgl_enc_init(&e, buf, 4096, sink_flush, &S);
    virgl_enc_set_sample_mask(&e, 1);        /* something queued before */
    int r = virgl_enc_create_shader(&e, 42, VIRGL_SHADER_VERTEX, src, (uint32_t)len, 0, NULL);
    virgl_enc_flush(&e);
    char *got = calloc(1, len + 16);
    size_t have = 0, chunks = 0;
    const char *why = NULL;
    uint32_t i = 0;
    while (!why && i < S.n) {
        uint32_t h = S.dw[i], l = VIRGL_CMD_LEN(h);
        if (VIRGL_CMD_ID(h) == VIRGL_CCMD_CREATE_OBJECT && VIRGL_CMD_OBJ(h) == VIRGL_OBJECT_SHADER) {
            const uint32_t *p = S.dw + i;
            uint32_t off = p[3];
            if (chunks == 0 && (off & VIRGL_SHADER_OFFLEN_CONT || off != len + 1))
                why = "first chunk does not carry the total length";
            else if (chunks > 0 && off != ((uint32_t)have | VIRGL_SHADER_OFFLEN_CONT))
                why = "continuation offset wrong";
            else if (p[1] != 42 || p[2] != VIRGL_SHADER_VERTEX)
                why = "chunk handle/type wrong";
            uint32_t bytes = (l - 5) * 4;
            if (have + bytes > len + 16)
                bytes = (uint32_t)(len + 16 - have);
            memcpy(got + have, p + 6, bytes);
            have += (l - 5) * 4;
            chunks++;
        }
        i += 1 + l;
    }
    if (!why && r)
        why = "encoder failed";
    if (!why && chunks < 2)
        why = "text was not split";
    if (!why && (have < len + 1 || memcmp(got, src, len + 1)))
        why = "reassembled text differs (or lacks its NUL)";
    if (!why && S.split)
        why = "a flush split a command";
    if (why)
        notok("long shader chunking", why);
    else
        ok("long shader chunking");
    free(got);
    free(src);
}

/* ---- caps + formats ------------------------------------------------------- */

static void caps_tests(void)
{
    static uint32_t blob[400];
    memset(blob, 0, sizeof(blob));
    blob[0] = 2;                                           /* max_version */
    blob[1 + VIRGL_FORMAT_B8G8R8A8_UNORM / 32] |= 1u << (VIRGL_FORMAT_B8G8R8A8_UNORM % 32);
    blob[17 + VIRGL_FORMAT_B8G8R8A8_UNORM / 32] |= 1u << (VIRGL_FORMAT_B8G8R8A8_UNORM % 32);
    blob[33 + VIRGL_FORMAT_Z24_UNORM_S8_UINT / 32] |= 1u << (VIRGL_FORMAT_Z24_UNORM_S8_UINT % 32);
    blob[49 + VIRGL_FORMAT_R32G32B32A32_SINT / 32] |= 1u << (VIRGL_FORMAT_R32G32B32A32_SINT % 32);
    blob[65] = VIRGL_BSET_OCCLUSION_QUERY | VIRGL_BSET_UBO;
    blob[66] = 450;
    blob[70] = 8;
    struct virgl_wire_caps_v2 *w = (struct virgl_wire_caps_v2 *)blob;
    w->capability_bits = VIRGL_CAP_TRANSFER | VIRGL_CAP_COPY_IMAGE;
    w->max_texture_2d_size = 16384;
    w->capability_bits_v2 = (1u << 4);
    struct virgl_caps c;
    int r = virgl_caps_parse(&c, blob, VIRGL_WIRE_CAPS_V2_BYTES);
    if (r || !c.has_v2 || c.max_version != 2 || c.glsl_level != 450 || c.max_render_targets != 8 ||
        c.bset != (VIRGL_BSET_OCCLUSION_QUERY | VIRGL_BSET_UBO) ||
        c.capability_bits != (VIRGL_CAP_TRANSFER | VIRGL_CAP_COPY_IMAGE) ||
        c.max_texture_2d_size != 16384 || c.capability_bits_v2 != (1u << 4))
        notok("caps v2 parse", "fields differ from the blob");
    else
        ok("caps v2 parse");

    uint32_t b1 = virgl_caps_format_binds(&c, VIRGL_FORMAT_B8G8R8A8_UNORM);
    uint32_t b2 = virgl_caps_format_binds(&c, VIRGL_FORMAT_Z24_UNORM_S8_UINT);
    uint32_t b3 = virgl_caps_format_binds(&c, VIRGL_FORMAT_R32G32B32A32_SINT);
    uint32_t b4 = virgl_format_dxgi_binds(&c, 87 /* DXGI B8G8R8A8_UNORM */);
    uint32_t b5 = virgl_format_dxgi_binds(&c, 28 /* DXGI R8G8B8A8_UNORM: not in blob */);
    if (b1 != (VIRGL_BIND_SAMPLER_VIEW | VIRGL_BIND_RENDER_TARGET) ||
        b2 != VIRGL_BIND_DEPTH_STENCIL || b3 != VIRGL_BIND_VERTEX_BUFFER || b4 != b1 || b5 != 0)
        notok("format binds from caps masks", "bind bits differ from the masks");
    else
        ok("format binds from caps masks");

    blob[0] = 1;
    r = virgl_caps_parse(&c, blob, VIRGL_WIRE_CAPS_V1_BYTES);
    if (r || c.has_v2 || c.glsl_level != 450 || c.capability_bits != 0)
        notok("caps v1 parse", "v1 blob misread");
    else
        ok("caps v1 parse");
    int s1 = virgl_caps_parse(&c, blob, VIRGL_WIRE_CAPS_V1_BYTES - 4);
    blob[0] = 0;
    int s2 = virgl_caps_parse(&c, blob, VIRGL_WIRE_CAPS_V2_BYTES);
    int s3 = virgl_caps_parse(&c, NULL, 0);
    if (s1 != VIRGL_EFORMAT || s2 != VIRGL_EFORMAT || s3 != VIRGL_EFORMAT)
        notok("caps malformed blobs", "short / version-0 / NULL blob accepted");
    else
        ok("caps malformed blobs");
}

/* Bytes per pixel from a DXGI name's channel widths (R8G8B8A8 -> 4). */
static int bits_from_name(const char *n)
{
    int bits = 0;
    for (const char *p = n; *p; p++) {
        bool start = p == n || p[-1] == '_' || (p[-1] >= '0' && p[-1] <= '9');
        if (start && strchr("RGBADSXZ", *p) && p[1] >= '0' && p[1] <= '9')
            bits += atoi(p + 1);
    }
    return bits;
}

static void format_tests(void)
{
    char why[256] = "";
    uint32_t n = virgl_format_count();
    for (uint32_t i = 0; i < n && !why[0]; i++) {
        const struct virgl_format_desc *d = virgl_format_at(i);
        if (!(d->flags & VIRGL_FMT_STAND_IN) && virgl_format_from_dxgi(d->dxgi) != d)
            snprintf(why, sizeof(why), "DXGI %u appears twice", d->dxgi);
        if (!(d->flags & VIRGL_FMT_TYPELESS) && virgl_format_to_dxgi(d->virgl) != d->dxgi)
            snprintf(why, sizeof(why), "%s: virgl %u maps back to DXGI %u", d->name, d->virgl,
                     virgl_format_to_dxgi(d->virgl));
        if (d->flags & VIRGL_FMT_COMPRESSED)
            continue;
        int bits = bits_from_name(d->name);
        if (!strncmp(d->name, "R9G9B9E5", 8) || strstr(d->name, "_B8G8_") || strstr(d->name, "_G8B8_"))
            continue;   /* shared exponent / packed 4:2:2: not a channel sum */
        if (bits && bits != 8 * d->block_bytes)
            snprintf(why, sizeof(why), "%s: %d bits but %u bytes", d->name, bits, d->block_bytes);
    }
    if (why[0])
        notok("format table consistent", why);
    else
        ok("format table consistent");

    const struct virgl_format_desc *a = virgl_format_from_dxgi(87);
    const struct virgl_format_desc *z = virgl_format_from_dxgi(45);
    const struct virgl_format_desc *t = virgl_format_from_dxgi(27);
    if (!a || a->virgl != VIRGL_FORMAT_B8G8R8A8_UNORM || !z ||
        z->virgl != VIRGL_FORMAT_Z24_UNORM_S8_UINT || !(z->flags & VIRGL_FMT_DEPTH) || !t ||
        t->virgl != VIRGL_FORMAT_R8G8B8A8_UNORM || !(t->flags & VIRGL_FMT_TYPELESS) ||
        virgl_format_to_dxgi(VIRGL_FORMAT_S8_UINT_Z24_UNORM) != 45 ||
        virgl_format_from_dxgi(0) || virgl_format_from_dxgi(1000) ||
        virgl_format_stride(VIRGL_FORMAT_DXT1_RGBA, 13) != 32 ||
        virgl_format_level_size(VIRGL_FORMAT_DXT5_RGBA, 8, 5) != 64)
        notok("format lookups", "a known mapping or block size is wrong");
    else
        ok("format lookups");
}

static void dis_tests(void)
{
    uint32_t s[4] = { VIRGL_CMD0(VIRGL_CCMD_SET_SAMPLE_MASK, 0, 1), 0xf,
                      VIRGL_CMD0(VIRGL_CCMD_CLEAR, 0, 200), 0 };
    text_n = 0;
    text[0] = 0;
    int r = virgl_dis(s, 4, VIRGL_DIS_OFFSETS, collect, NULL);
    if (r != VIRGL_ETRUNC || !strstr(text, "0: SET_SAMPLE_MASK mask=0xf\n") ||
        !strstr(text, "2: TRUNCATED CLEAR len=200 left=1"))
        notok("disassembler truncated stream", text);
    else
        ok("disassembler truncated stream");
    uint32_t u[3] = { VIRGL_CMD0(200, 0, 2), 1, 2 };
    text_n = 0;
    r = virgl_dis(u, 3, 0, collect, NULL);
    if (r || strcmp(text, "CMD200 raw: 0x1 0x2\n"))
        notok("disassembler unknown command", text);
    else
        ok("disassembler unknown command");
}

/* --emit FILE: writes a small stream for the virgl-dis command-line test. */
static int emit(const char *path)
{
    fresh();
    float col[4] = { 1.0f, 0.0f, 0.5f, 1.0f };
    virgl_enc_create_surface(&E, 1, 2, VIRGL_FORMAT_B8G8R8A8_UNORM, 0, 0, 0);
    virgl_enc_set_framebuffer_state(&E, 1, (uint32_t[]){ 1 }, 0);
    virgl_enc_clear_f(&E, VIRGL_CLEAR_COLOR0, col, 1.0, 0);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(E.buf, 4, E.used, f) != E.used)
        return 2;
    return fclose(f) ? 2 : 0;
}

/* Fields outside their enums (found by the fuzzer: a blend factor of 29
 * indexed past the name table) print as "?" instead of reading out of
 * bounds. */
static void dis_bad_fields(void)
{
    uint32_t s[12] = { VIRGL_CMD0(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_BLEND, 11), 1, 0, 0,
                       VIRGL_BLEND_S2_ENABLE | VIRGL_BLEND_S2_RGB_FUNC(7) |
                           VIRGL_BLEND_S2_RGB_SRC(29) | VIRGL_BLEND_S2_RGB_DST(31),
                       0, 0, 0, 0, 0, 0, 0 };
    text_n = 0;
    text[0] = 0;
    int r = virgl_dis(s, 12, 0, collect, NULL);
    if (r || !strstr(text, "rt0={rgb=?(?,?)"))
        notok("disassembler out-of-range fields", text);
    else
        ok("disassembler out-of-range fields");
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--emit"))
        return emit(argv[2]);
    roundtrips();
    buffer_tests();
    chunk_tests();
    caps_tests();
    format_tests();
    dis_tests();
    dis_bad_fields();
    return failures ? 1 : 0;
}
