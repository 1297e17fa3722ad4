/*
 * umd_adapter.c — the two exports and the adapter functions.
 *
 * The runtime calls OpenAdapter10 (D3D10.0 runtimes) or OpenAdapter10_2
 * (D3D10.1+ runtimes, which then ask GetSupportedVersions and GetCaps),
 * then CalcPrivateDeviceSize + CreateDevice per device, and CloseAdapter.
 * OpenAdapter asks the KMD for its private adapter info through
 * pfnQueryAdapterInfoCb, refuses an ABI it does not know, and keeps the
 * host's virgl caps: every capability answer comes from them.
 */
#include "umd_priv.h"

#include "virgl/virgl_format.h"
#include "viogpu/virtio_gpu.h"

#ifdef _WIN32
/* Exported by name through the .def only: dllexport would add the
 * decorated x86 names (OpenAdapter10@4) to the export table too. */
#define UMD_EXPORT
#else
#define UMD_EXPORT __attribute__((visibility("default")))
#endif

/* The one adapter object per OpenAdapter; the runtime owns no memory for
 * it, so it comes from the heap (once per adapter, not per draw). */
static bool umd_version_supported(UINT iface)
{
    return iface == D3D10_0_DDI_INTERFACE_VERSION || iface == D3D10_1_DDI_INTERFACE_VERSION;
}

static HRESULT APIENTRY umd_close_adapter(D3D10DDI_HADAPTER ha)
{
    umd_platform.free(NULL, ha.pDrvPrivate);
    return S_OK;
}

static HRESULT APIENTRY umd_get_supported_versions(D3D10DDI_HADAPTER ha, UINT32 *entries, UINT64 *versions)
{
    static const UINT64 supported[] = {D3D10_0_DDI_SUPPORTED, D3D10_1_DDI_SUPPORTED};
    (void)ha;
    if (!entries)
        return E_INVALIDARG;
    if (versions) {
        if (*entries < 2)
            return E_INVALIDARG;
        versions[0] = supported[0];
        versions[1] = supported[1];
    }
    *entries = 2;
    return S_OK;
}

/* D3D11DDI_3DPIPELINESUPPORT_CAPS: bit (1 << level), 10_0 = 0, 10_1 = 1.
 * 10.1 needs per-render-target blend state and cube map arrays from the
 * host; 10.0 needs at least 8 render targets and geometry shaders. */
#define UMD_PIPELINE_10_0 0
#define UMD_PIPELINE_10_1 1
static UINT umd_pipeline_caps(const struct virgl_caps *c)
{
    UINT caps = 0;
    if (c->max_render_targets >= 8 && c->glsl_level >= 150)
        caps |= 1u << UMD_PIPELINE_10_0;
    if ((caps & 1u) && c->max_texture_array_layers >= 512 && c->max_samples >= 4)
        caps |= 1u << UMD_PIPELINE_10_1;
    return caps;
}

static HRESULT APIENTRY umd_get_caps(D3D10DDI_HADAPTER ha, const D3D10_2DDIARG_GETCAPS *args)
{
    struct umd_adapter *a = ha.pDrvPrivate;
    if (!args || !args->pData)
        return E_INVALIDARG;
    switch ((int)args->Type) {
    case D3D11DDICAPS_THREADING:
    case D3D11DDICAPS_SHADER:
        /* No driver command lists, no doubles or extended shader caps. */
        if (args->DataSize < sizeof(UINT))
            return E_INVALIDARG;
        *(UINT *)args->pData = 0;
        return S_OK;
    case D3D11DDICAPS_3DPIPELINESUPPORT:
        if (args->DataSize < sizeof(UINT))
            return E_INVALIDARG;
        *(UINT *)args->pData = umd_pipeline_caps(&a->caps);
        return S_OK;
    default:
        return E_INVALIDARG;
    }
}

static HRESULT umd_open(D3D10DDIARG_OPENADAPTER *args, bool is_10_2)
{
    if (!args || !args->pAdapterCallbacks || !args->pAdapterCallbacks->pfnQueryAdapterInfoCb ||
        !args->pAdapterFuncs)
        return E_INVALIDARG;
    if (!umd_version_supported(args->Interface))
        return E_NOTIMPL;

    struct viogpu_umd_private *q = umd_platform.alloc(NULL, sizeof(*q));
    struct umd_adapter *a = umd_platform.alloc(NULL, sizeof(*a));
    HRESULT hr = E_OUTOFMEMORY;
    if (!q || !a)
        goto fail;
    D3DDDICB_QUERYADAPTERINFO qi = {.pPrivateDriverData = q, .PrivateDriverDataSize = sizeof(*q)};
    hr = args->pAdapterCallbacks->pfnQueryAdapterInfoCb(args->hRTAdapter.handle, &qi);
    if (FAILED(hr))
        goto fail;
    hr = E_FAIL;
    if (q->info.magic != VIOGPU_ABI_MAGIC || q->info.abi_version != VIOGPU_ABI_VERSION ||
        q->info.size != sizeof(q->info) || !(q->info.flags & VIOGPU_ADAPTER_FLAG_VIRGL))
        goto fail;
    /* Without a 3D node the KMD cannot run our command buffers: refusing
     * here lets the runtime fall back (WARP) instead of failing later. */
    if (!(q->info.flags & VIOGPU_ADAPTER_FLAG_3D_NODE))
        goto fail;
    /* The KMD's bytes are checked like any input: no capset (a 2D-only
     * device or a failed fetch) or an oversized one refuses the adapter. */
    if (q->capset_size == 0 || q->capset_size > VIOGPU_CAPSET_MAX ||
        (q->capset_id != VIRTIO_GPU_CAPSET_VIRGL2 && q->capset_id != VIRTIO_GPU_CAPSET_VIRGL) ||
        virgl_caps_parse(&a->caps, q->capset, q->capset_size))
        goto fail;
    a->hrt = args->hRTAdapter;
    a->cb = args->pAdapterCallbacks;
    a->interface_version = args->Interface;
    a->is_10_2 = is_10_2;
    a->info = q->info;
    umd_platform.free(NULL, q);

    args->hAdapter.pDrvPrivate = a;
    args->pAdapterFuncs->pfnCalcPrivateDeviceSize = umd_calc_device_size;
    args->pAdapterFuncs->pfnCreateDevice = umd_create_device;
    args->pAdapterFuncs->pfnCloseAdapter = umd_close_adapter;
    if (is_10_2) {
        args->pAdapterFuncs_2->pfnGetSupportedVersions = umd_get_supported_versions;
        args->pAdapterFuncs_2->pfnGetCaps = umd_get_caps;
    }
    return S_OK;
fail:
    umd_platform.free(NULL, q);
    umd_platform.free(NULL, a);
    return hr;
}

UMD_EXPORT HRESULT APIENTRY OpenAdapter10(D3D10DDIARG_OPENADAPTER *args);
UMD_EXPORT HRESULT APIENTRY OpenAdapter10_2(D3D10DDIARG_OPENADAPTER *args);

HRESULT APIENTRY OpenAdapter10(D3D10DDIARG_OPENADAPTER *args)
{
    return umd_open(args, false);
}

HRESULT APIENTRY OpenAdapter10_2(D3D10DDIARG_OPENADAPTER *args)
{
    return umd_open(args, true);
}
