/*
 * umd_view.c — render-target, depth-stencil and shader-resource views,
 * GenMips (a chain of linear-filtered host blits over a view's mip range)
 * and ResourceResolveSubresource (a host blit out of a multisampled
 * resource).
 *
 * A view is a virgl surface (RTV/DSV) or sampler view (SRV) created on the
 * resource's current host resource.
 */
#include "umd_priv.h"

#include "virgl/virgl_format.h"

static SIZE_T APIENTRY umd_calc_rtv(D3D10DDI_HDEVICE hd, const D3D10DDIARG_CREATERENDERTARGETVIEW *a)
{
    (void)hd; (void)a;
    return sizeof(struct umd_view);
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

static void create_surface(struct umd_device *d, struct umd_view *v, struct umd_resource *r, DXGI_FORMAT f,
                           uint32_t bind, uint32_t level, uint32_t first, uint32_t count)
{
    v->res = r;
    v->format = view_format(d, r, f, bind);
    v->handle = umd_new_handle(d);
    virgl_enc_create_surface(&d->enc, v->handle, umd_ref(d, r), v->format, level, first,
                             first + (count ? count : 1) - 1);
    umd_check_enc(d);
}

static VOID APIENTRY umd_create_rtv(D3D10DDI_HDEVICE hd, const D3D10DDIARG_CREATERENDERTARGETVIEW *a,
                                    D3D10DDI_HRENDERTARGETVIEW hv, D3D10DDI_HRTRENDERTARGETVIEW rv)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_resource *r = a->hDrvResource.pDrvPrivate;
    (void)rv;
    if (a->ResourceDimension == D3D10DDIRESOURCE_BUFFER || a->ResourceDimension == D3D10DDIRESOURCE_TEXTURE3D) {
        struct umd_view *v = hv.pDrvPrivate;
        v->handle = 0;
        umd_set_error(d, E_NOTIMPL); /* buffer and 3D render targets: not yet */
        return;
    }
    create_surface(d, hv.pDrvPrivate, r, a->Format, VIRGL_BIND_RENDER_TARGET, a->Tex2D.MipSlice,
                   a->Tex2D.FirstArraySlice, a->Tex2D.ArraySize);
}

static VOID APIENTRY umd_create_dsv(D3D10DDI_HDEVICE hd, const D3D10DDIARG_CREATEDEPTHSTENCILVIEW *a,
                                    D3D10DDI_HDEPTHSTENCILVIEW hv, D3D10DDI_HRTDEPTHSTENCILVIEW rv)
{
    struct umd_device *d = umd_dev(hd);
    (void)rv;
    create_surface(d, hv.pDrvPrivate, a->hDrvResource.pDrvPrivate, a->Format, VIRGL_BIND_DEPTH_STENCIL,
                   a->Tex2D.MipSlice, a->Tex2D.FirstArraySlice, a->Tex2D.ArraySize);
}

static void destroy_view(struct umd_device *d, struct umd_view *v, uint32_t type)
{
    if (v->handle)
        virgl_enc_destroy_object(&d->enc, type, v->handle);
    v->handle = 0;
    umd_check_enc(d);
}
static VOID APIENTRY umd_destroy_rtv(D3D10DDI_HDEVICE hd, D3D10DDI_HRENDERTARGETVIEW hv)
{
    destroy_view(umd_dev(hd), hv.pDrvPrivate, VIRGL_OBJECT_SURFACE);
}
static VOID APIENTRY umd_destroy_dsv(D3D10DDI_HDEVICE hd, D3D10DDI_HDEPTHSTENCILVIEW hv)
{
    destroy_view(umd_dev(hd), hv.pDrvPrivate, VIRGL_OBJECT_SURFACE);
}
static VOID APIENTRY umd_destroy_srv(D3D10DDI_HDEVICE hd, D3D10DDI_HSHADERRESOURCEVIEW hv)
{
    destroy_view(umd_dev(hd), hv.pDrvPrivate, VIRGL_OBJECT_SAMPLER_VIEW);
}

static void create_srv(struct umd_device *d, struct umd_view *v, struct umd_resource *r, DXGI_FORMAT f,
                       uint32_t first_level, uint32_t nlevels, uint32_t first_layer, uint32_t nlayers,
                       uint32_t first_el, uint32_t nel)
{
    struct virgl_sampler_view_desc s = {0};
    v->res = r;
    v->format = view_format(d, r, f, VIRGL_BIND_SAMPLER_VIEW);
    v->handle = umd_new_handle(d);
    s.res = umd_ref(d, r);
    s.format = v->format;
    s.target = r->target;
    if (r->target == VIRGL_TARGET_BUFFER) {
        uint32_t bpp = virgl_format_stride(v->format, 1);
        s.first_element = first_el * bpp;
        s.last_element = (first_el + nel) * bpp - 1;
    } else {
        if (nlevels == (uint32_t)-1)
            nlevels = r->mips - first_level;
        s.first_level = first_level;
        s.last_level = first_level + nlevels - 1;
        s.first_layer = first_layer;
        s.last_layer = first_layer + (nlayers ? nlayers : 1) - 1;
    }
    v->first_level = s.first_level;
    v->last_level = s.last_level;
    v->first_layer = s.first_layer;
    v->last_layer = s.last_layer;
    s.swizzle[0] = VIRGL_SWIZZLE_X;
    s.swizzle[1] = VIRGL_SWIZZLE_Y;
    s.swizzle[2] = VIRGL_SWIZZLE_Z;
    s.swizzle[3] = VIRGL_SWIZZLE_W;
    virgl_enc_create_sampler_view(&d->enc, v->handle, &s);
    umd_check_enc(d);
}

static VOID APIENTRY umd_create_srv(D3D10DDI_HDEVICE hd, const D3D10DDIARG_CREATESHADERRESOURCEVIEW *a,
                                    D3D10DDI_HSHADERRESOURCEVIEW hv, D3D10DDI_HRTSHADERRESOURCEVIEW rv)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_resource *r = a->hDrvResource.pDrvPrivate;
    (void)rv;
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
 * linear-filtered host blit (the host does the filtering). */
static VOID APIENTRY umd_gen_mips(D3D10DDI_HDEVICE hd, D3D10DDI_HSHADERRESOURCEVIEW hv)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_view *v = hv.pDrvPrivate;
    if (!v || !v->handle || !v->res || v->res->target == VIRGL_TARGET_BUFFER ||
        v->res->target == VIRGL_TARGET_3D) {
        umd_set_error(d, v && v->res && v->res->target == VIRGL_TARGET_3D ? E_NOTIMPL : E_INVALIDARG);
        return;
    }
    struct umd_resource *r = v->res;
    for (uint32_t l = v->first_level + 1; l <= v->last_level; l++) {
        struct virgl_blit_info b = {0};
        b.mask = VIRGL_MASK_RGBA;
        b.filter = VIRGL_FILTER_LINEAR;
        b.src.res = b.dst.res = umd_ref(d, r);
        b.src.format = b.dst.format = v->format;
        b.src.level = l - 1;
        b.dst.level = l;
        b.src.box = (struct virgl_box){0, 0, v->first_layer, umd_level_dim(r->width, l - 1),
                                       umd_level_height(r, l - 1), v->last_layer - v->first_layer + 1};
        b.dst.box = (struct virgl_box){0, 0, v->first_layer, umd_level_dim(r->width, l), umd_level_height(r, l),
                                       v->last_layer - v->first_layer + 1};
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
    if (!dst || !src || src->samples < 2 || dst->samples > 1 || dst->width != src->width ||
        dst->height != src->height || dsub >= dst->mips * dst->array_size || ssub >= src->array_size) {
        umd_set_error(d, E_INVALIDARG);
        return;
    }
    struct virgl_blit_info b = {0};
    b.mask = VIRGL_MASK_RGBA;
    b.filter = VIRGL_FILTER_NEAREST;
    umd_ref_room(d, 2);
    b.src.res = umd_ref(d, src);
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
