/*
 * umd-api — DDI contract checks of the UMD under the mini runtime, one
 * "ok - NAME" / "not ok - NAME: WHY" line each (tests/suites/umd-scenes.sh):
 * interface negotiation and refusal, the adapter-info ABI check, both
 * device tables complete, entries not implemented yet reporting E_NOTIMPL
 * through pfnSetErrorCb, Map/Unmap of a dynamic buffer round-tripping
 * through the host, and UpdateSubresourceUP of a texture region.
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

    /* DrawAuto with no captured vertex buffer draws nothing, silently;
     * SO of a vertex shader's output (no GS code) is not implemented and
     * says so. */
    d3drt_clear_errors(rt);
    f->pfnDrawAuto(d);
    snprintf(name, sizeof(name), "drawauto_without_capture_is_noop_%s", tag);
    report(name, d3drt_error_count(rt) == 0, "DrawAuto with nothing captured reported an error");
    d3drt_clear_errors(rt);
    {
        D3D10DDIARG_STREAM_OUTPUT_DECLARATION_ENTRY e = {0, 0, 0xf};
        D3D10DDIARG_CREATEGEOMETRYSHADERWITHSTREAMOUTPUT so = {NULL, &e, 1, 16};
        D3D10DDIARG_STAGE_IO_SIGNATURES sig = {0};
        uint64_t mem[64];
        if (f->pfnCalcPrivateGeometryShaderWithStreamOutput(d, &so, &sig) <= sizeof(mem))
            f->pfnCreateGeometryShaderWithStreamOutput(d, &so, (D3D10DDI_HSHADER){mem}, (D3D10DDI_HRTSHADER){NULL},
                                                       &sig);
        snprintf(name, sizeof(name), "notimpl_so_without_gs_reports_%s", tag);
        report(name, d3drt_error_count(rt) == 1 && d3drt_first_error(rt) == E_NOTIMPL,
               "no E_NOTIMPL for SO without geometry shader code");
    }
    /* Entries not implemented yet must say so, once each. */
    d3drt_clear_errors(rt);
    d3drt_query(rt, D3D10DDI_QUERY_PIPELINESTATS); /* no host path yet: refused at create */
    f->pfnSetTextFilterSize(d, 1, 1);
    snprintf(name, sizeof(name), "notimpl_entries_report_%s", tag);
    snprintf(why, sizeof(why), "%u errors (want 2), first 0x%08x", d3drt_error_count(rt),
             (unsigned)d3drt_first_error(rt));
    report(name, d3drt_error_count(rt) == 2 && d3drt_first_error(rt) == E_NOTIMPL, why);

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
    report(name, rgba == 0x7 && r32u == 0x2 && none == 0x80000000u && !d3drt_error_count(rt), why);

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
 * the UMD's next submission (a ResourceCopyRegion naming two allocations)
 * and the shared validator must refuse it with the expected code before
 * anything reaches the host; the UMD then reports the lost submission. */
static void vcb_negative(struct vtest_server *srv, int mode, int expect, const char *name)
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
    D3D10DDIARG_CREATERESOURCE a;
    memset(&a, 0, sizeof(a));
    a.pMipInfoList = &mip;
    a.ResourceDimension = D3D10DDIRESOURCE_BUFFER;
    a.Usage = D3D10_DDI_USAGE_DEFAULT;
    a.BindFlags = D3D10_DDI_BIND_VERTEX_BUFFER;
    a.SampleDesc.Count = 1;
    a.MipLevels = a.ArraySize = 1;
    D3D10DDI_HRESOURCE src = d3drt_resource(rt, &a);
    D3D10DDI_HRESOURCE dst = d3drt_resource(rt, &a);
    f->pfnFlush(d);
    d3drt_clear_errors(rt);
    D3D10_DDI_BOX box = {0, 0, 0, 64, 1, 1};
    f->pfnResourceCopyRegion(d, dst, 0, 0, 0, 0, src, 0, &box);
    d3drt_corrupt_next(rt, mode);
    f->pfnFlush(d);
    int got = d3drt_vcb_error(rt);
    snprintf(why, sizeof(why), "validator returned %d (%s), expected %d; %s", got, vcb_strerror(got), expect,
             d3drt_error(rt));
    report(name, got == expect && d3drt_failed(rt), why);
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
    D3D10DDIARG_CREATERESOURCE a;
    memset(&a, 0, sizeof(a));
    a.pMipInfoList = &mip;
    a.ResourceDimension = D3D10DDIRESOURCE_BUFFER;
    a.Usage = D3D10_DDI_USAGE_DEFAULT;
    a.BindFlags = D3D10_DDI_BIND_VERTEX_BUFFER;
    a.SampleDesc.Count = 1;
    a.MipLevels = a.ArraySize = 1;
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

int umd_format_roundtrips(struct vtest_server *srv, void (*report)(const char *, int, const char *));

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
    alist_overflow(srv);
    vcb_negative(srv, D3DRT_CORRUPT_REF, VCB_EREFINDEX, "negative_cmdbuf_bad_alloc_index");
    vcb_negative(srv, D3DRT_CORRUPT_SUBCTX, VCB_EFORBIDDEN, "negative_cmdbuf_sub_ctx");
    vcb_negative(srv, D3DRT_CORRUPT_LENGTH, VCB_ELENGTH, "negative_cmdbuf_length");
    vtest_server_stop(srv);
    return failures ? 1 : 0;
}
