/*
 * umd_device.c — device creation, the DDI tables, command submission and
 * the capability answers (formats, multisampling, counters, text filter).
 *
 * CreateDevice takes the device memory the runtime allocated
 * (CalcPrivateDeviceSize), creates a GPU context with pfnCreateContextCb
 * (which hands over the first command buffer), points the virgl encoder
 * at that buffer and fills every entry of the D3D10.0 or D3D10.1 table.
 * The encoder's flush callback is the only submission path: it passes the
 * dwords written so far to pfnRenderCb and continues in the buffer the
 * runtime returns.  Failures inside a VOID DDI are reported with
 * pfnSetErrorCb, as the DDI documents.
 */
#include "umd_priv.h"

#include "virgl/virgl_format.h"
#include "wddm/dxgiddi.h" /* DXGI_DDI_ERR_UNSUPPORTED (CheckCounter) */

const uint32_t umd_stage_type[UMD_STAGES] = {VIRGL_SHADER_VERTEX, VIRGL_SHADER_FRAGMENT,
                                             VIRGL_SHADER_GEOMETRY};

void umd_set_error(struct umd_device *d, HRESULT hr)
{
    if (d->um && d->um->pfnSetErrorCb)
        d->um->pfnSetErrorCb(d->hcore, hr);
}

void umd_check_enc(struct umd_device *d)
{
    if (d->enc.error) {
        umd_set_error(d, d->enc.error == VIRGL_EINVAL ? E_INVALIDARG : E_FAIL);
        d->enc.error = 0;
    }
}

/* virgl_enc flush callback: one pfnRenderCb per full (or flushed) buffer,
 * framed by the viogpu_cmdbuf_hdr the KMD's validator expects. */
static int umd_render(void *ctx, struct virgl_enc *e, const uint32_t *buf, uint32_t ndw)
{
    struct umd_device *d = ctx;
    (void)buf;
    if (d->lost)
        return -1;
    d->cmd_base[0] = VIOGPU_CMDBUF_MAGIC;
    d->cmd_base[1] = VIOGPU_CMDBUF_VERSION;
    d->cmd_base[2] = sizeof(struct viogpu_cmdbuf_hdr);
    d->cmd_base[3] = ndw;
    D3DDDICB_RENDER r = {0};
    r.CommandLength = (uint32_t)sizeof(struct viogpu_cmdbuf_hdr) + ndw * 4u;
    r.CommandOffset = 0;
    r.NumAllocations = d->nalist;
    r.hContext = d->hcontext;
    HRESULT hr = d->kt->pfnRenderCb(d->hrt.handle, &r);
    if (FAILED(hr) || !r.pNewCommandBuffer || r.NewCommandBufferSize < 64 || !r.pNewAllocationList ||
        r.NewAllocationListSize < 16) {
        d->lost = true;
        return -1;
    }
    /* A flush the encoder forced in the middle of a command keeps the refs
     * already written valid: the new list starts as a copy of the old one.
     * Explicit submits (umd_submit) start an empty list instead. */
    if (d->alist_reset || d->nalist > r.NewAllocationListSize) {
        d->nalist = 0;
        d->alist_epoch++;
    } else if (r.pNewAllocationList != d->alist) {
        for (uint32_t i = 0; i < d->nalist; i++)
            r.pNewAllocationList[i] = d->alist[i];
    }
    d->alist_reset = false;
    d->alist = r.pNewAllocationList;
    d->alist_cap = r.NewAllocationListSize;
    d->cmd_base = r.pNewCommandBuffer;
    virgl_enc_set_buffer(e, d->cmd_base + 4, r.NewCommandBufferSize / 4u - 4u);
    d->batch++; /* what was queued so far is on its way to the host */
    return 0;
}

int umd_submit(struct umd_device *d)
{
    d->alist_reset = true;
    int rc = virgl_enc_flush(&d->enc);
    if (d->alist_reset) { /* nothing was queued: no buffer names the list */
        d->alist_reset = false;
        d->nalist = 0;
        d->alist_epoch++;
    }
    if (rc) {
        d->enc.error = 0;
        umd_set_error(d, E_FAIL);
    }
    return rc;
}

void umd_ref_room(struct umd_device *d, uint32_t n)
{
    if (d->nalist + n > d->alist_cap)
        umd_submit(d);
}

/* One list entry per allocation; its WriteOperation is the OR of every use
 * in the list (the KMD's validator refuses a written slot whose entry lacks
 * it, and the OS synchronizes CPU access on it). */
static uint32_t ref_alloc(struct umd_device *d, D3DKMT_HANDLE h, UINT write)
{
    if (!h)
        return 0;
    for (uint32_t i = 0; i < d->nalist; i++)
        if (d->alist[i].hAllocation == h) {
            d->alist[i].WriteOperation |= write;
            return VIOGPU_CMDBUF_REF(i);
        }
    umd_ref_room(d, 1);
    uint32_t i = d->nalist++;
    d->alist[i].hAllocation = h;
    d->alist[i].Value = 0;
    d->alist[i].WriteOperation = write;
    return VIOGPU_CMDBUF_REF(i);
}

uint32_t umd_ref_alloc(struct umd_device *d, D3DKMT_HANDLE h)
{
    return ref_alloc(d, h, 1);
}

static uint32_t ref_res(struct umd_device *d, struct umd_resource *r, UINT write)
{
    if (!r || !r->halloc)
        return 0;
    if (r->list_epoch == d->alist_epoch && r->list_halloc == r->halloc && r->list_slot < d->nalist) {
        d->alist[r->list_slot].WriteOperation |= write;
        return VIOGPU_CMDBUF_REF(r->list_slot);
    }
    uint32_t ref = ref_alloc(d, r->halloc, write);
    r->list_epoch = d->alist_epoch;
    r->list_halloc = r->halloc;
    r->list_slot = ref - 1u;
    return ref;
}

/* A use the GPU may write (anything not known to be a read stays here:
 * render targets, SO, copy/blit destinations, transfers, clears). */
uint32_t umd_ref(struct umd_device *d, struct umd_resource *r)
{
    return ref_res(d, r, 1);
}

/* A use the GPU only reads: vertex/index/constant buffers, sampler views,
 * copy and blit sources. */
uint32_t umd_ref_read(struct umd_device *d, struct umd_resource *r)
{
    return ref_res(d, r, 0);
}

static VOID APIENTRY umd_flush(D3D10DDI_HDEVICE hd)
{
    umd_submit(umd_dev(hd));
}

static VOID APIENTRY umd_destroy_device(D3D10DDI_HDEVICE hd)
{
    struct umd_device *d = umd_dev(hd);
    umd_submit(d);
    if (d->rast_halloc) {
        D3DDDICB_DEALLOCATE da = {.NumAllocations = 1, .HandleList = &d->rast_halloc};
        d->kt->pfnDeallocateCb(d->hrt.handle, &da);
        d->rast_halloc = 0;
    }
    if (d->kt->pfnDestroyContextCb) {
        D3DDDICB_DESTROYCONTEXT dc = {.hContext = d->hcontext};
        d->kt->pfnDestroyContextCb(d->hrt.handle, &dc);
    }
    d->magic = 0;
}

/* Driver function tables are not stored by the UMD, so relocation has
 * nothing to fix up. */
static VOID APIENTRY umd_relocate_10_0(D3D10DDI_HDEVICE hd, struct D3D10DDI_DEVICEFUNCS *f)
{
    (void)hd;
    (void)f;
}
static VOID APIENTRY umd_relocate_10_1(D3D10DDI_HDEVICE hd, struct D3D10_1DDI_DEVICEFUNCS *f)
{
    (void)hd;
    (void)f;
}

/* ---- counters and the text filter ------------------------------------------ */
/* D3D10DDI_QUERY's well-known counters: GPU_IDLE (0x1000) up to
 * TEXTURE_CACHE_HIT_RATE, 18 of them; device-dependent ones start at
 * D3D10DDI_COUNTER_DEVICE_DEPENDENT_0. */
#define UMD_COUNTER_FIRST 0x1000u
#define UMD_COUNTER_LAST (UMD_COUNTER_FIRST + 17u)

/* This driver measures no counter (CheckCounterInfo: none device-dependent,
 * 0 simultaneous).  As documented: a well-known counter the device does not
 * support is DXGI_DDI_ERR_UNSUPPORTED; a device-dependent identifier is out
 * of range (there are none) and anything else is not a counter, both
 * E_INVALIDARG.  The outputs are left untouched. */
static VOID APIENTRY umd_check_counter(D3D10DDI_HDEVICE hd, D3D10DDI_QUERY q, D3D10DDI_COUNTER_TYPE *t, UINT *n,
                                       LPSTR a, UINT *al, LPSTR b, UINT *bl, LPSTR c, UINT *cl)
{
    (void)t; (void)n; (void)a; (void)al; (void)b; (void)bl; (void)c; (void)cl;
    uint32_t id = (uint32_t)q;
    umd_set_error(umd_dev(hd), id >= UMD_COUNTER_FIRST && id <= UMD_COUNTER_LAST ? DXGI_DDI_ERR_UNSUPPORTED
                                                                                  : E_INVALIDARG);
}

/* The monochrome (D3D10_DDI_FILTER_TEXT_1BIT) convolution size, 1..7 texels
 * each way, 1x1 from device creation (the zeroed device stores size - 1).
 * Documented to raise no error: values out of range are clamped. */
static VOID APIENTRY umd_text_filter(D3D10DDI_HDEVICE hd, UINT w, UINT h)
{
    struct umd_device *d = umd_dev(hd);
    d->text_filter_w = (uint8_t)((w < 1 ? 1 : w > 7 ? 7 : w) - 1);
    d->text_filter_h = (uint8_t)((h < 1 ? 1 : h > 7 ? 7 : h) - 1);
}

/* Implemented capability answers that need no host query. */
static VOID APIENTRY umd_check_ms_quality(D3D10DDI_HDEVICE hd, DXGI_FORMAT f, UINT count, UINT *levels)
{
    /* One (standard) pattern per sample count the host renders with:
     * powers of two up to caps.max_samples, for formats it can render. */
    struct umd_device *d = umd_dev(hd);
    UINT n = 0;
    if (count == 1)
        n = 1;
    else if (count && !(count & (count - 1)) && count <= d->adapter->caps.max_samples &&
             (virgl_format_dxgi_binds(&d->adapter->caps, f) & VIRGL_BIND_RENDER_TARGET))
        n = 1;
    if (levels)
        *levels = n;
}
/* D3D10_DDI_FORMAT_SUPPORT_* from the host caps: sampling and render
 * targets as virgl lists them (after the format table's stand-ins),
 * blending for non-integer render targets, and for render targets when
 * the host multisamples (umd_check_ms_quality answers a level) the
 * multisample render-target and load bits (umd_view.c: a sampler view of
 * the multisampled resource, read by ld_ms).  A format the table cannot
 * map at all is NOT_SUPPORTED. */
#define UMD_FMT_SHADER_SAMPLE 0x01u
#define UMD_FMT_RENDERTARGET 0x02u
#define UMD_FMT_BLENDABLE 0x04u
#define UMD_FMT_MULTISAMPLE_RENDERTARGET 0x08u
#define UMD_FMT_MULTISAMPLE_LOAD 0x10u
#define UMD_FMT_NOT_SUPPORTED 0x80000000u
static VOID APIENTRY umd_check_format(D3D10DDI_HDEVICE hd, DXGI_FORMAT f, UINT *caps)
{
    struct umd_device *d = umd_dev(hd);
    if (!caps) {
        umd_set_error(d, E_INVALIDARG);
        return;
    }
    const struct virgl_format_desc *fd = virgl_format_from_dxgi(f);
    if (!fd) {
        *caps = UMD_FMT_NOT_SUPPORTED;
        return;
    }
    uint32_t binds = virgl_format_dxgi_binds(&d->adapter->caps, f);
    bool integer = (fd->flags & VIRGL_FMT_INTEGER) != 0;
    UINT c = 0;
    if ((binds & VIRGL_BIND_SAMPLER_VIEW) && !integer && !(fd->flags & VIRGL_FMT_TYPELESS))
        c |= UMD_FMT_SHADER_SAMPLE;
    if (binds & VIRGL_BIND_RENDER_TARGET) {
        c |= UMD_FMT_RENDERTARGET;
        if (!integer)
            c |= UMD_FMT_BLENDABLE;
        if (d->adapter->caps.max_samples >= 2 && (binds & VIRGL_BIND_SAMPLER_VIEW))
            c |= UMD_FMT_MULTISAMPLE_RENDERTARGET | UMD_FMT_MULTISAMPLE_LOAD;
    }
    *caps = c;
}

static VOID APIENTRY umd_check_counter_info(D3D10DDI_HDEVICE hd, D3D10DDI_COUNTER_INFO *ci)
{
    (void)hd;
    if (ci) {
        ci->LastDeviceDependentCounter = (D3D10DDI_QUERY)0;
        ci->NumSimultaneousCounters = 0;
        ci->NumDetectableParallelUnits = 0;
    }
}

/* Fills the members both tables share; the caller casts the 10.1 table,
 * whose layout differs only in the types of five members and two extra
 * entries at the end (asserted in d3d10umddi.h). */
static void umd_fill_common(D3D10DDI_DEVICEFUNCS *f)
{
    umd_resource_funcs(f);
    umd_view_funcs(f);
    umd_state_funcs(f);
    umd_draw_funcs(f);
    f->pfnFlush = umd_flush;
    f->pfnDestroyDevice = umd_destroy_device;
    umd_query_funcs(f);
    umd_so_funcs(f);
    f->pfnCalcPrivateOpenedResourceSize = umd_shared_calc_opened; /* umd_shared.c */
    f->pfnOpenResource = umd_shared_open;
    f->pfnCheckFormatSupport = umd_check_format;
    f->pfnCheckMultisampleQualityLevels = umd_check_ms_quality;
    f->pfnCheckCounterInfo = umd_check_counter_info;
    f->pfnCheckCounter = umd_check_counter;
    f->pfnSetTextFilterSize = umd_text_filter;
}

void umd_fill_funcs_10_0(D3D10DDI_DEVICEFUNCS *f)
{
    umd_fill_common(f);
    f->pfnRelocateDeviceFuncs = umd_relocate_10_0;
}

void umd_fill_funcs_10_1(D3D10_1DDI_DEVICEFUNCS *f)
{
    _Static_assert(__builtin_offsetof(D3D10_1DDI_DEVICEFUNCS, pfnSetTextFilterSize) ==
                       __builtin_offsetof(D3D10DDI_DEVICEFUNCS, pfnSetTextFilterSize),
                   "the 10.1 table extends the 10.0 layout");
    umd_fill_common((D3D10DDI_DEVICEFUNCS *)(void *)f);
    f->pfnRelocateDeviceFuncs = umd_relocate_10_1;
    umd_resource_funcs_10_1(f);
    umd_view_funcs_10_1(f);
    umd_state_funcs_10_1(f);
    umd_draw_funcs_10_1(f);
}

SIZE_T APIENTRY umd_calc_device_size(D3D10DDI_HADAPTER ha, const D3D10DDIARG_CALCPRIVATEDEVICESIZE *args)
{
    (void)ha;
    (void)args;
    return sizeof(struct umd_device);
}

HRESULT APIENTRY umd_create_device(D3D10DDI_HADAPTER ha, D3D10DDIARG_CREATEDEVICE *args)
{
    struct umd_adapter *a = ha.pDrvPrivate;
    if (!a || !args || !args->hDrvDevice.pDrvPrivate || !args->pKTCallbacks || !args->pUMCallbacks ||
        !args->pDeviceFuncs)
        return E_INVALIDARG;
    if (args->Interface != D3D10_0_DDI_INTERFACE_VERSION && args->Interface != D3D10_1_DDI_INTERFACE_VERSION)
        return E_NOTIMPL;
    const D3DDDI_DEVICECALLBACKS *kt = args->pKTCallbacks;
    if (!kt->pfnAllocateCb || !kt->pfnDeallocateCb || !kt->pfnRenderCb || !kt->pfnLockCb || !kt->pfnUnlockCb ||
        !kt->pfnCreateContextCb)
        return E_INVALIDARG;

    struct umd_device *d = args->hDrvDevice.pDrvPrivate;
    uint8_t *p = (uint8_t *)d;
    for (size_t i = 0; i < sizeof(*d); i++)
        p[i] = 0;
    d->magic = UMD_DEVICE_MAGIC;
    d->adapter = a;
    d->interface_version = args->Interface;
    d->hrt = args->hRTDevice;
    d->hcore = args->hRTCoreLayer;
    d->kt = kt;
    d->um = args->pUMCallbacks;
    d->next_handle = 1;
    d->batch = 1;

    D3DDDICB_CREATECONTEXT cc = {0};
    cc.NodeOrdinal = 0;
    cc.EngineAffinity = 1;
    HRESULT hr = kt->pfnCreateContextCb(d->hrt.handle, &cc);
    if (FAILED(hr))
        return hr;
    if (!cc.pCommandBuffer || cc.CommandBufferSize < 64 || !cc.pAllocationList || cc.AllocationListSize < 16)
        return E_FAIL;
    d->hcontext = cc.hContext;
    d->cmd_base = cc.pCommandBuffer;
    d->alist = cc.pAllocationList;
    d->alist_cap = cc.AllocationListSize;
    d->alist_epoch = 1;
    virgl_enc_init(&d->enc, d->cmd_base + 4, cc.CommandBufferSize / 4u - 4u, umd_render, d);

    umd_dxgi_init(d, args);
    if (args->Interface == D3D10_1_DDI_INTERFACE_VERSION)
        umd_fill_funcs_10_1(args->p10_1DeviceFuncs);
    else
        umd_fill_funcs_10_0(args->pDeviceFuncs);
    return S_OK;
}
