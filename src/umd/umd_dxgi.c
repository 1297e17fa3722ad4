/*
 * umd_dxgi.c — the DXGI DDI (DXGI_DDI_BASE_FUNCTIONS, filled at CreateDevice
 * through DXGIBaseDDI): Present, Blt, gamma caps, display mode, priority,
 * residency, identity rotation.
 *
 * These return their HRESULT directly (the DXGI DDI does not use
 * pfnSetErrorCb).  What the host cannot do is DXGI_DDI_ERR_UNSUPPORTED:
 * there is no gamma ramp on a virgl scanout.  SetDisplayMode of a primary
 * (umd_shared.c creates those) reaches the kernel through the runtime's
 * pfnSetDisplayModeCb.
 */
#include "umd_priv.h"
#include "wddm/dxgiddi.h"

static struct umd_device *dxgi_dev(DXGI_DDI_HDEVICE h)
{
    struct umd_device *d = (struct umd_device *)h;
    return d && d->magic == UMD_DEVICE_MAGIC ? d : NULL;
}
static struct umd_resource *dxgi_res(DXGI_DDI_HRESOURCE h) { return (struct umd_resource *)h; }

/* Present: everything queued so far goes to the host first (the copy the
 * KMD's present makes must see it), then the runtime's pfnPresentCb with
 * the kernel allocation handles; the pDXGIContext is passed unchanged. */
static HRESULT APIENTRY umd_dxgi_present(DXGI_DDI_ARG_PRESENT *a)
{
    struct umd_device *d = a ? dxgi_dev(a->hDevice) : NULL;
    struct umd_resource *src = a ? dxgi_res(a->hSurfaceToPresent) : NULL;
    struct umd_resource *dst = a ? dxgi_res(a->hDstResource) : NULL;
    if (!d || !src || !src->halloc)
        return E_INVALIDARG;
    if (!d->dxgi_cb || !d->dxgi_cb->pfnPresentCb)
        return DXGI_DDI_ERR_UNSUPPORTED;
    if (umd_submit(d))
        return E_FAIL;
    DXGIDDICB_PRESENT p = {0};
    p.hSrcAllocation = src->halloc;
    p.hDstAllocation = dst ? dst->halloc : 0;
    p.pDXGIContext = a->pDXGIContext;
    p.hContext = d->hcontext;
    return d->dxgi_cb->pfnPresentCb(d->hrt.handle, &p);
}

static HRESULT APIENTRY umd_dxgi_gamma_caps(DXGI_DDI_ARG_GET_GAMMA_CONTROL_CAPS *a)
{
    if (!a || !dxgi_dev(a->hDevice) || !a->pGammaCapabilities)
        return E_INVALIDARG;
    /* No gamma hardware behind a virgl scanout: no control points, no
     * scale/offset; the identity range is what the output shows. */
    DXGI_GAMMA_CONTROL_CAPABILITIES *c = a->pGammaCapabilities;
    c->ScaleAndOffsetSupported = FALSE;
    c->MaxConvertedValue = 1.0f;
    c->MinConvertedValue = 0.0f;
    c->NumGammaControlPoints = 0;
    return S_OK;
}

/* SetDisplayMode: the primary's allocation becomes what the VidPn source
 * scans out, through pfnSetDisplayModeCb (the KMD commits it).  Only an
 * allocation made with Flags.Primary may be scanned out (documented), so a
 * resource created without a DXGI_DDI_PRIMARY_DESC is E_INVALIDARG, as
 * pfnSetDisplayModeCb itself would answer.  What was rendered into the
 * primary goes to the host first: the scan-out must show it. */
static HRESULT APIENTRY umd_dxgi_set_display_mode(DXGI_DDI_ARG_SETDISPLAYMODE *a)
{
    struct umd_device *d = a ? dxgi_dev(a->hDevice) : NULL;
    struct umd_resource *r = a ? dxgi_res(a->hResource) : NULL;
    if (!d || !r || !r->halloc || !(r->share_flags & VIOGPU_RESOURCE_FLAG_PRIMARY) ||
        a->SubResourceIndex >= r->mips * r->array_size)
        return E_INVALIDARG;
    if (!d->kt->pfnSetDisplayModeCb)
        return DXGI_DDI_ERR_UNSUPPORTED;
    if (umd_submit(d))
        return E_FAIL;
    D3DDDICB_SETDISPLAYMODE m = {0};
    m.hPrimaryAllocation = r->halloc;
    m.PrivateDriverFormatAttribute = 0; /* no private scan-out formats */
    return d->kt->pfnSetDisplayModeCb(d->hrt.handle, &m);
}

static HRESULT APIENTRY umd_dxgi_set_priority(DXGI_DDI_ARG_SETRESOURCEPRIORITY *a)
{
    /* Host resources are never evicted by us: a priority changes nothing,
     * which is what the DDI allows (it is a hint). */
    if (!a || !dxgi_dev(a->hDevice) || !dxgi_res(a->hResource))
        return E_INVALIDARG;
    return S_OK;
}

static HRESULT APIENTRY umd_dxgi_residency(DXGI_DDI_ARG_QUERYRESOURCERESIDENCY *a)
{
    if (!a || !dxgi_dev(a->hDevice) || (a->Resources && (!a->pResources || !a->pStatus)))
        return E_INVALIDARG;
    /* Every allocation is a host resource that lives as long as it does. */
    for (SIZE_T i = 0; i < a->Resources; i++)
        a->pStatus[i] = DXGI_DDI_RESIDENCY_FULLY_RESIDENT;
    return S_OK;
}

/* Rotation gives resource i the identity (host resource, allocation,
 * renames, caches) of resource i + 1 and the last the first's: the
 * swap-chain's buffer 0 is then what was buffer 1.  The runtime's handle
 * (hrt) and the views stay with each driver object; the views are
 * recreated on the new identity. */
static HRESULT APIENTRY umd_dxgi_rotate(DXGI_DDI_ARG_ROTATE_RESOURCE_IDENTITIES *a)
{
    struct umd_device *d = a ? dxgi_dev(a->hDevice) : NULL;
    if (!d || !a->pResources || a->Resources < 2)
        return E_INVALIDARG;
    struct umd_resource *first = dxgi_res(a->pResources[0]);
    for (UINT i = 0; i < a->Resources; i++) {
        struct umd_resource *r = dxgi_res(a->pResources[i]);
        if (!r || !first || r->mapped_sub || r->width != first->width || r->height != first->height ||
            r->format != first->format || r->mips != first->mips || r->array_size != first->array_size)
            return E_INVALIDARG;
    }
    struct umd_resource tmp = *first;
    for (UINT i = 0; i + 1 < a->Resources; i++) {
        struct umd_resource *r = dxgi_res(a->pResources[i]);
        D3D10DDI_HRTRESOURCE keep = r->hrt;
        struct umd_view *views = r->views;
        *r = *dxgi_res(a->pResources[i + 1]);
        r->hrt = keep;
        r->views = views;
    }
    struct umd_resource *last = dxgi_res(a->pResources[a->Resources - 1]);
    D3D10DDI_HRTRESOURCE keep = last->hrt;
    struct umd_view *views = last->views;
    *last = tmp;
    last->hrt = keep;
    last->views = views;
    /* Views stay with the driver object the application created them on
     * and now name its new identity. */
    for (UINT i = 0; i < a->Resources; i++)
        umd_views_repoint(d, dxgi_res(a->pResources[i]));
    return d->enc.error ? E_FAIL : S_OK;
}

static bool sub_ok(const struct umd_resource *r, UINT sub, UINT l, UINT t, UINT rr, UINT b)
{
    if (sub >= r->mips * r->array_size || rr <= l || b <= t)
        return false;
    uint32_t level = sub % r->mips;
    return rr <= umd_level_dim(r->width, level) && b <= umd_level_dim(r->height, level);
}

/* Blt: a host blit does the format conversion, the stretch (linear) and
 * the resolve of a multisampled source in one command. */
static HRESULT APIENTRY umd_dxgi_blt(DXGI_DDI_ARG_BLT *a)
{
    struct umd_device *d = a ? dxgi_dev(a->hDevice) : NULL;
    struct umd_resource *src = a ? dxgi_res(a->hSrcResource) : NULL;
    struct umd_resource *dst = a ? dxgi_res(a->hDstResource) : NULL;
    if (!d || !src || !dst || !sub_ok(src, a->SrcSubresource, a->SrcLeft, a->SrcTop, a->SrcRight, a->SrcBottom) ||
        !sub_ok(dst, a->DstSubresource, a->DstLeft, a->DstTop, a->DstRight, a->DstBottom) || dst->samples > 1)
        return E_INVALIDARG;
    /* A rotated blit would need a textured draw; virgl's blit cannot. */
    if (a->Rotate != DXGI_DDI_MODE_ROTATION_UNSPECIFIED && a->Rotate != DXGI_DDI_MODE_ROTATION_IDENTITY)
        return DXGI_DDI_ERR_UNSUPPORTED;
    uint32_t sw = a->SrcRight - a->SrcLeft, sh = a->SrcBottom - a->SrcTop;
    uint32_t dw = a->DstRight - a->DstLeft, dh = a->DstBottom - a->DstTop;
    struct virgl_blit_info b = {0};
    b.mask = VIRGL_MASK_RGBA;
    b.filter = (sw != dw || sh != dh) && src->samples < 2 ? VIRGL_FILTER_LINEAR : VIRGL_FILTER_NEAREST;
    umd_ref_room(d, 2);
    b.src.res = umd_ref_read(d, src);
    b.src.level = a->SrcSubresource % src->mips;
    b.src.format = src->format;
    b.src.box = (struct virgl_box){a->SrcLeft, a->SrcTop, a->SrcSubresource / src->mips, sw, sh, 1};
    b.dst.res = umd_ref(d, dst);
    b.dst.level = a->DstSubresource % dst->mips;
    b.dst.format = dst->format;
    b.dst.box = (struct virgl_box){a->DstLeft, a->DstTop, a->DstSubresource / dst->mips, dw, dh, 1};
    virgl_enc_blit(&d->enc, &b);
    if (d->enc.error) {
        umd_check_enc(d);
        return E_FAIL;
    }
    return S_OK;
}

void umd_dxgi_init(struct umd_device *d, const D3D10DDIARG_CREATEDEVICE *args)
{
    d->dxgi_cb = args->DXGIBaseDDI.pDXGIBaseCallbacks;
    DXGI_DDI_BASE_FUNCTIONS *f = args->DXGIBaseDDI.pDXGIDDIBaseFunctions;
    if (!f)
        return;
    f->pfnPresent = umd_dxgi_present;
    f->pfnGetGammaCaps = umd_dxgi_gamma_caps;
    f->pfnSetDisplayMode = umd_dxgi_set_display_mode;
    f->pfnSetResourcePriority = umd_dxgi_set_priority;
    f->pfnQueryResourceResidency = umd_dxgi_residency;
    f->pfnRotateResourceIdentities = umd_dxgi_rotate;
    f->pfnBlt = umd_dxgi_blt;
    /* ResolveSharedResource lives only in the DXGI 1.1 table, which the
     * runtime hands in for its Windows 7 interface versions; for the 10.0
     * and 10.1 versions we list it hands this 1.0 table, which ends at Blt
     * (writing an eighth entry would corrupt the runtime's memory).  There
     * the producer's Flush is what makes its writes to a shared resource
     * visible (umd_shared.c). */
}
