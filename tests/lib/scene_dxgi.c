/*
 * scene_dxgi.c — the DXGI DDI in scene files (docs/testing.md):
 *
 *   present SRC                  PresentDXGI of SRC (NAME or main) to the
 *                                primary: the mini runtime's pfnPresentCb
 *                                blits it into its "screen"
 *   probescreen                  probes read the screen (the last present)
 *                                instead of the main target
 *   rotate NAME NAME ...         RotateResourceIdentities (NAME or main)
 *   blt DST SRC SL ST SR SB DL DT DR DB   BltDXGI of subresource 0, with
 *                                Stretch when the rectangles differ
 *   dxgimisc                     GetGammaCaps, SetDisplayMode (main is no
 *                                primary: E_INVALIDARG), SetResourcePriority,
 *                                QueryResourceResidency on main answer what
 *                                the host can do
 * A DXGI call that fails fails the scene with its HRESULT.
 */
#include "scene_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static DXGI_DDI_HRESOURCE h(D3D10DDI_HRESOURCE r) { return (DXGI_DDI_HRESOURCE)r.pDrvPrivate; }
static DXGI_DDI_HDEVICE hdev(struct scene *s) { return (DXGI_DDI_HDEVICE)s->dev.pDrvPrivate; }

static int cmd_present(struct scene *s, char **tok, int n)
{
    D3D10DDI_HRESOURCE src = n == 2 ? scene_tex_named(s, tok[1]) : (D3D10DDI_HRESOURCE){NULL};
    if (!src.pDrvPrivate)
        return scene_fail(s, "usage: present NAME|main");
    DXGI_DDI_ARG_PRESENT a = {0};
    a.hDevice = hdev(s);
    a.hSurfaceToPresent = h(src);
    a.pDXGIContext = s;
    a.Flags.Blt = 1;
    unsigned before = d3drt_presents(s->rt);
    HRESULT hr = d3drt_dxgi(s->rt)->pfnPresent(&a);
    if (FAILED(hr))
        return scene_fail(s, "PresentDXGI: 0x%08x", (unsigned)hr);
    if (d3drt_presents(s->rt) != before + 1)
        return scene_fail(s, "PresentDXGI did not call pfnPresentCb");
    return 0;
}

static int cmd_rotate(struct scene *s, char **tok, int n)
{
    DXGI_DDI_HRESOURCE r[8];
    if (n < 3 || n > 9)
        return scene_fail(s, "usage: rotate NAME NAME ...");
    for (int i = 1; i < n; i++) {
        D3D10DDI_HRESOURCE x = scene_tex_named(s, tok[i]);
        if (!x.pDrvPrivate)
            return scene_fail(s, "no texture '%s'", tok[i]);
        r[i - 1] = h(x);
    }
    DXGI_DDI_ARG_ROTATE_RESOURCE_IDENTITIES a = {hdev(s), r, (UINT)(n - 1)};
    HRESULT hr = d3drt_dxgi(s->rt)->pfnRotateResourceIdentities(&a);
    return FAILED(hr) ? scene_fail(s, "RotateResourceIdentities: 0x%08x", (unsigned)hr) : 0;
}

static int cmd_blt(struct scene *s, char **tok, int n)
{
    unsigned v[8];
    D3D10DDI_HRESOURCE dst = n == 11 ? scene_tex_named(s, tok[1]) : (D3D10DDI_HRESOURCE){NULL};
    D3D10DDI_HRESOURCE src = n == 11 ? scene_tex_named(s, tok[2]) : (D3D10DDI_HRESOURCE){NULL};
    for (int i = 0; i < 8 && n == 11; i++)
        if (!scene_parse_uint(tok[3 + i], &v[i]))
            return scene_fail(s, "bad number '%s'", tok[3 + i]);
    if (!dst.pDrvPrivate || !src.pDrvPrivate)
        return scene_fail(s, "usage: blt DST SRC SL ST SR SB DL DT DR DB");
    DXGI_DDI_ARG_BLT a = {0};
    a.hDevice = hdev(s);
    a.hSrcResource = h(src);
    a.SrcLeft = v[0], a.SrcTop = v[1], a.SrcRight = v[2], a.SrcBottom = v[3];
    a.hDstResource = h(dst);
    a.DstLeft = v[4], a.DstTop = v[5], a.DstRight = v[6], a.DstBottom = v[7];
    a.Flags.Stretch = (v[2] - v[0] != v[6] - v[4]) || (v[3] - v[1] != v[7] - v[5]);
    a.Rotate = DXGI_DDI_MODE_ROTATION_IDENTITY;
    HRESULT hr = d3drt_dxgi(s->rt)->pfnBlt(&a);
    return FAILED(hr) ? scene_fail(s, "BltDXGI: 0x%08x", (unsigned)hr) : 0;
}

static int cmd_misc(struct scene *s)
{
    const DXGI_DDI_BASE_FUNCTIONS *f = d3drt_dxgi(s->rt);
    static DXGI_GAMMA_CONTROL_CAPABILITIES caps;
    memset(&caps, 0xff, sizeof(caps));
    DXGI_DDI_ARG_GET_GAMMA_CONTROL_CAPS g = {hdev(s), &caps};
    HRESULT hr = f->pfnGetGammaCaps(&g);
    if (hr != S_OK || caps.NumGammaControlPoints != 0 || caps.ScaleAndOffsetSupported)
        return scene_fail(s, "GetGammaCaps: 0x%08x, %u points", (unsigned)hr, caps.NumGammaControlPoints);
    /* main is no primary: only an allocation made with Flags.Primary can
     * be scanned out, pfnSetDisplayModeCb's E_INVALIDARG case */
    unsigned sets = d3drt_modesets(s->rt);
    DXGI_DDI_ARG_SETDISPLAYMODE m = {hdev(s), h(s->target), 0};
    hr = f->pfnSetDisplayMode(&m);
    if (hr != E_INVALIDARG || d3drt_modesets(s->rt) != sets)
        return scene_fail(s, "SetDisplayMode of a non-primary: 0x%08x, want E_INVALIDARG", (unsigned)hr);
    DXGI_DDI_ARG_SETRESOURCEPRIORITY p = {hdev(s), h(s->target), 0xa0000000u};
    hr = f->pfnSetResourcePriority(&p);
    if (hr != S_OK)
        return scene_fail(s, "SetResourcePriority: 0x%08x", (unsigned)hr);
    DXGI_DDI_HRESOURCE r = h(s->target);
    DXGI_DDI_RESIDENCY st = 0;
    DXGI_DDI_ARG_QUERYRESOURCERESIDENCY q = {hdev(s), &r, &st, 1};
    hr = f->pfnQueryResourceResidency(&q);
    if (hr != S_OK || st != DXGI_DDI_RESIDENCY_FULLY_RESIDENT)
        return scene_fail(s, "QueryResourceResidency: 0x%08x, status %d", (unsigned)hr, (int)st);
    return 0;
}

int scene_dxgi_directive(struct scene *s, char **tok, int n)
{
    const char *c = tok[0];
    if (!strcmp(c, "present"))
        return cmd_present(s, tok, n);
    if (!strcmp(c, "rotate"))
        return cmd_rotate(s, tok, n);
    if (!strcmp(c, "blt"))
        return cmd_blt(s, tok, n);
    if (!strcmp(c, "dxgimisc"))
        return n == 1 ? cmd_misc(s) : scene_fail(s, "usage: dxgimisc");
    if (!strcmp(c, "probescreen")) {
        s->probe_screen = true;
        return 0;
    }
    return 1;
}

uint8_t *scene_dxgi_screen(struct scene *s)
{
    uint32_t w, hgt, fmt, stride;
    const uint8_t *src;
    if (d3drt_screen(s->rt, &w, &hgt, &fmt, &src, &stride))
        return NULL;
    if (w != s->w || hgt != s->h) {
        scene_fail(s, "screen is %ux%u, the target %ux%u", w, hgt, s->w, s->h);
        return NULL;
    }
    uint8_t *px = malloc((size_t)w * hgt * 4);
    bool bgra = fmt == VIRGL_FORMAT_B8G8R8A8_UNORM;
    for (uint32_t y = 0; px && y < hgt; y++)
        for (uint32_t x = 0; x < w; x++) {
            const uint8_t *i = src + (size_t)y * stride + x * 4;
            uint8_t *o = px + ((size_t)y * w + x) * 4;
            o[0] = bgra ? i[2] : i[0];
            o[1] = i[1];
            o[2] = bgra ? i[0] : i[2];
            o[3] = i[3];
        }
    return px;
}
