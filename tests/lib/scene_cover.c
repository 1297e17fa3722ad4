/*
 * scene_cover.c — buffer directives of scene files that reach a buffer
 * while a render-target view of it is bound (docs/testing.md).  The UMD
 * renders a buffer RTV into a shadow texture (src/umd/umd_view.c); these
 * directives read and write the buffer behind the shadow's back, so a scene
 * can prove each read sees what was drawn and each write survives later
 * draws.  Buffers live in the scene's rtt table (scene_tex.c) like the
 * `bufrtv` ones, so `srvtex` binds them.  Elements are R8G8B8A8, 4 bytes.
 *
 *   bufsrv NAME N R G B A          DEFAULT buffer of N elements, every one
 *                                  the bytes R G B A, SHADER_RESOURCE, SRV
 *                                  of all N
 *   bufcopy DST SRC                ResourceCopy (whole buffers, same size)
 *   bufcopyregion DST DEL SRC SEL COUNT   ResourceCopyRegion of COUNT
 *                                  elements from element SEL of SRC to
 *                                  element DEL of DST
 *   bufupdate NAME FIRST COUNT R G B A    UpdateSubresourceUP of elements
 *                                  FIRST..FIRST+COUNT-1 to the bytes
 *   bufmap NAME EL R G B A [TOL]   a probe: Map(READ) of the buffer, element
 *                                  EL must be these bytes (+-TOL, default
 *                                  2), Unmap; "probe (bufmap NAME[EL])"
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

/* A buffer of the rtt table (one row).  Its `w` is the element count of
 * a bufsrv but only the view's width of a bufrtv, so ranges are left to the
 * UMD to check; bufmap bounds its read by the mapped size. */
static struct scene_rtt *buffer_named(struct scene *s, const char *name)
{
    struct scene_rtt *t = find(s, name);
    return t && t->h == 1 ? t : NULL;
}

static bool parse_uints(struct scene *s, char **tok, int from, int to, unsigned *v)
{
    for (int i = from; i < to; i++)
        if (!scene_parse_uint(tok[i], &v[i - from])) {
            scene_fail(s, "bad number '%s'", tok[i]);
            return false;
        }
    return true;
}

static bool parse_bytes(struct scene *s, char **tok, int from, uint8_t rgba[4])
{
    unsigned v[4];
    if (!parse_uints(s, tok, from, from + 4, v))
        return false;
    for (int i = 0; i < 4; i++) {
        if (v[i] > 255) {
            scene_fail(s, "byte '%s' is not 0..255", tok[from + i]);
            return false;
        }
        rgba[i] = (uint8_t)v[i];
    }
    return true;
}

static uint8_t *fill(unsigned n, const uint8_t rgba[4])
{
    uint8_t *p = malloc((size_t)n * 4);
    for (unsigned i = 0; p && i < n * 4; i++)
        p[i] = rgba[i % 4];
    return p;
}

static int cmd_bufsrv(struct scene *s, char **tok, int n)
{
    unsigned count;
    uint8_t rgba[4];
    if (n != 7 || !scene_parse_uint(tok[2], &count) || !count || count > 4096 || !parse_bytes(s, tok, 3, rgba))
        return scene_fail(s, "usage: bufsrv NAME ELEMENTS R G B A");
    if (strlen(tok[1]) >= sizeof(s->rtts[0].name) || !strcmp(tok[1], "main") || find(s, tok[1]) ||
        s->nrtt == sizeof(s->rtts) / sizeof(s->rtts[0]))
        return scene_fail(s, "name '%s' is taken, too long, or too many textures", tok[1]);
    uint8_t *init = fill(count, rgba);
    if (!init)
        return scene_fail(s, "out of memory");
    D3D10DDI_MIPINFO mip = {count * 4, 1, 1, count * 4, 1, 1};
    D3D10_DDIARG_SUBRESOURCE_UP up = {init, count * 4, count * 4};
    D3D10DDIARG_CREATERESOURCE a = d3drt_desc(&mip, D3D10DDIRESOURCE_BUFFER, D3D10_DDI_USAGE_DEFAULT, D3D10_DDI_BIND_SHADER_RESOURCE, DXGI_FORMAT_UNKNOWN);
    a.pInitialDataUP = &up;
    struct scene_rtt *t = &s->rtts[s->nrtt++];
    memset(t, 0, sizeof(*t));
    snprintf(t->name, sizeof(t->name), "%s", tok[1]);
    t->w = count;
    t->h = 1;
    t->res = d3drt_resource(s->rt, &a);
    free(init);
    if (!t->res.pDrvPrivate)
        return scene_fail(s, "cannot create '%s'", t->name);
    t->srv = scene_srv(s, t->res, DXGI_FORMAT_R8G8B8A8_UNORM, D3D10DDIRESOURCE_BUFFER, 0, count);
    return t->srv.pDrvPrivate ? 0 : scene_fail(s, "cannot create the SRV of '%s'", t->name);
}

static int cmd_bufcopy(struct scene *s, char **tok, int n)
{
    struct scene_rtt *dst = n == 3 ? buffer_named(s, tok[1]) : NULL, *src = n == 3 ? buffer_named(s, tok[2]) : NULL;
    if (!dst || !src)
        return scene_fail(s, "usage: bufcopy DST SRC (buffers of the same size)");
    s->f->pfnResourceCopy(s->dev, dst->res, src->res);
    return d3drt_failed(s->rt) ? scene_fail(s, "ResourceCopy: %s", d3drt_error(s->rt)) : 0;
}

static int cmd_bufcopyregion(struct scene *s, char **tok, int n)
{
    unsigned v[3];
    struct scene_rtt *dst = n == 6 ? buffer_named(s, tok[1]) : NULL, *src = n == 6 ? buffer_named(s, tok[3]) : NULL;
    if (!dst || !src || !scene_parse_uint(tok[2], &v[0]) || !parse_uints(s, tok, 4, 6, v + 1) || !v[2] ||
        v[0] > 4096 || v[1] > 4096 || v[2] > 4096)
        return scene_fail(s, "usage: bufcopyregion DST DSTEL SRC SRCEL COUNT (inside both buffers)");
    D3D10_DDI_BOX box = {(LONG)(v[1] * 4), 0, 0, (LONG)((v[1] + v[2]) * 4), 1, 1};
    s->f->pfnResourceCopyRegion(s->dev, dst->res, 0, v[0] * 4, 0, 0, src->res, 0, &box);
    return d3drt_failed(s->rt) ? scene_fail(s, "ResourceCopyRegion: %s", d3drt_error(s->rt)) : 0;
}

static int cmd_bufupdate(struct scene *s, char **tok, int n)
{
    unsigned v[2];
    uint8_t rgba[4];
    struct scene_rtt *t = n == 8 ? buffer_named(s, tok[1]) : NULL;
    if (!t || !parse_uints(s, tok, 2, 4, v) || !parse_bytes(s, tok, 4, rgba) || !v[1] || v[0] > 4096 ||
        v[1] > 4096)
        return scene_fail(s, "usage: bufupdate NAME FIRST COUNT R G B A (inside the buffer)");
    uint8_t *data = fill(v[1], rgba);
    if (!data)
        return scene_fail(s, "out of memory");
    D3D10_DDI_BOX box = {(LONG)(v[0] * 4), 0, 0, (LONG)((v[0] + v[1]) * 4), 1, 1};
    s->f->pfnResourceUpdateSubresourceUP(s->dev, t->res, 0, &box, data, v[1] * 4, v[1] * 4);
    free(data);
    return d3drt_failed(s->rt) ? scene_fail(s, "UpdateSubresourceUP: %s", d3drt_error(s->rt)) : 0;
}

/* bufmap: Map(READ) as a probe.  The D3D10 runtime maps only STAGING and
 * DYNAMIC resources, neither of which can be a render target; the UMD's
 * Map still copies a bound buffer RTV's shadow back first, and this reads
 * that path at the DDI. */
static int cmd_bufmap(struct scene *s, char **tok, int n)
{
    unsigned el, tol = 2;
    uint8_t want[4];
    struct scene_rtt *t = n == 7 || n == 8 ? buffer_named(s, tok[1]) : NULL;
    if (!t || !scene_parse_uint(tok[2], &el) || el > 4096 || !parse_bytes(s, tok, 3, want) ||
        (n == 8 && !scene_parse_uint(tok[7], &tol)))
        return scene_fail(s, "usage: bufmap NAME ELEMENT R G B A [TOLERANCE]");
    D3D10DDI_MAPPED_SUBRESOURCE m = {0};
    s->f->pfnResourceMap(s->dev, t->res, 0, D3D10_DDI_MAP_READ, 0, &m);
    if (d3drt_failed(s->rt) || !m.pData)
        return scene_fail(s, "Map(READ) of '%s' failed: %s", t->name, d3drt_error(s->rt));
    if ((el + 1) * 4 > m.RowPitch) { /* a buffer's RowPitch is its size */
        s->f->pfnResourceUnmap(s->dev, t->res, 0);
        return scene_fail(s, "element %u is outside '%s' (%u bytes)", el, t->name, m.RowPitch);
    }
    uint8_t got[4];
    memcpy(got, (const uint8_t *)m.pData + el * 4, 4);
    s->f->pfnResourceUnmap(s->dev, t->res, 0);
    s->qprobes++;
    for (int i = 0; i < 4; i++)
        if (abs((int)got[i] - (int)want[i]) > (int)tol) {
            s->qfailed++;
            printf("%s:%u: probe (bufmap %s[%u]): got %u %u %u %u, want %u %u %u %u\n", s->path, s->line, t->name,
                   el, got[0], got[1], got[2], got[3], want[0], want[1], want[2], want[3]);
            break;
        }
    return 0;
}

int scene_cover_directive(struct scene *s, char **tok, int n)
{
    const char *c = tok[0];
    if (!strcmp(c, "bufsrv"))
        return cmd_bufsrv(s, tok, n);
    if (!strcmp(c, "bufcopy"))
        return cmd_bufcopy(s, tok, n);
    if (!strcmp(c, "bufcopyregion"))
        return cmd_bufcopyregion(s, tok, n);
    if (!strcmp(c, "bufupdate"))
        return cmd_bufupdate(s, tok, n);
    if (!strcmp(c, "bufmap"))
        return cmd_bufmap(s, tok, n);
    return 1;
}
