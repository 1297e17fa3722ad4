/*
 * scene_shared.c — a second device, shared resources and primaries in
 * scene files (docs/testing.md):
 *
 *   device A|B                   select the device later directives use;
 *                                B is created on first use (same adapter
 *                                and vtest connection, its own virgl
 *                                sub-context) with its own main target of
 *                                the scene's size and the runtime's default
 *                                states.  Probes read the main target of
 *                                the device selected at the end.
 *   shared NAME W H [FORMAT]     a 2D texture created with MISC_SHARED
 *                                (RENDER_TARGET | SHADER_RESOURCE), usable
 *                                like an rtt NAME in this device
 *   open NAME                    OpenResource of NAME's kernel resource in
 *                                the selected device: NAME there names the
 *                                opened resource (RTV + SRV on it)
 *   primary NAME W H [FORMAT]    a primary (DXGI_DDI_PRIMARY_DESC on VidPn
 *                                source 0, mode W x H), usable like an rtt
 *   setdisplaymode NAME|main [expect=0xHRESULT]   SetDisplayModeDXGI of
 *                                subresource 0; without expect= it must
 *                                succeed and the runtime must scan NAME out
 *   flip NAME                    PresentDXGI with Flags.Flip of primary
 *                                NAME (the runtime scans it out)
 * The producer's writes reach the host when it submits: `flush` on the
 * creating device before the other device reads (the DXGI 1.0 table this
 * UMD gets has no ResolveSharedResource, see umd_dxgi.c).
 */
#include "scene_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static DXGI_FORMAT format_named(const char *name)
{
    for (uint32_t i = 0; i < virgl_format_count(); i++) {
        const struct virgl_format_desc *d = virgl_format_at(i);
        if (d->name && !strcasecmp(d->name, name))
            return (DXGI_FORMAT)d->dxgi;
    }
    return DXGI_FORMAT_UNKNOWN;
}

static struct scene_share *share_named(struct scene *s, const char *name)
{
    for (unsigned i = 0; i < s->nshares; i++)
        if (!strcmp(s->shares[i].name, name))
            return &s->shares[i];
    return NULL;
}

/* Registers `res` as rtt NAME of the selected device, with an RTV and an
 * SRV, so the scene_tex.c directives (targets, cleartex, srvtex,
 * copyregion) work on it. */
static int add_rtt(struct scene *s, const char *name, D3D10DDI_HRESOURCE res, unsigned w, unsigned h,
                   DXGI_FORMAT fmt)
{
    if (!res.pDrvPrivate || d3drt_failed(s->rt))
        return scene_fail(s, "%s: %s", name, d3drt_error(s->rt));
    for (unsigned i = 0; i < s->nrtt; i++)
        if (!strcmp(s->rtts[i].name, name))
            return scene_fail(s, "texture '%s' exists in this device", name);
    if (s->nrtt == sizeof(s->rtts) / sizeof(s->rtts[0]))
        return scene_fail(s, "too many textures");
    struct scene_rtt *t = &s->rtts[s->nrtt++];
    memset(t, 0, sizeof(*t));
    snprintf(t->name, sizeof(t->name), "%s", name);
    t->w = w;
    t->h = h;
    t->res = res;
    D3D10DDIARG_CREATERENDERTARGETVIEW rv = {0};
    rv.hDrvResource = res;
    rv.Format = fmt;
    rv.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
    rv.Tex2D.ArraySize = 1;
    t->rtv = d3drt_rtv(s->rt, &rv);
    D3D10_1DDIARG_CREATESHADERRESOURCEVIEW sv;
    memset(&sv, 0, sizeof(sv));
    sv.hDrvResource = res;
    sv.Format = fmt;
    sv.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
    sv.Tex2D.MipLevels = 1;
    sv.Tex2D.ArraySize = 1;
    t->srv = d3drt_srv(s->rt, &sv);
    return d3drt_failed(s->rt) ? scene_fail(s, "%s: %s", name, d3drt_error(s->rt)) : 0;
}

/* NAME W H [FORMAT] of shared / primary. */
static int parse_tex(struct scene *s, char **tok, int n, unsigned *w, unsigned *h, DXGI_FORMAT *fmt)
{
    if (n < 4 || n > 5 || strlen(tok[1]) >= sizeof(s->shares[0].name) || !strcmp(tok[1], "main") ||
        !scene_parse_uint(tok[2], w) || !scene_parse_uint(tok[3], h) || !*w || !*h || *w > 4096 || *h > 4096)
        return scene_fail(s, "usage: %s NAME W H [FORMAT]", tok[0]);
    *fmt = n == 5 ? format_named(tok[4]) : DXGI_FORMAT_R8G8B8A8_UNORM;
    return *fmt == DXGI_FORMAT_UNKNOWN ? scene_fail(s, "unknown format '%s'", tok[4]) : 0;
}

static D3D10DDI_HRESOURCE make_tex(struct scene *s, unsigned w, unsigned h, DXGI_FORMAT fmt, UINT bind, UINT misc,
                                   DXGI_DDI_PRIMARY_DESC *primary)
{
    D3D10DDI_MIPINFO mip = {w, h, 1, w, h, 1};
    D3D10DDIARG_CREATERESOURCE a = {0};
    a.pMipInfoList = &mip;
    a.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
    a.Usage = D3D10_DDI_USAGE_DEFAULT;
    a.BindFlags = bind;
    a.MiscFlags = misc;
    a.Format = fmt;
    a.SampleDesc.Count = 1;
    a.MipLevels = 1;
    a.ArraySize = 1;
    a.pPrimaryDesc = primary;
    return d3drt_resource(s->rt, &a);
}

static int cmd_shared(struct scene *s, char **tok, int n)
{
    unsigned w, h;
    DXGI_FORMAT fmt;
    if (parse_tex(s, tok, n, &w, &h, &fmt))
        return -1;
    if (share_named(s, tok[1]) || s->nshares == sizeof(s->shares) / sizeof(s->shares[0]))
        return scene_fail(s, "shared texture '%s' exists or too many", tok[1]);
    D3DKMT_HANDLE before = d3drt_last_shared(s->rt);
    D3D10DDI_HRESOURCE r = make_tex(s, w, h, fmt, D3D10_DDI_BIND_RENDER_TARGET | D3D10_DDI_BIND_SHADER_RESOURCE,
                                    D3D10_DDI_RESOURCE_MISC_SHARED, NULL);
    if (add_rtt(s, tok[1], r, w, h, fmt))
        return -1;
    D3DKMT_HANDLE km = d3drt_last_shared(s->rt);
    if (!km || km == before)
        return scene_fail(s, "shared %s: no kernel resource was created (hResource / private data missing)", tok[1]);
    struct scene_share *sh = &s->shares[s->nshares++];
    snprintf(sh->name, sizeof(sh->name), "%s", tok[1]);
    sh->km = km;
    sh->w = w;
    sh->h = h;
    sh->fmt = fmt;
    return 0;
}

static int cmd_open(struct scene *s, char **tok, int n)
{
    struct scene_share *sh = n == 2 ? share_named(s, tok[1]) : NULL;
    if (!sh)
        return scene_fail(s, "usage: open NAME (a 'shared' texture)");
    /* The application opens it with the creator's size and format. */
    return add_rtt(s, tok[1], d3drt_open_resource(s->rt, sh->km), sh->w, sh->h, sh->fmt);
}

static int cmd_primary(struct scene *s, char **tok, int n)
{
    unsigned w, h;
    DXGI_FORMAT fmt;
    if (parse_tex(s, tok, n, &w, &h, &fmt))
        return -1;
    DXGI_DDI_PRIMARY_DESC p;
    memset(&p, 0, sizeof(p));
    p.VidPnSourceId = 0;
    p.ModeDesc.Width = w;
    p.ModeDesc.Height = h;
    p.ModeDesc.Format = fmt;
    p.ModeDesc.RefreshRate.Numerator = 60;
    p.ModeDesc.RefreshRate.Denominator = 1;
    p.ModeDesc.Rotation = DXGI_DDI_MODE_ROTATION_IDENTITY;
    p.DriverFlags = 0xffffffffu; /* the driver's answer, checked below */
    D3D10DDI_HRESOURCE r = make_tex(s, w, h, fmt,
                                    D3D10_DDI_BIND_PRESENT | D3D10_DDI_BIND_RENDER_TARGET |
                                        D3D10_DDI_BIND_SHADER_RESOURCE,
                                    0, &p);
    if (add_rtt(s, tok[1], r, w, h, fmt))
        return -1;
    if (p.DriverFlags & ~(UINT)DXGI_DDI_PRIMARY_DRIVER_FLAG_NO_SCANOUT)
        return scene_fail(s, "primary %s: DriverFlags 0x%x not set by the driver", tok[1], p.DriverFlags);
    return 0;
}

static D3D10DDI_HRESOURCE named(struct scene *s, const char *name)
{
    return scene_tex_named(s, name);
}

static int cmd_setdisplaymode(struct scene *s, char **tok, int n)
{
    unsigned expect = 0;
    bool want_error = n == 3 && !strncmp(tok[2], "expect=", 7);
    D3D10DDI_HRESOURCE r = n >= 2 ? named(s, tok[1]) : (D3D10DDI_HRESOURCE){NULL};
    if (!r.pDrvPrivate || (n == 3 && (!want_error || !scene_parse_uint(tok[2] + 7, &expect))) || n > 3)
        return scene_fail(s, "usage: setdisplaymode NAME|main [expect=0xHRESULT]");
    unsigned sets = d3drt_modesets(s->rt);
    DXGI_DDI_ARG_SETDISPLAYMODE a = {(DXGI_DDI_HDEVICE)s->dev.pDrvPrivate, (DXGI_DDI_HRESOURCE)r.pDrvPrivate, 0};
    HRESULT hr = d3drt_dxgi(s->rt)->pfnSetDisplayMode(&a);
    if (want_error) {
        if ((unsigned)hr != expect || d3drt_modesets(s->rt) != sets)
            return scene_fail(s, "SetDisplayMode %s: 0x%08x, want 0x%08x and no mode set", tok[1], (unsigned)hr,
                              expect);
        return 0;
    }
    if (FAILED(hr))
        return scene_fail(s, "SetDisplayMode %s: 0x%08x", tok[1], (unsigned)hr);
    if (d3drt_modesets(s->rt) != sets + 1 || !d3drt_scanout(s->rt))
        return scene_fail(s, "SetDisplayMode %s did not reach pfnSetDisplayModeCb", tok[1]);
    return 0;
}

static int cmd_flip(struct scene *s, char **tok, int n)
{
    D3D10DDI_HRESOURCE r = n == 2 ? named(s, tok[1]) : (D3D10DDI_HRESOURCE){NULL};
    if (!r.pDrvPrivate)
        return scene_fail(s, "usage: flip NAME");
    DXGI_DDI_ARG_PRESENT a = {0};
    a.hDevice = (DXGI_DDI_HDEVICE)s->dev.pDrvPrivate;
    a.hSurfaceToPresent = (DXGI_DDI_HRESOURCE)r.pDrvPrivate;
    a.pDXGIContext = s;
    a.Flags.Flip = 1;
    a.FlipInterval = DXGI_DDI_FLIP_INTERVAL_ONE;
    HRESULT hr = d3drt_dxgi(s->rt)->pfnPresent(&a);
    return FAILED(hr) ? scene_fail(s, "PresentDXGI (flip) %s: 0x%08x", tok[1], (unsigned)hr) : 0;
}

/* ---- devices ------------------------------------------------------------------ */

static void swap_state(struct scene *s)
{
    struct scene_devstate cur;
    memset(&cur, 0, sizeof(cur));
    cur.made = true;
    cur.target = s->target;
    cur.rtv = s->rtv;
    cur.dsv = s->dsv;
    cur.vs_dx = s->vs_dx;
    cur.have_vs = s->have_vs;
    memcpy(cur.elems, s->elems, sizeof(cur.elems));
    cur.nelems = s->nelems;
    cur.layout_dirty = s->layout_dirty;
    memcpy(cur.cbs, s->cbs, sizeof(cur.cbs));
    memcpy(cur.dyncbs, s->dyncbs, sizeof(cur.dyncbs));
    memcpy(cur.dyncb_size, s->dyncb_size, sizeof(cur.dyncb_size));
    memcpy(cur.rtts, s->rtts, sizeof(cur.rtts));
    cur.nrtt = s->nrtt;
    struct scene_devstate o = s->other_dev;
    s->other_dev = cur;
    s->target = o.target;
    s->rtv = o.rtv;
    s->dsv = o.dsv;
    s->vs_dx = o.vs_dx;
    s->have_vs = o.have_vs;
    memcpy(s->elems, o.elems, sizeof(o.elems));
    s->nelems = o.nelems;
    s->layout_dirty = o.layout_dirty;
    memcpy(s->cbs, o.cbs, sizeof(o.cbs));
    memcpy(s->dyncbs, o.dyncbs, sizeof(o.dyncbs));
    memcpy(s->dyncb_size, o.dyncb_size, sizeof(o.dyncb_size));
    memcpy(s->rtts, o.rtts, sizeof(o.rtts));
    s->nrtt = o.nrtt;
}

/* What the runtime gives a new device, and the scene's main target. */
static int init_device(struct scene *s)
{
    D3D10_DDI_RASTERIZER_DESC rs = {D3D10_DDI_FILL_SOLID, D3D10_DDI_CULL_BACK, FALSE, 0, 0, 0, TRUE, FALSE, FALSE, FALSE};
    s->f->pfnSetRasterizerState(s->dev, d3drt_rs(s->rt, &rs));
    D3D10_1_DDI_BLEND_DESC bd;
    memset(&bd, 0, sizeof(bd));
    for (int i = 0; i < 8; i++)
        bd.RenderTarget[i] = (D3D10_DDI_RENDER_TARGET_BLEND_DESC1){FALSE, D3D10_DDI_BLEND_ONE, D3D10_DDI_BLEND_ZERO,
                                                                   D3D10_DDI_BLEND_OP_ADD, D3D10_DDI_BLEND_ONE,
                                                                   D3D10_DDI_BLEND_ZERO, D3D10_DDI_BLEND_OP_ADD, 0xf};
    static const FLOAT ones[4] = {1, 1, 1, 1};
    s->f->pfnSetBlendState(s->dev, d3drt_blend(s->rt, &bd), ones, 0xffffffffu);
    D3D10_DDI_DEPTH_STENCIL_DESC ds;
    memset(&ds, 0, sizeof(ds));
    ds.DepthEnable = TRUE;
    ds.DepthWriteMask = D3D10_DDI_DEPTH_WRITE_MASK_ALL;
    ds.DepthFunc = D3D10_DDI_COMPARISON_LESS;
    ds.StencilReadMask = ds.StencilWriteMask = 0xff;
    D3D10_DDI_DEPTH_STENCILOP_DESC op = {D3D10_DDI_STENCIL_OP_KEEP, D3D10_DDI_STENCIL_OP_KEEP,
                                         D3D10_DDI_STENCIL_OP_KEEP, D3D10_DDI_COMPARISON_ALWAYS};
    ds.FrontFace = ds.BackFace = op;
    s->f->pfnSetDepthStencilState(s->dev, d3drt_dsa(s->rt, &ds), 0);
    s->target = make_tex(s, s->w, s->h, s->rt_fmt, D3D10_DDI_BIND_RENDER_TARGET | D3D10_DDI_BIND_SHADER_RESOURCE, 0,
                         NULL);
    D3D10DDIARG_CREATERENDERTARGETVIEW v = {0};
    v.hDrvResource = s->target;
    v.Format = s->rt_fmt;
    v.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
    v.Tex2D.ArraySize = 1;
    s->rtv = d3drt_rtv(s->rt, &v);
    s->f->pfnSetRenderTargets(s->dev, &s->rtv, 1, 0, s->dsv);
    D3D10_DDI_VIEWPORT vp = {0, 0, (float)s->w, (float)s->h, 0, 1};
    s->f->pfnSetViewports(s->dev, 1, 0, &vp);
    return d3drt_failed(s->rt) ? scene_fail(s, "device B: %s", d3drt_error(s->rt)) : 0;
}

static int cmd_device(struct scene *s, char **tok, int n)
{
    unsigned want = n == 2 && !strcmp(tok[1], "A") ? 0 : n == 2 && !strcmp(tok[1], "B") ? 1 : 2;
    if (want == 2)
        return scene_fail(s, "usage: device A|B");
    if (want == s->cur_dev)
        return 0;
    bool fresh = !s->other_dev.made;
    swap_state(s);
    if (fresh) {
        if (d3drt_add_device(s->rt) != 1)
            return scene_fail(s, "device B: %s", d3drt_error(s->rt));
    } else if (d3drt_select(s->rt, want)) {
        return scene_fail(s, "device %s is not open", tok[1]);
    }
    s->cur_dev = want;
    s->f = d3drt_funcs(s->rt);
    s->dev = d3drt_dev(s->rt);
    return fresh ? init_device(s) : 0;
}

int scene_shared_directive(struct scene *s, char **tok, int n)
{
    const char *c = tok[0];
    if (!strcmp(c, "device"))
        return cmd_device(s, tok, n);
    if (!strcmp(c, "shared"))
        return cmd_shared(s, tok, n);
    if (!strcmp(c, "open"))
        return cmd_open(s, tok, n);
    if (!strcmp(c, "primary"))
        return cmd_primary(s, tok, n);
    if (!strcmp(c, "setdisplaymode"))
        return cmd_setdisplaymode(s, tok, n);
    if (!strcmp(c, "flip"))
        return cmd_flip(s, tok, n);
    return 1;
}
