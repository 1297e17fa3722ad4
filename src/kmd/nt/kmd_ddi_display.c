/*
 * kmd_ddi_display.c — present, scan-out, pointer and scan-line DDIs.
 *
 * Present writes KMD_DMA_PRESENT records (dirty rectangles only, clipped
 * and merged by kmd_rect.c) that SubmitCommand turns into
 * TRANSFER_TO_HOST_2D + RESOURCE_FLUSH of exactly those rectangles.  The
 * source allocation's resource becomes the scanout of the destination's
 * video present source (virtio-gpu 2D has no resource-to-resource copy),
 * so a present requires source and destination rectangles to coincide;
 * anything else (stretch, offset blt, color fill) is refused with
 * STATUS_NOT_SUPPORTED and the runtime falls back to software.
 *
 * SetVidPnSourceAddress / Visibility only record the new state and mark
 * the source dirty; the DPC programs SET_SCANOUT (these DDIs may run at
 * raised IRQL where the core's queue locks cannot be taken).
 *
 * The pointer: the shape is converted (kmd_cursor.c) into the adapter's
 * 64x64 cursor resource backing, transferred on the control queue, and
 * the cursor queue's UPDATE_CURSOR is sent once the transfer completed so
 * the host never shows a half-written image; moves are MOVE_CURSOR.
 *
 * The bug-check screen (SystemDisplayEnable/Write) uses its own
 * pre-made 1024x768 resource and synchronous, polled commands.
 */
#include "kmd/nt/kmd_nt.h"

#define KMD_PRESENT_SOURCE_INDEX 0u
#define KMD_PRESENT_DESTINATION_INDEX 1u

static struct kmd_alloc *alloc_at(const DXGKARG_PRESENT *a, uint32_t i)
{
    struct kmd_alloc *al = a->pAllocationList ? (struct kmd_alloc *)a->pAllocationList[i].hDeviceSpecificAllocation
                                              : NULL;
    return al && al->magic == KMD_MAGIC_ALLOC ? al : NULL;
}

NTSTATUS APIENTRY kmd_Present(const HANDLE h, DXGKARG_PRESENT *a)
{
    struct kmd_context *c = kmd_context_from(h);
    if (!c || !a)
        return STATUS_INVALID_PARAMETER;
    struct kmd_adapter *ad = c->dev->ad;
    if (!kmd_active(ad))
        return STATUS_DEVICE_NOT_READY;
    if (a->DmaBufferPrivateDataSize < sizeof(struct kmd_dma_priv))
        return STATUS_GRAPHICS_INSUFFICIENT_DMA_BUFFER;
    if (!a->Flags.Blt && !a->Flags.Flip)
        return STATUS_NOT_SUPPORTED; /* color fill, rotate, stereo */
    struct kmd_alloc *src = alloc_at(a, KMD_PRESENT_SOURCE_INDEX);
    if (!src)
        return STATUS_INVALID_PARAMETER;
    uint32_t scanout = ~0u;
    struct kmd_srect one;
    const struct kmd_srect *rects;
    uint32_t nrects;
    _Static_assert(sizeof(RECT) == sizeof(struct kmd_srect), "RECT layout");
    if (a->Flags.Flip) {
        if (src->desc.kind != VIOGPU_ALLOC_KIND_PRIMARY)
            return STATUS_INVALID_PARAMETER;
        scanout = src->desc.vidpn_source;
        one.left = one.top = 0;
        one.right = (int32_t)src->desc.width;
        one.bottom = (int32_t)src->desc.height;
        rects = &one;
        nrects = 1;
    } else {
        struct kmd_alloc *dst = alloc_at(a, KMD_PRESENT_DESTINATION_INDEX);
        if (!dst)
            return STATUS_INVALID_PARAMETER;
        if (a->SrcRect.left != a->DstRect.left || a->SrcRect.top != a->DstRect.top ||
            a->SrcRect.right != a->DstRect.right || a->SrcRect.bottom != a->DstRect.bottom)
            return STATUS_NOT_SUPPORTED; /* stretch or offset copy */
        if (dst->desc.kind == VIOGPU_ALLOC_KIND_PRIMARY && dst->desc.vidpn_source < ad->num_scanouts)
            scanout = dst->desc.vidpn_source;
        else if (dst != src)
            return STATUS_NOT_SUPPORTED; /* off-screen to off-screen copy */
        if (a->SubRectCnt) {
            if (!a->pDstSubRects)
                return STATUS_INVALID_PARAMETER;
            rects = (const struct kmd_srect *)a->pDstSubRects;
            nrects = a->SubRectCnt;
        } else {
            one.left = a->DstRect.left;
            one.top = a->DstRect.top;
            one.right = a->DstRect.right;
            one.bottom = a->DstRect.bottom;
            rects = &one;
            nrects = 1;
        }
    }
    /* Multipass: MultipassOffset counts the sub-rectangles already written
     * into earlier DMA buffers. */
    uint32_t done = a->MultipassOffset;
    if (done > nrects)
        return STATUS_INVALID_PARAMETER;
    uint32_t off = 0;
    struct kmd_dma_priv *pv = a->pDmaBufferPrivateData;
    while (done < nrects) {
        uint32_t chunk = nrects - done;
        if (chunk > KMD_DMA_MAX_RECTS)
            chunk = KMD_DMA_MAX_RECTS;
        struct vgpu_rect clipped[KMD_DMA_MAX_RECTS];
        uint32_t n = kmd_rects_clip(rects + done, chunk, src->desc.width, src->desc.height, clipped,
                                    KMD_DMA_MAX_RECTS);
        if (n) {
            int rc = kmd_dma_put_present(a->pDmaBuffer, a->DmaSize, &off, src->res_id, scanout, src->desc.width,
                                         src->desc.height, src->desc.pitch, clipped, n);
            if (rc == VG_ERR_OVERFLOW) {
                a->MultipassOffset = done;
                break;
            }
            if (rc)
                return kmd_status(rc);
        }
        done += chunk;
    }
    if (off) {
        pv->magic = KMD_MAGIC_CONTEXT;
        pv->len = off;
        pv->va = (uint64_t)(uintptr_t)a->pDmaBuffer;
        a->pDmaBuffer = (uint8_t *)a->pDmaBuffer + off;
        a->pDmaBufferPrivateData = pv + 1;
    }
    if (done < nrects)
        return STATUS_GRAPHICS_INSUFFICIENT_DMA_BUFFER;
    return STATUS_SUCCESS;
}

NTSTATUS kmd_show_source(struct kmd_adapter *ad, uint32_t s)
{
    if (!kmd_active(ad) || s >= ad->num_scanouts)
        return STATUS_INVALID_PARAMETER;
    struct kmd_source *src = &ad->src[s];
    struct vgpu_async as = {0};
    int rc;
    if (src->primary && src->visible) {
        struct vgpu_rect full = {0, 0, src->primary->desc.width, src->primary->desc.height};
        rc = vgpu_cmd_set_scanout(ad->dev, s, src->primary->res_id, &full, &as);
        if (!rc) {
            src->scanout_res = src->primary->res_id;
            rc = vgpu_cmd_resource_flush(ad->dev, src->primary->res_id, &full, &as);
        }
    } else {
        rc = vgpu_cmd_set_scanout(ad->dev, s, 0, NULL, &as);
        if (!rc)
            src->scanout_res = 0;
    }
    if (rc)
        kmd_logf(VG_LOG_WARN, "scanout %u: %s", s, vg_strerror(rc));
    return kmd_status(rc);
}

NTSTATUS APIENTRY kmd_SetVidPnSourceAddress(const HANDLE h, const DXGKARG_SETVIDPNSOURCEADDRESS *a)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    if (!ad || !a || a->VidPnSourceId >= ad->num_scanouts)
        return STATUS_INVALID_PARAMETER;
    struct kmd_alloc *al = (struct kmd_alloc *)a->hAllocation;
    if (al && al->magic != KMD_MAGIC_ALLOC)
        return STATUS_INVALID_PARAMETER;
    ad->src[a->VidPnSourceId].primary = al;
    InterlockedOr(&ad->scanout_dirty, 1 << a->VidPnSourceId);
    ad->dxgk.DxgkCbQueueDpc(ad->dxgk.DeviceHandle);
    return STATUS_SUCCESS;
}

NTSTATUS APIENTRY kmd_SetVidPnSourceVisibility(const HANDLE h, const DXGKARG_SETVIDPNSOURCEVISIBILITY *a)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    if (!ad || !a || a->VidPnSourceId >= ad->num_scanouts)
        return STATUS_INVALID_PARAMETER;
    ad->src[a->VidPnSourceId].visible = a->Visible != 0;
    InterlockedOr(&ad->scanout_dirty, 1 << a->VidPnSourceId);
    ad->dxgk.DxgkCbQueueDpc(ad->dxgk.DeviceHandle);
    return STATUS_SUCCESS;
}

/* Control-queue completion of the cursor image transfer: now show it. */
static void cursor_transfer_done(void *arg, int status, uint64_t fence, const void *resp, uint32_t len)
{
    struct kmd_adapter *ad = arg;
    (void)fence;
    (void)resp;
    (void)len;
    if (status) {
        kmd_logf(VG_LOG_WARN, "cursor transfer: %s", vg_strerror(status));
        return;
    }
    struct vgpu_async as = {0};
    vgpu_cmd_update_cursor(ad->dev, ad->cursor_source, ad->cursor_visible ? ad->cursor_res : 0, ad->cursor_hot_x,
                           ad->cursor_hot_y, ad->cursor_x, ad->cursor_y, &as);
}

NTSTATUS APIENTRY kmd_SetPointerShape(const HANDLE h, const DXGKARG_SETPOINTERSHAPE *a)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    if (!ad || !a || a->VidPnSourceId >= ad->num_scanouts)
        return STATUS_INVALID_PARAMETER;
    if (!kmd_active(ad))
        return STATUS_DEVICE_NOT_READY;
    if (!ad->cursor_res)
        return STATUS_NOT_SUPPORTED; /* start-up could not create the cursor resource */
    struct kmd_cursor_shape s;
    s.kind = a->Flags.Monochrome ? KMD_CURSOR_MONO : a->Flags.Color ? KMD_CURSOR_COLOR
                                   : a->Flags.MaskedColor ? KMD_CURSOR_MASKED : 0;
    s.width = a->Width;
    s.height = a->Height;
    s.pitch = a->Pitch;
    s.pixels = a->pPixels;
    /* dxgkrnl captured exactly the bitmap the flags describe. */
    s.pixels_len = kmd_cursor_src_size(&s);
    if (a->XHot >= KMD_CURSOR_DIM || a->YHot >= KMD_CURSOR_DIM)
        return STATUS_INVALID_PARAMETER;
    int rc = kmd_cursor_convert(&s, ad->cursor_buf.va);
    if (rc)
        return kmd_status(rc);
    ad->cursor_hot_x = a->XHot;
    ad->cursor_hot_y = a->YHot;
    ad->cursor_source = a->VidPnSourceId;
    struct vgpu_rect r = {0, 0, KMD_CURSOR_DIM, KMD_CURSOR_DIM};
    struct vgpu_async as = {0};
    as.done = cursor_transfer_done;
    as.arg = ad;
    return kmd_status(vgpu_cmd_transfer_to_host_2d(ad->dev, ad->cursor_res, &r, 0, &as));
}

NTSTATUS APIENTRY kmd_SetPointerPosition(const HANDLE h, const DXGKARG_SETPOINTERPOSITION *a)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    if (!ad || !a || a->VidPnSourceId >= ad->num_scanouts)
        return STATUS_INVALID_PARAMETER;
    if (!kmd_active(ad))
        return STATUS_DEVICE_NOT_READY;
    if (!ad->cursor_res)
        return STATUS_NOT_SUPPORTED;
    /* WDDM gives the image's top-left corner; virtio-gpu wants the hot
     * spot's position. */
    int64_t x = (int64_t)a->X + ad->cursor_hot_x, y = (int64_t)a->Y + ad->cursor_hot_y;
    uint32_t ux = x < 0 ? 0 : (uint32_t)x, uy = y < 0 ? 0 : (uint32_t)y;
    bool visible = a->Flags.Visible != 0;
    struct vgpu_async as = {0};
    ad->cursor_x = ux;
    ad->cursor_y = uy;
    int rc;
    if (visible != ad->cursor_visible || a->VidPnSourceId != ad->cursor_source) {
        ad->cursor_visible = visible;
        ad->cursor_source = a->VidPnSourceId;
        rc = vgpu_cmd_update_cursor(ad->dev, a->VidPnSourceId, visible ? ad->cursor_res : 0, ad->cursor_hot_x,
                                    ad->cursor_hot_y, ux, uy, &as);
    } else {
        rc = visible ? vgpu_cmd_move_cursor(ad->dev, a->VidPnSourceId, ux, uy, &as) : 0;
    }
    return kmd_status(rc);
}

/* virtio-gpu has no beam position: derive one from the interrupt time at
 * the 60 Hz rate the vsync timer uses, with the last 5 % as blanking. */
NTSTATUS APIENTRY kmd_GetScanLine(const HANDLE h, DXGKARG_GETSCANLINE *a)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    if (!ad || !a || a->VidPnTargetId >= ad->num_scanouts)
        return STATUS_INVALID_PARAMETER;
    if (!kmd_active(ad))
        return STATUS_DEVICE_NOT_READY;
    const uint64_t frame = 166667; /* 100 ns units */
    uint64_t t = (uint64_t)KeQueryInterruptTime() % frame;
    uint32_t height = ad->src[a->VidPnTargetId].height ? ad->src[a->VidPnTargetId].height : 768;
    uint32_t total = height + height / 19u; /* ~5 % blanking */
    uint32_t line = (uint32_t)(t * total / frame);
    a->InVerticalBlank = line >= height;
    a->ScanLine = a->InVerticalBlank ? 0 : line;
    return STATUS_SUCCESS;
}

/* ---- bug-check screen ---------------------------------------------------
 * Prepared at StartDevice: a 1024x768 B8G8R8X8 resource whose backing is
 * one contiguous buffer, so that at bug-check time (HIGH_LEVEL, other
 * processors frozen, no interrupts) the driver only copies pixels and
 * issues synchronous commands, which poll the used ring.  The platform's
 * locks become no-ops from SystemDisplayEnable on (kmd_platform.c). */
void kmd_sysdisp_prepare(struct kmd_adapter *ad)
{
    int rc = ad->plat.dma_alloc(ad, (uint64_t)KMD_SYSDISP_WIDTH * KMD_SYSDISP_HEIGHT * 4u, PAGE_SIZE,
                                &ad->sysdisp_buf);
    if (!rc)
        rc = vgpu_cmd_resource_create_2d(ad->dev, VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM, KMD_SYSDISP_WIDTH,
                                         KMD_SYSDISP_HEIGHT, &ad->sysdisp_res, NULL);
    if (!rc) {
        struct vgpu_mem_range r = {ad->sysdisp_buf.pa, ad->sysdisp_buf.size};
        rc = vgpu_cmd_resource_attach_backing(ad->dev, ad->sysdisp_res, &r, 1, NULL);
    }
    if (rc) {
        kmd_logf(VG_LOG_WARN, "no bug-check screen: %s", vg_strerror(rc));
        if (ad->sysdisp_buf.va)
            ad->plat.dma_free(ad, &ad->sysdisp_buf);
        ad->sysdisp_res = 0;
    }
}

NTSTATUS kmd_SystemDisplayEnable(PVOID ctx, D3DDDI_VIDEO_PRESENT_TARGET_ID tid,
                                 PDXGKARG_SYSTEM_DISPLAY_ENABLE_FLAGS f, UINT *w, UINT *hgt,
                                 D3DDDIFORMAT *fmt)
{
    struct kmd_adapter *ad = kmd_adapter_from(ctx);
    (void)f;
    if (!ad || !w || !hgt || !fmt || tid >= ad->num_scanouts)
        return STATUS_INVALID_PARAMETER;
    if (!ad->started || !ad->dev || !ad->sysdisp_res)
        return STATUS_NOT_SUPPORTED; /* Windows keeps the firmware framebuffer */
    kmd_platform_enter_emergency();
    memset(ad->sysdisp_buf.va, 0, (size_t)ad->sysdisp_buf.size);
    struct vgpu_rect full = {0, 0, KMD_SYSDISP_WIDTH, KMD_SYSDISP_HEIGHT};
    int rc = vgpu_cmd_transfer_to_host_2d(ad->dev, ad->sysdisp_res, &full, 0, NULL);
    if (!rc)
        rc = vgpu_cmd_set_scanout(ad->dev, tid, ad->sysdisp_res, &full, NULL);
    if (!rc)
        rc = vgpu_cmd_resource_flush(ad->dev, ad->sysdisp_res, &full, NULL);
    if (rc)
        return STATUS_NOT_SUPPORTED;
    ad->sysdisp_target = tid;
    ad->sysdisp_on = true;
    *w = KMD_SYSDISP_WIDTH;
    *hgt = KMD_SYSDISP_HEIGHT;
    *fmt = D3DDDIFMT_X8R8G8B8;
    return STATUS_SUCCESS;
}

/* Source is 32 bpp X8R8G8B8 rows of SourceStride bytes; the block is
 * clipped to the 1024x768 surface. */
VOID kmd_SystemDisplayWrite(PVOID ctx, PVOID src, UINT w, UINT hgt, UINT stride, UINT x, UINT y)
{
    struct kmd_adapter *ad = kmd_adapter_from(ctx);
    if (!ad || !ad->sysdisp_on || !src || x >= KMD_SYSDISP_WIDTH || y >= KMD_SYSDISP_HEIGHT)
        return;
    UINT cw = w > KMD_SYSDISP_WIDTH - x ? KMD_SYSDISP_WIDTH - x : w;
    UINT ch = hgt > KMD_SYSDISP_HEIGHT - y ? KMD_SYSDISP_HEIGHT - y : hgt;
    if (!cw || !ch || stride < cw * 4u)
        return;
    uint8_t *dst = ad->sysdisp_buf.va;
    for (UINT r = 0; r < ch; r++)
        memcpy(dst + ((size_t)(y + r) * KMD_SYSDISP_WIDTH + x) * 4u, (const uint8_t *)src + (size_t)r * stride,
               (size_t)cw * 4u);
    struct vgpu_rect rect = {x, y, cw, ch};
    if (vgpu_cmd_transfer_to_host_2d(ad->dev, ad->sysdisp_res, &rect, kmd_rect_offset(&rect, KMD_SYSDISP_WIDTH * 4u),
                                     NULL) == 0)
        vgpu_cmd_resource_flush(ad->dev, ad->sysdisp_res, &rect, NULL);
}
