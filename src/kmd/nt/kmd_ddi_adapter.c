/*
 * kmd_ddi_adapter.c — adapter life cycle, interrupts, children (monitors),
 * power, adapter info, TDR and escapes.
 *
 * StartDevice collects the BARs and the MSI-X message count from the
 * translated resource list, fills the platform table and hands the
 * device to the core (vgpu_init: probe, feature negotiation, queues,
 * DRIVER_OK, display info and EDID).  The ISR only asks the core whether
 * the interrupt was ours; the DPC runs the core's completion processing,
 * reports completed WDDM fences to dxgkrnl (DMA_COMPLETED through
 * DxgkCbSynchronizeExecution, as DxgkCbNotifyInterrupt requires DIRQL)
 * and hot-plug changes (IndicateChildStatus).
 */
#include "kmd/nt/kmd_nt.h"
#include "base/vg_fmt.h"

NTSTATUS kmd_AddDevice(const PDEVICE_OBJECT pdo, PVOID *ctx)
{
    if (!pdo || !ctx)
        return STATUS_INVALID_PARAMETER;
    struct kmd_adapter *ad = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*ad), KMD_POOL_TAG);
    if (!ad)
        return STATUS_NO_MEMORY;
    memset(ad, 0, sizeof(*ad));
    ad->magic = KMD_MAGIC_ADAPTER;
    ad->pdo = pdo;
    KeInitializeSpinLock(&ad->lock);
    InitializeListHead(&ad->allocs);
    *ctx = ad;
    return STATUS_SUCCESS;
}

/* Memory BARs in resource-list order are matched to BAR registers in
 * configuration space order (the PCI bus driver lists them that way). */
static NTSTATUS collect_resources(struct kmd_adapter *ad)
{
    PCM_RESOURCE_LIST rl = ad->dev_info.TranslatedResourceList;
    uint32_t bar_regs[KMD_MAX_BARS] = {0};
    uint32_t mem_bars[KMD_MAX_BARS];
    uint32_t nmem = 0;
    if (!rl || rl->Count < 1)
        return STATUS_DEVICE_CONFIGURATION_ERROR;
    if (ad->plat.pci_cfg_read(ad, 0x10, bar_regs, sizeof(bar_regs)) != 0)
        return STATUS_DEVICE_CONFIGURATION_ERROR;
    for (uint32_t b = 0; b < KMD_MAX_BARS; b++) {
        if (bar_regs[b] & 1u)
            continue; /* I/O BAR */
        bool is64 = ((bar_regs[b] >> 1) & 3u) == 2u;
        if ((bar_regs[b] & ~0xfu) || (is64 && b + 1 < KMD_MAX_BARS && bar_regs[b + 1]))
            mem_bars[nmem++] = b;
        if (is64)
            b++;
    }
    uint32_t k = 0;
    PCM_PARTIAL_RESOURCE_LIST pl = &rl->List[0].PartialResourceList;
    ad->msix_messages = 0; /* StartDevice after StopDevice counts afresh */
    for (ULONG i = 0; i < pl->Count; i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR d = &pl->PartialDescriptors[i];
        if (d->Type == CmResourceTypeMemory && k < nmem) {
            uint32_t b = mem_bars[k++];
            ad->bar[b].pa = d->u.Memory.Start;
            ad->bar[b].len = d->u.Memory.Length;
            ad->bar[b].present = true;
        } else if (d->Type == CmResourceTypeInterrupt && (d->Flags & CM_RESOURCE_INTERRUPT_MESSAGE)) {
            /* the translated list holds one descriptor per MSI-X message
             * granted; MessageCount exists only in the raw list */
            ad->msix_messages++;
        }
    }
    return k ? STATUS_SUCCESS : STATUS_DEVICE_CONFIGURATION_ERROR;
}

static void cb_display_changed(void *client, uint32_t mask)
{
    struct kmd_adapter *ad = client;
    InterlockedOr(&ad->display_changed, (LONG)mask);
}

static void cb_fence_done(void *client, uint64_t completed)
{
    (void)client;
    (void)completed; /* WDDM fences are completed per submission (kmd_ddi_memory.c) */
}

static void cb_device_error(void *client, int err)
{
    (void)client;
    kmd_logf(VG_LOG_ERROR, "device error %s; waiting for TDR", vg_strerror(err));
}

/* Rebuilds every head's mode list (start, hot-plug DPC, custom mode) into
 * a scratch copy and publishes it under ad->lock: the VidPN DDIs work on
 * snapshots (kmd_heads_snapshot) and never see a half-built list. */
NTSTATUS kmd_refresh_modes(struct kmd_adapter *ad)
{
    struct vgpu_display *disp = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*disp), KMD_POOL_TAG);
    struct kmd_head_modes *fresh =
        ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(ad->heads), KMD_POOL_TAG);
    if (!disp || !fresh) {
        if (disp)
            ExFreePoolWithTag(disp, KMD_POOL_TAG);
        if (fresh)
            ExFreePoolWithTag(fresh, KMD_POOL_TAG);
        return STATUS_NO_MEMORY;
    }
    memset(fresh, 0, sizeof(ad->heads));
    for (uint32_t i = 0; i < ad->num_scanouts; i++) {
        if (vgpu_get_display(ad->dev, i, disp) != 0)
            memset(disp, 0, sizeof(*disp));
        kmd_modes_build(disp, ad->custom_w[i], ad->custom_h[i], KMD_MAX_SURFACE_DIM, KMD_MAX_SURFACE_DIM,
                        &fresh[i]);
    }
    KIRQL irql;
    KeAcquireSpinLock(&ad->lock, &irql);
    memcpy(ad->heads, fresh, sizeof(ad->heads));
    KeReleaseSpinLock(&ad->lock, irql);
    ExFreePoolWithTag(fresh, KMD_POOL_TAG);
    ExFreePoolWithTag(disp, KMD_POOL_TAG);
    return STATUS_SUCCESS;
}

struct kmd_head_modes *kmd_heads_snapshot(struct kmd_adapter *ad)
{
    struct kmd_head_modes *h = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(ad->heads), KMD_POOL_TAG);
    if (h) {
        KIRQL irql;
        KeAcquireSpinLock(&ad->lock, &irql);
        memcpy(h, ad->heads, sizeof(ad->heads));
        KeReleaseSpinLock(&ad->lock, irql);
    }
    return h;
}

void kmd_heads_release(struct kmd_head_modes *h)
{
    if (h)
        ExFreePoolWithTag(h, KMD_POOL_TAG);
}

/* The UMD builds every capability answer from the host's virgl caps, so
 * the KMD fetches them once per start (the device cannot change them
 * without a reset): VIRGL2 when offered, else VIRGL.  A failure leaves no
 * capset, which the UMD refuses — 2D keeps working. */
static void fetch_capset(struct kmd_adapter *ad)
{
    uint32_t best_id = 0, best_ver = 0, best_size = 0;
    memset(&ad->capset, 0, sizeof(ad->capset));
    if (!ad->info.virgl)
        return;
    for (uint32_t i = 0; i < ad->info.num_capsets && i < 16; i++) {
        uint32_t id = 0, ver = 0, size = 0;
        int rc = vgpu_cmd_get_capset_info(ad->dev, i, &id, &ver, &size, NULL);
        if (rc) {
            kmd_logf(VG_LOG_WARN, "GET_CAPSET_INFO %u: %s", i, vg_strerror(rc));
            continue;
        }
        if ((id == VIRTIO_GPU_CAPSET_VIRGL2 || (id == VIRTIO_GPU_CAPSET_VIRGL && best_id == 0)) && size)
            best_id = id, best_ver = ver, best_size = size;
    }
    if (!best_id) {
        kmd_logf(VG_LOG_WARN, "virgl device without a VIRGL/VIRGL2 capset");
        return;
    }
    if (best_size > VIOGPU_CAPSET_MAX)
        kmd_logf(VG_LOG_WARN, "capset %u is %u bytes: the UMD gets the first %u", best_id, best_size,
                 VIOGPU_CAPSET_MAX);
    uint32_t got = 0;
    int rc = vgpu_cmd_get_capset(ad->dev, best_id, best_ver, ad->capset.data, VIOGPU_CAPSET_MAX, &got, NULL);
    if (rc || got == 0 || got > VIOGPU_CAPSET_MAX) {
        kmd_logf(VG_LOG_WARN, "GET_CAPSET %u v%u: %s, %u bytes", best_id, best_ver, vg_strerror(rc), got);
        memset(&ad->capset, 0, sizeof(ad->capset));
        return;
    }
    ad->capset.id = best_id;
    ad->capset.version = best_ver;
    ad->capset.size = got;
}

NTSTATUS kmd_StartDevice(const PVOID ctx, PDXGK_START_INFO si, PDXGKRNL_INTERFACE dxgk, PULONG nsrc,
                         PULONG nchild)
{
    struct kmd_adapter *ad = kmd_adapter_from(ctx);
    if (!ad || !si || !dxgk || !nsrc || !nchild)
        return STATUS_INVALID_PARAMETER;
    if (ad->started)
        return STATUS_INVALID_DEVICE_STATE;
    ad->dxgk = *dxgk;
    ad->start_info = *si;
    NTSTATUS st = ad->dxgk.DxgkCbGetDeviceInformation(ad->dxgk.DeviceHandle, &ad->dev_info);
    if (!NT_SUCCESS(st))
        return st;
    kmd_platform_init(ad);
    st = collect_resources(ad);
    if (!NT_SUCCESS(st))
        return st;

    struct vgpu_params prm;
    memset(&prm, 0, sizeof(prm));
    prm.msix_vectors = ad->msix_messages;
    prm.log_level = kmd_log_level();
    prm.client = ad;
    prm.display_changed = cb_display_changed;
    prm.fence_done = cb_fence_done;
    prm.device_error = cb_device_error;
    int rc = vgpu_init(&ad->plat, &prm, &ad->dev);
    if (rc) {
        kmd_logf(VG_LOG_ERROR, "vgpu_init: %s", vg_strerror(rc));
        kmd_platform_unmap_all(ad);
        return kmd_status(rc);
    }
    vgpu_get_info(ad->dev, &ad->info);
    ad->num_scanouts = ad->info.num_scanouts;
    if (ad->num_scanouts == 0 || ad->num_scanouts > VIOGPU_MAX_SCANOUTS)
        ad->num_scanouts = ad->num_scanouts ? VIOGPU_MAX_SCANOUTS : 1;
    kmd_refresh_modes(ad);
    fetch_capset(ad);

    /* The cursor image lives in one 64x64 B8G8R8A8 resource for the
     * adapter; its backing is a contiguous 16 KiB buffer. */
    rc = ad->plat.dma_alloc(ad, KMD_CURSOR_DIM * KMD_CURSOR_DIM * 4u, PAGE_SIZE, &ad->cursor_buf);
    if (!rc)
        rc = vgpu_cmd_resource_create_2d(ad->dev, VIRTIO_GPU_FORMAT_B8G8R8A8_UNORM, KMD_CURSOR_DIM,
                                         KMD_CURSOR_DIM, &ad->cursor_res, NULL);
    if (!rc) {
        struct vgpu_mem_range r = {ad->cursor_buf.pa, ad->cursor_buf.size};
        rc = vgpu_cmd_resource_attach_backing(ad->dev, ad->cursor_res, &r, 1, NULL);
    }
    if (rc)
        kmd_logf(VG_LOG_WARN, "no hardware cursor: %s", vg_strerror(rc));
    kmd_sysdisp_prepare(ad);

    KeInitializeTimer(&ad->vsync_timer);
    ad->started = true;
    ad->d0 = true;
    *nsrc = ad->num_scanouts;
    *nchild = ad->num_scanouts;
    kmd_logf(VG_LOG_INFO, "started: %u scanouts, virgl %d (capset %u, %u bytes), edid %d, msix %u",
             ad->num_scanouts, ad->info.virgl, ad->capset.id, ad->capset.size, ad->info.edid, ad->msix_messages);
    return STATUS_SUCCESS;
}

static void stop_vsync(struct kmd_adapter *ad)
{
    InterlockedExchange(&ad->vsync_enabled, 0);
    KeCancelTimer(&ad->vsync_timer);
    KeFlushQueuedDpcs();
}

NTSTATUS kmd_StopDevice(const PVOID ctx)
{
    struct kmd_adapter *ad = kmd_adapter_from(ctx);
    if (!ad)
        return STATUS_INVALID_PARAMETER;
    if (!ad->started)
        return STATUS_SUCCESS; /* teardown is idempotent */
    stop_vsync(ad);
    ad->started = false;
    if (ad->dev) {
        vgpu_fini(ad->dev);
        ad->dev = NULL;
    }
    if (ad->cursor_buf.va)
        ad->plat.dma_free(ad, &ad->cursor_buf);
    ad->cursor_res = 0;
    if (ad->sysdisp_buf.va)
        ad->plat.dma_free(ad, &ad->sysdisp_buf);
    ad->sysdisp_res = 0;
    kmd_platform_unmap_all(ad);
    return STATUS_SUCCESS;
}

NTSTATUS kmd_RemoveDevice(const PVOID ctx)
{
    struct kmd_adapter *ad = kmd_adapter_from(ctx);
    if (!ad)
        return STATUS_INVALID_PARAMETER;
    kmd_StopDevice(ad);
    ad->magic = KMD_MAGIC_DEAD;
    ExFreePoolWithTag(ad, KMD_POOL_TAG);
    return STATUS_SUCCESS;
}

VOID kmd_ResetDevice(const PVOID ctx)
{
    /* Called at high IRQL before a bugcheck/shutdown hand-off to the
     * system display: only stop the device from DMA-ing; no allocation. */
    struct kmd_adapter *ad = kmd_adapter_from(ctx);
    if (ad)
        ad->d0 = false;
}

VOID kmd_Unload(VOID)
{
}

/* Legacy IOCTL_VIDEO_* requests: none is meaningful for this device. */
NTSTATUS kmd_DispatchIoRequest(const PVOID ctx, ULONG src, PVIDEO_REQUEST_PACKET vrp)
{
    (void)src;
    (void)vrp;
    return kmd_adapter_from(ctx) ? STATUS_NOT_SUPPORTED : STATUS_INVALID_PARAMETER;
}

/* No driver-specific interfaces are exported to other drivers. */
NTSTATUS kmd_QueryInterface(const PVOID ctx, PQUERY_INTERFACE qi)
{
    (void)qi;
    return kmd_adapter_from(ctx) ? STATUS_NOT_SUPPORTED : STATUS_INVALID_PARAMETER;
}

/* ACPI lid/dock/power notifications do not concern a virtual display:
 * the answer "no action needed" (AcpiFlags 0) is the true one. */
NTSTATUS kmd_NotifyAcpiEvent(const PVOID ctx, DXGK_EVENT_TYPE t, ULONG ev, PVOID arg, PULONG flags)
{
    (void)t;
    (void)ev;
    (void)arg;
    if (!kmd_adapter_from(ctx) || !flags)
        return STATUS_INVALID_PARAMETER;
    *flags = 0;
    return STATUS_SUCCESS;
}

/* The driver emits no ETW events; the level is the DbgPrintEx one. */
VOID kmd_ControlEtwLogging(BOOLEAN enable, ULONG flags, UCHAR level)
{
    (void)enable;
    (void)flags;
    (void)level;
}

/* Only 32 bpp direct-colour modes are offered: there is no palette. */
NTSTATUS APIENTRY kmd_SetPalette(const HANDLE h, const DXGKARG_SETPALETTE *a)
{
    (void)a;
    return kmd_adapter_from(h) ? STATUS_NOT_SUPPORTED : STATUS_INVALID_PARAMETER;
}

/* After a TDR: a one-line summary of the device and fence state. */
NTSTATUS APIENTRY kmd_CollectDbgInfo(const HANDLE h, const DXGKARG_COLLECTDBGINFO *a)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    if (!ad || !a || !a->pBuffer || !a->BufferSize)
        return STATUS_INVALID_PARAMETER;
    vg_snprintf(a->pBuffer, a->BufferSize,
                "viogpu3d: reason %u, started %d, d0 %d, fence completed %ld notified %ld, needs_reset %d",
                a->Reason, ad->started, ad->d0, (long)ad->last_completed, (long)ad->last_notified,
                ad->dev ? vgpu_needs_reset(ad->dev) : -1);
    return STATUS_SUCCESS;
}

BOOLEAN kmd_InterruptRoutine(const PVOID ctx, ULONG msg)
{
    struct kmd_adapter *ad = kmd_adapter_from(ctx);
    if (!ad || !ad->dev)
        return FALSE;
    if (!vgpu_isr(ad->dev, ad->msix_messages ? msg : VGPU_ISR_INTX))
        return FALSE;
    ad->dxgk.DxgkCbQueueDpc(ad->dxgk.DeviceHandle);
    return TRUE;
}

/* Runs at DIRQL under the interrupt spin lock (DxgkCbSynchronizeExecution). */
static BOOLEAN notify_fence_sync(PVOID arg)
{
    struct kmd_adapter *ad = arg;
    LONG done = ad->last_completed;
    if (done == ad->last_notified)
        return FALSE;
    DXGKARGCB_NOTIFY_INTERRUPT_DATA n;
    memset(&n, 0, sizeof(n));
    n.InterruptType = DXGK_INTERRUPT_DMA_COMPLETED;
    n.DmaCompleted.SubmissionFenceId = (UINT)done;
    n.DmaCompleted.NodeOrdinal = 0;
    n.DmaCompleted.EngineOrdinal = 0;
    ad->dxgk.DxgkCbNotifyInterrupt(ad->dxgk.DeviceHandle, &n);
    ad->last_notified = done;
    return TRUE;
}

/* Only from kmd_DpcRoutine: DxgkCbNotifyDpc belongs to the DDI DPC. */
void kmd_queue_fence_notify(struct kmd_adapter *ad)
{
    BOOLEAN ret = FALSE;
    ad->dxgk.DxgkCbSynchronizeExecution(ad->dxgk.DeviceHandle, notify_fence_sync, ad, 0, &ret);
    if (ret || InterlockedExchange(&ad->notify_dpc, 0))
        ad->dxgk.DxgkCbNotifyDpc(ad->dxgk.DeviceHandle);
}

VOID kmd_DpcRoutine(const PVOID ctx)
{
    struct kmd_adapter *ad = kmd_adapter_from(ctx);
    if (!ad || !ad->dev)
        return;
    vgpu_process(ad->dev);
    kmd_queue_fence_notify(ad);
    LONG dirty = InterlockedExchange(&ad->scanout_dirty, 0);
    for (uint32_t i = 0; dirty && i < ad->num_scanouts; i++)
        if (dirty & (1 << i))
            kmd_show_source(ad, i);
    LONG changed = InterlockedExchange(&ad->display_changed, 0);
    if (changed) {
        kmd_refresh_modes(ad);
        for (uint32_t i = 0; i < ad->num_scanouts; i++) {
            if (!(changed & (1 << i)))
                continue;
            DXGK_CHILD_STATUS cs;
            memset(&cs, 0, sizeof(cs));
            cs.Type = StatusConnection;
            cs.ChildUid = i;
            cs.HotPlug.Connected = ad->heads[i].connected;
            ad->dxgk.DxgkCbIndicateChildStatus(ad->dxgk.DeviceHandle, &cs);
        }
    }
}

NTSTATUS kmd_QueryChildRelations(const PVOID ctx, PDXGK_CHILD_DESCRIPTOR rel, ULONG size)
{
    struct kmd_adapter *ad = kmd_adapter_from(ctx);
    if (!ad || !rel)
        return STATUS_INVALID_PARAMETER;
    /* dxgkrnl passes room for NumberOfChildren + 1 zeroed entries. */
    if (size < (ad->num_scanouts + 1) * sizeof(DXGK_CHILD_DESCRIPTOR))
        return STATUS_BUFFER_TOO_SMALL;
    for (uint32_t i = 0; i < ad->num_scanouts; i++) {
        rel[i].ChildDeviceType = TypeVideoOutput;
        rel[i].ChildCapabilities.Type.VideoOutput.InterfaceTechnology = D3DKMDT_VOT_OTHER;
        rel[i].ChildCapabilities.Type.VideoOutput.MonitorOrientationAwareness = D3DKMDT_MOA_NONE;
        rel[i].ChildCapabilities.Type.VideoOutput.SupportsSdtvModes = FALSE;
        /* The device raises VIRTIO_GPU_EVENT_DISPLAY on changes. */
        rel[i].ChildCapabilities.HpdAwareness = HpdAwarenessInterruptible;
        rel[i].AcpiUid = 0;
        rel[i].ChildUid = i;
    }
    return STATUS_SUCCESS;
}

NTSTATUS kmd_QueryChildStatus(const PVOID ctx, PDXGK_CHILD_STATUS st, BOOLEAN nondestructive)
{
    struct kmd_adapter *ad = kmd_adapter_from(ctx);
    (void)nondestructive;
    if (!ad || !st || st->ChildUid >= ad->num_scanouts)
        return STATUS_INVALID_PARAMETER;
    switch (st->Type) {
    case StatusConnection:
        st->HotPlug.Connected = ad->heads[st->ChildUid].connected;
        return STATUS_SUCCESS;
    case StatusRotation:
        st->Rotation.Angle = 0; /* the outputs cannot rotate */
        return STATUS_SUCCESS;
    default:
        return STATUS_NOT_SUPPORTED;
    }
}

NTSTATUS kmd_QueryDeviceDescriptor(const PVOID ctx, ULONG uid, PDXGK_DEVICE_DESCRIPTOR d)
{
    struct kmd_adapter *ad = kmd_adapter_from(ctx);
    if (!ad || !d || !d->DescriptorBuffer || uid >= ad->num_scanouts)
        return STATUS_INVALID_PARAMETER;
    if (!kmd_active(ad))
        return STATUS_DEVICE_NOT_READY;
    struct vgpu_display *disp = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*disp), KMD_POOL_TAG);
    if (!disp)
        return STATUS_NO_MEMORY;
    NTSTATUS st;
    if (vgpu_get_display(ad->dev, uid, disp) != 0 || disp->edid_status != 0 || !disp->edid_len) {
        st = STATUS_MONITOR_NO_DESCRIPTOR;
    } else if (d->DescriptorOffset >= disp->edid_len) {
        st = STATUS_MONITOR_NO_MORE_DESCRIPTOR_DATA;
    } else {
        ULONG n = disp->edid_len - d->DescriptorOffset;
        if (n > d->DescriptorLength)
            n = d->DescriptorLength;
        memcpy(d->DescriptorBuffer, disp->edid + d->DescriptorOffset, n);
        st = STATUS_SUCCESS;
    }
    ExFreePoolWithTag(disp, KMD_POOL_TAG);
    return st;
}

/* D3 waits for the last fence and releases the device (vgpu_suspend resets
 * it, so the host drops every object); D0 resets it again and replays the
 * core's records (resources with their backing, scanouts, cursor). */
NTSTATUS kmd_SetPowerState(const PVOID ctx, ULONG uid, DEVICE_POWER_STATE ps, POWER_ACTION act)
{
    struct kmd_adapter *ad = kmd_adapter_from(ctx);
    (void)act;
    if (!ad)
        return STATUS_INVALID_PARAMETER;
    if (uid != DISPLAY_ADAPTER_HW_ID)
        return STATUS_SUCCESS; /* monitors: nothing to switch on a virtual output */
    if (!ad->started)
        return STATUS_INVALID_DEVICE_STATE;
    if (ps == PowerDeviceD0) {
        if (ad->d0)
            return STATUS_SUCCESS;
        int rc = vgpu_reset_and_restore(ad->dev);
        if (rc) {
            kmd_logf(VG_LOG_ERROR, "D0: restore failed: %s", vg_strerror(rc));
            return kmd_status(rc);
        }
        ad->d0 = true;
        return STATUS_SUCCESS;
    }
    if (ad->d0) {
        stop_vsync(ad);
        uint64_t last = vgpu_fence_last_emitted(ad->dev);
        if (last)
            vgpu_fence_wait(ad->dev, last, 0);
        /* release the device: it is reset and stops touching our memory;
         * the core keeps the records D0 replays */
        int rc = vgpu_suspend(ad->dev);
        if (rc) {
            kmd_logf(VG_LOG_ERROR, "D3: suspend failed: %s", vg_strerror(rc));
            return kmd_status(rc);
        }
        ad->d0 = false;
    }
    return STATUS_SUCCESS;
}

static void fill_adapter_info(const struct kmd_adapter *ad, struct viogpu_adapter_info *o)
{
    memset(o, 0, sizeof(*o));
    o->magic = VIOGPU_ABI_MAGIC;
    o->abi_version = VIOGPU_ABI_VERSION;
    o->size = sizeof(*o);
    o->flags = (ad->info.virgl ? VIOGPU_ADAPTER_FLAG_VIRGL : 0) | (ad->info.edid ? VIOGPU_ADAPTER_FLAG_EDID : 0);
    o->num_scanouts = ad->num_scanouts;
    o->num_capsets = ad->info.num_capsets;
    o->max_width = KMD_MAX_SURFACE_DIM;
    o->max_height = KMD_MAX_SURFACE_DIM;
    o->kmd_version = KMD_VERSION;
    o->aperture_size = KMD_APERTURE_SIZE;
}

static NTSTATUS query_caps(const struct kmd_adapter *ad, DXGK_DRIVERCAPS *c)
{
    (void)ad;
    memset(c, 0, sizeof(*c));
    c->HighestAcceptableAddress.QuadPart = -1;
    c->MaxAllocationListSlotId = 16;
    c->ApertureSegmentCommitLimit = KMD_APERTURE_SIZE;
    c->MaxPointerWidth = KMD_CURSOR_DIM;
    c->MaxPointerHeight = KMD_CURSOR_DIM;
    c->PointerCaps.Monochrome = 1;
    c->PointerCaps.Color = 1;
    c->PointerCaps.MaskedColor = 1;
    c->InterruptMessageNumber = 0;
    c->NumberOfSwizzlingRanges = 0;
    c->MaxOverlays = 0;
    c->PresentationCaps.NoScreenToScreenBlt = 1;
    c->PresentationCaps.NoOverlapScreenBlt = 1;
    c->MaxQueuedFlipOnVSync = 1;
    c->SchedulingCaps.MultiEngineAware = 0;
    c->SchedulingCaps.NoDmaPatching = 1; /* our DMA records carry no GPU addresses */
    c->MemoryManagementCaps.PagingNode = 0;
    /* One node: the 2D/present engine.  No 3D node until the virgl issue. */
    c->GpuEngineTopology.NbAsymetricProcessingNodes = 1;
    c->WDDMVersion = DXGKDDI_WDDMv1_2;
    c->PreemptionCaps.GraphicsPreemptionGranularity = D3DKMDT_GRAPHICS_PREEMPTION_DMA_BUFFER_BOUNDARY;
    c->PreemptionCaps.ComputePreemptionGranularity = D3DKMDT_COMPUTE_PREEMPTION_DMA_BUFFER_BOUNDARY;
    c->SupportNonVGA = TRUE;
    return STATUS_SUCCESS;
}

static NTSTATUS query_segment(DXGK_QUERYSEGMENTOUT *o)
{
    if (!o->pSegmentDescriptor) {
        o->NbSegment = 1;
        return STATUS_SUCCESS;
    }
    if (o->NbSegment < 1)
        return STATUS_BUFFER_TOO_SMALL;
    /* One aperture segment: allocations live in system memory pages that
     * dxgkrnl maps into it (BuildPagingBuffer MAP/UNMAP_APERTURE_SEGMENT),
     * which we turn into ATTACH/DETACH_BACKING. */
    DXGK_SEGMENTDESCRIPTOR *s = &o->pSegmentDescriptor[0];
    memset(s, 0, sizeof(*s));
    s->BaseAddress.QuadPart = 0x100000000ll; /* segment address space, never dereferenced */
    s->Size = KMD_APERTURE_SIZE;
    s->CommitLimit = KMD_APERTURE_SIZE;
    s->Flags.Aperture = 1;
    s->Flags.CacheCoherent = 1;
    o->NbSegment = 1;
    o->PagingBufferSegmentId = 0;
    o->PagingBufferSize = KMD_PAGING_BUFFER_SIZE;
    o->PagingBufferPrivateDataSize = 4096;
    return STATUS_SUCCESS;
}

NTSTATUS APIENTRY kmd_QueryAdapterInfo(const HANDLE h, const DXGKARG_QUERYADAPTERINFO *a)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    if (!ad || !a || !a->pOutputData)
        return STATUS_INVALID_PARAMETER;
    switch (a->Type) {
    case DXGKQAITYPE_DRIVERCAPS:
        if (a->OutputDataSize < sizeof(DXGK_DRIVERCAPS))
            return STATUS_BUFFER_TOO_SMALL;
        return query_caps(ad, a->pOutputData);
    case DXGKQAITYPE_QUERYSEGMENT:
        if (a->OutputDataSize < sizeof(DXGK_QUERYSEGMENTOUT))
            return STATUS_BUFFER_TOO_SMALL;
        return query_segment(a->pOutputData);
    case DXGKQAITYPE_UMDRIVERPRIVATE: {
        /* abi.h: the adapter info alone into a buffer too small for the
         * capset, both into one that has room; never past OutputDataSize. */
        if (a->OutputDataSize < sizeof(struct viogpu_adapter_info))
            return STATUS_BUFFER_TOO_SMALL;
        struct viogpu_umd_private *o = a->pOutputData;
        fill_adapter_info(ad, &o->info);
        if (a->OutputDataSize >= sizeof(*o)) {
            o->capset_id = ad->capset.id;
            o->capset_version = ad->capset.version;
            o->capset_size = ad->capset.size;
            o->reserved = 0;
            memset(o->capset, 0, sizeof(o->capset));
            memcpy(o->capset, ad->capset.data, ad->capset.size);
        }
        return STATUS_SUCCESS;
    }
    default:
        return STATUS_NOT_SUPPORTED;
    }
}

/* TDR: a real device reset and a replay of everything the core recorded.
 * Pending submissions are dropped (dxgkrnl completes them itself). */
NTSTATUS APIENTRY kmd_ResetFromTimeout(const HANDLE h)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    if (!ad || !ad->started || !ad->dev)
        return STATUS_INVALID_PARAMETER;
    int rc = vgpu_reset_and_restore(ad->dev);
    if (rc)
        kmd_logf(VG_LOG_ERROR, "TDR reset failed: %s", vg_strerror(rc));
    KIRQL irql;
    KeAcquireSpinLock(&ad->lock, &irql);
    kmd_fence_flush(&ad->fences);
    InterlockedExchange(&ad->last_completed, (LONG)ad->fences.completed);
    KeReleaseSpinLock(&ad->lock, irql);
    ad->last_notified = ad->last_completed;
    return kmd_status(rc);
}

NTSTATUS APIENTRY kmd_RestartFromTimeout(const HANDLE h)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    if (!ad || !ad->started)
        return STATUS_INVALID_PARAMETER;
    return vgpu_needs_reset(ad->dev) ? STATUS_ADAPTER_HARDWARE_ERROR : STATUS_SUCCESS;
}

NTSTATUS APIENTRY kmd_QueryCurrentFence(const HANDLE h, DXGKARG_QUERYCURRENTFENCE *a)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    if (!ad || !a)
        return STATUS_INVALID_PARAMETER;
    if (a->NodeOrdinal != 0 || a->EngineOrdinal != 0)
        return STATUS_INVALID_PARAMETER; /* only node 0 exists */
    a->CurrentFence = (UINT)ad->last_completed;
    return STATUS_SUCCESS;
}

/* vsync emulation: virtio-gpu has no vblank interrupt, so a 60 Hz timer
 * raises CRTC_VSYNC for each source with a primary while enabled. */
static BOOLEAN vsync_sync(PVOID arg)
{
    struct kmd_adapter *ad = arg;
    for (uint32_t i = 0; i < ad->num_scanouts; i++) {
        if (!ad->src[i].primary)
            continue;
        DXGKARGCB_NOTIFY_INTERRUPT_DATA n;
        memset(&n, 0, sizeof(n));
        n.InterruptType = DXGK_INTERRUPT_CRTC_VSYNC;
        n.CrtcVsync.VidPnTargetId = i;
        ad->dxgk.DxgkCbNotifyInterrupt(ad->dxgk.DeviceHandle, &n);
    }
    return TRUE;
}

static VOID vsync_dpc(PKDPC dpc, PVOID ctx, PVOID a1, PVOID a2)
{
    struct kmd_adapter *ad = ctx;
    BOOLEAN ret;
    (void)dpc;
    (void)a1;
    (void)a2;
    if (!ad->vsync_enabled || !kmd_active(ad))
        return;
    ad->dxgk.DxgkCbSynchronizeExecution(ad->dxgk.DeviceHandle, vsync_sync, ad, 0, &ret);
    /* The DDI DPC calls DxgkCbNotifyDpc for what vsync_sync reported. */
    InterlockedExchange(&ad->notify_dpc, 1);
    ad->dxgk.DxgkCbQueueDpc(ad->dxgk.DeviceHandle);
}

NTSTATUS APIENTRY kmd_ControlInterrupt(const HANDLE h, const DXGK_INTERRUPT_TYPE t, BOOLEAN enable)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    if (!ad)
        return STATUS_INVALID_PARAMETER;
    if (t != DXGK_INTERRUPT_CRTC_VSYNC)
        return STATUS_NOT_IMPLEMENTED;
    if (enable) {
        if (!InterlockedExchange(&ad->vsync_enabled, 1)) {
            LARGE_INTEGER due;
            due.QuadPart = -166667; /* 16.7 ms in 100 ns units */
            KeInitializeDpc(&ad->vsync_dpc, vsync_dpc, ad);
            KeSetTimerEx(&ad->vsync_timer, due, 16, &ad->vsync_dpc);
        }
    } else if (InterlockedExchange(&ad->vsync_enabled, 0)) {
        KeCancelTimer(&ad->vsync_timer);
    }
    return STATUS_SUCCESS;
}

static int esc_set_custom_mode(void *ctx, uint32_t scanout, uint32_t w, uint32_t hgt)
{
    struct kmd_adapter *ad = ctx;
    ad->custom_w[scanout] = w;
    ad->custom_h[scanout] = hgt;
    kmd_refresh_modes(ad);
    /* Windows re-enumerates modes when the monitor is re-announced. */
    DXGK_CHILD_STATUS cs;
    memset(&cs, 0, sizeof(cs));
    cs.Type = StatusConnection;
    cs.ChildUid = scanout;
    cs.HotPlug.Connected = TRUE;
    ad->dxgk.DxgkCbIndicateChildStatus(ad->dxgk.DeviceHandle, &cs);
    return VIOGPU_ESC_OK;
}

NTSTATUS APIENTRY kmd_Escape(const HANDLE h, const DXGKARG_ESCAPE *a)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    if (!ad || !a)
        return STATUS_INVALID_PARAMETER;
    struct kmd_escape_env *env = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*env), KMD_POOL_TAG);
    if (!env)
        return STATUS_NO_MEMORY;
    memset(env, 0, sizeof(*env));
    env->active = kmd_active(ad);
    fill_adapter_info(ad, &env->info);
    env->num_scanouts = ad->num_scanouts;
    env->max_width = KMD_MAX_SURFACE_DIM;
    env->max_height = KMD_MAX_SURFACE_DIM;
    env->ctx = ad;
    env->set_custom_mode = esc_set_custom_mode;
    struct vgpu_display *disp = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*disp), KMD_POOL_TAG);
    for (uint32_t i = 0; disp && env->active && i < ad->num_scanouts; i++) {
        if (vgpu_get_display(ad->dev, i, disp) != 0)
            continue;
        env->scanout[i].enabled = disp->enabled;
        env->scanout[i].width = disp->r.width;
        env->scanout[i].height = disp->r.height;
        env->scanout[i].x = disp->r.x;
        env->scanout[i].y = disp->r.y;
        env->scanout[i].active_width = ad->src[i].width;
        env->scanout[i].active_height = ad->src[i].height;
    }
    if (disp)
        ExFreePoolWithTag(disp, KMD_POOL_TAG);
    int s = kmd_escape(env, a->pPrivateDriverData, a->PrivateDriverDataSize);
    ExFreePoolWithTag(env, KMD_POOL_TAG);
    return kmd_esc_status(s);
}
