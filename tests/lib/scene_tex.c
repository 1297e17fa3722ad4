/*
 * scene_tex.c — named render-target textures in scene files
 * (docs/testing.md):
 *
 *   rtt NAME W H [FORMAT] [samples=N]   a DEFAULT 2D texture, RENDER_TARGET
 *                                | SHADER_RESOURCE, with its RTV and SRV (N > 1:
 *                                multisampled, render target only, no SRV)
 *   resolve DST SRC              ResourceResolveSubresource (DST: NAME or main)
 *   targets NAME|main ...        SetRenderTargets (up to 8; the scene's
 *                                depth view only with main), viewport =
 *                                the first target
 *   cleartex NAME R G B A        ClearRenderTargetView of NAME
 *   srvtex vs|ps SLOT NAME       bind NAME's SRV
 *   copyregion DST SRC SX SY W H DX DY   ResourceCopyRegion (subresource
 *                                0 of each; NAME or main)
 * Probes read only the main target: copy a texture into it to probe it.
 */
#include "scene_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_RTT 8

static struct scene_rtt *find(struct scene *s, const char *name)
{
    for (unsigned i = 0; i < s->nrtt; i++)
        if (!strcmp(s->rtts[i].name, name))
            return &s->rtts[i];
    return NULL;
}

static DXGI_FORMAT format_named(const char *name)
{
    for (uint32_t i = 0; i < virgl_format_count(); i++) {
        const struct virgl_format_desc *d = virgl_format_at(i);
        if (d->name && !strcasecmp(d->name, name))
            return (DXGI_FORMAT)d->dxgi;
    }
    return DXGI_FORMAT_UNKNOWN;
}

static int cmd_rtt(struct scene *s, char **tok, int n)
{
    unsigned w, h, samples = 1;
    if (n > 4 && !strncmp(tok[n - 1], "samples=", 8)) {
        if (!scene_parse_uint(tok[n - 1] + 8, &samples) || !samples)
            return scene_fail(s, "bad %s", tok[n - 1]);
        n--;
    }
    if (n < 4 || n > 5 || strlen(tok[1]) >= sizeof(s->rtts[0].name) || !strcmp(tok[1], "main") ||
        !scene_parse_uint(tok[2], &w) || !scene_parse_uint(tok[3], &h) || !w || !h || w > 4096 || h > 4096)
        return scene_fail(s, "usage: rtt NAME W H [FORMAT]");
    if (find(s, tok[1]) || s->nrtt == MAX_RTT)
        return scene_fail(s, "texture '%s' exists or too many", tok[1]);
    DXGI_FORMAT fmt = n == 5 ? format_named(tok[4]) : DXGI_FORMAT_R8G8B8A8_UNORM;
    if (fmt == DXGI_FORMAT_UNKNOWN)
        return scene_fail(s, "unknown format '%s'", tok[4]);
    struct scene_rtt *t = &s->rtts[s->nrtt++];
    memset(t, 0, sizeof(*t));
    snprintf(t->name, sizeof(t->name), "%s", tok[1]);
    t->w = w;
    t->h = h;
    D3D10DDI_MIPINFO mip = {w, h, 1, w, h, 1};
    D3D10DDIARG_CREATERESOURCE a = {0};
    a.pMipInfoList = &mip;
    a.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
    a.Usage = D3D10_DDI_USAGE_DEFAULT;
    a.BindFlags = D3D10_DDI_BIND_RENDER_TARGET | (samples > 1 ? 0 : D3D10_DDI_BIND_SHADER_RESOURCE);
    a.Format = fmt;
    a.SampleDesc.Count = samples;
    if (samples > 1) {
        UINT levels = 0;
        s->f->pfnCheckMultisampleQualityLevels(s->dev, fmt, samples, &levels);
        if (!levels)
            return scene_fail(s, "the driver has no %u-sample %s", samples, tok[4 - (n == 4)]);
    }
    a.MipLevels = 1;
    a.ArraySize = 1;
    t->res = d3drt_resource(s->rt, &a);
    if (!t->res.pDrvPrivate)
        return scene_fail(s, "cannot create '%s'", t->name);
    D3D10DDIARG_CREATERENDERTARGETVIEW v = {0};
    v.hDrvResource = t->res;
    v.Format = fmt;
    v.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
    v.Tex2D.ArraySize = 1;
    t->rtv = d3drt_rtv(s->rt, &v);
    if (samples > 1)
        return 0;
    D3D10_1DDIARG_CREATESHADERRESOURCEVIEW sv;
    memset(&sv, 0, sizeof(sv));
    sv.hDrvResource = t->res;
    sv.Format = fmt;
    sv.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
    sv.Tex2D.MipLevels = 1;
    sv.Tex2D.ArraySize = 1;
    t->srv = d3drt_srv(s->rt, &sv);
    return 0;
}

static int cmd_targets(struct scene *s, char **tok, int n)
{
    D3D10DDI_HRENDERTARGETVIEW v[8];
    unsigned w = s->w, h = s->h;
    bool main_only = true;
    if (n < 2 || n > 9)
        return scene_fail(s, "usage: targets NAME|main ...");
    for (int i = 1; i < n; i++) {
        if (!strcmp(tok[i], "main")) {
            v[i - 1] = s->rtv;
            continue;
        }
        struct scene_rtt *t = find(s, tok[i]);
        if (!t)
            return scene_fail(s, "no texture '%s'", tok[i]);
        v[i - 1] = t->rtv;
        main_only = false;
        if (i == 1)
            w = t->w, h = t->h;
    }
    s->f->pfnSetRenderTargets(s->dev, v, (UINT)(n - 1), (UINT)(9 - n), main_only ? s->dsv
                                                                           : (D3D10DDI_HDEPTHSTENCILVIEW){NULL});
    D3D10_DDI_VIEWPORT vp = {0, 0, (FLOAT)w, (FLOAT)h, 0, 1};
    s->f->pfnSetViewports(s->dev, 1, 0, &vp);
    return 0;
}

D3D10DDI_HRESOURCE scene_tex_named(struct scene *s, const char *name)
{
    if (!strcmp(name, "main"))
        return s->target;
    struct scene_rtt *t = find(s, name);
    return t ? t->res : (D3D10DDI_HRESOURCE){NULL};
}

int scene_tex_directive(struct scene *s, char **tok, int n)
{
    const char *c = tok[0];
    if (!strcmp(c, "rtt"))
        return cmd_rtt(s, tok, n);
    if (!strcmp(c, "targets"))
        return cmd_targets(s, tok, n);
    if (!strcmp(c, "cleartex")) {
        struct scene_rtt *t = n == 6 ? find(s, tok[1]) : NULL;
        FLOAT rgba[4];
        for (int i = 0; t && i < 4; i++)
            rgba[i] = strtof(tok[2 + i], NULL);
        if (!t)
            return scene_fail(s, "usage: cleartex NAME R G B A");
        s->f->pfnClearRenderTargetView(s->dev, t->rtv, rgba);
        return 0;
    }
    if (!strcmp(c, "srvtex")) {
        unsigned slot;
        struct scene_rtt *t = n == 4 ? find(s, tok[3]) : NULL;
        if (!t || (strcmp(tok[1], "vs") && strcmp(tok[1], "ps")) || !scene_parse_uint(tok[2], &slot) || slot >= 128)
            return scene_fail(s, "usage: srvtex vs|ps SLOT NAME");
        scene_bind_srv(s, tok[1][0] == 'v' ? 0 : 1, slot, t->srv);
        return 0;
    }
    if (!strcmp(c, "resolve")) {
        D3D10DDI_HRESOURCE dst = n == 3 ? scene_tex_named(s, tok[1]) : (D3D10DDI_HRESOURCE){NULL};
        D3D10DDI_HRESOURCE src = n == 3 ? scene_tex_named(s, tok[2]) : (D3D10DDI_HRESOURCE){NULL};
        if (!dst.pDrvPrivate || !src.pDrvPrivate)
            return scene_fail(s, "usage: resolve DST SRC");
        s->f->pfnResourceResolveSubresource(s->dev, dst, 0, src, 0, DXGI_FORMAT_R8G8B8A8_UNORM);
        return 0;
    }
    if (!strcmp(c, "copyregion")) {
        unsigned v[6];
        D3D10DDI_HRESOURCE dst = n == 9 ? scene_tex_named(s, tok[1]) : (D3D10DDI_HRESOURCE){NULL};
        D3D10DDI_HRESOURCE src = n == 9 ? scene_tex_named(s, tok[2]) : (D3D10DDI_HRESOURCE){NULL};
        for (int i = 0; i < 6 && n == 9; i++)
            if (!scene_parse_uint(tok[3 + i], &v[i]))
                return scene_fail(s, "bad number '%s'", tok[3 + i]);
        if (!dst.pDrvPrivate || !src.pDrvPrivate)
            return scene_fail(s, "usage: copyregion DST SRC SX SY W H DX DY (texture names or main)");
        D3D10_DDI_BOX box = {(INT)v[0], (INT)v[1], 0, (INT)(v[0] + v[2]), (INT)(v[1] + v[3]), 1};
        s->f->pfnResourceCopyRegion(s->dev, dst, 0, v[4], v[5], 0, src, 0, &box);
        return 0;
    }
    return 1;
}
