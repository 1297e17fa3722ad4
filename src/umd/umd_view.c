/*
 * umd_view.c — render-target, depth-stencil and shader-resource views,
 * GenMips (a chain of linear-filtered host blits over a view's mip range)
 * and ResourceResolveSubresource (a host blit out of a multisampled
 * resource).
 *
 * A view is a virgl surface (RTV/DSV) or sampler view (SRV) created on the
 * resource's current host resource.  Each resource lists its views, so
 * when its host resource changes (a DISCARD rename in umd_rename.c, an
 * identity rotation in umd_dxgi.c) umd_views_repoint recreates them under
 * the same handles and rebinds the bound ones.  A buffer RTV renders into
 * a shadow texture that umd_draw.c's framebuffer changes and umd_resource.c's
 * reads/writes of the buffer keep in step with the buffer (see "Buffer
 * render targets" below).
 */
#include "umd_priv.h"

#include "virgl/virgl_format.h"

static SIZE_T APIENTRY umd_calc_rtv(D3D10DDI_HDEVICE hd, const D3D10DDIARG_CREATERENDERTARGETVIEW *a)
{
    (void)hd;
    /* A buffer RTV keeps its shadow texture's resource record after it. */
    return sizeof(struct umd_view) + (a && a->ResourceDimension == D3D10DDIRESOURCE_BUFFER ? sizeof(struct umd_resource) : 0);
}
static SIZE_T APIENTRY umd_calc_dsv(D3D10DDI_HDEVICE hd, const D3D10DDIARG_CREATEDEPTHSTENCILVIEW *a)
{
    (void)hd; (void)a;
    return sizeof(struct umd_view);
}
static SIZE_T APIENTRY umd_calc_srv(D3D10DDI_HDEVICE hd, const D3D10DDIARG_CREATESHADERRESOURCEVIEW *a)
{
    (void)hd; (void)a;
    return sizeof(struct umd_view);
}
static SIZE_T APIENTRY umd_calc_srv1(D3D10DDI_HDEVICE hd, const D3D10_1DDIARG_CREATESHADERRESOURCEVIEW *a)
{
    (void)hd; (void)a;
    return sizeof(struct umd_view);
}

static uint32_t view_format(struct umd_device *d, struct umd_resource *r, DXGI_FORMAT f, uint32_t bind)
{
    if (f == DXGI_FORMAT_UNKNOWN || f == (DXGI_FORMAT)r->dxgi)
        return r->format;
    uint32_t vf = virgl_format_for_host(&d->adapter->caps, f, bind);
    return vf != VIRGL_FORMAT_NONE ? vf : r->format;
}

/* Views are listed on their resource so a rename or an identity rotation
 * can recreate them (umd_views_repoint); the list is touched only at view
 * create/destroy, never per draw. */
static void link_view(struct umd_view *v, struct umd_resource *r)
{
    v->res = r;
    v->prev = NULL;
    v->next = r->views;
    if (r->views)
        r->views->prev = v;
    r->views = v;
}

static void unlink_view(struct umd_view *v)
{
    struct umd_resource *r = v->res;
    if (r) {
        if (v->prev)
            v->prev->next = v->next;
        else if (r->views == v)
            r->views = v->next;
        if (v->next)
            v->next->prev = v->prev;
    }
    v->res = NULL;
    v->next = v->prev = NULL;
}

/* Fresh view memory is whatever the runtime left there (0xCD in the test
 * runtime): every field a later path reads starts defined. */
static void init_view(struct umd_view *v, uint32_t kind)
{
    v->shadow = NULL;
    v->bnext = NULL;
    v->fb_bound = false;
    v->res = NULL;
    v->next = v->prev = NULL;
    v->kind = kind;
    v->handle = 0;
    v->format = 0;
    v->first_level = v->last_level = 0;
    v->first_layer = v->last_layer = 0;
    v->first_el = v->last_el = 0;
}

/* The virgl object of `v` (handle already chosen) on v->res's current
 * host resource. */
static void emit_view(struct umd_device *d, struct umd_view *v)
{
    struct umd_resource *r = v->shadow ? v->shadow : v->res;
    if (v->kind != UMD_VIEW_SRV) {
        virgl_enc_create_surface(&d->enc, v->handle, umd_ref(d, r), v->format, v->first_level, v->first_layer,
                                 v->last_layer);
        return;
    }
    struct virgl_sampler_view_desc s = {0};
    s.res = umd_ref_read(d, r);
    s.format = v->format;
    /* A multisampled resource keeps its 2D / 2D-array target: the host
     * turns it into GL_TEXTURE_2D_MULTISAMPLE(_ARRAY) from the resource's
     * sample count. */
    s.target = r->target;
    s.first_level = v->first_level;
    s.last_level = v->last_level;
    s.first_layer = v->first_layer;
    s.last_layer = v->last_layer;
    s.first_element = v->first_el;
    s.last_element = v->last_el;
    s.swizzle[0] = VIRGL_SWIZZLE_X;
    s.swizzle[1] = VIRGL_SWIZZLE_Y;
    s.swizzle[2] = VIRGL_SWIZZLE_Z;
    s.swizzle[3] = VIRGL_SWIZZLE_W;
    virgl_enc_create_sampler_view(&d->enc, v->handle, &s);
}

static uint32_t view_object_type(const struct umd_view *v)
{
    return v->kind == UMD_VIEW_SRV ? VIRGL_OBJECT_SAMPLER_VIEW : VIRGL_OBJECT_SURFACE;
}

void umd_views_repoint(struct umd_device *d, struct umd_resource *r)
{
    bool fb = false;
    for (struct umd_view *v = r->views; v; v = v->next) {
        if (!v->handle || v->shadow)
            continue; /* a buffer RTV's surface is on its own shadow */
        /* Same handle, new object: bindings name objects by handle, so
         * re-emitting the bindings below picks up the new one. */
        virgl_enc_destroy_object(&d->enc, view_object_type(v), v->handle);
        emit_view(d, v);
        if (v->kind == UMD_VIEW_SRV) {
            for (uint32_t st = 0; st < UMD_STAGES; st++)
                for (uint32_t i = 0; i < UMD_MAX_SRV && !d->units_dirty[st]; i++)
                    if (d->srv[st][i] == v)
                        d->units_dirty[st] = true;
        } else {
            fb |= d->dsv == v;
            for (uint32_t i = 0; i < d->num_rtv; i++)
                fb |= d->rtv[i] == v;
        }
    }
    if (fb)
        umd_rebind_framebuffer(d);
    umd_check_enc(d);
}

void umd_views_detach(struct umd_resource *r)
{
    while (r->views)
        unlink_view(r->views);
}

/* Buffer render targets.  GL cannot attach a buffer to a framebuffer
 * (virglrenderer binds a surface's resource as a texture), and the host
 * copies neither buffer -> texture nor texture -> buffer (copy_region
 * copies buffer to buffer or texture to texture).  So a buffer RTV renders
 * into a shadow: a 1-row 2D texture of NumElements texels of the view's
 * format, allocated at create time.  Its contents move through the CPU:
 * host -> backing transfer, submit, lock (wait), copy, backing -> host
 * transfer.  That costs a wait, paid only when a buffer RTV is bound
 * (load: elements the draws leave alone keep the buffer's values), when it
 * is unbound or its buffer is read (resolve), never per draw. */
static HRESULT lock_wait(struct umd_device *d, D3DKMT_HANDLE h, void **out)
{
    D3DDDICB_LOCK lk = {0};
    lk.hAllocation = h;
    lk.Flags.LockEntire = 1;
    HRESULT hr = d->kt->pfnLockCb(d->hrt.handle, &lk);
    *out = SUCCEEDED(hr) ? lk.pData : NULL;
    return hr;
}

static void unlock(struct umd_device *d, D3DKMT_HANDLE h)
{
    D3DDDICB_UNLOCK ul = {.NumAllocations = 1, .phAllocations = &h};
    d->kt->pfnUnlockCb(d->hrt.handle, &ul);
}

/* Copies the view's element range between the buffer and the shadow
 * through their backings; to_buffer picks the direction. */
static void shadow_copy(struct umd_device *d, struct umd_view *v, bool to_buffer)
{
    struct umd_resource *b = v->res, *t = v->shadow;
    if (!b || !t || !t->halloc || d->lost)
        return;
    uint32_t n = v->last_el - v->first_el + 1, bpp = virgl_format_stride(v->format, 1);
    uint32_t off = v->first_el * bpp, len = n * bpp;
    /* The buffer's range sits at its own offset in its backing, the
     * shadow's row at 0 of its one. */
    struct virgl_box bb = {off, 0, 0, len, 1, 1}, tb = {0, 0, 0, n, 1, 1};
    struct umd_resource *src = to_buffer ? t : b, *dst = to_buffer ? b : t;
    const struct virgl_box *sbox = to_buffer ? &tb : &bb, *dbox = to_buffer ? &bb : &tb;
    uint32_t soff = to_buffer ? 0 : off, doff = to_buffer ? off : 0;
    uint32_t spitch = to_buffer ? len : b->width, dpitch = to_buffer ? b->width : len;
    virgl_enc_transfer3d(&d->enc, umd_ref(d, src), 0, 0, sbox, spitch, spitch, soff, VIRGL_TRANSFER_FROM_HOST);
    umd_texture_transferred(d, t);
    umd_check_enc(d);
    if (umd_submit(d))
        return;
    void *sp, *dp;
    if (FAILED(lock_wait(d, src->halloc, &sp))) {
        umd_set_error(d, E_OUTOFMEMORY);
        return;
    }
    if (FAILED(lock_wait(d, dst->halloc, &dp))) {
        unlock(d, src->halloc);
        umd_set_error(d, E_OUTOFMEMORY);
        return;
    }
    const uint8_t *s8 = (const uint8_t *)sp + soff;
    uint8_t *d8 = (uint8_t *)dp + doff;
    for (uint32_t i = 0; i < len; i++)
        d8[i] = s8[i];
    unlock(d, dst->halloc);
    unlock(d, src->halloc);
    virgl_enc_transfer3d(&d->enc, umd_ref(d, dst), 0, 0, dbox, dpitch, dpitch, doff, VIRGL_TRANSFER_TO_HOST);
    dst->xfer_batch = d->batch;
    umd_check_enc(d);
}

static void shadow_load(struct umd_device *d, struct umd_view *v) { shadow_copy(d, v, false); }
static void shadow_resolve(struct umd_device *d, struct umd_view *v) { shadow_copy(d, v, true); }

static bool view_in_fb(const struct umd_device *d, const struct umd_view *v)
{
    for (uint32_t i = 0; i < d->num_rtv; i++)
        if (d->rtv[i] == v)
            return true;
    return false;
}

void umd_views_fb_changed(struct umd_device *d)
{
    for (struct umd_view *v = d->buf_rtvs; v; v = v->bnext) {
        bool now = view_in_fb(d, v);
        if (now && !v->fb_bound)
            shadow_load(d, v);
        else if (!now && v->fb_bound)
            shadow_resolve(d, v);
        v->fb_bound = now;
    }
}

void umd_view_clear_buffer(struct umd_device *d, struct umd_view *v, const float rgba[4])
{
    if (!v->fb_bound)
        shadow_load(d, v); /* a clear of the view leaves nothing else of it */
    virgl_enc_set_framebuffer_state(&d->enc, 1, &v->handle, 0);
    virgl_enc_clear_f(&d->enc, VIRGL_CLEAR_COLOR0, rgba, 0.0, 0);
    umd_rebind_framebuffer(d);
    if (!v->fb_bound)
        shadow_resolve(d, v);
    umd_check_enc(d);
}

void umd_views_sync_read(struct umd_device *d, struct umd_resource *r)
{
    for (struct umd_view *v = d->buf_rtvs; v; v = v->bnext)
        if (v->res == r && v->fb_bound)
            shadow_resolve(d, v);
}

void umd_views_sync_written(struct umd_device *d, struct umd_resource *r)
{
    for (struct umd_view *v = d->buf_rtvs; v; v = v->bnext)
        if (v->res == r && v->fb_bound)
            shadow_load(d, v);
}

static void create_buffer_rtv(struct umd_device *d, struct umd_view *v, struct umd_resource *b,
                              const D3D10DDIARG_CREATERENDERTARGETVIEW *a)
{
    const struct virgl_format_desc *fd = virgl_format_from_dxgi(a->Format);
    uint32_t fmt = virgl_format_for_host(&d->adapter->caps, a->Format, VIRGL_BIND_RENDER_TARGET);
    uint32_t n = a->Buffer.NumElements, first = a->Buffer.FirstElement;
    /* The element size must survive the host's format stand-ins: the
     * copies move bytes one for one. */
    if (!b || !fd || fmt == VIRGL_FORMAT_NONE || !n || virgl_format_stride(fmt, 1) != fd->block_bytes ||
        (uint64_t)(first + (uint64_t)n) * fd->block_bytes > b->width) {
        umd_set_error(d, E_INVALIDARG);
        return;
    }
    struct umd_resource *t = (struct umd_resource *)(void *)(v + 1);
    uint8_t *p = (uint8_t *)t;
    for (size_t i = 0; i < sizeof(*t); i++)
        p[i] = 0;
    t->hrt = b->hrt; /* its allocation hangs on the buffer's runtime resource */
    t->dim = D3D10DDIRESOURCE_TEXTURE2D;
    t->target = VIRGL_TARGET_2D;
    t->format = fmt;
    t->dxgi = a->Format;
    t->width = n;
    t->height = t->depth = t->array_size = t->mips = 1;
    t->vbind = VIRGL_BIND_RENDER_TARGET | VIRGL_BIND_SAMPLER_VIEW;
    t->backing_size = virgl_format_stride(fmt, n);
    HRESULT hr = umd_alloc_host(d, t, &t->res_id, &t->halloc);
    if (FAILED(hr)) {
        umd_set_error(d, hr);
        return;
    }
    v->shadow = t;
    v->format = fmt;
    v->handle = umd_new_handle(d);
    v->first_el = first;
    v->last_el = first + n - 1;
    link_view(v, b);
    v->bnext = d->buf_rtvs;
    d->buf_rtvs = v;
    emit_view(d, v);
    umd_check_enc(d);
}

/* Layers of `level` a view can name (3D: the depth slices). */
static uint32_t view_layers(const struct umd_resource *r, uint32_t level)
{
    return r->target == VIRGL_TARGET_3D ? umd_level_dim(r->depth, level) : r->array_size;
}

static void create_surface(struct umd_device *d, struct umd_view *v, struct umd_resource *r, DXGI_FORMAT f,
                           uint32_t bind, uint32_t level, uint32_t first, uint32_t count)
{
    /* MipSlice / FirstArraySlice + ArraySize past the resource: the host
     * would attach a level or layer that is not there (the KMD refuses the
     * stream), so the view is refused here. */
    if (!r || r->target == VIRGL_TARGET_BUFFER || level >= r->mips || first >= view_layers(r, level) ||
        (count ? count : 1) > view_layers(r, level) - first) {
        umd_set_error(d, E_INVALIDARG);
        return;
    }
    v->format = view_format(d, r, f, bind);
    v->handle = umd_new_handle(d);
    v->first_level = v->last_level = level;
    v->first_layer = first;
    v->last_layer = first + (count ? count : 1) - 1;
    link_view(v, r);
    emit_view(d, v);
    umd_check_enc(d);
}

static VOID APIENTRY umd_create_rtv(D3D10DDI_HDEVICE hd, const D3D10DDIARG_CREATERENDERTARGETVIEW *a,
                                    D3D10DDI_HRENDERTARGETVIEW hv, D3D10DDI_HRTRENDERTARGETVIEW rv)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_resource *r = a->hDrvResource.pDrvPrivate;
    struct umd_view *v = hv.pDrvPrivate;
    (void)rv;
    init_view(v, UMD_VIEW_RTV);
    if (a->ResourceDimension == D3D10DDIRESOURCE_BUFFER) {
        create_buffer_rtv(d, v, r, a);
        return;
    }
    if (a->ResourceDimension == D3D10DDIRESOURCE_TEXTURE3D) {
        uint32_t level = a->Tex3D.MipSlice, depth = umd_level_dim(r->depth, level);
        uint32_t first = a->Tex3D.FirstW, n = a->Tex3D.WSize;
        if (level >= r->mips || first >= depth) {
            umd_set_error(d, E_INVALIDARG);
            return;
        }
        if (n == (UINT)-1 || n > depth - first)
            n = depth - first;
        /* The host attaches one W slice (glFramebufferTexture3D) or the
         * whole level layered (glFramebufferTexture); GL has no view of a
         * sub-range of W slices, so a clear or a layered draw of one cannot
         * be done right. */
        if (n > 1 && n != depth) {
            umd_set_error(d, E_NOTIMPL);
            return;
        }
        create_surface(d, v, r, a->Format, VIRGL_BIND_RENDER_TARGET, level, first, n);
        return;
    }
    create_surface(d, v, r, a->Format, VIRGL_BIND_RENDER_TARGET, a->Tex2D.MipSlice, a->Tex2D.FirstArraySlice,
                   a->Tex2D.ArraySize);
}

static VOID APIENTRY umd_create_dsv(D3D10DDI_HDEVICE hd, const D3D10DDIARG_CREATEDEPTHSTENCILVIEW *a,
                                    D3D10DDI_HDEPTHSTENCILVIEW hv, D3D10DDI_HRTDEPTHSTENCILVIEW rv)
{
    struct umd_device *d = umd_dev(hd);
    (void)rv;
    init_view(hv.pDrvPrivate, UMD_VIEW_DSV);
    create_surface(d, hv.pDrvPrivate, a->hDrvResource.pDrvPrivate, a->Format, VIRGL_BIND_DEPTH_STENCIL,
                   a->Tex2D.MipSlice, a->Tex2D.FirstArraySlice, a->Tex2D.ArraySize);
}

static void destroy_view(struct umd_device *d, struct umd_view *v)
{
    if (v->shadow && v->fb_bound)
        shadow_resolve(d, v); /* the runtime unbinds first; be safe */
    if (v->handle)
        virgl_enc_destroy_object(&d->enc, view_object_type(v), v->handle);
    v->handle = 0;
    if (v->shadow) {
        for (struct umd_view **p = &d->buf_rtvs; *p; p = &(*p)->bnext)
            if (*p == v) {
                *p = v->bnext;
                break;
            }
        umd_submit(d); /* commands naming the shadow reach the host first */
        D3DDDICB_DEALLOCATE da = {.hResource = v->shadow->hrt.handle, .NumAllocations = 1,
                                  .HandleList = &v->shadow->halloc};
        if (v->shadow->halloc)
            d->kt->pfnDeallocateCb(d->hrt.handle, &da);
        v->shadow = NULL;
    }
    unlink_view(v);
    umd_check_enc(d);
}
static VOID APIENTRY umd_destroy_rtv(D3D10DDI_HDEVICE hd, D3D10DDI_HRENDERTARGETVIEW hv)
{
    destroy_view(umd_dev(hd), hv.pDrvPrivate);
}
static VOID APIENTRY umd_destroy_dsv(D3D10DDI_HDEVICE hd, D3D10DDI_HDEPTHSTENCILVIEW hv)
{
    destroy_view(umd_dev(hd), hv.pDrvPrivate);
}
static VOID APIENTRY umd_destroy_srv(D3D10DDI_HDEVICE hd, D3D10DDI_HSHADERRESOURCEVIEW hv)
{
    destroy_view(umd_dev(hd), hv.pDrvPrivate);
}

static void create_srv(struct umd_device *d, struct umd_view *v, struct umd_resource *r, DXGI_FORMAT f,
                       uint32_t first_level, uint32_t nlevels, uint32_t first_layer, uint32_t nlayers,
                       uint32_t first_el, uint32_t nel)
{
    if (!r) {
        umd_set_error(d, E_INVALIDARG);
        return;
    }
    v->format = view_format(d, r, f, VIRGL_BIND_SAMPLER_VIEW);
    /* The ranges must lie inside the resource (levels, layers, or the
     * buffer's bytes in elements of the view format). */
    if (r->target == VIRGL_TARGET_BUFFER) {
        const struct virgl_format_desc *fd = virgl_format_info(v->format);
        if (!fd || ((uint64_t)first_el + (nel ? nel : 1)) * fd->block_bytes > r->width) {
            umd_set_error(d, E_INVALIDARG);
            return;
        }
    } else {
        uint32_t fl = r->samples > 1 ? 0 : first_level;
        uint32_t nl = r->samples > 1 ? 1 : nlevels == (uint32_t)-1 && fl < r->mips ? r->mips - fl : nlevels;
        if (fl >= r->mips || !nl || nl > r->mips - fl || first_layer >= r->array_size ||
            (nlayers ? nlayers : 1) > r->array_size - first_layer) {
            umd_set_error(d, E_INVALIDARG);
            return;
        }
    }
    v->handle = umd_new_handle(d);
    if (r->target == VIRGL_TARGET_BUFFER) {
        /* In elements of the view's format: the host multiplies by the
         * format's size for glTexBufferRange. */
        v->first_el = first_el;
        v->last_el = first_el + (nel ? nel : 1) - 1;
    } else {
        if (r->samples > 1) {
            first_level = 0; /* a multisampled resource has one level */
            nlevels = 1;
        }
        if (nlevels == (uint32_t)-1)
            nlevels = r->mips - first_level;
        v->first_level = first_level;
        v->last_level = first_level + nlevels - 1;
        v->first_layer = first_layer;
        v->last_layer = first_layer + (nlayers ? nlayers : 1) - 1;
    }
    link_view(v, r);
    emit_view(d, v);
    umd_check_enc(d);
}

static VOID APIENTRY umd_create_srv(D3D10DDI_HDEVICE hd, const D3D10DDIARG_CREATESHADERRESOURCEVIEW *a,
                                    D3D10DDI_HSHADERRESOURCEVIEW hv, D3D10DDI_HRTSHADERRESOURCEVIEW rv)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_resource *r = a->hDrvResource.pDrvPrivate;
    (void)rv;
    init_view(hv.pDrvPrivate, UMD_VIEW_SRV);
    switch (a->ResourceDimension) {
    case D3D10DDIRESOURCE_BUFFER:
        create_srv(d, hv.pDrvPrivate, r, a->Format, 0, 1, 0, 1, a->Buffer.FirstElement, a->Buffer.NumElements);
        break;
    case D3D10DDIRESOURCE_TEXTURE3D:
    case D3D10DDIRESOURCE_TEXTURECUBE:
        create_srv(d, hv.pDrvPrivate, r, a->Format, a->Tex3D.MostDetailedMip, a->Tex3D.MipLevels, 0,
                   r->array_size, 0, 0);
        break;
    default:
        /* Texture2DMS(Array) views come as TEXTURE2D with Tex2D's slice
         * range (the DDI has no multisampled dimension); create_srv
         * pins their mip range to the one level. */
        create_srv(d, hv.pDrvPrivate, r, a->Format, a->Tex2D.MostDetailedMip, a->Tex2D.MipLevels,
                   a->Tex2D.FirstArraySlice, a->Tex2D.ArraySize, 0, 0);
    }
}

static VOID APIENTRY umd_create_srv1(D3D10DDI_HDEVICE hd, const D3D10_1DDIARG_CREATESHADERRESOURCEVIEW *a,
                                     D3D10DDI_HSHADERRESOURCEVIEW hv, D3D10DDI_HRTSHADERRESOURCEVIEW rv)
{
    /* The 10.1 argument differs only in the cube-array member. */
    D3D10DDIARG_CREATESHADERRESOURCEVIEW a0;
    a0.hDrvResource = a->hDrvResource;
    a0.Format = a->Format;
    a0.ResourceDimension = a->ResourceDimension;
    a0.Tex2D = a->Tex2D;
    if (a->ResourceDimension == D3D10DDIRESOURCE_TEXTURECUBE) {
        a0.TexCube.MostDetailedMip = a->TexCube.MostDetailedMip;
        a0.TexCube.MipLevels = a->TexCube.MipLevels;
    }
    umd_create_srv(hd, &a0, hv, rv);
}

/* GenMips: each level of the view's range from the one above it with a
 * linear-filtered host blit (the host does the filtering).  A 3D level
 * halves in depth too: its box carries the whole depth of each level and
 * the host's blitter filters across slices. */
static VOID APIENTRY umd_gen_mips(D3D10DDI_HDEVICE hd, D3D10DDI_HSHADERRESOURCEVIEW hv)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_view *v = hv.pDrvPrivate;
    if (!v || !v->handle || !v->res || v->res->target == VIRGL_TARGET_BUFFER || v->res->samples > 1) {
        umd_set_error(d, E_INVALIDARG);
        return;
    }
    struct umd_resource *r = v->res;
    bool is3d = r->target == VIRGL_TARGET_3D;
    for (uint32_t l = v->first_level + 1; l <= v->last_level; l++) {
        struct virgl_blit_info b = {0};
        b.mask = VIRGL_MASK_RGBA;
        b.filter = VIRGL_FILTER_LINEAR;
        b.src.res = b.dst.res = umd_ref(d, r);
        b.src.format = b.dst.format = v->format;
        b.src.level = l - 1;
        b.dst.level = l;
        uint32_t z = is3d ? 0 : v->first_layer;
        uint32_t sd = is3d ? umd_level_dim(r->depth, l - 1) : v->last_layer - v->first_layer + 1;
        uint32_t dd = is3d ? umd_level_dim(r->depth, l) : sd;
        b.src.box = (struct virgl_box){0, 0, z, umd_level_dim(r->width, l - 1), umd_level_height(r, l - 1), sd};
        b.dst.box = (struct virgl_box){0, 0, z, umd_level_dim(r->width, l), umd_level_height(r, l), dd};
        virgl_enc_blit(&d->enc, &b);
    }
    umd_check_enc(d);
}

/* Resolve = a host blit from the multisampled source to the single-sample
 * destination (GL resolves in the blit); same size, one subresource. */
static VOID APIENTRY umd_resolve(D3D10DDI_HDEVICE hd, D3D10DDI_HRESOURCE hdst, UINT dsub, D3D10DDI_HRESOURCE hsrc,
                                 UINT ssub, DXGI_FORMAT fmt)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_resource *dst = hdst.pDrvPrivate, *src = hsrc.pDrvPrivate;
    (void)fmt;
    /* The destination subresource (its level, not level 0) has the
     * source's size: a larger box would blit past the level. */
    if (!dst || !src || src->samples < 2 || dst->samples > 1 || dst->target == VIRGL_TARGET_3D ||
        dsub >= dst->mips * dst->array_size || ssub >= src->array_size ||
        umd_level_dim(dst->width, dsub % dst->mips) != src->width ||
        umd_level_dim(dst->height, dsub % dst->mips) != src->height) {
        umd_set_error(d, E_INVALIDARG);
        return;
    }
    struct virgl_blit_info b = {0};
    b.mask = VIRGL_MASK_RGBA;
    b.filter = VIRGL_FILTER_NEAREST;
    umd_ref_room(d, 2);
    b.src.res = umd_ref_read(d, src);
    b.src.format = src->format;
    b.src.box = (struct virgl_box){0, 0, ssub, src->width, src->height, 1};
    b.dst.res = umd_ref(d, dst);
    b.dst.level = dsub % dst->mips;
    b.dst.format = dst->format;
    b.dst.box = (struct virgl_box){0, 0, dsub / dst->mips, src->width, src->height, 1};
    virgl_enc_blit(&d->enc, &b);
    umd_check_enc(d);
}

void umd_view_funcs(D3D10DDI_DEVICEFUNCS *f)
{
    f->pfnResourceResolveSubresource = umd_resolve;
    f->pfnGenMips = umd_gen_mips;
    f->pfnCalcPrivateRenderTargetViewSize = umd_calc_rtv;
    f->pfnCreateRenderTargetView = umd_create_rtv;
    f->pfnDestroyRenderTargetView = umd_destroy_rtv;
    f->pfnCalcPrivateDepthStencilViewSize = umd_calc_dsv;
    f->pfnCreateDepthStencilView = umd_create_dsv;
    f->pfnDestroyDepthStencilView = umd_destroy_dsv;
    f->pfnCalcPrivateShaderResourceViewSize = umd_calc_srv;
    f->pfnCreateShaderResourceView = umd_create_srv;
    f->pfnDestroyShaderResourceView = umd_destroy_srv;
}

void umd_view_funcs_10_1(D3D10_1DDI_DEVICEFUNCS *f)
{
    f->pfnCalcPrivateShaderResourceViewSize = umd_calc_srv1;
    f->pfnCreateShaderResourceView = umd_create_srv1;
}
