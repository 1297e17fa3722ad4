/*
 * d3d10rt.c — the mini D3D10 runtime (see d3d10rt.h): adapter/device
 * bring-up (several devices, one virgl sub-context each), the kernel-thunk
 * callbacks over vtest (allocations, kernel resources for sharing, the
 * scan-out of primaries).  The object helpers are in d3d10rt_objects.c.
 */
#define _GNU_SOURCE
#include "d3d10rt_priv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdbuf/vcb.h"
#include "viogpu/abi.h"
#include "viogpu/virgl_protocol.h"
#include "viogpu/virtio_gpu.h"

HRESULT APIENTRY OpenAdapter10_2(D3D10DDIARG_OPENADAPTER *args);

void rt_fail(struct d3drt *rt, const char *fmt, ...)
{
    if (rt->err[0])
        return; /* keep the first reason */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rt->err, sizeof(rt->err), fmt, ap);
    va_end(ap);
}

/* Makes `dv` the device the d3drt_* helpers and the callbacks' view
 * (funcs, hdev, cmdbuf, alist, dxgi) refer to. */
void rt_select(struct d3drt *rt, struct rt_dev *dv)
{
    rt->cur = dv;
    rt->funcs = dv->funcs;
    rt->hdev = dv->hdev;
    rt->dxgi = dv->dxgi;
    rt->device_open = dv->open;
    rt->cmdbuf = dv->cmdbuf;
    rt->alist = dv->alist;
}
/* A device callback's handle (hRTDevice) is its struct rt_dev: the call
 * comes from that device's driver, so it is the selected one from now. */
static struct d3drt *rt_enter(HANDLE h)
{
    struct rt_dev *dv = h;
    if (dv->rt->cur != dv)
        rt_select(dv->rt, dv);
    return dv->rt;
}
static HANDLE rt_context(const struct d3drt *rt) { return (HANDLE)(uintptr_t)(rt->cur->index + 1); }

const char *d3drt_error(const struct d3drt *rt) { return rt ? rt->err : "out of memory"; }
bool d3drt_failed(const struct d3drt *rt) { return rt->nerrors || rt->submit_failed || rt->err[0]; }
UINT d3drt_interface(const struct d3drt *rt) { return rt->iface; }
const D3D10_1DDI_DEVICEFUNCS *d3drt_funcs(const struct d3drt *rt) { return &rt->funcs; }
D3D10DDI_HDEVICE d3drt_dev(const struct d3drt *rt) { return rt->hdev; }
struct vtest *d3drt_vtest(struct d3drt *rt) { return rt->vt; }
unsigned d3drt_submits(const struct d3drt *rt) { return rt->submits; }
unsigned d3drt_lock_waits(const struct d3drt *rt) { return rt->lock_waits; }
unsigned d3drt_error_count(const struct d3drt *rt) { return rt->nerrors; }
HRESULT d3drt_first_error(const struct d3drt *rt) { return rt->first_error; }
void d3drt_clear_errors(struct d3drt *rt)
{
    rt->nerrors = 0;
    rt->first_error = 0;
    rt->err[0] = 0;
}

/* ---- adapter callbacks ---------------------------------------------------- */
/* Answers like the KMD's QueryAdapterInfo(UMDRIVERPRIVATE): too small for
 * the adapter info fails, room for the adapter info only gets that, room
 * for struct viogpu_umd_private gets the VIRGL2 capset vtest handed us. */
static HRESULT APIENTRY cb_query_adapter_info(HANDLE h, const D3DDDICB_QUERYADAPTERINFO *q)
{
    struct d3drt *rt = h;
    if (!q || !q->pPrivateDriverData || q->PrivateDriverDataSize < sizeof(struct viogpu_adapter_info))
        return E_INVALIDARG;
    struct viogpu_umd_private *a = q->pPrivateDriverData;
    size_t fill = q->PrivateDriverDataSize >= sizeof(*a) ? sizeof(*a) : sizeof(a->info);
    memset(a, 0, fill);
    a->info.magic = VIOGPU_ABI_MAGIC;
    a->info.abi_version = VIOGPU_ABI_VERSION;
    a->info.size = sizeof(a->info);
    a->info.flags = VIOGPU_ADAPTER_FLAG_VIRGL | VIOGPU_ADAPTER_FLAG_3D_NODE;
    a->info.num_scanouts = 1;
    a->info.num_capsets = 2;
    a->info.max_width = 16384;
    a->info.max_height = 16384;
    if (fill == sizeof(*a)) {
        uint32_t n;
        const void *caps = vtest_caps_raw(rt->vt, &n);
        if (n > VIOGPU_CAPSET_MAX)
            return E_FAIL; /* the KMD would fail StartDevice's fetch the same way */
        memcpy(a->capset, caps, n);
        a->capset_id = VIRTIO_GPU_CAPSET_VIRGL2;
        a->capset_version = 2;
        a->capset_size = n;
    }
    return S_OK;
}

/* ---- device callbacks (dxgkrnl + KMD stand-in) ---------------------------- */
static struct rt_alloc *alloc_of(struct d3drt *rt, D3DKMT_HANDLE h)
{
    if (h == 0 || h > RT_MAX_ALLOCS || !rt->allocs[h - 1].used || rt->allocs[h - 1].orphan)
        return NULL;
    return &rt->allocs[h - 1];
}

/* Resource-level private data, as DxgkDdiCreateAllocation checks it: our
 * struct, one allocation, a runtime resource handle to hang it on. */
static bool rt_resource_priv_ok(const D3DDDICB_ALLOCATE *a)
{
    const struct viogpu_resource_priv *rp = a->pPrivateDriverData;
    return a->hResource && a->PrivateDriverDataSize == sizeof(*rp) && rp->size == sizeof(*rp) &&
           rp->abi_version == VIOGPU_ABI_VERSION && rp->num_allocations == 1 && a->NumAllocations == 1;
}

/* dxgkrnl keeps the resource data with a new kernel resource. */
static HRESULT rt_kmres_create(struct d3drt *rt, D3DDDICB_ALLOCATE *a)
{
    for (unsigned i = 0; i < RT_MAX_KMRES; i++)
        if (!rt->kmres[i].used) {
            struct rt_kmres *k = &rt->kmres[i];
            k->used = true;
            memcpy(&k->priv, a->pPrivateDriverData, sizeof(k->priv));
            k->alloc = a->pAllocationInfo[0].hAllocation;
            a->hKMResource = RT_KMRES_BASE + i;
            rt->allocs[k->alloc - 1].kmres = a->hKMResource;
            rt->last_kmres = a->hKMResource;
            return S_OK;
        }
    return E_OUTOFMEMORY;
}

/* Drops one allocation handle: an alias releases its owner, an owner with
 * aliases alive becomes an orphan, the last one frees the host resource
 * and the kernel resource. */
static void rt_alloc_release(struct d3drt *rt, struct rt_alloc *al)
{
    if (al->owner) {
        struct rt_alloc *o = &rt->allocs[al->owner - 1];
        al->used = false;
        if (--o->refs || !o->orphan)
            return;
        al = o;
    } else if (al->refs) {
        al->orphan = true;
        return;
    }
    if (al->kmres)
        rt->kmres[al->kmres - RT_KMRES_BASE].used = false;
    vtest_resource_unref(rt->vt, &al->res);
    al->used = al->orphan = false;
}

static int rt_set_sub_ctx(struct d3drt *rt)
{
    struct virgl_enc *e = vtest_encoder(rt->vt);
    return virgl_enc_set_sub_ctx(e, rt->cur->sub_ctx) || virgl_enc_flush(e) ? -1 : 0;
}

/* pfnSetDisplayModeCb: what DxgkDdiCommitVidPn / SetVidPnSourceAddress do
 * with it: that primary allocation is what the screen shows from now on. */
static HRESULT APIENTRY cb_set_display_mode(HANDLE h, D3DDDICB_SETDISPLAYMODE *m)
{
    struct d3drt *rt = rt_enter(h);
    struct rt_alloc *al = m ? alloc_of(rt, m->hPrimaryAllocation) : NULL;
    if (!al || !al->primary || m->PrivateDriverFormatAttribute)
        return E_INVALIDARG;
    rt->scanout = m->hPrimaryAllocation;
    rt->modesets++;
    return S_OK;
}

static HRESULT APIENTRY cb_allocate(HANDLE h, D3DDDICB_ALLOCATE *a)
{
    struct d3drt *rt = rt_enter(h);
    for (UINT i = 0; i < a->NumAllocations; i++) {
        D3DDDI_ALLOCATIONINFO *ai = &a->pAllocationInfo[i];
        struct viogpu_alloc_priv *p = ai->pPrivateDriverData;
        /* What the KMD's DxgkDdiCreateAllocation checks first. */
        if (!p || ai->PrivateDriverDataSize != sizeof(*p) || p->size != sizeof(*p) ||
            p->abi_version != VIOGPU_ABI_VERSION ||
            (p->kind != VIOGPU_ALLOC_KIND_RESOURCE && p->kind != VIOGPU_ALLOC_KIND_PRIMARY) ||
            (p->kind == VIOGPU_ALLOC_KIND_PRIMARY) != (ai->Flags.Primary != 0) ||
            (ai->Flags.Primary && (p->vidpn_source != ai->VidPnSourceId || p->vidpn_source >= 1)) ||
            (a->pPrivateDriverData && !rt_resource_priv_ok(a))) {
            rt_fail(rt, "pfnAllocateCb: bad allocation private data");
            return E_INVALIDARG;
        }
        unsigned slot = 0;
        while (slot < RT_MAX_ALLOCS && rt->allocs[slot].used)
            slot++;
        if (slot == RT_MAX_ALLOCS)
            return E_OUTOFMEMORY;
        struct rt_alloc *al = &rt->allocs[slot];
        memset(&al->res, 0, sizeof(al->res));
        al->res.target = p->target;
        al->res.format = p->format;
        al->res.bind = p->bind;
        al->res.width = p->width;
        al->res.height = p->height;
        al->res.depth = p->depth;
        al->res.array_size = p->array_size;
        al->res.last_level = p->last_level;
        al->res.nr_samples = p->nr_samples;
        if (vtest_resource_create(rt->vt, &al->res)) {
            rt_fail(rt, "pfnAllocateCb: %s", vtest_error(rt->vt));
            return E_OUTOFMEMORY;
        }
        al->used = true;
        al->primary = ai->Flags.Primary;
        al->orphan = false;
        al->owner = al->refs = 0;
        al->kmres = 0;
        p->res_id = al->res.handle;
        p->pitch = vtest_level_stride(&al->res, 0);
        p->backing_size = al->res.shm_size;
        al->priv = *p;
        ai->hAllocation = slot + 1;
    }
    if (a->pPrivateDriverData)
        return rt_kmres_create(rt, a);
    return S_OK;
}

static HRESULT APIENTRY cb_deallocate(HANDLE h, const D3DDDICB_DEALLOCATE *d)
{
    struct d3drt *rt = rt_enter(h);
    for (UINT i = 0; i < d->NumAllocations; i++) {
        struct rt_alloc *al = alloc_of(rt, d->HandleList[i]);
        if (!al)
            return E_INVALIDARG;
        if (rt->scanout == d->HandleList[i])
            rt->scanout = 0; /* the KMD stops scanning out a destroyed primary */
        rt_alloc_release(rt, al);
    }
    return S_OK;
}

static HRESULT APIENTRY cb_lock(HANDLE h, D3DDDICB_LOCK *l)
{
    struct d3drt *rt = rt_enter(h);
    struct rt_alloc *al = alloc_of(rt, l->hAllocation);
    if (!al)
        return E_INVALIDARG;
    if (l->Flags.IgnoreSync) {
        /* the driver takes care of hazards itself (DISCARD renames,
         * NO_OVERWRITE): no synchronization, as VidMm does */
    } else if (l->Flags.DonotWait) {
        bool busy = false;
        if (vtest_busy_wait(rt->vt, al->res.handle, false, &busy))
            return E_FAIL;
        if (busy)
            return DXGI_DDI_ERR_WASSTILLDRAWING;
    } else if (rt->lock_waits++, vtest_finish(rt->vt)) {
        rt_fail(rt, "pfnLockCb wait: %s", vtest_error(rt->vt));
        return E_FAIL;
    }
    l->pData = al->res.shm;
    return S_OK;
}

static HRESULT APIENTRY cb_unlock(HANDLE h, const D3DDDICB_UNLOCK *u)
{
    struct d3drt *rt = rt_enter(h);
    for (UINT i = 0; i < u->NumAllocations; i++)
        if (!alloc_of(rt, u->phAllocations[i]))
            return E_INVALIDARG;
    return S_OK;
}

static HRESULT APIENTRY cb_create_context(HANDLE h, D3DDDICB_CREATECONTEXT *c)
{
    struct d3drt *rt = rt_enter(h);
    struct rt_dev *dv = rt->cur;
    if (!dv->cmdbuf)
        dv->cmdbuf = calloc(1, RT_CMDBUF_BYTES);
    if (!dv->cmdbuf)
        return E_OUTOFMEMORY;
    rt->cmdbuf = dv->cmdbuf;
    /* The KMD gives each context its own virgl (sub-)context: objects are
     * per context, host resources are seen by all. */
    struct virgl_enc *e = vtest_encoder(rt->vt);
    if (virgl_enc_create_sub_ctx(e, dv->sub_ctx) || virgl_enc_flush(e)) {
        rt_fail(rt, "pfnCreateContextCb: %s", vtest_error(rt->vt));
        return E_FAIL;
    }
    c->hContext = rt_context(rt);
    c->pCommandBuffer = rt->cmdbuf;
    c->CommandBufferSize = RT_CMDBUF_BYTES;
    c->pAllocationList = rt->alist;
    c->AllocationListSize = RT_ALIST_ENTRIES;
    return S_OK;
}

static HRESULT APIENTRY cb_destroy_context(HANDLE h, const D3DDDICB_DESTROYCONTEXT *c)
{
    struct d3drt *rt = rt_enter(h);
    if (c->hContext != rt_context(rt))
        return E_INVALIDARG;
    struct virgl_enc *e = vtest_encoder(rt->vt);
    if (virgl_enc_destroy_sub_ctx(e, rt->cur->sub_ctx) || virgl_enc_flush(e))
        return E_FAIL;
    return S_OK;
}

/* Test-only corruption of the buffer the UMD wrote, for the negative
 * controls: the validator must catch it before anything reaches the host. */
static void corrupt(struct d3drt *rt, D3DDDICB_RENDER *r)
{
    uint32_t *w = rt->cmdbuf;
    if (rt->corrupt == D3DRT_CORRUPT_REF && r->NumAllocations)
        r->NumAllocations = 0; /* every reference now points outside the list */
    else if (rt->corrupt == D3DRT_CORRUPT_SUBCTX && r->CommandLength >= 20) {
        w[4] = VIRGL_CMD0(VIRGL_CCMD_SET_SUB_CTX, 0, 1);
        w[5] = 7;
    } else if (rt->corrupt == D3DRT_CORRUPT_LENGTH && r->CommandLength >= 16)
        w[3] += 1;
    else if (rt->corrupt == D3DRT_CORRUPT_NOWRITE && r->NumAllocations)
        for (UINT i = 0; i < r->NumAllocations; i++)
            rt->alist[i].WriteOperation = 0;
    else if (rt->corrupt == D3DRT_CORRUPT_BOX || rt->corrupt == D3DRT_CORRUPT_BACKING) {
        /* the first TRANSFER3D: payload dword 9 is the box width, 12 the data offset */
        uint32_t at = 4, end = r->CommandLength / 4u;
        while (at < end && !(VIRGL_CMD_ID(w[at]) == VIRGL_CCMD_TRANSFER3D &&
                             VIRGL_CMD_LEN(w[at]) == VIRGL_TRANSFER3D_SIZE && at + 13u < end))
            at += 1u + VIRGL_CMD_LEN(w[at]);
        if (at >= end)
            return; /* stays armed for a later submission */
        w[at + (rt->corrupt == D3DRT_CORRUPT_BOX ? 9u : 12u)] += 1;
    } else
        return;
    rt->corrupt = 0;
}

static HRESULT APIENTRY cb_render(HANDLE h, D3DDDICB_RENDER *r)
{
    struct d3drt *rt = rt_enter(h);
    if (r->hContext != rt_context(rt) || r->CommandLength > RT_CMDBUF_BYTES || (r->CommandLength & 3) ||
        r->CommandOffset || r->NumAllocations > (rt->alist_entries ? rt->alist_entries : RT_ALIST_ENTRIES)) {
        rt_fail(rt, "pfnRenderCb: bad arguments (length %u, %u allocations)", r->CommandLength, r->NumAllocations);
        return E_INVALIDARG;
    }
    rt->submits++;
    if (rt->corrupt)
        corrupt(rt, r);
    if (r->CommandLength) {
        /* What the KMD's Render will do: resolve each allocation-list entry
         * to the host resource it owns (0 if it is not ours), then let the
         * shared validator check and patch the buffer. */
        struct vcb_alloc va[RT_ALIST_ENTRIES];
        for (UINT i = 0; i < r->NumAllocations; i++) {
            struct rt_alloc *al = alloc_of(rt, rt->alist[i].hAllocation);
            struct vcb_alloc *v = &va[i];
            memset(v, 0, sizeof(*v));
            if (!al)
                continue; /* res_id 0: not ours */
            v->res_id = al->res.handle;
            v->write = rt->alist[i].WriteOperation;
            v->target = al->res.target;
            v->format = al->res.format;
            v->bind = al->res.bind;
            v->width = al->res.width;
            v->height = al->res.height;
            v->depth = al->res.depth;
            v->array_size = al->res.array_size;
            v->last_level = al->res.last_level;
            v->nr_samples = al->res.nr_samples;
            v->backing_size = al->res.shm_size;
        }
        struct vcb_result vr;
        int e = vcb_validate(rt->cmdbuf, r->CommandLength, va, r->NumAllocations, rt->vcb_out,
                             RT_CMDBUF_BYTES / 4, &vr);
        if (e) {
            rt->vcb_last_error = e;
            rt->submit_failed = true;
            rt_fail(rt, "pfnRenderCb: command buffer rejected: %s (%d) at dword %u", vcb_strerror(e), e,
                    (unsigned)vr.err_dw);
            return E_INVALIDARG;
        }
        rt->list_n = r->NumAllocations;
        rt->list_writes = 0;
        for (UINT i = 0; i < r->NumAllocations && i < 32; i++)
            rt->list_writes |= (unsigned)rt->alist[i].WriteOperation << i;
        if (vr.ndwords && rt->on_submit)
            rt->on_submit(rt->on_submit_ctx, rt->vcb_out, vr.ndwords);
        /* Every submission names its context's sub-context first. */
        if (vr.ndwords && (rt_set_sub_ctx(rt) || vtest_submit(rt->vt, rt->vcb_out, vr.ndwords))) {
            rt->submit_failed = true;
            rt_fail(rt, "pfnRenderCb: %s", vtest_error(rt->vt));
            return E_FAIL;
        }
    }
    r->pNewCommandBuffer = rt->cmdbuf;
    r->NewCommandBufferSize = RT_CMDBUF_BYTES;
    r->pNewAllocationList = rt->alist;
    r->NewAllocationListSize = rt->alist_entries ? rt->alist_entries : RT_ALIST_ENTRIES;
    return S_OK;
}

void d3drt_corrupt_next(struct d3drt *rt, int mode) { rt->corrupt = mode; }
void d3drt_on_submit(struct d3drt *rt, d3drt_submit_fn fn, void *ctx)
{
    rt->on_submit = fn;
    rt->on_submit_ctx = ctx;
}
void d3drt_limit_alist(struct d3drt *rt, unsigned entries)
{
    rt->alist_entries = entries < RT_ALIST_ENTRIES ? entries : RT_ALIST_ENTRIES;
}
int d3drt_vcb_error(const struct d3drt *rt) { return rt->vcb_last_error; }
unsigned d3drt_last_list(const struct d3drt *rt, unsigned *writes)
{
    *writes = rt->list_writes;
    return rt->list_n;
}

static void APIENTRY cb_set_error(D3D10DDI_HRTCORELAYER h, HRESULT hr)
{
    struct d3drt *rt = h.handle;
    if (!rt->nerrors++)
        rt->first_error = hr;
    rt_fail(rt, "driver reported error 0x%08x through pfnSetErrorCb", (unsigned)hr);
}

/* What the KMD's present does for a blt-model present to the primary
 * (hDstAllocation 0): a host blit of the source into the screen, queued
 * after what the driver submitted before calling us.  A destination
 * allocation instead takes the blit itself. */
static HRESULT APIENTRY cb_present_dxgi(HANDLE h, DXGIDDICB_PRESENT *p)
{
    struct d3drt *rt = rt_enter(h);
    struct rt_alloc *src = p ? alloc_of(rt, p->hSrcAllocation) : NULL;
    struct rt_alloc *dst = p && p->hDstAllocation ? alloc_of(rt, p->hDstAllocation) : NULL;
    if (!src || p->hContext != rt_context(rt) || (p->hDstAllocation && !dst)) {
        rt_fail(rt, "pfnPresentCb: bad arguments");
        return E_INVALIDARG;
    }
    if (!dst && src->primary) { /* a flip: the display scans the source out */
        rt->scanout = p->hSrcAllocation;
        rt->presents++;
        return S_OK;
    }
    if (!dst && rt->scanout) /* a blt to the primary being scanned out */
        dst = alloc_of(rt, rt->scanout);
    struct vtest_resource *to = dst ? &dst->res : &rt->screen;
    if (!dst && (!rt->have_screen || rt->screen.width != src->res.width || rt->screen.height != src->res.height ||
                 rt->screen.format != src->res.format)) {
        if (rt->have_screen)
            vtest_resource_unref(rt->vt, &rt->screen);
        memset(&rt->screen, 0, sizeof(rt->screen));
        rt->screen.target = VIRGL_TARGET_2D;
        rt->screen.format = src->res.format;
        rt->screen.bind = VIRGL_BIND_RENDER_TARGET | VIRGL_BIND_SAMPLER_VIEW;
        rt->screen.width = src->res.width;
        rt->screen.height = src->res.height;
        rt->screen.depth = rt->screen.array_size = 1;
        rt->have_screen = !vtest_resource_create(rt->vt, &rt->screen);
        if (!rt->have_screen) {
            rt_fail(rt, "pfnPresentCb: screen: %s", vtest_error(rt->vt));
            return E_OUTOFMEMORY;
        }
    }
    struct virgl_blit_info b = {0};
    b.mask = VIRGL_MASK_RGBA;
    b.filter = VIRGL_FILTER_NEAREST;
    b.src.res = src->res.handle;
    b.src.format = src->res.format;
    b.src.box = (struct virgl_box){0, 0, 0, src->res.width, src->res.height, 1};
    b.dst.res = to->handle;
    b.dst.format = to->format;
    b.dst.box = (struct virgl_box){0, 0, 0, to->width < src->res.width ? to->width : src->res.width,
                                   to->height < src->res.height ? to->height : src->res.height, 1};
    b.src.box.w = b.dst.box.w;
    b.src.box.h = b.dst.box.h;
    struct virgl_enc *e = vtest_encoder(rt->vt);
    if (virgl_enc_blit(e, &b) || virgl_enc_flush(e)) {
        rt_fail(rt, "pfnPresentCb: %s", vtest_error(rt->vt));
        return E_FAIL;
    }
    rt->presents++;
    return S_OK;
}

const DXGI_DDI_BASE_FUNCTIONS *d3drt_dxgi(const struct d3drt *rt) { return &rt->dxgi; }
unsigned d3drt_presents(const struct d3drt *rt) { return rt->presents; }

int d3drt_screen(struct d3drt *rt, uint32_t *w, uint32_t *h, uint32_t *format, const uint8_t **px, uint32_t *stride)
{
    struct rt_alloc *shown = rt->scanout ? alloc_of(rt, rt->scanout) : NULL;
    if (shown) {
        if (vtest_read_level(rt->vt, &shown->res, 0)) {
            rt_fail(rt, "screen: %s", vtest_error(rt->vt));
            return -1;
        }
        *w = shown->res.width;
        *h = shown->res.height;
        *format = shown->res.format;
        *px = (const uint8_t *)shown->res.shm + vtest_level_offset(&shown->res, 0);
        *stride = vtest_level_stride(&shown->res, 0);
        return 0;
    }
    if (!rt->have_screen || vtest_read_level(rt->vt, &rt->screen, 0)) {
        rt_fail(rt, "screen: %s", rt->have_screen ? vtest_error(rt->vt) : "nothing presented");
        return -1;
    }
    *w = rt->screen.width;
    *h = rt->screen.height;
    *format = rt->screen.format;
    *px = (const uint8_t *)rt->screen.shm + vtest_level_offset(&rt->screen, 0);
    *stride = vtest_level_stride(&rt->screen, 0);
    return 0;
}

/* ---- open / close ----------------------------------------------------------- */
static int rt_create_device(struct d3drt *rt);

int d3drt_open(struct d3drt **out, struct vtest_server *srv, UINT force_interface)
{
    struct d3drt *rt = calloc(1, sizeof(*rt));
    *out = rt;
    if (!rt)
        return -1;
    if (vtest_connect(srv, &rt->vt)) {
        rt_fail(rt, "vtest_connect: %s", vtest_error(rt->vt));
        return -1;
    }
    rt->acb.pfnQueryAdapterInfoCb = cb_query_adapter_info;
    D3D10DDIARG_OPENADAPTER oa = {0};
    oa.hRTAdapter.handle = rt;
    oa.Interface = D3D10_1_DDI_INTERFACE_VERSION;
    oa.Version = D3D10_1_DDI_BUILD_VERSION;
    oa.pAdapterCallbacks = &rt->acb;
    oa.pAdapterFuncs_2 = &rt->afuncs;
    HRESULT hr = OpenAdapter10_2(&oa);
    if (FAILED(hr)) {
        rt_fail(rt, "OpenAdapter10_2: 0x%08x", (unsigned)hr);
        return -1;
    }
    rt->hadapter = oa.hAdapter;
    rt->adapter_open = true;

    /* The runtime picks the interface from what the driver lists, then
     * checks the feature level with GetCaps. */
    UINT32 n = 0;
    UINT64 versions[8];
    if (FAILED(rt->afuncs.pfnGetSupportedVersions(rt->hadapter, &n, NULL)) || n == 0 || n > 8 ||
        FAILED(rt->afuncs.pfnGetSupportedVersions(rt->hadapter, &n, versions))) {
        rt_fail(rt, "GetSupportedVersions failed");
        return -1;
    }
    UINT iface = 0;
    for (UINT32 i = 0; i < n; i++) {
        UINT v = (UINT)(versions[i] >> 32);
        if (v > iface && (!force_interface || v == force_interface))
            iface = v;
    }
    UINT pipeline = 0;
    D3D10_2DDIARG_GETCAPS gc = {.Type = D3D11DDICAPS_3DPIPELINESUPPORT, .pData = &pipeline, .DataSize = sizeof(UINT)};
    if (FAILED(rt->afuncs.pfnGetCaps(rt->hadapter, &gc))) {
        rt_fail(rt, "GetCaps(3DPIPELINESUPPORT) failed");
        return -1;
    }
    if (iface == D3D10_1_DDI_INTERFACE_VERSION && !(pipeline & 2))
        iface = force_interface ? 0 : D3D10_0_DDI_INTERFACE_VERSION;
    if (!iface || !(pipeline & 1)) {
        rt_fail(rt, "no usable interface (pipeline caps 0x%x)", pipeline);
        return -1;
    }
    rt->iface = iface;
    return rt_create_device(rt);
}

/* CreateDevice of one more device (its index is rt->ndevs), selected. */
static int rt_create_device(struct d3drt *rt)
{
    if (rt->ndevs == RT_MAX_DEVICES) {
        rt_fail(rt, "too many devices");
        return -1;
    }
    UINT iface = rt->iface;
    struct rt_dev *dv = &rt->devs[rt->ndevs];
    dv->rt = rt;
    dv->index = rt->ndevs++;
    dv->sub_ctx = dv->index + 1;
    D3D10DDIARG_CALCPRIVATEDEVICESIZE cs = {.Interface = iface, .Version = 0, .Flags = 0};
    SIZE_T dsize = rt->afuncs.pfnCalcPrivateDeviceSize(rt->hadapter, &cs);
    dv->hdev.pDrvPrivate = calloc(1, dsize ? dsize : 1);
    rt_select(rt, dv);
    rt->kt.pfnAllocateCb = cb_allocate;
    rt->kt.pfnDeallocateCb = cb_deallocate;
    rt->kt.pfnRenderCb = cb_render;
    rt->kt.pfnLockCb = cb_lock;
    rt->kt.pfnUnlockCb = cb_unlock;
    rt->kt.pfnCreateContextCb = cb_create_context;
    rt->kt.pfnDestroyContextCb = cb_destroy_context;
    rt->kt.pfnSetDisplayModeCb = cb_set_display_mode;
    rt->um.pfnSetErrorCb = cb_set_error;
    D3D10DDIARG_CREATEDEVICE cd = {0};
    cd.hRTDevice.handle = dv;
    cd.Interface = iface;
    cd.Version = iface == D3D10_1_DDI_INTERFACE_VERSION ? D3D10_1_DDI_BUILD_VERSION : D3D10_0_DDI_BUILD_VERSION;
    cd.pKTCallbacks = &rt->kt;
    cd.p10_1DeviceFuncs = &dv->funcs;
    cd.hDrvDevice = dv->hdev;
    cd.hRTCoreLayer.handle = rt;
    cd.pUMCallbacks = &rt->um;
    rt->dxgi_cb.pfnPresentCb = cb_present_dxgi;
    cd.DXGIBaseDDI.pDXGIBaseCallbacks = &rt->dxgi_cb;
    cd.DXGIBaseDDI.pDXGIDDIBaseFunctions = &dv->dxgi;
    HRESULT hr = rt->afuncs.pfnCreateDevice(rt->hadapter, &cd);
    if (FAILED(hr)) {
        rt_fail(rt, "CreateDevice: 0x%08x", (unsigned)hr);
        return -1;
    }
    dv->open = true;
    rt_select(rt, dv); /* the tables the driver just filled */
    /* The runtime verifies the driver filled every entry it will call. */
    void **slots = (void **)&rt->funcs;
    size_t nslots = iface == D3D10_1_DDI_INTERFACE_VERSION ? sizeof(D3D10_1DDI_DEVICEFUNCS) / sizeof(void *)
                                                           : sizeof(D3D10DDI_DEVICEFUNCS) / sizeof(void *);
    for (size_t i = 0; i < nslots; i++)
        if (!slots[i]) {
            rt_fail(rt, "device function table entry %zu left NULL", i);
            return -1;
        }
    void **dx = (void **)&rt->dxgi;
    for (size_t i = 0; i < sizeof(rt->dxgi) / sizeof(void *); i++)
        if (!dx[i]) {
            rt_fail(rt, "DXGI function table entry %zu left NULL", i);
            return -1;
        }
    return 0;
}

static void destroy_obj(struct d3drt *rt, struct rt_obj *o)
{
    const D3D10_1DDI_DEVICEFUNCS *f = &rt->funcs;
    D3D10DDI_HDEVICE d = rt->hdev;
    switch (o->kind) {
    case OBJ_RESOURCE: f->pfnDestroyResource(d, (D3D10DDI_HRESOURCE){o->mem}); break;
    case OBJ_RTV: f->pfnDestroyRenderTargetView(d, (D3D10DDI_HRENDERTARGETVIEW){o->mem}); break;
    case OBJ_DSV: f->pfnDestroyDepthStencilView(d, (D3D10DDI_HDEPTHSTENCILVIEW){o->mem}); break;
    case OBJ_SRV: f->pfnDestroyShaderResourceView(d, (D3D10DDI_HSHADERRESOURCEVIEW){o->mem}); break;
    case OBJ_BLEND: f->pfnDestroyBlendState(d, (D3D10DDI_HBLENDSTATE){o->mem}); break;
    case OBJ_DSA: f->pfnDestroyDepthStencilState(d, (D3D10DDI_HDEPTHSTENCILSTATE){o->mem}); break;
    case OBJ_RS: f->pfnDestroyRasterizerState(d, (D3D10DDI_HRASTERIZERSTATE){o->mem}); break;
    case OBJ_SAMPLER: f->pfnDestroySampler(d, (D3D10DDI_HSAMPLER){o->mem}); break;
    case OBJ_LAYOUT: f->pfnDestroyElementLayout(d, (D3D10DDI_HELEMENTLAYOUT){o->mem}); break;
    case OBJ_SHADER: f->pfnDestroyShader(d, (D3D10DDI_HSHADER){o->mem}); break;
    case OBJ_QUERY: f->pfnDestroyQuery(d, (D3D10DDI_HQUERY){o->mem}); break;
    }
    free(o->mem);
}

int d3drt_add_device(struct d3drt *rt)
{
    struct rt_dev *was = rt->cur;
    if (!rt->adapter_open || rt_create_device(rt)) {
        if (was)
            rt_select(rt, was);
        return -1;
    }
    return (int)rt->cur->index;
}

int d3drt_select(struct d3drt *rt, unsigned index)
{
    if (index >= rt->ndevs || !rt->devs[index].open)
        return -1;
    rt_select(rt, &rt->devs[index]);
    return 0;
}
unsigned d3drt_current(const struct d3drt *rt) { return rt->cur ? rt->cur->index : 0; }

void d3drt_close(struct d3drt *rt)
{
    if (!rt)
        return;
    /* Views and states before the resources they name, each through the
     * device that made it; then the devices, last opened first. */
    for (unsigned i = rt->nobjs; i-- > 0;)
        if (rt->objs[i].dev->open) {
            rt_select(rt, rt->objs[i].dev);
            destroy_obj(rt, &rt->objs[i]);
        } else {
            free(rt->objs[i].mem);
        }
    for (unsigned i = rt->ndevs; i-- > 0;) {
        struct rt_dev *dv = &rt->devs[i];
        if (dv->open) {
            rt_select(rt, dv);
            rt->funcs.pfnDestroyDevice(rt->hdev);
        }
        free(dv->hdev.pDrvPrivate);
        free(dv->cmdbuf);
    }
    if (rt->adapter_open)
        rt->afuncs.pfnCloseAdapter(rt->hadapter);
    for (unsigned i = 0; i < RT_MAX_ALLOCS; i++)
        if (rt->allocs[i].used && !rt->allocs[i].owner) /* aliases share their owner's */
            vtest_resource_unref(rt->vt, &rt->allocs[i].res);
    if (rt->have_screen)
        vtest_resource_unref(rt->vt, &rt->screen);
    vtest_close(rt->vt);
    free(rt);
}

