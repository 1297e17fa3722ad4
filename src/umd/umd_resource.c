/*
 * umd_resource.c — resources, Map/Unmap, updates and copies.
 *
 * A resource is one allocation made through pfnAllocateCb with a
 * struct viogpu_alloc_priv describing the virgl resource; the KMD creates
 * the host resource and answers its id.  The allocation's backing holds
 * every subresource tightly packed, level after level with the array
 * layers of a level together (the layout of virgl's default transfers),
 * so uploads and readbacks ride inside the stream as TRANSFER3D from/to
 * the backing at a computed offset.  Views, GenMips and resolves are in
 * umd_view.c.
 *
 * Map: the runtime may write the backing while earlier commands that read
 * it have not executed yet, so Map first submits what is queued, then
 * locks through pfnLockCb (which waits for the GPU unless DONOTWAIT).
 * A READ map queues a TRANSFER3D from the host before that.  Unmap of a
 * writable map queues a TRANSFER3D to the host.  Dynamic buffers map
 * WRITE_DISCARD and WRITE_NO_OVERWRITE without submitting or waiting
 * (umd_rename.c).
 */
#include "umd_priv.h"

#include "virgl/virgl_format.h"

uint32_t umd_level_dim(uint32_t v, uint32_t level)
{
    v >>= level;
    return v ? v : 1;
}

static uint32_t level_layers(const struct umd_resource *r, uint32_t level)
{
    if (r->target == VIRGL_TARGET_3D)
        return umd_level_dim(r->depth, level);
    return r->array_size;
}

uint32_t umd_level_height(const struct umd_resource *r, uint32_t level)
{
    if (r->target == VIRGL_TARGET_1D || r->target == VIRGL_TARGET_1D_ARRAY)
        return 1;
    return umd_level_dim(r->height, level);
}

/* Bytes of one layer of a level. */
static uint32_t layer_size(const struct umd_resource *r, uint32_t level)
{
    if (r->target == VIRGL_TARGET_BUFFER)
        return r->width;
    return virgl_format_level_size(r->format, umd_level_dim(r->width, level), umd_level_height(r, level));
}

static uint32_t row_pitch(const struct umd_resource *r, uint32_t level)
{
    if (r->target == VIRGL_TARGET_BUFFER)
        return r->width;
    return virgl_format_stride(r->format, umd_level_dim(r->width, level));
}

uint32_t umd_subres_offset(const struct umd_resource *r, uint32_t level, uint32_t layer)
{
    uint32_t off = 0;
    for (uint32_t l = 0; l < level; l++)
        off += layer_size(r, l) * level_layers(r, l);
    return off + layer * layer_size(r, level);
}

static uint32_t total_size(const struct umd_resource *r)
{
    return umd_subres_offset(r, r->mips, 0);
}

/* total_size in 64-bit: the 32-bit offsets above must not wrap (a large
 * array of RGBA32F levels passes 4 GiB, and a wrapped size would let the
 * initial-data copy and every transfer run past a small backing). */
static bool size_fits(const struct umd_resource *r)
{
    if (r->target == VIRGL_TARGET_BUFFER)
        return true;
    const struct virgl_format_desc *fd = virgl_format_info(r->format);
    uint64_t blk = fd && (fd->flags & VIRGL_FMT_COMPRESSED) ? 4 : 1, total = 0;
    for (uint32_t l = 0; fd && l < r->mips && l < 32; l++) {
        uint64_t row = (umd_level_dim(r->width, l) + blk - 1) / blk * fd->block_bytes;
        uint64_t rows = (umd_level_height(r, l) + blk - 1) / blk;
        uint64_t lsz;
        if (__builtin_mul_overflow(row, rows, &lsz) || __builtin_mul_overflow(lsz, level_layers(r, l), &lsz) ||
            (total += lsz) > UINT32_MAX)
            return false;
    }
    return fd && r->mips <= 32;
}

/* A DDI box into `b` (whose other axes keep the whole subresource: y/h
 * only for textures, z/d only for 3D); false when it is empty.  The DDI's
 * box coordinates are unsigned: compared and subtracted as such (the
 * signed difference of two LONGs could overflow, found by umd_fuzz). */
static bool box_from_ddi(const D3D10_DDI_BOX *box, uint32_t target, struct virgl_box *b)
{
    uint32_t l = (uint32_t)box->left, t = (uint32_t)box->top, f = (uint32_t)box->front;
    uint32_t r = (uint32_t)box->right, bo = (uint32_t)box->bottom, ba = (uint32_t)box->back;
    if (r <= l || bo <= t || ba <= f)
        return false;
    b->x = l;
    b->w = r - l;
    if (target != VIRGL_TARGET_BUFFER) {
        b->y = t;
        b->h = bo - t;
    }
    if (target == VIRGL_TARGET_3D) {
        b->z = f;
        b->d = ba - f;
    }
    return true;
}

/* Subresources of `r` (3D: one per level). */
static uint32_t num_subres(const struct umd_resource *r)
{
    return r->mips * (r->target == VIRGL_TARGET_3D ? 1 : r->array_size);
}

/* Whether box x,y,z + w,h,d (64-bit: no wrap) lies inside `level` of `r`:
 * the extents rounded up to whole blocks (a compressed level's last block
 * is whole on the host too), z counted in layers (3D: depth slices). */
static bool box_in_level(const struct umd_resource *r, uint32_t level, uint64_t x, uint64_t y, uint64_t z,
                         uint64_t w, uint64_t h, uint64_t d)
{
    if (level >= r->mips)
        return false;
    if (r->target == VIRGL_TARGET_BUFFER)
        return x + w <= r->width && y + h <= 1 && z + d <= 1;
    const struct virgl_format_desc *fd = virgl_format_info(r->format);
    uint64_t blk = fd && (fd->flags & VIRGL_FMT_COMPRESSED) ? 4 : 1;
    uint64_t lw = (umd_level_dim(r->width, level) + blk - 1) / blk * blk;
    uint64_t lh = (umd_level_height(r, level) + blk - 1) / blk * blk;
    return x + w <= lw && y + h <= lh && z + d <= level_layers(r, level);
}

/* The whole of one subresource as a transfer box. */
static struct virgl_box subres_box(const struct umd_resource *r, uint32_t level, uint32_t layer)
{
    struct virgl_box b = {0, 0, 0, 1, 1, 1};
    if (r->target == VIRGL_TARGET_BUFFER) {
        b.w = r->width;
        return b;
    }
    b.w = umd_level_dim(r->width, level);
    b.h = umd_level_height(r, level);
    if (r->target == VIRGL_TARGET_3D) {
        b.d = umd_level_dim(r->depth, level);
    } else {
        b.z = layer;
    }
    return b;
}

/* virglrenderer (0.10.4 seen) binds a texture to the active unit for a
 * transfer and leaves it there while its own record says the bound view's
 * texture still is: the next draw would sample the transferred texture.
 * Sampler views are re-emitted at the next draw after any texture
 * transfer, which rebinds them on the host. */
void umd_texture_transferred(struct umd_device *d, const struct umd_resource *r)
{
    if (r->target == VIRGL_TARGET_BUFFER)
        return;
    for (uint32_t st = 0; st < UMD_STAGES; st++)
        d->units_dirty[st] = true;
}

static void transfer_subres(struct umd_device *d, struct umd_resource *r, uint32_t sub, uint32_t dir)
{
    uint32_t level = sub % r->mips, layer = sub / r->mips;
    struct virgl_box b = subres_box(r, level, layer);
    virgl_enc_transfer3d(&d->enc, umd_ref(d, r), level, 0, &b, row_pitch(r, level), layer_size(r, level),
                         umd_subres_offset(r, level, r->target == VIRGL_TARGET_3D ? 0 : layer), dir);
    umd_texture_transferred(d, r);
}

static uint32_t virgl_binds(UINT bind, UINT usage)
{
    uint32_t b = 0;
    if (bind & D3D10_DDI_BIND_VERTEX_BUFFER) b |= VIRGL_BIND_VERTEX_BUFFER;
    if (bind & D3D10_DDI_BIND_INDEX_BUFFER) b |= VIRGL_BIND_INDEX_BUFFER;
    if (bind & D3D10_DDI_BIND_CONSTANT_BUFFER) b |= VIRGL_BIND_CONSTANT_BUFFER;
    if (bind & D3D10_DDI_BIND_SHADER_RESOURCE) b |= VIRGL_BIND_SAMPLER_VIEW;
    if (bind & D3D10_DDI_BIND_STREAM_OUTPUT) b |= VIRGL_BIND_STREAM_OUTPUT;
    if (bind & D3D10_DDI_BIND_RENDER_TARGET) b |= VIRGL_BIND_RENDER_TARGET;
    if (bind & D3D10_DDI_BIND_DEPTH_STENCIL) b |= VIRGL_BIND_DEPTH_STENCIL;
    (void)usage;
    return b;
}

static SIZE_T APIENTRY umd_calc_resource_size(D3D10DDI_HDEVICE hd, const D3D10DDIARG_CREATERESOURCE *a)
{
    (void)hd;
    (void)a;
    return sizeof(struct umd_resource);
}

static HRESULT lock_alloc(struct umd_device *d, struct umd_resource *r, bool donotwait, bool discard, void **out)
{
    D3DDDICB_LOCK lk = {0};
    lk.hAllocation = r->halloc;
    lk.Flags.DonotWait = donotwait;
    lk.Flags.Discard = discard;
    lk.Flags.LockEntire = 1;
    HRESULT hr = d->kt->pfnLockCb(d->hrt.handle, &lk);
    if (SUCCEEDED(hr))
        *out = lk.pData;
    return hr;
}

static void unlock_alloc(struct umd_device *d, struct umd_resource *r)
{
    D3DDDICB_UNLOCK ul = {.NumAllocations = 1, .phAllocations = &r->halloc};
    d->kt->pfnUnlockCb(d->hrt.handle, &ul);
}

/* One allocation (and through the KMD one host resource) shaped like `r`:
 * at creation, and again for each DISCARD rename (umd_rename.c). */
HRESULT umd_alloc_host(struct umd_device *d, struct umd_resource *r, uint32_t *res_id, D3DKMT_HANDLE *halloc)
{
    struct viogpu_alloc_priv priv = {0};
    priv.abi_version = VIOGPU_ABI_VERSION;
    priv.size = sizeof(priv);
    priv.kind = VIOGPU_ALLOC_KIND_RESOURCE;
    priv.width = r->width;
    priv.height = r->height;
    priv.depth = r->target == VIRGL_TARGET_3D ? r->depth : 1;
    priv.array_size = r->array_size;
    priv.last_level = r->mips - 1;
    priv.nr_samples = r->samples > 1 ? r->samples : 0;
    priv.format = r->format;
    priv.bind = r->vbind;
    priv.target = r->target;
    D3DDDI_ALLOCATIONINFO ai = {0};
    ai.pPrivateDriverData = &priv;
    ai.PrivateDriverDataSize = sizeof(priv);
    D3DDDICB_ALLOCATE al = {0};
    al.hResource = r->hrt.handle;
    al.NumAllocations = 1;
    al.pAllocationInfo = &ai;
    HRESULT hr = d->kt->pfnAllocateCb(d->hrt.handle, &al);
    if (FAILED(hr))
        return hr;
    if (!priv.res_id || priv.backing_size < r->backing_size)
        return E_OUTOFMEMORY;
    *res_id = priv.res_id;
    *halloc = ai.hAllocation;
    return S_OK;
}

bool umd_initial_data_ok(const D3D10_DDIARG_SUBRESOURCE_UP *up, uint32_t nsub)
{
    if (!up)
        return true;
    for (uint32_t i = 0; i < nsub; i++)
        if (!up[i].pSysMem)
            return false;
    return true;
}

static VOID APIENTRY umd_create_resource(D3D10DDI_HDEVICE hd, const D3D10DDIARG_CREATERESOURCE *a,
                                         D3D10DDI_HRESOURCE hr_, D3D10DDI_HRTRESOURCE hrt)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_resource *r = hr_.pDrvPrivate;
    uint8_t *p = (uint8_t *)r;
    for (size_t i = 0; i < sizeof(*r); i++)
        p[i] = 0;
    if (!a->pMipInfoList || a->MipLevels == 0 || a->ArraySize == 0) {
        umd_set_error(d, E_INVALIDARG);
        return;
    }
    if (a->pPrimaryDesc || (a->MiscFlags & D3D10_DDI_RESOURCE_MISC_SHARED)) {
        umd_shared_create(d, a, r, hrt); /* umd_shared.c */
        return;
    }
    /* MSAA: single-level 2D render targets with a sample count the host
     * has (what CheckMultisampleQualityLevels promised); no CPU access. */
    if (a->SampleDesc.Count > 1) {
        uint32_t c = a->SampleDesc.Count;
        if (a->ResourceDimension != D3D10DDIRESOURCE_TEXTURE2D || a->MipLevels != 1 || (c & (c - 1)) ||
            c > d->adapter->caps.max_samples || a->MapFlags || a->pInitialDataUP) {
            umd_set_error(d, E_INVALIDARG);
            return;
        }
        r->samples = c;
    }
    r->dim = a->ResourceDimension;
    r->hrt = hrt;
    r->dxgi = a->Format;
    r->bind = a->BindFlags;
    r->usage = a->Usage;
    r->map_flags = a->MapFlags;
    r->width = a->pMipInfoList[0].TexelWidth;
    r->height = a->pMipInfoList[0].TexelHeight;
    r->depth = a->pMipInfoList[0].TexelDepth;
    r->mips = a->MipLevels;
    r->array_size = a->ArraySize;
    switch (a->ResourceDimension) {
    case D3D10DDIRESOURCE_BUFFER: r->target = VIRGL_TARGET_BUFFER; break;
    case D3D10DDIRESOURCE_TEXTURE1D: r->target = a->ArraySize > 1 ? VIRGL_TARGET_1D_ARRAY : VIRGL_TARGET_1D; break;
    case D3D10DDIRESOURCE_TEXTURE2D: r->target = a->ArraySize > 1 ? VIRGL_TARGET_2D_ARRAY : VIRGL_TARGET_2D; break;
    case D3D10DDIRESOURCE_TEXTURE3D: r->target = VIRGL_TARGET_3D; break;
    case D3D10DDIRESOURCE_TEXTURECUBE: r->target = a->ArraySize > 6 ? VIRGL_TARGET_CUBE_ARRAY : VIRGL_TARGET_CUBE; break;
    default: umd_set_error(d, E_INVALIDARG); return;
    }
    uint32_t vbind = virgl_binds(a->BindFlags, a->Usage);
    if (r->target == VIRGL_TARGET_BUFFER) {
        /* The host picks the GL buffer target from the bind flags and
         * accepts exactly one; a GL buffer object serves every binding
         * anyway, so keep the one that matters most (SO captures, then
         * vertex data). */
        static const uint32_t order[] = {VIRGL_BIND_STREAM_OUTPUT, VIRGL_BIND_VERTEX_BUFFER, VIRGL_BIND_INDEX_BUFFER,
                                         VIRGL_BIND_CONSTANT_BUFFER, VIRGL_BIND_SAMPLER_VIEW};
        for (uint32_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
            if (vbind & order[i]) {
                vbind = order[i];
                break;
            }
        r->format = VIRGL_FORMAT_R8_UNORM;
        r->height = r->depth = r->array_size = 1;
    } else {
        /* A staging texture is a copy destination/source only; it still
         * needs a host texture the copies can address. */
        uint32_t fbind = vbind ? vbind : VIRGL_BIND_SAMPLER_VIEW;
        r->format = virgl_format_for_host(&d->adapter->caps, a->Format, fbind);
        if (r->format == VIRGL_FORMAT_NONE && !vbind)
            r->format = virgl_format_for_host(&d->adapter->caps, a->Format, VIRGL_BIND_RENDER_TARGET);
        if (r->format == VIRGL_FORMAT_NONE) {
            umd_set_error(d, E_INVALIDARG);
            return;
        }
        if (!vbind)
            vbind = fbind;
    }
    if (!size_fits(r)) {
        umd_set_error(d, E_OUTOFMEMORY); /* 4 GiB or more: more than a backing can be */
        return;
    }
    r->backing_size = total_size(r);

    r->vbind = vbind;
    /* The runtime hands one SUBRESOURCE_UP per subresource; a missing
     * source would be read through NULL. */
    if (!umd_initial_data_ok(a->pInitialDataUP, r->mips * (r->target == VIRGL_TARGET_3D ? 1 : r->array_size))) {
        umd_set_error(d, E_INVALIDARG);
        return;
    }
    HRESULT hr = umd_alloc_host(d, r, &r->res_id, &r->halloc);
    if (FAILED(hr)) {
        umd_set_error(d, hr);
        return;
    }

    if (a->pInitialDataUP) {
        void *base;
        hr = lock_alloc(d, r, false, false, &base);
        if (FAILED(hr)) {
            umd_set_error(d, hr);
            return;
        }
        uint32_t nsub = r->mips * (r->target == VIRGL_TARGET_3D ? 1 : r->array_size);
        for (uint32_t s = 0; s < nsub; s++) {
            const D3D10_DDIARG_SUBRESOURCE_UP *up = &a->pInitialDataUP[s];
            uint32_t level = s % r->mips, layer = s / r->mips;
            uint8_t *dst = (uint8_t *)base + umd_subres_offset(r, level, layer);
            uint32_t pitch = row_pitch(r, level), rows = layer_size(r, level) / (pitch ? pitch : 1);
            uint32_t slices = r->target == VIRGL_TARGET_3D ? umd_level_dim(r->depth, level) : 1;
            for (uint32_t z = 0; z < slices; z++)
                for (uint32_t y = 0; y < rows; y++) {
                    const uint8_t *src = (const uint8_t *)up->pSysMem + z * up->SysMemSlicePitch +
                                         y * (r->target == VIRGL_TARGET_BUFFER ? 0 : up->SysMemPitch);
                    uint8_t *o = dst + z * layer_size(r, level) + y * pitch;
                    for (uint32_t i = 0; i < pitch; i++)
                        o[i] = src[i];
                }
        }
        unlock_alloc(d, r);
        for (uint32_t s = 0; s < nsub; s++)
            transfer_subres(d, r, s, VIRGL_TRANSFER_TO_HOST);
        umd_check_enc(d);
    }
}

static VOID APIENTRY umd_destroy_resource(D3D10DDI_HDEVICE hd, D3D10DDI_HRESOURCE hr_)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_resource *r = hr_.pDrvPrivate;
    if (!r->res_id)
        return;
    umd_so_destroy_target(d, r);
    umd_rename_release(d, r);
    umd_views_detach(r); /* views outliving it (the runtime's order) forget it */
    for (uint32_t i = 0; i < UMD_MAX_VB; i++)
        if (d->vb_res[i] == r)
            d->vb_res[i] = NULL;
    /* Commands naming the resource must reach the host before the KMD
     * drops it. */
    umd_submit(d);
    D3DDDICB_DEALLOCATE da = {.hResource = r->hrt.handle, .NumAllocations = 1, .HandleList = &r->halloc};
    d->kt->pfnDeallocateCb(d->hrt.handle, &da);
    r->res_id = 0;
}

static VOID APIENTRY umd_map(D3D10DDI_HDEVICE hd, D3D10DDI_HRESOURCE hr_, UINT sub, D3D10_DDI_MAP type, UINT flags,
                             D3D10DDI_MAPPED_SUBRESOURCE *out)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_resource *r = hr_.pDrvPrivate;
    uint32_t nsub = r->mips * (r->target == VIRGL_TARGET_3D ? 1 : r->array_size);
    if (!out || sub >= nsub || r->mapped_sub) {
        umd_set_error(d, E_INVALIDARG);
        return;
    }
    void *base;
    if (d->buf_rtvs)
        umd_views_sync_read(d, r); /* a bound buffer RTV's writes land first */
    HRESULT hr = umd_map_nowait(d, r, type, &base);
    if (hr == S_OK)
        goto mapped;
    if (type == D3D10_DDI_MAP_READ || type == D3D10_DDI_MAP_READWRITE)
        transfer_subres(d, r, sub, VIRGL_TRANSFER_FROM_HOST);
    umd_submit(d);
    hr = lock_alloc(d, r, (flags & D3D10_DDI_MAP_FLAG_DONOTWAIT) != 0,
                            type == D3D10_DDI_MAP_WRITE_DISCARD, &base);
    if (FAILED(hr)) {
        umd_set_error(d, hr); /* DXGI_DDI_ERR_WASSTILLDRAWING passes through */
        return;
    }
mapped:;
    uint32_t level = sub % r->mips, layer = sub / r->mips;
    out->pData = (uint8_t *)base + umd_subres_offset(r, level, r->target == VIRGL_TARGET_3D ? 0 : layer);
    out->RowPitch = row_pitch(r, level);
    out->DepthPitch = layer_size(r, level);
    r->mapped_sub = sub + 1;
    r->map_type = type;
}

static VOID APIENTRY umd_unmap(D3D10DDI_HDEVICE hd, D3D10DDI_HRESOURCE hr_, UINT sub)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_resource *r = hr_.pDrvPrivate;
    if (!r->mapped_sub || r->mapped_sub - 1 != sub) { /* sub + 1 wraps at UINT_MAX */
        umd_set_error(d, E_INVALIDARG);
        return;
    }
    unlock_alloc(d, r);
    r->mapped_sub = 0;
    if (r->map_type != D3D10_DDI_MAP_READ) {
        transfer_subres(d, r, sub, VIRGL_TRANSFER_TO_HOST);
        r->xfer_batch = d->batch; /* the host reads the backing when it runs this */
        if (d->buf_rtvs)
            umd_views_sync_written(d, r);
    }
    umd_check_enc(d);
}

static BOOL APIENTRY umd_is_staging_busy(D3D10DDI_HDEVICE hd, D3D10DDI_HRESOURCE hr_)
{
    (void)hd;
    (void)hr_;
    /* Map submits and waits in pfnLockCb, so the runtime never needs to
     * poll: report idle. */
    return FALSE;
}

/* Inline updates up to this size ride in the stream; larger ones go
 * through the backing (submit + wait, like Map). */
#define UMD_INLINE_MAX (16u * 1024u)

static VOID APIENTRY umd_update_subresource(D3D10DDI_HDEVICE hd, D3D10DDI_HRESOURCE hr_, UINT sub,
                                            const D3D10_DDI_BOX *box, const VOID *data, UINT pitch, UINT dpitch)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_resource *r = hr_.pDrvPrivate;
    if (!r || sub >= r->mips * (r->target == VIRGL_TARGET_3D ? 1 : r->array_size) || !data) {
        umd_set_error(d, E_INVALIDARG);
        return;
    }
    uint32_t level = sub % r->mips, layer = sub / r->mips;
    struct virgl_box whole = subres_box(r, level, layer), b = whole;
    if (box && !box_from_ddi(box, r->target, &b))
        return; /* an empty box updates nothing (documented) */
    /* Compressed formats move whole 4x4 blocks: a box starts on a block
     * and ends on one or at the level's edge; rows below are block rows. */
    const struct virgl_format_desc *fd = virgl_format_info(r->format);
    uint32_t blk = fd && (fd->flags & VIRGL_FMT_COMPRESSED) ? 4 : 1;
    uint64_t x_end = (uint64_t)b.x + b.w, y_end = (uint64_t)b.y + b.h, z_end = (uint64_t)(b.z - whole.z) + b.d;
    if (x_end > whole.w || y_end > whole.h || z_end > whole.d || b.x % blk || b.y % blk ||
        (x_end % blk && x_end != whole.w) || (y_end % blk && y_end != whole.h)) {
        umd_set_error(d, E_INVALIDARG); /* the runtime checks this too: never write past the backing */
        return;
    }
    if (d->buf_rtvs) /* a bound buffer RTV's draws land before the partial write */
        umd_views_sync_read(d, r);
    uint32_t rows = (b.h + blk - 1) / blk;
    uint32_t rowbytes = r->target == VIRGL_TARGET_BUFFER ? b.w : virgl_format_stride(r->format, b.w);
    uint32_t stride = r->target == VIRGL_TARGET_BUFFER ? 0 : pitch;
    uint64_t bytes = r->target == VIRGL_TARGET_BUFFER ? b.w
                                                      : (uint64_t)(rows - 1) * pitch + rowbytes + (uint64_t)(b.d - 1) * dpitch;
    if (bytes <= UMD_INLINE_MAX && (stride == 0 || stride == rowbytes) && b.d == 1) {
        virgl_enc_resource_inline_write(&d->enc, umd_ref(d, r), level, 0, &b, stride, 0, data,
                                        r->target == VIRGL_TARGET_BUFFER ? b.w : rowbytes * rows);
        umd_texture_transferred(d, r);
        umd_check_enc(d);
        if (d->buf_rtvs)
            umd_views_sync_written(d, r);
        return;
    }
    umd_submit(d);
    void *base;
    HRESULT hr = lock_alloc(d, r, false, false, &base);
    if (FAILED(hr)) {
        umd_set_error(d, hr);
        return;
    }
    uint32_t lp = row_pitch(r, level), ls = layer_size(r, level);
    /* bytes per pixel, or per block */
    uint32_t bpp = r->target == VIRGL_TARGET_BUFFER ? 1 : virgl_format_stride(r->format, 1);
    uint8_t *dst0 = (uint8_t *)base + umd_subres_offset(r, level, r->target == VIRGL_TARGET_3D ? 0 : layer);
    uint32_t box_off = (r->target == VIRGL_TARGET_3D ? b.z * ls : 0) + (b.y / blk) * lp + (b.x / blk) * bpp;
    for (uint32_t z = 0; z < b.d; z++)
        for (uint32_t y = 0; y < rows; y++) {
            const uint8_t *src = (const uint8_t *)data + (size_t)z * dpitch + (size_t)y * pitch;
            uint8_t *o = dst0 + box_off + z * ls + y * lp;
            for (uint32_t i = 0; i < rowbytes; i++)
                o[i] = src[i];
        }
    unlock_alloc(d, r);
    /* data_offset names the box origin inside the backing. */
    uint32_t origin = (uint32_t)(dst0 - (uint8_t *)base) + box_off;
    virgl_enc_transfer3d(&d->enc, umd_ref(d, r), level, 0, &b, lp, ls, origin, VIRGL_TRANSFER_TO_HOST);
    umd_texture_transferred(d, r);
    umd_check_enc(d);
    if (d->buf_rtvs)
        umd_views_sync_written(d, r);
}

static VOID APIENTRY umd_copy_region(D3D10DDI_HDEVICE hd, D3D10DDI_HRESOURCE hdst, UINT dsub, UINT dx, UINT dy,
                                     UINT dz, D3D10DDI_HRESOURCE hsrc, UINT ssub, const D3D10_DDI_BOX *box)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_resource *dst = hdst.pDrvPrivate, *src = hsrc.pDrvPrivate;
    if (!dst || !src || ssub >= num_subres(src) || dsub >= num_subres(dst)) {
        umd_set_error(d, E_INVALIDARG);
        return;
    }
    uint32_t slevel = ssub % src->mips, slayer = ssub / src->mips;
    uint32_t dlevel = dsub % dst->mips, dlayer = dsub / dst->mips;
    struct virgl_box b = subres_box(src, slevel, slayer);
    if (box && !box_from_ddi(box, src->target, &b))
        return; /* an empty box copies nothing (documented) */
    if (dst->target != VIRGL_TARGET_3D)
        dz = dlayer;
    /* The runtime checks both regions; a region past a level would still
     * have the KMD refuse the whole command buffer, so refuse the call. */
    const struct virgl_format_desc *sf = virgl_format_info(src->format), *df = virgl_format_info(dst->format);
    uint64_t sblk = sf && (sf->flags & VIRGL_FMT_COMPRESSED) ? 4 : 1, dblk = df && (df->flags & VIRGL_FMT_COMPRESSED) ? 4 : 1;
    bool bufs = src->target == VIRGL_TARGET_BUFFER || dst->target == VIRGL_TARGET_BUFFER;
    /* the extent in destination texels: blocks of the source, one per destination block */
    uint64_t dw = bufs ? b.w : (b.w + sblk - 1) / sblk * dblk, dh = bufs ? b.h : (b.h + sblk - 1) / sblk * dblk;
    if (!box_in_level(src, slevel, b.x, b.y, src->target == VIRGL_TARGET_3D ? b.z : slayer, b.w, b.h, b.d) ||
        !box_in_level(dst, dlevel, dx, dy, dz, dw, dh, b.d)) {
        umd_set_error(d, E_INVALIDARG);
        return;
    }
    if (d->buf_rtvs) {
        umd_views_sync_read(d, src);
        /* a bound buffer RTV's draws reach the buffer before a part of it
         * is overwritten (the reload below would drop them otherwise) */
        if (dst != src)
            umd_views_sync_read(d, dst);
    }
    umd_ref_room(d, 2);
    uint32_t dref = umd_ref(d, dst), sref = umd_ref_read(d, src);
    virgl_enc_resource_copy_region(&d->enc, dref, dlevel, dx, dy, dz, sref, slevel, &b);
    umd_check_enc(d);
    if (d->buf_rtvs)
        umd_views_sync_written(d, dst);
}

static VOID APIENTRY umd_copy(D3D10DDI_HDEVICE hd, D3D10DDI_HRESOURCE hdst, D3D10DDI_HRESOURCE hsrc)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_resource *dst = hdst.pDrvPrivate, *src = hsrc.pDrvPrivate;
    if (dst->target != src->target || dst->width != src->width || dst->height != src->height ||
        (src->target == VIRGL_TARGET_3D && dst->depth != src->depth) || dst->mips != src->mips || dst->array_size != src->array_size ||
        dst->samples != src->samples) {
        umd_set_error(d, E_INVALIDARG);
        return;
    }
    if (d->buf_rtvs)
        umd_views_sync_read(d, src);
    for (uint32_t l = 0; l < src->mips; l++) {
        struct virgl_box b = subres_box(src, l, 0);
        if (src->target != VIRGL_TARGET_3D)
            b.d = src->array_size;
        umd_ref_room(d, 2);
        uint32_t dref = umd_ref(d, dst), sref = umd_ref_read(d, src);
        virgl_enc_resource_copy_region(&d->enc, dref, l, 0, 0, 0, sref, l, &b);
    }
    umd_check_enc(d);
    if (d->buf_rtvs)
        umd_views_sync_written(d, dst);
}

static VOID APIENTRY umd_raw_hazard(D3D10DDI_HDEVICE hd, D3D10DDI_HRESOURCE r)
{
    /* The host orders every command of a context: no cache to flush. */
    (void)hd;
    (void)r;
}

void umd_resource_funcs(D3D10DDI_DEVICEFUNCS *f)
{
    f->pfnCalcPrivateResourceSize = umd_calc_resource_size;
    f->pfnCreateResource = umd_create_resource;
    f->pfnDestroyResource = umd_destroy_resource;
    f->pfnResourceMap = umd_map;
    f->pfnResourceUnmap = umd_unmap;
    f->pfnDynamicIABufferMapNoOverwrite = umd_map;
    f->pfnDynamicIABufferMapDiscard = umd_map;
    f->pfnDynamicIABufferUnmap = umd_unmap;
    f->pfnDynamicConstantBufferMapDiscard = umd_map;
    f->pfnDynamicConstantBufferUnmap = umd_unmap;
    f->pfnDynamicResourceMapDiscard = umd_map;
    f->pfnDynamicResourceUnmap = umd_unmap;
    f->pfnStagingResourceMap = umd_map;
    f->pfnStagingResourceUnmap = umd_unmap;
    f->pfnResourceIsStagingBusy = umd_is_staging_busy;
    f->pfnDefaultConstantBufferUpdateSubresourceUP = umd_update_subresource;
    f->pfnResourceUpdateSubresourceUP = umd_update_subresource;
    f->pfnResourceCopyRegion = umd_copy_region;
    f->pfnResourceCopy = umd_copy;
    f->pfnResourceReadAfterWriteHazard = umd_raw_hazard;
}

void umd_resource_funcs_10_1(D3D10_1DDI_DEVICEFUNCS *f)
{
    /* Conversions between formats of one family are plain copies here. */
    f->pfnResourceConvert = umd_copy;
    f->pfnResourceConvertRegion = umd_copy_region;
}
