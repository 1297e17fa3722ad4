/*
 * vtq.h — "draw a full-screen quad with these TGSI shaders into a render
 * target and read the pixels (and stream output) back", in a few calls, on
 * a real virgl_test_server (llvmpipe).  Native Linux, test-only; built on
 * vtest.h and the encoder.
 *
 * How to use it:
 *   struct vtq *q;
 *   if (vtq_open(&q)) { printf("not ok - x: %s\n", vtq_error(q)); ... }
 *   struct vtq_desc d = {
 *       .fs = "FRAG\nDCL OUT[0], COLOR\nIMM[0] FLT32 {1.0, 0.5, 0.0, 1.0}\n"
 *             "MOV OUT[0], IMM[0]\nEND\n",
 *       .rt_format = VIRGL_FORMAT_R32G32B32A32_FLOAT, .width = 4, .height = 4,
 *   };
 *   struct vtq_result r;
 *   if (vtq_draw(q, &d, &r)) printf("not ok - x: %s\n", vtq_error(q));
 *   else { const float *px = vtq_pixel(&r, 0, 1, 2); ... }
 *   vtq_result_free(&r);
 *   ...more draws on the same server...
 *   vtq_close(q);                    // stops the server
 *
 * What a draw does (each draw in its own fresh sub-context, destroyed
 * after, and with its own resources, unreferenced after, so draws do not
 * see each other's state):
 *   - creates num_rts render targets (default 1) of rt_format(s), width x
 *     height (default B8G8R8A8_UNORM, 64 x 64) and clears them to `clear`
 *     (float, default 0,0,0,0) or `clear_u` (integer formats: set
 *     clear_is_int);
 *   - vertex input: by default 4 vertices, TRIANGLE_STRIP, covering the
 *     viewport, with two float4 attributes:
 *         IN[0] = position (x, y, 0, 1) with x, y in {-1, 1}
 *         IN[1] = texcoord (u, v, 0, 1) with u = (x+1)/2, v = (y+1)/2
 *     or the caller's `vertices` (num_vertices x num_attrs float4, vertex
 *     major), drawn with `prim` (default TRIANGLE_STRIP) and `instances`;
 *   - VS: `vs`, or the default pass-through (OUT[0] POSITION = IN[0],
 *     OUT[1] GENERIC[0] = IN[1]); GS: `gs` when not NULL; FS: `fs`, or a
 *     default that writes (0, 0, 0, 1) to COLOR 0;
 *   - constants: consts[stage] (consts_dw[stage] dwords) are set inline as
 *     CONST[0] of that stage; ubo[stage][i] (i >= 1) are uploaded to buffer
 *     resources bound as uniform block i (TGSI CONST[i][...]);
 *   - textures: tex[0..num_tex) are created with all their mip levels
 *     uploaded by encoded TRANSFER3D (a cube map one face per transfer),
 *     viewed as sampler view `slot` of `stage` (SVIEW[slot]), with
 *     `sampler` bound to SAMP[slot].  target BUFFER makes a buffer of
 *     `width` elements of `format` (a PIPE_BUFFER sampler view, for ld on a
 *     D3D buffer SRV).  samples > 1 makes a multisampled 2D texture that
 *     cannot be uploaded: it is cleared, as a render target, to the four
 *     dwords at `data` (float or integer bits, as the format wants) before
 *     the draw, so every sample holds that value (sample_mask/mask_data then
 *     overwrite chosen samples with a second value, for a per-sample pattern);
 *   - depth: depth_format (e.g. Z32_FLOAT) adds a depth attachment cleared
 *     to clear_depth, with the depth test on (depth_func, VIRGL_FUNC_*;
 *     ALWAYS to just store what the shader writes) and depth writes on; it
 *     is read back into result.depth (row 0 = NDC y -1, like the RTs);
 *   - stream output: when `so` is set it is attached to the GS (or the VS
 *     if there is no GS); so_size[b] bytes of buffer b are bound as SO
 *     target b, filled with 0xcd bytes first, and read back into
 *     result.so[b]; result.so_prims is the PRIMITIVES_EMITTED count
 *     (waited for with vtest_wait_query before the sub-context goes).
 *     Set rasterizer_discard to skip rasterization;
 *   - viewport = the whole RT, no scissor, no blending, no depth, culling
 *     off, half-pixel centers (D3D10 rules: pixel (x, y) samples at x+.5).
 * Orientation: result row 0 is NDC y = -1 (the bottom of the quad) and is
 * also texel row 0 of a texture sampled with the default texcoords, so a
 * texture copies straight through, row for row.
 *
 * Errors: vtq_draw returns 0 or a negative code; vtq_error(q) then holds a
 * one-line reason plus the server's last log lines (shader compile errors,
 * "failed to dispatch", context errors).  A draw that kills the connection
 * (bad TGSI, say) does not spoil the next one: vtq reconnects.
 */
#ifndef VTQ_H
#define VTQ_H

#include <stdbool.h>
#include <stdint.h>

#include "vtest.h"

#define VTQ_MAX_RT     8
#define VTQ_MAX_TEX    16
#define VTQ_MAX_UBO    16    /* uniform block indices 1..15 */
#define VTQ_MAX_ATTRS  8

struct vtq;

struct vtq_texture {
    uint32_t stage;           /* VIRGL_SHADER_* */
    uint32_t slot;            /* SVIEW[slot] and SAMP[slot] */
    uint32_t target;          /* VIRGL_TARGET_* (BUFFER: width elements, no sampler needed) */
    uint32_t format;          /* virgl_format */
    uint32_t width, height;
    uint32_t depth;           /* 3D depth, or array layers for arrays/cubes (6 per cube); 0 = 1 */
    uint32_t levels;          /* 0 = 1 */
    uint32_t samples;         /* 0/1 = single-sampled; see above */
    /* Multisampled only: after the clear, a full-screen quad writes the 4
     * dwords at mask_data into the samples whose bits are in sample_mask
     * (pipe sample mask, multisample rasterization), e.g. 0x5 gives
     * samples 0 and 2 mask_data and samples 1 and 3 data. */
    uint32_t sample_mask;
    const void *mask_data;
    /* All levels tightly packed, level 0 first, layers/slices within a level. */
    const void *data;
    /* All-zero = nearest filtering, clamp to edge, nearest mip, lod 0..1000. */
    struct virgl_sampler_state sampler;
};

struct vtq_ubo {
    const void *data;
    uint32_t size;            /* bytes; 0 = not bound */
};

struct vtq_desc {
    const char *vs, *gs, *fs; /* TGSI text; vs/fs NULL = the defaults above */
    uint32_t width, height;   /* 0 = 64 */
    uint32_t rt_format;       /* 0 = B8G8R8A8_UNORM; used for every RT unless rt_formats[i] set */
    uint32_t num_rts;         /* 0 = 1 */
    uint32_t rt_formats[VTQ_MAX_RT];
    float clear[4];
    uint32_t clear_u[4];
    bool clear_is_int;

    const float *vertices;    /* NULL = the default quad */
    uint32_t num_vertices, num_attrs;
    uint32_t prim;            /* used only with `vertices`; the quad is a strip */
    /* Per attribute: the vertex-element format reading its 16-byte slot
     * (0 = R32G32B32A32_FLOAT).  E.g. R32G32B32A32_SINT/UINT for integer
     * VS inputs: put the integers' bits in `vertices`. */
    uint32_t attr_format[VTQ_MAX_ATTRS];
    uint32_t instances;       /* 0 = 1 */

    const uint32_t *consts[VIRGL_SHADER_TYPES];
    uint32_t consts_dw[VIRGL_SHADER_TYPES];
    struct vtq_ubo ubo[VIRGL_SHADER_TYPES][VTQ_MAX_UBO];

    struct vtq_texture tex[VTQ_MAX_TEX];
    uint32_t num_tex;

    const struct virgl_so_info *so;
    uint32_t so_size[VIRGL_MAX_SO_BUFFERS];
    bool rasterizer_discard;
    /* Rasterizer clip_plane_enable bits (S3).  Note: virglrenderer 0.10.4
     * applies clip distances a shader writes (TGSI CLIPDIST, D3D
     * SV_ClipDistance) whether or not these bits are set (observed). */
    uint8_t clip_plane_enable;

    uint32_t depth_format;    /* 0 = no depth attachment */
    uint32_t depth_func;      /* VIRGL_FUNC_* */
    float clear_depth;
};

struct vtq_result {
    uint32_t width, height;
    uint32_t num_rts;
    uint32_t format[VTQ_MAX_RT];
    uint32_t stride[VTQ_MAX_RT];      /* bytes per row */
    uint32_t bpp[VTQ_MAX_RT];         /* bytes per pixel */
    uint8_t *rt[VTQ_MAX_RT];          /* width x height pixels, row 0 = NDC y -1 */
    uint8_t *so[VIRGL_MAX_SO_BUFFERS];
    uint32_t so_size[VIRGL_MAX_SO_BUFFERS];
    uint64_t so_prims;                /* PRIMITIVES_EMITTED, when `so` was set */
    uint8_t *depth;                   /* depth attachment read back, when asked */
    uint32_t depth_bpp;
};

int vtq_open(struct vtq **out);
/* Same, on a server the caller started (and stops after vtq_close). */
int vtq_open_on(struct vtq **out, struct vtest_server *srv);
void vtq_close(struct vtq *q);                    /* NULL ok; stops the server it started */
const char *vtq_error(const struct vtq *q);
/* The current connection (replaced after a reconnect); for callers that
 * want to go beyond vtq_draw. */
struct vtest *vtq_vtest(struct vtq *q);
int vtq_draw(struct vtq *q, const struct vtq_desc *d, struct vtq_result *r);
void vtq_result_free(struct vtq_result *r);
/* Address of pixel (x, y) of render target `rt` (row y = 0 at NDC -1). */
const void *vtq_pixel(const struct vtq_result *r, uint32_t rt, uint32_t x, uint32_t y);
/* Address of depth-buffer pixel (x, y), or NULL without a depth attachment. */
const void *vtq_depth(const struct vtq_result *r, uint32_t x, uint32_t y);

#endif /* VTQ_H */
