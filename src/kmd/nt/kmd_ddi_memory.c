/*
 * kmd_ddi_memory.c — devices, contexts, allocations, paging and command
 * submission for the single 2D node.
 *
 * Allocations: CreateAllocation validates the private data (kmd_alloc.c)
 * and creates the host 2D resource at once (the resource exists while
 * the allocation does; its backing comes and goes with residency).
 * BuildPagingBuffer turns MAP_APERTURE_SEGMENT into an ATTACH record whose
 * ranges (merged from the MDL's page frames) are stored in the allocation,
 * and UNMAP_APERTURE_SEGMENT into a DETACH record.  SubmitCommand executes
 * the records of a DMA buffer through the core's asynchronous commands and
 * fences the last one; its completion advances the WDDM fence reported in
 * the DPC.  3D (Render) is not offered yet and says so.
 */
#include "kmd/nt/kmd_nt.h"

/* ---- devices and contexts ------------------------------------------------ */

NTSTATUS APIENTRY kmd_CreateDevice(const HANDLE h, DXGKARG_CREATEDEVICE *a)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    if (!ad || !a)
        return STATUS_INVALID_PARAMETER;
    struct kmd_device *d = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*d), KMD_POOL_TAG);
    if (!d)
        return STATUS_NO_MEMORY;
    d->magic = KMD_MAGIC_DEVICE;
    d->ad = ad;
    d->hdevice = a->hDevice;
    a->hDevice = d;
    return STATUS_SUCCESS;
}

NTSTATUS APIENTRY kmd_DestroyDevice(const HANDLE h)
{
    struct kmd_device *d = kmd_device_from(h);
    if (!d)
        return STATUS_INVALID_PARAMETER;
    d->magic = KMD_MAGIC_DEAD;
    ExFreePoolWithTag(d, KMD_POOL_TAG);
    return STATUS_SUCCESS;
}

NTSTATUS APIENTRY kmd_CreateContext(const HANDLE h, DXGKARG_CREATECONTEXT *a)
{
    struct kmd_device *d = kmd_device_from(h);
    if (!d || !a)
        return STATUS_INVALID_PARAMETER;
    if (a->NodeOrdinal != 0)
        return STATUS_INVALID_PARAMETER; /* only the 2D node exists */
    struct kmd_context *c = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*c), KMD_POOL_TAG);
    if (!c)
        return STATUS_NO_MEMORY;
    c->magic = KMD_MAGIC_CONTEXT;
    c->dev = d;
    c->node = a->NodeOrdinal;
    a->hContext = c;
    memset(&a->ContextInfo, 0, sizeof(a->ContextInfo));
    a->ContextInfo.DmaBufferSize = KMD_DMA_BUFFER_SIZE;
    a->ContextInfo.DmaBufferSegmentSet = 0; /* system memory */
    a->ContextInfo.DmaBufferPrivateDataSize = 4096;
    a->ContextInfo.AllocationListSize = 16;
    a->ContextInfo.PatchLocationListSize = 0;
    return STATUS_SUCCESS;
}

NTSTATUS APIENTRY kmd_DestroyContext(const HANDLE h)
{
    struct kmd_context *c = kmd_context_from(h);
    if (!c)
        return STATUS_INVALID_PARAMETER;
    c->magic = KMD_MAGIC_DEAD;
    ExFreePoolWithTag(c, KMD_POOL_TAG);
    return STATUS_SUCCESS;
}

/* ---- allocations --------------------------------------------------------- */

static struct kmd_alloc *alloc_from(HANDLE h)
{
    struct kmd_alloc *al = (struct kmd_alloc *)h;
    return al && al->magic == KMD_MAGIC_ALLOC ? al : NULL;
}

/* Is this pointer one of our live allocations?  DMA records name
 * allocations by address; never act on one we did not create. */
static struct kmd_alloc *alloc_lookup(struct kmd_adapter *ad, uint64_t cookie)
{
    struct kmd_alloc *found = NULL;
    KIRQL irql;
    KeAcquireSpinLock(&ad->lock, &irql);
    for (PLIST_ENTRY e = ad->allocs.Flink; e != &ad->allocs; e = e->Flink) {
        struct kmd_alloc *al = CONTAINING_RECORD(e, struct kmd_alloc, link);
        if ((uint64_t)(uintptr_t)al == cookie) {
            found = al;
            break;
        }
    }
    KeReleaseSpinLock(&ad->lock, irql);
    return found && found->magic == KMD_MAGIC_ALLOC ? found : NULL;
}

static void alloc_free(struct kmd_adapter *ad, struct kmd_alloc *al)
{
    KIRQL irql;
    KeAcquireSpinLock(&ad->lock, &irql);
    RemoveEntryList(&al->link);
    for (uint32_t i = 0; i < ad->num_scanouts; i++)
        if (ad->src[i].primary == al)
            ad->src[i].primary = NULL;
    KeReleaseSpinLock(&ad->lock, irql);
    if (al->res_id && ad->dev)
        vgpu_cmd_resource_unref(ad->dev, al->res_id, NULL);
    if (al->ranges)
        ExFreePoolWithTag(al->ranges, KMD_POOL_TAG);
    al->magic = KMD_MAGIC_DEAD;
    ExFreePoolWithTag(al, KMD_POOL_TAG);
}

NTSTATUS APIENTRY kmd_CreateAllocation(const HANDLE h, DXGKARG_CREATEALLOCATION *a)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    if (!ad || !a || (a->NumAllocations && !a->pAllocationInfo))
        return STATUS_INVALID_PARAMETER;
    if (!kmd_active(ad))
        return STATUS_DEVICE_NOT_READY;
    for (UINT i = 0; i < a->NumAllocations; i++) {
        DXGK_ALLOCATIONINFO *ai = &a->pAllocationInfo[i];
        struct kmd_alloc_desc desc;
        int rc = kmd_alloc_validate(ai->pPrivateDriverData, ai->PrivateDriverDataSize, &desc);
        if (rc) {
            kmd_logf(VG_LOG_WARN, "CreateAllocation %u: bad private data: %s", i, vg_strerror(rc));
            goto undo;
        }
        struct kmd_alloc *al = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*al), KMD_POOL_TAG);
        if (!al) {
            rc = VG_ERR_NO_MEMORY;
            goto undo;
        }
        memset(al, 0, sizeof(*al));
        al->magic = KMD_MAGIC_ALLOC;
        al->desc = desc;
        rc = vgpu_cmd_resource_create_2d(ad->dev, desc.virtio_format, desc.width, desc.height, &al->res_id, NULL);
        if (rc) {
            ExFreePoolWithTag(al, KMD_POOL_TAG);
            goto undo;
        }
        KIRQL irql;
        KeAcquireSpinLock(&ad->lock, &irql);
        InsertTailList(&ad->allocs, &al->link);
        KeReleaseSpinLock(&ad->lock, irql);

        /* Answer the UMD through its private data (the "out" half). */
        struct viogpu_alloc_priv *p = ai->pPrivateDriverData;
        p->res_id = al->res_id;
        p->pitch = desc.pitch;
        p->backing_size = desc.size;

        ai->Alignment = 0;
        ai->Size = (SIZE_T)desc.size;
        ai->PitchAlignedSize = 0;
        ai->HintedBank.Value = 0;
        ai->PreferredSegment.Value = 0;
        ai->SupportedReadSegmentSet = 1;  /* segment 1 = the aperture */
        ai->SupportedWriteSegmentSet = 1;
        ai->EvictionSegmentSet = 0;
        ai->MaximumRenamingListLength = 0;
        ai->Flags.Value = 0;
        ai->Flags.CpuVisible = 1;
        if (desc.kind == VIOGPU_ALLOC_KIND_PRIMARY)
            ai->Flags.SynchronousPaging = 1;
        ai->pAllocationUsageHint = NULL;
        ai->AllocationPriority = 0;
        ai->hAllocation = al;
        continue;
    undo:
        for (UINT j = 0; j < i; j++) {
            struct kmd_alloc *old = alloc_from(a->pAllocationInfo[j].hAllocation);
            if (old)
                alloc_free(ad, old);
            a->pAllocationInfo[j].hAllocation = NULL;
        }
        return kmd_status(rc);
    }
    return STATUS_SUCCESS;
}

NTSTATUS APIENTRY kmd_DestroyAllocation(const HANDLE h, const DXGKARG_DESTROYALLOCATION *a)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    if (!ad || !a || (a->NumAllocations && !a->pAllocationList))
        return STATUS_INVALID_PARAMETER;
    for (UINT i = 0; i < a->NumAllocations; i++) {
        struct kmd_alloc *al = alloc_from(a->pAllocationList[i]);
        if (al)
            alloc_free(ad, al);
    }
    return STATUS_SUCCESS;
}

NTSTATUS APIENTRY kmd_DescribeAllocation(const HANDLE h, DXGKARG_DESCRIBEALLOCATION *a)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    struct kmd_alloc *al = a ? alloc_from(a->hAllocation) : NULL;
    if (!ad || !al)
        return STATUS_INVALID_PARAMETER;
    a->Width = al->desc.width;
    a->Height = al->desc.height;
    a->Format = al->desc.virtio_format == VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM ? D3DDDIFMT_X8R8G8B8 : D3DDDIFMT_A8R8G8B8;
    a->MultisampleMethod.NumSamples = 0;
    a->MultisampleMethod.NumQualityLevels = 0;
    a->RefreshRate.Numerator = 60000;
    a->RefreshRate.Denominator = 1000;
    a->PrivateDriverFormatAttribute = 0;
    a->Flags.Value = 0;
    a->Rotation = D3DDDI_ROTATION_IDENTITY;
    return STATUS_SUCCESS;
}

_Static_assert(D3DDDIFMT_A8R8G8B8 == KMD_D3DFMT_A8R8G8B8 && D3DDDIFMT_X8R8G8B8 == KMD_D3DFMT_X8R8G8B8,
               "portable format constants match d3dukmdt.h");
_Static_assert(D3DKMDT_STANDARDALLOCATION_SHAREDPRIMARYSURFACE == KMD_STD_SHAREDPRIMARY &&
                   D3DKMDT_STANDARDALLOCATION_GDISURFACE == KMD_STD_GDI,
               "portable standard allocation constants match d3dkmdt.h");

NTSTATUS APIENTRY kmd_GetStandardAllocationDriverData(const HANDLE h, DXGKARG_GETSTANDARDALLOCATIONDRIVERDATA *a)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    if (!ad || !a)
        return STATUS_INVALID_PARAMETER;
    /* First call: dxgkrnl asks for the sizes with NULL buffers. */
    if (!a->pAllocationPrivateDriverData) {
        a->AllocationPrivateDriverDataSize = sizeof(struct viogpu_alloc_priv);
        a->ResourcePrivateDriverDataSize = 0;
        return STATUS_SUCCESS;
    }
    if (a->AllocationPrivateDriverDataSize < sizeof(struct viogpu_alloc_priv))
        return STATUS_BUFFER_TOO_SMALL;
    int rc;
    struct viogpu_alloc_priv *p = a->pAllocationPrivateDriverData;
    switch (a->StandardAllocationType) {
    case D3DKMDT_STANDARDALLOCATION_SHAREDPRIMARYSURFACE: {
        const D3DKMDT_SHAREDPRIMARYSURFACEDATA *s = a->pCreateSharedPrimarySurfaceData;
        rc = kmd_alloc_standard(KMD_STD_SHAREDPRIMARY, s->Width, s->Height, s->Format, 0, s->VidPnSourceId, p);
        break;
    }
    case D3DKMDT_STANDARDALLOCATION_SHADOWSURFACE: {
        D3DKMDT_SHADOWSURFACEDATA *s = a->pCreateShadowSurfaceData;
        rc = kmd_alloc_standard(KMD_STD_SHADOW, s->Width, s->Height, s->Format, 0, 0, p);
        if (!rc)
            s->Pitch = p->pitch; /* output: the pitch we chose */
        break;
    }
    case D3DKMDT_STANDARDALLOCATION_STAGINGSURFACE: {
        D3DKMDT_STAGINGSURFACEDATA *s = a->pCreateStagingSurfaceData;
        rc = kmd_alloc_standard(KMD_STD_STAGING, s->Width, s->Height, 0, 0, 0, p);
        if (!rc)
            s->Pitch = p->pitch;
        break;
    }
    case D3DKMDT_STANDARDALLOCATION_GDISURFACE: {
        D3DKMDT_GDISURFACEDATA *s = a->pCreateGdiSurfaceData;
        rc = kmd_alloc_standard(KMD_STD_GDI, s->Width, s->Height, s->Format, 0, 0, p);
        if (!rc)
            s->Pitch = p->pitch;
        break;
    }
    default:
        rc = VG_ERR_UNSUPPORTED;
    }
    if (!rc) {
        a->AllocationPrivateDriverDataSize = sizeof(*p);
        a->ResourcePrivateDriverDataSize = 0;
    }
    return kmd_status(rc);
}

NTSTATUS APIENTRY kmd_OpenAllocation(const HANDLE h, const DXGKARG_OPENALLOCATION *a)
{
    struct kmd_device *d = kmd_device_from(h);
    if (!d || !a || (a->NumAllocations && !a->pOpenAllocation))
        return STATUS_INVALID_PARAMETER;
    /* Shared allocations: the device-specific handle is our allocation
     * object, found through the private data the creator stored. */
    for (UINT i = 0; i < a->NumAllocations; i++) {
        DXGK_OPENALLOCATIONINFO *oi = &a->pOpenAllocation[i];
        struct kmd_alloc_desc desc;
        int rc = kmd_alloc_validate(oi->pPrivateDriverData, oi->PrivateDriverDataSize, &desc);
        if (rc)
            return kmd_status(rc);
        const struct viogpu_alloc_priv *p = oi->pPrivateDriverData;
        struct kmd_alloc *found = NULL;
        KIRQL irql;
        KeAcquireSpinLock(&d->ad->lock, &irql);
        for (PLIST_ENTRY e = d->ad->allocs.Flink; e != &d->ad->allocs; e = e->Flink) {
            struct kmd_alloc *al = CONTAINING_RECORD(e, struct kmd_alloc, link);
            if (al->res_id == p->res_id)
                found = al;
        }
        KeReleaseSpinLock(&d->ad->lock, irql);
        if (!found)
            return STATUS_INVALID_PARAMETER;
        oi->hDeviceSpecificAllocation = found;
    }
    return STATUS_SUCCESS;
}

NTSTATUS APIENTRY kmd_CloseAllocation(const HANDLE h, const DXGKARG_CLOSEALLOCATION *a)
{
    /* Opening takes no reference of its own, so closing releases nothing. */
    return kmd_device_from(h) && a ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}

/* ---- paging --------------------------------------------------------------- */

static NTSTATUS map_aperture(DXGKARG_BUILDPAGINGBUFFER *a, uint32_t *off)
{
    struct kmd_alloc *al = alloc_from(a->MapApertureSegment.hAllocation);
    if (!al || !a->MapApertureSegment.pMdl)
        return STATUS_INVALID_PARAMETER;
    SIZE_T npages = a->MapApertureSegment.NumberOfPages;
    if (!npages || npages > (SIZE_T)(al->desc.size / PAGE_SIZE) + 1)
        return STATUS_INVALID_PARAMETER;
    /* Partial maps (OffsetInPages != 0) happen for allocations larger
     * than one map operation; we attach the whole set at once, so ask
     * dxgkrnl for single-shot maps by accepting only offset 0. */
    if (a->MapApertureSegment.OffsetInPages != 0)
        return STATUS_NOT_SUPPORTED;
    PPFN_NUMBER pfn = MmGetMdlPfnArray(a->MapApertureSegment.pMdl) + a->MapApertureSegment.MdlOffset;
    if (al->ranges_cap < npages) {
        if (al->ranges)
            ExFreePoolWithTag(al->ranges, KMD_POOL_TAG);
        al->ranges = ExAllocatePoolWithTag(NonPagedPoolNx, npages * sizeof(*al->ranges), KMD_POOL_TAG);
        al->ranges_cap = al->ranges ? (uint32_t)npages : 0;
        if (!al->ranges)
            return STATUS_NO_MEMORY;
    }
    _Static_assert(sizeof(PFN_NUMBER) == sizeof(uint64_t), "x64 PFN_NUMBER");
    al->nranges = kmd_pfns_to_ranges((const uint64_t *)pfn, (uint32_t)npages, 0, (uint64_t)npages * PAGE_SIZE,
                                     al->ranges, al->ranges_cap);
    if (!al->nranges)
        return STATUS_INVALID_PARAMETER;
    int rc = kmd_dma_put_attach(a->pDmaBuffer, a->DmaSize, off, al->res_id, (uint64_t)(uintptr_t)al);
    return rc ? STATUS_GRAPHICS_INSUFFICIENT_DMA_BUFFER : STATUS_SUCCESS;
}

NTSTATUS APIENTRY kmd_BuildPagingBuffer(const HANDLE h, DXGKARG_BUILDPAGINGBUFFER *a)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    if (!ad || !a || !a->pDmaBuffer)
        return STATUS_INVALID_PARAMETER;
    if (a->DmaBufferPrivateDataSize < sizeof(struct kmd_dma_priv))
        return STATUS_GRAPHICS_INSUFFICIENT_DMA_BUFFER;
    uint32_t off = 0;
    NTSTATUS st;
    switch (a->Operation) {
    case DXGK_OPERATION_MAP_APERTURE_SEGMENT:
        st = map_aperture(a, &off);
        break;
    case DXGK_OPERATION_UNMAP_APERTURE_SEGMENT: {
        struct kmd_alloc *al = alloc_from(a->UnmapApertureSegment.hAllocation);
        if (!al)
            return STATUS_INVALID_PARAMETER;
        st = kmd_dma_put_detach(a->pDmaBuffer, a->DmaSize, &off, al->res_id) ? STATUS_GRAPHICS_INSUFFICIENT_DMA_BUFFER
                                                                              : STATUS_SUCCESS;
        break;
    }
    case DXGK_OPERATION_DISCARD_CONTENT:
        /* Content may be dropped: nothing for the device to do. */
        st = STATUS_SUCCESS;
        break;
    default:
        /* TRANSFER/FILL between segments never happen with a single
         * aperture segment; refuse rather than pretend. */
        kmd_logf(VG_LOG_WARN, "BuildPagingBuffer: operation %d not supported", (int)a->Operation);
        return STATUS_NOT_SUPPORTED;
    }
    if (!NT_SUCCESS(st) || off == 0)
        return st; /* nothing for the device: no private-data entry either */
    struct kmd_dma_priv *pv = a->pDmaBufferPrivateData;
    pv->magic = KMD_MAGIC_CONTEXT;
    pv->len = off;
    pv->va = (uint64_t)(uintptr_t)a->pDmaBuffer;
    a->pDmaBuffer = (uint8_t *)a->pDmaBuffer + off;
    a->pDmaBufferPrivateData = pv + 1;
    return STATUS_SUCCESS;
}

/* ---- submission ------------------------------------------------------------ */

void kmd_fence_retire(struct kmd_adapter *ad, uint32_t slot)
{
    KIRQL irql;
    KeAcquireSpinLock(&ad->lock, &irql);
    bool adv = kmd_fence_ready(&ad->fences, slot);
    if (adv)
        InterlockedExchange(&ad->last_completed, (LONG)ad->fences.completed);
    KeReleaseSpinLock(&ad->lock, irql);
}

/* Completion of a submission's fenced last command.  Usually runs in our
 * DPC, which then reports DMA_COMPLETED; a synchronous command's polling
 * loop may run it from another thread too, so ask for a DPC to report it. */
static void submit_done_cb(void *arg, int status, uint64_t fence, const void *resp, uint32_t len)
{
    struct kmd_fence_arg *fa = arg;
    (void)fence;
    (void)resp;
    (void)len;
    if (status)
        kmd_logf(VG_LOG_WARN, "submission failed on the device: %s", vg_strerror(status));
    kmd_fence_retire(fa->ad, fa->slot);
    fa->ad->dxgk.DxgkCbQueueDpc(fa->ad->dxgk.DeviceHandle);
}

static int exec_record(struct kmd_adapter *ad, const struct kmd_dma_hdr *r, const struct vgpu_async *as)
{
    switch (r->op) {
    case KMD_DMA_PRESENT: {
        const struct kmd_dma_present *p = (const void *)r;
        /* Everything but the last flush is queued unfenced, without a kick. */
        struct vgpu_async nk = {0};
        nk.no_kick = true;
        for (uint32_t i = 0; i < p->nrects; i++) {
            int rc = vgpu_cmd_transfer_to_host_2d(ad->dev, p->res_id, &p->rects[i],
                                                  kmd_rect_offset(&p->rects[i], p->pitch), &nk);
            if (rc)
                return rc;
        }
        if (p->scanout < ad->num_scanouts && ad->src[p->scanout].scanout_res != p->res_id) {
            struct vgpu_rect full = {0, 0, p->width, p->height};
            int rc = vgpu_cmd_set_scanout(ad->dev, p->scanout, p->res_id, &full, &nk);
            if (rc)
                return rc;
            ad->src[p->scanout].scanout_res = p->res_id;
        }
        for (uint32_t i = 0; i + 1 < p->nrects; i++) {
            int rc = vgpu_cmd_resource_flush(ad->dev, p->res_id, &p->rects[i], &nk);
            if (rc)
                return rc;
        }
        return vgpu_cmd_resource_flush(ad->dev, p->res_id, &p->rects[p->nrects - 1], as);
    }
    case KMD_DMA_ATTACH: {
        const struct kmd_dma_attach *at = (const void *)r;
        struct kmd_alloc *al = alloc_lookup(ad, at->alloc_cookie);
        if (!al || al->res_id != at->res_id || !al->nranges)
            return VG_ERR_INVALID_ARG;
        int rc = vgpu_cmd_resource_attach_backing(ad->dev, al->res_id, al->ranges, al->nranges, as);
        if (!rc)
            al->backed = true;
        return rc;
    }
    case KMD_DMA_DETACH: {
        const struct kmd_dma_detach *dt = (const void *)r;
        return vgpu_cmd_resource_detach_backing(ad->dev, dt->res_id, as);
    }
    default:
        return VG_ERR_INVALID_ARG;
    }
}

NTSTATUS APIENTRY kmd_SubmitCommand(const HANDLE h, const DXGKARG_SUBMITCOMMAND *a)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    if (!ad || !a)
        return STATUS_INVALID_PARAMETER;
    if (!kmd_active(ad))
        return STATUS_DEVICE_NOT_READY;
    uint32_t slot;
    KIRQL irql;
    KeAcquireSpinLock(&ad->lock, &irql);
    int prc = kmd_fence_push(&ad->fences, a->SubmissionFenceId, &slot);
    KeReleaseSpinLock(&ad->lock, irql);
    if (prc)
        return STATUS_GRAPHICS_INSUFFICIENT_DMA_BUFFER; /* more in flight than the ring holds */
    struct kmd_fence_arg *fa = &ad->fence_arg[slot % KMD_FENCE_RING];
    fa->ad = ad;
    fa->slot = slot;
    const uint8_t *priv = a->pDmaBufferPrivateData;
    uint32_t ps = a->DmaBufferPrivateDataSubmissionStartOffset, pe = a->DmaBufferPrivateDataSubmissionEndOffset;
    const uint32_t esz = sizeof(struct kmd_dma_priv);
    int issued = 0, rc = 0;
    uint32_t total = 0;
    if (pe < ps || (pe > ps && (!priv || pe > a->DmaBufferPrivateDataSize)) || (pe - ps) % esz)
        rc = VG_ERR_INVALID_ARG;
    /* Pass 1: validate every record of the submission and count them, so
     * a malformed buffer is refused whole and the last record is known. */
    for (uint32_t o = ps; !rc && o < pe; o += esz) {
        const struct kmd_dma_priv *pv = (const void *)(priv + o);
        uint32_t roff = 0;
        const struct kmd_dma_hdr *r;
        int more;
        if (pv->magic != KMD_MAGIC_CONTEXT) {
            rc = VG_ERR_INVALID_ARG;
            break;
        }
        while ((more = kmd_dma_next((const void *)(uintptr_t)pv->va, pv->len, &roff, &r)) == 1)
            total++;
        if (more < 0)
            rc = more;
    }
    /* Pass 2: execute; the last record carries the fence and the kick. */
    uint32_t done = 0;
    for (uint32_t o = ps; !rc && o < pe; o += esz) {
        const struct kmd_dma_priv *pv = (const void *)(priv + o);
        uint32_t roff = 0;
        const struct kmd_dma_hdr *r;
        while (!rc && kmd_dma_next((const void *)(uintptr_t)pv->va, pv->len, &roff, &r) == 1) {
            bool last = ++done == total;
            struct vgpu_async as = {0};
            as.no_kick = !last;
            as.fence = last;
            as.done = last ? submit_done_cb : NULL;
            as.arg = fa;
            rc = exec_record(ad, r, &as);
            if (!rc && last)
                issued = 1;
        }
    }
    if (rc) {
        vgpu_kick(ad->dev);
        kmd_logf(VG_LOG_ERROR, "SubmitCommand fence %u: %s", a->SubmissionFenceId, vg_strerror(rc));
    }
    if (!issued) {
        /* Nothing reached the device (empty buffer or a rejected record):
         * the DMA buffer is still retired, in order, so that dxgkrnl's
         * fence timeline advances; a rejected record was logged above. */
        kmd_fence_retire(ad, slot);
        /* DMA_COMPLETED is reported from our DPC (DxgkCbNotifyDpc may only
         * be called there). */
        ad->dxgk.DxgkCbQueueDpc(ad->dxgk.DeviceHandle);
    }
    return STATUS_SUCCESS;
}

NTSTATUS APIENTRY kmd_Patch(const HANDLE h, const DXGKARG_PATCH *a)
{
    /* DMA records carry no GPU addresses, so there is never anything to
     * patch; a patch list would mean a DMA buffer we did not write. */
    if (!kmd_adapter_from(h) || !a)
        return STATUS_INVALID_PARAMETER;
    return a->PatchLocationListSubmissionLength == 0 ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}

NTSTATUS APIENTRY kmd_PreemptCommand(const HANDLE h, const DXGKARG_PREEMPTCOMMAND *a)
{
    /* The device cannot stop a command mid-way; every DMA buffer is short
     * (a present or one paging operation), so preemption requests are
     * satisfied at the next buffer boundary by completing normally. */
    if (!kmd_adapter_from(h) || !a)
        return STATUS_INVALID_PARAMETER;
    return STATUS_NOT_SUPPORTED;
}

NTSTATUS APIENTRY kmd_Render(const HANDLE h, DXGKARG_RENDER *a)
{
    /* No 3D node is advertised yet (GpuEngineTopology = 1 node, the 2D
     * one), so the runtime has no reason to call this; if it does, the
     * command buffer is refused, not dropped as if rendered. */
    (void)a;
    return kmd_context_from(h) ? STATUS_NOT_SUPPORTED : STATUS_INVALID_PARAMETER;
}
