/*
 * vtq.c — the full-screen-quad test helper; see vtq.h for what a draw
 * does.  Each draw runs in its own sub-context and resources, so draws are
 * independent; uploads go through encoded TRANSFER3D from the resources'
 * shm backings, like the UMD's uploads will.
 */
#define _GNU_SOURCE
#include "vtq.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virgl/virgl_format.h"

#define MAX_RES (VTQ_MAX_RT + VTQ_MAX_TEX + VIRGL_SHADER_TYPES * VTQ_MAX_UBO + 8)

struct vtq {
    struct vtest_server *srv;
    bool own_srv;
    struct vtest *vt;
    uint32_t next_obj;
    uint32_t next_sub;
    char err[4096];
};

struct draw_state {
    struct vtest_resource res[MAX_RES];
    uint32_t nres;
};

static const char *default_vs =
    "VERT\n"
    "DCL IN[0]\n"
    "DCL IN[1]\n"
    "DCL OUT[0], POSITION\n"
    "DCL OUT[1], GENERIC[0]\n"
    "  0: MOV OUT[0], IN[0]\n"
    "  1: MOV OUT[1], IN[1]\n"
    "  2: END\n";

static const char *default_fs =
    "FRAG\n"
    "DCL OUT[0], COLOR\n"
    "IMM[0] FLT32 {    0.0000,     0.0000,     0.0000,     1.0000}\n"
    "  0: MOV OUT[0], IMM[0]\n"
    "  1: END\n";

static const float quad[4 * 8] = {
    -1, -1, 0, 1,   0, 0, 0, 1,
     1, -1, 0, 1,   1, 0, 0, 1,
    -1,  1, 0, 1,   0, 1, 0, 1,
     1,  1, 0, 1,   1, 1, 0, 1,
};

static int seterr(struct vtq *q, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(q->err, sizeof(q->err), fmt, ap);
    va_end(ap);
    return code;
}

static int from_vt(struct vtq *q, int code, const char *what)
{
    return seterr(q, code, "%s: %s", what, vtest_error(q->vt));
}

static int open_common(struct vtq **out, struct vtest_server *srv)
{
    static struct vtq failed;   /* lets vtq_error work on a failed open */
    struct vtq *q = calloc(1, sizeof(*q));
    *out = q ? q : &failed;
    if (!q)
        return seterr(&failed, VTEST_ENOMEM, "out of memory");
    q->next_obj = 1;
    q->next_sub = 1;
    q->srv = srv;
    if (!srv) {
        q->own_srv = true;
        int r = vtest_server_start(&q->srv);
        if (r)
            return seterr(q, r, "virgl_test_server did not start (%d); log: %s", r,
                          vtest_server_log_tail(q->srv, 6));
    }
    int r = vtest_connect(q->srv, &q->vt);
    if (r)
        return from_vt(q, r, "connect");
    return 0;
}

int vtq_open(struct vtq **out)
{
    return open_common(out, NULL);
}

int vtq_open_on(struct vtq **out, struct vtest_server *srv)
{
    return open_common(out, srv);
}

void vtq_close(struct vtq *q)
{
    if (!q || !q->srv)
        return;
    vtest_close(q->vt);
    if (q->own_srv)
        vtest_server_stop(q->srv);
    free(q);
}

const char *vtq_error(const struct vtq *q)
{
    return q ? q->err : "no vtq";
}

struct vtest *vtq_vtest(struct vtq *q)
{
    return q->vt;
}

/* Reconnects after a draw killed the connection (or restarts the server
 * if it died altogether). */
static int ensure_conn(struct vtq *q)
{
    if (q->vt && !vtest_dead(q->vt))
        return 0;
    vtest_close(q->vt);
    q->vt = NULL;
    if (!vtest_server_alive(q->srv) && q->own_srv) {
        vtest_server_stop(q->srv);
        q->srv = NULL;
        int r = vtest_server_start(&q->srv);
        if (r)
            return seterr(q, r, "restarting virgl_test_server: %s",
                          vtest_server_log_tail(q->srv, 6));
    }
    int r = vtest_connect(q->srv, &q->vt);
    if (r)
        return from_vt(q, r, "reconnect");
    return 0;
}

static struct vtest_resource *new_res(struct draw_state *s)
{
    if (s->nres >= MAX_RES)
        return NULL;
    struct vtest_resource *r = &s->res[s->nres++];
    memset(r, 0, sizeof(*r));
    return r;
}

static int make_buffer(struct vtq *q, struct draw_state *s, uint32_t bind, const void *data,
                       uint32_t size, int fill, struct vtest_resource **out)
{
    struct vtest_resource *r = new_res(s);
    if (!r)
        return seterr(q, VTEST_EINVAL, "too many resources in one draw");
    r->target = VIRGL_TARGET_BUFFER;
    r->format = VIRGL_FORMAT_R8_UNORM;
    r->bind = bind;
    r->width = size;
    r->height = r->depth = r->array_size = 1;
    int e = vtest_resource_create(q->vt, r);
    if (e)
        return from_vt(q, e, "buffer create");
    if (data)
        memcpy(r->shm, data, size);
    else
        memset(r->shm, fill, size);
    struct virgl_box box = { 0, 0, 0, size, 1, 1 };
    e = virgl_enc_transfer3d(vtest_encoder(q->vt), r->handle, 0, 0, &box, 0, 0, 0,
                             VIRGL_TRANSFER_TO_HOST);
    if (e)
        return seterr(q, e, "encode transfer3d (%d)", e);
    *out = r;
    return 0;
}

static int make_texture(struct vtq *q, struct draw_state *s, const struct vtq_texture *t,
                        struct vtest_resource **out)
{
    if (t->target == VIRGL_TARGET_BUFFER) {
        /* a D3D buffer SRV: `width` elements of `format`, uploaded whole */
        const struct virgl_format_desc *fd = virgl_format_info(t->format);
        if (!fd || !t->width || !t->data)
            return seterr(q, VTEST_EINVAL, "buffer texture needs a known format, width and data");
        return make_buffer(q, s, VIRGL_BIND_SAMPLER_VIEW, t->data, t->width * fd->block_bytes, 0, out);
    }
    struct vtest_resource *r = new_res(s);
    if (!r)
        return seterr(q, VTEST_EINVAL, "too many resources in one draw");
    uint32_t levels = t->levels ? t->levels : 1;
    r->target = t->target;
    r->format = t->format;
    r->bind = VIRGL_BIND_SAMPLER_VIEW;
    r->width = t->width;
    r->height = t->height ? t->height : 1;
    r->last_level = levels - 1;
    if (t->target == VIRGL_TARGET_3D) {
        r->depth = t->depth ? t->depth : 1;
        r->array_size = 1;
    } else {
        r->depth = 1;
        r->array_size = t->depth ? t->depth : 1;
    }
    if (t->samples > 1) {
        /* filled by fill_msaa, not uploaded: multisampled resources
         * have no transfers */
        r->nr_samples = t->samples;
        r->bind |= VIRGL_BIND_RENDER_TARGET;
        int e = vtest_resource_create(q->vt, r);
        if (e)
            return from_vt(q, e, "multisampled texture create");
        *out = r;
        return 0;
    }
    int e = vtest_resource_create(q->vt, r);
    if (e)
        return from_vt(q, e, "texture create");
    if (t->data)
        memcpy(r->shm, t->data, r->shm_size);
    for (uint32_t l = 0; l < levels; l++) {
        uint32_t w = r->width >> l ? r->width >> l : 1;
        uint32_t h = r->height >> l ? r->height >> l : 1;
        uint32_t d = r->target == VIRGL_TARGET_3D ? (r->depth >> l ? r->depth >> l : 1)
                                                  : r->array_size;
        if (r->target == VIRGL_TARGET_1D || r->target == VIRGL_TARGET_1D_ARRAY)
            h = 1;
        uint32_t stride = vtest_level_stride(r, l);
        uint32_t lstride = vtest_level_size(r, l) / d;
        /* virglrenderer uploads a cube map with one glTexSubImage2D on face
         * box.z and ignores box.depth, so a 6-deep box fills face 0 only:
         * send one transfer per face. */
        uint32_t per = r->target == VIRGL_TARGET_CUBE ? 1 : d;
        for (uint32_t z = 0; z < d; z += per) {
            struct virgl_box box = { 0, 0, z, w, h, per };
            e = virgl_enc_transfer3d(vtest_encoder(q->vt), r->handle, l, 0, &box, stride, lstride,
                                     vtest_level_offset(r, l) + z * lstride,
                                     VIRGL_TRANSFER_TO_HOST);
            if (e)
                return seterr(q, e, "encode transfer3d (%d)", e);
        }
    }
    *out = r;
    return 0;
}

/* Fills a multisampled texture before the draw sets up its own state:
 * clear every sample to t->data, then (with a sample mask) draw a quad of
 * t->mask_data into the masked samples only.  Everything bound here is
 * rebound by encode_draw afterwards; the sample mask is restored. */
static int fill_msaa(struct vtq *q, struct draw_state *s, const struct vtq_texture *t,
                     struct vtest_resource *tr)
{
    struct virgl_enc *e = vtest_encoder(q->vt);
    uint32_t ms = q->next_obj++, cc[4] = { 0 };
    int r;
#define CK(x) do { if ((r = (x))) return seterr(q, r, "encoding %s failed (%d)", #x, r); } while (0)
    if (t->data)
        memcpy(cc, t->data, sizeof(cc));
    CK(virgl_enc_create_surface(e, ms, tr->handle, t->format, 0, 0, 0));
    CK(virgl_enc_set_framebuffer_state(e, 1, &ms, 0));
    CK(virgl_enc_clear(e, VIRGL_CLEAR_COLOR0, cc, 1.0, 0));
    if (!t->sample_mask || !t->mask_data)
        return 0;
    uint32_t v[4];
    memcpy(v, t->mask_data, sizeof(v));
    char fs[256];
    /* raw bits through MOV: the value is the same for float and integer formats */
    snprintf(fs, sizeof(fs), "FRAG\nDCL OUT[0], COLOR\nIMM[0] UINT32 {%u, %u, %u, %u}\n"
             "  0: MOV OUT[0], IMM[0]\n  1: END\n", v[0], v[1], v[2], v[3]);
    struct virgl_blend_state bl = { 0 };
    bl.rt[0].colormask = VIRGL_MASK_RGBA;
    uint32_t h = q->next_obj++;
    CK(virgl_enc_create_blend(e, h, &bl));
    CK(virgl_enc_bind_object(e, VIRGL_OBJECT_BLEND, h));
    struct virgl_dsa_state dsa = { 0 };
    h = q->next_obj++;
    CK(virgl_enc_create_dsa(e, h, &dsa));
    CK(virgl_enc_bind_object(e, VIRGL_OBJECT_DSA, h));
    struct virgl_rasterizer_state rs = {
        .s0 = VIRGL_RS_S0_DEPTH_CLIP | VIRGL_RS_S0_HALF_PIXEL_CENTER | VIRGL_RS_S0_MULTISAMPLE,
        .point_size = 1.0f, .line_width = 1.0f };
    h = q->next_obj++;
    CK(virgl_enc_create_rasterizer(e, h, &rs));
    CK(virgl_enc_bind_object(e, VIRGL_OBJECT_RASTERIZER, h));
    struct virgl_viewport vp = { { tr->width / 2.0f, tr->height / 2.0f, 0.5f },
                                 { tr->width / 2.0f, tr->height / 2.0f, 0.5f } };
    CK(virgl_enc_set_viewport_states(e, 0, 1, &vp));
    h = q->next_obj++;
    CK(virgl_enc_create_shader_str(e, h, VIRGL_SHADER_VERTEX, default_vs, NULL));
    CK(virgl_enc_bind_shader(e, h, VIRGL_SHADER_VERTEX));
    h = q->next_obj++;
    CK(virgl_enc_create_shader_str(e, h, VIRGL_SHADER_FRAGMENT, fs, NULL));
    CK(virgl_enc_bind_shader(e, h, VIRGL_SHADER_FRAGMENT));
    struct vtest_resource *vb;
    if ((r = make_buffer(q, s, VIRGL_BIND_VERTEX_BUFFER, quad, sizeof(quad), 0, &vb)))
        return r;
    struct virgl_vertex_element ve[2] = { { 0, 0, 0, VIRGL_FORMAT_R32G32B32A32_FLOAT },
                                          { 16, 0, 0, VIRGL_FORMAT_R32G32B32A32_FLOAT } };
    h = q->next_obj++;
    CK(virgl_enc_create_vertex_elements(e, h, 2, ve));
    CK(virgl_enc_bind_object(e, VIRGL_OBJECT_VERTEX_ELEMENTS, h));
    struct virgl_vertex_buffer vbb = { 32, 0, vb->handle };
    CK(virgl_enc_set_vertex_buffers(e, 1, &vbb));
    CK(virgl_enc_set_sample_mask(e, t->sample_mask));
    struct virgl_draw_info di = { .start = 0, .count = 4, .mode = VIRGL_PRIM_TRIANGLE_STRIP,
                                  .instance_count = 1, .max_index = 3 };
    CK(virgl_enc_draw_vbo(e, &di));
    CK(virgl_enc_set_sample_mask(e, 0xffffffffu));
#undef CK
    return 0;
}

static void release(struct vtq *q, struct draw_state *s)
{
    for (uint32_t i = 0; i < s->nres; i++)
        if (q->vt)
            vtest_resource_unref(q->vt, &s->res[i]);
    s->nres = 0;
}

static bool all_zero(const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return false;
    return true;
}

static int encode_draw(struct vtq *q, struct draw_state *s, const struct vtq_desc *d,
                       struct vtq_result *res, struct vtest_resource **rts,
                       struct vtest_resource **so_bufs, struct vtest_resource **qbuf,
                       struct vtest_resource **zbuf, uint32_t sub, uint32_t *query_out)
{
    struct virgl_enc *e = vtest_encoder(q->vt);
    uint32_t W = res->width, H = res->height;
    int r;
#define OBJ() (q->next_obj++)
#define CK(x) do { if ((r = (x))) return vtest_dead(q->vt) ? from_vt(q, r, #x) \
                                    : seterr(q, r, "encoding %s failed (%d)", #x, r); } while (0)
    CK(virgl_enc_create_sub_ctx(e, sub));
    CK(virgl_enc_set_sub_ctx(e, sub));

    /* Multisampled textures first: filling them binds state of its own. */
    struct vtest_resource *msres[VTQ_MAX_TEX] = { 0 };
    for (uint32_t i = 0; i < d->num_tex; i++) {
        if (d->tex[i].samples <= 1)
            continue;
        if ((r = make_texture(q, s, &d->tex[i], &msres[i])) || (r = fill_msaa(q, s, &d->tex[i], msres[i])))
            return r;
    }

    /* Render targets. */
    uint32_t surf[VTQ_MAX_RT];
    for (uint32_t i = 0; i < res->num_rts; i++) {
        struct vtest_resource *rt = new_res(s);
        if (!rt)
            return seterr(q, VTEST_EINVAL, "too many resources");
        *rt = (struct vtest_resource){ .target = VIRGL_TARGET_2D, .format = res->format[i],
                                       .bind = VIRGL_BIND_RENDER_TARGET | VIRGL_BIND_SAMPLER_VIEW,
                                       .width = W, .height = H, .depth = 1, .array_size = 1 };
        if ((r = vtest_resource_create(q->vt, rt)))
            return from_vt(q, r, "render target create");
        rts[i] = rt;
        surf[i] = OBJ();
        CK(virgl_enc_create_surface(e, surf[i], rt->handle, rt->format, 0, 0, 0));
    }
    uint32_t zsurf = 0;
    if (d->depth_format) {
        struct vtest_resource *z = new_res(s);
        if (!z)
            return seterr(q, VTEST_EINVAL, "too many resources");
        *z = (struct vtest_resource){ .target = VIRGL_TARGET_2D, .format = d->depth_format,
                                      .bind = VIRGL_BIND_DEPTH_STENCIL,
                                      .width = W, .height = H, .depth = 1, .array_size = 1 };
        if ((r = vtest_resource_create(q->vt, z)))
            return from_vt(q, r, "depth buffer create");
        *zbuf = z;
        zsurf = OBJ();
        CK(virgl_enc_create_surface(e, zsurf, z->handle, z->format, 0, 0, 0));
    }
    CK(virgl_enc_set_framebuffer_state(e, res->num_rts, surf, zsurf));

    /* Fixed-function state. */
    struct virgl_blend_state bl = { 0 };
    for (uint32_t i = 0; i < VIRGL_MAX_COLOR_BUFS; i++)
        bl.rt[i].colormask = VIRGL_MASK_RGBA;
    uint32_t h = OBJ();
    CK(virgl_enc_create_blend(e, h, &bl));
    CK(virgl_enc_bind_object(e, VIRGL_OBJECT_BLEND, h));
    struct virgl_dsa_state dsa = { 0 };
    if (d->depth_format) {
        dsa.depth_enable = 1;
        dsa.depth_writemask = 1;
        dsa.depth_func = (uint8_t)d->depth_func;
    }
    h = OBJ();
    CK(virgl_enc_create_dsa(e, h, &dsa));
    CK(virgl_enc_bind_object(e, VIRGL_OBJECT_DSA, h));
    struct virgl_rasterizer_state rs = {
        .s0 = VIRGL_RS_S0_DEPTH_CLIP | VIRGL_RS_S0_HALF_PIXEL_CENTER |
              (d->rasterizer_discard ? VIRGL_RS_S0_RASTERIZER_DISCARD : 0),
        .s3 = VIRGL_RS_S3_CLIP_PLANE_ENABLE(d->clip_plane_enable),
        .point_size = 1.0f, .line_width = 1.0f };
    h = OBJ();
    CK(virgl_enc_create_rasterizer(e, h, &rs));
    CK(virgl_enc_bind_object(e, VIRGL_OBJECT_RASTERIZER, h));
    struct virgl_viewport vp = { { W / 2.0f, H / 2.0f, 0.5f }, { W / 2.0f, H / 2.0f, 0.5f } };
    CK(virgl_enc_set_viewport_states(e, 0, 1, &vp));

    /* Shaders. */
    const struct virgl_so_info *so_vs = d->gs ? NULL : d->so;
    h = OBJ();
    CK(virgl_enc_create_shader_str(e, h, VIRGL_SHADER_VERTEX, d->vs ? d->vs : default_vs, so_vs));
    CK(virgl_enc_bind_shader(e, h, VIRGL_SHADER_VERTEX));
    if (d->gs) {
        h = OBJ();
        CK(virgl_enc_create_shader_str(e, h, VIRGL_SHADER_GEOMETRY, d->gs, d->so));
        CK(virgl_enc_bind_shader(e, h, VIRGL_SHADER_GEOMETRY));
    }
    h = OBJ();
    CK(virgl_enc_create_shader_str(e, h, VIRGL_SHADER_FRAGMENT, d->fs ? d->fs : default_fs, NULL));
    CK(virgl_enc_bind_shader(e, h, VIRGL_SHADER_FRAGMENT));

    /* Vertices. */
    const float *verts = d->vertices ? d->vertices : quad;
    uint32_t nv = d->vertices ? d->num_vertices : 4;
    uint32_t na = d->vertices ? d->num_attrs : 2;
    if (na == 0 || na > VTQ_MAX_ATTRS || nv == 0)
        return seterr(q, VTEST_EINVAL, "bad vertex layout: %u vertices, %u attributes", nv, na);
    struct vtest_resource *vb;
    if ((r = make_buffer(q, s, VIRGL_BIND_VERTEX_BUFFER, verts, nv * na * 16, 0, &vb)))
        return r;
    struct virgl_vertex_element ve[VTQ_MAX_ATTRS];
    for (uint32_t i = 0; i < na; i++)
        ve[i] = (struct virgl_vertex_element){
            16 * i, 0, 0,
            d->vertices && d->attr_format[i] ? d->attr_format[i] : VIRGL_FORMAT_R32G32B32A32_FLOAT };
    h = OBJ();
    CK(virgl_enc_create_vertex_elements(e, h, na, ve));
    CK(virgl_enc_bind_object(e, VIRGL_OBJECT_VERTEX_ELEMENTS, h));
    struct virgl_vertex_buffer vbb = { 16 * na, 0, vb->handle };
    CK(virgl_enc_set_vertex_buffers(e, 1, &vbb));

    /* Constants. */
    for (uint32_t st = 0; st < VIRGL_SHADER_TYPES; st++) {
        if (d->consts[st] && d->consts_dw[st])
            CK(virgl_enc_set_constant_buffer(e, st, 0, d->consts_dw[st], d->consts[st]));
        for (uint32_t i = 1; i < VTQ_MAX_UBO; i++) {
            const struct vtq_ubo *u = &d->ubo[st][i];
            if (!u->size)
                continue;
            uint32_t sz = (u->size + 15) & ~15u;
            struct vtest_resource *ub;
            if ((r = make_buffer(q, s, VIRGL_BIND_CONSTANT_BUFFER, NULL, sz, 0, &ub)))
                return r;
            memcpy(ub->shm, u->data, u->size);
            CK(virgl_enc_set_uniform_buffer(e, st, i, 0, sz, ub->handle));
        }
    }

    /* Textures. */
    for (uint32_t i = 0; i < d->num_tex; i++) {
        const struct vtq_texture *t = &d->tex[i];
        struct vtest_resource *tr = msres[i];
        if (!tr && (r = make_texture(q, s, t, &tr)))
            return r;
        uint32_t levels = t->levels ? t->levels : 1;
        struct virgl_sampler_view_desc sv = {
            .res = tr->handle, .format = t->format, .target = t->target,
            .first_layer = 0,
            .last_layer = t->target == VIRGL_TARGET_3D ? 0 : tr->array_size - 1,
            .first_level = 0, .last_level = levels - 1,
            .swizzle = { VIRGL_SWIZZLE_X, VIRGL_SWIZZLE_Y, VIRGL_SWIZZLE_Z, VIRGL_SWIZZLE_W } };
        if (t->target == VIRGL_TARGET_BUFFER) {
            sv.first_element = 0;
            sv.last_element = t->width - 1;
        }
        uint32_t vh = OBJ();
        CK(virgl_enc_create_sampler_view(e, vh, &sv));
        CK(virgl_enc_set_sampler_views(e, t->stage, t->slot, 1, &vh));
        struct virgl_sampler_state ss = t->sampler;
        if (all_zero(&ss, sizeof(ss))) {
            ss.wrap_s = ss.wrap_t = ss.wrap_r = VIRGL_WRAP_CLAMP_TO_EDGE;
            ss.min_mip_filter = VIRGL_MIPFILTER_NEAREST;
            ss.max_lod = 1000.0f;
        }
        uint32_t sh = OBJ();
        CK(virgl_enc_create_sampler_state(e, sh, &ss));
        CK(virgl_enc_bind_sampler_states(e, t->stage, t->slot, 1, &sh));
    }

    /* Stream output. */
    uint32_t nso = 0, so_h[VIRGL_MAX_SO_BUFFERS];
    uint32_t query = 0;
    if (d->so) {
        for (uint32_t b = 0; b < VIRGL_MAX_SO_BUFFERS; b++)
            if (d->so_size[b])
                nso = b + 1;
        for (uint32_t b = 0; b < nso; b++) {
            uint32_t sz = d->so_size[b] ? d->so_size[b] : 16;
            if ((r = make_buffer(q, s, VIRGL_BIND_STREAM_OUTPUT, NULL, sz, 0xcd, &so_bufs[b])))
                return r;
            so_h[b] = OBJ();
            CK(virgl_enc_create_so_target(e, so_h[b], so_bufs[b]->handle, 0, sz));
        }
        CK(virgl_enc_set_streamout_targets(e, 0, nso, so_h));
        if ((r = make_buffer(q, s, VIRGL_BIND_CUSTOM, NULL, sizeof(struct virgl_host_query_state),
                             0, qbuf)))
            return r;
        query = OBJ();
        CK(virgl_enc_create_query(e, query, VIRGL_QUERY_PRIMITIVES_EMITTED, 0, (*qbuf)->handle, 0));
    }

    /* Clear, draw. */
    uint32_t cc[4];
    for (uint32_t i = 0; i < 4; i++)
        cc[i] = d->clear_is_int ? d->clear_u[i] : virgl_fui(d->clear[i]);
    CK(virgl_enc_clear(e, (VIRGL_CLEAR_COLOR_ALL & ((1u << (2 + res->num_rts)) - 1)) |
                              (d->depth_format ? VIRGL_CLEAR_DEPTH : 0),
                       cc, d->clear_depth, 0));
    if (query)
        CK(virgl_enc_begin_query(e, query));
    struct virgl_draw_info di = {
        .start = 0, .count = nv,
        .mode = d->vertices ? d->prim : VIRGL_PRIM_TRIANGLE_STRIP,
        .instance_count = d->instances ? d->instances : 1,
        .max_index = nv - 1 };
    CK(virgl_enc_draw_vbo(e, &di));
    if (query) {
        CK(virgl_enc_end_query(e, query));
        CK(virgl_enc_set_streamout_targets(e, 0, 0, NULL));
        /* The result arrives through vtest_wait_query(); the sub-context
         * (and with it the query) stays alive until then. */
        *query_out = query;
    } else {
        CK(virgl_enc_set_sub_ctx(e, 0));
        CK(virgl_enc_destroy_sub_ctx(e, sub));
    }
#undef CK
#undef OBJ
    return 0;
}

int vtq_draw(struct vtq *q, const struct vtq_desc *d, struct vtq_result *res)
{
    memset(res, 0, sizeof(*res));
    q->err[0] = 0;
    int r = ensure_conn(q);
    if (r)
        return r;
    res->width = d->width ? d->width : 64;
    res->height = d->height ? d->height : 64;
    res->num_rts = d->num_rts ? d->num_rts : 1;
    if (res->num_rts > VTQ_MAX_RT || d->num_tex > VTQ_MAX_TEX)
        return seterr(q, VTEST_EINVAL, "too many render targets or textures");
    for (uint32_t i = 0; i < res->num_rts; i++) {
        uint32_t f = d->rt_formats[i] ? d->rt_formats[i]
                     : d->rt_format ? d->rt_format : VIRGL_FORMAT_B8G8R8A8_UNORM;
        const struct virgl_format_desc *fd = virgl_format_info(f);
        if (!fd || (fd->flags & VIRGL_FMT_COMPRESSED))
            return seterr(q, VTEST_EINVAL, "render target format %u is not in the table", f);
        res->format[i] = f;
        res->bpp[i] = fd->block_bytes;
        res->stride[i] = fd->block_bytes * res->width;
    }

    struct draw_state *s = calloc(1, sizeof(*s));
    if (!s)
        return seterr(q, VTEST_ENOMEM, "out of memory");
    struct vtest_resource *rts[VTQ_MAX_RT] = { 0 };
    struct vtest_resource *so_bufs[VIRGL_MAX_SO_BUFFERS] = { 0 };
    struct vtest_resource *qbuf = NULL, *zbuf = NULL;
    uint32_t sub = q->next_sub++;
    virgl_enc_reset(vtest_encoder(q->vt));
    uint32_t query = 0;
    r = encode_draw(q, s, d, res, rts, so_bufs, &qbuf, &zbuf, sub, &query);
    if (!r && (r = vtest_finish(q->vt)))
        from_vt(q, r, "draw");
    if (!r && query) {
        if ((r = vtest_wait_query(q->vt, query, qbuf, 0)))
            from_vt(q, r, "PRIMITIVES_EMITTED query");
        struct virgl_enc *e = vtest_encoder(q->vt);
        if (!r && !(r = virgl_enc_set_sub_ctx(e, 0)) && !(r = virgl_enc_destroy_sub_ctx(e, sub)))
            r = virgl_enc_flush(e);
    }
    for (uint32_t i = 0; !r && i < res->num_rts; i++) {
        if ((r = vtest_read_level(q->vt, rts[i], 0))) {
            from_vt(q, r, "render target readback");
            break;
        }
        res->rt[i] = malloc(rts[i]->shm_size);
        if (!res->rt[i]) {
            r = seterr(q, VTEST_ENOMEM, "out of memory");
            break;
        }
        memcpy(res->rt[i], rts[i]->shm, rts[i]->shm_size);
    }
    for (uint32_t b = 0; !r && b < VIRGL_MAX_SO_BUFFERS; b++) {
        if (!so_bufs[b] || !d->so_size[b])
            continue;
        if ((r = vtest_read_level(q->vt, so_bufs[b], 0))) {
            from_vt(q, r, "stream output readback");
            break;
        }
        res->so[b] = malloc(d->so_size[b]);
        if (!res->so[b]) {
            r = seterr(q, VTEST_ENOMEM, "out of memory");
            break;
        }
        memcpy(res->so[b], so_bufs[b]->shm, d->so_size[b]);
        res->so_size[b] = d->so_size[b];
    }
    if (!r && zbuf) {
        if ((r = vtest_read_level(q->vt, zbuf, 0)))
            from_vt(q, r, "depth buffer readback");
        else if (!(res->depth = malloc(zbuf->shm_size)))
            r = seterr(q, VTEST_ENOMEM, "out of memory");
        else {
            memcpy(res->depth, zbuf->shm, zbuf->shm_size);
            res->depth_bpp = virgl_format_info(zbuf->format)->block_bytes;
        }
    }
    if (!r && qbuf)
        res->so_prims = ((const struct virgl_host_query_state *)qbuf->shm)->result;
    release(q, s);
    free(s);
    if (r)
        vtq_result_free(res);
    return r;
}

void vtq_result_free(struct vtq_result *r)
{
    for (uint32_t i = 0; i < VTQ_MAX_RT; i++) {
        free(r->rt[i]);
        r->rt[i] = NULL;
    }
    for (uint32_t b = 0; b < VIRGL_MAX_SO_BUFFERS; b++) {
        free(r->so[b]);
        r->so[b] = NULL;
    }
    free(r->depth);
    r->depth = NULL;
}

const void *vtq_pixel(const struct vtq_result *r, uint32_t rt, uint32_t x, uint32_t y)
{
    if (rt >= r->num_rts || !r->rt[rt] || x >= r->width || y >= r->height)
        return NULL;
    return r->rt[rt] + (size_t)y * r->stride[rt] + (size_t)x * r->bpp[rt];
}

const void *vtq_depth(const struct vtq_result *r, uint32_t x, uint32_t y)
{
    if (!r->depth || x >= r->width || y >= r->height)
        return NULL;
    return r->depth + ((size_t)y * r->width + x) * r->depth_bpp;
}
