/*
 * umd_args.c — hostile-argument checks of the UMD's DDI entry points for
 * umd-api, on the real virgl_test_server: each hands one DDI a value its
 * type allows but the resource or the driver's arrays do not (a slot range
 * starting past the slots, a subresource or box past a level, a view range
 * past the resource, an Unmap of what is not mapped) and expects the
 * documented answer: E_INVALIDARG through pfnSetErrorCb exactly once (or
 * nothing, for an empty box), the bound state untouched, and the next
 * submission accepted by the KMD's validator (so no out-of-range command
 * was written, which would have cost the whole command buffer).
 *
 *   umd_args_checks(srv, report);   // report(name, ok, why) per check
 */
#include <stdio.h>
#include <string.h>

#include "lib/d3d10rt.h"
#include "umd/umd_priv.h"

typedef void (*report_fn)(const char *, int, const char *);

static D3D10DDI_HRESOURCE tex(struct d3drt *rt, UINT w, UINT h, UINT mips, UINT layers, UINT samples, UINT bind,
                              UINT usage, UINT cpu)
{
    D3D10DDI_MIPINFO mip[4];
    for (UINT l = 0; l < 4; l++) {
        UINT lw = w >> l ? w >> l : 1, lh = h >> l ? h >> l : 1;
        mip[l] = (D3D10DDI_MIPINFO){lw, lh, 1, lw, lh, 1};
    }
    D3D10DDIARG_CREATERESOURCE a;
    memset(&a, 0, sizeof(a));
    a.pMipInfoList = mip;
    a.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
    a.Usage = usage;
    a.BindFlags = bind;
    a.MapFlags = cpu;
    a.Format = DXGI_FORMAT_R8G8B8A8_UNORM;
    a.SampleDesc.Count = samples;
    a.MipLevels = mips;
    a.ArraySize = layers;
    return d3drt_resource(rt, &a);
}

static D3D10DDI_HRESOURCE sampled(struct d3drt *rt)
{
    return tex(rt, 8, 8, 1, 1, 1, D3D10_DDI_BIND_SHADER_RESOURCE | D3D10_DDI_BIND_RENDER_TARGET,
               D3D10_DDI_USAGE_DEFAULT, 0);
}

/* After the bad call: one pfnSetErrorCb with `want` (0: none), then a
 * flush the validator accepts.  `extra` adds a state condition. */
static void verdict(struct d3drt *rt, report_fn report, const char *name, HRESULT want, bool extra,
                    const char *extra_why)
{
    unsigned nerr = d3drt_error_count(rt);
    HRESULT got = d3drt_first_error(rt);
    d3drt_funcs(rt)->pfnFlush(d3drt_dev(rt));
    int vcb = d3drt_vcb_error(rt);
    char why[512];
    snprintf(why, sizeof(why), "%u errors, first 0x%08x (want %s0x%08x); validator %d; %s; %s", nerr,
             (unsigned)got, want ? "one " : "none, ", (unsigned)want, vcb, extra ? "state kept" : extra_why,
             d3drt_error(rt));
    report(name, (want ? nerr == 1 && got == want : nerr == 0) && vcb == 0 && extra, why);
}

static struct d3drt *open_rt(struct vtest_server *srv, report_fn report, const char *name)
{
    struct d3drt *rt;
    if (d3drt_open(&rt, srv, D3D10_1_DDI_INTERFACE_VERSION)) {
        report(name, 0, d3drt_error(rt));
        d3drt_close(rt);
        return NULL;
    }
    return rt;
}

/* Set*(StartSlot = UINT_MAX, 2 entries): refused with E_INVALIDARG (it
 * used to be dropped silently), and slot 0, where start + 1 would wrap to,
 * keeps what was bound there. */
static void slot_wrap(struct vtest_server *srv, report_fn report, int kind, const char *name)
{
    struct d3drt *rt = open_rt(srv, report, name);
    if (!rt)
        return;
    const D3D10_1DDI_DEVICEFUNCS *f = d3drt_funcs(rt);
    D3D10DDI_HDEVICE hd = d3drt_dev(rt);
    struct umd_device *d = umd_dev(hd);
    static const uint8_t zeros[256];
    bool kept = false;
    if (kind == 0) { /* constant buffers */
        D3D10DDI_HRESOURCE a = d3drt_buffer(rt, D3D10_DDI_BIND_CONSTANT_BUFFER, zeros, 256);
        D3D10DDI_HRESOURCE b = d3drt_buffer(rt, D3D10_DDI_BIND_CONSTANT_BUFFER, zeros, 256);
        D3D10DDI_HRESOURCE two[2] = {b, b};
        f->pfnPsSetConstantBuffers(hd, 0, 1, &a);
        f->pfnFlush(hd);
        d3drt_clear_errors(rt);
        f->pfnPsSetConstantBuffers(hd, 0xffffffffu, 2, two);
        kept = d->cb_res[UMD_PS][0] == a.pDrvPrivate;
    } else if (kind == 1) { /* shader resources */
        D3D10_1DDIARG_CREATESHADERRESOURCEVIEW v;
        memset(&v, 0, sizeof(v));
        v.hDrvResource = sampled(rt);
        v.Format = DXGI_FORMAT_R8G8B8A8_UNORM;
        v.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
        v.Tex2D.MipLevels = v.Tex2D.ArraySize = 1;
        D3D10DDI_HSHADERRESOURCEVIEW a = d3drt_srv(rt, &v), b = d3drt_srv(rt, &v), two[2] = {b, b};
        f->pfnPsSetShaderResources(hd, 0, 1, &a);
        f->pfnFlush(hd);
        d3drt_clear_errors(rt);
        f->pfnPsSetShaderResources(hd, 0xffffffffu, 2, two);
        kept = d->srv[UMD_PS][0] == a.pDrvPrivate;
    } else if (kind == 2) { /* samplers */
        D3D10_DDI_SAMPLER_DESC s;
        memset(&s, 0, sizeof(s));
        s.AddressU = s.AddressV = s.AddressW = D3D10_DDI_TEXTURE_ADDRESS_CLAMP;
        s.MaxLOD = 1000.0f;
        D3D10DDI_HSAMPLER a = d3drt_sampler(rt, &s), b = d3drt_sampler(rt, &s), two[2] = {b, b};
        f->pfnPsSetSamplers(hd, 0, 1, &a);
        f->pfnFlush(hd);
        d3drt_clear_errors(rt);
        f->pfnPsSetSamplers(hd, 0xffffffffu, 2, two);
        kept = d->sampler[UMD_PS][0] == a.pDrvPrivate;
    } else { /* vertex buffers */
        D3D10DDI_HRESOURCE a = d3drt_buffer(rt, D3D10_DDI_BIND_VERTEX_BUFFER, zeros, 256);
        D3D10DDI_HRESOURCE b = d3drt_buffer(rt, D3D10_DDI_BIND_VERTEX_BUFFER, zeros, 256);
        D3D10DDI_HRESOURCE two[2] = {b, b};
        UINT strides[2] = {16, 16}, offs[2] = {0, 0};
        f->pfnIaSetVertexBuffers(hd, 0, 1, &a, strides, offs);
        f->pfnFlush(hd);
        d3drt_clear_errors(rt);
        f->pfnIaSetVertexBuffers(hd, 0xffffffffu, 2, two, strides, offs);
        kept = d->vb_res[0] == a.pDrvPrivate;
    }
    verdict(rt, report, name, E_INVALIDARG, kept, "slot 0 was overwritten");
    d3drt_close(rt);
}

/* Unmap(UINT_MAX) of a resource that is not mapped: sub + 1 is 0, which
 * is what "not mapped" is stored as. */
static void unmap_unmapped(struct vtest_server *srv, report_fn report)
{
    const char *name = "args_unmap_not_mapped_uint_max";
    struct d3drt *rt = open_rt(srv, report, name);
    if (!rt)
        return;
    D3D10DDI_HRESOURCE st = tex(rt, 8, 8, 1, 1, 1, 0, D3D10_DDI_USAGE_STAGING, D3D10_DDI_CPU_ACCESS_READ |
                                D3D10_DDI_CPU_ACCESS_WRITE);
    d3drt_funcs(rt)->pfnFlush(d3drt_dev(rt));
    d3drt_clear_errors(rt);
    d3drt_funcs(rt)->pfnStagingResourceUnmap(d3drt_dev(rt), st, 0xffffffffu);
    verdict(rt, report, name, E_INVALIDARG, true, "");
    d3drt_close(rt);
}

/* CopySubresourceRegion with a source box, destination offset or
 * subresource past the level (8x8 textures, 2 levels), and an empty box. */
enum { CR_SRC_BOX, CR_DST_OFFSET, CR_SRC_SUB, CR_DST_SUB, CR_EMPTY_BOX, CR_DST_LEVEL1 };
static void copy_region(struct vtest_server *srv, report_fn report, int kind, const char *name)
{
    struct d3drt *rt = open_rt(srv, report, name);
    if (!rt)
        return;
    const D3D10_1DDI_DEVICEFUNCS *f = d3drt_funcs(rt);
    D3D10DDI_HDEVICE hd = d3drt_dev(rt);
    D3D10DDI_HRESOURCE src = tex(rt, 8, 8, 2, 1, 1, D3D10_DDI_BIND_SHADER_RESOURCE, D3D10_DDI_USAGE_DEFAULT, 0);
    D3D10DDI_HRESOURCE dst = tex(rt, 8, 8, 2, 1, 1, D3D10_DDI_BIND_SHADER_RESOURCE, D3D10_DDI_USAGE_DEFAULT, 0);
    f->pfnFlush(hd);
    d3drt_clear_errors(rt);
    D3D10_DDI_BOX box = {0, 0, 0, 8, 8, 1};
    UINT dx = 0, ssub = 0, dsub = 0;
    HRESULT want = E_INVALIDARG;
    switch (kind) {
    case CR_SRC_BOX: box.right = 9; break;            /* one texel past level 0 */
    case CR_DST_OFFSET: dx = 4; break;                /* 8 wide at x 4 of an 8 wide level */
    case CR_SRC_SUB: ssub = 2; break;                 /* 2 levels x 1 layer: 0 and 1 exist */
    case CR_DST_SUB: dsub = 0xffffffffu; break;
    case CR_EMPTY_BOX: box.left = 4; box.right = 2; want = 0; break; /* right < left: nothing */
    case CR_DST_LEVEL1: dsub = 1; break;              /* 8x8 into the 4x4 level */
    }
    f->pfnResourceCopyRegion(hd, dst, dsub, dx, 0, 0, src, ssub, &box);
    verdict(rt, report, name, want, true, "");
    d3drt_close(rt);
}

/* Views naming levels or layers the resource does not have. */
enum { V_RTV_LAYER, V_RTV_MIP, V_DSV_LAYER, V_SRV_MIPS, V_SRV_LAYERS, V_SRV_BUFFER };
static void view_range(struct vtest_server *srv, report_fn report, int kind, const char *name)
{
    struct d3drt *rt = open_rt(srv, report, name);
    if (!rt)
        return;
    D3D10DDI_HDEVICE hd = d3drt_dev(rt);
    D3D10DDI_HRESOURCE t = sampled(rt);
    if (kind == V_DSV_LAYER) {
        D3D10DDI_MIPINFO mip = {8, 8, 1, 8, 8, 1};
        D3D10DDIARG_CREATERESOURCE a = d3drt_desc(&mip, D3D10DDIRESOURCE_TEXTURE2D, D3D10_DDI_USAGE_DEFAULT, D3D10_DDI_BIND_DEPTH_STENCIL, DXGI_FORMAT_D24_UNORM_S8_UINT);
        t = d3drt_resource(rt, &a);
    }
    D3D10DDI_HRESOURCE buf = {NULL};
    if (kind == V_SRV_BUFFER) {
        static const uint8_t zeros[64];
        buf = d3drt_buffer(rt, D3D10_DDI_BIND_SHADER_RESOURCE, zeros, 64);
    }
    d3drt_funcs(rt)->pfnFlush(hd);
    d3drt_clear_errors(rt);
    void *view = NULL;
    if (kind == V_RTV_LAYER || kind == V_RTV_MIP) {
        D3D10DDIARG_CREATERENDERTARGETVIEW v;
        memset(&v, 0, sizeof(v));
        v.hDrvResource = t;
        v.Format = DXGI_FORMAT_R8G8B8A8_UNORM;
        v.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
        v.Tex2D.ArraySize = 1;
        if (kind == V_RTV_LAYER)
            v.Tex2D.FirstArraySlice = 1;
        else
            v.Tex2D.MipSlice = 1;
        view = d3drt_rtv(rt, &v).pDrvPrivate;
    } else if (kind == V_DSV_LAYER) {
        D3D10DDIARG_CREATEDEPTHSTENCILVIEW v;
        memset(&v, 0, sizeof(v));
        v.hDrvResource = t;
        v.Format = DXGI_FORMAT_D24_UNORM_S8_UINT;
        v.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
        v.Tex2D.FirstArraySlice = 0;
        v.Tex2D.ArraySize = 2;
        view = d3drt_dsv(rt, &v).pDrvPrivate;
    } else {
        D3D10_1DDIARG_CREATESHADERRESOURCEVIEW v;
        memset(&v, 0, sizeof(v));
        v.hDrvResource = kind == V_SRV_BUFFER ? buf : t;
        v.Format = DXGI_FORMAT_R8G8B8A8_UNORM;
        if (kind == V_SRV_BUFFER) {
            v.ResourceDimension = D3D10DDIRESOURCE_BUFFER;
            v.Buffer.FirstElement = 15; /* 64 bytes = 16 elements: 15 and 16 */
            v.Buffer.NumElements = 2;
        } else {
            v.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
            v.Tex2D.MipLevels = kind == V_SRV_MIPS ? 2 : 1;
            v.Tex2D.ArraySize = kind == V_SRV_LAYERS ? 2 : 1;
        }
        view = d3drt_srv(rt, &v).pDrvPrivate;
    }
    bool no_handle = !view || ((struct umd_view *)view)->handle == 0;
    verdict(rt, report, name, E_INVALIDARG, no_handle, "a host view was made");
    d3drt_close(rt);
}

/* ResolveSubresource into level 1 of a resource whose level 0 has the
 * source's size: level 1 is half as large (refused), and into level 1 of
 * one twice as large (its level 1 matches: resolved). */
static void resolve_level(struct vtest_server *srv, report_fn report, bool fits, const char *name)
{
    struct d3drt *rt = open_rt(srv, report, name);
    if (!rt)
        return;
    D3D10DDI_HDEVICE hd = d3drt_dev(rt);
    D3D10DDI_HRESOURCE ms = tex(rt, 8, 8, 1, 1, 4, D3D10_DDI_BIND_RENDER_TARGET, D3D10_DDI_USAGE_DEFAULT, 0);
    D3D10DDI_HRESOURCE dst = tex(rt, fits ? 16 : 8, fits ? 16 : 8, 2, 1, 1,
                                 D3D10_DDI_BIND_SHADER_RESOURCE | D3D10_DDI_BIND_RENDER_TARGET,
                                 D3D10_DDI_USAGE_DEFAULT, 0);
    if (!ms.pDrvPrivate || !dst.pDrvPrivate || d3drt_failed(rt)) {
        report(name, 0, d3drt_error(rt));
        d3drt_close(rt);
        return;
    }
    d3drt_funcs(rt)->pfnFlush(hd);
    d3drt_clear_errors(rt);
    d3drt_funcs(rt)->pfnResourceResolveSubresource(hd, dst, 1, ms, 0, DXGI_FORMAT_R8G8B8A8_UNORM);
    verdict(rt, report, name, fits ? 0 : E_INVALIDARG, true, "");
    d3drt_close(rt);
}

int umd_args_checks(struct vtest_server *srv, report_fn report);
int umd_args_checks(struct vtest_server *srv, report_fn report)
{
    slot_wrap(srv, report, 0, "args_cb_start_slot_wraps");
    slot_wrap(srv, report, 1, "args_srv_start_slot_wraps");
    slot_wrap(srv, report, 2, "args_sampler_start_slot_wraps");
    slot_wrap(srv, report, 3, "args_vb_start_slot_wraps");
    unmap_unmapped(srv, report);
    copy_region(srv, report, CR_SRC_BOX, "args_copy_region_src_box_past_level");
    copy_region(srv, report, CR_DST_OFFSET, "args_copy_region_dst_offset_past_level");
    copy_region(srv, report, CR_SRC_SUB, "args_copy_region_src_subresource");
    copy_region(srv, report, CR_DST_SUB, "args_copy_region_dst_subresource");
    copy_region(srv, report, CR_EMPTY_BOX, "args_copy_region_empty_box_noop");
    copy_region(srv, report, CR_DST_LEVEL1, "args_copy_region_into_smaller_level");
    view_range(srv, report, V_RTV_LAYER, "args_rtv_layer_past_resource");
    view_range(srv, report, V_RTV_MIP, "args_rtv_mip_past_resource");
    view_range(srv, report, V_DSV_LAYER, "args_dsv_layers_past_resource");
    view_range(srv, report, V_SRV_MIPS, "args_srv_mips_past_resource");
    view_range(srv, report, V_SRV_LAYERS, "args_srv_layers_past_resource");
    view_range(srv, report, V_SRV_BUFFER, "args_srv_elements_past_buffer");
    resolve_level(srv, report, false, "args_resolve_into_smaller_level");
    resolve_level(srv, report, true, "args_resolve_into_matching_level");
    return 0;
}
