/*
 * umd_fuzz_ddi.c — the DDI-call-sequence mode of umd_fuzz (selector byte
 * odd with bit 2 set, see umd_fuzz.c): a D3D10.1 device on the memory-only
 * runtime/KMD of umd_fuzz.c gets a fixed set of resources and state objects,
 * then up to FZ_MAX_CALLS calls, each chosen by one input byte among the
 * binding, view, copy, update, map, resolve, query, draw and DXGI Blt DDIs,
 * with argument VALUES from the input: start slots, counts, subresource
 * indices, boxes, destination offsets, view level/layer/element ranges,
 * map types, query data sizes.  Handles are always live objects of the
 * right type, arrays hold exactly the count passed, a view is destroyed only
 * after everything is unbound and data handed to UpdateSubresourceUP covers
 * the box at the pitches passed: what the real runtime guarantees.
 * Checked: ASan/UBSan (every runtime-side buffer and every allocation's
 * backing is an exact heap block), every submission through the KMD's
 * validator (umd_fuzz.c cb_render aborts on a rejection), and a successful
 * Map's RowPitch/DepthPitch region lying inside the allocation's backing
 * (it is written whole).
 *
 * Input after the selector: bytes read in order, zeros past the end.
 *   fuzz_ddi(sel, data, n);   // from umd_fuzz.c run_one
 */
#include <string.h>

#include "umd_fuzz.h"
#include "umd/umd_priv.h"
#include "virgl/virgl_format.h"

#define FZ_MAX_CALLS 64u
/* DXGI formats the project's dxgiformat subset does not name */
#define FZ_DXGI_BC1_UNORM ((DXGI_FORMAT)71)
#define FZ_DXGI_R8_UINT ((DXGI_FORMAT)62)
#define FZ_NRES 11u
#define FZ_NVIEWS 8u

struct rd {
    const uint8_t *p;
    size_t n, at;
};
static uint8_t u8(struct rd *r) { return r->at < r->n ? r->p[r->at++] : 0; }
static uint32_t u32raw(struct rd *r)
{
    uint32_t v = u8(r);
    v |= (uint32_t)u8(r) << 8;
    v |= (uint32_t)u8(r) << 16;
    return v | (uint32_t)u8(r) << 24;
}
/* An index, count or coordinate: mostly small, else near the type's edges. */
static uint32_t val(struct rd *r)
{
    uint8_t b = u8(r);
    switch (b >> 5) {
    case 5: return 0xffffffffu - (b & 7u);
    case 6: return 0x80000000u + (b & 7u) - 4u;
    case 7: return u32raw(r);
    case 4: return b & 0x3fu;
    default: return b & 7u; /* most often in range of the 16x16 resources */
    }
}

enum { R_ARR, R_TEX, R_STAGE, R_3D, R_VB, R_CB, R_DYN, R_MS, R_BC1, R_DS, R_SRVBUF };

struct vslot {
    int kind; /* 0 empty, UMD_VIEW_RTV / DSV / SRV */
    void *mem;
};

struct fzd {
    struct fz_dev v;
    D3D10DDI_HRESOURCE res[FZ_NRES];
    struct vslot views[FZ_NVIEWS];
    D3D10DDI_HSAMPLER samp[2];
    D3D10DDI_HBLENDSTATE blend;
    D3D10DDI_HDEPTHSTENCILSTATE dsa;
    D3D10DDI_HRASTERIZERSTATE rs;
    D3D10DDI_HQUERY query;
};

static D3D10DDI_HRESOURCE mkres(struct fzd *z, UINT dim, DXGI_FORMAT fmt, UINT w, UINT h, UINT dep, UINT mips,
                                UINT layers, UINT samples, UINT bind, UINT usage, UINT cpu, UINT misc)
{
    D3D10DDI_MIPINFO mip[4];
    for (UINT l = 0; l < 4; l++) {
        UINT lw = w >> l ? w >> l : 1, lh = h >> l ? h >> l : 1, ld = dep >> l ? dep >> l : 1;
        mip[l] = (D3D10DDI_MIPINFO){lw, lh, ld, lw, lh, ld};
    }
    D3D10DDIARG_CREATERESOURCE a;
    memset(&a, 0, sizeof(a));
    a.pMipInfoList = mip;
    a.ResourceDimension = (D3D10DDIRESOURCE_TYPE)dim;
    a.Usage = usage;
    a.BindFlags = bind;
    a.MapFlags = cpu;
    a.MiscFlags = misc;
    a.Format = fmt;
    a.SampleDesc.Count = samples;
    a.MipLevels = mips;
    a.ArraySize = layers;
    unsigned before = fz_errors();
    D3D10DDI_HRESOURCE r = create_resource(&z->v, &a);
    FZ_CHECK(fz_errors() == before && ((struct umd_resource *)r.pDrvPrivate)->res_id);
    return r;
}

static void setup(struct fzd *z)
{
    const UINT SR = D3D10_DDI_BIND_SHADER_RESOURCE, RT = D3D10_DDI_BIND_RENDER_TARGET;
    const UINT T2 = D3D10DDIRESOURCE_TEXTURE2D, BUF = D3D10DDIRESOURCE_BUFFER, DEF = D3D10_DDI_USAGE_DEFAULT;
    const DXGI_FORMAT RGBA = DXGI_FORMAT_R8G8B8A8_UNORM;
    z->res[R_ARR] = mkres(z, T2, RGBA, 16, 16, 1, 3, 2, 1, SR | RT, DEF, 0, 0);
    z->res[R_TEX] = mkres(z, T2, RGBA, 16, 16, 1, 1, 1, 1, SR | RT, DEF, 0, 0);
    z->res[R_STAGE] = mkres(z, T2, RGBA, 16, 16, 1, 2, 1, 1, 0, D3D10_DDI_USAGE_STAGING,
                            D3D10_DDI_CPU_ACCESS_READ | D3D10_DDI_CPU_ACCESS_WRITE, 0);
    z->res[R_3D] = mkres(z, D3D10DDIRESOURCE_TEXTURE3D, RGBA, 8, 8, 4, 2, 1, 1, SR, DEF, 0, 0);
    z->res[R_VB] = mkres(z, BUF, DXGI_FORMAT_UNKNOWN, 256, 1, 1, 1, 1, 1,
                         D3D10_DDI_BIND_VERTEX_BUFFER | D3D10_DDI_BIND_STREAM_OUTPUT, DEF, 0, 0);
    z->res[R_CB] = mkres(z, BUF, DXGI_FORMAT_UNKNOWN, 256, 1, 1, 1, 1, 1, D3D10_DDI_BIND_CONSTANT_BUFFER, DEF, 0, 0);
    z->res[R_DYN] = mkres(z, BUF, DXGI_FORMAT_UNKNOWN, 256, 1, 1, 1, 1, 1, D3D10_DDI_BIND_VERTEX_BUFFER,
                          D3D10_DDI_USAGE_DYNAMIC, D3D10_DDI_CPU_ACCESS_WRITE, 0);
    z->res[R_MS] = mkres(z, T2, RGBA, 16, 16, 1, 1, 1, 4, RT, DEF, 0, 0);
    z->res[R_BC1] = mkres(z, T2, FZ_DXGI_BC1_UNORM, 16, 12, 1, 2, 1, 1, SR, DEF, 0, 0);
    z->res[R_DS] = mkres(z, T2, DXGI_FORMAT_D24_UNORM_S8_UINT, 16, 16, 1, 1, 1, 1, D3D10_DDI_BIND_DEPTH_STENCIL,
                         DEF, 0, 0);
    z->res[R_SRVBUF] = mkres(z, BUF, DXGI_FORMAT_UNKNOWN, 64, 1, 1, 1, 1, 1, SR | RT, DEF, 0, 0);
    D3D10_1DDI_DEVICEFUNCS *f = &z->v.f;
    D3D10DDI_HDEVICE hd = z->v.hd;
    D3D10_DDI_SAMPLER_DESC sd;
    memset(&sd, 0, sizeof(sd));
    sd.AddressU = sd.AddressV = sd.AddressW = D3D10_DDI_TEXTURE_ADDRESS_CLAMP;
    for (int i = 0; i < 2; i++) {
        z->samp[i].pDrvPrivate = rt_mem(f->pfnCalcPrivateSamplerSize(hd, &sd));
        f->pfnCreateSampler(hd, &sd, z->samp[i], (D3D10DDI_HRTSAMPLER){NULL});
    }
    D3D10_1_DDI_BLEND_DESC bd;
    memset(&bd, 0, sizeof(bd));
    for (int i = 0; i < 8; i++)
        bd.RenderTarget[i].RenderTargetWriteMask = 0xf;
    z->blend.pDrvPrivate = rt_mem(f->pfnCalcPrivateBlendStateSize(hd, &bd));
    f->pfnCreateBlendState(hd, &bd, z->blend, (D3D10DDI_HRTBLENDSTATE){NULL});
    D3D10_DDI_DEPTH_STENCIL_DESC dd;
    memset(&dd, 0, sizeof(dd));
    z->dsa.pDrvPrivate = rt_mem(f->pfnCalcPrivateDepthStencilStateSize(hd, &dd));
    f->pfnCreateDepthStencilState(hd, &dd, z->dsa, (D3D10DDI_HRTDEPTHSTENCILSTATE){NULL});
    D3D10_DDI_RASTERIZER_DESC rd;
    memset(&rd, 0, sizeof(rd));
    rd.FillMode = D3D10_DDI_FILL_SOLID;
    rd.CullMode = D3D10_DDI_CULL_NONE;
    z->rs.pDrvPrivate = rt_mem(f->pfnCalcPrivateRasterizerStateSize(hd, &rd));
    f->pfnCreateRasterizerState(hd, &rd, z->rs, (D3D10DDI_HRTRASTERIZERSTATE){NULL});
    D3D10DDIARG_CREATEQUERY qa = {D3D10DDI_QUERY_OCCLUSION, 0};
    z->query.pDrvPrivate = rt_mem(f->pfnCalcPrivateQuerySize(hd, &qa));
    f->pfnCreateQuery(hd, &qa, z->query, (D3D10DDI_HRTQUERY){NULL});
    FZ_CHECK(fz_errors() == 0);
}

/* What the runtime does before it destroys a view: nothing binds it. */
static void unbind_all(struct fzd *z)
{
    static const D3D10DDI_HSHADERRESOURCEVIEW none[UMD_MAX_SRV];
    D3D10_1DDI_DEVICEFUNCS *f = &z->v.f;
    f->pfnVsSetShaderResources(z->v.hd, 0, UMD_MAX_SRV, none);
    f->pfnPsSetShaderResources(z->v.hd, 0, UMD_MAX_SRV, none);
    f->pfnGsSetShaderResources(z->v.hd, 0, UMD_MAX_SRV, none);
    f->pfnSetRenderTargets(z->v.hd, NULL, 0, UMD_MAX_RT, (D3D10DDI_HDEPTHSTENCILVIEW){NULL});
}

static void drop_view(struct fzd *z, struct vslot *s)
{
    if (!s->kind)
        return;
    unbind_all(z);
    if (s->kind == UMD_VIEW_RTV)
        z->v.f.pfnDestroyRenderTargetView(z->v.hd, (D3D10DDI_HRENDERTARGETVIEW){s->mem});
    else if (s->kind == UMD_VIEW_DSV)
        z->v.f.pfnDestroyDepthStencilView(z->v.hd, (D3D10DDI_HDEPTHSTENCILVIEW){s->mem});
    else
        z->v.f.pfnDestroyShaderResourceView(z->v.hd, (D3D10DDI_HSHADERRESOURCEVIEW){s->mem});
    free(s->mem);
    s->kind = 0;
    s->mem = NULL;
}

/* A view of a kind the resource's bind flags allow, with fuzzed ranges; a
 * view the UMD refused is destroyed again (the runtime never uses it). */
static void op_view(struct fzd *z, struct rd *r)
{
    struct vslot *s = &z->views[u8(r) % FZ_NVIEWS];
    drop_view(z, s);
    D3D10_1DDI_DEVICEFUNCS *f = &z->v.f;
    D3D10DDI_HDEVICE hd = z->v.hd;
    unsigned before = fz_errors();
    uint8_t pick = u8(r) % 9;
    uint32_t a0 = val(r), a1 = val(r), a2 = val(r), a3 = val(r);
    if (pick < 3) { /* RTV of the array, the plain texture or the MSAA one */
        static const int rs[3] = {R_ARR, R_TEX, R_MS};
        D3D10DDIARG_CREATERENDERTARGETVIEW a;
        memset(&a, 0, sizeof(a));
        a.hDrvResource = z->res[rs[pick]];
        a.Format = DXGI_FORMAT_R8G8B8A8_UNORM;
        a.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
        a.Tex2D.MipSlice = a0;
        a.Tex2D.FirstArraySlice = a1;
        a.Tex2D.ArraySize = a2;
        s->mem = rt_mem(f->pfnCalcPrivateRenderTargetViewSize(hd, &a));
        f->pfnCreateRenderTargetView(hd, &a, (D3D10DDI_HRENDERTARGETVIEW){s->mem}, (D3D10DDI_HRTRENDERTARGETVIEW){NULL});
        s->kind = UMD_VIEW_RTV;
    } else if (pick == 8) { /* RTV of a buffer (rendered through a shadow texture) */
        D3D10DDIARG_CREATERENDERTARGETVIEW a;
        memset(&a, 0, sizeof(a));
        a.hDrvResource = z->res[R_SRVBUF];
        a.Format = DXGI_FORMAT_R8G8B8A8_UNORM;
        a.ResourceDimension = D3D10DDIRESOURCE_BUFFER;
        a.Buffer.FirstElement = a0;
        a.Buffer.NumElements = a1;
        s->mem = rt_mem(f->pfnCalcPrivateRenderTargetViewSize(hd, &a));
        f->pfnCreateRenderTargetView(hd, &a, (D3D10DDI_HRENDERTARGETVIEW){s->mem}, (D3D10DDI_HRTRENDERTARGETVIEW){NULL});
        s->kind = UMD_VIEW_RTV;
    } else if (pick == 3) {
        D3D10DDIARG_CREATEDEPTHSTENCILVIEW a;
        memset(&a, 0, sizeof(a));
        a.hDrvResource = z->res[R_DS];
        a.Format = DXGI_FORMAT_D24_UNORM_S8_UINT;
        a.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
        a.Tex2D.MipSlice = a0;
        a.Tex2D.FirstArraySlice = a1;
        a.Tex2D.ArraySize = a2;
        s->mem = rt_mem(f->pfnCalcPrivateDepthStencilViewSize(hd, &a));
        f->pfnCreateDepthStencilView(hd, &a, (D3D10DDI_HDEPTHSTENCILVIEW){s->mem}, (D3D10DDI_HRTDEPTHSTENCILVIEW){NULL});
        s->kind = UMD_VIEW_DSV;
    } else { /* SRV of the array, the texture, the 3D, the BC1 texture or the buffer */
        static const int rs[4] = {R_ARR, R_3D, R_BC1, R_SRVBUF};
        int which = rs[pick - 4];
        D3D10_1DDIARG_CREATESHADERRESOURCEVIEW a;
        memset(&a, 0, sizeof(a));
        a.hDrvResource = z->res[which];
        a.Format = which == R_BC1 ? FZ_DXGI_BC1_UNORM : DXGI_FORMAT_R8G8B8A8_UNORM;
        if (which == R_SRVBUF) {
            a.ResourceDimension = D3D10DDIRESOURCE_BUFFER;
            a.Buffer.FirstElement = a0;
            a.Buffer.NumElements = a1;
        } else if (which == R_3D) {
            a.ResourceDimension = D3D10DDIRESOURCE_TEXTURE3D;
            a.Tex3D.MostDetailedMip = a0;
            a.Tex3D.MipLevels = a1;
        } else {
            a.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
            a.Tex2D.MostDetailedMip = a0;
            a.Tex2D.MipLevels = a1;
            a.Tex2D.FirstArraySlice = a2;
            a.Tex2D.ArraySize = a3;
        }
        s->mem = rt_mem(f->pfnCalcPrivateShaderResourceViewSize(hd, &a));
        f->pfnCreateShaderResourceView(hd, &a, (D3D10DDI_HSHADERRESOURCEVIEW){s->mem}, (D3D10DDI_HRTSHADERRESOURCEVIEW){NULL});
        s->kind = UMD_VIEW_SRV;
    }
    if (fz_errors() != before)
        drop_view(z, s);
}

static void *view_of(struct fzd *z, struct rd *r, int kind)
{
    uint8_t b = u8(r);
    struct vslot *s = &z->views[b % FZ_NVIEWS];
    return b < 0xc0 && s->kind == kind ? s->mem : NULL; /* else NULL, which unbinds */
}

/* Set*Resources/Samplers/ConstantBuffers/VertexBuffers: a start slot and an
 * array of exactly `n` entries. */
static void op_bind(struct fzd *z, struct rd *r, uint8_t which)
{
    D3D10_1DDI_DEVICEFUNCS *f = &z->v.f;
    D3D10DDI_HDEVICE hd = z->v.hd;
    uint32_t start = val(r), n = u8(r) % 160u, stage = u8(r) % 3u;
    void **h = malloc((n ? n : 1) * sizeof(void *));
    UINT *strides = malloc((n ? n : 1) * sizeof(UINT)), *offs = malloc((n ? n : 1) * sizeof(UINT));
    FZ_CHECK(h && strides && offs);
    for (uint32_t i = 0; i < n; i++) {
        uint8_t b = u8(r);
        strides[i] = b & 0x3cu;
        offs[i] = val(r);
        switch (which) {
        case 0: h[i] = view_of(z, r, UMD_VIEW_SRV); break;
        case 1: h[i] = b & 0x80 ? NULL : z->samp[b & 1].pDrvPrivate; break;
        case 2: h[i] = b & 0x80 ? NULL : z->res[R_CB].pDrvPrivate; break;
        default: h[i] = b & 0x80 ? NULL : z->res[b & 1 ? R_VB : R_DYN].pDrvPrivate; break;
        }
    }
    /* every D3D10DDI_H* is one pointer: the array of void * is the array of handles */
    if (which == 0) {
        const D3D10DDI_HSHADERRESOURCEVIEW *v = (const void *)h;
        (stage == 0 ? f->pfnVsSetShaderResources : stage == 1 ? f->pfnPsSetShaderResources : f->pfnGsSetShaderResources)(hd, start, n, v);
    } else if (which == 1) {
        const D3D10DDI_HSAMPLER *v = (const void *)h;
        (stage == 0 ? f->pfnVsSetSamplers : stage == 1 ? f->pfnPsSetSamplers : f->pfnGsSetSamplers)(hd, start, n, v);
    } else if (which == 2) {
        const D3D10DDI_HRESOURCE *v = (const void *)h;
        (stage == 0 ? f->pfnVsSetConstantBuffers : stage == 1 ? f->pfnPsSetConstantBuffers : f->pfnGsSetConstantBuffers)(hd, start, n, v);
    } else {
        f->pfnIaSetVertexBuffers(hd, start, n, (const void *)h, strides, offs);
    }
    free(h);
    free(strides);
    free(offs);
}

static void op_targets(struct fzd *z, struct rd *r)
{
    uint32_t n = u8(r) % 12u;
    D3D10DDI_HRENDERTARGETVIEW rtv[12];
    for (uint32_t i = 0; i < n; i++)
        rtv[i].pDrvPrivate = view_of(z, r, UMD_VIEW_RTV);
    D3D10DDI_HDEPTHSTENCILVIEW dsv = {view_of(z, r, UMD_VIEW_DSV)};
    z->v.f.pfnSetRenderTargets(z->v.hd, n ? rtv : NULL, n, 12u - n, dsv);
}

/* The resources a copy may pair (same format: what the runtime allows). */
static int copy_pair(struct rd *r, int *dst)
{
    static const int group[6][3] = {{R_ARR, R_TEX, R_STAGE}, {R_TEX, R_STAGE, R_ARR}, {R_BC1, R_BC1, R_BC1},
                                    {R_3D, R_3D, R_3D},       {R_VB, R_CB, R_DYN},    {R_DYN, R_VB, R_SRVBUF}};
    uint8_t b = u8(r);
    const int *g = group[b % 6];
    *dst = g[(b >> 3) % 3];
    return g[(b >> 5) % 3];
}

static void op_copy(struct fzd *z, struct rd *r)
{
    int d, s = copy_pair(r, &d);
    uint32_t dsub = val(r), ssub = val(r), dx = val(r), dy = val(r), dz = val(r);
    D3D10_DDI_BOX b = {val(r), val(r), val(r), val(r), val(r), val(r)};
    bool with_box = u8(r) & 1;
    if (u8(r) & 1)
        z->v.f.pfnResourceCopy(z->v.hd, z->res[d], z->res[s]);
    else
        z->v.f.pfnResourceCopyRegion(z->v.hd, z->res[d], dsub, dx, dy, dz, z->res[s], ssub, with_box ? &b : NULL);
}

/* UpdateSubresourceUP with source memory covering exactly the box (or the
 * whole subresource) at the pitches passed. */
static void op_update(struct fzd *z, struct rd *r)
{
    static const int rs[7] = {R_ARR, R_TEX, R_3D, R_BC1, R_CB, R_VB, R_SRVBUF};
    int which = rs[u8(r) % 7];
    const struct umd_resource *res = z->res[which].pDrvPrivate;
    uint32_t sub = val(r);
    D3D10_DDI_BOX b = {val(r), val(r), val(r), val(r), val(r), val(r)};
    bool with_box = u8(r) & 1;
    uint32_t extra = (u8(r) & 3u) * 4u;
    const struct virgl_format_desc *fd = virgl_format_info(res->format);
    uint64_t blk = fd && (fd->flags & VIRGL_FMT_COMPRESSED) ? 4 : 1, bpp = fd ? fd->block_bytes : 1;
    uint32_t level = sub % res->mips;
    uint64_t w, h, dep;
    if (with_box) {
        /* the DDI's box members are unsigned (UINT in the WDK) */
        uint32_t l = (uint32_t)b.left, t = (uint32_t)b.top, fr = (uint32_t)b.front;
        uint32_t ri = (uint32_t)b.right, bo = (uint32_t)b.bottom, ba = (uint32_t)b.back;
        w = ri > l ? ri - l : 0;
        h = bo > t ? bo - t : 0;
        dep = ba > fr ? ba - fr : 0;
    } else {
        w = umd_level_dim(res->width, level);
        h = umd_level_height(res, level);
        dep = res->target == VIRGL_TARGET_3D ? umd_level_dim(res->depth, level) : 1;
    }
    bool buffer = res->target == VIRGL_TARGET_BUFFER;
    uint64_t rowbytes = buffer ? w : (w + blk - 1) / blk * bpp, rows = buffer ? 1 : (h + blk - 1) / blk;
    uint64_t pitch = rowbytes + extra, dpitch = pitch * rows + extra;
    uint64_t need = !w || !h || !dep ? 1 : (dep - 1) * dpitch + (rows - 1) * pitch + rowbytes;
    if (need > (1u << 20) || pitch > 0xffffffffu || dpitch > 0xffffffffu)
        return; /* no application holds that much for a 16x16 texture */
    uint8_t *src = malloc(need);
    FZ_CHECK(src);
    memset(src, 0x3c, need);
    z->v.f.pfnResourceUpdateSubresourceUP(z->v.hd, z->res[which], sub, with_box ? &b : NULL, src, (UINT)pitch,
                                          (UINT)dpitch);
    free(src);
}

/* Map (fuzzed subresource, type, flags), write the whole region it hands
 * back, Unmap (the same subresource or a fuzzed one). */
static void op_map(struct fzd *z, struct rd *r)
{
    bool dyn = u8(r) & 1;
    D3D10DDI_HRESOURCE hr = z->res[dyn ? R_DYN : R_STAGE];
    const struct umd_resource *res = hr.pDrvPrivate;
    uint32_t sub = val(r), type = dyn ? (u8(r) & 1 ? D3D10_DDI_MAP_WRITE_NOOVERWRITE : D3D10_DDI_MAP_WRITE_DISCARD)
                                     : D3D10_DDI_MAP_READ + u8(r) % 3u; /* READ, WRITE, READ_WRITE */
    uint32_t flags = u8(r) & D3D10_DDI_MAP_FLAG_DONOTWAIT, unmap = u8(r) & 1 ? val(r) : sub;
    D3D10DDI_MAPPED_SUBRESOURCE m = {0};
    unsigned before = fz_errors();
    z->v.f.pfnResourceMap(z->v.hd, hr, sub, (D3D10_DDI_MAP)type, flags, &m);
    if (fz_errors() == before) {
        uint64_t size;
        uint8_t *base = fz_backing(res->halloc, &size);
        uint32_t level = sub % res->mips;
        uint64_t slices = res->target == VIRGL_TARGET_3D ? umd_level_dim(res->depth, level) : 1;
        uint64_t span = res->target == VIRGL_TARGET_BUFFER ? res->width : (uint64_t)m.DepthPitch * slices;
        FZ_CHECK(base && m.pData && (uint8_t *)m.pData >= base && span <= size &&
                 (uint64_t)((uint8_t *)m.pData - base) <= size - span);
        memset(m.pData, 0x11, span);
    }
    z->v.f.pfnResourceUnmap(z->v.hd, hr, unmap);
}

static void op_misc(struct fzd *z, struct rd *r, uint8_t op)
{
    D3D10_1DDI_DEVICEFUNCS *f = &z->v.f;
    D3D10DDI_HDEVICE hd = z->v.hd;
    switch (op) {
    case 0: { /* viewports and scissors: counts up to 20 */
        uint32_t n = u8(r) % 21u;
        D3D10_DDI_VIEWPORT vp[20];
        D3D10_DDI_RECT rc[20];
        for (uint32_t i = 0; i < n; i++) {
            vp[i] = (D3D10_DDI_VIEWPORT){(float)(int8_t)u8(r), (float)(int8_t)u8(r), (float)u8(r), (float)u8(r), 0, 1};
            rc[i] = (D3D10_DDI_RECT){(LONG)val(r), (LONG)val(r), (LONG)val(r), (LONG)val(r)};
        }
        f->pfnSetViewports(hd, n, 20 - n, vp);
        f->pfnSetScissorRects(hd, n, 20 - n, rc);
        break;
    }
    case 1: { /* stream output targets with fuzzed offsets */
        uint32_t n = u8(r) % 6u;
        D3D10DDI_HRESOURCE t[6];
        UINT off[6];
        for (uint32_t i = 0; i < n; i++) {
            t[i] = u8(r) & 1 ? z->res[R_VB] : (D3D10DDI_HRESOURCE){NULL};
            off[i] = val(r);
        }
        f->pfnSoSetTargets(hd, n, 6 - n, t, off);
        break;
    }
    case 2: { /* index buffer, topology, states */
        static const DXGI_FORMAT fm[4] = {DXGI_FORMAT_R16_UINT, DXGI_FORMAT_R32_UINT, FZ_DXGI_R8_UINT,
                                          DXGI_FORMAT_UNKNOWN};
        uint8_t b = u8(r);
        f->pfnIaSetIndexBuffer(hd, b & 4 ? (D3D10DDI_HRESOURCE){NULL} : z->res[R_VB], fm[b & 3], val(r));
        f->pfnIaSetTopology(hd, (D3D10_DDI_PRIMITIVE_TOPOLOGY)(u8(r) % 16));
        FLOAT bf[4] = {1, 1, 1, 1};
        f->pfnSetBlendState(hd, b & 8 ? z->blend : (D3D10DDI_HBLENDSTATE){NULL}, bf, val(r));
        f->pfnSetDepthStencilState(hd, b & 16 ? z->dsa : (D3D10DDI_HDEPTHSTENCILSTATE){NULL}, val(r));
        f->pfnSetRasterizerState(hd, b & 32 ? z->rs : (D3D10DDI_HRASTERIZERSTATE){NULL});
        break;
    }
    case 3: { /* draws */
        uint8_t b = u8(r);
        uint32_t n = val(r) & 0xffffu, start = val(r), inst = val(r) & 0xffu;
        if (b & 1)
            f->pfnDraw(hd, n, start);
        else if (b & 2)
            f->pfnDrawIndexedInstanced(hd, n, inst, start, (INT)val(r), val(r));
        else if (b & 4)
            f->pfnDrawInstanced(hd, n, inst, start, val(r));
        else
            f->pfnDrawAuto(hd);
        if (b & 8)
            f->pfnFlush(hd);
        break;
    }
    case 4: { /* clears, GenMips */
        uint8_t b = u8(r);
        void *v = view_of(z, r, b & 1 ? UMD_VIEW_RTV : UMD_VIEW_DSV);
        FLOAT c[4] = {0.5f, 0.25f, 0, 1};
        if (v && (b & 1))
            f->pfnClearRenderTargetView(hd, (D3D10DDI_HRENDERTARGETVIEW){v}, c);
        else if (v)
            f->pfnClearDepthStencilView(hd, (D3D10DDI_HDEPTHSTENCILVIEW){v}, val(r), 0.5f, 3);
        struct vslot *s = &z->views[u8(r) % FZ_NVIEWS];
        if (s->kind == UMD_VIEW_SRV && ((struct umd_view *)s->mem)->res == z->res[R_ARR].pDrvPrivate)
            f->pfnGenMips(hd, (D3D10DDI_HSHADERRESOURCEVIEW){s->mem});
        break;
    }
    case 5: { /* resolve out of the MSAA target */
        uint32_t dsub = val(r), ssub = val(r);
        f->pfnResourceResolveSubresource(hd, z->res[u8(r) & 1 ? R_ARR : R_TEX], dsub, z->res[R_MS], ssub,
                                         DXGI_FORMAT_R8G8B8A8_UNORM);
        break;
    }
    case 6: { /* occlusion query: begin/end, GetData of a fuzzed size */
        uint8_t b = u8(r);
        if (b & 1)
            f->pfnQueryBegin(hd, z->query);
        if (b & 2)
            f->pfnQueryEnd(hd, z->query);
        uint32_t size = u8(r) % 24u;
        uint8_t *data = malloc(size ? size : 1);
        FZ_CHECK(data);
        f->pfnQueryGetData(hd, z->query, b & 4 ? NULL : data, b & 4 ? 0 : size, 0);
        free(data);
        break;
    }
    default: { /* DXGI Blt between the 2D textures (and out of the MSAA one) */
        static const int rs[4] = {R_ARR, R_TEX, R_MS, R_STAGE};
        uint8_t b = u8(r);
        DXGI_DDI_ARG_BLT a;
        memset(&a, 0, sizeof(a));
        a.hDevice = (DXGI_DDI_HDEVICE)hd.pDrvPrivate;
        a.hSrcResource = (DXGI_DDI_HRESOURCE)z->res[rs[b & 3]].pDrvPrivate;
        a.hDstResource = (DXGI_DDI_HRESOURCE)z->res[rs[(b >> 2) & 1]].pDrvPrivate;
        a.SrcSubresource = val(r);
        a.SrcLeft = val(r), a.SrcTop = val(r), a.SrcRight = val(r), a.SrcBottom = val(r);
        a.DstSubresource = val(r);
        a.DstLeft = val(r), a.DstTop = val(r), a.DstRight = val(r), a.DstBottom = val(r);
        a.Rotate = (DXGI_DDI_MODE_ROTATION)(u8(r) % 5);
        z->v.dxgi.pfnBlt(&a);
        break;
    }
    }
}

bool fuzz_ddi(uint8_t sel, const uint8_t *data, size_t n)
{
    (void)sel;
    static struct fzd z;
    memset(&z, 0, sizeof(z));
    fz_open_device(&z.v, false);
    setup(&z);
    struct rd r = {data, n, 0};
    for (uint32_t call = 0; call < FZ_MAX_CALLS && r.at < r.n; call++) {
        uint8_t op = u8(&r) % 17u;
        if (op < 4)
            op_bind(&z, &r, op);
        else if (op == 4)
            op_targets(&z, &r);
        else if (op == 5)
            op_view(&z, &r);
        else if (op == 6)
            op_copy(&z, &r);
        else if (op == 7)
            op_update(&z, &r);
        else if (op == 8)
            op_map(&z, &r);
        else
            op_misc(&z, &r, (uint8_t)(op - 9));
    }
    /* The runtime's teardown: unmap, unbind, destroy. */
    D3D10_1DDI_DEVICEFUNCS *f = &z.v.f;
    z.v.f.pfnFlush(z.v.hd);
    for (uint32_t i = 0; i < FZ_NRES; i++) {
        const struct umd_resource *res = z.res[i].pDrvPrivate;
        if (res->mapped_sub)
            f->pfnResourceUnmap(z.v.hd, z.res[i], res->mapped_sub - 1);
    }
    for (uint32_t i = 0; i < FZ_NVIEWS; i++)
        drop_view(&z, &z.views[i]);
    f->pfnDestroyQuery(z.v.hd, z.query);
    f->pfnDestroyRasterizerState(z.v.hd, z.rs);
    f->pfnDestroyDepthStencilState(z.v.hd, z.dsa);
    f->pfnDestroyBlendState(z.v.hd, z.blend);
    for (int i = 0; i < 2; i++) {
        f->pfnDestroySampler(z.v.hd, z.samp[i]);
        free(z.samp[i].pDrvPrivate);
    }
    free(z.query.pDrvPrivate);
    free(z.rs.pDrvPrivate);
    free(z.dsa.pDrvPrivate);
    free(z.blend.pDrvPrivate);
    for (uint32_t i = 0; i < FZ_NRES; i++)
        destroy_resource(&z.v, z.res[i]);
    fz_close_device(&z.v);
    return true;
}

/* Fixed regression check: a 16384x16384 RGBA32F texture is 4 GiB, which
 * the UMD's 32-bit backing offsets cannot address (it used to wrap the size
 * to 0 and ask the KMD for the allocation anyway): E_OUTOFMEMORY, once,
 * before pfnAllocateCb is called. */
static int check_4gib_texture(void)
{
    static struct fzd z;
    memset(&z, 0, sizeof(z));
    fz_open_device(&z.v, false);
    D3D10DDI_MIPINFO mip = {16384, 16384, 1, 16384, 16384, 1};
    D3D10DDIARG_CREATERESOURCE a;
    memset(&a, 0, sizeof(a));
    a.pMipInfoList = &mip;
    a.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
    a.Usage = D3D10_DDI_USAGE_DEFAULT;
    a.BindFlags = D3D10_DDI_BIND_SHADER_RESOURCE;
    a.Format = (DXGI_FORMAT)2; /* R32G32B32A32_FLOAT */
    a.SampleDesc.Count = a.MipLevels = a.ArraySize = 1;
    unsigned errors = fz_errors(), allocs = fz_alloc_calls();
    D3D10DDI_HRESOURCE r = create_resource(&z.v, &a);
    bool ok = fz_errors() == errors + 1 && fz_first_error() == E_OUTOFMEMORY && fz_alloc_calls() == allocs &&
              ((struct umd_resource *)r.pDrvPrivate)->res_id == 0;
    destroy_resource(&z.v, r);
    fz_close_device(&z.v);
    if (!ok)
        fprintf(stderr, "umd_fuzz: a 4 GiB texture was not refused before allocation (%u errors, 0x%08x, %u allocs)\n",
                fz_errors() - errors, (unsigned)fz_first_error(), fz_alloc_calls() - allocs);
    return ok ? 0 : -1;
}

/* Seeds: one call of each kind with in-range arguments, then a mix. */
int fuzz_ddi_seeds(const char *dir, int (*write)(const char *dir, const char *name, const void *a, size_t na,
                                                 const void *b, size_t nb))
{
    static const uint8_t sel = 0x05;
    static const uint8_t calls[][24] = {
        {0, 0, 4, 1, 0, 0, 5, 0, 4, 2, 4, 1, 5, 0, 1, 0, 0, 0, 0},          /* SRV view + bind */
        {5, 1, 0, 0, 0, 1, 4, 1, 1, 0, 12, 0, 1, 16, 16, 1, 1},             /* RTV + targets + clear */
        {6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 8, 1, 1, 0},                      /* copy region */
        {7, 1, 0, 0, 0, 0, 4, 4, 1, 1, 0},                                  /* update box */
        {8, 0, 0, 1, 0, 0}, {8, 1, 0, 0, 0, 0},                             /* map/unmap */
        {14, 1, 0, 0}, {15, 3, 0, 0, 0, 0, 0},                               /* resolve, query */
        {3, 0, 2, 0, 1, 0, 1, 4, 12, 3, 2, 0, 0, 0, 0},                     /* VBs, draw */
        {9, 2, 0, 0, 0, 0, 0}, {10, 2, 1, 0, 1, 8}, {11, 9, 0, 0, 0, 0, 0}, /* viewports, SO, IA */
        {0, 0, 0, 0, 1, 0, 2, 1, 0, 0},                                     /* samplers, CBs */
        {13, 1, 3, 1, 1, 0, 0},                                             /* clear, genmips */
    };
    int rc = check_4gib_texture();
    for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
        char name[32];
        snprintf(name, sizeof(name), "ddi-%02u", (unsigned)i);
        rc |= write(dir, name, &sel, 1, calls[i], sizeof(calls[i]));
    }
    return rc;
}
