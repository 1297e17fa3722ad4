/*
 * umd_draw.c — pipeline binding, draws and clears.
 *
 * These are the per-frame DDIs.  Each writes a few dwords into the command
 * buffer and nothing else (DESIGN §7): no allocation, no lock, no call
 * into the runtime except pfnRenderCb when the buffer is full.  Shader
 * resources and samplers are bound per TGSI unit of the bound shader (the
 * translator's unit_res/unit_samp maps), re-emitted at the next draw only
 * for the stages whose shader, views or samplers changed.
 */
#include "umd_priv.h"

/* Slot ranges: the runtime keeps StartSlot + count within the API's slot
 * count; a start past our arrays is refused (start + i could wrap), a
 * count past them clamped.  One compare per call. */
static bool slots_ok(struct umd_device *d, UINT start, UINT n, UINT max)
{
    if (start < max || !n)
        return start < max;
    umd_set_error(d, E_INVALIDARG);
    return false;
}

static void set_cb(struct umd_device *d, uint32_t stage, UINT start, UINT n, const D3D10DDI_HRESOURCE *b)
{
    if (!slots_ok(d, start, n, UMD_MAX_CB))
        return;
    for (UINT i = 0; i < n && i < UMD_MAX_CB - start; i++) {
        struct umd_resource *r = b ? b[i].pDrvPrivate : NULL;
        virgl_enc_set_uniform_buffer(&d->enc, umd_stage_type[stage], start + i + 1, 0, r ? r->width : 0,
                                     umd_ref_read(d, r));
        d->cb_res[stage][start + i] = r;
    }
    umd_check_enc(d);
}
static VOID APIENTRY umd_vs_set_cb(D3D10DDI_HDEVICE hd, UINT s, UINT n, const D3D10DDI_HRESOURCE *b) { set_cb(umd_dev(hd), UMD_VS, s, n, b); }
static VOID APIENTRY umd_ps_set_cb(D3D10DDI_HDEVICE hd, UINT s, UINT n, const D3D10DDI_HRESOURCE *b) { set_cb(umd_dev(hd), UMD_PS, s, n, b); }
static VOID APIENTRY umd_gs_set_cb(D3D10DDI_HDEVICE hd, UINT s, UINT n, const D3D10DDI_HRESOURCE *b) { set_cb(umd_dev(hd), UMD_GS, s, n, b); }

static void set_srv(struct umd_device *d, uint32_t stage, UINT off, UINT n, const D3D10DDI_HSHADERRESOURCEVIEW *v)
{
    if (!slots_ok(d, off, n, UMD_MAX_SRV))
        return;
    for (UINT i = 0; i < n && i < UMD_MAX_SRV - off; i++)
        d->srv[stage][off + i] = v ? v[i].pDrvPrivate : NULL;
    d->units_dirty[stage] = true;
}
static VOID APIENTRY umd_vs_set_srv(D3D10DDI_HDEVICE hd, UINT o, UINT n, const D3D10DDI_HSHADERRESOURCEVIEW *v) { set_srv(umd_dev(hd), UMD_VS, o, n, v); }
static VOID APIENTRY umd_ps_set_srv(D3D10DDI_HDEVICE hd, UINT o, UINT n, const D3D10DDI_HSHADERRESOURCEVIEW *v) { set_srv(umd_dev(hd), UMD_PS, o, n, v); }
static VOID APIENTRY umd_gs_set_srv(D3D10DDI_HDEVICE hd, UINT o, UINT n, const D3D10DDI_HSHADERRESOURCEVIEW *v) { set_srv(umd_dev(hd), UMD_GS, o, n, v); }

static void set_samplers(struct umd_device *d, uint32_t stage, UINT off, UINT n, const D3D10DDI_HSAMPLER *s)
{
    if (!slots_ok(d, off, n, UMD_MAX_SAMPLERS))
        return;
    for (UINT i = 0; i < n && i < UMD_MAX_SAMPLERS - off; i++)
        d->sampler[stage][off + i] = s ? s[i].pDrvPrivate : NULL;
    d->units_dirty[stage] = true;
}
static VOID APIENTRY umd_vs_set_samplers(D3D10DDI_HDEVICE hd, UINT o, UINT n, const D3D10DDI_HSAMPLER *s) { set_samplers(umd_dev(hd), UMD_VS, o, n, s); }
static VOID APIENTRY umd_ps_set_samplers(D3D10DDI_HDEVICE hd, UINT o, UINT n, const D3D10DDI_HSAMPLER *s) { set_samplers(umd_dev(hd), UMD_PS, o, n, s); }
static VOID APIENTRY umd_gs_set_samplers(D3D10DDI_HDEVICE hd, UINT o, UINT n, const D3D10DDI_HSAMPLER *s) { set_samplers(umd_dev(hd), UMD_GS, o, n, s); }

static void set_shader(struct umd_device *d, uint32_t stage, D3D10DDI_HSHADER h)
{
    struct umd_shader *sh = h.pDrvPrivate;
    d->shader[stage] = sh;
    if (stage != UMD_PS)
        d->rs_dirty = true;
    if (stage == UMD_GS)
        d->gs_bound = sh ? sh->handle : 0; /* umd_so_pick_gs may switch variants */
    virgl_enc_bind_shader(&d->enc, sh ? sh->handle : 0, umd_stage_type[stage]);
    d->units_dirty[stage] = true;
    umd_check_enc(d);
}
static VOID APIENTRY umd_vs_set_shader(D3D10DDI_HDEVICE hd, D3D10DDI_HSHADER h) { set_shader(umd_dev(hd), UMD_VS, h); }
static VOID APIENTRY umd_ps_set_shader(D3D10DDI_HDEVICE hd, D3D10DDI_HSHADER h) { set_shader(umd_dev(hd), UMD_PS, h); }
static VOID APIENTRY umd_gs_set_shader(D3D10DDI_HDEVICE hd, D3D10DDI_HSHADER h) { set_shader(umd_dev(hd), UMD_GS, h); }

/* Emits sampler views and sampler states for the TGSI units of the bound
 * shaders whose inputs changed. */
static void flush_units(struct umd_device *d)
{
    for (uint32_t st = 0; st < UMD_STAGES; st++) {
        if (!d->units_dirty[st])
            continue;
        d->units_dirty[st] = false;
        struct umd_shader *sh = d->shader[st];
        if (!sh || !sh->nunits)
            continue;
        uint32_t views[32], samps[32], n = sh->nunits > 32 ? 32 : sh->nunits;
        for (uint32_t i = 0; i < n; i++) {
            struct umd_view *v = sh->unit_res[i] < UMD_MAX_SRV ? d->srv[st][sh->unit_res[i]] : NULL;
            struct umd_state *s = sh->unit_samp[i] < UMD_MAX_SAMPLERS ? d->sampler[st][sh->unit_samp[i]] : NULL;
            views[i] = v ? v->handle : 0;
            samps[i] = s ? s->handle : 0;
        }
        virgl_enc_set_sampler_views(&d->enc, umd_stage_type[st], 0, n, views);
        virgl_enc_bind_sampler_states(&d->enc, umd_stage_type[st], 0, n, samps);
    }
}

static VOID APIENTRY umd_ia_set_layout(D3D10DDI_HDEVICE hd, D3D10DDI_HELEMENTLAYOUT h)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_layout *l = h.pDrvPrivate;
    virgl_enc_bind_object(&d->enc, VIRGL_OBJECT_VERTEX_ELEMENTS, l ? l->handle : 0);
    umd_check_enc(d);
}

static VOID APIENTRY umd_ia_set_vbs(D3D10DDI_HDEVICE hd, UINT start, UINT n, const D3D10DDI_HRESOURCE *b,
                                    const UINT *strides, const UINT *offsets)
{
    struct umd_device *d = umd_dev(hd);
    if (!slots_ok(d, start, n, UMD_MAX_VB))
        return;
    for (UINT i = 0; i < n && i < UMD_MAX_VB - start; i++) {
        struct umd_resource *r = b ? b[i].pDrvPrivate : NULL;
        d->vb_res[start + i] = r;
        d->vb[start + i].stride = r && strides ? strides[i] : 0;
        d->vb[start + i].offset = r && offsets ? offsets[i] : 0;
    }
    umd_emit_vbs(d);
    umd_check_enc(d);
}

/* Re-derives every slot's reference from vb_res: references belong to one
 * allocation list, so ones stored from an earlier buffer would be stale. */
void umd_emit_vbs(struct umd_device *d)
{
    umd_ref_room(d, UMD_MAX_VB);
    d->num_vb = 0;
    for (uint32_t i = 0; i < UMD_MAX_VB; i++) {
        d->vb[i].res = umd_ref_read(d, d->vb_res[i]);
        if (d->vb[i].res)
            d->num_vb = i + 1;
    }
    virgl_enc_set_vertex_buffers(&d->enc, d->num_vb, d->vb);
}

static VOID APIENTRY umd_ia_set_ib(D3D10DDI_HDEVICE hd, D3D10DDI_HRESOURCE b, DXGI_FORMAT f, UINT off)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_resource *r = b.pDrvPrivate;
    if (r && f != DXGI_FORMAT_R16_UINT && f != DXGI_FORMAT_R32_UINT) {
        umd_set_error(d, E_INVALIDARG);
        return;
    }
    d->ib_size = r ? (f == DXGI_FORMAT_R16_UINT ? 2 : 4) : 0;
    d->ib_res = r;
    d->ib_offset = off;
    virgl_enc_set_index_buffer(&d->enc, umd_ref_read(d, r), d->ib_size, off);
    umd_check_enc(d);
}

static VOID APIENTRY umd_ia_set_topology(D3D10DDI_HDEVICE hd, D3D10_DDI_PRIMITIVE_TOPOLOGY t)
{
    struct umd_device *d = umd_dev(hd);
    switch (t) {
    case D3D10_DDI_PRIMITIVE_TOPOLOGY_POINTLIST: d->prim = VIRGL_PRIM_POINTS; break;
    case D3D10_DDI_PRIMITIVE_TOPOLOGY_LINELIST: d->prim = VIRGL_PRIM_LINES; break;
    case D3D10_DDI_PRIMITIVE_TOPOLOGY_LINESTRIP: d->prim = VIRGL_PRIM_LINE_STRIP; break;
    case D3D10_DDI_PRIMITIVE_TOPOLOGY_TRIANGLELIST: d->prim = VIRGL_PRIM_TRIANGLES; break;
    case D3D10_DDI_PRIMITIVE_TOPOLOGY_TRIANGLESTRIP: d->prim = VIRGL_PRIM_TRIANGLE_STRIP; break;
    case D3D10_DDI_PRIMITIVE_TOPOLOGY_LINELIST_ADJ: d->prim = VIRGL_PRIM_LINES_ADJ; break;
    case D3D10_DDI_PRIMITIVE_TOPOLOGY_LINESTRIP_ADJ: d->prim = VIRGL_PRIM_LINE_STRIP_ADJ; break;
    case D3D10_DDI_PRIMITIVE_TOPOLOGY_TRIANGLELIST_ADJ: d->prim = VIRGL_PRIM_TRIANGLES_ADJ; break;
    case D3D10_DDI_PRIMITIVE_TOPOLOGY_TRIANGLESTRIP_ADJ: d->prim = VIRGL_PRIM_TRIANGLE_STRIP_ADJ; break;
    default: d->prim = 0xff; break; /* undefined: draws are dropped */
    }
}

void umd_rebind_framebuffer(struct umd_device *d)
{
    uint32_t cb[UMD_MAX_RT];
    if (d->buf_rtvs)
        umd_views_fb_changed(d); /* buffer RTVs' shadows in/out (umd_view.c) */
    for (uint32_t i = 0; i < d->num_rtv; i++)
        cb[i] = d->rtv[i] ? d->rtv[i]->handle : 0;
    virgl_enc_set_framebuffer_state(&d->enc, d->num_rtv, cb, d->dsv ? d->dsv->handle : 0);
}

static VOID APIENTRY umd_set_rts(D3D10DDI_HDEVICE hd, const D3D10DDI_HRENDERTARGETVIEW *rtv, UINT n, UINT clear,
                                 D3D10DDI_HDEPTHSTENCILVIEW dsv)
{
    struct umd_device *d = umd_dev(hd);
    (void)clear; /* slots past n are unbound: nr_cbufs covers it */
    if (n > UMD_MAX_RT)
        n = UMD_MAX_RT;
    for (UINT i = 0; i < n; i++)
        d->rtv[i] = rtv ? rtv[i].pDrvPrivate : NULL;
    d->num_rtv = n;
    d->dsv = dsv.pDrvPrivate;
    umd_rebind_framebuffer(d);
    umd_check_enc(d);
}

static VOID APIENTRY umd_srv_hazard(D3D10DDI_HDEVICE hd, D3D10DDI_HSHADERRESOURCEVIEW v, D3D10DDI_HRESOURCE r)
{
    /* The host orders all work of a context; nothing to flush. */
    (void)hd; (void)v; (void)r;
}

static VOID APIENTRY umd_set_blend(D3D10DDI_HDEVICE hd, D3D10DDI_HBLENDSTATE h, const FLOAT factor[4], UINT mask)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_state *s = h.pDrvPrivate;
    static const float ones[4] = {1, 1, 1, 1};
    virgl_enc_bind_object(&d->enc, VIRGL_OBJECT_BLEND, s ? s->handle : 0);
    virgl_enc_set_blend_color(&d->enc, factor ? factor : ones);
    virgl_enc_set_sample_mask(&d->enc, mask);
    umd_check_enc(d);
}

static VOID APIENTRY umd_set_dsa(D3D10DDI_HDEVICE hd, D3D10DDI_HDEPTHSTENCILSTATE h, UINT ref)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_state *s = h.pDrvPrivate;
    virgl_enc_bind_object(&d->enc, VIRGL_OBJECT_DSA, s ? s->handle : 0);
    virgl_enc_set_stencil_ref(&d->enc, (uint8_t)ref, (uint8_t)ref);
    umd_check_enc(d);
}

static VOID APIENTRY umd_set_rs(D3D10DDI_HDEVICE hd, D3D10DDI_HRASTERIZERSTATE h)
{
    struct umd_device *d = umd_dev(hd);
    d->rs = h.pDrvPrivate;
    d->rs_dirty = true; /* bound at the next draw, once the variant is known */
}

/* Binds the rasterizer variant whose clip planes match what the last
 * vertex stage writes (a GS replaces the VS's outputs).  Variants are
 * made only when that count changes, not per draw. */
static void flush_rs(struct umd_device *d)
{
    if (!d->rs_dirty)
        return;
    d->rs_dirty = false;
    struct umd_state *s = d->rs;
    struct umd_shader *last = d->shader[UMD_GS] ? d->shader[UMD_GS] : d->shader[UMD_VS];
    uint8_t n = last ? last->num_clipdist : 0;
    if (n > 8)
        n = 8;
    if (!s || !n) {
        virgl_enc_bind_object(&d->enc, VIRGL_OBJECT_RASTERIZER, s ? s->handle : 0);
        return;
    }
    if (s->clip_n != n || !s->clip_handle) {
        if (s->clip_handle)
            virgl_enc_destroy_object(&d->enc, VIRGL_OBJECT_RASTERIZER, s->clip_handle);
        struct virgl_rasterizer_state v = s->rs;
        v.s3 = (v.s3 & ~UMD_RS_S3_CLIP_PLANE_ENABLE(0xff)) | UMD_RS_S3_CLIP_PLANE_ENABLE((1u << n) - 1);
        s->clip_handle = umd_new_handle(d);
        s->clip_n = n;
        virgl_enc_create_rasterizer(&d->enc, s->clip_handle, &v);
    }
    virgl_enc_bind_object(&d->enc, VIRGL_OBJECT_RASTERIZER, s->clip_handle);
}

/* The `rasterizer` operand of sampleinfo/samplepos: the bound render
 * target's sample count in a 16-byte buffer at UMD_RAST_CB, rewritten when
 * it changes and re-bound once per command buffer (its reference belongs
 * to one allocation list). */
static void flush_rast_cb(struct umd_device *d)
{
    bool used = false;
    for (uint32_t st = 0; st < UMD_STAGES; st++)
        used |= d->shader[st] && d->shader[st]->uses_rast_cb;
    if (!used || !d->rast_halloc)
        return;
    const struct umd_view *rt = d->num_rtv ? d->rtv[0] : NULL;
    uint32_t samples = rt && rt->res && rt->res->samples > 1 ? rt->res->samples : 1;
    if (samples == d->rast_samples && d->rast_batch == d->batch)
        return;
    umd_ref_room(d, 1);
    uint32_t ref = umd_ref_alloc(d, d->rast_halloc);
    if (samples != d->rast_samples) {
        uint32_t data[4] = {samples, 0, 0, 0};
        struct virgl_box box = {0, 0, 0, 16, 1, 1};
        virgl_enc_resource_inline_write(&d->enc, ref, 0, 0, &box, 0, 0, data, sizeof(data));
        d->rast_samples = samples;
    }
    for (uint32_t st = 0; st < UMD_STAGES; st++)
        if (d->shader[st] && d->shader[st]->uses_rast_cb)
            virgl_enc_set_uniform_buffer(&d->enc, umd_stage_type[st], UMD_RAST_CB, 0, 16, ref);
    d->rast_batch = d->batch;
}

static VOID APIENTRY umd_set_viewports(D3D10DDI_HDEVICE hd, UINT n, UINT clear, const D3D10_DDI_VIEWPORT *vp)
{
    struct umd_device *d = umd_dev(hd);
    struct virgl_viewport v[UMD_MAX_VP];
    (void)clear;
    if (n > UMD_MAX_VP)
        n = UMD_MAX_VP;
    for (UINT i = 0; i < n; i++) {
        /* Row 0 of a render target is the top (NDC y = +1) in D3D: the y
         * scale is negative. */
        v[i].scale[0] = vp[i].Width * 0.5f;
        v[i].scale[1] = -vp[i].Height * 0.5f;
        v[i].scale[2] = vp[i].MaxDepth - vp[i].MinDepth;
        v[i].translate[0] = vp[i].TopLeftX + vp[i].Width * 0.5f;
        v[i].translate[1] = vp[i].TopLeftY + vp[i].Height * 0.5f;
        v[i].translate[2] = vp[i].MinDepth;
    }
    if (n)
        virgl_enc_set_viewport_states(&d->enc, 0, n, v);
    umd_check_enc(d);
}

static VOID APIENTRY umd_set_scissors(D3D10DDI_HDEVICE hd, UINT n, UINT clear, const D3D10_DDI_RECT *r)
{
    struct umd_device *d = umd_dev(hd);
    struct virgl_scissor s[UMD_MAX_VP];
    (void)clear;
    if (n > UMD_MAX_VP)
        n = UMD_MAX_VP;
    for (UINT i = 0; i < n; i++) {
        LONG l = r[i].left < 0 ? 0 : r[i].left, t = r[i].top < 0 ? 0 : r[i].top;
        LONG rr = r[i].right < l ? l : r[i].right, b = r[i].bottom < t ? t : r[i].bottom;
        s[i].minx = (uint16_t)(l > 0xffff ? 0xffff : l);
        s[i].miny = (uint16_t)(t > 0xffff ? 0xffff : t);
        s[i].maxx = (uint16_t)(rr > 0xffff ? 0xffff : rr);
        s[i].maxy = (uint16_t)(b > 0xffff ? 0xffff : b);
    }
    if (n)
        virgl_enc_set_scissor_states(&d->enc, 0, n, s);
    umd_check_enc(d);
}

/* Clears act on a view, not on the bound framebuffer: bind the view alone,
 * clear, and put the application's framebuffer back. */
static VOID APIENTRY umd_clear_rtv(D3D10DDI_HDEVICE hd, D3D10DDI_HRENDERTARGETVIEW hv, FLOAT rgba[4])
{
    struct umd_device *d = umd_dev(hd);
    struct umd_view *v = hv.pDrvPrivate;
    if (!v || !v->handle) {
        umd_set_error(d, E_INVALIDARG);
        return;
    }
    if (v->shadow) {
        umd_view_clear_buffer(d, v, rgba); /* a buffer RTV (umd_view.c) */
        return;
    }
    virgl_enc_set_framebuffer_state(&d->enc, 1, &v->handle, 0);
    virgl_enc_clear_f(&d->enc, VIRGL_CLEAR_COLOR0, rgba, 0.0, 0);
    umd_rebind_framebuffer(d);
    umd_check_enc(d);
}

static VOID APIENTRY umd_clear_dsv(D3D10DDI_HDEVICE hd, D3D10DDI_HDEPTHSTENCILVIEW hv, UINT flags, FLOAT depth,
                                   UINT8 stencil)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_view *v = hv.pDrvPrivate;
    uint32_t buffers = ((flags & D3D10_DDI_CLEAR_DEPTH) ? VIRGL_CLEAR_DEPTH : 0) |
                       ((flags & D3D10_DDI_CLEAR_STENCIL) ? VIRGL_CLEAR_STENCIL : 0);
    static const float zero[4] = {0, 0, 0, 0};
    if (!v || !v->handle) {
        umd_set_error(d, E_INVALIDARG);
        return;
    }
    if (!buffers)
        return;
    virgl_enc_set_framebuffer_state(&d->enc, 0, NULL, v->handle);
    virgl_enc_clear_f(&d->enc, buffers, zero, depth, stencil);
    umd_rebind_framebuffer(d);
    umd_check_enc(d);
}

static void draw(struct umd_device *d, uint32_t start, uint32_t count, bool indexed, int32_t bias,
                 uint32_t instances, uint32_t start_instance)
{
    if (d->prim == 0xff || !count || !instances)
        return;
    umd_so_pick_gs(d);
    flush_units(d);
    flush_rs(d);
    flush_rast_cb(d);
    struct virgl_draw_info di = {0};
    di.start = start;
    di.count = count;
    di.mode = d->prim;
    di.indexed = indexed;
    di.instance_count = instances;
    di.index_bias = bias;
    di.start_instance = start_instance;
    di.max_index = 0xffffffffu;
    /* D3D10 cuts strips at the all-ones index. */
    if (indexed && (d->prim == VIRGL_PRIM_LINE_STRIP || d->prim == VIRGL_PRIM_TRIANGLE_STRIP ||
                    d->prim == VIRGL_PRIM_LINE_STRIP_ADJ || d->prim == VIRGL_PRIM_TRIANGLE_STRIP_ADJ)) {
        di.primitive_restart = 1;
        di.restart_index = d->ib_size == 2 ? 0xffffu : 0xffffffffu;
    }
    virgl_enc_draw_vbo(&d->enc, &di);
    umd_check_enc(d);
}

static VOID APIENTRY umd_draw(D3D10DDI_HDEVICE hd, UINT n, UINT start)
{
    draw(umd_dev(hd), start, n, false, 0, 1, 0);
}
static VOID APIENTRY umd_draw_indexed(D3D10DDI_HDEVICE hd, UINT n, UINT start, INT base)
{
    draw(umd_dev(hd), start, n, true, base, 1, 0);
}
static VOID APIENTRY umd_draw_instanced(D3D10DDI_HDEVICE hd, UINT n, UINT inst, UINT start, UINT start_inst)
{
    draw(umd_dev(hd), start, n, false, 0, inst, start_inst);
}
static VOID APIENTRY umd_draw_indexed_instanced(D3D10DDI_HDEVICE hd, UINT n, UINT inst, UINT start, INT base,
                                                UINT start_inst)
{
    draw(umd_dev(hd), start, n, true, base, inst, start_inst);
}

void umd_draw_so(struct umd_device *d, uint32_t so_target)
{
    if (d->prim == 0xff)
        return;
    umd_so_pick_gs(d);
    flush_units(d);
    flush_rs(d);
    flush_rast_cb(d);
    struct virgl_draw_info di = {0};
    di.mode = d->prim;
    di.instance_count = 1;
    di.max_index = 0xffffffffu;
    di.count_from_so = so_target;
    virgl_enc_draw_vbo(&d->enc, &di);
    umd_check_enc(d);
}

void umd_draw_funcs(D3D10DDI_DEVICEFUNCS *f)
{
    f->pfnVsSetConstantBuffers = umd_vs_set_cb;
    f->pfnPsSetConstantBuffers = umd_ps_set_cb;
    f->pfnGsSetConstantBuffers = umd_gs_set_cb;
    f->pfnVsSetShaderResources = umd_vs_set_srv;
    f->pfnPsSetShaderResources = umd_ps_set_srv;
    f->pfnGsSetShaderResources = umd_gs_set_srv;
    f->pfnVsSetSamplers = umd_vs_set_samplers;
    f->pfnPsSetSamplers = umd_ps_set_samplers;
    f->pfnGsSetSamplers = umd_gs_set_samplers;
    f->pfnVsSetShader = umd_vs_set_shader;
    f->pfnPsSetShader = umd_ps_set_shader;
    f->pfnGsSetShader = umd_gs_set_shader;
    f->pfnIaSetInputLayout = umd_ia_set_layout;
    f->pfnIaSetVertexBuffers = umd_ia_set_vbs;
    f->pfnIaSetIndexBuffer = umd_ia_set_ib;
    f->pfnIaSetTopology = umd_ia_set_topology;
    f->pfnSetRenderTargets = umd_set_rts;
    f->pfnShaderResourceViewReadAfterWriteHazard = umd_srv_hazard;
    f->pfnSetBlendState = umd_set_blend;
    f->pfnSetDepthStencilState = umd_set_dsa;
    f->pfnSetRasterizerState = umd_set_rs;
    f->pfnSetViewports = umd_set_viewports;
    f->pfnSetScissorRects = umd_set_scissors;
    f->pfnClearRenderTargetView = umd_clear_rtv;
    f->pfnClearDepthStencilView = umd_clear_dsv;
    f->pfnDraw = umd_draw;
    f->pfnDrawIndexed = umd_draw_indexed;
    f->pfnDrawInstanced = umd_draw_instanced;
    f->pfnDrawIndexedInstanced = umd_draw_indexed_instanced;
}

void umd_draw_funcs_10_1(D3D10_1DDI_DEVICEFUNCS *f)
{
    (void)f; /* the 10.1 table changes no binding or draw entry */
}
