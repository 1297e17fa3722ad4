/*
 * d3d10rt_objects.c — object creation the runtime's way for the mini
 * runtime (d3d10rt.h): CalcPrivate*Size, runtime-owned memory (filled with
 * 0xcd as a debug runtime does), Create*; every object is recorded so that
 * d3drt_close destroys it through the device that made it.  Also the
 * open of a shared resource by another device.
 */
#define _GNU_SOURCE
#include "d3d10rt_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *track(struct d3drt *rt, enum obj_kind kind, SIZE_T size)
{
    if (rt->nobjs == RT_MAX_OBJS) {
        rt_fail(rt, "too many objects");
        return NULL;
    }
    void *mem = calloc(1, size ? size : 1);
    if (!mem)
        return NULL;
    /* The runtime fills driver memory with garbage-ish bytes in debug
     * builds; do the same so a driver relying on zeroed memory shows up. */
    memset(mem, 0xcd, size);
    rt->objs[rt->nobjs++] = (struct rt_obj){kind, mem, rt->cur};
    return mem;
}

#define RT_HANDLE(rt) ((void *)(rt))
D3D10DDI_HRESOURCE d3drt_resource(struct d3drt *rt, const D3D10DDIARG_CREATERESOURCE *a)
{
    D3D10DDI_HRESOURCE h = {track(rt, OBJ_RESOURCE, rt->funcs.pfnCalcPrivateResourceSize(rt->hdev, a))};
    if (h.pDrvPrivate)
        rt->funcs.pfnCreateResource(rt->hdev, a, h, (D3D10DDI_HRTRESOURCE){RT_HANDLE(rt)});
    return h;
}
D3DKMT_HANDLE d3drt_last_shared(const struct d3drt *rt) { return rt->last_kmres; }
D3DKMT_HANDLE d3drt_scanout(const struct d3drt *rt) { return rt->scanout; }
unsigned d3drt_modesets(const struct d3drt *rt) { return rt->modesets; }

/* What dxgkrnl does for an open of a kernel resource by the selected
 * device: a new allocation handle aliasing the resource's allocation, and
 * the private data kept at creation. */
int d3drt_open_args(struct d3drt *rt, D3DKMT_HANDLE kmres, D3D10DDIARG_OPENRESOURCE *a, D3DDDI_OPENALLOCATIONINFO *oi)
{
    unsigned k = kmres - RT_KMRES_BASE, slot = 0;
    if (kmres < RT_KMRES_BASE || k >= RT_MAX_KMRES || !rt->kmres[k].used) {
        rt_fail(rt, "open: 0x%x is no shared resource", (unsigned)kmres);
        return -1;
    }
    struct rt_alloc *o = &rt->allocs[rt->kmres[k].alloc - 1];
    while (slot < RT_MAX_ALLOCS && rt->allocs[slot].used)
        slot++;
    if (slot == RT_MAX_ALLOCS) {
        rt_fail(rt, "open: too many allocations");
        return -1;
    }
    struct rt_alloc *al = &rt->allocs[slot];
    *al = *o;
    al->orphan = false;
    al->owner = rt->kmres[k].alloc;
    al->refs = 0;
    o->refs++;
    memset(a, 0, sizeof(*a));
    memset(oi, 0, sizeof(*oi));
    oi->hAllocation = slot + 1;
    oi->pPrivateDriverData = &o->priv;
    oi->PrivateDriverDataSize = sizeof(o->priv);
    a->NumAllocations = 1;
    a->pOpenAllocationInfo = oi;
    a->hKMResource = kmres;
    a->pPrivateDriverData = &rt->kmres[k].priv;
    a->PrivateDriverDataSize = sizeof(rt->kmres[k].priv);
    return 0;
}

D3D10DDI_HRESOURCE d3drt_open_resource(struct d3drt *rt, D3DKMT_HANDLE kmres)
{
    D3D10DDIARG_OPENRESOURCE a;
    D3DDDI_OPENALLOCATIONINFO oi;
    D3D10DDI_HRESOURCE h = {NULL};
    if (d3drt_open_args(rt, kmres, &a, &oi))
        return h;
    h.pDrvPrivate = track(rt, OBJ_RESOURCE, rt->funcs.pfnCalcPrivateOpenedResourceSize(rt->hdev, &a));
    if (h.pDrvPrivate)
        rt->funcs.pfnOpenResource(rt->hdev, &a, h, (D3D10DDI_HRTRESOURCE){RT_HANDLE(rt)});
    return h;
}

D3D10DDI_HRENDERTARGETVIEW d3drt_rtv(struct d3drt *rt, const D3D10DDIARG_CREATERENDERTARGETVIEW *a)
{
    D3D10DDI_HRENDERTARGETVIEW h = {track(rt, OBJ_RTV, rt->funcs.pfnCalcPrivateRenderTargetViewSize(rt->hdev, a))};
    if (h.pDrvPrivate)
        rt->funcs.pfnCreateRenderTargetView(rt->hdev, a, h, (D3D10DDI_HRTRENDERTARGETVIEW){RT_HANDLE(rt)});
    return h;
}
D3D10DDI_HDEPTHSTENCILVIEW d3drt_dsv(struct d3drt *rt, const D3D10DDIARG_CREATEDEPTHSTENCILVIEW *a)
{
    D3D10DDI_HDEPTHSTENCILVIEW h = {track(rt, OBJ_DSV, rt->funcs.pfnCalcPrivateDepthStencilViewSize(rt->hdev, a))};
    if (h.pDrvPrivate)
        rt->funcs.pfnCreateDepthStencilView(rt->hdev, a, h, (D3D10DDI_HRTDEPTHSTENCILVIEW){RT_HANDLE(rt)});
    return h;
}
/* The D3D10.0 table takes the 10.0 argument structures for views and
 * blend states: the runtime converts, as the real one does. */
static bool is_10_0(const struct d3drt *rt) { return rt->iface == D3D10_0_DDI_INTERFACE_VERSION; }

D3D10DDI_HSHADERRESOURCEVIEW d3drt_srv(struct d3drt *rt, const D3D10_1DDIARG_CREATESHADERRESOURCEVIEW *a)
{
    D3D10DDI_HSHADERRESOURCEVIEW h = {NULL};
    D3D10DDI_HRTSHADERRESOURCEVIEW rh = {RT_HANDLE(rt)};
    if (is_10_0(rt)) {
        const D3D10DDI_DEVICEFUNCS *f0 = (const D3D10DDI_DEVICEFUNCS *)(const void *)&rt->funcs;
        D3D10DDIARG_CREATESHADERRESOURCEVIEW a0;
        memset(&a0, 0, sizeof(a0));
        a0.hDrvResource = a->hDrvResource;
        a0.Format = a->Format;
        a0.ResourceDimension = a->ResourceDimension;
        a0.Tex2D = a->Tex2D;
        h.pDrvPrivate = track(rt, OBJ_SRV, f0->pfnCalcPrivateShaderResourceViewSize(rt->hdev, &a0));
        if (h.pDrvPrivate)
            f0->pfnCreateShaderResourceView(rt->hdev, &a0, h, rh);
        return h;
    }
    h.pDrvPrivate = track(rt, OBJ_SRV, rt->funcs.pfnCalcPrivateShaderResourceViewSize(rt->hdev, a));
    if (h.pDrvPrivate)
        rt->funcs.pfnCreateShaderResourceView(rt->hdev, a, h, rh);
    return h;
}
D3D10DDI_HBLENDSTATE d3drt_blend(struct d3drt *rt, const D3D10_1_DDI_BLEND_DESC *a)
{
    D3D10DDI_HBLENDSTATE h = {NULL};
    D3D10DDI_HRTBLENDSTATE rh = {RT_HANDLE(rt)};
    if (is_10_0(rt)) {
        const D3D10DDI_DEVICEFUNCS *f0 = (const D3D10DDI_DEVICEFUNCS *)(const void *)&rt->funcs;
        D3D10_DDI_BLEND_DESC b;
        const D3D10_DDI_RENDER_TARGET_BLEND_DESC1 *t = &a->RenderTarget[0];
        b.AlphaToCoverageEnable = a->AlphaToCoverageEnable;
        b.SrcBlend = t->SrcBlend;
        b.DestBlend = t->DestBlend;
        b.BlendOp = t->BlendOp;
        b.SrcBlendAlpha = t->SrcBlendAlpha;
        b.DestBlendAlpha = t->DestBlendAlpha;
        b.BlendOpAlpha = t->BlendOpAlpha;
        for (int i = 0; i < 8; i++) {
            b.BlendEnable[i] = a->RenderTarget[a->IndependentBlendEnable ? i : 0].BlendEnable;
            b.RenderTargetWriteMask[i] = a->RenderTarget[a->IndependentBlendEnable ? i : 0].RenderTargetWriteMask;
        }
        h.pDrvPrivate = track(rt, OBJ_BLEND, f0->pfnCalcPrivateBlendStateSize(rt->hdev, &b));
        if (h.pDrvPrivate)
            f0->pfnCreateBlendState(rt->hdev, &b, h, rh);
        return h;
    }
    h.pDrvPrivate = track(rt, OBJ_BLEND, rt->funcs.pfnCalcPrivateBlendStateSize(rt->hdev, a));
    if (h.pDrvPrivate)
        rt->funcs.pfnCreateBlendState(rt->hdev, a, h, rh);
    return h;
}
D3D10DDI_HDEPTHSTENCILSTATE d3drt_dsa(struct d3drt *rt, const D3D10_DDI_DEPTH_STENCIL_DESC *a)
{
    D3D10DDI_HDEPTHSTENCILSTATE h = {track(rt, OBJ_DSA, rt->funcs.pfnCalcPrivateDepthStencilStateSize(rt->hdev, a))};
    if (h.pDrvPrivate)
        rt->funcs.pfnCreateDepthStencilState(rt->hdev, a, h, (D3D10DDI_HRTDEPTHSTENCILSTATE){RT_HANDLE(rt)});
    return h;
}
D3D10DDI_HRASTERIZERSTATE d3drt_rs(struct d3drt *rt, const D3D10_DDI_RASTERIZER_DESC *a)
{
    D3D10DDI_HRASTERIZERSTATE h = {track(rt, OBJ_RS, rt->funcs.pfnCalcPrivateRasterizerStateSize(rt->hdev, a))};
    if (h.pDrvPrivate)
        rt->funcs.pfnCreateRasterizerState(rt->hdev, a, h, (D3D10DDI_HRTRASTERIZERSTATE){RT_HANDLE(rt)});
    return h;
}
D3D10DDI_HSAMPLER d3drt_sampler(struct d3drt *rt, const D3D10_DDI_SAMPLER_DESC *a)
{
    D3D10DDI_HSAMPLER h = {track(rt, OBJ_SAMPLER, rt->funcs.pfnCalcPrivateSamplerSize(rt->hdev, a))};
    if (h.pDrvPrivate)
        rt->funcs.pfnCreateSampler(rt->hdev, a, h, (D3D10DDI_HRTSAMPLER){RT_HANDLE(rt)});
    return h;
}
D3D10DDI_HQUERY d3drt_query(struct d3drt *rt, D3D10DDI_QUERY kind)
{
    D3D10DDIARG_CREATEQUERY a = {kind, 0};
    D3D10DDI_HQUERY h = {track(rt, OBJ_QUERY, rt->funcs.pfnCalcPrivateQuerySize(rt->hdev, &a))};
    if (h.pDrvPrivate)
        rt->funcs.pfnCreateQuery(rt->hdev, &a, h, (D3D10DDI_HRTQUERY){RT_HANDLE(rt)});
    return h;
}

/* The application's GetData loop: DXGI_DDI_ERR_WASSTILLDRAWING through
 * pfnSetErrorCb means "ask again", anything else is a real error. */
HRESULT d3drt_query_data(struct d3drt *rt, D3D10DDI_HQUERY q, void *data, UINT size)
{
    for (unsigned tries = 0; tries < 100000; tries++) {
        unsigned before = rt->nerrors;
        rt->funcs.pfnQueryGetData(rt->hdev, q, data, size, 0);
        if (rt->nerrors == before)
            return S_OK;
        HRESULT hr = rt->first_error;
        if (before == 0 && hr == DXGI_DDI_ERR_WASSTILLDRAWING) {
            d3drt_clear_errors(rt);
            continue;
        }
        return hr;
    }
    return DXGI_DDI_ERR_WASSTILLDRAWING;
}

D3D10DDI_HELEMENTLAYOUT d3drt_layout(struct d3drt *rt, const D3D10DDIARG_CREATEELEMENTLAYOUT *a)
{
    D3D10DDI_HELEMENTLAYOUT h = {track(rt, OBJ_LAYOUT, rt->funcs.pfnCalcPrivateElementLayoutSize(rt->hdev, a))};
    if (h.pDrvPrivate)
        rt->funcs.pfnCreateElementLayout(rt->hdev, a, h, (D3D10DDI_HRTELEMENTLAYOUT){RT_HANDLE(rt)});
    return h;
}

static UINT sig_entries(const struct sm4_signature *s, D3D10DDIARG_SIGNATURE_ENTRY *out)
{
    for (uint32_t i = 0; i < s->count; i++) {
        out[i].SystemValue = (D3D10_SB_NAME)s->elem[i].system_value;
        out[i].Register = s->elem[i].reg;
        out[i].Mask = s->elem[i].mask;
    }
    return s->count;
}

static D3D10DDI_HSHADER make_shader(struct d3drt *rt, int stage, const void *dxbc, uint32_t size, struct sm4_dxbc *dx,
                                    D3D10DDIARG_CREATEGEOMETRYSHADERWITHSTREAMOUTPUT *so)
{
    D3D10DDI_HSHADER h = {NULL};
    int rc = sm4_dxbc_parse(dxbc, size, dx);
    if (rc) {
        rt_fail(rt, "DXBC: %s", sm4_strerror(rc));
        return h;
    }
    /* The runtime hands the driver the SHDR tokens and the signatures. */
    D3D10DDIARG_SIGNATURE_ENTRY in[SM4_MAX_SIG], outs[SM4_MAX_SIG];
    D3D10DDIARG_STAGE_IO_SIGNATURES sig = {0};
    sig.pInputSignature = in;
    sig.NumInputSignatureEntries = dx->has_isgn ? sig_entries(&dx->isgn, in) : 0;
    sig.pOutputSignature = outs;
    sig.NumOutputSignatureEntries = dx->has_osgn ? sig_entries(&dx->osgn, outs) : 0;
    const UINT *code = (const UINT *)dx->shdr;
    if (dx->shdr_dwords < 2 || code[1] > dx->shdr_dwords) {
        rt_fail(rt, "DXBC: SHDR length token out of range");
        return h;
    }
    D3D10DDI_HRTSHADER rs = {RT_HANDLE(rt)};
    if (so) {
        so->pShaderCode = code;
        h.pDrvPrivate =
            track(rt, OBJ_SHADER, rt->funcs.pfnCalcPrivateGeometryShaderWithStreamOutput(rt->hdev, so, &sig));
        if (h.pDrvPrivate)
            rt->funcs.pfnCreateGeometryShaderWithStreamOutput(rt->hdev, so, h, rs, &sig);
        return h;
    }
    h.pDrvPrivate = track(rt, OBJ_SHADER, rt->funcs.pfnCalcPrivateShaderSize(rt->hdev, code, &sig));
    if (!h.pDrvPrivate)
        return h;
    if (stage == 0)
        rt->funcs.pfnCreateVertexShader(rt->hdev, code, h, rs, &sig);
    else if (stage == 1)
        rt->funcs.pfnCreatePixelShader(rt->hdev, code, h, rs, &sig);
    else
        rt->funcs.pfnCreateGeometryShader(rt->hdev, code, h, rs, &sig);
    return h;
}

D3D10DDI_HSHADER d3drt_shader(struct d3drt *rt, int stage, const void *dxbc, uint32_t size, struct sm4_dxbc *dx)
{
    return make_shader(rt, stage, dxbc, size, dx, NULL);
}

D3D10DDI_HSHADER d3drt_shader_so(struct d3drt *rt, const void *dxbc, uint32_t size, struct sm4_dxbc *dx,
                                 const D3D10DDIARG_STREAM_OUTPUT_DECLARATION_ENTRY *decl, UINT n, UINT stride)
{
    D3D10DDIARG_CREATEGEOMETRYSHADERWITHSTREAMOUTPUT so = {NULL, decl, n, stride};
    return make_shader(rt, 2, dxbc, size, dx, &so);
}

D3D10DDIARG_CREATERESOURCE d3drt_desc(const D3D10DDI_MIPINFO *mip, D3D10DDIRESOURCE_TYPE dim, UINT usage, UINT bind,
                                      DXGI_FORMAT format)
{
    D3D10DDIARG_CREATERESOURCE a = {0};
    a.pMipInfoList = mip;
    a.ResourceDimension = dim;
    a.Usage = usage;
    a.BindFlags = bind;
    a.Format = format;
    a.SampleDesc.Count = 1;
    a.MipLevels = 1;
    a.ArraySize = 1;
    return a;
}

D3D10DDI_HRESOURCE d3drt_buffer(struct d3drt *rt, UINT bind, const void *data, unsigned bytes)
{
    D3D10DDI_MIPINFO mip = {bytes, 1, 1, bytes, 1, 1};
    D3D10_DDIARG_SUBRESOURCE_UP up = {(void *)data, bytes, bytes};
    D3D10DDIARG_CREATERESOURCE a =
        d3drt_desc(&mip, D3D10DDIRESOURCE_BUFFER, D3D10_DDI_USAGE_DEFAULT, bind, DXGI_FORMAT_UNKNOWN);
    a.pInitialDataUP = data ? &up : NULL; /* the runtime passes no array without data */
    return d3drt_resource(rt, &a);
}
