/*
 * umd_shared.c — shared resources (D3D10_DDI_RESOURCE_MISC_SHARED),
 * primaries (D3D10DDIARG_CREATERESOURCE.pPrimaryDesc) and OpenResource.
 *
 * umd_create_resource hands a resource with either property to
 * umd_shared_create.  D3D10 shares only 2D textures of one level and one
 * layer, and a primary is such a texture too, so this path is small: it
 * allocates with pfnAllocateCb like any resource, plus
 *   - D3DDDICB_ALLOCATE.hResource (the runtime's handle: the documented
 *     condition for a kernel resource, which is what another process or
 *     device opens) and resource-level private data, a struct
 *     viogpu_resource_priv (abi.h) with the D3D description;
 *   - for a primary, an allocation of kind VIOGPU_ALLOC_KIND_PRIMARY with
 *     its VidPn source, Flags.Primary and VidPnSourceId set, as
 *     pfnSetDisplayModeCb requires of what it scans out.
 * Another device's OpenResource (umd_shared_open) receives the resource
 * data back and each allocation's struct viogpu_alloc_priv as the KMD
 * completed it (res_id), and rebuilds a umd_resource naming the same host
 * resource: no copy, both devices' streams name one virgl resource.  That
 * data comes from another process through the kernel: it is checked like
 * any hostile input (versions, sizes, dimensions, format, the two halves
 * agreeing) and a mismatch is E_INVALIDARG through pfnSetErrorCb.
 *
 * Visibility: the writes of one device reach the host when that device
 * submits (Flush, Present, a Map, ...); the host runs submissions in order,
 * so an opening device sees everything its creator submitted before.
 */
#include "umd_priv.h"

#include "virgl/virgl_format.h"
#include "wddm/dxgiddi.h"

/* virgl bind flags of a shareable texture, the way umd_resource.c maps
 * them for textures (a staging-like texture without binds is sampled). */
static uint32_t tex_binds(UINT bind)
{
    uint32_t b = 0;
    if (bind & D3D10_DDI_BIND_SHADER_RESOURCE)
        b |= VIRGL_BIND_SAMPLER_VIEW;
    if (bind & (D3D10_DDI_BIND_RENDER_TARGET | D3D10_DDI_BIND_PRESENT))
        b |= VIRGL_BIND_RENDER_TARGET;
    return b ? b : VIRGL_BIND_SAMPLER_VIEW;
}

/* The D3D description both paths (create and open) turn into a resource:
 * fills r's D3D and virgl terms; 0 or E_INVALIDARG. */
static HRESULT describe(struct umd_device *d, struct umd_resource *r, const struct viogpu_resource_priv *rp)
{
    const struct viogpu_adapter_info *ai = &d->adapter->info;
    if (rp->dimension != D3D10DDIRESOURCE_TEXTURE2D || rp->mip_levels != 1 || rp->array_size != 1 ||
        rp->sample_count != 1 || rp->depth != 1 || !rp->width || !rp->height ||
        (ai->max_width && rp->width > ai->max_width) || (ai->max_height && rp->height > ai->max_height) ||
        (rp->bind_flags & ~(D3D10_DDI_BIND_SHADER_RESOURCE | D3D10_DDI_BIND_RENDER_TARGET | D3D10_DDI_BIND_PRESENT)))
        return E_INVALIDARG;
    uint32_t vbind = tex_binds(rp->bind_flags);
    if (rp->flags & VIOGPU_RESOURCE_FLAG_PRIMARY)
        vbind |= VIRGL_BIND_RENDER_TARGET;
    uint32_t fmt = virgl_format_for_host(&d->adapter->caps, rp->dxgi_format, vbind);
    if (fmt == VIRGL_FORMAT_NONE)
        return E_INVALIDARG;
    /* r->backing_size is 32-bit: a texture of 4 GiB or more (16384^2
     * RGBA32F fits the adapter's max size) would wrap it, and the backing
     * check of open_checked would pass any allocation (found by umd_fuzz). */
    const struct virgl_format_desc *fd = virgl_format_info(fmt);
    bool blocks = fd && (fd->flags & VIRGL_FMT_COMPRESSED);
    uint64_t row = fd ? (blocks ? (rp->width + 3ull) / 4 : rp->width) * (uint64_t)fd->block_bytes : 0;
    uint64_t rows = blocks ? (rp->height + 3ull) / 4 : rp->height;
    if (!row || row > UINT32_MAX || rows > UINT32_MAX / row)
        return E_INVALIDARG;
    if (rp->flags & VIOGPU_RESOURCE_FLAG_PRIMARY)
        vbind |= VIRGL_BIND_SCANOUT; /* the host's hint that it is displayed */
    r->dim = rp->dimension;
    r->dxgi = rp->dxgi_format;
    r->bind = rp->bind_flags;
    r->usage = rp->usage;
    r->map_flags = rp->map_flags;
    r->width = rp->width;
    r->height = rp->height;
    r->depth = 1;
    r->mips = 1;
    r->array_size = 1;
    r->target = VIRGL_TARGET_2D;
    r->format = fmt;
    r->vbind = vbind;
    r->backing_size = umd_subres_offset(r, 1, 0);
    r->share_flags = rp->flags;
    r->vidpn_source = rp->vidpn_source;
    return S_OK;
}

/* A primary must be what its mode scans out: same size, no rotation the
 * scan-out would have to do, no stereo (one layer). */
static HRESULT check_primary(struct umd_device *d, const D3D10DDIARG_CREATERESOURCE *a)
{
    const DXGI_DDI_PRIMARY_DESC *p = a->pPrimaryDesc;
    const DXGI_DDI_MODE_DESC *m = &p->ModeDesc;
    uint32_t nsrc = d->adapter->info.num_scanouts ? d->adapter->info.num_scanouts : 1;
    if (p->VidPnSourceId >= nsrc || p->VidPnSourceId >= VIOGPU_MAX_SCANOUTS ||
        m->Width != a->pMipInfoList[0].TexelWidth || m->Height != a->pMipInfoList[0].TexelHeight ||
        (m->Format != DXGI_FORMAT_UNKNOWN && m->Format != a->Format))
        return E_INVALIDARG;
    if ((p->Flags & DXGI_DDI_PRIMARY_STEREO) ||
        (m->Rotation > DXGI_DDI_MODE_ROTATION_IDENTITY && !(p->Flags & DXGI_DDI_PRIMARY_NONPREROTATED)))
        return E_NOTIMPL;
    return S_OK;
}

/* Initial data of the one subresource: into the backing, then a transfer
 * to the host queued in the stream. */
static HRESULT upload_initial(struct umd_device *d, struct umd_resource *r, const D3D10_DDIARG_SUBRESOURCE_UP *up)
{
    D3DDDICB_LOCK lk = {0};
    lk.hAllocation = r->halloc;
    lk.Flags.LockEntire = 1;
    HRESULT hr = d->kt->pfnLockCb(d->hrt.handle, &lk);
    if (FAILED(hr))
        return hr;
    uint32_t pitch = virgl_format_stride(r->format, r->width);
    uint32_t size = virgl_format_level_size(r->format, r->width, r->height);
    uint32_t rows = pitch ? size / pitch : 0;
    for (uint32_t y = 0; y < rows; y++) {
        const uint8_t *s = (const uint8_t *)up->pSysMem + (size_t)y * up->SysMemPitch;
        uint8_t *o = (uint8_t *)lk.pData + (size_t)y * pitch;
        for (uint32_t i = 0; i < pitch; i++)
            o[i] = s[i];
    }
    D3DDDICB_UNLOCK ul = {.NumAllocations = 1, .phAllocations = &r->halloc};
    d->kt->pfnUnlockCb(d->hrt.handle, &ul);
    struct virgl_box b = {0, 0, 0, r->width, r->height, 1};
    virgl_enc_transfer3d(&d->enc, umd_ref(d, r), 0, 0, &b, pitch, size, 0, VIRGL_TRANSFER_TO_HOST);
    r->xfer_batch = d->batch;
    return d->enc.error ? E_FAIL : S_OK;
}

void umd_shared_create(struct umd_device *d, const D3D10DDIARG_CREATERESOURCE *a, struct umd_resource *r,
                       D3D10DDI_HRTRESOURCE hrt)
{
    HRESULT hr = S_OK;
    struct viogpu_resource_priv rp = {0};
    rp.abi_version = VIOGPU_ABI_VERSION;
    rp.size = sizeof(rp);
    rp.flags = (a->MiscFlags & D3D10_DDI_RESOURCE_MISC_SHARED) ? VIOGPU_RESOURCE_FLAG_SHARED : 0;
    rp.num_allocations = 1;
    rp.dimension = (uint32_t)a->ResourceDimension;
    rp.dxgi_format = (uint32_t)a->Format;
    rp.width = a->pMipInfoList[0].TexelWidth;
    rp.height = a->pMipInfoList[0].TexelHeight;
    rp.depth = a->pMipInfoList[0].TexelDepth;
    rp.mip_levels = a->MipLevels;
    rp.array_size = a->ArraySize;
    rp.sample_count = a->SampleDesc.Count;
    rp.bind_flags = a->BindFlags;
    rp.misc_flags = a->MiscFlags;
    rp.usage = a->Usage;
    rp.map_flags = a->MapFlags;
    if (a->pPrimaryDesc) {
        rp.flags |= VIOGPU_RESOURCE_FLAG_PRIMARY;
        rp.vidpn_source = a->pPrimaryDesc->VidPnSourceId;
        hr = check_primary(d, a);
    }
    /* Shared textures are GPU resources of the default usage only: the
     * other device could not see a CPU mapping of ours. */
    if (SUCCEEDED(hr) && (a->Usage != D3D10_DDI_USAGE_DEFAULT || a->MapFlags ||
                          (a->MiscFlags & ~(D3D10_DDI_RESOURCE_MISC_SHARED))))
        hr = E_INVALIDARG;
    if (SUCCEEDED(hr) && !umd_initial_data_ok(a->pInitialDataUP, 1))
        hr = E_INVALIDARG;
    if (SUCCEEDED(hr))
        hr = describe(d, r, &rp);
    if (FAILED(hr)) {
        umd_set_error(d, hr);
        return;
    }
    r->hrt = hrt;

    struct viogpu_alloc_priv priv = {0};
    priv.abi_version = VIOGPU_ABI_VERSION;
    priv.size = sizeof(priv);
    priv.kind = a->pPrimaryDesc ? VIOGPU_ALLOC_KIND_PRIMARY : VIOGPU_ALLOC_KIND_RESOURCE;
    priv.width = r->width;
    priv.height = r->height;
    priv.depth = 1;
    priv.array_size = 1;
    priv.format = r->format;
    priv.bind = r->vbind;
    priv.target = r->target;
    priv.vidpn_source = r->vidpn_source;
    D3DDDI_ALLOCATIONINFO ai = {0};
    ai.pPrivateDriverData = &priv;
    ai.PrivateDriverDataSize = sizeof(priv);
    if (a->pPrimaryDesc) {
        ai.VidPnSourceId = r->vidpn_source;
        ai.Flags.Primary = 1;
    }
    D3DDDICB_ALLOCATE al = {0};
    al.pPrivateDriverData = &rp;
    al.PrivateDriverDataSize = sizeof(rp);
    al.hResource = hrt.handle;
    al.NumAllocations = 1;
    al.pAllocationInfo = &ai;
    hr = d->kt->pfnAllocateCb(d->hrt.handle, &al);
    if (SUCCEEDED(hr) && (!priv.res_id || priv.backing_size < r->backing_size))
        hr = E_OUTOFMEMORY;
    if (FAILED(hr)) {
        r->res_id = 0;
        umd_set_error(d, hr);
        return;
    }
    r->res_id = priv.res_id;
    r->halloc = ai.hAllocation;
    if (a->pPrimaryDesc)
        a->pPrimaryDesc->DriverFlags = 0; /* scanned out directly: flips allowed */
    if (a->pInitialDataUP) {
        hr = upload_initial(d, r, a->pInitialDataUP);
        if (FAILED(hr))
            umd_set_error(d, hr);
    }
}

SIZE_T APIENTRY umd_shared_calc_opened(D3D10DDI_HDEVICE hd, const D3D10DDIARG_OPENRESOURCE *a)
{
    (void)hd;
    (void)a;
    return sizeof(struct umd_resource);
}

/* Both halves of what the creator's device left with the kernel resource,
 * read once into our own copies and checked against each other. */
static HRESULT open_checked(struct umd_device *d, const D3D10DDIARG_OPENRESOURCE *a, struct umd_resource *r)
{
    struct viogpu_resource_priv rp;
    struct viogpu_alloc_priv ap;
    if (!a || !a->pPrivateDriverData || a->PrivateDriverDataSize != sizeof(rp) || a->NumAllocations != 1 ||
        !a->pOpenAllocationInfo)
        return E_INVALIDARG;
    const D3DDDI_OPENALLOCATIONINFO *oi = &a->pOpenAllocationInfo[0];
    if (!oi->hAllocation || !oi->pPrivateDriverData || oi->PrivateDriverDataSize != sizeof(ap))
        return E_INVALIDARG;
    const uint8_t *s = a->pPrivateDriverData;
    for (size_t i = 0; i < sizeof(rp); i++)
        ((uint8_t *)&rp)[i] = s[i];
    s = oi->pPrivateDriverData;
    for (size_t i = 0; i < sizeof(ap); i++)
        ((uint8_t *)&ap)[i] = s[i];

    const uint32_t known = VIOGPU_RESOURCE_FLAG_SHARED | VIOGPU_RESOURCE_FLAG_PRIMARY;
    if (rp.abi_version != VIOGPU_ABI_VERSION || rp.size != sizeof(rp) || !(rp.flags & known) ||
        (rp.flags & ~known) || rp.num_allocations != 1 || rp.reserved[0] || rp.reserved[1] || rp.reserved[2] ||
        rp.usage != D3D10_DDI_USAGE_DEFAULT || rp.map_flags ||
        ((rp.flags & VIOGPU_RESOURCE_FLAG_PRIMARY) && rp.vidpn_source >= VIOGPU_MAX_SCANOUTS))
        return E_INVALIDARG;
    HRESULT hr = describe(d, r, &rp);
    if (FAILED(hr))
        return hr;
    /* The allocation must be the one that description makes on this
     * adapter: same kind, shape, virgl format and binds, a host resource,
     * and backing for all of it. */
    uint32_t kind = (rp.flags & VIOGPU_RESOURCE_FLAG_PRIMARY) ? VIOGPU_ALLOC_KIND_PRIMARY : VIOGPU_ALLOC_KIND_RESOURCE;
    if (ap.abi_version != VIOGPU_ABI_VERSION || ap.size != sizeof(ap) || ap.kind != kind || ap.flags ||
        ap.width != r->width || ap.height != r->height || ap.depth != 1 || ap.array_size != 1 || ap.last_level ||
        ap.nr_samples || ap.format != r->format || ap.bind != r->vbind || ap.target != r->target ||
        (kind == VIOGPU_ALLOC_KIND_PRIMARY && ap.vidpn_source != rp.vidpn_source) || !ap.res_id ||
        ap.backing_size < r->backing_size)
        return E_INVALIDARG;
    r->res_id = ap.res_id;
    r->halloc = oi->hAllocation;
    r->opened = true;
    return S_OK;
}

VOID APIENTRY umd_shared_open(D3D10DDI_HDEVICE hd, const D3D10DDIARG_OPENRESOURCE *a, D3D10DDI_HRESOURCE hr_,
                              D3D10DDI_HRTRESOURCE hrt)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_resource *r = hr_.pDrvPrivate;
    uint8_t *p = (uint8_t *)r;
    for (size_t i = 0; i < sizeof(*r); i++)
        p[i] = 0;
    HRESULT hr = open_checked(d, a, r);
    if (FAILED(hr)) {
        for (size_t i = 0; i < sizeof(*r); i++)
            p[i] = 0; /* res_id 0: DestroyResource has nothing to release */
        umd_set_error(d, hr);
        return;
    }
    r->hrt = hrt;
}
