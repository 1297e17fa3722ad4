/*
 * virgl_render_vtq.c — cases run through the quad helper (vtq.h), which
 * also proves the helper the SM4 tests use: texture sampling of mip levels
 * uploaded by encoded TRANSFER3D, texel-exact sampling, inline constants
 * and uniform blocks in the FS and VS, and stream output read back.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "vtq.h"

static char why[1024];

#define FAIL(...) do { snprintf(why, sizeof(why), __VA_ARGS__); return why; } while (0)

/* 8x8 RGBA8 texture with 4 levels, level L filled with colour L; the FS
 * samples with an explicit LOD from CONST[0].x. */
static const char *tex_mips(struct vtq *q)
{
    static const uint8_t col[4][4] = { { 255, 0, 0, 255 }, { 0, 255, 0, 255 },
                                       { 0, 0, 255, 255 }, { 255, 255, 0, 128 } };
    uint8_t data[(64 + 16 + 4 + 1) * 4];
    uint32_t off = 0;
    for (uint32_t l = 0; l < 4; l++) {
        uint32_t n = (8 >> l) * (8 >> l);
        for (uint32_t i = 0; i < n; i++)
            memcpy(data + off + 4 * i, col[l], 4);
        off += 4 * n;
    }
    for (uint32_t l = 0; l < 4; l++) {
        float lod[4] = { (float)l, 0, 0, 0 };
        struct vtq_desc d = {
            .fs = "FRAG\nDCL IN[0], GENERIC[0], PERSPECTIVE\nDCL OUT[0], COLOR\n"
                  "DCL SAMP[0]\nDCL SVIEW[0], 2D, FLOAT\nDCL CONST[0]\nDCL TEMP[0]\n"
                  "  0: MOV TEMP[0], IN[0]\n  1: MOV TEMP[0].w, CONST[0].xxxx\n"
                  "  2: TXL OUT[0], TEMP[0], SAMP[0], 2D\n  3: END\n",
            .rt_format = VIRGL_FORMAT_R8G8B8A8_UNORM, .width = 8, .height = 8,
            .consts = { [VIRGL_SHADER_FRAGMENT] = (const uint32_t *)lod },
            .consts_dw = { [VIRGL_SHADER_FRAGMENT] = 4 },
            .num_tex = 1,
            .tex = { { .stage = VIRGL_SHADER_FRAGMENT, .slot = 0, .target = VIRGL_TARGET_2D,
                       .format = VIRGL_FORMAT_R8G8B8A8_UNORM, .width = 8, .height = 8,
                       .levels = 4, .data = data } },
        };
        struct vtq_result r;
        if (vtq_draw(q, &d, &r))
            FAIL("level %u draw: %s", l, vtq_error(q));
        const uint8_t *p = vtq_pixel(&r, 0, 3, 5);
        int bad = memcmp(p, col[l], 4);
        uint8_t got[4];
        memcpy(got, p, 4);
        vtq_result_free(&r);
        if (bad)
            FAIL("level %u sampled as %u,%u,%u,%u, want %u,%u,%u,%u", l, got[0], got[1], got[2],
                 got[3], col[l][0], col[l][1], col[l][2], col[l][3]);
    }
    return NULL;
}

/* Every texel distinct; an 8x8 target sampling an 8x8 texture with the
 * default texcoords copies it row for row. */
static const char *tex_exact(struct vtq *q)
{
    uint8_t data[64 * 4];
    for (uint32_t i = 0; i < 64; i++) {
        data[4 * i] = (uint8_t)(i * 4);
        data[4 * i + 1] = (uint8_t)(255 - i);
        data[4 * i + 2] = (uint8_t)(i * 37);
        data[4 * i + 3] = 255;
    }
    struct vtq_desc d = {
        .fs = "FRAG\nDCL IN[0], GENERIC[0], PERSPECTIVE\nDCL OUT[0], COLOR\n"
              "DCL SAMP[0]\nDCL SVIEW[0], 2D, FLOAT\n"
              "  0: TEX OUT[0], IN[0], SAMP[0], 2D\n  1: END\n",
        .rt_format = VIRGL_FORMAT_R8G8B8A8_UNORM, .width = 8, .height = 8, .num_tex = 1,
        .tex = { { .stage = VIRGL_SHADER_FRAGMENT, .target = VIRGL_TARGET_2D,
                   .format = VIRGL_FORMAT_R8G8B8A8_UNORM, .width = 8, .height = 8,
                   .data = data } },
    };
    struct vtq_result r;
    if (vtq_draw(q, &d, &r))
        FAIL("draw: %s", vtq_error(q));
    for (uint32_t y = 0; y < 8; y++)
        for (uint32_t x = 0; x < 8; x++) {
            const uint8_t *p = vtq_pixel(&r, 0, x, y);
            if (memcmp(p, data + 4 * (y * 8 + x), 4)) {
                snprintf(why, sizeof(why), "pixel %u,%u is %u,%u,%u,%u, texel is %u,%u,%u,%u", x,
                         y, p[0], p[1], p[2], p[3], data[4 * (y * 8 + x)],
                         data[4 * (y * 8 + x) + 1], data[4 * (y * 8 + x) + 2],
                         data[4 * (y * 8 + x) + 3]);
                vtq_result_free(&r);
                return why;
            }
        }
    vtq_result_free(&r);
    return NULL;
}

static const char *fs_constants(struct vtq *q)
{
    float c0[8] = { 0.25f, 0, 0.5f, 0, 9, 9, 9, 9 };
    float ub[8] = { 7, 7, 7, 7, 0.5f, 0.25f, 0.25f, 1 };   /* CONST[1][1] is the second vec4 */
    struct vtq_desc d = {
        .fs = "FRAG\nDCL OUT[0], COLOR\nDCL CONST[0..1]\nDCL CONST[1][0..1]\n"
              "  0: ADD OUT[0], CONST[0], CONST[1][1]\n  1: END\n",
        .rt_format = VIRGL_FORMAT_R32G32B32A32_FLOAT, .width = 4, .height = 4,
        .consts = { [VIRGL_SHADER_FRAGMENT] = (const uint32_t *)c0 },
        .consts_dw = { [VIRGL_SHADER_FRAGMENT] = 8 },
        .ubo = { [VIRGL_SHADER_FRAGMENT] = { [1] = { ub, sizeof(ub) } } },
    };
    struct vtq_result r;
    if (vtq_draw(q, &d, &r))
        FAIL("draw: %s", vtq_error(q));
    const float *p = vtq_pixel(&r, 0, 1, 1);
    float got[4];
    memcpy(got, p, 16);
    vtq_result_free(&r);
    if (got[0] != 0.75f || got[1] != 0.25f || got[2] != 0.75f || got[3] != 1.0f)
        FAIL("pixel is %g,%g,%g,%g, want 0.75,0.25,0.75,1", got[0], got[1], got[2], got[3]);
    return NULL;
}

/* The VS scales positions by CONST[0]: the quad shrinks to the middle half. */
static const char *vs_constants(struct vtq *q)
{
    float c0[4] = { 0.5f, 0.5f, 1, 1 };
    struct vtq_desc d = {
        .vs = "VERT\nDCL IN[0]\nDCL OUT[0], POSITION\nDCL CONST[0]\n"
              "  0: MUL OUT[0], IN[0], CONST[0]\n  1: END\n",
        .fs = "FRAG\nDCL OUT[0], COLOR\nIMM[0] FLT32 {1.0, 1.0, 1.0, 1.0}\n"
              "  0: MOV OUT[0], IMM[0]\n  1: END\n",
        .width = 16, .height = 16,
        .consts = { [VIRGL_SHADER_VERTEX] = (const uint32_t *)c0 },
        .consts_dw = { [VIRGL_SHADER_VERTEX] = 4 },
    };
    struct vtq_result r;
    if (vtq_draw(q, &d, &r))
        FAIL("draw: %s", vtq_error(q));
    const uint8_t *in = vtq_pixel(&r, 0, 8, 8), *out = vtq_pixel(&r, 0, 1, 1);
    int ok = in[0] == 255 && in[2] == 255 && out[0] == 0 && out[2] == 0 && out[3] == 0;
    uint8_t a[4], b[4];
    memcpy(a, in, 4);
    memcpy(b, out, 4);
    vtq_result_free(&r);
    if (!ok)
        FAIL("centre %u,%u,%u,%u corner %u,%u,%u,%u", a[0], a[1], a[2], a[3], b[0], b[1], b[2],
             b[3]);
    return NULL;
}

/* POSITION (all of OUT[0]) into buffer 0 and OUT[1].yz into buffer 1. */
static const char *stream_output(struct vtq *q)
{
    float v[3 * 8] = { 0.1f, 0.2f, 0.3f, 1.0f,   10, 11, 12, 13,
                       0.4f, 0.5f, 0.6f, 1.0f,   20, 21, 22, 23,
                       0.7f, 0.8f, 0.9f, 1.0f,   30, 31, 32, 33 };
    struct virgl_so_info so = { .num_outputs = 2, .stride = { 4, 2, 0, 0 } };
    so.output[0] = (struct virgl_so_output){ 0, 0, 4, 0, 0, 0 };
    so.output[1] = (struct virgl_so_output){ 1, 1, 2, 1, 0, 0 };
    struct vtq_desc d = {
        .vertices = v, .num_vertices = 3, .num_attrs = 2, .prim = VIRGL_PRIM_TRIANGLES,
        .so = &so, .so_size = { 3 * 16 + 16, 3 * 8 + 8 }, .rasterizer_discard = true,
        .width = 4, .height = 4,
    };
    struct vtq_result r;
    if (vtq_draw(q, &d, &r))
        FAIL("draw: %s", vtq_error(q));
    const float *b0 = (const float *)r.so[0], *b1 = (const float *)r.so[1];
    const char *bad = NULL;
    for (int i = 0; i < 3 && !bad; i++) {
        for (int c = 0; c < 4; c++)
            if (b0[4 * i + c] != v[8 * i + c])
                bad = "buffer 0 differs from the positions";
        if (b1[2 * i] != v[8 * i + 5] || b1[2 * i + 1] != v[8 * i + 6])
            bad = "buffer 1 differs from OUT[1].yz";
    }
    for (int i = 48; i < 64 && !bad; i++)
        if (r.so[0][i] != 0xcd)
            bad = "buffer 0 written past the captured vertices";
    uint64_t prims = r.so_prims;
    vtq_result_free(&r);
    if (bad)
        FAIL("%s", bad);
    if (prims != 1)
        FAIL("PRIMITIVES_EMITTED %llu, want 1", (unsigned long long)prims);
    return NULL;
}

/* A GS that scales each input triangle by half: the quad shrinks to the
 * middle, which shows the GS ran (and was bound through the helper). */
static const char *geometry_shader(struct vtq *q)
{
    struct vtq_desc d = {
        .vs = "VERT\nDCL IN[0]\nDCL OUT[0], POSITION\n  0: MOV OUT[0], IN[0]\n  1: END\n",
        .gs = "GEOM\nPROPERTY GS_INPUT_PRIMITIVE TRIANGLES\n"
              "PROPERTY GS_OUTPUT_PRIMITIVE TRIANGLE_STRIP\nPROPERTY GS_MAX_OUTPUT_VERTICES 3\n"
              "PROPERTY GS_INVOCATIONS 1\n"
              "DCL IN[][0], POSITION\nDCL OUT[0], POSITION\nDCL TEMP[0]\n"
              "IMM[0] FLT32 {0.5, 0.5, 1.0, 1.0}\nIMM[1] INT32 {0, 0, 0, 0}\n"
              "  0: MUL OUT[0], IN[0][0], IMM[0]\n  1: EMIT IMM[1].xxxx\n"
              "  2: MUL OUT[0], IN[1][0], IMM[0]\n  3: EMIT IMM[1].xxxx\n"
              "  4: MUL OUT[0], IN[2][0], IMM[0]\n  5: EMIT IMM[1].xxxx\n"
              "  6: ENDPRIM IMM[1].xxxx\n  7: END\n",
        .fs = "FRAG\nDCL OUT[0], COLOR\nIMM[0] FLT32 {0.0, 1.0, 0.0, 1.0}\n"
              "  0: MOV OUT[0], IMM[0]\n  1: END\n",
        .width = 16, .height = 16,
    };
    struct vtq_result r;
    if (vtq_draw(q, &d, &r))
        FAIL("draw: %s", vtq_error(q));
    const uint8_t *in = vtq_pixel(&r, 0, 8, 8), *out = vtq_pixel(&r, 0, 1, 1);
    int ok = in[1] == 255 && in[0] == 0 && out[1] == 0;
    uint8_t a[4], b[4];
    memcpy(a, in, 4);
    memcpy(b, out, 4);
    vtq_result_free(&r);
    if (!ok)
        FAIL("centre %u,%u,%u,%u corner %u,%u,%u,%u", a[0], a[1], a[2], a[3], b[0], b[1], b[2],
             b[3]);
    return NULL;
}

/* Integer vertex input: IN[1] read as R32G32B32A32_SINT reaches the FS
 * unchanged (flat) and is written to an integer target. */
static const char *int_vertex_input(struct vtq *q)
{
    union { float f; int32_t i; } v[4 * 8];
    const float xy[4][2] = { { -1, -1 }, { 1, -1 }, { -1, 1 }, { 1, 1 } };
    for (int k = 0; k < 4; k++) {
        v[8 * k + 0].f = xy[k][0];
        v[8 * k + 1].f = xy[k][1];
        v[8 * k + 2].f = 0;
        v[8 * k + 3].f = 1;
        v[8 * k + 4].i = -7;
        v[8 * k + 5].i = 123456;
        v[8 * k + 6].i = 0;
        v[8 * k + 7].i = 42;
    }
    struct vtq_desc d = {
        .vs = "VERT\nDCL IN[0]\nDCL IN[1]\nDCL OUT[0], POSITION\nDCL OUT[1], GENERIC[0]\n"
              "  0: MOV OUT[0], IN[0]\n  1: MOV OUT[1], IN[1]\n  2: END\n",
        .fs = "FRAG\nDCL IN[0], GENERIC[0], CONSTANT\nDCL OUT[0], COLOR\n"
              "  0: MOV OUT[0], IN[0]\n  1: END\n",
        .rt_format = VIRGL_FORMAT_R32G32B32A32_SINT, .width = 4, .height = 4,
        .clear_is_int = true,
        .vertices = &v[0].f, .num_vertices = 4, .num_attrs = 2,
        .prim = VIRGL_PRIM_TRIANGLE_STRIP,
        .attr_format = { 0, VIRGL_FORMAT_R32G32B32A32_SINT },
    };
    struct vtq_result r;
    if (vtq_draw(q, &d, &r))
        FAIL("draw: %s", vtq_error(q));
    int32_t got[4];
    memcpy(got, vtq_pixel(&r, 0, 2, 1), 16);
    vtq_result_free(&r);
    if (got[0] != -7 || got[1] != 123456 || got[2] != 0 || got[3] != 42)
        FAIL("pixel is %d,%d,%d,%d, want -7,123456,0,42", got[0], got[1], got[2], got[3]);
    return NULL;
}

/* CLIPDIST[0] = x clips the left half (x < 0) away, as SV_ClipDistance
 * does in D3D10.  (virglrenderer 0.10.4 applies written clip distances
 * whatever the rasterizer's clip_plane_enable says; observed, so the case
 * sets the enable bit as a D3D10 UMD would and checks only the clipping.) */
static const char *clip_distance(struct vtq *q)
{
    struct vtq_desc d = {
        .vs = "VERT\nDCL IN[0]\nDCL OUT[0], POSITION\nDCL OUT[1], CLIPDIST[0]\n"
              "  0: MOV OUT[0], IN[0]\n  1: MOV OUT[1], IN[0].xxxx\n  2: END\n",
        .fs = "FRAG\nDCL OUT[0], COLOR\nIMM[0] FLT32 {1.0, 1.0, 1.0, 1.0}\n"
              "  0: MOV OUT[0], IMM[0]\n  1: END\n",
        .width = 16, .height = 16, .clip_plane_enable = 1,
    };
    struct vtq_result r;
    if (vtq_draw(q, &d, &r))
        FAIL("draw: %s", vtq_error(q));
    uint8_t left = ((const uint8_t *)vtq_pixel(&r, 0, 3, 8))[0];
    uint8_t right = ((const uint8_t *)vtq_pixel(&r, 0, 12, 8))[0];
    vtq_result_free(&r);
    if (right != 255 || left != 0)
        FAIL("left %u (want 0: clipped) right %u (want 255)", left, right);
    return NULL;
}

struct vcase {
    const char *name;
    const char *(*fn)(struct vtq *q);
};

int sc_run_vtq_cases(struct vtest_server *srv)
{
    static const struct vcase cases[] = {
        { "texture mip levels uploaded by transfer3d", tex_mips },
        { "texture sampled texel-exact", tex_exact },
        { "constant buffers (inline + uniform block)", fs_constants },
        { "vertex shader constants", vs_constants },
        { "stream output captured and read back", stream_output },
        { "geometry shader", geometry_shader },
        { "integer vertex input to an integer target", int_vertex_input },
        { "clip distance with clip_plane_enable", clip_distance },
    };
    struct vtq *q;
    int failed = 0;
    if (vtq_open_on(&q, srv)) {
        printf("not ok - quad helper connect: %s\n", vtq_error(q));
        return 1;
    }
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *w = cases[i].fn(q);
        if (w) {
            printf("not ok - %s: %s\n", cases[i].name, w);
            failed++;
        } else {
            printf("ok - %s\n", cases[i].name);
        }
        fflush(stdout);
    }
    vtq_close(q);
    return failed;
}
