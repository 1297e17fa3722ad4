/*
 * umd_fuzz.c — libFuzzer target for the UMD's parsers of data the kernel
 * side hands it (src/umd), which the UMD must not trust blindly:
 *   (a) the adapter private data pfnQueryAdapterInfoCb(UMDRIVERPRIVATE)
 *       answers at OpenAdapter10/OpenAdapter10_2 (struct viogpu_umd_private:
 *       adapter info + the virgl capset, umd_adapter.c umd_open -> the
 *       src/virgl caps parser), then what the caps drive: GetCaps,
 *       CheckFormatSupport, CheckMultisampleQualityLevels, a texture and a
 *       buffer created, cleared, uploaded and submitted;
 *   (b) the resource-level and allocation-level private data handed to
 *       OpenResource (struct viogpu_resource_priv + struct viogpu_alloc_priv,
 *       umd_shared.c open_checked), then views, a clear, an upload into the
 *       opened resource and a submission.
 * No virgl server: the runtime and KMD callbacks are memory-only fakes
 * here.  Every buffer the UMD reads or writes is an exactly sized heap
 * block (ASan), and the invariants are checked with abort():
 *   - OpenAdapter succeeds exactly when the adapter info is ours and the
 *     capset parses;
 *   - OpenResource either opens what both halves agree on (a host resource
 *     whose backing really holds the texture) or reports one E_INVALIDARG
 *     and leaves res_id 0;
 *   - every command buffer the UMD submits passes the KMD's validator
 *     (src/cmdbuf vcb_validate) against the allocations as the KMD has them;
 *   - locks and deallocations name live allocations, and DestroyDevice
 *     leaves none of those the UMD created.
 *
 * Input: byte 0 picks the mode and flags (FZ_* below).
 *   even (adapter): bit 1 OpenAdapter10_2 (else OpenAdapter10), bit 2 the
 *     D3D10.0 interface (else 10.1), bit 3 the query callback fails;
 *     byte 1 the DXGI format of the test texture; the rest is what the KMD
 *     writes into the UMD's struct viogpu_umd_private.
 *   odd with bit 2 (ddi): a sequence of DDI calls with fuzzed slots,
 *     counts, boxes, subresources and view ranges on a device holding a
 *     fixed set of resources (tests/fuzz/umd_fuzz_ddi.c describes it).
 *   odd (open): bit 1 the D3D10.0 interface; then struct fz_open_hdr
 *     (argument shape, adapter limits, update box), the resource private
 *     data and the allocation private data (or, with FZ_AP_AGREE, only its
 *     KMD-filled outputs); a short input is zero padded.
 * Usage: run by scripts/run-fuzzer.sh from tests/suites/umd-fuzz.sh.
 * `umd_fuzz --write-seeds DIR [CAPSET...]` writes valid inputs of each mode
 * built here (synthetic v1/v2 capsets, a shared texture and a primary to
 * open), plus an adapter input around each raw capset file given.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdbuf/vcb.h"
#include "umd_fuzz.h"
#include "umd/umd_priv.h"
#include "virgl/virgl_format.h"
#include "viogpu/virtio_gpu.h"
#include "wddm/dxgiddi.h"

HRESULT APIENTRY OpenAdapter10(D3D10DDIARG_OPENADAPTER *args);
HRESULT APIENTRY OpenAdapter10_2(D3D10DDIARG_OPENADAPTER *args);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Selector bits. */
#define FZ_OPEN 0x01u
#define FZ_A_10_2 0x02u   /* adapter: OpenAdapter10_2 */
#define FZ_IFACE_10_0 0x04u /* adapter: the D3D10.0 interface */
#define FZ_A_QFAIL 0x08u  /* adapter: pfnQueryAdapterInfoCb fails */
#define FZ_O_10_0 0x02u   /* open: the D3D10.0 interface */
#define FZ_DDI 0x04u      /* with FZ_OPEN: DDI call sequences (umd_fuzz_ddi.c) */

/* struct fz_open_hdr.ctl: the argument shapes a runtime could hand over. */
#define FZ_RP_SHAPE(c) ((c) & 3u)         /* 0 exact, 1 short by 4, 2 long by 4, 3 NULL */
#define FZ_AP_SHAPE(c) (((c) >> 2) & 3u)
#define FZ_NALLOC(c) (((c) >> 4) & 3u)    /* 0: one allocation, 1: none, 2: two, 3: one */
#define FZ_NO_HALLOC 0x40u                /* hAllocation 0 */
#define FZ_NO_OPENINFO 0x80u              /* pOpenAllocationInfo NULL */
/* The allocation data is what the resource data makes (a consistent, maybe
 * hostile, creator): only res_id, pitch and backing_size come from the
 * input, so the fuzzer explores shapes instead of matching two halves. */
#define FZ_AP_AGREE 0x100u

struct fz_open_hdr {
    uint32_t ctl;
    uint32_t max_width, max_height, num_scanouts; /* the adapter info the device runs with */
    uint32_t box[4];                              /* x, y, w, h of the upload (taken modulo the size) */
};

#define FZ_CMDBUF_BYTES (16u * 1024u)
#define FZ_ALIST 64u
#define FZ_MAX_ALLOCS 64u
#define FZ_OPEN_SLOT (FZ_MAX_ALLOCS - 1u)
#define FZ_BACKING_MAX (4u << 20) /* larger backings: the fake KMD cannot map them */
#define FZ_CONTEXT ((HANDLE)(uintptr_t)0x77)

struct fz_alloc {
    bool used, created; /* created: by the UMD through pfnAllocateCb */
    struct viogpu_alloc_priv priv;
    uint8_t *backing;   /* NULL: too large to map here */
};

static struct {
    const uint8_t *umd_private; /* adapter mode: what the KMD answers */
    size_t umd_private_len;
    bool qai_fail;
    uint32_t cmdbuf[FZ_CMDBUF_BYTES / 4];
    uint32_t vcb_out[FZ_CMDBUF_BYTES / 4];
    D3DDDI_ALLOCATIONLIST alist[FZ_ALIST];
    struct fz_alloc allocs[FZ_MAX_ALLOCS];
    uint32_t next_res;
    unsigned nerrors;
    HRESULT first_error;
    unsigned alloc_calls; /* pfnAllocateCb calls since the input started */
} g;

/* ---- the KMD's side: allocations ----------------------------------------- */

static uint64_t sat_mul(uint64_t a, uint64_t b)
{
    uint64_t r;
    return __builtin_mul_overflow(a, b, &r) ? UINT64_MAX : r;
}
static uint64_t sat_add(uint64_t a, uint64_t b)
{
    return a + b < a ? UINT64_MAX : a + b;
}

/* Bytes of guest backing a resource of this shape needs, computed the way
 * the KMD would (64-bit, saturating), independently of the UMD's math. */
uint64_t backing_bytes(const struct viogpu_alloc_priv *p)
{
    if (p->target == VIRGL_TARGET_BUFFER)
        return p->width;
    const struct virgl_format_desc *f = virgl_format_info(p->format);
    if (!f)
        return 0;
    uint64_t total = 0;
    for (uint32_t l = 0; l <= p->last_level && l < 32; l++) {
        uint64_t w = p->width >> l, h = p->height >> l, z = p->depth >> l;
        w = w ? w : 1;
        h = (h && p->target != VIRGL_TARGET_1D && p->target != VIRGL_TARGET_1D_ARRAY) ? h : 1;
        uint64_t layers = p->target == VIRGL_TARGET_3D ? (z ? z : 1) : (p->array_size ? p->array_size : 1);
        if (f->flags & VIRGL_FMT_COMPRESSED) {
            w = (w + 3) / 4;
            h = (h + 3) / 4;
        }
        total = sat_add(total, sat_mul(sat_mul(sat_mul(w, f->block_bytes), h), layers));
    }
    return total;
}

static struct fz_alloc *alloc_of(D3DKMT_HANDLE h)
{
    return h >= 1 && h <= FZ_MAX_ALLOCS && g.allocs[h - 1].used ? &g.allocs[h - 1] : NULL;
}

static void alloc_free(struct fz_alloc *al)
{
    free(al->backing);
    memset(al, 0, sizeof(*al));
}

static HRESULT APIENTRY cb_allocate(HANDLE h, D3DDDICB_ALLOCATE *a)
{
    (void)h;
    FZ_CHECK(a && a->NumAllocations == 1 && a->pAllocationInfo);
    g.alloc_calls++;
    D3DDDI_ALLOCATIONINFO *ai = &a->pAllocationInfo[0];
    struct viogpu_alloc_priv *p = ai->pPrivateDriverData;
    /* What DxgkDdiCreateAllocation checks first: the UMD's own data must pass. */
    FZ_CHECK(p && ai->PrivateDriverDataSize == sizeof(*p) && p->size == sizeof(*p) &&
             p->abi_version == VIOGPU_ABI_VERSION);
    uint64_t bytes = backing_bytes(p);
    if (!bytes || bytes > FZ_BACKING_MAX)
        return E_OUTOFMEMORY;
    uint32_t slot = 0;
    while (slot < FZ_OPEN_SLOT && g.allocs[slot].used)
        slot++;
    if (slot == FZ_OPEN_SLOT)
        return E_OUTOFMEMORY;
    struct fz_alloc *al = &g.allocs[slot];
    al->backing = calloc(1, (size_t)bytes);
    if (!al->backing)
        return E_OUTOFMEMORY;
    p->res_id = ++g.next_res;
    p->pitch = p->target == VIRGL_TARGET_BUFFER ? p->width : virgl_format_stride(p->format, p->width);
    p->backing_size = bytes;
    al->used = al->created = true;
    al->priv = *p;
    ai->hAllocation = slot + 1;
    return S_OK;
}

static HRESULT APIENTRY cb_deallocate(HANDLE h, const D3DDDICB_DEALLOCATE *d)
{
    (void)h;
    for (UINT i = 0; i < d->NumAllocations; i++) {
        struct fz_alloc *al = alloc_of(d->HandleList[i]);
        FZ_CHECK(al); /* never a handle it does not hold */
        alloc_free(al);
    }
    return S_OK;
}

static HRESULT APIENTRY cb_lock(HANDLE h, D3DDDICB_LOCK *l)
{
    (void)h;
    struct fz_alloc *al = alloc_of(l->hAllocation);
    FZ_CHECK(al);
    if (!al->backing)
        return E_OUTOFMEMORY;
    l->pData = al->backing;
    return S_OK;
}

static HRESULT APIENTRY cb_unlock(HANDLE h, const D3DDDICB_UNLOCK *u)
{
    (void)h;
    for (UINT i = 0; i < u->NumAllocations; i++)
        FZ_CHECK(alloc_of(u->phAllocations[i]));
    return S_OK;
}

static HRESULT APIENTRY cb_create_context(HANDLE h, D3DDDICB_CREATECONTEXT *c)
{
    (void)h;
    c->hContext = FZ_CONTEXT;
    c->pCommandBuffer = g.cmdbuf;
    c->CommandBufferSize = FZ_CMDBUF_BYTES;
    c->pAllocationList = g.alist;
    c->AllocationListSize = FZ_ALIST;
    return S_OK;
}

static HRESULT APIENTRY cb_destroy_context(HANDLE h, const D3DDDICB_DESTROYCONTEXT *c)
{
    (void)h;
    FZ_CHECK(c->hContext == FZ_CONTEXT);
    return S_OK;
}

/* DxgkDdiRender: the shared validator must accept what the UMD wrote,
 * checked against each allocation as the KMD created it. */
static HRESULT APIENTRY cb_render(HANDLE h, D3DDDICB_RENDER *r)
{
    (void)h;
    FZ_CHECK(r->hContext == FZ_CONTEXT && r->CommandOffset == 0 && r->CommandLength <= FZ_CMDBUF_BYTES &&
             r->NumAllocations <= FZ_ALIST);
    struct vcb_alloc va[FZ_ALIST];
    for (UINT i = 0; i < r->NumAllocations; i++) {
        struct fz_alloc *al = alloc_of(g.alist[i].hAllocation);
        memset(&va[i], 0, sizeof(va[i]));
        if (al)
            vcb_alloc_from_priv(&va[i], &al->priv, g.alist[i].WriteOperation);
    }
    struct vcb_result vr;
    int e = vcb_validate(g.cmdbuf, r->CommandLength, va, r->NumAllocations, g.vcb_out, FZ_CMDBUF_BYTES / 4, &vr);
    if (e) {
        fprintf(stderr, "umd_fuzz: submission rejected: %s at dword %u\n", vcb_strerror(e), (unsigned)vr.err_dw);
        abort();
    }
    r->pNewCommandBuffer = g.cmdbuf;
    r->NewCommandBufferSize = FZ_CMDBUF_BYTES;
    r->pNewAllocationList = g.alist;
    r->NewAllocationListSize = FZ_ALIST;
    return S_OK;
}

static void APIENTRY cb_set_error(D3D10DDI_HRTCORELAYER h, HRESULT hr)
{
    (void)h;
    if (!g.nerrors++)
        g.first_error = hr;
}

static HRESULT APIENTRY cb_query_adapter_info(HANDLE h, const D3DDDICB_QUERYADAPTERINFO *q)
{
    (void)h;
    /* abi.h: the KMD fails a buffer too small for the adapter info. */
    if (g.qai_fail || !q || !q->pPrivateDriverData || q->PrivateDriverDataSize < sizeof(struct viogpu_adapter_info))
        return E_FAIL;
    size_t n = g.umd_private_len < q->PrivateDriverDataSize ? g.umd_private_len : q->PrivateDriverDataSize;
    memcpy(q->pPrivateDriverData, g.umd_private, n);
    return S_OK;
}

static const D3DDDI_DEVICECALLBACKS kt_callbacks = {
    .pfnAllocateCb = cb_allocate,
    .pfnDeallocateCb = cb_deallocate,
    .pfnRenderCb = cb_render,
    .pfnLockCb = cb_lock,
    .pfnUnlockCb = cb_unlock,
    .pfnCreateContextCb = cb_create_context,
    .pfnDestroyContextCb = cb_destroy_context,
};
static const D3D10DDI_CORELAYER_DEVICECALLBACKS um_callbacks = {.pfnSetErrorCb = cb_set_error};
static const D3DDDI_ADAPTERCALLBACKS adapter_callbacks = {.pfnQueryAdapterInfoCb = cb_query_adapter_info};

/* ---- the runtime's side ---------------------------------------------------- */

/* Driver memory the way a debug runtime hands it: not zeroed. */
void *rt_mem(SIZE_T size)
{
    void *p = malloc(size ? size : 1);
    FZ_CHECK(p);
    memset(p, 0xcd, size ? size : 1);
    return p;
}

void create_device(struct fz_dev *v)
{
    D3D10DDIARG_CALCPRIVATEDEVICESIZE cs = {.Interface = v->iface};
    v->hd.pDrvPrivate = rt_mem(v->af.pfnCalcPrivateDeviceSize(v->ha, &cs));
    D3D10DDIARG_CREATEDEVICE cd;
    memset(&cd, 0, sizeof(cd));
    cd.hRTDevice.handle = v;
    cd.Interface = v->iface;
    cd.Version = v->iface == D3D10_1_DDI_INTERFACE_VERSION ? D3D10_1_DDI_BUILD_VERSION : D3D10_0_DDI_BUILD_VERSION;
    cd.pKTCallbacks = &kt_callbacks;
    cd.p10_1DeviceFuncs = &v->f;
    cd.hDrvDevice = v->hd;
    cd.hRTCoreLayer.handle = v;
    cd.pUMCallbacks = &um_callbacks;
    cd.DXGIBaseDDI.pDXGIBaseCallbacks = &v->dxgi_cb;
    cd.DXGIBaseDDI.pDXGIDDIBaseFunctions = &v->dxgi;
    FZ_CHECK(SUCCEEDED(v->af.pfnCreateDevice(v->ha, &cd)));
}

/* DestroyDevice, then nothing the UMD allocated may be left. */
void destroy_device(struct fz_dev *v)
{
    v->f.pfnDestroyDevice(v->hd);
    free(v->hd.pDrvPrivate);
    for (uint32_t i = 0; i < FZ_MAX_ALLOCS; i++) {
        FZ_CHECK(!g.allocs[i].used || !g.allocs[i].created);
        if (g.allocs[i].used)
            alloc_free(&g.allocs[i]); /* the opened one: the runtime closes it */
    }
}

static D3D10DDI_HRENDERTARGETVIEW make_rtv(struct fz_dev *v, D3D10DDI_HRESOURCE r, uint32_t dxgi)
{
    D3D10DDIARG_CREATERENDERTARGETVIEW a;
    memset(&a, 0, sizeof(a));
    a.hDrvResource = r;
    a.Format = (DXGI_FORMAT)dxgi;
    a.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
    a.Tex2D.ArraySize = 1;
    D3D10DDI_HRENDERTARGETVIEW h = {rt_mem(v->f.pfnCalcPrivateRenderTargetViewSize(v->hd, &a))};
    v->f.pfnCreateRenderTargetView(v->hd, &a, h, (D3D10DDI_HRTRENDERTARGETVIEW){NULL});
    return h;
}

/* The 10.0 table takes the 10.0 argument (the runtime converts). */
static D3D10DDI_HSHADERRESOURCEVIEW make_srv(struct fz_dev *v, D3D10DDI_HRESOURCE r, uint32_t dxgi)
{
    D3D10DDI_HSHADERRESOURCEVIEW h;
    if (v->iface == D3D10_0_DDI_INTERFACE_VERSION) {
        const D3D10DDI_DEVICEFUNCS *f0 = (const D3D10DDI_DEVICEFUNCS *)(const void *)&v->f;
        D3D10DDIARG_CREATESHADERRESOURCEVIEW a;
        memset(&a, 0, sizeof(a));
        a.hDrvResource = r;
        a.Format = (DXGI_FORMAT)dxgi;
        a.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
        a.Tex2D.MipLevels = a.Tex2D.ArraySize = 1;
        h.pDrvPrivate = rt_mem(f0->pfnCalcPrivateShaderResourceViewSize(v->hd, &a));
        f0->pfnCreateShaderResourceView(v->hd, &a, h, (D3D10DDI_HRTSHADERRESOURCEVIEW){NULL});
        return h;
    }
    D3D10_1DDIARG_CREATESHADERRESOURCEVIEW a;
    memset(&a, 0, sizeof(a));
    a.hDrvResource = r;
    a.Format = (DXGI_FORMAT)dxgi;
    a.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
    a.Tex2D.MipLevels = a.Tex2D.ArraySize = 1;
    h.pDrvPrivate = rt_mem(v->f.pfnCalcPrivateShaderResourceViewSize(v->hd, &a));
    v->f.pfnCreateShaderResourceView(v->hd, &a, h, (D3D10DDI_HRTSHADERRESOURCEVIEW){NULL});
    return h;
}

/* What the device does with a 2D texture it holds (created or opened): a
 * sampler view bound to the PS, a render target cleared, an upload of a
 * box of it, a submission; then the views go.  `box` is the runtime-
 * validated region (inside the texture). */
static void use_texture(struct fz_dev *v, D3D10DDI_HRESOURCE hr, uint32_t dxgi, uint32_t bind, const uint32_t box[4])
{
    const struct umd_resource *r = hr.pDrvPrivate;
    D3D10DDI_HSHADERRESOURCEVIEW srv = {NULL};
    D3D10DDI_HRENDERTARGETVIEW rtv = {NULL};
    if (bind & D3D10_DDI_BIND_SHADER_RESOURCE) {
        srv = make_srv(v, hr, dxgi);
        v->f.pfnPsSetShaderResources(v->hd, 0, 1, &srv);
    }
    if (bind & (D3D10_DDI_BIND_RENDER_TARGET | D3D10_DDI_BIND_PRESENT)) {
        rtv = make_rtv(v, hr, dxgi);
        v->f.pfnSetRenderTargets(v->hd, &rtv, 1, 0, (D3D10DDI_HDEPTHSTENCILVIEW){NULL});
        FLOAT rgba[4] = {0.25f, 0.5f, 0.75f, 1.0f};
        v->f.pfnClearRenderTargetView(v->hd, rtv, rgba);
    }
    /* A box of the texture from host memory the size the runtime
     * validated: for compressed formats it starts on a 4x4 block, ends on
     * one or at the edge, and the source holds rows of blocks. */
    const struct virgl_format_desc *fd = virgl_format_info(r->format);
    if (fd && r->width && r->height) {
        uint32_t blk = (fd->flags & VIRGL_FMT_COMPRESSED) ? 4 : 1;
        uint32_t x = box[0] % r->width / blk * blk, y = box[1] % r->height / blk * blk;
        uint32_t wmax = r->width - x < 64 ? r->width - x : 64, hmax = r->height - y < 64 ? r->height - y : 64;
        uint32_t w = 1 + box[2] % wmax, h = 1 + box[3] % hmax;
        if (w % blk && x + w != r->width)
            w = (w + blk - 1) / blk * blk < r->width - x ? (w + blk - 1) / blk * blk : r->width - x;
        if (h % blk && y + h != r->height)
            h = (h + blk - 1) / blk * blk < r->height - y ? (h + blk - 1) / blk * blk : r->height - y;
        uint32_t pitch = (w + blk - 1) / blk * fd->block_bytes, rows = (h + blk - 1) / blk;
        uint8_t *src = malloc((size_t)pitch * rows);
        FZ_CHECK(src);
        memset(src, 0x5a, (size_t)pitch * rows);
        D3D10_DDI_BOX b = {(LONG)x, (LONG)y, 0, (LONG)(x + w), (LONG)(y + h), 1};
        v->f.pfnResourceUpdateSubresourceUP(v->hd, hr, 0, &b, src, pitch, pitch * rows);
        free(src);
    }
    v->f.pfnFlush(v->hd);
    if (rtv.pDrvPrivate) {
        v->f.pfnSetRenderTargets(v->hd, NULL, 0, 1, (D3D10DDI_HDEPTHSTENCILVIEW){NULL});
        v->f.pfnDestroyRenderTargetView(v->hd, rtv);
        free(rtv.pDrvPrivate);
    }
    if (srv.pDrvPrivate) {
        D3D10DDI_HSHADERRESOURCEVIEW none = {NULL};
        v->f.pfnPsSetShaderResources(v->hd, 0, 1, &none);
        v->f.pfnDestroyShaderResourceView(v->hd, srv);
        free(srv.pDrvPrivate);
    }
}

D3D10DDI_HRESOURCE create_resource(struct fz_dev *v, const D3D10DDIARG_CREATERESOURCE *a)
{
    D3D10DDI_HRESOURCE h = {rt_mem(v->f.pfnCalcPrivateResourceSize(v->hd, a))};
    v->f.pfnCreateResource(v->hd, a, h, (D3D10DDI_HRTRESOURCE){NULL});
    return h;
}

void destroy_resource(struct fz_dev *v, D3D10DDI_HRESOURCE h)
{
    v->f.pfnDestroyResource(v->hd, h);
    free(h.pDrvPrivate);
}

/* ---- (a) OpenAdapter ------------------------------------------------------- */

/* Would an honest reader accept this adapter data?  (abi.h's rules.) */
static bool adapter_data_valid(const struct viogpu_umd_private *q)
{
    struct virgl_caps caps;
    return q->info.magic == VIOGPU_ABI_MAGIC && q->info.abi_version == VIOGPU_ABI_VERSION &&
           q->info.size == sizeof(q->info) && (q->info.flags & VIOGPU_ADAPTER_FLAG_VIRGL) &&
           (q->info.flags & VIOGPU_ADAPTER_FLAG_3D_NODE) && q->capset_size && q->capset_size <= VIOGPU_CAPSET_MAX &&
           (q->capset_id == VIRTIO_GPU_CAPSET_VIRGL || q->capset_id == VIRTIO_GPU_CAPSET_VIRGL2) &&
           virgl_caps_parse(&caps, q->capset, q->capset_size) == 0;
}

static bool fuzz_adapter(uint8_t sel, uint8_t fmt, const uint8_t *blob, size_t n)
{
    static struct viogpu_umd_private q; /* what the UMD's (zeroed) buffer holds after the query */
    memset(&q, 0, sizeof(q));
    memcpy(&q, blob, n < sizeof(q) ? n : sizeof(q));
    g.umd_private = blob;
    g.umd_private_len = n;
    g.qai_fail = (sel & FZ_A_QFAIL) != 0;

    struct fz_dev v;
    memset(&v, 0, sizeof(v));
    v.iface = (sel & FZ_IFACE_10_0) ? D3D10_0_DDI_INTERFACE_VERSION : D3D10_1_DDI_INTERFACE_VERSION;
    D3D10DDIARG_OPENADAPTER oa;
    memset(&oa, 0, sizeof(oa));
    oa.hRTAdapter.handle = &v;
    oa.Interface = v.iface;
    oa.Version = v.iface == D3D10_1_DDI_INTERFACE_VERSION ? D3D10_1_DDI_BUILD_VERSION : D3D10_0_DDI_BUILD_VERSION;
    oa.pAdapterCallbacks = &adapter_callbacks;
    oa.pAdapterFuncs_2 = &v.af;
    HRESULT hr = (sel & FZ_A_10_2) ? OpenAdapter10_2(&oa) : OpenAdapter10(&oa);
    bool valid = !g.qai_fail && adapter_data_valid(&q);
    FZ_CHECK(SUCCEEDED(hr) == valid); /* refuses bad data, opens good data */
    if (FAILED(hr))
        return false;
    FZ_CHECK(oa.hAdapter.pDrvPrivate && v.af.pfnCreateDevice && v.af.pfnCloseAdapter);
    v.ha = oa.hAdapter;
    if (sel & FZ_A_10_2) {
        UINT32 entries = 0;
        UINT64 versions[4];
        FZ_CHECK(SUCCEEDED(v.af.pfnGetSupportedVersions(v.ha, &entries, NULL)) && entries >= 1 && entries <= 4);
        FZ_CHECK(SUCCEEDED(v.af.pfnGetSupportedVersions(v.ha, &entries, versions)));
        static const int types[] = {D3D11DDICAPS_THREADING, D3D11DDICAPS_SHADER, D3D11DDICAPS_3DPIPELINESUPPORT, 0};
        for (unsigned i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
            UINT out = 0xdeadbeef;
            D3D10_2DDIARG_GETCAPS gc = {.Type = (D3D10_2DDICAPS_TYPE)types[i], .pData = &out, .DataSize = sizeof(out)};
            hr = v.af.pfnGetCaps(v.ha, &gc);
            FZ_CHECK(types[i] ? SUCCEEDED(hr) : FAILED(hr));
            if (types[i] == D3D11DDICAPS_3DPIPELINESUPPORT)
                FZ_CHECK(out <= 3u && (out & 2u ? (out & 1u) : 1));
        }
    }
    create_device(&v);

    /* The capability answers come from the fuzzed caps. */
    for (uint32_t f = 0; f < 128; f++) {
        UINT caps = 0;
        v.f.pfnCheckFormatSupport(v.hd, (DXGI_FORMAT)f, &caps);
    }
    for (UINT count = 1; count <= 32; count *= 2) {
        UINT levels = 0xdeadbeef;
        v.f.pfnCheckMultisampleQualityLevels(v.hd, (DXGI_FORMAT)(fmt % 128u), count, &levels);
        FZ_CHECK(levels <= 32); /* answered, and a level count a runtime could loop over */
    }

    /* A 2D texture in the chosen format (refused with an error when the
     * host lacks it) and a vertex buffer with initial data. */
    D3D10DDI_MIPINFO mip = {4, 4, 1, 4, 4, 1};
    D3D10DDIARG_CREATERESOURCE a;
    memset(&a, 0, sizeof(a));
    a.pMipInfoList = &mip;
    a.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
    a.Usage = D3D10_DDI_USAGE_DEFAULT;
    a.BindFlags = D3D10_DDI_BIND_SHADER_RESOURCE | D3D10_DDI_BIND_RENDER_TARGET;
    a.Format = (DXGI_FORMAT)(fmt % 128u);
    a.SampleDesc.Count = 1;
    a.MipLevels = a.ArraySize = 1;
    D3D10DDI_HRESOURCE tex = create_resource(&v, &a);
    if (((struct umd_resource *)tex.pDrvPrivate)->res_id) {
        static const uint32_t box[4] = {1, 1, 2, 2};
        use_texture(&v, tex, a.Format, a.BindFlags, box);
    }
    uint8_t init[64];
    memset(init, 0x11, sizeof(init));
    D3D10_DDIARG_SUBRESOURCE_UP up = {init, sizeof(init), sizeof(init)};
    D3D10DDI_MIPINFO bmip = {sizeof(init), 1, 1, sizeof(init), 1, 1};
    memset(&a, 0, sizeof(a));
    a.pMipInfoList = &bmip;
    a.pInitialDataUP = &up;
    a.ResourceDimension = D3D10DDIRESOURCE_BUFFER;
    a.Usage = D3D10_DDI_USAGE_DEFAULT;
    a.BindFlags = D3D10_DDI_BIND_VERTEX_BUFFER;
    a.SampleDesc.Count = 1;
    a.MipLevels = a.ArraySize = 1;
    D3D10DDI_HRESOURCE buf = create_resource(&v, &a);
    v.f.pfnFlush(v.hd);
    destroy_resource(&v, buf);
    destroy_resource(&v, tex);
    destroy_device(&v);
    FZ_CHECK(SUCCEEDED(v.af.pfnCloseAdapter(v.ha)));
    return true;
}

/* ---- (b) OpenResource ------------------------------------------------------ */

/* A v2 capset of a capable host with every format listed: the open path
 * then depends only on the resource data (formats are all available). */
static uint32_t synth_caps(uint8_t *out, bool v2)
{
    struct virgl_wire_caps_v2 c;
    memset(&c, 0, sizeof(c));
    c.v1.max_version = v2 ? 2 : 1;
    memset(&c.v1.sampler, 0xff, sizeof(c.v1.sampler));
    memset(&c.v1.render, 0xff, sizeof(c.v1.render));
    memset(&c.v1.vertexbuffer, 0xff, sizeof(c.v1.vertexbuffer));
    c.v1.glsl_level = 450;
    c.v1.max_texture_array_layers = 2048;
    c.v1.max_streamout_buffers = 4;
    c.v1.max_dual_source_render_targets = 1;
    c.v1.max_render_targets = 8;
    c.v1.max_samples = 4;
    c.v1.prim_mask = 0x7fff;
    c.v1.max_tbo_size = 1u << 27;
    c.v1.max_uniform_blocks = 16;
    c.v1.max_viewports = 16;
    c.v1.max_texture_gather_components = 4;
    c.max_geom_output_vertices = 256;
    c.max_geom_total_output_components = 1024;
    c.max_vertex_outputs = 32;
    c.max_vertex_attribs = 16;
    c.min_texel_offset = -8;
    c.max_texel_offset = 7;
    c.uniform_buffer_offset_alignment = 16;
    c.max_texture_2d_size = c.max_texture_3d_size = c.max_texture_cube_size = 16384;
    c.max_vertex_attrib_stride = 2048;
    memset(&c.supported_readback_formats, 0xff, sizeof(c.supported_readback_formats));
    memset(&c.scanout, 0xff, sizeof(c.scanout));
    uint32_t n = v2 ? VIRGL_WIRE_CAPS_V2_BYTES : VIRGL_WIRE_CAPS_V1_BYTES;
    memcpy(out, &c, n);
    return n;
}

/* Adapter data of a KMD with these limits and `caps` (n bytes). */
static void fill_umd_private(struct viogpu_umd_private *q, uint32_t max_w, uint32_t max_h, uint32_t nscan,
                             const void *caps, uint32_t n, uint32_t capset_id)
{
    memset(q, 0, sizeof(*q));
    q->info.magic = VIOGPU_ABI_MAGIC;
    q->info.abi_version = VIOGPU_ABI_VERSION;
    q->info.size = sizeof(q->info);
    q->info.flags = VIOGPU_ADAPTER_FLAG_VIRGL | VIOGPU_ADAPTER_FLAG_3D_NODE | VIOGPU_ADAPTER_FLAG_EDID;
    q->info.num_scanouts = nscan;
    q->info.num_capsets = 2;
    q->info.max_width = max_w;
    q->info.max_height = max_h;
    q->info.aperture_size = 256u << 20;
    q->capset_id = capset_id;
    q->capset_version = capset_id == VIRTIO_GPU_CAPSET_VIRGL2 ? 2 : 1;
    q->capset_size = n;
    memcpy(q->capset, caps, n);
}

/* The allocation data a creator's UMD writes for resource data `rp` (the
 * binds mapping D3D10's: sampled by default, render target for RT/PRESENT
 * and primaries, scan-out for primaries); the KMD's outputs are kept. */
static void agree(const struct viogpu_resource_priv *rp, struct viogpu_alloc_priv *ap)
{
    const struct virgl_format_desc *f = virgl_format_from_dxgi(rp->dxgi_format);
    bool primary = (rp->flags & VIOGPU_RESOURCE_FLAG_PRIMARY) != 0;
    uint32_t res_id = ap->res_id, pitch = ap->pitch;
    uint64_t backing = ap->backing_size;
    memset(ap, 0, sizeof(*ap));
    ap->abi_version = VIOGPU_ABI_VERSION;
    ap->size = sizeof(*ap);
    ap->kind = primary ? VIOGPU_ALLOC_KIND_PRIMARY : VIOGPU_ALLOC_KIND_RESOURCE;
    ap->width = rp->width;
    ap->height = rp->height;
    ap->depth = ap->array_size = 1;
    ap->format = f ? f->virgl : VIRGL_FORMAT_NONE;
    ap->bind = (rp->bind_flags & D3D10_DDI_BIND_SHADER_RESOURCE) ? VIRGL_BIND_SAMPLER_VIEW : 0;
    if ((rp->bind_flags & (D3D10_DDI_BIND_RENDER_TARGET | D3D10_DDI_BIND_PRESENT)) || primary)
        ap->bind |= VIRGL_BIND_RENDER_TARGET;
    if (!ap->bind)
        ap->bind = VIRGL_BIND_SAMPLER_VIEW;
    if (primary)
        ap->bind |= VIRGL_BIND_SCANOUT;
    ap->target = VIRGL_TARGET_2D;
    ap->vidpn_source = primary ? rp->vidpn_source : 0;
    ap->res_id = res_id;
    ap->pitch = pitch;
    ap->backing_size = backing;
}

/* ---- shared with umd_fuzz_ddi.c (umd_fuzz.h) ---------------------------------- */

void fz_open_device(struct fz_dev *v, bool d3d10_0)
{
    static struct viogpu_umd_private q;
    uint8_t caps[VIRGL_WIRE_CAPS_V2_BYTES];
    uint32_t ncaps = synth_caps(caps, true);
    fill_umd_private(&q, 16384, 16384, 1, caps, ncaps, VIRTIO_GPU_CAPSET_VIRGL2);
    g.umd_private = (const uint8_t *)&q;
    g.umd_private_len = sizeof(q);
    g.nerrors = g.alloc_calls = 0;
    g.first_error = 0;
    memset(v, 0, sizeof(*v));
    v->iface = d3d10_0 ? D3D10_0_DDI_INTERFACE_VERSION : D3D10_1_DDI_INTERFACE_VERSION;
    D3D10DDIARG_OPENADAPTER oa;
    memset(&oa, 0, sizeof(oa));
    oa.Interface = v->iface;
    oa.pAdapterCallbacks = &adapter_callbacks;
    oa.pAdapterFuncs_2 = &v->af;
    FZ_CHECK(SUCCEEDED(OpenAdapter10_2(&oa)));
    v->ha = oa.hAdapter;
    create_device(v);
}

void fz_close_device(struct fz_dev *v)
{
    destroy_device(v);
    FZ_CHECK(SUCCEEDED(v->af.pfnCloseAdapter(v->ha)));
}

uint8_t *fz_backing(D3DKMT_HANDLE h, uint64_t *size)
{
    struct fz_alloc *al = alloc_of(h);
    *size = al && al->backing ? al->priv.backing_size : 0;
    return al ? al->backing : NULL;
}

unsigned fz_errors(void) { return g.nerrors; }
HRESULT fz_first_error(void) { return g.first_error; }
unsigned fz_alloc_calls(void) { return g.alloc_calls; }

/* A buffer of exactly `size` bytes (ASan sees any read past it) holding
 * `src`, zero padded; `shape` of FZ_RP_SHAPE. */
static void *shaped(const void *src, size_t len, uint32_t shape, UINT *size)
{
    *size = (UINT)(shape == 1 ? len - 4 : shape == 2 ? len + 4 : len);
    uint8_t *p = calloc(1, *size);
    FZ_CHECK(p);
    memcpy(p, src, *size < len ? *size : len);
    return p;
}

static bool fuzz_open(uint8_t sel, const uint8_t *data, size_t n)
{
    struct {
        struct fz_open_hdr h;
        struct viogpu_resource_priv rp;
        struct viogpu_alloc_priv ap;
    } in;
    memset(&in, 0, sizeof(in));
    memcpy(&in, data, n < sizeof(in) ? n : sizeof(in));
    if (in.h.ctl & FZ_AP_AGREE)
        agree(&in.rp, &in.ap);

    /* The adapter: a KMD with the input's limits and every format. */
    static struct viogpu_umd_private q;
    uint8_t caps[VIRGL_WIRE_CAPS_V2_BYTES];
    uint32_t ncaps = synth_caps(caps, true);
    fill_umd_private(&q, in.h.max_width, in.h.max_height, in.h.num_scanouts, caps, ncaps, VIRTIO_GPU_CAPSET_VIRGL2);
    g.umd_private = (const uint8_t *)&q;
    g.umd_private_len = sizeof(q);
    struct fz_dev v;
    memset(&v, 0, sizeof(v));
    v.iface = (sel & FZ_O_10_0) ? D3D10_0_DDI_INTERFACE_VERSION : D3D10_1_DDI_INTERFACE_VERSION;
    D3D10DDIARG_OPENADAPTER oa;
    memset(&oa, 0, sizeof(oa));
    oa.Interface = v.iface;
    oa.pAdapterCallbacks = &adapter_callbacks;
    oa.pAdapterFuncs_2 = &v.af;
    FZ_CHECK(SUCCEEDED(OpenAdapter10_2(&oa)));
    v.ha = oa.hAdapter;
    create_device(&v);

    /* dxgkrnl's side: the opening device gets its own handle on the
     * allocation, which the KMD knows as `ap` describes it. */
    uint32_t ctl = in.h.ctl;
    struct fz_alloc *al = &g.allocs[FZ_OPEN_SLOT];
    al->used = true;
    al->priv = in.ap;
    if (in.ap.backing_size && in.ap.backing_size <= FZ_BACKING_MAX)
        al->backing = calloc(1, (size_t)in.ap.backing_size);
    UINT rp_size, ap_size;
    void *rp = shaped(&in.rp, sizeof(in.rp), FZ_RP_SHAPE(ctl), &rp_size);
    void *ap = shaped(&in.ap, sizeof(in.ap), FZ_AP_SHAPE(ctl), &ap_size);
    D3DDDI_OPENALLOCATIONINFO oi[2];
    for (int i = 0; i < 2; i++) {
        oi[i].hAllocation = (ctl & FZ_NO_HALLOC) ? 0 : FZ_OPEN_SLOT + 1;
        oi[i].pPrivateDriverData = FZ_AP_SHAPE(ctl) == 3 ? NULL : ap;
        oi[i].PrivateDriverDataSize = ap_size;
    }
    D3D10DDIARG_OPENRESOURCE a;
    memset(&a, 0, sizeof(a));
    a.NumAllocations = FZ_NALLOC(ctl) == 1 ? 0 : FZ_NALLOC(ctl) == 2 ? 2 : 1;
    a.pOpenAllocationInfo = (ctl & FZ_NO_OPENINFO) ? NULL : oi;
    a.hKMResource = 0x40000001u;
    a.pPrivateDriverData = FZ_RP_SHAPE(ctl) == 3 ? NULL : rp;
    a.PrivateDriverDataSize = rp_size;
    D3D10DDI_HRESOURCE hr = {rt_mem(v.f.pfnCalcPrivateOpenedResourceSize(v.hd, &a))};
    g.nerrors = 0;
    v.f.pfnOpenResource(v.hd, &a, hr, (D3D10DDI_HRTRESOURCE){NULL});
    free(rp);
    free(ap);

    const struct umd_resource *r = hr.pDrvPrivate;
    bool opened = !g.nerrors;
    if (g.nerrors) {
        FZ_CHECK(g.nerrors == 1 && g.first_error == E_INVALIDARG && r->res_id == 0);
    } else {
        /* Opened: the halves agreed and the allocation holds the texture. */
        const struct viogpu_adapter_info *ai = &q.info;
        uint64_t need = backing_bytes(&in.ap);
        FZ_CHECK(r->res_id && r->res_id == in.ap.res_id && r->halloc == FZ_OPEN_SLOT + 1 && r->opened);
        FZ_CHECK(r->width == in.rp.width && r->width == in.ap.width && r->height == in.rp.height &&
                 r->height == in.ap.height && r->width && r->height);
        FZ_CHECK((!ai->max_width || r->width <= ai->max_width) && (!ai->max_height || r->height <= ai->max_height));
        FZ_CHECK(r->format == in.ap.format && r->mips == 1 && r->array_size == 1 && r->target == VIRGL_TARGET_2D);
        FZ_CHECK(need && need != UINT64_MAX && in.ap.backing_size >= need);
        use_texture(&v, hr, in.rp.dxgi_format, in.rp.bind_flags, in.h.box);
    }
    destroy_resource(&v, hr);
    destroy_device(&v);
    FZ_CHECK(SUCCEEDED(v.af.pfnCloseAdapter(v.ha)));
    return opened;
}

/* One input; true when it got past the parser (the adapter or the
 * resource opened). */
static bool run_one(const uint8_t *data, size_t size)
{
    if (size < 2 || size > 2 + sizeof(struct viogpu_umd_private) + 64)
        return false;
    memset(g.allocs, 0, sizeof(g.allocs));
    g.next_res = 0;
    g.nerrors = 0;
    g.first_error = 0;
    g.alloc_calls = 0;
    g.qai_fail = false;
    if ((data[0] & (FZ_OPEN | FZ_DDI)) == (FZ_OPEN | FZ_DDI))
        return fuzz_ddi(data[0], data + 1, size - 1); /* umd_fuzz_ddi.c */
    if (data[0] & FZ_OPEN)
        return fuzz_open(data[0], data + 1, size - 1);
    return fuzz_adapter(data[0], data[1], data + 2, size - 2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    run_one(data, size);
    return 0;
}

/* ---- seeds --------------------------------------------------------------- */

/* Writes seed `a` + `b` and runs it: every seed made here is valid data,
 * so it must get past the parser (the fuzzer starts from deep paths). */
static int write_seed(const char *dir, const char *name, const void *a, size_t na, const void *b, size_t nb)
{
    static uint8_t buf[2 + sizeof(struct viogpu_umd_private)];
    if (na + nb > sizeof(buf))
        return -1;
    memcpy(buf, a, na);
    if (nb)
        memcpy(buf + na, b, nb);
    if (!run_one(buf, na + nb)) {
        fprintf(stderr, "umd_fuzz: seed %s is refused by the UMD\n", name);
        return -1;
    }
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int bad = fwrite(a, 1, na, f) != na || (nb && fwrite(b, 1, nb, f) != nb);
    return fclose(f) || bad ? -1 : 0;
}

static int adapter_seed(const char *dir, const char *name, uint8_t sel, const void *caps, uint32_t n, uint32_t id)
{
    static struct viogpu_umd_private q;
    fill_umd_private(&q, 16384, 16384, 1, caps, n, id);
    uint8_t head[2] = {sel, DXGI_FORMAT_R8G8B8A8_UNORM};
    return write_seed(dir, name, head, 2, &q, __builtin_offsetof(struct viogpu_umd_private, capset) + n);
}

static int open_seed(const char *dir, const char *name, uint8_t sel, uint32_t ctl, uint32_t w, uint32_t h,
                     uint32_t dxgi, bool primary)
{
    struct {
        struct fz_open_hdr h;
        struct viogpu_resource_priv rp;
        struct viogpu_alloc_priv ap;
    } s;
    memset(&s, 0, sizeof(s));
    s.h.ctl = ctl;
    s.h.max_width = s.h.max_height = 16384;
    s.h.num_scanouts = 1;
    s.h.box[0] = 3;
    s.h.box[1] = 5;
    s.h.box[2] = 7;
    s.h.box[3] = 9;
    s.rp.abi_version = VIOGPU_ABI_VERSION;
    s.rp.size = sizeof(s.rp);
    s.rp.flags = primary ? VIOGPU_RESOURCE_FLAG_PRIMARY : VIOGPU_RESOURCE_FLAG_SHARED;
    s.rp.num_allocations = 1;
    s.rp.dimension = D3D10DDIRESOURCE_TEXTURE2D;
    s.rp.dxgi_format = dxgi;
    s.rp.width = w;
    s.rp.height = h;
    s.rp.depth = s.rp.mip_levels = s.rp.array_size = s.rp.sample_count = 1;
    s.rp.bind_flags = D3D10_DDI_BIND_SHADER_RESOURCE | D3D10_DDI_BIND_RENDER_TARGET;
    s.rp.misc_flags = primary ? 0 : D3D10_DDI_RESOURCE_MISC_SHARED;
    s.ap.abi_version = VIOGPU_ABI_VERSION;
    s.ap.size = sizeof(s.ap);
    s.ap.kind = primary ? VIOGPU_ALLOC_KIND_PRIMARY : VIOGPU_ALLOC_KIND_RESOURCE;
    s.ap.width = w;
    s.ap.height = h;
    s.ap.depth = s.ap.array_size = 1;
    s.ap.format = virgl_format_from_dxgi(dxgi)->virgl;
    s.ap.bind = VIRGL_BIND_SAMPLER_VIEW | VIRGL_BIND_RENDER_TARGET | (primary ? VIRGL_BIND_SCANOUT : 0);
    s.ap.target = VIRGL_TARGET_2D;
    s.ap.res_id = 7;
    s.ap.pitch = virgl_format_stride(s.ap.format, w);
    s.ap.backing_size = backing_bytes(&s.ap);
    return write_seed(dir, name, &sel, 1, &s, sizeof(s));
}

static int write_seeds(const char *dir, int nfiles, char **files)
{
    uint8_t caps[VIRGL_WIRE_CAPS_V2_BYTES];
    int rc = 0;
    uint32_t n = synth_caps(caps, true);
    rc |= adapter_seed(dir, "adapter-v2-10_2", FZ_A_10_2, caps, n, VIRTIO_GPU_CAPSET_VIRGL2);
    rc |= adapter_seed(dir, "adapter-v2-10_0", FZ_A_10_2 | FZ_IFACE_10_0, caps, n, VIRTIO_GPU_CAPSET_VIRGL2);
    n = synth_caps(caps, false);
    rc |= adapter_seed(dir, "adapter-v1-open10", 0, caps, n, VIRTIO_GPU_CAPSET_VIRGL);
    rc |= open_seed(dir, "open-shared-rgba", FZ_OPEN, 0, 64, 48, DXGI_FORMAT_R8G8B8A8_UNORM, false);
    rc |= open_seed(dir, "open-shared-bgra-10_0", FZ_OPEN | FZ_O_10_0, 0, 300, 200, DXGI_FORMAT_B8G8R8A8_UNORM, false);
    rc |= open_seed(dir, "open-primary", FZ_OPEN, 0, 640, 480, DXGI_FORMAT_B8G8R8A8_UNORM, true);
    rc |= open_seed(dir, "open-shared-agree", FZ_OPEN, FZ_AP_AGREE, 32, 32, DXGI_FORMAT_R16G16B16A16_FLOAT, false);
    rc |= fuzz_ddi_seeds(dir, write_seed);
    for (int i = 0; i < nfiles; i++) {
        static uint8_t blob[VIOGPU_CAPSET_MAX];
        FILE *f = fopen(files[i], "rb");
        size_t got = f ? fread(blob, 1, sizeof(blob), f) : 0;
        if (f)
            fclose(f);
        char name[64];
        snprintf(name, sizeof(name), "adapter-capset-%d", i);
        rc |= got ? adapter_seed(dir, name, FZ_A_10_2, blob, (uint32_t)got, VIRTIO_GPU_CAPSET_VIRGL2) : -1;
    }
    return rc;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    if (*argc >= 3 && strcmp((*argv)[1], "--write-seeds") == 0) {
        int rc = write_seeds((*argv)[2], *argc - 3, *argv + 3);
        if (rc)
            fprintf(stderr, "umd_fuzz: could not write seeds to %s\n", (*argv)[2]);
        exit(rc ? 1 : 0);
    }
    return 0;
}
