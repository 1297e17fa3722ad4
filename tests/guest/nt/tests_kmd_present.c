/*
 * tests_kmd_present.c — pixels through the shipped viogpu3d.sys, the way
 * dxgkrnl gets a desktop on screen: the shared primary allocation
 * (GetStandardAllocationDriverData, CreateAllocation), paged into the
 * aperture segment (BuildPagingBuffer MAP_APERTURE_SEGMENT with an MDL of
 * our pages, SubmitCommand, fence), committed with the EDID preferred mode
 * (CommitVidPn with hPrimaryAllocation), SetVidPnSourceVisibility,
 * SetVidPnSourceAddress, then the CPU draws into the allocation (as a
 * Lock would) and a Present (flip of the primary) is built, patched and
 * submitted.  QMP screendump must match pixel for pixel.  D3 -> D0 must
 * bring back the same picture.
 */
#include "dxgk.h"
#include "nt_shim.h"
#include "vidpn.h"
#include "../pattern.h"

#define DMA_SIZE (64u * 1024u)
#define PRIV_SIZE 4096u

struct primary {
    HANDLE halloc;
    uint32_t source, w, h, pitch;
    uint8_t *backing;
    uint64_t backing_size;
    MDL *mdl;
    uint64_t mdl_size;
    bool mapped;
};
#define MAX_HEADS 2
struct present_env {
    HANDLE hdev, hctx;
    struct primary prim[MAX_HEADS];
    uint32_t nprim;
    uint8_t *dma, *priv;
    uint32_t fence;
};
static struct present_env env;

static bool wait_fence(struct dxgk *k, uint32_t fence)
{
    uint64_t end = now_ns() + 5000000000ull;
    while (k->fence_done < fence) {
        if (now_ns() > end)
            return t_fail("fence %u never completed (last %u, %llu interrupts, %llu DPCs)", fence, k->fence_done,
                          (unsigned long long)k->isr_calls, (unsigned long long)k->dpcs);
        nt_pump();
        cpu_wait_interrupt();
    }
    return true;
}

/* dxgkrnl hands the driver a DMA buffer and private data, the driver
 * writes into them and advances the pointers; what lies between is the
 * submission. */
static bool submit(struct dxgk *k, void *dma_end, void *priv_end, bool paging, const char *what)
{
    DXGKARG_SUBMITCOMMAND sc;
    memset(&sc, 0, sizeof sc);
    sc.hContext = paging ? NULL : env.hctx;
    sc.DmaBufferPhysicalAddress.QuadPart = (LONGLONG)(uintptr_t)env.dma;
    sc.DmaBufferSize = DMA_SIZE;
    sc.DmaBufferSubmissionEndOffset = (UINT)((uint8_t *)dma_end - env.dma);
    sc.pDmaBufferPrivateData = env.priv;
    sc.DmaBufferPrivateDataSize = PRIV_SIZE;
    sc.DmaBufferPrivateDataSubmissionEndOffset = (UINT)((uint8_t *)priv_end - env.priv);
    sc.SubmissionFenceId = ++env.fence;
    sc.Flags.Paging = paging;
    sc.Flags.Present = !paging;
    NTSTATUS st = k->ddi.DxgkDdiSubmitCommand(k->ctx, &sc);
    CHECK(st == STATUS_SUCCESS, "SubmitCommand (%s): 0x%08x", what, (unsigned)st);
    return wait_fence(k, env.fence) && dxgk_no_violation(what);
}

static bool paging_op(struct dxgk *k, struct primary *pr, bool map)
{
    DXGKARG_BUILDPAGINGBUFFER pb;
    memset(&pb, 0, sizeof pb);
    memset(env.dma, 0, DMA_SIZE);
    memset(env.priv, 0, PRIV_SIZE);
    pb.pDmaBuffer = env.dma;
    pb.DmaSize = k->paging_buffer_size; /* what QUERYSEGMENT asked for */
    pb.pDmaBufferPrivateData = env.priv;
    pb.DmaBufferPrivateDataSize = k->paging_priv_size;
    if (map) {
        pb.Operation = DXGK_OPERATION_MAP_APERTURE_SEGMENT;
        pb.MapApertureSegment.hAllocation = pr->halloc;
        pb.MapApertureSegment.SegmentId = 1;
        pb.MapApertureSegment.NumberOfPages = pr->backing_size / 4096;
        pb.MapApertureSegment.pMdl = pr->mdl;
    } else {
        pb.Operation = DXGK_OPERATION_UNMAP_APERTURE_SEGMENT;
        pb.UnmapApertureSegment.hAllocation = pr->halloc;
        pb.UnmapApertureSegment.SegmentId = 1;
        pb.UnmapApertureSegment.NumberOfPages = pr->backing_size / 4096;
    }
    NTSTATUS st = k->ddi.DxgkDdiBuildPagingBuffer(k->ctx, &pb);
    CHECK(st == STATUS_SUCCESS, "BuildPagingBuffer(%s): 0x%08x", map ? "MAP_APERTURE" : "UNMAP_APERTURE", (unsigned)st);
    CHECK((uint8_t *)pb.pDmaBuffer > env.dma && (uint8_t *)pb.pDmaBuffer <= env.dma + DMA_SIZE,
          "BuildPagingBuffer wrote no command (pDmaBuffer not advanced)");
    if (!submit(k, pb.pDmaBuffer, pb.pDmaBufferPrivateData, true, map ? "map aperture" : "unmap aperture"))
        return false;
    pr->mapped = map;
    return true;
}

static bool create_primary(struct dxgk *k, struct primary *pr, uint32_t source, uint32_t w, uint32_t h)
{
    static uint8_t priv[256] __attribute__((aligned(8)));
    D3DKMDT_SHAREDPRIMARYSURFACEDATA sp = {w, h, D3DDDIFMT_A8R8G8B8, {60000, 1000}, source};
    DXGKARG_GETSTANDARDALLOCATIONDRIVERDATA sd;
    memset(&sd, 0, sizeof sd);
    sd.StandardAllocationType = D3DKMDT_STANDARDALLOCATION_SHAREDPRIMARYSURFACE;
    sd.pCreateSharedPrimarySurfaceData = &sp;
    NTSTATUS st = k->ddi.DxgkDdiGetStandardAllocationDriverData(k->ctx, &sd);
    CHECK(st == STATUS_SUCCESS && sd.AllocationPrivateDriverDataSize && sd.AllocationPrivateDriverDataSize <= sizeof priv,
          "GetStandardAllocationDriverData(size query): 0x%08x, %u bytes", (unsigned)st, sd.AllocationPrivateDriverDataSize);
    memset(priv, 0, sizeof priv);
    sd.pAllocationPrivateDriverData = priv;
    st = k->ddi.DxgkDdiGetStandardAllocationDriverData(k->ctx, &sd);
    CHECK(st == STATUS_SUCCESS, "GetStandardAllocationDriverData: 0x%08x", (unsigned)st);

    DXGK_ALLOCATIONINFO ai;
    memset(&ai, 0, sizeof ai);
    ai.pPrivateDriverData = priv;
    ai.PrivateDriverDataSize = sd.AllocationPrivateDriverDataSize;
    DXGKARG_CREATEALLOCATION ca;
    memset(&ca, 0, sizeof ca);
    ca.NumAllocations = 1;
    ca.pAllocationInfo = &ai;
    st = k->ddi.DxgkDdiCreateAllocation(k->ctx, &ca);
    nt_pump();
    CHECK(st == STATUS_SUCCESS, "CreateAllocation(primary %ux%u): 0x%08x", w, h, (unsigned)st);
    CHECK(ai.hAllocation, "CreateAllocation left hAllocation NULL");
    CHECK(ai.Size >= (SIZE_T)w * h * 4, "primary allocation of %llu bytes for %ux%u", (unsigned long long)ai.Size, w, h);
    CHECK(ai.SupportedReadSegmentSet & ai.SupportedWriteSegmentSet & 1, "primary not in segment 1 (the aperture)");
    pr->halloc = ai.hAllocation;
    pr->source = source;
    pr->w = w;
    pr->h = h;
    pr->pitch = (uint32_t)(ai.Size / h); /* rows are pitch-aligned */
    /* the video memory manager backs an aperture allocation with system
     * pages and describes them to the driver with an MDL */
    pr->backing_size = (ai.Size + 4095) & ~4095ull;
    pr->backing = page_alloc(pr->backing_size, 4096);
    uint64_t npages = pr->backing_size / 4096;
    pr->mdl_size = sizeof(MDL) + npages * sizeof(PFN_NUMBER);
    pr->mdl = page_alloc(pr->mdl_size, 4096);
    CHECK(pr->backing && pr->mdl, "no memory for a %llu-byte primary", (unsigned long long)pr->backing_size);
    pr->mdl->Size = (CSHORT)(pr->mdl_size > 0x7fff ? 0x7fff : pr->mdl_size);
    pr->mdl->StartVa = pr->backing;
    pr->mdl->MappedSystemVa = pr->backing;
    pr->mdl->ByteCount = (ULONG)pr->backing_size;
    PFN_NUMBER *pfn = (PFN_NUMBER *)(pr->mdl + 1);
    for (uint64_t i = 0; i < npages; i++)
        pfn[i] = ((uint64_t)(uintptr_t)pr->backing >> 12) + i;
    return true;
}

/* One VidPN with a path per head, committed source by source with that
 * source's primary (as dxgkrnl does), then visibility and address. */
static bool commit_with_primaries(struct dxgk *k)
{
    struct vidpn *v = vidpn_new();
    CHECK(v, "no memory");
    bool ok = true;
    for (uint32_t i = 0; i < env.nprim; i++)
        ok = ok && vidpn_add_pinned_path(v, env.prim[i].source, env.prim[i].source, env.prim[i].w, env.prim[i].h,
                                         env.prim[i].w, env.prim[i].h);
    NTSTATUS st = ok ? STATUS_SUCCESS : STATUS_NO_MEMORY;
    for (uint32_t i = 0; ok && i < env.nprim; i++) {
        DXGKARG_COMMITVIDPN c;
        memset(&c, 0, sizeof c);
        c.hFunctionalVidPn = vidpn_handle(v);
        c.AffectedVidPnSourceId = env.prim[i].source;
        c.MonitorConnectivityChecks = D3DKMDT_MCC_ENFORCE;
        c.hPrimaryAllocation = env.prim[i].halloc;
        st = k->ddi.DxgkDdiCommitVidPn(k->ctx, &c);
        nt_pump();
        ok = st == STATUS_SUCCESS && vidpn_check_released(v, "CommitVidPn");
    }
    vidpn_free(v);
    CHECK(st == STATUS_SUCCESS, "CommitVidPn(%u heads, primaries): 0x%08x", env.nprim, (unsigned)st);
    CHECK(ok, "%s", nt_shim_violation());

    for (uint32_t i = 0; i < env.nprim; i++) {
        DXGKARG_SETVIDPNSOURCEVISIBILITY vis = {env.prim[i].source, TRUE};
        st = k->ddi.DxgkDdiSetVidPnSourceVisibility(k->ctx, &vis);
        CHECK(st == STATUS_SUCCESS, "SetVidPnSourceVisibility(%u): 0x%08x", env.prim[i].source, (unsigned)st);
        DXGKARG_SETVIDPNSOURCEADDRESS sa;
        memset(&sa, 0, sizeof sa);
        sa.VidPnSourceId = env.prim[i].source;
        sa.PrimarySegment = 1;
        sa.hAllocation = env.prim[i].halloc;
        sa.Flags.ModeChange = 1;
        st = k->ddi.DxgkDdiSetVidPnSourceAddress(k->ctx, &sa);
        nt_pump();
        CHECK(st == STATUS_SUCCESS, "SetVidPnSourceAddress(%u): 0x%08x", env.prim[i].source, (unsigned)st);
    }
    return dxgk_no_violation("mode set");
}

static bool present(struct dxgk *k, struct primary *pr)
{
    DXGK_ALLOCATIONLIST al[2];
    memset(al, 0, sizeof al);
    al[0].hDeviceSpecificAllocation = pr->halloc;
    al[0].SegmentId = 1;
    DXGKARG_PRESENT p;
    memset(&p, 0, sizeof p);
    memset(env.dma, 0, DMA_SIZE);
    memset(env.priv, 0, PRIV_SIZE);
    p.pDmaBuffer = env.dma;
    p.DmaSize = DMA_SIZE;
    p.pDmaBufferPrivateData = env.priv;
    p.DmaBufferPrivateDataSize = PRIV_SIZE;
    p.pAllocationList = al;
    p.Flags.Flip = 1;
    p.SrcRect.right = p.DstRect.right = (LONG)pr->w;
    p.SrcRect.bottom = p.DstRect.bottom = (LONG)pr->h;
    NTSTATUS st = k->ddi.DxgkDdiPresent(env.hctx, &p);
    CHECK(st == STATUS_SUCCESS, "Present(flip): 0x%08x", (unsigned)st);
    CHECK((uint8_t *)p.pDmaBuffer > env.dma, "Present wrote no command");
    DXGKARG_PATCH pa;
    memset(&pa, 0, sizeof pa);
    pa.hContext = env.hctx;
    pa.pDmaBuffer = env.dma;
    pa.DmaBufferSize = DMA_SIZE;
    pa.DmaBufferSubmissionEndOffset = (UINT)((uint8_t *)p.pDmaBuffer - env.dma);
    pa.pDmaBufferPrivateData = env.priv;
    pa.DmaBufferPrivateDataSize = PRIV_SIZE;
    pa.DmaBufferPrivateDataSubmissionEndOffset = (UINT)((uint8_t *)p.pDmaBufferPrivateData - env.priv);
    pa.pAllocationList = al;
    pa.AllocationListSize = 1;
    pa.SubmissionFenceId = env.fence + 1;
    st = k->ddi.DxgkDdiPatch(k->ctx, &pa);
    CHECK(st == STATUS_SUCCESS, "Patch: 0x%08x", (unsigned)st);
    return submit(k, p.pDmaBuffer, p.pDmaBufferPrivateData, false, "present");
}

/* heads: nheads sizes; the mode=WxH option is head 0's */
static bool setup(struct dxgk *k, uint32_t nheads, const uint32_t *ws, const uint32_t *hs)
{
    memset(&env, 0, sizeof env);
    if (!kmdt_bring_up(k))
        return false;
    CHECK(k->nsrc >= nheads, "the driver reports %u sources, the scenario needs %u", (unsigned)k->nsrc, nheads);
    CHECK(k->paging_buffer_size <= DMA_SIZE && k->paging_priv_size <= PRIV_SIZE,
          "paging buffer %u + %u bytes exceed the harness's %u + %u", k->paging_buffer_size, k->paging_priv_size,
          DMA_SIZE, PRIV_SIZE);
    env.dma = page_alloc(DMA_SIZE, 4096);
    env.priv = page_alloc(PRIV_SIZE, 4096);
    CHECK(env.dma && env.priv, "no memory");
    DXGKARG_CREATEDEVICE cd;
    memset(&cd, 0, sizeof cd);
    cd.hDevice = (HANDLE)(uintptr_t)0xD0D0;
    NTSTATUS st = k->ddi.DxgkDdiCreateDevice(k->ctx, &cd);
    CHECK(st == STATUS_SUCCESS && cd.hDevice != (HANDLE)(uintptr_t)0xD0D0, "CreateDevice: 0x%08x", (unsigned)st);
    env.hdev = cd.hDevice;
    DXGKARG_CREATECONTEXT cc;
    memset(&cc, 0, sizeof cc);
    cc.hContext = (HANDLE)(uintptr_t)0xC0C0;
    st = k->ddi.DxgkDdiCreateContext(env.hdev, &cc);
    CHECK(st == STATUS_SUCCESS && cc.hContext != (HANDLE)(uintptr_t)0xC0C0, "CreateContext: 0x%08x", (unsigned)st);
    CHECK(cc.ContextInfo.DmaBufferSize && cc.ContextInfo.DmaBufferSize <= DMA_SIZE &&
              cc.ContextInfo.DmaBufferPrivateDataSize <= PRIV_SIZE,
          "CreateContext: DMA buffer %u bytes, private data %u", cc.ContextInfo.DmaBufferSize,
          cc.ContextInfo.DmaBufferPrivateDataSize);
    env.hctx = cc.hContext;
    for (uint32_t i = 0; i < nheads; i++) {
        env.nprim = i + 1;
        if (!create_primary(k, &env.prim[i], i, ws[i], hs[i]) || !paging_op(k, &env.prim[i], true))
            return false;
    }
    return commit_with_primaries(k);
}

static bool teardown(struct dxgk *k)
{
    bool ok = true;
    for (uint32_t i = 0; i < env.nprim; i++) {
        struct primary *pr = &env.prim[i];
        if (pr->mapped)
            ok = paging_op(k, pr, false) && ok;
        if (pr->halloc) {
            DXGKARG_DESTROYALLOCATION da;
            memset(&da, 0, sizeof da);
            da.NumAllocations = 1;
            da.pAllocationList = &pr->halloc;
            NTSTATUS st = k->ddi.DxgkDdiDestroyAllocation(k->ctx, &da);
            nt_pump();
            ok = ok && (st == STATUS_SUCCESS || t_fail("DestroyAllocation: 0x%08x", (unsigned)st));
        }
    }
    if (env.hctx)
        k->ddi.DxgkDdiDestroyContext(env.hctx);
    if (env.hdev)
        k->ddi.DxgkDdiDestroyDevice(env.hdev);
    ok = dxgk_stop(k) && ok;
    for (uint32_t i = 0; i < env.nprim; i++) {
        if (env.prim[i].backing)
            page_free(env.prim[i].backing, env.prim[i].backing_size);
        if (env.prim[i].mdl)
            page_free(env.prim[i].mdl, env.prim[i].mdl_size);
    }
    if (env.dma)
        page_free(env.dma, DMA_SIZE);
    if (env.priv)
        page_free(env.priv, PRIV_SIZE);
    memset(&env, 0, sizeof env);
    return ok && kmdt_no_leaks("after Stop/Remove/Unload");
}

static bool draw_and_present(struct dxgk *k, struct primary *pr, uint32_t seed, char *layers, size_t lsz)
{
    pattern_fill_mix((uint32_t *)pr->backing, pr->pitch / 4, seed, 0, 0, pr->w, pr->h);
    ksnprintf(layers, lsz, "mix:%u:0:0:%u:%u", seed, pr->w, pr->h);
    return present(k, pr) && t_screendump(pr->source, pr->w, pr->h, layers);
}

static bool t_kmd_present(void)
{
    struct dxgk *k = &dxgk_global;
    uint32_t w, h;
    char layers[64];
    CHECK(kmdt_mode_option(&w, &h), "needs mode=WxH (QEMU's xres/yres)");
    bool ok = setup(k, 1, &w, &h) && draw_and_present(k, &env.prim[0], 11, layers, sizeof layers);
    return teardown(k) && ok;
}

/* Two heads with different modes, each its own primary and picture. */
static bool t_kmd_two_heads(void)
{
    struct dxgk *k = &dxgk_global;
    uint32_t ws[2], hs[2] = {0, 768};
    char l0[64], l1[64];
    CHECK(kmdt_mode_option(&ws[0], &hs[0]), "needs mode=WxH (QEMU's xres/yres)");
    ws[1] = 1024;
    bool ok = setup(k, 2, ws, hs) && draw_and_present(k, &env.prim[0], 21, l0, sizeof l0) &&
              draw_and_present(k, &env.prim[1], 22, l1, sizeof l1) &&
              t_screendump(0, ws[0], hs[0], l0); /* head 0 untouched by head 1's present */
    return teardown(k) && ok;
}

/* The OS changes the mode of source 0 to `pr`'s size: a VidPN with the
 * new pinned modes committed with `pr` as primary, then its address. */
static bool switch_primary(struct dxgk *k, struct primary *pr)
{
    struct vidpn *v = vidpn_new();
    CHECK(v, "no memory");
    bool ok = vidpn_add_pinned_path(v, pr->source, pr->source, pr->w, pr->h, pr->w, pr->h);
    DXGKARG_ISSUPPORTEDVIDPN is = {vidpn_handle(v), FALSE};
    NTSTATUS st = ok ? k->ddi.DxgkDdiIsSupportedVidPn(k->ctx, &is) : STATUS_NO_MEMORY;
    ok = ok && st == STATUS_SUCCESS && is.IsVidPnSupported;
    DXGKARG_COMMITVIDPN c;
    memset(&c, 0, sizeof c);
    c.hFunctionalVidPn = vidpn_handle(v);
    c.AffectedVidPnSourceId = pr->source;
    c.MonitorConnectivityChecks = D3DKMDT_MCC_ENFORCE;
    c.hPrimaryAllocation = pr->halloc;
    if (ok)
        st = k->ddi.DxgkDdiCommitVidPn(k->ctx, &c);
    nt_pump();
    ok = ok && st == STATUS_SUCCESS && vidpn_check_released(v, "CommitVidPn");
    vidpn_free(v);
    CHECK(ok, "mode change to %ux%u: status 0x%08x supported %d %s", pr->w, pr->h, (unsigned)st, is.IsVidPnSupported,
          nt_shim_violation());
    DXGKARG_SETVIDPNSOURCEADDRESS sa;
    memset(&sa, 0, sizeof sa);
    sa.VidPnSourceId = pr->source;
    sa.PrimarySegment = 1;
    sa.hAllocation = pr->halloc;
    sa.Flags.ModeChange = 1;
    st = k->ddi.DxgkDdiSetVidPnSourceAddress(k->ctx, &sa);
    nt_pump();
    CHECK(st == STATUS_SUCCESS, "SetVidPnSourceAddress(%ux%u): 0x%08x", pr->w, pr->h, (unsigned)st);
    return dxgk_no_violation("mode change");
}

/* 1280x800 picture, switch to 1024x768 with its own primary and picture,
 * switch back: the first picture is shown again after a present. */
static bool t_kmd_mode_change_pixels(void)
{
    struct dxgk *k = &dxgk_global;
    uint32_t w, h;
    char l0[64], l1[64];
    CHECK(kmdt_mode_option(&w, &h), "needs mode=WxH (QEMU's xres/yres)");
    bool ok = setup(k, 1, &w, &h) && draw_and_present(k, &env.prim[0], 31, l0, sizeof l0);
    if (ok) {
        env.nprim = 2;
        ok = create_primary(k, &env.prim[1], 0, 1024, 768) && paging_op(k, &env.prim[1], true) &&
             switch_primary(k, &env.prim[1]) && draw_and_present(k, &env.prim[1], 32, l1, sizeof l1) &&
             switch_primary(k, &env.prim[0]) && present(k, &env.prim[0]) && t_screendump(0, w, h, l0);
    }
    return teardown(k) && ok;
}

static bool t_kmd_power_cycle(void)
{
    struct dxgk *k = &dxgk_global;
    uint32_t w, h;
    char layers[64];
    CHECK(kmdt_mode_option(&w, &h), "needs mode=WxH (QEMU's xres/yres)");
    bool ok = setup(k, 1, &w, &h) && draw_and_present(k, &env.prim[0], 12, layers, sizeof layers);
    if (ok) {
        NTSTATUS st = k->ddi.DxgkDdiSetPowerState(k->ctx, DISPLAY_ADAPTER_HW_ID, PowerDeviceD3, PowerActionSleep);
        nt_pump();
        ok = st == STATUS_SUCCESS || t_fail("SetPowerState(D3): 0x%08x", (unsigned)st);
    }
    if (ok) {
        NTSTATUS st = k->ddi.DxgkDdiSetPowerState(k->ctx, DISPLAY_ADAPTER_HW_ID, PowerDeviceD0, PowerActionSleep);
        nt_pump();
        ok = (st == STATUS_SUCCESS || t_fail("SetPowerState(D0): 0x%08x", (unsigned)st)) && dxgk_no_violation("D3->D0");
    }
    /* the driver rebuilt resource, backing and scanout from its records */
    ok = ok && t_screendump(0, w, h, layers);
    return teardown(k) && ok;
}

/* Vertical-blank interrupts: virtio-gpu has none, the driver emulates
 * them with a periodic timer (KeSetTimerEx + DPC) that reports
 * DXGK_INTERRUPT_CRTC_VSYNC through SynchronizeExecution at DIRQL and
 * NotifyDpc from the DDI DPC.  Enabled -> they arrive at about 60 Hz;
 * disabled -> they stop and no timer stays armed. */
static bool pump_for(uint64_t ms)
{
    uint64_t end = now_ns() + ms * 1000000ull;
    while (now_ns() < end) {
        nt_pump();
        cpu_wait_interrupt();
    }
    return true;
}

static bool vsync(struct dxgk *k)
{
    NTSTATUS st = k->ddi.DxgkDdiControlInterrupt(k->ctx, DXGK_INTERRUPT_CRTC_VSYNC, TRUE);
    CHECK(st == STATUS_SUCCESS, "ControlInterrupt(CRTC_VSYNC, enable): 0x%08x", (unsigned)st);
    uint32_t dpc0 = k->notify_dpc, v0 = k->vsyncs;
    pump_for(200);
    uint32_t n = k->vsyncs - v0;
    kprintf("kmd: %u vsync interrupts in 200 ms\n", n);
    CHECK(n >= 3 && n <= 20, "%u CRTC_VSYNC notifications in 200 ms (60 Hz expected)", n);
    CHECK(k->notify_dpc > dpc0, "vsyncs reported without DxgkCbNotifyDpc");
    st = k->ddi.DxgkDdiControlInterrupt(k->ctx, DXGK_INTERRUPT_CRTC_VSYNC, FALSE);
    CHECK(st == STATUS_SUCCESS, "ControlInterrupt(CRTC_VSYNC, disable): 0x%08x", (unsigned)st);
    pump_for(20);
    uint32_t v1 = k->vsyncs;
    pump_for(100);
    CHECK(k->vsyncs == v1, "%u vsyncs after disabling", k->vsyncs - v1);
    CHECK(nt_timers_live() == 0, "the vsync timer is still armed after disabling");
    return dxgk_no_violation("vsync");
}

static bool t_kmd_vsync(void)
{
    struct dxgk *k = &dxgk_global;
    uint32_t w, h;
    CHECK(kmdt_mode_option(&w, &h), "needs mode=WxH (QEMU's xres/yres)");
    bool ok = setup(k, 1, &w, &h) && vsync(k);
    return teardown(k) && ok;
}

/* Timeout detection and recovery: ResetFromTimeout resets the device
 * and must leave every submitted fence completed (QueryCurrentFence),
 * RestartFromTimeout says the adapter is usable, and after dxgkrnl sets
 * the source address again the next present shows pixel-exact. */
static bool t_kmd_tdr(void)
{
    struct dxgk *k = &dxgk_global;
    uint32_t w, h;
    char layers[64];
    CHECK(kmdt_mode_option(&w, &h), "needs mode=WxH (QEMU's xres/yres)");
    bool ok = setup(k, 1, &w, &h) && draw_and_present(k, &env.prim[0], 41, layers, sizeof layers);
    if (ok) {
        NTSTATUS st = k->ddi.DxgkDdiResetFromTimeout(k->ctx);
        nt_pump();
        ok = st == STATUS_SUCCESS || t_fail("ResetFromTimeout: 0x%08x", (unsigned)st);
        DXGKARG_QUERYCURRENTFENCE qf;
        memset(&qf, 0, sizeof qf);
        st = ok ? k->ddi.DxgkDdiQueryCurrentFence(k->ctx, &qf) : st;
        ok = ok && (st == STATUS_SUCCESS || t_fail("QueryCurrentFence: 0x%08x", (unsigned)st)) &&
             (qf.CurrentFence == env.fence || t_fail("after the reset the current fence is %u, %u were submitted",
                                                     qf.CurrentFence, env.fence));
        st = ok ? k->ddi.DxgkDdiRestartFromTimeout(k->ctx) : st;
        ok = ok && (st == STATUS_SUCCESS || t_fail("RestartFromTimeout: 0x%08x", (unsigned)st));
    }
    if (ok) {
        DXGKARG_SETVIDPNSOURCEADDRESS sa;
        memset(&sa, 0, sizeof sa);
        sa.PrimarySegment = 1;
        sa.hAllocation = env.prim[0].halloc;
        sa.Flags.ModeChange = 1;
        NTSTATUS st = k->ddi.DxgkDdiSetVidPnSourceAddress(k->ctx, &sa);
        nt_pump();
        ok = (st == STATUS_SUCCESS || t_fail("SetVidPnSourceAddress after TDR: 0x%08x", (unsigned)st)) &&
             draw_and_present(k, &env.prim[0], 42, layers, sizeof layers) && dxgk_no_violation("TDR");
    }
    return teardown(k) && ok;
}

const struct guest_test kmd_present_tests[] = {
    {"kmd_present", t_kmd_present},
    {"kmd_power_cycle", t_kmd_power_cycle},
    {"kmd_two_heads", t_kmd_two_heads},
    {"kmd_mode_change_pixels", t_kmd_mode_change_pixels},
    {"kmd_vsync", t_kmd_vsync},
    {"kmd_tdr", t_kmd_tdr},
    {NULL, NULL},
};
