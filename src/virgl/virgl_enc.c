/*
 * virgl_enc.c — buffer management of the encoder and the object encoders
 * (CREATE_OBJECT / BIND_OBJECT / DESTROY_OBJECT / BIND_SHADER).
 * State and action encoders are in virgl_enc_state.c.  API: virgl_enc.h.
 */
#include "virgl/virgl_enc.h"
#include "virgl/virgl_enc_priv.h"

void virgl_enc_init(struct virgl_enc *e, uint32_t *buf, uint32_t cap_dw,
                    virgl_flush_fn flush, void *flush_ctx)
{
    e->buf = buf;
    e->cap = cap_dw;
    e->used = 0;
    e->flush = flush;
    e->flush_ctx = flush_ctx;
    e->error = 0;
    e->flush_error = 0;
    e->flushes = 0;
}

void virgl_enc_set_buffer(struct virgl_enc *e, uint32_t *buf, uint32_t cap_dw)
{
    e->buf = buf;
    e->cap = cap_dw;
    e->used = 0;
}

int virgl_enc_fail(struct virgl_enc *e, int err)
{
    if (!e->error)
        e->error = err;
    return err;
}

int virgl_enc_flush(struct virgl_enc *e)
{
    if (e->used == 0)
        return 0;
    if (!e->flush)
        return virgl_enc_fail(e, VIRGL_ENOFLUSH);
    uint32_t n = e->used;
    uint32_t *b = e->buf;
    /* used is cleared first so a callback that installs a new buffer (or
     * re-enters for a nested submit) sees an empty encoder. */
    e->used = 0;
    e->flushes++;
    int r = e->flush(e->flush_ctx, e, b, n);
    if (r) {
        e->flush_error = r;
        return virgl_enc_fail(e, VIRGL_EFLUSH);
    }
    return 0;
}

uint32_t *virgl_enc_reserve_slow(struct virgl_enc *e, uint32_t ndw)
{
    if (ndw > e->cap) {
        virgl_enc_fail(e, VIRGL_ENOSPACE);
        return NULL;
    }
    if (e->cap - e->used < ndw) {
        if (virgl_enc_flush(e))
            return NULL;
        if (e->cap - e->used < ndw) {   /* the callback gave a smaller buffer */
            virgl_enc_fail(e, VIRGL_ENOSPACE);
            return NULL;
        }
    }
    uint32_t *p = e->buf + e->used;
    e->used += ndw;
    return p;
}

/* ---- objects ----------------------------------------------------------- */

int virgl_enc_create_blend(struct virgl_enc *e, uint32_t handle,
                           const struct virgl_blend_state *s)
{
    uint32_t *p = virgl_enc_reserve(e, 1 + VIRGL_BLEND_SIZE);
    if (!p)
        return e->error;
    p[0] = VIRGL_CMD0(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_BLEND, VIRGL_BLEND_SIZE);
    p[1] = handle;
    p[2] = (s->independent_blend ? VIRGL_BLEND_S0_INDEPENDENT : 0) |
           (s->logicop_enable ? VIRGL_BLEND_S0_LOGICOP_ENABLE : 0) |
           (s->dither ? VIRGL_BLEND_S0_DITHER : 0) |
           (s->alpha_to_coverage ? VIRGL_BLEND_S0_ALPHA_TO_COVERAGE : 0) |
           (s->alpha_to_one ? VIRGL_BLEND_S0_ALPHA_TO_ONE : 0);
    p[3] = VIRGL_BLEND_S1_LOGICOP_FUNC(s->logicop_func);
    for (uint32_t i = 0; i < VIRGL_MAX_COLOR_BUFS; i++) {
        const struct virgl_rt_blend *rt = &s->rt[i];
        p[4 + i] = (rt->enable ? VIRGL_BLEND_S2_ENABLE : 0) |
                   VIRGL_BLEND_S2_RGB_FUNC(rt->rgb_func) |
                   VIRGL_BLEND_S2_RGB_SRC(rt->rgb_src) |
                   VIRGL_BLEND_S2_RGB_DST(rt->rgb_dst) |
                   VIRGL_BLEND_S2_ALPHA_FUNC(rt->alpha_func) |
                   VIRGL_BLEND_S2_ALPHA_SRC(rt->alpha_src) |
                   VIRGL_BLEND_S2_ALPHA_DST(rt->alpha_dst) |
                   VIRGL_BLEND_S2_COLORMASK(rt->colormask);
    }
    return 0;
}

static uint32_t stencil_word(const struct virgl_stencil_face *f)
{
    return (f->enable ? VIRGL_DSA_S1_ENABLE : 0) | VIRGL_DSA_S1_FUNC(f->func) |
           VIRGL_DSA_S1_FAIL_OP(f->fail_op) | VIRGL_DSA_S1_ZPASS_OP(f->zpass_op) |
           VIRGL_DSA_S1_ZFAIL_OP(f->zfail_op) | VIRGL_DSA_S1_VALUEMASK(f->valuemask) |
           VIRGL_DSA_S1_WRITEMASK(f->writemask);
}

int virgl_enc_create_dsa(struct virgl_enc *e, uint32_t handle,
                         const struct virgl_dsa_state *s)
{
    uint32_t *p = virgl_enc_reserve(e, 1 + VIRGL_DSA_SIZE);
    if (!p)
        return e->error;
    p[0] = VIRGL_CMD0(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_DSA, VIRGL_DSA_SIZE);
    p[1] = handle;
    p[2] = (s->depth_enable ? VIRGL_DSA_S0_DEPTH_ENABLE : 0) |
           (s->depth_writemask ? VIRGL_DSA_S0_DEPTH_WRITEMASK : 0) |
           VIRGL_DSA_S0_DEPTH_FUNC(s->depth_func) |
           (s->alpha_enable ? VIRGL_DSA_S0_ALPHA_ENABLE : 0) |
           VIRGL_DSA_S0_ALPHA_FUNC(s->alpha_func);
    p[3] = stencil_word(&s->stencil[0]);
    p[4] = stencil_word(&s->stencil[1]);
    p[5] = virgl_fui(s->alpha_ref);
    return 0;
}

int virgl_enc_create_rasterizer(struct virgl_enc *e, uint32_t handle,
                                const struct virgl_rasterizer_state *s)
{
    uint32_t *p = virgl_enc_reserve(e, 1 + VIRGL_RS_SIZE);
    if (!p)
        return e->error;
    p[0] = VIRGL_CMD0(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_RASTERIZER, VIRGL_RS_SIZE);
    p[1] = handle;
    p[2] = s->s0;
    p[3] = virgl_fui(s->point_size);
    p[4] = s->sprite_coord_enable;
    p[5] = s->s3;
    p[6] = virgl_fui(s->line_width);
    p[7] = virgl_fui(s->offset_units);
    p[8] = virgl_fui(s->offset_scale);
    p[9] = virgl_fui(s->offset_clamp);
    return 0;
}

/* Packs `n` bytes of text (plus a NUL when `nul`) little-endian into dwords,
 * zero padding the last one. */
static void pack_text(uint32_t *dst, const char *src, uint32_t n, uint32_t ndw)
{
    for (uint32_t i = 0; i < ndw; i++) {
        uint32_t w = 0;
        for (uint32_t b = 0; b < 4; b++) {
            uint32_t k = i * 4 + b;
            if (k < n)
                w |= (uint32_t)(uint8_t)src[k] << (8 * b);
        }
        dst[i] = w;
    }
}

int virgl_enc_create_shader(struct virgl_enc *e, uint32_t handle, uint32_t type,
                            const char *text, uint32_t len, uint32_t num_tokens,
                            const struct virgl_so_info *so)
{
    uint32_t nso = so ? so->num_outputs : 0;
    if (type >= VIRGL_SHADER_TYPES || nso > VIRGL_MAX_SO_OUTPUTS || len >= 0x7fffffffu || !text)
        return virgl_enc_fail(e, VIRGL_EINVAL);
    for (uint32_t i = 0; i < nso; i++) {
        const struct virgl_so_output *o = &so->output[i];
        if (o->start_component > 3 || o->num_components < 1 || o->num_components > 4 ||
            o->output_buffer >= VIRGL_MAX_SO_BUFFERS || o->stream > 3)
            return virgl_enc_fail(e, VIRGL_EINVAL);
    }
    uint32_t total = len + 1;                   /* the host wants the NUL */
    if (!num_tokens)
        num_tokens = 300 + total / 2;           /* a text token is at least ~2 chars */
    uint32_t sent = 0;
    bool first = true;
    while (sent < total) {
        uint32_t hdr = first ? VIRGL_SHADER_HDR_SIZE(nso) : VIRGL_SHADER_HDR_SIZE(0);
        /* Room for this chunk: what is left in the buffer, or a whole
         * buffer after a flush when less than a useful amount is left. */
        uint32_t left_dw = (total - sent + 3) / 4;
        uint32_t want = 1 + hdr + (left_dw < 16 ? left_dw : 16);
        uint32_t room = e->cap - e->used;
        if (room < want) {
            if (virgl_enc_flush(e))
                return e->error;
            room = e->cap - e->used;
        }
        if (room < 1 + hdr + 1)
            return virgl_enc_fail(e, VIRGL_ENOSPACE);
        uint32_t max_dw = room - 1 - hdr;
        if (max_dw > VIRGL_CMD_MAX_LEN - hdr)
            max_dw = VIRGL_CMD_MAX_LEN - hdr;
        uint32_t left = total - sent;
        uint32_t chunk = left < max_dw * 4 ? left : max_dw * 4;
        uint32_t chunk_dw = (chunk + 3) / 4;
        uint32_t *p = virgl_enc_reserve(e, 1 + hdr + chunk_dw);
        if (!p)
            return e->error;
        p[0] = VIRGL_CMD0(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SHADER, hdr + chunk_dw);
        p[1] = handle;
        p[2] = type;
        p[3] = first ? total : (sent | VIRGL_SHADER_OFFLEN_CONT);
        p[4] = num_tokens;
        p[5] = first ? nso : 0;
        if (first && nso) {
            for (uint32_t b = 0; b < VIRGL_MAX_SO_BUFFERS; b++)
                p[6 + b] = so->stride[b];
            for (uint32_t i = 0; i < nso; i++) {
                const struct virgl_so_output *o = &so->output[i];
                p[10 + 2 * i] = VIRGL_SHADER_SO_OUTPUT(o->register_index, o->start_component,
                                                       o->num_components, o->output_buffer,
                                                       o->dst_offset);
                p[11 + 2 * i] = o->stream;
            }
        }
        /* The last chunk carries the NUL; pack_text pads with zeros, so
         * only the real text bytes are copied. */
        uint32_t text_bytes = chunk;
        if (sent + chunk > len)
            text_bytes = len - sent;
        pack_text(p + 1 + hdr, text + sent, text_bytes, chunk_dw);
        sent += chunk;
        first = false;
    }
    return 0;
}

int virgl_enc_create_shader_str(struct virgl_enc *e, uint32_t handle, uint32_t type,
                                const char *text, const struct virgl_so_info *so)
{
    uint32_t n = 0;
    if (!text)
        return virgl_enc_fail(e, VIRGL_EINVAL);
    while (text[n])
        n++;
    return virgl_enc_create_shader(e, handle, type, text, n, 0, so);
}

int virgl_enc_create_vertex_elements(struct virgl_enc *e, uint32_t handle, uint32_t n,
                                     const struct virgl_vertex_element *ve)
{
    if (n == 0 || n > 32)
        return virgl_enc_fail(e, VIRGL_EINVAL);
    uint32_t *p = virgl_enc_reserve(e, 1 + VIRGL_VE_SIZE(n));
    if (!p)
        return e->error;
    p[0] = VIRGL_CMD0(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_VERTEX_ELEMENTS, VIRGL_VE_SIZE(n));
    p[1] = handle;
    for (uint32_t i = 0; i < n; i++) {
        p[2 + 4 * i] = ve[i].src_offset;
        p[3 + 4 * i] = ve[i].instance_divisor;
        p[4 + 4 * i] = ve[i].vertex_buffer_index;
        p[5 + 4 * i] = ve[i].src_format;
    }
    return 0;
}

int virgl_enc_create_sampler_view(struct virgl_enc *e, uint32_t handle,
                                  const struct virgl_sampler_view_desc *d)
{
    if (d->format >= (1u << 24) || d->target > VIRGL_TARGET_CUBE_ARRAY ||
        d->first_layer > 0xffff || d->last_layer > 0xffff ||
        d->first_level > 0xff || d->last_level > 0xff)
        return virgl_enc_fail(e, VIRGL_EINVAL);
    uint32_t *p = virgl_enc_reserve(e, 1 + VIRGL_SAMPLER_VIEW_SIZE);
    if (!p)
        return e->error;
    p[0] = VIRGL_CMD0(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SAMPLER_VIEW,
                      VIRGL_SAMPLER_VIEW_SIZE);
    p[1] = handle;
    p[2] = d->res;
    p[3] = d->format | (d->target << 24);
    if (d->target == VIRGL_TARGET_BUFFER) {
        p[4] = d->first_element;
        p[5] = d->last_element;
    } else {
        p[4] = d->first_layer | (d->last_layer << 16);
        p[5] = d->first_level | (d->last_level << 8);
    }
    p[6] = VIRGL_SWIZZLE(d->swizzle[0], d->swizzle[1], d->swizzle[2], d->swizzle[3]);
    return 0;
}

int virgl_enc_create_sampler_state(struct virgl_enc *e, uint32_t handle,
                                   const struct virgl_sampler_state *s)
{
    uint32_t *p = virgl_enc_reserve(e, 1 + VIRGL_SAMPLER_STATE_SIZE);
    if (!p)
        return e->error;
    p[0] = VIRGL_CMD0(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SAMPLER_STATE,
                      VIRGL_SAMPLER_STATE_SIZE);
    p[1] = handle;
    p[2] = VIRGL_SAMP_S0_WRAP_S(s->wrap_s) | VIRGL_SAMP_S0_WRAP_T(s->wrap_t) |
           VIRGL_SAMP_S0_WRAP_R(s->wrap_r) | VIRGL_SAMP_S0_MIN_IMG_FILTER(s->min_img_filter) |
           VIRGL_SAMP_S0_MIN_MIP_FILTER(s->min_mip_filter) |
           VIRGL_SAMP_S0_MAG_IMG_FILTER(s->mag_img_filter) |
           VIRGL_SAMP_S0_COMPARE_MODE(s->compare_mode) |
           VIRGL_SAMP_S0_COMPARE_FUNC(s->compare_func) |
           (s->seamless_cube_map ? VIRGL_SAMP_S0_SEAMLESS_CUBE : 0) |
           VIRGL_SAMP_S0_MAX_ANISO(s->max_anisotropy);
    p[3] = virgl_fui(s->lod_bias);
    p[4] = virgl_fui(s->min_lod);
    p[5] = virgl_fui(s->max_lod);
    for (uint32_t i = 0; i < 4; i++)
        p[6 + i] = s->border_color[i];
    return 0;
}

static int surface(struct virgl_enc *e, uint32_t handle, uint32_t res, uint32_t format,
                   uint32_t w4, uint32_t w5)
{
    uint32_t *p = virgl_enc_reserve(e, 1 + VIRGL_SURFACE_SIZE);
    if (!p)
        return e->error;
    p[0] = VIRGL_CMD0(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SURFACE, VIRGL_SURFACE_SIZE);
    p[1] = handle;
    p[2] = res;
    p[3] = format;
    p[4] = w4;
    p[5] = w5;
    return 0;
}

int virgl_enc_create_surface(struct virgl_enc *e, uint32_t handle, uint32_t res,
                             uint32_t format, uint32_t level,
                             uint32_t first_layer, uint32_t last_layer)
{
    if (first_layer > 0xffff || last_layer > 0xffff)
        return virgl_enc_fail(e, VIRGL_EINVAL);
    return surface(e, handle, res, format, level, first_layer | (last_layer << 16));
}

int virgl_enc_create_surface_buffer(struct virgl_enc *e, uint32_t handle, uint32_t res,
                                    uint32_t format, uint32_t first_element,
                                    uint32_t last_element)
{
    return surface(e, handle, res, format, first_element, last_element);
}

int virgl_enc_create_query(struct virgl_enc *e, uint32_t handle, uint32_t query_type,
                           uint32_t index, uint32_t res, uint32_t offset)
{
    if (query_type > 0xffff || index > 0xffff)
        return virgl_enc_fail(e, VIRGL_EINVAL);
    uint32_t *p = virgl_enc_reserve(e, 1 + VIRGL_QUERY_SIZE);
    if (!p)
        return e->error;
    p[0] = VIRGL_CMD0(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_QUERY, VIRGL_QUERY_SIZE);
    p[1] = handle;
    p[2] = query_type | (index << 16);
    p[3] = offset;
    p[4] = res;
    return 0;
}

int virgl_enc_create_so_target(struct virgl_enc *e, uint32_t handle, uint32_t res,
                               uint32_t offset, uint32_t size)
{
    uint32_t *p = virgl_enc_reserve(e, 1 + VIRGL_SO_TARGET_SIZE);
    if (!p)
        return e->error;
    p[0] = VIRGL_CMD0(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_STREAMOUT_TARGET,
                      VIRGL_SO_TARGET_SIZE);
    p[1] = handle;
    p[2] = res;
    p[3] = offset;
    p[4] = size;
    return 0;
}

int virgl_enc_bind_object(struct virgl_enc *e, uint32_t obj_type, uint32_t handle)
{
    if (obj_type == VIRGL_OBJECT_NULL || obj_type >= VIRGL_OBJECT_COUNT)
        return virgl_enc_fail(e, VIRGL_EINVAL);
    uint32_t *p = virgl_enc_reserve(e, 2);
    if (!p)
        return e->error;
    p[0] = VIRGL_CMD0(VIRGL_CCMD_BIND_OBJECT, obj_type, VIRGL_BIND_OBJECT_SIZE);
    p[1] = handle;
    return 0;
}

int virgl_enc_destroy_object(struct virgl_enc *e, uint32_t obj_type, uint32_t handle)
{
    if (obj_type == VIRGL_OBJECT_NULL || obj_type >= VIRGL_OBJECT_COUNT)
        return virgl_enc_fail(e, VIRGL_EINVAL);
    uint32_t *p = virgl_enc_reserve(e, 2);
    if (!p)
        return e->error;
    p[0] = VIRGL_CMD0(VIRGL_CCMD_DESTROY_OBJECT, obj_type, VIRGL_DESTROY_OBJECT_SIZE);
    p[1] = handle;
    return 0;
}

int virgl_enc_bind_shader(struct virgl_enc *e, uint32_t handle, uint32_t type)
{
    if (type >= VIRGL_SHADER_TYPES)
        return virgl_enc_fail(e, VIRGL_EINVAL);
    uint32_t *p = virgl_enc_reserve(e, 1 + VIRGL_BIND_SHADER_SIZE);
    if (!p)
        return e->error;
    p[0] = VIRGL_CMD0(VIRGL_CCMD_BIND_SHADER, 0, VIRGL_BIND_SHADER_SIZE);
    p[1] = handle;
    p[2] = type;
    return 0;
}
