/*
 * virgl_enc.h — the virgl command stream encoder (freestanding).
 *
 * How to use it:
 *   uint32_t buf[4096];
 *   struct virgl_enc e;
 *   virgl_enc_init(&e, buf, 4096, my_flush, my_ctx);
 *   virgl_enc_create_surface(&e, 1, rt_res, VIRGL_FORMAT_B8G8R8A8_UNORM, 0, 0, 0);
 *   virgl_enc_set_framebuffer_state(&e, 1, (uint32_t[]){1}, 0);
 *   virgl_enc_clear_f(&e, VIRGL_CLEAR_COLOR0, rgba, 1.0, 0);
 *   virgl_enc_flush(&e);             // hands buf[0..used) to my_flush
 *
 * The caller owns the dword buffer (on Windows: the runtime's command
 * buffer).  Every encoder reserves the exact dwords of its command first;
 * when they do not fit, the encoder calls the flush callback with what is
 * queued so far (whole commands only, never a split one), and then writes
 * at the start of the buffer again.  flush returns 0 or a negative error;
 * it may swap in another buffer with virgl_enc_set_buffer() before it
 * returns (double buffering).  Nothing here allocates, locks or calls the
 * OS.
 *
 * Errors: each encoder returns 0 or a negative VIRGL_E*.  The first error
 * is also kept in e->error (sticky) so a long sequence can be checked once
 * with virgl_enc_error().  An argument outside what the wire can carry is
 * VIRGL_EINVAL and writes nothing.
 *
 * Handles (object ids) are chosen by the caller, nonzero, unique per
 * sub-context and object type family; resource ids come from whoever
 * created the resource (KMD / vtest).
 *
 * Little-endian: the dwords are written in host order; every target we
 * build for (x86, x86-64) is little-endian, like the wire.
 */
#ifndef VIRGL_ENC_H
#define VIRGL_ENC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "viogpu/virgl_protocol.h"

/* Error codes (negative). */
#define VIRGL_EINVAL    (-1)   /* an argument the wire cannot carry */
#define VIRGL_ENOSPACE  (-2)   /* command larger than the whole buffer */
#define VIRGL_EFLUSH    (-3)   /* the flush callback failed (its code is in flush_error) */
#define VIRGL_ENOFLUSH  (-4)   /* buffer full and no flush callback */
#define VIRGL_ETRUNC    (-5)   /* parser: a command runs past the end of the stream */
#define VIRGL_EFORMAT   (-6)   /* caps/format: unknown or malformed input */

struct virgl_enc;
/* Receives `ndw` dwords at `buf` (the whole queued stream).  Returns 0 or a
 * negative code; the encoder reuses `buf` (or what virgl_enc_set_buffer
 * installed) after it returns. */
typedef int (*virgl_flush_fn)(void *ctx, struct virgl_enc *e,
                              const uint32_t *buf, uint32_t ndw);

struct virgl_enc {
    uint32_t *buf;
    uint32_t cap;        /* dwords */
    uint32_t used;       /* dwords queued */
    virgl_flush_fn flush;
    void *flush_ctx;
    int error;           /* first error, sticky; 0 when none */
    int flush_error;     /* what the callback returned when it failed */
    uint32_t flushes;    /* number of callback calls, for tests/benches */
};

void virgl_enc_init(struct virgl_enc *e, uint32_t *buf, uint32_t cap_dw,
                    virgl_flush_fn flush, void *flush_ctx);
/* Install another buffer (typically from inside the flush callback). */
void virgl_enc_set_buffer(struct virgl_enc *e, uint32_t *buf, uint32_t cap_dw);
/* Make room for `ndw` dwords (flushing if needed) and return where to write
 * them; the caller must write all of them.  NULL on error.  The common
 * case (it fits) is inline: per draw the UMD pays a compare and an add. */
uint32_t *virgl_enc_reserve_slow(struct virgl_enc *e, uint32_t ndw);
static inline uint32_t *virgl_enc_reserve(struct virgl_enc *e, uint32_t ndw)
{
    if (e->cap - e->used >= ndw) {
        uint32_t *p = e->buf + e->used;
        e->used += ndw;
        return p;
    }
    return virgl_enc_reserve_slow(e, ndw);
}
/* Hand everything queued to the flush callback (no-op when empty). */
int virgl_enc_flush(struct virgl_enc *e);
static inline int virgl_enc_error(const struct virgl_enc *e) { return e->error; }
static inline uint32_t virgl_enc_used(const struct virgl_enc *e) { return e->used; }
/* Forget what is queued (after a failed submit, say). */
static inline void virgl_enc_reset(struct virgl_enc *e) { e->used = 0; }

/* Bit pattern of a float, for the fields the wire carries as floats. */
static inline uint32_t virgl_fui(float f)
{
    union { float f; uint32_t u; } c;
    c.f = f;
    return c.u;
}

/* ---- state objects ------------------------------------------------------ */
struct virgl_rt_blend {
    uint8_t enable;
    uint8_t rgb_func, rgb_src, rgb_dst;       /* virgl_blend_func / _factor */
    uint8_t alpha_func, alpha_src, alpha_dst;
    uint8_t colormask;                        /* VIRGL_MASK_R.. bits */
};
struct virgl_blend_state {
    uint8_t independent_blend;
    uint8_t logicop_enable, logicop_func;
    uint8_t dither, alpha_to_coverage, alpha_to_one;
    struct virgl_rt_blend rt[VIRGL_MAX_COLOR_BUFS];
};
int virgl_enc_create_blend(struct virgl_enc *e, uint32_t handle,
                           const struct virgl_blend_state *s);

struct virgl_stencil_face {
    uint8_t enable, func, fail_op, zpass_op, zfail_op, valuemask, writemask;
};
struct virgl_dsa_state {
    uint8_t depth_enable, depth_writemask, depth_func;
    uint8_t alpha_enable, alpha_func;
    float alpha_ref;
    struct virgl_stencil_face stencil[2];     /* front, back */
};
int virgl_enc_create_dsa(struct virgl_enc *e, uint32_t handle,
                         const struct virgl_dsa_state *s);

struct virgl_rasterizer_state {
    uint32_t s0;              /* VIRGL_RS_S0_* bits, built by the caller */
    float point_size;
    uint32_t sprite_coord_enable;
    uint32_t s3;              /* VIRGL_RS_S3_* bits */
    float line_width;
    float offset_units, offset_scale, offset_clamp;
};
int virgl_enc_create_rasterizer(struct virgl_enc *e, uint32_t handle,
                                const struct virgl_rasterizer_state *s);

/* Stream output description attached to a VS or GS. */
struct virgl_so_output {
    uint8_t register_index;   /* OUT[n] of the shader */
    uint8_t start_component;  /* 0..3 */
    uint8_t num_components;   /* 1..4 */
    uint8_t output_buffer;    /* 0..3 */
    uint16_t dst_offset;      /* dwords into the vertex in that buffer */
    uint8_t stream;           /* 0..3 */
};
struct virgl_so_info {
    uint32_t num_outputs;                         /* 0..VIRGL_MAX_SO_OUTPUTS */
    uint32_t stride[VIRGL_MAX_SO_BUFFERS];        /* dwords per vertex */
    struct virgl_so_output output[VIRGL_MAX_SO_OUTPUTS];
};
/* TGSI text shader.  `text` need not be NUL-terminated: `len` bytes are
 * sent followed by a NUL.  A text that does not fit one command (or the
 * room left in the buffer) is sent in continuation chunks, flushing in
 * between as needed.  num_tokens is the host's token-buffer size hint;
 * 0 picks one from the text length.  so may be NULL. */
int virgl_enc_create_shader(struct virgl_enc *e, uint32_t handle, uint32_t type,
                            const char *text, uint32_t len, uint32_t num_tokens,
                            const struct virgl_so_info *so);
/* Same, with len = strlen(text). */
int virgl_enc_create_shader_str(struct virgl_enc *e, uint32_t handle, uint32_t type,
                                const char *text, const struct virgl_so_info *so);

struct virgl_vertex_element {
    uint32_t src_offset;
    uint32_t instance_divisor;
    uint32_t vertex_buffer_index;
    uint32_t src_format;      /* virgl_format */
};
int virgl_enc_create_vertex_elements(struct virgl_enc *e, uint32_t handle, uint32_t n,
                                     const struct virgl_vertex_element *ve);

struct virgl_sampler_view_desc {
    uint32_t res, format, target;                 /* target: virgl_texture_target */
    uint32_t first_layer, last_layer;             /* texture */
    uint32_t first_level, last_level;
    uint32_t first_element, last_element;         /* buffer (target BUFFER) */
    uint8_t swizzle[4];                           /* virgl_swizzle r,g,b,a */
};
int virgl_enc_create_sampler_view(struct virgl_enc *e, uint32_t handle,
                                  const struct virgl_sampler_view_desc *d);

struct virgl_sampler_state {
    uint8_t wrap_s, wrap_t, wrap_r;               /* virgl_tex_wrap */
    uint8_t min_img_filter, min_mip_filter, mag_img_filter;
    uint8_t compare_mode, compare_func;
    uint8_t seamless_cube_map, max_anisotropy;
    float lod_bias, min_lod, max_lod;
    uint32_t border_color[4];                     /* float/int bits */
};
int virgl_enc_create_sampler_state(struct virgl_enc *e, uint32_t handle,
                                   const struct virgl_sampler_state *s);

int virgl_enc_create_surface(struct virgl_enc *e, uint32_t handle, uint32_t res,
                             uint32_t format, uint32_t level,
                             uint32_t first_layer, uint32_t last_layer);
int virgl_enc_create_surface_buffer(struct virgl_enc *e, uint32_t handle, uint32_t res,
                                    uint32_t format, uint32_t first_element,
                                    uint32_t last_element);
/* The host writes a struct virgl_host_query_state at `offset` of `res`. */
int virgl_enc_create_query(struct virgl_enc *e, uint32_t handle, uint32_t query_type,
                           uint32_t index, uint32_t res, uint32_t offset);
int virgl_enc_create_so_target(struct virgl_enc *e, uint32_t handle, uint32_t res,
                               uint32_t offset, uint32_t size);

int virgl_enc_bind_object(struct virgl_enc *e, uint32_t obj_type, uint32_t handle);
int virgl_enc_destroy_object(struct virgl_enc *e, uint32_t obj_type, uint32_t handle);
int virgl_enc_bind_shader(struct virgl_enc *e, uint32_t handle, uint32_t type);

/* ---- state ------------------------------------------------------------- */
int virgl_enc_set_framebuffer_state(struct virgl_enc *e, uint32_t nr_cbufs,
                                    const uint32_t *cbuf_handles, uint32_t zsurf_handle);
struct virgl_viewport {
    float scale[3];
    float translate[3];
};
int virgl_enc_set_viewport_states(struct virgl_enc *e, uint32_t start, uint32_t n,
                                  const struct virgl_viewport *vp);
struct virgl_scissor {
    uint16_t minx, miny, maxx, maxy;              /* max exclusive */
};
int virgl_enc_set_scissor_states(struct virgl_enc *e, uint32_t start, uint32_t n,
                                 const struct virgl_scissor *sc);
struct virgl_vertex_buffer {
    uint32_t stride, offset, res;
};
int virgl_enc_set_vertex_buffers(struct virgl_enc *e, uint32_t n,
                                 const struct virgl_vertex_buffer *vb);
/* res 0 unbinds (index_size and offset are then not sent). */
int virgl_enc_set_index_buffer(struct virgl_enc *e, uint32_t res, uint32_t index_size,
                               uint32_t offset);
/* Inline constants (CONST[0] of a stage), `ndw` dwords. */
int virgl_enc_set_constant_buffer(struct virgl_enc *e, uint32_t shader, uint32_t index,
                                  uint32_t ndw, const uint32_t *data);
/* A buffer resource bound as uniform block `index` (TGSI CONST[index][..],
 * index >= 1); res 0 unbinds. */
int virgl_enc_set_uniform_buffer(struct virgl_enc *e, uint32_t shader, uint32_t index,
                                 uint32_t offset, uint32_t length, uint32_t res);
int virgl_enc_set_sampler_views(struct virgl_enc *e, uint32_t shader, uint32_t start,
                                uint32_t n, const uint32_t *handles);
int virgl_enc_bind_sampler_states(struct virgl_enc *e, uint32_t shader, uint32_t start,
                                  uint32_t n, const uint32_t *handles);
int virgl_enc_set_stencil_ref(struct virgl_enc *e, uint8_t front, uint8_t back);
int virgl_enc_set_blend_color(struct virgl_enc *e, const float rgba[4]);
int virgl_enc_set_sample_mask(struct virgl_enc *e, uint32_t mask);
int virgl_enc_set_clip_state(struct virgl_enc *e, const float planes[VIRGL_MAX_CLIP_PLANES][4]);
int virgl_enc_set_streamout_targets(struct virgl_enc *e, uint32_t append_bitmask,
                                    uint32_t n, const uint32_t *handles);
/* query 0 disables conditional rendering. */
int virgl_enc_set_render_condition(struct virgl_enc *e, uint32_t query, bool condition,
                                   uint32_t mode);
int virgl_enc_create_sub_ctx(struct virgl_enc *e, uint32_t sub_ctx);
int virgl_enc_set_sub_ctx(struct virgl_enc *e, uint32_t sub_ctx);
int virgl_enc_destroy_sub_ctx(struct virgl_enc *e, uint32_t sub_ctx);

/* ---- actions ----------------------------------------------------------- */
/* color: the four channel bit patterns (float, or int for integer RTs). */
int virgl_enc_clear(struct virgl_enc *e, uint32_t buffers, const uint32_t color[4],
                    double depth, uint32_t stencil);
int virgl_enc_clear_f(struct virgl_enc *e, uint32_t buffers, const float rgba[4],
                      double depth, uint32_t stencil);

struct virgl_draw_info {
    uint32_t start, count, mode;                  /* mode: virgl_prim */
    uint32_t indexed;                             /* 0/1; index buffer set separately */
    uint32_t instance_count;                      /* 1 for a plain draw */
    int32_t index_bias;                           /* base vertex */
    uint32_t start_instance;
    uint32_t primitive_restart, restart_index;
    uint32_t min_index, max_index;                /* 0, ~0 when unknown */
    uint32_t count_from_so;                       /* SO target handle, or 0 */
};
int virgl_enc_draw_vbo(struct virgl_enc *e, const struct virgl_draw_info *d);

struct virgl_box {
    uint32_t x, y, z, w, h, d;
};
struct virgl_blit_side {
    uint32_t res, level, format;
    struct virgl_box box;
};
struct virgl_blit_info {
    uint32_t mask;                                /* VIRGL_MASK_* */
    uint32_t filter;                              /* virgl_tex_filter */
    bool scissor_enable, render_condition_enable, alpha_blend;
    struct virgl_scissor scissor;
    struct virgl_blit_side dst, src;
};
int virgl_enc_blit(struct virgl_enc *e, const struct virgl_blit_info *b);
int virgl_enc_resource_copy_region(struct virgl_enc *e, uint32_t dst_res,
                                   uint32_t dst_level, uint32_t dstx, uint32_t dsty,
                                   uint32_t dstz, uint32_t src_res, uint32_t src_level,
                                   const struct virgl_box *src_box);
int virgl_enc_begin_query(struct virgl_enc *e, uint32_t handle);
int virgl_enc_end_query(struct virgl_enc *e, uint32_t handle);
int virgl_enc_get_query_result(struct virgl_enc *e, uint32_t handle, bool wait);
/* Copy between a resource and its guest backing (at data_offset bytes into
 * the backing), inside the stream.  direction: VIRGL_TRANSFER_TO_HOST or
 * VIRGL_TRANSFER_FROM_HOST.  stride / layer_stride are the backing's bytes
 * per row / per layer (0 = tightly packed). */
int virgl_enc_transfer3d(struct virgl_enc *e, uint32_t res, uint32_t level,
                         uint32_t usage, const struct virgl_box *box,
                         uint32_t stride, uint32_t layer_stride,
                         uint32_t data_offset, uint32_t direction);
/* Fill a box of one level with a texel (`texel`: up to 16 bytes, packed in
 * the resource's format; host cap VIRGL_CAP_CLEAR_TEXTURE).  Clears a
 * view without binding it as a framebuffer. */
int virgl_enc_clear_texture(struct virgl_enc *e, uint32_t res, uint32_t level,
                            const struct virgl_box *box, const uint32_t texel[4]);
/* Upload `ndw` dwords of data inside the stream itself (small updates). */
int virgl_enc_resource_inline_write(struct virgl_enc *e, uint32_t res, uint32_t level,
                                    uint32_t usage, const struct virgl_box *box,
                                    uint32_t stride, uint32_t layer_stride,
                                    const void *data, uint32_t nbytes);

#endif /* VIRGL_ENC_H */
