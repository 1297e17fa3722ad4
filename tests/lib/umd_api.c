/*
 * umd-api — DDI contract checks of the UMD under the mini runtime, one
 * "ok - NAME" / "not ok - NAME: WHY" line each (tests/suites/umd-scenes.sh):
 * interface negotiation and refusal, the adapter-info ABI check, both
 * device tables complete, what the host cannot do reporting E_NOTIMPL
 * through pfnSetErrorCb, SO without GS code, the derived SO overflow
 * predicate, CheckCounter/CheckCounterInfo/SetTextFilterSize, Map/Unmap of a dynamic buffer round-tripping
 * through the host, UpdateSubresourceUP of a texture region, the
 * rasterizer's clip_plane_enable read from the submitted stream, and
 * shared resources opened by a second device (corrupt private data refused),
 * and hostile slot/subresource/box/view-range arguments (umd_args.c).
 */
#include "cmdbuf/vcb.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/d3d10rt.h"
#include "umd/umd_priv.h"
#include "viogpu/virtio_gpu.h"

HRESULT APIENTRY OpenAdapter10(D3D10DDIARG_OPENADAPTER *args);
HRESULT APIENTRY OpenAdapter10_2(D3D10DDIARG_OPENADAPTER *args);

static int failures;
static void report(const char *name, int ok, const char *why)
{
    if (ok)
        printf("ok - %s\n", name);
    else {
        printf("not ok - %s: %s\n", name, why);
        failures++;
    }
}

/* Adapter callback answering a fixed (bad) adapter info: a wrong magic,
 * or a struct viogpu_umd_private whose capset is absent or oversized. */
static uint32_t fake_magic, fake_capset_size;
static UINT fake_asked; /* PrivateDriverDataSize the UMD passed */
static HRESULT APIENTRY fake_query(HANDLE h, const D3DDDICB_QUERYADAPTERINFO *q)
{
    (void)h;
    fake_asked = q->PrivateDriverDataSize;
    if (q->PrivateDriverDataSize < sizeof(struct viogpu_umd_private))
        return E_INVALIDARG;
    struct viogpu_umd_private *a = q->pPrivateDriverData;
    memset(a, 0, sizeof(*a));
    a->info.magic = fake_magic;
    a->info.abi_version = VIOGPU_ABI_VERSION;
    a->info.size = sizeof(a->info);
    a->info.flags = VIOGPU_ADAPTER_FLAG_VIRGL;
    a->capset_id = VIRTIO_GPU_CAPSET_VIRGL2;
    a->capset_version = 2;
    a->capset_size = fake_capset_size;
    return S_OK;
}

static void adapter_checks(void)
{
    D3D10_2DDI_ADAPTERFUNCS af;
    D3DDDI_ADAPTERCALLBACKS cb = {fake_query, NULL};
    D3D10DDIARG_OPENADAPTER oa;
    HRESULT hr;

    memset(&oa, 0, sizeof(oa));
    oa.Interface = (11u << 16) | 1u; /* a D3D11 interface */
    oa.pAdapterCallbacks = &cb;
    oa.pAdapterFuncs_2 = &af;
    fake_magic = VIOGPU_ABI_MAGIC;
    hr = OpenAdapter10_2(&oa);
    report("open_refuses_d3d11_interface", hr == E_NOTIMPL, "OpenAdapter10_2 accepted interface 11.1");
    oa.Interface = (10u << 16) | 3u; /* D3D10.1 "x" minor we do not implement */
    hr = OpenAdapter10(&oa);
    report("open_refuses_unknown_minor", FAILED(hr), "OpenAdapter10 accepted interface 10.3");
    oa.Interface = D3D10_1_DDI_INTERFACE_VERSION;
    fake_magic = 0x12345678;
    fake_capset_size = 64;
    hr = OpenAdapter10_2(&oa);
    report("open_refuses_foreign_adapter_info", FAILED(hr), "accepted adapter info with a wrong magic");
    report("open_asks_whole_umd_private", fake_asked == sizeof(struct viogpu_umd_private),
           "pfnQueryAdapterInfoCb not given sizeof(struct viogpu_umd_private)");
    /* abi.h: no capset means no virgl; a size past the array is hostile. */
    fake_magic = VIOGPU_ABI_MAGIC;
    fake_capset_size = 0;
    hr = OpenAdapter10_2(&oa);
    report("open_refuses_missing_capset", FAILED(hr), "accepted an adapter without a capset");
    fake_capset_size = VIOGPU_CAPSET_MAX + 4;
    hr = OpenAdapter10_2(&oa);
    report("open_refuses_oversized_capset", FAILED(hr), "accepted capset_size past VIOGPU_CAPSET_MAX");
}

/* SO of the VS output without GS code, PIPELINESTATS, the derived
 * STREAMOVERFLOWPREDICATE, CheckCounter/CheckCounterInfo, SetTextFilterSize. */
static void qso_checks(struct d3drt *rt, const char *tag)
{
    const D3D10_1DDI_DEVICEFUNCS *f = d3drt_funcs(rt);
    D3D10DDI_HDEVICE d = d3drt_dev(rt);
    struct umd_device *dev = d.pDrvPrivate;
    char name[96], why[160];

    /* pShaderCode NULL + the VS output signature: a pass-through GS per
     * primitive class, no error; a clip distance there is E_NOTIMPL; no
     * signature at all is E_INVALIDARG. */
    D3D10DDIARG_STREAM_OUTPUT_DECLARATION_ENTRY e[2] = {{0, 0, 0xf}, {0, 1, 0x7}};
    D3D10DDIARG_CREATEGEOMETRYSHADERWITHSTREAMOUTPUT so = {NULL, e, 2, 28};
    D3D10DDIARG_SIGNATURE_ENTRY out[3] = {{D3D10_SB_NAME_POSITION, 0, 0xf}, {D3D10_SB_NAME_UNDEFINED, 1, 0xf},
                                          {D3D10_SB_NAME_CLIP_DISTANCE, 2, 0x1}};
    D3D10DDIARG_STAGE_IO_SIGNATURES sig = {out, 2, out, 2};
    uint64_t mem[64];
    struct umd_shader *sh = (struct umd_shader *)mem;
    d3drt_clear_errors(rt);
    int fits = f->pfnCalcPrivateGeometryShaderWithStreamOutput(d, &so, &sig) <= sizeof(mem);
    memset(mem, 0xa5, sizeof(mem)); /* runtime memory is not zeroed */
    if (fits)
        f->pfnCreateGeometryShaderWithStreamOutput(d, &so, (D3D10DDI_HSHADER){mem}, (D3D10DDI_HRTSHADER){NULL}, &sig);
    int distinct = 1;
    for (int i = 0; i < UMD_SO_CLASSES; i++)
        for (int j = 0; j < i; j++)
            distinct = distinct && sh->passthru[i] && sh->passthru[i] != sh->passthru[j];
    snprintf(name, sizeof(name), "so_without_gs_passthrough_%s", tag);
    snprintf(why, sizeof(why), "%u errors (first 0x%08x), handle %u, variants distinct %d", d3drt_error_count(rt),
             (unsigned)d3drt_first_error(rt), sh->handle, distinct);
    report(name, fits && d3drt_error_count(rt) == 0 && !d3drt_failed(rt) && sh->handle && distinct, why);
    if (sh->handle)
        f->pfnDestroyShader(d, (D3D10DDI_HSHADER){mem});
    d3drt_clear_errors(rt);
    sig.NumOutputSignatureEntries = 3;
    f->pfnCreateGeometryShaderWithStreamOutput(d, &so, (D3D10DDI_HSHADER){mem}, (D3D10DDI_HRTSHADER){NULL}, &sig);
    HRESULT clip = d3drt_error_count(rt) == 1 ? d3drt_first_error(rt) : S_OK;
    d3drt_clear_errors(rt);
    D3D10DDIARG_STAGE_IO_SIGNATURES nosig = {0};
    f->pfnCreateGeometryShaderWithStreamOutput(d, &so, (D3D10DDI_HSHADER){mem}, (D3D10DDI_HRTSHADER){NULL}, &nosig);
    HRESULT none = d3drt_error_count(rt) == 1 ? d3drt_first_error(rt) : S_OK;
    snprintf(name, sizeof(name), "so_without_gs_refusals_%s", tag);
    snprintf(why, sizeof(why), "clip distance 0x%08x (want E_NOTIMPL), no signature 0x%08x (want E_INVALIDARG)",
             (unsigned)clip, (unsigned)none);
    report(name, clip == E_NOTIMPL && none == E_INVALIDARG, why);

    /* PIPELINESTATS: E_NOTIMPL exactly when the host lacks the pipeline
     * statistics query (virglrenderer 0.10.4 does). */
    d3drt_clear_errors(rt);
    d3drt_query(rt, D3D10DDI_QUERY_PIPELINESTATS);
    int host_stats = (dev->adapter->caps.capability_bits_v2 & (1u << 13)) != 0;
    snprintf(name, sizeof(name), "pipelinestats_refused_without_host_query_%s", tag);
    snprintf(why, sizeof(why), "host has it %d, %u errors, first 0x%08x", host_stats, d3drt_error_count(rt),
             (unsigned)d3drt_first_error(rt));
    int refused = d3drt_error_count(rt) == 1 && d3drt_first_error(rt) == E_NOTIMPL;
    report(name, host_stats ? d3drt_error_count(rt) == 0 : refused, why);

    /* STREAMOVERFLOWPREDICATE on a host without the overflow query: derived
     * from written/generated; an empty range did not overflow; it cannot
     * predicate (E_NOTIMPL). */
    d3drt_clear_errors(rt);
    uint32_t bset = dev->adapter->caps.bset;
    dev->adapter->caps.bset &= ~VIRGL_BSET_TF_OVERFLOW_QUERY;
    D3D10DDI_HQUERY oq = d3drt_query(rt, D3D10DDI_QUERY_STREAMOVERFLOWPREDICATE);
    dev->adapter->caps.bset = bset;
    BOOL overflow = TRUE;
    f->pfnQueryBegin(d, oq);
    f->pfnQueryEnd(d, oq);
    HRESULT got = d3drt_query_data(rt, oq, &overflow, sizeof(overflow));
    d3drt_clear_errors(rt);
    f->pfnSetPredication(d, oq, TRUE);
    HRESULT pred = d3drt_error_count(rt) == 1 ? d3drt_first_error(rt) : S_OK;
    snprintf(name, sizeof(name), "sooverflow_derived_%s", tag);
    snprintf(why, sizeof(why), "GetData 0x%08x = %d, SetPredication 0x%08x", (unsigned)got, (int)overflow,
             (unsigned)pred);
    report(name, got == S_OK && overflow == FALSE && pred == E_NOTIMPL, why);

    /* Counters: none at all.  CheckCounterInfo zeroes; CheckCounter says
     * DXGI_DDI_ERR_UNSUPPORTED for the 18 well-known counters, E_INVALIDARG
     * for a device-dependent one (out of range) or a non-counter, and
     * leaves the outputs alone. */
    d3drt_clear_errors(rt);
    D3D10DDI_COUNTER_INFO ci;
    memset(&ci, 0x5a, sizeof(ci));
    f->pfnCheckCounterInfo(d, &ci);
    static const uint32_t ids[] = {0x1000, 0x1011, 0x1012, 0x40000000, 0x40000001, D3D10DDI_QUERY_OCCLUSION};
    static const HRESULT want[] = {DXGI_DDI_ERR_UNSUPPORTED, DXGI_DDI_ERR_UNSUPPORTED, E_INVALIDARG, E_INVALIDARG,
                                   E_INVALIDARG, E_INVALIDARG};
    int good = d3drt_error_count(rt) == 0 && ci.LastDeviceDependentCounter == 0 && ci.NumSimultaneousCounters == 0 &&
               ci.NumDetectableParallelUnits == 0;
    snprintf(why, sizeof(why), "CheckCounterInfo %u errors, last %u, simultaneous %u, units %u", d3drt_error_count(rt),
             (unsigned)ci.LastDeviceDependentCounter, ci.NumSimultaneousCounters, ci.NumDetectableParallelUnits);
    for (unsigned i = 0; good && i < sizeof(ids) / sizeof(ids[0]); i++) {
        D3D10DDI_COUNTER_TYPE type = (D3D10DDI_COUNTER_TYPE)77;
        UINT active = 77, nlen = 8, ulen = 8, dlen = 8;
        char nm[8] = "x", un[8] = "y", ds[8] = "z";
        d3drt_clear_errors(rt);
        f->pfnCheckCounter(d, (D3D10DDI_QUERY)ids[i], &type, &active, nm, &nlen, un, &ulen, ds, &dlen);
        good = d3drt_error_count(rt) == 1 && d3drt_first_error(rt) == want[i] && type == 77 && active == 77 &&
               nlen == 8 && !strcmp(nm, "x") && !strcmp(un, "y") && !strcmp(ds, "z");
        snprintf(why, sizeof(why), "CheckCounter(0x%x): %u errors, first 0x%08x (want 0x%08x)", ids[i],
                 d3drt_error_count(rt), (unsigned)d3drt_first_error(rt), (unsigned)want[i]);
    }
    snprintf(name, sizeof(name), "check_counter_none_%s", tag);
    report(name, good, why);

    /* SetTextFilterSize: 1x1 from creation, stored, clamped to 1..7, never
     * an error. */
    d3drt_clear_errors(rt);
    int dflt = dev->text_filter_w == 0 && dev->text_filter_h == 0;
    f->pfnSetTextFilterSize(d, 3, 5);
    int set = dev->text_filter_w + 1 == 3 && dev->text_filter_h + 1 == 5;
    f->pfnSetTextFilterSize(d, 0, 9);
    int clamped = dev->text_filter_w + 1 == 1 && dev->text_filter_h + 1 == 7;
    snprintf(name, sizeof(name), "text_filter_size_%s", tag);
    snprintf(why, sizeof(why), "default %d, set %d, clamped %d, %u errors", dflt, set, clamped, d3drt_error_count(rt));
    report(name, dflt && set && clamped && d3drt_error_count(rt) == 0, why);
    d3drt_clear_errors(rt);
}

static int device_checks(struct vtest_server *srv, UINT iface, const char *tag)
{
    struct d3drt *rt;
    char name[128], why[512];
    snprintf(name, sizeof(name), "device_tables_complete_%s", tag);
    if (d3drt_open(&rt, srv, iface)) {
        report(name, 0, d3drt_error(rt));
        d3drt_close(rt);
        return -1;
    }
    report(name, d3drt_interface(rt) == iface, "runtime picked another interface");
    const D3D10_1DDI_DEVICEFUNCS *f = d3drt_funcs(rt);
    D3D10DDI_HDEVICE d = d3drt_dev(rt);

    /* DrawAuto with no captured vertex buffer draws nothing, silently. */
    d3drt_clear_errors(rt);
    f->pfnDrawAuto(d);
    snprintf(name, sizeof(name), "drawauto_without_capture_is_noop_%s", tag);
    report(name, d3drt_error_count(rt) == 0, "DrawAuto with nothing captured reported an error");
    qso_checks(rt, tag);

    /* Queries: GetData before End is "still drawing", not a result; a
     * buffer too small for the result is refused; after End an empty
     * occlusion query answers 0. */
    d3drt_clear_errors(rt);
    D3D10DDI_HQUERY oq = d3drt_query(rt, D3D10DDI_QUERY_OCCLUSION);
    UINT64 samples = 77;
    f->pfnQueryBegin(d, oq);
    f->pfnQueryGetData(d, oq, &samples, sizeof(samples), 0);
    HRESULT early = d3drt_first_error(rt);
    d3drt_clear_errors(rt);
    f->pfnQueryEnd(d, oq);
    HRESULT small = d3drt_query_data(rt, oq, &samples, 4);
    d3drt_clear_errors(rt);
    HRESULT got = d3drt_query_data(rt, oq, &samples, sizeof(samples));
    snprintf(name, sizeof(name), "query_getdata_contract_%s", tag);
    snprintf(why, sizeof(why), "before End 0x%08x, 4-byte buffer 0x%08x, result 0x%08x = %llu", (unsigned)early,
             (unsigned)small, (unsigned)got, (unsigned long long)samples);
    report(name, early == DXGI_DDI_ERR_WASSTILLDRAWING && small == E_INVALIDARG && got == S_OK && samples == 0, why);
    d3drt_clear_errors(rt);

    /* Initial data whose source pointer is NULL is refused before anything
     * is allocated or read (the runtime never passes it; a driver that
     * trusted it would read through NULL). */
    {
        D3D10DDI_MIPINFO mip = {64, 1, 1, 64, 1, 1};
        D3D10_DDIARG_SUBRESOURCE_UP up = {NULL, 64, 64};
        D3D10DDIARG_CREATERESOURCE ca = {0};
        ca.pMipInfoList = &mip;
        ca.pInitialDataUP = &up;
        ca.ResourceDimension = D3D10DDIRESOURCE_BUFFER;
        ca.Usage = D3D10_DDI_USAGE_DEFAULT;
        ca.BindFlags = D3D10_DDI_BIND_VERTEX_BUFFER;
        ca.SampleDesc.Count = 1;
        ca.MipLevels = 1;
        ca.ArraySize = 1;
        unsigned submits = d3drt_submits(rt);
        d3drt_clear_errors(rt);
        d3drt_resource(rt, &ca);
        snprintf(name, sizeof(name), "initial_data_null_source_refused_%s", tag);
        snprintf(why, sizeof(why), "first error 0x%08x, %u errors", (unsigned)d3drt_first_error(rt),
                 d3drt_error_count(rt));
        report(name, d3drt_first_error(rt) == E_INVALIDARG && d3drt_submits(rt) == submits, why);
        d3drt_clear_errors(rt);
    }

    /* CheckFormatSupport from the host caps: RGBA8 samples, renders and
     * blends; R32_UINT renders but neither samples with a filter nor
     * blends; a format the driver cannot map is NOT_SUPPORTED. */
    d3drt_clear_errors(rt);
    UINT rgba = 0, r32u = 0, none = 0;
    f->pfnCheckFormatSupport(d, DXGI_FORMAT_R8G8B8A8_UNORM, &rgba);
    f->pfnCheckFormatSupport(d, DXGI_FORMAT_R32_UINT, &r32u);
    f->pfnCheckFormatSupport(d, (DXGI_FORMAT)0x7777, &none);
    snprintf(name, sizeof(name), "check_format_support_%s", tag);
    snprintf(why, sizeof(why), "RGBA8 0x%x, R32_UINT 0x%x, unknown 0x%x, %u errors", rgba, r32u, none,
             d3drt_error_count(rt));
    /* + MULTISAMPLE_RENDERTARGET | MULTISAMPLE_LOAD when the driver offers 4x. */
    UINT ms4 = 0;
    f->pfnCheckMultisampleQualityLevels(d, DXGI_FORMAT_R8G8B8A8_UNORM, 4, &ms4);
    UINT msbits = ms4 ? 0x18u : 0;
    report(name, rgba == (0x7 | msbits) && r32u == (0x2 | msbits) && none == 0x80000000u && !d3drt_error_count(rt),
           why);

    /* A dynamic vertex buffer: Map(WRITE_DISCARD), Unmap, copy to a
     * staging buffer on the host, Map(READ): the bytes come back. */
    d3drt_clear_errors(rt);
    uint32_t init[64];
    for (int i = 0; i < 64; i++)
        init[i] = 0x01010101u * (uint32_t)i;
    D3D10DDI_MIPINFO mip = {256, 1, 1, 256, 1, 1};
    D3D10_DDIARG_SUBRESOURCE_UP up = {init, 256, 256};
    D3D10DDIARG_CREATERESOURCE a;
    memset(&a, 0, sizeof(a));
    a.pMipInfoList = &mip;
    a.pInitialDataUP = &up;
    a.ResourceDimension = D3D10DDIRESOURCE_BUFFER;
    a.Usage = D3D10_DDI_USAGE_DYNAMIC;
    a.BindFlags = D3D10_DDI_BIND_VERTEX_BUFFER;
    a.MapFlags = D3D10_DDI_CPU_ACCESS_WRITE;
    a.SampleDesc.Count = 1;
    a.MipLevels = a.ArraySize = 1;
    D3D10DDI_HRESOURCE dyn = d3drt_resource(rt, &a);
    a.pInitialDataUP = NULL;
    a.Usage = D3D10_DDI_USAGE_STAGING;
    a.BindFlags = 0;
    a.MapFlags = D3D10_DDI_CPU_ACCESS_READ;
    D3D10DDI_HRESOURCE st = d3drt_resource(rt, &a);
    D3D10DDI_MAPPED_SUBRESOURCE m;
    memset(&m, 0, sizeof(m));
    f->pfnDynamicIABufferMapDiscard(d, dyn, 0, D3D10_DDI_MAP_WRITE_DISCARD, 0, &m);
    if (m.pData)
        for (int i = 0; i < 64; i++)
            ((uint32_t *)m.pData)[i] = 0xa5000000u | (uint32_t)i;
    f->pfnDynamicIABufferUnmap(d, dyn, 0);
    D3D10_DDI_BOX box = {16, 0, 0, 48, 1, 1};
    f->pfnResourceCopyRegion(d, st, 0, 0, 0, 0, dyn, 0, &box);  /* bytes 16..47 -> 0..31 */
    memset(&m, 0, sizeof(m));
    f->pfnStagingResourceMap(d, st, 0, D3D10_DDI_MAP_READ, 0, &m);
    int good = m.pData != NULL && !d3drt_failed(rt);
    for (int i = 0; good && i < 8; i++)
        good = ((uint32_t *)m.pData)[i] == (0xa5000000u | (uint32_t)(i + 4));
    if (m.pData)
        f->pfnStagingResourceUnmap(d, st, 0);
    snprintf(name, sizeof(name), "map_discard_copyregion_map_read_%s", tag);
    snprintf(why, sizeof(why), "%s; first dword 0x%08x", d3drt_error(rt),
             m.pData ? ((uint32_t *)m.pData)[0] : 0u);
    report(name, good, why);
    d3drt_close(rt);
    return 0;
}

/* Negative controls of the command buffer validator: the runtime corrupts
 * the UMD's next submission (a ResourceCopyRegion naming two allocations,
 * or with `upload` the TRANSFER3D of a buffer's initial data) and the
 * shared validator must refuse it with the expected code before anything
 * reaches the host; the UMD then reports the lost submission.  Mode NONE
 * (expect 0) is the positive control: the same submissions pass. */
static void vcb_negative(struct vtest_server *srv, int mode, bool upload, int expect, const char *name)
{
    struct d3drt *rt;
    char why[2300];
    if (d3drt_open(&rt, srv, D3D10_1_DDI_INTERFACE_VERSION)) {
        report(name, 0, d3drt_error(rt));
        d3drt_close(rt);
        return;
    }
    const D3D10_1DDI_DEVICEFUNCS *f = d3drt_funcs(rt);
    D3D10DDI_HDEVICE d = d3drt_dev(rt);
    D3D10DDI_MIPINFO mip = {256, 1, 1, 256, 1, 1};
    D3D10DDIARG_CREATERESOURCE a = d3drt_desc(&mip, D3D10DDIRESOURCE_BUFFER, D3D10_DDI_USAGE_DEFAULT, D3D10_DDI_BIND_VERTEX_BUFFER, DXGI_FORMAT_UNKNOWN);
    uint32_t init[64] = {0};
    D3D10_DDIARG_SUBRESOURCE_UP up = {init, 256, 256};
    if (upload) {
        d3drt_corrupt_next(rt, mode); /* waits for the upload's TRANSFER3D */
        a.pInitialDataUP = &up;
    }
    D3D10DDI_HRESOURCE src = d3drt_resource(rt, &a);
    a.pInitialDataUP = NULL;
    D3D10DDI_HRESOURCE dst = d3drt_resource(rt, &a);
    f->pfnFlush(d);
    if (!upload) {
        d3drt_clear_errors(rt);
        D3D10_DDI_BOX box = {0, 0, 0, 64, 1, 1};
        f->pfnResourceCopyRegion(d, dst, 0, 0, 0, 0, src, 0, &box);
        d3drt_corrupt_next(rt, mode);
        f->pfnFlush(d);
    }
    int got = d3drt_vcb_error(rt);
    unsigned writes, n = d3drt_last_list(rt, &writes);
    snprintf(why, sizeof(why), "validator returned %d (%s), expected %d; list of %u, writes 0x%x; %s", got,
             vcb_strerror(got), expect, n, writes, d3drt_error(rt));
    /* uncorrupted copy: the destination (entry 0) written, the source read only */
    bool list_ok = mode || upload || (n == 2 && writes == 1u);
    report(name, got == expect && d3drt_failed(rt) == (expect != 0) && list_ok, why);
    d3drt_close(rt);
}

/* More resources than one allocation list holds: a chain of 24 buffer
 * copies with 16-entry lists forces the UMD to submit and restart its list
 * in the middle; the bytes must still arrive at the end of the chain. */
static void alist_overflow(struct vtest_server *srv)
{
    struct d3drt *rt;
    char why[2300];
    const char *name = "alist_overflow_copy_chain";
    if (d3drt_open(&rt, srv, D3D10_1_DDI_INTERFACE_VERSION)) {
        report(name, 0, d3drt_error(rt));
        d3drt_close(rt);
        return;
    }
    const D3D10_1DDI_DEVICEFUNCS *f = d3drt_funcs(rt);
    D3D10DDI_HDEVICE d = d3drt_dev(rt);
    uint32_t init[64];
    for (int i = 0; i < 64; i++)
        init[i] = 0x5a000000u | (uint32_t)i;
    D3D10DDI_MIPINFO mip = {256, 1, 1, 256, 1, 1};
    D3D10_DDIARG_SUBRESOURCE_UP up = {init, 256, 256};
    D3D10DDIARG_CREATERESOURCE a = d3drt_desc(&mip, D3D10DDIRESOURCE_BUFFER, D3D10_DDI_USAGE_DEFAULT, D3D10_DDI_BIND_VERTEX_BUFFER, DXGI_FORMAT_UNKNOWN);
    D3D10DDI_HRESOURCE b[24];
    for (int i = 0; i < 24; i++) {
        a.pInitialDataUP = i ? NULL : &up;
        b[i] = d3drt_resource(rt, &a);
    }
    /* b[0]'s upload is queued: this submit hands the UMD a 16-entry list */
    d3drt_limit_alist(rt, 16);
    f->pfnFlush(d);
    for (int i = 1; i < 24; i++)
        f->pfnResourceCopy(d, b[i], b[i - 1]);
    a.Usage = D3D10_DDI_USAGE_STAGING;
    a.BindFlags = 0;
    a.MapFlags = D3D10_DDI_CPU_ACCESS_READ;
    a.pInitialDataUP = NULL;
    D3D10DDI_HRESOURCE st = d3drt_resource(rt, &a);
    f->pfnResourceCopy(d, st, b[23]);
    D3D10DDI_MAPPED_SUBRESOURCE m;
    memset(&m, 0, sizeof(m));
    f->pfnStagingResourceMap(d, st, 0, D3D10_DDI_MAP_READ, 0, &m);
    /* more than one submission proves the list filled and restarted */
    int good = m.pData && !d3drt_failed(rt) && !memcmp(m.pData, init, sizeof(init)) && d3drt_submits(rt) > 2;
    if (m.pData)
        f->pfnStagingResourceUnmap(d, st, 0);
    snprintf(why, sizeof(why), "%s; %u submits", d3drt_error(rt), d3drt_submits(rt));
    report(name, good, why);
    d3drt_close(rt);
}

/* clip_plane_enable: GL clips only on enabled planes, D3D on every
 * SV_ClipDistance the last vertex stage writes, so the UMD binds a
 * rasterizer variant with clip_plane_enable = (1 << n) - 1 at the draw.
 * llvmpipe clips whatever the enable says, so no pixel can show a missing
 * enable: this walks the streams the runtime submits instead (its
 * d3drt_on_submit hook) and records, for each DRAW_VBO, the S3 of the
 * rasterizer object bound at that point. */
struct clip_watch {
    struct { uint32_t handle, s3; } rs[64]; /* rasterizer objects created */
    uint32_t nrs;
    uint32_t bound;                         /* bound rasterizer handle, 0 = none */
    int enable[16];                         /* per draw: clip_plane_enable, -1 = unknown */
    uint32_t ndraws;
    int bad_stream;
};

static void clip_watch_submit(void *ctx, const uint32_t *dw, uint32_t ndw)
{
    struct clip_watch *w = ctx;
    for (uint32_t i = 0; i < ndw;) {
        uint32_t cmd = dw[i] & 0xff, obj = (dw[i] >> 8) & 0xff, len = dw[i] >> 16;
        const uint32_t *p = &dw[i]; /* p[1..len]: the payload */
        if (i + 1 + len > ndw) {
            w->bad_stream = 1;
            return;
        }
        if (cmd == VIRGL_CCMD_CREATE_OBJECT && obj == VIRGL_OBJECT_RASTERIZER && len >= 4) {
            uint32_t k = 0;
            while (k < w->nrs && w->rs[k].handle != p[1])
                k++;
            if (k < 64) {
                w->rs[k].handle = p[1];
                w->rs[k].s3 = p[5]; /* handle, S0, point size, sprite coord, S3 */
                w->nrs += k == w->nrs;
            }
        } else if (cmd == VIRGL_CCMD_BIND_OBJECT && obj == VIRGL_OBJECT_RASTERIZER && len >= 1) {
            w->bound = p[1];
        } else if (cmd == VIRGL_CCMD_DRAW_VBO && w->ndraws < 16) {
            int e = -1;
            for (uint32_t k = 0; k < w->nrs; k++)
                if (w->bound && w->rs[k].handle == w->bound)
                    e = (int)(w->rs[k].s3 >> 24);
            w->enable[w->ndraws++] = e;
        }
        i += 1 + len;
    }
}

static void *read_whole(const char *path, uint32_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    void *buf = len > 0 ? malloc((size_t)len) : NULL; /* DXBC wants 4-byte alignment: malloc gives it */
    if (buf && fread(buf, 1, (size_t)len, f) != (size_t)len) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *size = (uint32_t)len;
    return buf;
}

/* STREAMOVERFLOWPREDICATE derived from written/generated (what a host
 * without the GL overflow query gets): gs_dup emits 2 triangles per input
 * triangle, 32 bytes a vertex; a 96-byte SO buffer holds one -> TRUE, a
 * 1024-byte one both -> FALSE. */
/* A 16x16 RGBA8 render target bound with its viewport, and one triangle
 * (POSITION float3 + COLOR float4, 28-byte stride) bound as a list. */
static void small_target_with_triangle(struct d3drt *rt)
{
    const D3D10_1DDI_DEVICEFUNCS *f = d3drt_funcs(rt);
    D3D10DDI_HDEVICE d = d3drt_dev(rt);
    D3D10DDI_MIPINFO mip = {16, 16, 1, 16, 16, 1};
    D3D10DDIARG_CREATERESOURCE a = d3drt_desc(&mip, D3D10DDIRESOURCE_TEXTURE2D, D3D10_DDI_USAGE_DEFAULT, D3D10_DDI_BIND_RENDER_TARGET, DXGI_FORMAT_R8G8B8A8_UNORM);
    D3D10DDIARG_CREATERENDERTARGETVIEW v;
    memset(&v, 0, sizeof(v));
    v.hDrvResource = d3drt_resource(rt, &a);
    v.Format = DXGI_FORMAT_R8G8B8A8_UNORM;
    v.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
    v.Tex2D.ArraySize = 1;
    D3D10DDI_HRENDERTARGETVIEW rtv = d3drt_rtv(rt, &v);
    f->pfnSetRenderTargets(d, &rtv, 1, 0, (D3D10DDI_HDEPTHSTENCILVIEW){NULL});
    D3D10_DDI_VIEWPORT vp = {0, 0, 16, 16, 0, 1};
    f->pfnSetViewports(d, 1, 0, &vp);
    /* every VS here reads POSITION (v0) and COLOR (v1) */
    D3D10DDIARG_INPUT_ELEMENT_DESC el[2] = {
        {.AlignedByteOffset = 0, .Format = DXGI_FORMAT_R32G32B32_FLOAT, .InputRegister = 0},
        {.AlignedByteOffset = 12, .Format = DXGI_FORMAT_R32G32B32A32_FLOAT, .InputRegister = 1}};
    D3D10DDIARG_CREATEELEMENTLAYOUT la = {el, 2};
    f->pfnIaSetInputLayout(d, d3drt_layout(rt, &la));
    static const float tri[21] = {-1, -1, 0.5, 1, 1, 0, 1, -1, 1, 0.5, 1, 1, 0, 1, 1, -1, 0.5, 1, 1, 0, 1};
    D3D10DDI_HRESOURCE vb = d3drt_buffer(rt, D3D10_DDI_BIND_VERTEX_BUFFER, tri, sizeof(tri));
    UINT stride = 28, off = 0;
    f->pfnIaSetVertexBuffers(d, 0, 1, &vb, &stride, &off);
    f->pfnIaSetTopology(d, D3D10_DDI_PRIMITIVE_TOPOLOGY_TRIANGLELIST);
}

static void sooverflow_derived_capture(struct vtest_server *srv)
{
    const char *name = "sooverflow_derived_capture";
    static const char *files[] = {"tests/scenes/shaders/color_vs.dxbc", "tests/scenes/shaders/gs_dup.dxbc",
                                  "tests/scenes/shaders/color_ps.dxbc"};
    void *data[3] = {0};
    uint32_t size[3];
    struct sm4_dxbc dx[3];
    struct d3drt *rt = NULL;
    char why[256];
    for (int i = 0; i < 3; i++)
        if (!(data[i] = read_whole(files[i], &size[i]))) {
            snprintf(why, sizeof(why), "cannot read %s (run from the repository root)", files[i]);
            report(name, 0, why);
            goto out;
        }
    if (d3drt_open(&rt, srv, D3D10_1_DDI_INTERFACE_VERSION)) {
        report(name, 0, d3drt_error(rt));
        goto out;
    }
    const D3D10_1DDI_DEVICEFUNCS *f = d3drt_funcs(rt);
    D3D10DDI_HDEVICE d = d3drt_dev(rt);
    struct umd_device *dev = d.pDrvPrivate;
    D3D10DDIARG_STREAM_OUTPUT_DECLARATION_ENTRY decl[2] = {{0, 0, 0xf}, {0, 1, 0xf}};
    f->pfnVsSetShader(d, d3drt_shader(rt, 0, data[0], size[0], &dx[0]));
    f->pfnGsSetShader(d, d3drt_shader_so(rt, data[1], size[1], &dx[1], decl, 2, 32));
    f->pfnPsSetShader(d, d3drt_shader(rt, 1, data[2], size[2], &dx[2]));
    small_target_with_triangle(rt);
    static const uint8_t zeros[1024];
    D3D10DDI_HRESOURCE so[2] = {d3drt_buffer(rt, D3D10_DDI_BIND_STREAM_OUTPUT, zeros, 96),
                                d3drt_buffer(rt, D3D10_DDI_BIND_STREAM_OUTPUT, zeros, 1024)};
    uint32_t bset = dev->adapter->caps.bset;
    dev->adapter->caps.bset &= ~VIRGL_BSET_TF_OVERFLOW_QUERY;
    D3D10DDI_HQUERY q[2] = {d3drt_query(rt, D3D10DDI_QUERY_STREAMOVERFLOWPREDICATE),
                            d3drt_query(rt, D3D10DDI_QUERY_STREAMOVERFLOWPREDICATE)};
    dev->adapter->caps.bset = bset;
    BOOL got[2] = {77, 77};
    HRESULT hr[2] = {E_FAIL, E_FAIL};
    for (int i = 0; i < 2; i++) {
        UINT zero = 0;
        f->pfnSoSetTargets(d, 1, 0, &so[i], &zero);
        f->pfnQueryBegin(d, q[i]);
        f->pfnDraw(d, 3, 0);
        f->pfnQueryEnd(d, q[i]);
    }
    f->pfnSoSetTargets(d, 0, 4, NULL, NULL);
    for (int i = 0; i < 2; i++)
        hr[i] = d3drt_query_data(rt, q[i], &got[i], sizeof(got[i]));
    snprintf(why, sizeof(why), "%s; 96 bytes: 0x%08x = %d (want 1), 1024 bytes: 0x%08x = %d (want 0)",
             d3drt_error(rt), (unsigned)hr[0], (int)got[0], (unsigned)hr[1], (int)got[1]);
    report(name, !d3drt_failed(rt) && hr[0] == S_OK && hr[1] == S_OK && got[0] == TRUE && got[1] == FALSE, why);
out:
    if (rt)
        d3drt_close(rt);
    for (int i = 0; i < 3; i++)
        free(data[i]);
}

static void clip_plane_enable(struct vtest_server *srv)
{
    const char *name = "clip_plane_enable_follows_last_vertex_stage";
    static const char *files[] = {"tests/scenes/shaders/color_vs.dxbc", "tests/scenes/shaders/clip_vs.dxbc",
                                  "tests/scenes/shaders/tut_clip3_vs.dxbc", "tests/scenes/shaders/tut_clip1_gs.dxbc",
                                  "tests/scenes/shaders/color_ps.dxbc"};
    enum { VS0, VS2, VS3, GS1, PS, NFILES };
    void *data[NFILES] = {0};
    uint32_t size[NFILES];
    struct sm4_dxbc dx[NFILES];
    D3D10DDI_HSHADER sh[NFILES];
    struct clip_watch w;
    struct d3drt *rt = NULL;
    char why[2600];
    memset(&w, 0, sizeof(w));
    for (int i = 0; i < NFILES; i++)
        if (!(data[i] = read_whole(files[i], &size[i]))) {
            snprintf(why, sizeof(why), "cannot read %s (run from the repository root)", files[i]);
            report(name, 0, why);
            goto out;
        }
    if (d3drt_open(&rt, srv, D3D10_1_DDI_INTERFACE_VERSION)) {
        report(name, 0, d3drt_error(rt));
        goto out;
    }
    d3drt_on_submit(rt, clip_watch_submit, &w);
    const D3D10_1DDI_DEVICEFUNCS *f = d3drt_funcs(rt);
    D3D10DDI_HDEVICE d = d3drt_dev(rt);
    for (int i = 0; i < NFILES; i++)
        sh[i] = d3drt_shader(rt, i == PS ? 1 : i == GS1 ? 2 : 0, data[i], size[i], &dx[i]);

    small_target_with_triangle(rt);
    f->pfnPsSetShader(d, sh[PS]);
    D3D10_DDI_RASTERIZER_DESC rd = {D3D10_DDI_FILL_SOLID, D3D10_DDI_CULL_NONE, FALSE, 0, 0, 0, TRUE, FALSE,
                                    FALSE, FALSE};
    D3D10DDI_HRASTERIZERSTATE rs1 = d3drt_rs(rt, &rd);
    rd.FrontCounterClockwise = TRUE;
    D3D10DDI_HRASTERIZERSTATE rs2 = d3drt_rs(rt, &rd);

    /* Draws and the enable each must have: VS without distances, with 2,
     * with 3, without again; a second rasterizer state under the
     * 2-distance VS; a GS with 1 distance after the 3-distance VS (the GS
     * decides), then the GS unbound (the VS decides again). */
    static const int want[] = {0, 3, 7, 0, 3, 1, 7};
    f->pfnSetRasterizerState(d, rs1);
    f->pfnVsSetShader(d, sh[VS0]);
    f->pfnDraw(d, 3, 0);
    f->pfnVsSetShader(d, sh[VS2]);
    f->pfnDraw(d, 3, 0);
    f->pfnVsSetShader(d, sh[VS3]);
    f->pfnDraw(d, 3, 0);
    f->pfnVsSetShader(d, sh[VS0]);
    f->pfnDraw(d, 3, 0);
    f->pfnVsSetShader(d, sh[VS2]);
    f->pfnSetRasterizerState(d, rs2);
    f->pfnDraw(d, 3, 0);
    f->pfnVsSetShader(d, sh[VS3]);
    f->pfnGsSetShader(d, sh[GS1]);
    f->pfnDraw(d, 3, 0);
    f->pfnGsSetShader(d, (D3D10DDI_HSHADER){NULL});
    f->pfnDraw(d, 3, 0);
    f->pfnFlush(d);

    int good = !d3drt_failed(rt) && !w.bad_stream && w.ndraws == sizeof(want) / sizeof(want[0]);
    int n = snprintf(why, sizeof(why), "%s%s; %u draws, clip_plane_enable:", d3drt_error(rt),
                     w.bad_stream ? " (stream overran)" : "", w.ndraws);
    for (uint32_t i = 0; i < w.ndraws && n > 0 && (size_t)n < sizeof(why); i++) {
        good &= i < sizeof(want) / sizeof(want[0]) && w.enable[i] == want[i];
        n += snprintf(why + n, sizeof(why) - (size_t)n, " %d (want %d)", w.enable[i],
                      i < sizeof(want) / sizeof(want[0]) ? want[i] : -1);
    }
    report(name, good, why);
out:
    if (rt)
        d3drt_close(rt);
    for (int i = 0; i < NFILES; i++)
        free(data[i]);
}

/* Shared resources: a MISC_SHARED texture gets a kernel resource; a second
 * device opens it onto the same host resource (no copy) with its own
 * allocation handle; OpenResource refuses private data that is corrupt or
 * whose two halves disagree (E_INVALIDARG, nothing opened); sharing what
 * D3D10 cannot share (a mipmapped texture) is refused. */
enum { CORRUPT_RP_VERSION, CORRUPT_RP_SIZE, CORRUPT_RP_DATASIZE, CORRUPT_RP_DIM, CORRUPT_RP_RESERVED,
       CORRUPT_AP_WIDTH, CORRUPT_AP_FORMAT, CORRUPT_AP_KIND, CORRUPT_AP_RESID, CORRUPT_NUM_ALLOCS, CORRUPT_WRAP,
       CORRUPT_COUNT };
static const char *const corrupt_names[CORRUPT_COUNT] = {
    "abi_version", "size_field", "data_size", "dimension", "reserved", "alloc_width", "alloc_format",
    "alloc_kind", "alloc_res_id", "num_allocations", "size_wraps"};

static void shared_checks(struct vtest_server *srv)
{
    struct d3drt *rt;
    char why[2300];
    if (d3drt_open(&rt, srv, D3D10_1_DDI_INTERFACE_VERSION)) {
        report("shared_open_same_host_resource", 0, d3drt_error(rt));
        d3drt_close(rt);
        return;
    }
    D3D10DDI_MIPINFO mip[2] = {{8, 8, 1, 8, 8, 1}, {4, 4, 1, 4, 4, 1}};
    D3D10DDIARG_CREATERESOURCE a;
    memset(&a, 0, sizeof(a));
    a.pMipInfoList = mip;
    a.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
    a.Usage = D3D10_DDI_USAGE_DEFAULT;
    a.BindFlags = D3D10_DDI_BIND_RENDER_TARGET | D3D10_DDI_BIND_SHADER_RESOURCE;
    a.MiscFlags = D3D10_DDI_RESOURCE_MISC_SHARED;
    a.Format = DXGI_FORMAT_R8G8B8A8_UNORM;
    a.SampleDesc.Count = 1;
    a.MipLevels = 2;
    a.ArraySize = 1;
    d3drt_resource(rt, &a);
    report("shared_refuses_mipmapped", d3drt_error_count(rt) == 1 && d3drt_first_error(rt) == E_INVALIDARG &&
                                           !d3drt_last_shared(rt),
           "a shared mipmapped texture was not refused with E_INVALIDARG");
    d3drt_clear_errors(rt);
    a.MipLevels = 1;
    D3D10DDI_HRESOURCE made = d3drt_resource(rt, &a);
    D3DKMT_HANDLE km = d3drt_last_shared(rt);
    int b = d3drt_add_device(rt);
    D3D10DDI_HRESOURCE opened = km ? d3drt_open_resource(rt, km) : (D3D10DDI_HRESOURCE){NULL};
    const struct umd_resource *mr = made.pDrvPrivate, *orr = opened.pDrvPrivate;
    snprintf(why, sizeof(why), "kernel resource 0x%x, device %d, res_id %u / %u, halloc %u / %u; %s", (unsigned)km, b,
             mr ? mr->res_id : 0, orr ? orr->res_id : 0, mr ? mr->halloc : 0, orr ? orr->halloc : 0,
             d3drt_error(rt));
    report("shared_open_same_host_resource", km && b == 1 && mr && orr && !d3drt_failed(rt) && mr->res_id &&
                                                 orr->res_id == mr->res_id && orr->halloc != mr->halloc &&
                                                 orr->opened && orr->width == 8 && orr->format == mr->format,
           why);

    const D3D10_1DDI_DEVICEFUNCS *f = d3drt_funcs(rt);
    D3D10DDI_HDEVICE d = d3drt_dev(rt);
    for (int c = 0; c < CORRUPT_COUNT && km; c++) {
        D3D10DDIARG_OPENRESOURCE oa;
        D3DDDI_OPENALLOCATIONINFO oi;
        struct viogpu_resource_priv rp;
        struct viogpu_alloc_priv ap;
        char name[96];
        snprintf(name, sizeof(name), "negative_open_corrupt_%s", corrupt_names[c]);
        if (d3drt_open_args(rt, km, &oa, &oi)) {
            report(name, 0, d3drt_error(rt));
            continue;
        }
        memcpy(&rp, oa.pPrivateDriverData, sizeof(rp));
        memcpy(&ap, oi.pPrivateDriverData, sizeof(ap));
        oa.pPrivateDriverData = &rp;
        oi.pPrivateDriverData = &ap;
        switch (c) {
        case CORRUPT_RP_VERSION: rp.abi_version++; break;
        case CORRUPT_RP_SIZE: rp.size = 64; break;
        case CORRUPT_RP_DATASIZE: oa.PrivateDriverDataSize -= 4; break;
        case CORRUPT_RP_DIM: rp.dimension = D3D10DDIRESOURCE_TEXTURE3D; break;
        case CORRUPT_RP_RESERVED: rp.reserved[2] = 1; break;
        case CORRUPT_AP_WIDTH: ap.width = 9; break; /* the halves disagree */
        case CORRUPT_AP_FORMAT: ap.format = VIRGL_FORMAT_R8_UNORM; break;
        case CORRUPT_AP_KIND: ap.kind = VIOGPU_ALLOC_KIND_PRIMARY; break;
        case CORRUPT_AP_RESID: ap.res_id = 0; break;
        case CORRUPT_NUM_ALLOCS: oa.NumAllocations = 2; break;
        case CORRUPT_WRAP:
            /* Halves that agree on a 16384x16384 RGBA32F texture (within the
             * adapter's max size): 4 GiB, which wrapped the UMD's 32-bit
             * backing size to 0, so the 8x8 backing passed (umd_fuzz). */
            rp.width = rp.height = ap.width = ap.height = 16384;
            rp.dxgi_format = DXGI_FORMAT_R32G32B32A32_FLOAT;
            ap.format = VIRGL_FORMAT_R32G32B32A32_FLOAT;
            break;
        }
        SIZE_T size = f->pfnCalcPrivateOpenedResourceSize(d, &oa);
        struct umd_resource *r = malloc(size ? size : 1);
        memset(r, 0xcd, size);
        d3drt_clear_errors(rt);
        f->pfnOpenResource(d, &oa, (D3D10DDI_HRESOURCE){r}, (D3D10DDI_HRTRESOURCE){NULL});
        snprintf(why, sizeof(why), "%u errors, first 0x%08x, res_id %u", d3drt_error_count(rt),
                 (unsigned)d3drt_first_error(rt), size >= sizeof(*r) ? r->res_id : 0u);
        report(name, size >= sizeof(*r) && d3drt_error_count(rt) == 1 && d3drt_first_error(rt) == E_INVALIDARG &&
                         r->res_id == 0,
               why);
        free(r);
    }
    d3drt_clear_errors(rt);
    d3drt_close(rt);
}

/* A Texture3D RTV of several but not all W slices of a level has no GL
 * equivalent (a surface is one W slice or the whole level, layered): it is
 * E_NOTIMPL through pfnSetErrorCb, whether WSize names the range or runs
 * to the end (-1).  One slice and all slices of the same texture work,
 * and clears through them report nothing. */
static void tex3d_partial_rtv(struct vtest_server *srv)
{
    struct d3drt *rt;
    const char *name = "tex3d_partial_w_rtv_notimpl";
    if (d3drt_open(&rt, srv, D3D10_1_DDI_INTERFACE_VERSION)) {
        report(name, 0, d3drt_error(rt));
        d3drt_close(rt);
        return;
    }
    const D3D10_1DDI_DEVICEFUNCS *f = d3drt_funcs(rt);
    D3D10DDI_HDEVICE d = d3drt_dev(rt);
    D3D10DDI_MIPINFO mip = {4, 4, 4, 4, 4, 4};
    D3D10DDIARG_CREATERESOURCE a = d3drt_desc(&mip, D3D10DDIRESOURCE_TEXTURE3D, D3D10_DDI_USAGE_DEFAULT, D3D10_DDI_BIND_RENDER_TARGET | D3D10_DDI_BIND_SHADER_RESOURCE, DXGI_FORMAT_R8G8B8A8_UNORM);
    D3D10DDI_HRESOURCE tex = d3drt_resource(rt, &a);
    D3D10DDIARG_CREATERENDERTARGETVIEW v;
    memset(&v, 0, sizeof(v));
    v.hDrvResource = tex;
    v.Format = DXGI_FORMAT_R8G8B8A8_UNORM;
    v.ResourceDimension = D3D10DDIRESOURCE_TEXTURE3D;
    /* {FirstW, WSize}: two partial ranges, then one slice, then all */
    static const UINT range[4][2] = {{1, 2}, {1, (UINT)-1}, {2, 1}, {0, (UINT)-1}};
    HRESULT hr[4];
    unsigned errs[4];
    for (int i = 0; i < 4; i++) {
        d3drt_clear_errors(rt);
        v.Tex3D.FirstW = range[i][0];
        v.Tex3D.WSize = range[i][1];
        D3D10DDI_HRENDERTARGETVIEW h = d3drt_rtv(rt, &v);
        if (i >= 2 && h.pDrvPrivate) {
            FLOAT green[4] = {0, 1, 0, 1};
            f->pfnClearRenderTargetView(d, h, green);
            f->pfnFlush(d);
        }
        hr[i] = d3drt_first_error(rt);
        errs[i] = d3drt_error_count(rt);
    }
    char why[256];
    snprintf(why, sizeof(why),
             "W 1+2: 0x%08x (%u errors), W 1..end: 0x%08x (%u), one slice: 0x%08x (%u), all slices: 0x%08x (%u)",
             (unsigned)hr[0], errs[0], (unsigned)hr[1], errs[1], (unsigned)hr[2], errs[2], (unsigned)hr[3], errs[3]);
    report(name, tex.pDrvPrivate && hr[0] == E_NOTIMPL && errs[0] == 1 && hr[1] == E_NOTIMPL && errs[1] == 1 &&
                     errs[2] == 0 && errs[3] == 0,
           why);
    d3drt_close(rt);
}

int umd_format_roundtrips(struct vtest_server *srv, void (*report)(const char *, int, const char *));
int umd_args_checks(struct vtest_server *srv, void (*report)(const char *, int, const char *));

int main(void)
{
    struct vtest_server *srv;
    adapter_checks();
    if (vtest_server_start(&srv)) {
        report("vtest_server", 0, "cannot start virgl_test_server");
        return 1;
    }
    device_checks(srv, D3D10_1_DDI_INTERFACE_VERSION, "10_1");
    device_checks(srv, D3D10_0_DDI_INTERFACE_VERSION, "10_0");
    umd_format_roundtrips(srv, report);
    umd_args_checks(srv, report); /* umd_args.c: hostile DDI arguments */
    alist_overflow(srv);
    clip_plane_enable(srv);
    sooverflow_derived_capture(srv);
    shared_checks(srv);
    tex3d_partial_rtv(srv);
    vcb_negative(srv, D3DRT_CORRUPT_NONE, false, VCB_OK, "cmdbuf_copy_region_accepted");
    vcb_negative(srv, D3DRT_CORRUPT_NONE, true, VCB_OK, "cmdbuf_upload_accepted");
    vcb_negative(srv, D3DRT_CORRUPT_REF, false, VCB_EREFINDEX, "negative_cmdbuf_bad_alloc_index");
    vcb_negative(srv, D3DRT_CORRUPT_SUBCTX, false, VCB_EFORBIDDEN, "negative_cmdbuf_sub_ctx");
    vcb_negative(srv, D3DRT_CORRUPT_LENGTH, false, VCB_ELENGTH, "negative_cmdbuf_length");
    vcb_negative(srv, D3DRT_CORRUPT_NOWRITE, false, VCB_EWRITE, "negative_cmdbuf_no_write_operation");
    vcb_negative(srv, D3DRT_CORRUPT_BOX, true, VCB_EBOUNDS, "negative_cmdbuf_transfer_box");
    vcb_negative(srv, D3DRT_CORRUPT_BACKING, true, VCB_EBACKING, "negative_cmdbuf_transfer_backing");
    vtest_server_stop(srv);
    return failures ? 1 : 0;
}
