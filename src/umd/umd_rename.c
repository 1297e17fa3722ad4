/*
 * umd_rename.c — Map(WRITE_DISCARD) and Map(WRITE_NO_OVERWRITE) of dynamic
 * buffers and Map(WRITE_DISCARD) of dynamic textures without a submit or a
 * wait.
 *
 * umd_map calls umd_map_nowait first; S_FALSE sends it down the ordinary
 * path (submit, then a waiting pfnLockCb).
 *
 * Draws read the host's copy of a buffer, never the allocation's backing:
 * the backing is read by the host only when it runs the TRANSFER3D queued
 * at Unmap, and the host runs everything in order.  So the one hazard is a
 * map overwriting a backing whose upload the host has not run yet.
 *  - NO_OVERWRITE: the application promises not to touch data in flight,
 *    and an older upload of the same backing only re-sends bytes that are
 *    already there: lock with IgnoreSync.
 *  - DISCARD: if the backing's last upload may still be pending (queued in
 *    the command buffer being written, or the host still busy with the
 *    resource, asked with a DonotWait lock), switch the buffer to another
 *    host resource + allocation — an idle one from its pool, or a new one
 *    while the pool has room (8) — and rebind it wherever it is bound as a
 *    vertex, index or constant buffer, and recreate its views (shader
 *    resource views of buffers and textures) on the new host resource
 *    (umd_views_repoint).  The old contents are dead by DISCARD's
 *    definition, so nothing is copied.  Only when all eight are busy does
 *    the ordinary path wait.
 * DYNAMIC textures (Map WRITE_DISCARD through DynamicResourceMapDiscard or
 * ResourceMap) rename the same way when they have one subresource.
 * Buffers that SO targets name keep one host resource (the SO target
 * object is kept for the resource's life): they take the ordinary path.
 */
#include "umd_priv.h"

/* DYNAMIC buffers, and DYNAMIC textures of one subresource (a DISCARD
 * rename drops every subresource); SO targets keep one host resource. */
static bool renamable(const struct umd_resource *r)
{
    if (r->usage != D3D10_DDI_USAGE_DYNAMIC ||
        (r->bind & (D3D10_DDI_BIND_STREAM_OUTPUT | D3D10_DDI_BIND_RENDER_TARGET | D3D10_DDI_BIND_DEPTH_STENCIL)))
        return false;
    return r->target == VIRGL_TARGET_BUFFER || (r->mips == 1 && r->array_size == 1 && r->samples < 2);
}

static bool busy(struct umd_device *d, D3DKMT_HANDLE halloc, uint32_t xfer_batch)
{
    if (!xfer_batch)
        return false;
    if (xfer_batch == d->batch)
        return true; /* its upload is still in our unsubmitted buffer */
    D3DDDICB_LOCK lk = {0};
    lk.hAllocation = halloc;
    lk.Flags.DonotWait = 1;
    lk.Flags.LockEntire = 1;
    if (FAILED(d->kt->pfnLockCb(d->hrt.handle, &lk)))
        return true;
    D3DDDICB_UNLOCK ul = {.NumAllocations = 1, .phAllocations = &halloc};
    d->kt->pfnUnlockCb(d->hrt.handle, &ul);
    return false;
}

/* Points every binding of `r` at its (new) current host resource. */
static void rebind(struct umd_device *d, struct umd_resource *r)
{
    bool vbs = false;
    for (uint32_t i = 0; i < UMD_MAX_VB; i++)
        if (d->vb_res[i] == r)
            vbs = true;
    if (vbs)
        umd_emit_vbs(d);
    if (d->ib_res == r)
        virgl_enc_set_index_buffer(&d->enc, umd_ref_read(d, r), d->ib_size, d->ib_offset);
    for (uint32_t s = 0; s < UMD_STAGES; s++)
        for (uint32_t i = 0; i < UMD_MAX_CB; i++)
            if (d->cb_res[s][i] == r)
                virgl_enc_set_uniform_buffer(&d->enc, umd_stage_type[s], i + 1, 0, r->width, umd_ref_read(d, r));
}

static void use(struct umd_device *d, struct umd_resource *r, uint32_t i)
{
    r->ren[r->cur].xfer_batch = r->xfer_batch;
    r->cur = i;
    r->res_id = r->ren[i].res_id;
    r->halloc = r->ren[i].halloc;
    r->xfer_batch = r->ren[i].xfer_batch;
    rebind(d, r);
    umd_views_repoint(d, r);
}

/* Makes the current backing one the host no longer reads; false if all
 * of the pool is busy and it is full. */
static bool rename_if_busy(struct umd_device *d, struct umd_resource *r)
{
    if (!busy(d, r->halloc, r->xfer_batch))
        return true;
    if (r->nren == 0) {
        r->ren[0] = (struct umd_backing){r->res_id, r->halloc, r->xfer_batch};
        r->nren = 1;
        r->cur = 0;
    }
    r->ren[r->cur].xfer_batch = r->xfer_batch;
    for (uint32_t i = 0; i < r->nren; i++)
        if (i != r->cur && !busy(d, r->ren[i].halloc, r->ren[i].xfer_batch)) {
            use(d, r, i);
            return true;
        }
    if (r->nren == sizeof(r->ren) / sizeof(r->ren[0]))
        return false;
    struct umd_backing *b = &r->ren[r->nren];
    if (FAILED(umd_alloc_host(d, r, &b->res_id, &b->halloc)))
        return false;
    b->xfer_batch = 0;
    use(d, r, r->nren++);
    return true;
}

HRESULT umd_map_nowait(struct umd_device *d, struct umd_resource *r, D3D10_DDI_MAP type, void **out)
{
    if (!renamable(r) || (type != D3D10_DDI_MAP_WRITE_DISCARD && type != D3D10_DDI_MAP_WRITE_NOOVERWRITE))
        return S_FALSE;
    if (type == D3D10_DDI_MAP_WRITE_NOOVERWRITE && r->target != VIRGL_TARGET_BUFFER)
        return S_FALSE; /* NO_OVERWRITE is a buffer map */
    if (type == D3D10_DDI_MAP_WRITE_DISCARD && !rename_if_busy(d, r))
        return S_FALSE;
    D3DDDICB_LOCK lk = {0};
    lk.hAllocation = r->halloc;
    lk.Flags.IgnoreSync = 1;
    lk.Flags.LockEntire = 1;
    lk.Flags.WriteOnly = 1;
    HRESULT hr = d->kt->pfnLockCb(d->hrt.handle, &lk);
    if (FAILED(hr))
        return S_FALSE;
    *out = lk.pData;
    umd_check_enc(d);
    return S_OK;
}

/* Frees the pool's other allocations; the caller frees the current one. */
void umd_rename_release(struct umd_device *d, struct umd_resource *r)
{
    if (r->nren)
        umd_submit(d); /* commands naming them reach the host first */
    for (uint32_t i = 0; i < r->nren; i++)
        if (i != r->cur) {
            D3DDDICB_DEALLOCATE da = {.hResource = r->hrt.handle, .NumAllocations = 1,
                                      .HandleList = &r->ren[i].halloc};
            d->kt->pfnDeallocateCb(d->hrt.handle, &da);
        }
    r->nren = 0;
}
