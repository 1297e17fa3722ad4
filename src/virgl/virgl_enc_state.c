/*
 * virgl_enc_state.c — state-setting and action encoders (SET_*, CLEAR,
 * DRAW_VBO, BLIT, RESOURCE_COPY_REGION, queries, TRANSFER3D, sub-contexts).
 * API and buffer rules: virgl_enc.h.
 */
#include "virgl/virgl_enc.h"
#include "virgl/virgl_enc_priv.h"

/* Reserves header + payload and writes the header; NULL on error. */
static uint32_t *cmd(struct virgl_enc *e, uint32_t id, uint32_t obj, uint32_t len)
{
    if (len > VIRGL_CMD_MAX_LEN) {
        virgl_enc_fail(e, VIRGL_EINVAL);
        return NULL;
    }
    uint32_t *p = virgl_enc_reserve(e, 1 + len);
    if (p)
        p[0] = VIRGL_CMD0(id, obj, len);
    return p;
}

int virgl_enc_set_framebuffer_state(struct virgl_enc *e, uint32_t nr_cbufs,
                                    const uint32_t *cbuf_handles, uint32_t zsurf_handle)
{
    if (nr_cbufs > VIRGL_MAX_COLOR_BUFS)
        return virgl_enc_fail(e, VIRGL_EINVAL);
    uint32_t *p = cmd(e, VIRGL_CCMD_SET_FRAMEBUFFER_STATE, 0, VIRGL_SET_FRAMEBUFFER_SIZE(nr_cbufs));
    if (!p)
        return e->error;
    p[1] = nr_cbufs;
    p[2] = zsurf_handle;
    for (uint32_t i = 0; i < nr_cbufs; i++)
        p[3 + i] = cbuf_handles[i];
    return 0;
}

int virgl_enc_set_viewport_states(struct virgl_enc *e, uint32_t start, uint32_t n,
                                  const struct virgl_viewport *vp)
{
    if (n == 0 || start + n > VIRGL_MAX_VIEWPORTS)
        return virgl_enc_fail(e, VIRGL_EINVAL);
    uint32_t *p = cmd(e, VIRGL_CCMD_SET_VIEWPORT_STATE, 0, VIRGL_SET_VIEWPORT_SIZE(n));
    if (!p)
        return e->error;
    p[1] = start;
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t k = 0; k < 3; k++) {
            p[2 + 6 * i + k] = virgl_fui(vp[i].scale[k]);
            p[5 + 6 * i + k] = virgl_fui(vp[i].translate[k]);
        }
    return 0;
}

int virgl_enc_set_scissor_states(struct virgl_enc *e, uint32_t start, uint32_t n,
                                 const struct virgl_scissor *sc)
{
    if (n == 0 || start + n > VIRGL_MAX_VIEWPORTS)
        return virgl_enc_fail(e, VIRGL_EINVAL);
    uint32_t *p = cmd(e, VIRGL_CCMD_SET_SCISSOR_STATE, 0, VIRGL_SET_SCISSOR_SIZE(n));
    if (!p)
        return e->error;
    p[1] = start;
    for (uint32_t i = 0; i < n; i++) {
        p[2 + 2 * i] = (uint32_t)sc[i].minx | ((uint32_t)sc[i].miny << 16);
        p[3 + 2 * i] = (uint32_t)sc[i].maxx | ((uint32_t)sc[i].maxy << 16);
    }
    return 0;
}

int virgl_enc_set_vertex_buffers(struct virgl_enc *e, uint32_t n,
                                 const struct virgl_vertex_buffer *vb)
{
    if (n > 32)
        return virgl_enc_fail(e, VIRGL_EINVAL);
    uint32_t *p = cmd(e, VIRGL_CCMD_SET_VERTEX_BUFFERS, 0, VIRGL_SET_VERTEX_BUFFERS_SIZE(n));
    if (!p)
        return e->error;
    for (uint32_t i = 0; i < n; i++) {
        p[1 + 3 * i] = vb[i].stride;
        p[2 + 3 * i] = vb[i].offset;
        p[3 + 3 * i] = vb[i].res;
    }
    return 0;
}

int virgl_enc_set_index_buffer(struct virgl_enc *e, uint32_t res, uint32_t index_size,
                               uint32_t offset)
{
    if (res && index_size != 1 && index_size != 2 && index_size != 4)
        return virgl_enc_fail(e, VIRGL_EINVAL);
    uint32_t *p = cmd(e, VIRGL_CCMD_SET_INDEX_BUFFER, 0, VIRGL_SET_INDEX_BUFFER_SIZE(res != 0));
    if (!p)
        return e->error;
    p[1] = res;
    if (res) {
        p[2] = index_size;
        p[3] = offset;
    }
    return 0;
}

int virgl_enc_set_constant_buffer(struct virgl_enc *e, uint32_t shader, uint32_t index,
                                  uint32_t ndw, const uint32_t *data)
{
    if (shader >= VIRGL_SHADER_TYPES || ndw > VIRGL_CMD_MAX_LEN - 2)
        return virgl_enc_fail(e, VIRGL_EINVAL);
    uint32_t *p = cmd(e, VIRGL_CCMD_SET_CONSTANT_BUFFER, 0, VIRGL_SET_CONSTANT_BUFFER_SIZE(ndw));
    if (!p)
        return e->error;
    p[1] = shader;
    p[2] = index;
    for (uint32_t i = 0; i < ndw; i++)
        p[3 + i] = data[i];
    return 0;
}

int virgl_enc_set_uniform_buffer(struct virgl_enc *e, uint32_t shader, uint32_t index,
                                 uint32_t offset, uint32_t length, uint32_t res)
{
    if (shader >= VIRGL_SHADER_TYPES || index >= 32)
        return virgl_enc_fail(e, VIRGL_EINVAL);
    uint32_t *p = cmd(e, VIRGL_CCMD_SET_UNIFORM_BUFFER, 0, VIRGL_SET_UNIFORM_BUFFER_SIZE);
    if (!p)
        return e->error;
    p[1] = shader;
    p[2] = index;
    p[3] = offset;
    p[4] = length;
    p[5] = res;
    return 0;
}

static int handle_list(struct virgl_enc *e, uint32_t id, uint32_t shader, uint32_t start,
                       uint32_t n, const uint32_t *handles)
{
    if (shader >= VIRGL_SHADER_TYPES || n > 32 || start + n > 32)
        return virgl_enc_fail(e, VIRGL_EINVAL);
    uint32_t *p = cmd(e, id, 0, n + 2);
    if (!p)
        return e->error;
    p[1] = shader;
    p[2] = start;
    for (uint32_t i = 0; i < n; i++)
        p[3 + i] = handles[i];
    return 0;
}

int virgl_enc_set_sampler_views(struct virgl_enc *e, uint32_t shader, uint32_t start,
                                uint32_t n, const uint32_t *handles)
{
    return handle_list(e, VIRGL_CCMD_SET_SAMPLER_VIEWS, shader, start, n, handles);
}

int virgl_enc_bind_sampler_states(struct virgl_enc *e, uint32_t shader, uint32_t start,
                                  uint32_t n, const uint32_t *handles)
{
    return handle_list(e, VIRGL_CCMD_BIND_SAMPLER_STATES, shader, start, n, handles);
}

static int one_dword(struct virgl_enc *e, uint32_t id, uint32_t v)
{
    uint32_t *p = cmd(e, id, 0, 1);
    if (!p)
        return e->error;
    p[1] = v;
    return 0;
}

int virgl_enc_set_stencil_ref(struct virgl_enc *e, uint8_t front, uint8_t back)
{
    return one_dword(e, VIRGL_CCMD_SET_STENCIL_REF, VIRGL_STENCIL_REF(front, back));
}

int virgl_enc_set_blend_color(struct virgl_enc *e, const float rgba[4])
{
    uint32_t *p = cmd(e, VIRGL_CCMD_SET_BLEND_COLOR, 0, VIRGL_SET_BLEND_COLOR_SIZE);
    if (!p)
        return e->error;
    for (uint32_t i = 0; i < 4; i++)
        p[1 + i] = virgl_fui(rgba[i]);
    return 0;
}

int virgl_enc_set_sample_mask(struct virgl_enc *e, uint32_t mask)
{
    return one_dword(e, VIRGL_CCMD_SET_SAMPLE_MASK, mask);
}

int virgl_enc_set_clip_state(struct virgl_enc *e, const float planes[VIRGL_MAX_CLIP_PLANES][4])
{
    uint32_t *p = cmd(e, VIRGL_CCMD_SET_CLIP_STATE, 0, VIRGL_SET_CLIP_STATE_SIZE);
    if (!p)
        return e->error;
    for (uint32_t i = 0; i < VIRGL_MAX_CLIP_PLANES; i++)
        for (uint32_t k = 0; k < 4; k++)
            p[1 + 4 * i + k] = virgl_fui(planes[i][k]);
    return 0;
}

int virgl_enc_set_streamout_targets(struct virgl_enc *e, uint32_t append_bitmask,
                                    uint32_t n, const uint32_t *handles)
{
    if (n > VIRGL_MAX_SO_BUFFERS)
        return virgl_enc_fail(e, VIRGL_EINVAL);
    uint32_t *p = cmd(e, VIRGL_CCMD_SET_STREAMOUT_TARGETS, 0, VIRGL_SET_SO_TARGETS_SIZE(n));
    if (!p)
        return e->error;
    p[1] = append_bitmask;
    for (uint32_t i = 0; i < n; i++)
        p[2 + i] = handles[i];
    return 0;
}

int virgl_enc_set_render_condition(struct virgl_enc *e, uint32_t query, bool condition,
                                   uint32_t mode)
{
    if (mode > VIRGL_RENDER_COND_BY_REGION_NO_WAIT)
        return virgl_enc_fail(e, VIRGL_EINVAL);
    uint32_t *p = cmd(e, VIRGL_CCMD_SET_RENDER_CONDITION, 0, VIRGL_SET_RENDER_CONDITION_SIZE);
    if (!p)
        return e->error;
    p[1] = query;
    p[2] = condition ? 1 : 0;
    p[3] = mode;
    return 0;
}

int virgl_enc_create_sub_ctx(struct virgl_enc *e, uint32_t sub_ctx)
{
    return one_dword(e, VIRGL_CCMD_CREATE_SUB_CTX, sub_ctx);
}

int virgl_enc_set_sub_ctx(struct virgl_enc *e, uint32_t sub_ctx)
{
    return one_dword(e, VIRGL_CCMD_SET_SUB_CTX, sub_ctx);
}

int virgl_enc_destroy_sub_ctx(struct virgl_enc *e, uint32_t sub_ctx)
{
    return one_dword(e, VIRGL_CCMD_DESTROY_SUB_CTX, sub_ctx);
}

/* ---- actions ----------------------------------------------------------- */

int virgl_enc_clear(struct virgl_enc *e, uint32_t buffers, const uint32_t color[4],
                    double depth, uint32_t stencil)
{
    uint32_t *p = cmd(e, VIRGL_CCMD_CLEAR, 0, VIRGL_CLEAR_SIZE);
    if (!p)
        return e->error;
    union { double d; uint64_t u; } dc;
    dc.d = depth;
    p[1] = buffers;
    for (uint32_t i = 0; i < 4; i++)
        p[2 + i] = color[i];
    p[6] = (uint32_t)dc.u;
    p[7] = (uint32_t)(dc.u >> 32);
    p[8] = stencil;
    return 0;
}

int virgl_enc_clear_f(struct virgl_enc *e, uint32_t buffers, const float rgba[4],
                      double depth, uint32_t stencil)
{
    uint32_t c[4];
    for (uint32_t i = 0; i < 4; i++)
        c[i] = virgl_fui(rgba[i]);
    return virgl_enc_clear(e, buffers, c, depth, stencil);
}

int virgl_enc_draw_vbo(struct virgl_enc *e, const struct virgl_draw_info *d)
{
    if (d->mode > VIRGL_PRIM_PATCHES)
        return virgl_enc_fail(e, VIRGL_EINVAL);
    uint32_t *p = cmd(e, VIRGL_CCMD_DRAW_VBO, 0, VIRGL_DRAW_VBO_SIZE);
    if (!p)
        return e->error;
    p[1] = d->start;
    p[2] = d->count;
    p[3] = d->mode;
    p[4] = d->indexed ? 1 : 0;
    p[5] = d->instance_count;
    p[6] = (uint32_t)d->index_bias;
    p[7] = d->start_instance;
    p[8] = d->primitive_restart ? 1 : 0;
    p[9] = d->restart_index;
    p[10] = d->min_index;
    p[11] = d->max_index;
    p[12] = d->count_from_so;
    return 0;
}

static void blit_side(uint32_t *p, const struct virgl_blit_side *s)
{
    p[0] = s->res;
    p[1] = s->level;
    p[2] = s->format;
    p[3] = s->box.x;
    p[4] = s->box.y;
    p[5] = s->box.z;
    p[6] = s->box.w;
    p[7] = s->box.h;
    p[8] = s->box.d;
}

int virgl_enc_blit(struct virgl_enc *e, const struct virgl_blit_info *b)
{
    if (b->mask > 0xff || b->filter > 1)
        return virgl_enc_fail(e, VIRGL_EINVAL);
    uint32_t *p = cmd(e, VIRGL_CCMD_BLIT, 0, VIRGL_BLIT_SIZE);
    if (!p)
        return e->error;
    p[1] = VIRGL_BLIT_S0_MASK(b->mask) | VIRGL_BLIT_S0_FILTER(b->filter) |
           (b->scissor_enable ? VIRGL_BLIT_S0_SCISSOR_ENABLE : 0) |
           (b->render_condition_enable ? VIRGL_BLIT_S0_RENDER_CONDITION : 0) |
           (b->alpha_blend ? VIRGL_BLIT_S0_ALPHA_BLEND : 0);
    p[2] = (uint32_t)b->scissor.minx | ((uint32_t)b->scissor.miny << 16);
    p[3] = (uint32_t)b->scissor.maxx | ((uint32_t)b->scissor.maxy << 16);
    blit_side(p + 4, &b->dst);
    blit_side(p + 13, &b->src);
    return 0;
}

int virgl_enc_resource_copy_region(struct virgl_enc *e, uint32_t dst_res,
                                   uint32_t dst_level, uint32_t dstx, uint32_t dsty,
                                   uint32_t dstz, uint32_t src_res, uint32_t src_level,
                                   const struct virgl_box *b)
{
    uint32_t *p = cmd(e, VIRGL_CCMD_RESOURCE_COPY_REGION, 0, VIRGL_RESOURCE_COPY_REGION_SIZE);
    if (!p)
        return e->error;
    p[1] = dst_res;
    p[2] = dst_level;
    p[3] = dstx;
    p[4] = dsty;
    p[5] = dstz;
    p[6] = src_res;
    p[7] = src_level;
    p[8] = b->x;
    p[9] = b->y;
    p[10] = b->z;
    p[11] = b->w;
    p[12] = b->h;
    p[13] = b->d;
    return 0;
}

int virgl_enc_begin_query(struct virgl_enc *e, uint32_t handle)
{
    return one_dword(e, VIRGL_CCMD_BEGIN_QUERY, handle);
}

int virgl_enc_end_query(struct virgl_enc *e, uint32_t handle)
{
    return one_dword(e, VIRGL_CCMD_END_QUERY, handle);
}

int virgl_enc_get_query_result(struct virgl_enc *e, uint32_t handle, bool wait)
{
    uint32_t *p = cmd(e, VIRGL_CCMD_GET_QUERY_RESULT, 0, VIRGL_GET_QUERY_RESULT_SIZE);
    if (!p)
        return e->error;
    p[1] = handle;
    p[2] = wait ? 1 : 0;
    return 0;
}

static void transfer_hdr(uint32_t *p, uint32_t res, uint32_t level, uint32_t usage,
                         const struct virgl_box *box, uint32_t stride, uint32_t layer_stride)
{
    p[1] = res;
    p[2] = level;
    p[3] = usage;
    p[4] = stride;
    p[5] = layer_stride;
    p[6] = box->x;
    p[7] = box->y;
    p[8] = box->z;
    p[9] = box->w;
    p[10] = box->h;
    p[11] = box->d;
}

int virgl_enc_transfer3d(struct virgl_enc *e, uint32_t res, uint32_t level,
                         uint32_t usage, const struct virgl_box *box,
                         uint32_t stride, uint32_t layer_stride,
                         uint32_t data_offset, uint32_t direction)
{
    if (direction != VIRGL_TRANSFER_TO_HOST && direction != VIRGL_TRANSFER_FROM_HOST)
        return virgl_enc_fail(e, VIRGL_EINVAL);
    uint32_t *p = cmd(e, VIRGL_CCMD_TRANSFER3D, 0, VIRGL_TRANSFER3D_SIZE);
    if (!p)
        return e->error;
    transfer_hdr(p, res, level, usage, box, stride, layer_stride);
    p[12] = data_offset;
    p[13] = direction;
    return 0;
}

int virgl_enc_resource_inline_write(struct virgl_enc *e, uint32_t res, uint32_t level,
                                    uint32_t usage, const struct virgl_box *box,
                                    uint32_t stride, uint32_t layer_stride,
                                    const void *data, uint32_t nbytes)
{
    uint32_t ndw = (nbytes + 3) / 4;
    if (ndw > VIRGL_CMD_MAX_LEN - VIRGL_INLINE_WRITE_HDR_SIZE)
        return virgl_enc_fail(e, VIRGL_EINVAL);
    uint32_t *p = cmd(e, VIRGL_CCMD_RESOURCE_INLINE_WRITE, 0,
                      VIRGL_INLINE_WRITE_HDR_SIZE + ndw);
    if (!p)
        return e->error;
    transfer_hdr(p, res, level, usage, box, stride, layer_stride);
    const uint8_t *src = data;
    uint32_t *dst = p + 1 + VIRGL_INLINE_WRITE_HDR_SIZE;
    for (uint32_t i = 0; i < ndw; i++) {
        uint32_t w = 0;
        for (uint32_t b = 0; b < 4; b++)
            if (i * 4 + b < nbytes)
                w |= (uint32_t)src[i * 4 + b] << (8 * b);
        dst[i] = w;
    }
    return 0;
}

int virgl_enc_clear_texture(struct virgl_enc *e, uint32_t res, uint32_t level,
                            const struct virgl_box *box, const uint32_t texel[4])
{
    uint32_t *p = cmd(e, VIRGL_CCMD_CLEAR_TEXTURE, 0, VIRGL_CLEAR_TEXTURE_SIZE);
    if (!p)
        return e->error;
    p[1] = res;
    p[2] = level;
    p[3] = box->x;
    p[4] = box->y;
    p[5] = box->z;
    p[6] = box->w;
    p[7] = box->h;
    p[8] = box->d;
    for (uint32_t i = 0; i < 4; i++)
        p[9 + i] = texel[i];
    return 0;
}
