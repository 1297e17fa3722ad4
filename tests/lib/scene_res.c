/*
 * scene_res.c — resource directives of scene files (docs/testing.md):
 * dynamic textures and buffer views renamed by DISCARD, 3D and buffer
 * render targets, 3D GenMips, multisampled shader resources.  Named objects live in the
 * scene's rtt table (scene_tex.c), so `targets`, `cleartex` and `srvtex`
 * address them too.
 *
 *   dyntex NAME W H              DYNAMIC R8G8B8A8 2D texture (CPU write) + SRV
 *   dynbuf NAME N                DYNAMIC buffer of N R8G8B8A8 elements bound
 *                                as shader resource + SRV of all N
 *   dynwrite NAME R G B A [write]   Map(WRITE_DISCARD) through
 *                                DynamicResourceMapDiscard (`write`: plain
 *                                Map(WRITE), which must wait), every texel
 *                                or element set to the bytes, Unmap
 *   reswaits N                   probe: pfnLockCb waited for the host at most
 *                                N times since the first dynwrite
 *   tex3d NAME W H D LEVELS      DEFAULT 3D R8G8B8A8 texture (render target |
 *                                shader resource) + SRV of every level
 *   rtv3d NAME LEVEL FIRSTW WSIZE   an RTV of the 3D texture (WSIZE -1: to
 *                                the end); it becomes NAME's render target
 *   genmips NAME                 GenMips through NAME's SRV
 *   msrtt NAME W H SAMPLES [ARRAY [SLICE]]   multisampled R8G8B8A8 2D
 *                                (array) texture, render target | shader
 *                                resource, RTV of SLICE, SRV of all slices
 *   msslice NAME SLICE           NAME's render target becomes an RTV of SLICE
 *   bufrtv NAME N FIRST COUNT    DEFAULT buffer of N R8G8B8A8 elements (bytes
 *                                0x80), RTV of elements FIRST..+COUNT (a COUNT
 *                                x 1 target), SRV of all N
 *   samplemask MASK              the default blend state with sample mask MASK
 */
#include "scene_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct scene_rtt *find(struct scene *s, const char *name)
{
    for (unsigned i = 0; i < s->nrtt; i++)
        if (!strcmp(s->rtts[i].name, name))
            return &s->rtts[i];
    return NULL;
}

static struct scene_rtt *add(struct scene *s, const char *name, unsigned w, unsigned h)
{
    if (strlen(name) >= sizeof(s->rtts[0].name) || !strcmp(name, "main") || find(s, name) ||
        s->nrtt == sizeof(s->rtts) / sizeof(s->rtts[0])) {
        scene_fail(s, "name '%s' is taken, too long, or too many textures", name);
        return NULL;
    }
    struct scene_rtt *t = &s->rtts[s->nrtt++];
    memset(t, 0, sizeof(*t));
    snprintf(t->name, sizeof(t->name), "%s", name);
    t->w = w;
    t->h = h;
    return t;
}

static bool parse_uints(struct scene *s, char **tok, int from, int n, unsigned *v)
{
    for (int i = from; i < n; i++)
        if (!scene_parse_uint(tok[i], &v[i - from])) {
            scene_fail(s, "bad number '%s'", tok[i]);
            return false;
        }
    return true;
}

static void mark_waits(struct scene *s)
{
    if (!s->res_waits_set) {
        s->res_waits0 = d3drt_lock_waits(s->rt);
        s->res_waits_set = true;
    }
}

/* dyntex NAME W H / dynbuf NAME N */
static int cmd_dynamic(struct scene *s, char **tok, int n, bool buffer)
{
    unsigned v[2] = {0, 1};
    if (n != (buffer ? 3 : 4) || !parse_uints(s, tok, 2, n, v) || !v[0] || !v[1] || v[0] > 4096 || v[1] > 4096)
        return scene_fail(s, buffer ? "usage: dynbuf NAME ELEMENTS" : "usage: dyntex NAME W H");
    struct scene_rtt *t = add(s, tok[1], v[0], v[1]);
    if (!t)
        return -1;
    D3D10DDI_MIPINFO mip = {buffer ? v[0] * 4 : v[0], v[1], 1, buffer ? v[0] * 4 : v[0], v[1], 1};
    D3D10DDIARG_CREATERESOURCE a = {0};
    a.pMipInfoList = &mip;
    a.ResourceDimension = buffer ? D3D10DDIRESOURCE_BUFFER : D3D10DDIRESOURCE_TEXTURE2D;
    a.Usage = D3D10_DDI_USAGE_DYNAMIC;
    a.BindFlags = D3D10_DDI_BIND_SHADER_RESOURCE;
    a.MapFlags = D3D10_DDI_CPU_ACCESS_WRITE;
    a.Format = buffer ? DXGI_FORMAT_UNKNOWN : DXGI_FORMAT_R8G8B8A8_UNORM;
    a.SampleDesc.Count = 1;
    a.MipLevels = 1;
    a.ArraySize = 1;
    t->res = d3drt_resource(s->rt, &a);
    if (!t->res.pDrvPrivate)
        return scene_fail(s, "cannot create '%s'", t->name);
    t->srv = scene_srv(s, t->res, DXGI_FORMAT_R8G8B8A8_UNORM, a.ResourceDimension, 1, buffer ? v[0] : 1);
    return 0;
}

static int cmd_dynwrite(struct scene *s, char **tok, int n)
{
    unsigned c[4];
    bool plain = n == 7 && !strcmp(tok[6], "write");
    struct scene_rtt *t = n == 6 || plain ? find(s, tok[1]) : NULL;
    if (!t || !parse_uints(s, tok, 2, 6, c) || c[0] > 255 || c[1] > 255 || c[2] > 255 || c[3] > 255)
        return scene_fail(s, "usage: dynwrite NAME R G B A [write] (a dyntex or dynbuf)");
    mark_waits(s);
    D3D10DDI_MAPPED_SUBRESOURCE m = {0};
    if (plain) /* the stalling negative control of reswaits */
        s->f->pfnResourceMap(s->dev, t->res, 0, D3D10_DDI_MAP_WRITE, 0, &m);
    else
        s->f->pfnDynamicResourceMapDiscard(s->dev, t->res, 0, D3D10_DDI_MAP_WRITE_DISCARD, 0, &m);
    if (d3drt_failed(s->rt) || !m.pData)
        return scene_fail(s, "Map of '%s' failed: %s", t->name, d3drt_error(s->rt));
    for (unsigned y = 0; y < t->h; y++)
        for (unsigned x = 0; x < t->w; x++)
            for (unsigned i = 0; i < 4; i++)
                ((uint8_t *)m.pData)[y * m.RowPitch + x * 4 + i] = (uint8_t)c[i];
    if (plain)
        s->f->pfnResourceUnmap(s->dev, t->res, 0);
    else
        s->f->pfnDynamicResourceUnmap(s->dev, t->res, 0);
    return 0;
}

static int cmd_reswaits(struct scene *s, char **tok, int n)
{
    unsigned max;
    if (n != 2 || !scene_parse_uint(tok[1], &max) || !s->res_waits_set)
        return scene_fail(s, "usage: reswaits N (after dynwrite)");
    unsigned got = d3drt_lock_waits(s->rt) - s->res_waits0;
    s->qprobes++;
    if (got > max) {
        s->qfailed++;
        printf("%s:%u: probe (lock waits): %u pfnLockCb calls waited for the host, want <= %u\n", s->path, s->line,
               got, max);
    }
    return 0;
}

static int cmd_tex3d(struct scene *s, char **tok, int n)
{
    unsigned v[4];
    if (n != 6 || !parse_uints(s, tok, 2, n, v) || !v[0] || !v[1] || !v[2] || !v[3] || v[0] > 256 || v[1] > 256 ||
        v[2] > 256 || v[3] > 9)
        return scene_fail(s, "usage: tex3d NAME W H D LEVELS");
    struct scene_rtt *t = add(s, tok[1], v[0], v[1]);
    if (!t)
        return -1;
    D3D10DDI_MIPINFO mip[9];
    for (unsigned l = 0; l < v[3]; l++) {
        unsigned w = v[0] >> l, h = v[1] >> l, d = v[2] >> l;
        mip[l] = (D3D10DDI_MIPINFO){w ? w : 1, h ? h : 1, d ? d : 1, w ? w : 1, h ? h : 1, d ? d : 1};
    }
    D3D10DDIARG_CREATERESOURCE a = {0};
    a.pMipInfoList = mip;
    a.ResourceDimension = D3D10DDIRESOURCE_TEXTURE3D;
    a.Usage = D3D10_DDI_USAGE_DEFAULT;
    a.BindFlags = D3D10_DDI_BIND_RENDER_TARGET | D3D10_DDI_BIND_SHADER_RESOURCE;
    a.Format = DXGI_FORMAT_R8G8B8A8_UNORM;
    a.SampleDesc.Count = 1;
    a.MipLevels = v[3];
    a.ArraySize = 1;
    t->res = d3drt_resource(s->rt, &a);
    if (!t->res.pDrvPrivate)
        return scene_fail(s, "cannot create '%s'", t->name);
    t->srv = scene_srv(s, t->res, DXGI_FORMAT_R8G8B8A8_UNORM, D3D10DDIRESOURCE_TEXTURE3D, v[3], 0);
    return 0;
}

static int cmd_rtv3d(struct scene *s, char **tok, int n)
{
    unsigned v[2];
    struct scene_rtt *t = n == 5 ? find(s, tok[1]) : NULL;
    if (!t || !parse_uints(s, tok, 2, 4, v))
        return scene_fail(s, "usage: rtv3d NAME LEVEL FIRSTW WSIZE|-1");
    int wsize = atoi(tok[4]);
    D3D10DDIARG_CREATERENDERTARGETVIEW a = {0};
    a.hDrvResource = t->res;
    a.Format = DXGI_FORMAT_R8G8B8A8_UNORM;
    a.ResourceDimension = D3D10DDIRESOURCE_TEXTURE3D;
    a.Tex3D.MipSlice = v[0];
    a.Tex3D.FirstW = v[1];
    a.Tex3D.WSize = (UINT)wsize;
    t->rtv = d3drt_rtv(s->rt, &a);
    if (!t->rtv.pDrvPrivate)
        return scene_fail(s, "cannot create the RTV");
    unsigned w = t->w >> v[0], h = t->h >> v[0];
    t->w = w ? w : 1; /* `targets` sizes the viewport from these */
    t->h = h ? h : 1;
    return 0;
}

static D3D10DDI_HRENDERTARGETVIEW slice_rtv(struct scene *s, D3D10DDI_HRESOURCE res, unsigned slice)
{
    D3D10DDIARG_CREATERENDERTARGETVIEW r = {0};
    r.hDrvResource = res;
    r.Format = DXGI_FORMAT_R8G8B8A8_UNORM;
    r.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
    r.Tex2D.FirstArraySlice = slice;
    r.Tex2D.ArraySize = 1;
    return d3drt_rtv(s->rt, &r);
}

static int cmd_msrtt(struct scene *s, char **tok, int n)
{
    unsigned v[5] = {0, 0, 0, 1, 0};
    if (n < 5 || n > 7 || !parse_uints(s, tok, 2, n, v) || !v[0] || !v[1] || v[0] > 4096 || v[1] > 4096 ||
        v[2] < 2 || !v[3] || v[3] > 64 || v[4] >= v[3])
        return scene_fail(s, "usage: msrtt NAME W H SAMPLES [ARRAY [SLICE]]");
    UINT levels = 0;
    s->f->pfnCheckMultisampleQualityLevels(s->dev, DXGI_FORMAT_R8G8B8A8_UNORM, v[2], &levels);
    if (!levels)
        return scene_fail(s, "the driver has no %u-sample R8G8B8A8_UNORM", v[2]);
    struct scene_rtt *t = add(s, tok[1], v[0], v[1]);
    if (!t)
        return -1;
    D3D10DDI_MIPINFO mip = {v[0], v[1], 1, v[0], v[1], 1};
    D3D10DDIARG_CREATERESOURCE a = {0};
    a.pMipInfoList = &mip;
    a.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
    a.Usage = D3D10_DDI_USAGE_DEFAULT;
    a.BindFlags = D3D10_DDI_BIND_RENDER_TARGET | D3D10_DDI_BIND_SHADER_RESOURCE;
    a.Format = DXGI_FORMAT_R8G8B8A8_UNORM;
    a.SampleDesc.Count = v[2];
    a.MipLevels = 1;
    a.ArraySize = v[3];
    t->res = d3drt_resource(s->rt, &a);
    if (!t->res.pDrvPrivate)
        return scene_fail(s, "cannot create '%s'", t->name);
    t->rtv = slice_rtv(s, t->res, v[4]);
    t->srv = scene_srv(s, t->res, DXGI_FORMAT_R8G8B8A8_UNORM, D3D10DDIRESOURCE_TEXTURE2D, 1, v[3]);
    return 0;
}

/* msslice NAME SLICE: NAME's render target becomes an RTV of SLICE. */
static int cmd_msslice(struct scene *s, char **tok, int n)
{
    unsigned slice;
    struct scene_rtt *t = n == 3 ? find(s, tok[1]) : NULL;
    if (!t || !scene_parse_uint(tok[2], &slice))
        return scene_fail(s, "usage: msslice NAME SLICE");
    t->rtv = slice_rtv(s, t->res, slice);
    return t->rtv.pDrvPrivate ? 0 : scene_fail(s, "cannot create the RTV");
}

/* bufrtv NAME N FIRST COUNT: a DEFAULT buffer of N R8G8B8A8 elements,
 * every byte 0x80 at creation, with an RTV of elements FIRST..FIRST+COUNT-1
 * (a COUNT x 1 target for `targets`) and an SRV of all N. */
static int cmd_bufrtv(struct scene *s, char **tok, int n)
{
    unsigned v[3];
    if (n != 5 || !parse_uints(s, tok, 2, n, v) || !v[0] || v[0] > 4096 || !v[2] || v[1] + v[2] > v[0])
        return scene_fail(s, "usage: bufrtv NAME ELEMENTS FIRST COUNT");
    struct scene_rtt *t = add(s, tok[1], v[2], 1);
    if (!t)
        return -1;
    uint8_t *init = malloc(v[0] * 4);
    if (!init)
        return scene_fail(s, "out of memory");
    memset(init, 0x80, v[0] * 4);
    D3D10DDI_MIPINFO mip = {v[0] * 4, 1, 1, v[0] * 4, 1, 1};
    D3D10_DDIARG_SUBRESOURCE_UP up = {init, v[0] * 4, v[0] * 4};
    D3D10DDIARG_CREATERESOURCE a = d3drt_desc(&mip, D3D10DDIRESOURCE_BUFFER, D3D10_DDI_USAGE_DEFAULT, D3D10_DDI_BIND_RENDER_TARGET | D3D10_DDI_BIND_SHADER_RESOURCE, DXGI_FORMAT_UNKNOWN);
    a.pInitialDataUP = &up;
    t->res = d3drt_resource(s->rt, &a);
    free(init);
    if (!t->res.pDrvPrivate)
        return scene_fail(s, "cannot create '%s'", t->name);
    D3D10DDIARG_CREATERENDERTARGETVIEW r = {0};
    r.hDrvResource = t->res;
    r.Format = DXGI_FORMAT_R8G8B8A8_UNORM;
    r.ResourceDimension = D3D10DDIRESOURCE_BUFFER;
    r.Buffer.FirstElement = v[1];
    r.Buffer.NumElements = v[2];
    t->rtv = d3drt_rtv(s->rt, &r);
    t->srv = scene_srv(s, t->res, DXGI_FORMAT_R8G8B8A8_UNORM, D3D10DDIRESOURCE_BUFFER, 0, v[0]);
    return t->rtv.pDrvPrivate ? 0 : scene_fail(s, "cannot create the RTV");
}

static int cmd_samplemask(struct scene *s, char **tok, int n)
{
    unsigned mask;
    if (n != 2 || !scene_parse_uint(tok[1], &mask))
        return scene_fail(s, "usage: samplemask MASK");
    D3D10_1_DDI_BLEND_DESC b = {0};
    for (int i = 0; i < 8; i++)
        b.RenderTarget[i] = (D3D10_DDI_RENDER_TARGET_BLEND_DESC1){FALSE, D3D10_DDI_BLEND_ONE, D3D10_DDI_BLEND_ZERO,
                                                                  D3D10_DDI_BLEND_OP_ADD, D3D10_DDI_BLEND_ONE,
                                                                  D3D10_DDI_BLEND_ZERO, D3D10_DDI_BLEND_OP_ADD, 0xf};
    static const FLOAT factor[4] = {1, 1, 1, 1};
    s->f->pfnSetBlendState(s->dev, d3drt_blend(s->rt, &b), factor, mask);
    return 0;
}

int scene_res_directive(struct scene *s, char **tok, int n)
{
    const char *c = tok[0];
    if (!strcmp(c, "dyntex"))
        return cmd_dynamic(s, tok, n, false);
    if (!strcmp(c, "dynbuf"))
        return cmd_dynamic(s, tok, n, true);
    if (!strcmp(c, "dynwrite"))
        return cmd_dynwrite(s, tok, n);
    if (!strcmp(c, "reswaits"))
        return cmd_reswaits(s, tok, n);
    if (!strcmp(c, "tex3d"))
        return cmd_tex3d(s, tok, n);
    if (!strcmp(c, "rtv3d"))
        return cmd_rtv3d(s, tok, n);
    if (!strcmp(c, "msrtt"))
        return cmd_msrtt(s, tok, n);
    if (!strcmp(c, "bufrtv"))
        return cmd_bufrtv(s, tok, n);
    if (!strcmp(c, "msslice"))
        return cmd_msslice(s, tok, n);
    if (!strcmp(c, "samplemask"))
        return cmd_samplemask(s, tok, n);
    if (!strcmp(c, "genmips")) {
        struct scene_rtt *t = n == 2 ? find(s, tok[1]) : NULL;
        if (!t || !t->srv.pDrvPrivate)
            return scene_fail(s, "usage: genmips NAME (a texture with an SRV)");
        s->f->pfnGenMips(s->dev, t->srv);
        return 0;
    }
    return 1;
}
