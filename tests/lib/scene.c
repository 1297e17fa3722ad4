/*
 * scene.c — the scene-file interpreter (see scene.h and docs/testing.md).
 *
 * A scene is executed line by line against the device of a fresh mini
 * runtime: each directive turns into the DDI calls the D3D10 runtime would
 * make for the matching API call.  At the end the render target is read
 * back the way an application would: ResourceCopy into a STAGING texture,
 * Map(READ), and the probes are compared against those bytes.
 */
#define _GNU_SOURCE
#include "scene.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scene_priv.h"

int scene_fail(struct scene *s, const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(s->res->msg, sizeof(s->res->msg), "%s:%u: ", s->path, s->line);
    va_start(ap, fmt);
    vsnprintf(s->res->msg + n, sizeof(s->res->msg) - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

static DXGI_FORMAT parse_format(const char *name)
{
    for (uint32_t i = 0; i < virgl_format_count(); i++) {
        const struct virgl_format_desc *d = virgl_format_at(i);
        if (d->name && !strcasecmp(d->name, name))
            return (DXGI_FORMAT)d->dxgi;
    }
    return DXGI_FORMAT_UNKNOWN;
}

bool scene_parse_uint(const char *t, unsigned *v)
{
    char *end;
    errno = 0;
    unsigned long x = strtoul(t, &end, 0);
    if (errno || *end || end == t || x > 0xffffffffu)
        return false;
    *v = (unsigned)x;
    return true;
}

#define fail scene_fail
#define make_buffer scene_make_buffer
#define read_file scene_read_file
#define flush_layout scene_flush_layout
#define parse_uint scene_parse_uint

static bool parse_float(const char *t, float *v)
{
    char *end;
    errno = 0;
    *v = strtof(t, &end);
    return !errno && !*end && end != t;
}

/* key=value option among tokens; NULL when absent. */
static const char *opt(char **tok, int n, const char *key)
{
    size_t k = strlen(key);
    for (int i = 1; i < n; i++)
        if (!strncmp(tok[i], key, k) && tok[i][k] == '=')
            return tok[i] + k + 1;
    return NULL;
}

static int parse_floats(struct scene *s, char **tok, int from, int n, float **out, unsigned *count)
{
    float *v = calloc((size_t)(n > from ? n - from : 1), sizeof(float));
    if (!v)
        return fail(s, "out of memory");
    for (int i = from; i < n; i++)
        if (!parse_float(tok[i], &v[i - from])) {
            free(v);
            return fail(s, "not a number: '%s'", tok[i]);
        }
    *out = v;
    *count = (unsigned)(n - from);
    return 0;
}

D3D10DDI_HRESOURCE scene_make_buffer(struct scene *s, UINT bind, const void *data, unsigned bytes)
{
    return d3drt_buffer(s->rt, bind, data, bytes);
}

static D3D10DDI_HRESOURCE make_tex2d(struct scene *s, unsigned w, unsigned h, DXGI_FORMAT fmt, UINT bind, UINT usage,
                                     UINT map)
{
    D3D10DDI_MIPINFO mip = {w, h, 1, w, h, 1};
    D3D10DDIARG_CREATERESOURCE a = d3drt_desc(&mip, D3D10DDIRESOURCE_TEXTURE2D, usage, bind, fmt);
    a.MapFlags = map;
    return d3drt_resource(s->rt, &a);
}

static void set_viewport(struct scene *s, float x, float y, float w, float h, float mn, float mx)
{
    D3D10_DDI_VIEWPORT vp = {x, y, w, h, mn, mx};
    s->f->pfnSetViewports(s->dev, 1, 0, &vp);
}

static int cmd_target(struct scene *s, char **tok, int n)
{
    if (n < 3 || !parse_uint(tok[1], &s->w) || !parse_uint(tok[2], &s->h) || !s->w || !s->h || s->w > 4096 ||
        s->h > 4096)
        return fail(s, "usage: target WIDTH HEIGHT [FORMAT]");
    if (s->target.pDrvPrivate)
        return fail(s, "only one target per scene");
    s->rt_fmt = n > 3 ? parse_format(tok[3]) : DXGI_FORMAT_R8G8B8A8_UNORM;
    if (s->rt_fmt != DXGI_FORMAT_R8G8B8A8_UNORM && s->rt_fmt != DXGI_FORMAT_B8G8R8A8_UNORM)
        return fail(s, "target format must be R8G8B8A8_UNORM or B8G8R8A8_UNORM");
    s->target = make_tex2d(s, s->w, s->h, s->rt_fmt, D3D10_DDI_BIND_RENDER_TARGET | D3D10_DDI_BIND_SHADER_RESOURCE,
                           D3D10_DDI_USAGE_DEFAULT, 0);
    D3D10DDIARG_CREATERENDERTARGETVIEW v = {0};
    v.hDrvResource = s->target;
    v.Format = s->rt_fmt;
    v.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
    v.Tex2D.MipSlice = 0;
    v.Tex2D.ArraySize = 1;
    s->rtv = d3drt_rtv(s->rt, &v);
    s->f->pfnSetRenderTargets(s->dev, &s->rtv, 1, 0, s->dsv);
    set_viewport(s, 0, 0, (float)s->w, (float)s->h, 0, 1);
    return 0;
}

static int cmd_depth(struct scene *s, char **tok, int n)
{
    if (!s->target.pDrvPrivate)
        return fail(s, "depth needs a target first");
    DXGI_FORMAT fmt = n > 1 ? parse_format(tok[1]) : DXGI_FORMAT_D32_FLOAT;
    if (fmt == DXGI_FORMAT_UNKNOWN)
        return fail(s, "unknown depth format");
    D3D10DDI_HRESOURCE r = make_tex2d(s, s->w, s->h, fmt, D3D10_DDI_BIND_DEPTH_STENCIL, D3D10_DDI_USAGE_DEFAULT, 0);
    D3D10DDIARG_CREATEDEPTHSTENCILVIEW v = {0};
    v.hDrvResource = r;
    v.Format = fmt;
    v.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
    v.Tex2D.ArraySize = 1;
    s->dsv = d3drt_dsv(s->rt, &v);
    s->f->pfnSetRenderTargets(s->dev, &s->rtv, 1, 0, s->dsv);
    return 0;
}

int scene_read_file(struct scene *s, const char *rel, void **data, uint32_t *size)
{
    char path[2048];
    if (rel[0] == '/')
        snprintf(path, sizeof(path), "%s", rel);
    else
        snprintf(path, sizeof(path), "%s/%s", s->dir, rel);
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail(s, "cannot open %s: %s", path, strerror(errno));
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    /* DXBC parsing wants 4-byte alignment: malloc gives more. */
    void *buf = malloc(len > 0 ? (size_t)len : 1);
    if (!buf || len <= 0 || fread(buf, 1, (size_t)len, f) != (size_t)len) {
        fclose(f);
        free(buf);
        return fail(s, "cannot read %s", path);
    }
    fclose(f);
    *data = buf;
    *size = (uint32_t)len;
    return 0;
}

static int cmd_shader(struct scene *s, char **tok, int n, int stage)
{
    void *data = NULL;
    uint32_t size = 0;
    struct sm4_dxbc dx;
    if (n != 2)
        return fail(s, "usage: vs|ps|gs FILE.dxbc");
    if (s->nshader_mem == 8)
        return fail(s, "too many shaders");
    if (read_file(s, tok[1], &data, &size))
        return -1;
    s->shader_mem[s->nshader_mem++] = data; /* signatures point into it */
    D3D10DDI_HSHADER h = d3drt_shader(s->rt, stage, data, size, &dx);
    if (!h.pDrvPrivate)
        return fail(s, "shader %s: %s", tok[1], d3drt_error(s->rt));
    if (stage == 0) {
        s->f->pfnVsSetShader(s->dev, h);
        s->vs_dx = dx;
        s->have_vs = true;
        s->layout_dirty = true;
    } else if (stage == 1) {
        s->f->pfnPsSetShader(s->dev, h);
    } else {
        s->f->pfnGsSetShader(s->dev, h);
    }
    return 0;
}

/* layout NAME[:INDEX] FORMAT OFFSET [NAME FORMAT OFFSET ...] (slot 0) */
static int cmd_layout(struct scene *s, char **tok, int n)
{
    if (n < 4 || (n - 1) % 3)
        return fail(s, "usage: layout NAME[:INDEX] FORMAT OFFSET ...");
    s->nelems = 0;
    for (int i = 1; i + 2 < n; i += 3) {
        if (s->nelems == MAX_ELEMS)
            return fail(s, "too many elements");
        struct elem *e = &s->elems[s->nelems++];
        memset(e, 0, sizeof(*e));
        snprintf(e->name, sizeof(e->name), "%s", tok[i]);
        char *colon = strchr(e->name, ':');
        if (colon) {
            *colon = 0;
            if (!parse_uint(colon + 1, &e->index))
                return fail(s, "bad semantic index in %s", tok[i]);
        }
        e->fmt = parse_format(tok[i + 1]);
        if (e->fmt == DXGI_FORMAT_UNKNOWN || !parse_uint(tok[i + 2], &e->offset))
            return fail(s, "bad element %s %s %s", tok[i], tok[i + 1], tok[i + 2]);
    }
    s->layout_dirty = true;
    return 0;
}

/* Creates the input layout against the bound VS's input signature, the way
 * the runtime resolves semantics to input registers. */
int scene_flush_layout(struct scene *s)
{
    if (!s->layout_dirty || !s->nelems)
        return 0;
    if (!s->have_vs)
        return fail(s, "input layout needs a vertex shader");
    D3D10DDIARG_INPUT_ELEMENT_DESC d[MAX_ELEMS];
    for (unsigned i = 0; i < s->nelems; i++) {
        const struct sm4_sig_elem *m = NULL;
        for (uint32_t k = 0; k < s->vs_dx.isgn.count; k++) {
            const struct sm4_sig_elem *se = &s->vs_dx.isgn.elem[k];
            if (se->name_len == strlen(s->elems[i].name) && !strncasecmp(se->name, s->elems[i].name, se->name_len) &&
                se->semantic_index == s->elems[i].index)
                m = se;
        }
        if (!m)
            return fail(s, "vertex shader has no input %s:%u", s->elems[i].name, s->elems[i].index);
        d[i].InputSlot = s->elems[i].slot;
        d[i].AlignedByteOffset = s->elems[i].offset;
        d[i].Format = s->elems[i].fmt;
        d[i].InputSlotClass = D3D10_DDI_INPUT_PER_VERTEX_DATA;
        d[i].InstanceDataStepRate = 0;
        d[i].InputRegister = m->reg;
    }
    D3D10DDIARG_CREATEELEMENTLAYOUT a = {d, s->nelems};
    D3D10DDI_HELEMENTLAYOUT l = d3drt_layout(s->rt, &a);
    s->f->pfnIaSetInputLayout(s->dev, l);
    s->layout_dirty = false;
    return 0;
}

static int cmd_vertices(struct scene *s, char **tok, int n)
{
    unsigned stride, count;
    float *v;
    if (n < 3 || !parse_uint(tok[1], &stride) || !stride)
        return fail(s, "usage: vertices STRIDE FLOAT...");
    if (parse_floats(s, tok, 2, n, &v, &count))
        return -1;
    D3D10DDI_HRESOURCE b = make_buffer(s, D3D10_DDI_BIND_VERTEX_BUFFER, v, count * 4);
    free(v);
    UINT off = 0;
    s->f->pfnIaSetVertexBuffers(s->dev, 0, 1, &b, &stride, &off);
    return 0;
}

static int cmd_indices(struct scene *s, char **tok, int n)
{
    unsigned bits;
    if (n < 3 || !parse_uint(tok[1], &bits) || (bits != 16 && bits != 32))
        return fail(s, "usage: indices 16|32 INDEX...");
    unsigned count = (unsigned)(n - 2), bytes = count * (bits / 8);
    uint8_t *data = calloc(1, bytes);
    for (unsigned i = 0; i < count; i++) {
        unsigned v;
        if (!parse_uint(tok[i + 2], &v)) {
            free(data);
            return fail(s, "bad index '%s'", tok[i + 2]);
        }
        if (bits == 16)
            ((uint16_t *)data)[i] = (uint16_t)v;
        else
            ((uint32_t *)data)[i] = v;
    }
    D3D10DDI_HRESOURCE b = make_buffer(s, D3D10_DDI_BIND_INDEX_BUFFER, data, bytes);
    free(data);
    s->f->pfnIaSetIndexBuffer(s->dev, b, bits == 16 ? DXGI_FORMAT_R16_UINT : DXGI_FORMAT_R32_UINT, 0);
    return 0;
}

static int cmd_topology(struct scene *s, char **tok, int n)
{
    static const struct { const char *name; D3D10_DDI_PRIMITIVE_TOPOLOGY t; } map[] = {
        {"pointlist", D3D10_DDI_PRIMITIVE_TOPOLOGY_POINTLIST}, {"linelist", D3D10_DDI_PRIMITIVE_TOPOLOGY_LINELIST},
        {"linestrip", D3D10_DDI_PRIMITIVE_TOPOLOGY_LINESTRIP},
        {"trianglelist", D3D10_DDI_PRIMITIVE_TOPOLOGY_TRIANGLELIST},
        {"trianglestrip", D3D10_DDI_PRIMITIVE_TOPOLOGY_TRIANGLESTRIP},
        {"linelist_adj", D3D10_DDI_PRIMITIVE_TOPOLOGY_LINELIST_ADJ},
        {"linestrip_adj", D3D10_DDI_PRIMITIVE_TOPOLOGY_LINESTRIP_ADJ},
        {"trianglelist_adj", D3D10_DDI_PRIMITIVE_TOPOLOGY_TRIANGLELIST_ADJ},
        {"trianglestrip_adj", D3D10_DDI_PRIMITIVE_TOPOLOGY_TRIANGLESTRIP_ADJ},
    };
    for (unsigned i = 0; n == 2 && i < sizeof(map) / sizeof(map[0]); i++)
        if (!strcasecmp(tok[1], map[i].name)) {
            s->f->pfnIaSetTopology(s->dev, map[i].t);
            return 0;
        }
    return fail(s, "usage: topology pointlist|linelist|linestrip|trianglelist|trianglestrip (+ _adj for the "
                   "last four)");
}

static int cmd_cb(struct scene *s, char **tok, int n, bool update)
{
    unsigned slot, count;
    float *v;
    int stage = n > 1 ? (!strcmp(tok[1], "vs") ? 0 : !strcmp(tok[1], "ps") ? 1 : -1) : -1;
    if (n < 4 || stage < 0 || !parse_uint(tok[2], &slot) || slot >= 14)
        return fail(s, "usage: %s vs|ps SLOT FLOAT...", update ? "cbupdate" : "cb");
    if (parse_floats(s, tok, 3, n, &v, &count))
        return -1;
    unsigned bytes = (count * 4 + 15) & ~15u; /* constant buffers are float4 rows */
    float *padded = calloc(1, bytes);
    memcpy(padded, v, count * 4);
    free(v);
    if (update) {
        if (!s->cbs[stage][slot].pDrvPrivate) {
            free(padded);
            return fail(s, "cbupdate: no buffer in %s slot %u", tok[1], slot);
        }
        /* UpdateSubresource on a constant buffer: the whole buffer. */
        s->f->pfnDefaultConstantBufferUpdateSubresourceUP(s->dev, s->cbs[stage][slot], 0, NULL, padded, bytes, bytes);
    } else {
        s->cbs[stage][slot] = make_buffer(s, D3D10_DDI_BIND_CONSTANT_BUFFER, padded, bytes);
        if (stage == 0)
            s->f->pfnVsSetConstantBuffers(s->dev, slot, 1, &s->cbs[stage][slot]);
        else
            s->f->pfnPsSetConstantBuffers(s->dev, slot, 1, &s->cbs[stage][slot]);
    }
    free(padded);
    return 0;
}

static int parse_stage(const char *t)
{
    return !strcmp(t, "vs") ? 0 : !strcmp(t, "ps") ? 1 : -1;
}

/* An SRV of `r`: buffers show `count` elements, Texture3D `mips` levels,
 * 2D textures `mips` levels of `count` array slices. */
D3D10DDI_HSHADERRESOURCEVIEW scene_srv(struct scene *s, D3D10DDI_HRESOURCE r, DXGI_FORMAT fmt, D3D10DDIRESOURCE_TYPE dim,
                                       unsigned mips, unsigned count)
{
    D3D10_1DDIARG_CREATESHADERRESOURCEVIEW v;
    memset(&v, 0, sizeof(v));
    v.hDrvResource = r;
    v.Format = fmt;
    v.ResourceDimension = dim;
    if (dim == D3D10DDIRESOURCE_BUFFER) {
        v.Buffer.NumElements = count;
    } else if (dim == D3D10DDIRESOURCE_TEXTURE3D) {
        v.Tex3D.MipLevels = mips;
    } else {
        v.Tex2D.MipLevels = mips;
        v.Tex2D.ArraySize = count;
    }
    return d3drt_srv(s->rt, &v);
}

void scene_bind_srv(struct scene *s, int stage, unsigned slot, D3D10DDI_HSHADERRESOURCEVIEW srv)
{
    if (stage == 0)
        s->f->pfnVsSetShaderResources(s->dev, slot, 1, &srv);
    else
        s->f->pfnPsSetShaderResources(s->dev, slot, 1, &srv);
}

/* texture vs|ps SLOT WIDTH HEIGHT FORMAT BYTE... (rows top first, tightly
 * packed): an immutable 2D texture with its initial data, a shader
 * resource view of it, bound to SLOT of the stage. */
static int cmd_texture(struct scene *s, char **tok, int n)
{
    unsigned slot, w, h;
    int stage = n > 1 ? parse_stage(tok[1]) : -1;
    DXGI_FORMAT fmt = n > 5 ? parse_format(tok[5]) : DXGI_FORMAT_UNKNOWN;
    const struct virgl_format_desc *fd = virgl_format_from_dxgi(fmt);
    if (n < 7 || stage < 0 || !parse_uint(tok[2], &slot) || slot >= 128 || !parse_uint(tok[3], &w) ||
        !parse_uint(tok[4], &h) || !w || !h || w > 4096 || h > 4096 || !fd)
        return fail(s, "usage: texture vs|ps SLOT WIDTH HEIGHT FORMAT BYTE...");
    unsigned bytes = w * h * fd->block_bytes;
    if ((unsigned)(n - 6) != bytes)
        return fail(s, "texture needs %u bytes, got %d", bytes, n - 6);
    uint8_t *data = malloc(bytes);
    for (unsigned i = 0; i < bytes; i++) {
        unsigned v;
        if (!parse_uint(tok[6 + i], &v) || v > 255) {
            free(data);
            return fail(s, "bad byte '%s'", tok[6 + i]);
        }
        data[i] = (uint8_t)v;
    }
    D3D10DDI_MIPINFO mip = {w, h, 1, w, h, 1};
    D3D10_DDIARG_SUBRESOURCE_UP up = {data, w * fd->block_bytes, bytes};
    D3D10DDIARG_CREATERESOURCE a = d3drt_desc(&mip, D3D10DDIRESOURCE_TEXTURE2D, D3D10_DDI_USAGE_IMMUTABLE, D3D10_DDI_BIND_SHADER_RESOURCE, fmt);
    a.pInitialDataUP = &up;
    D3D10DDI_HRESOURCE r = d3drt_resource(s->rt, &a);
    free(data);
    scene_bind_srv(s, stage, slot, scene_srv(s, r, fmt, D3D10DDIRESOURCE_TEXTURE2D, 1, 1));
    return 0;
}

/* mipmapped vs|ps SLOT WIDTH HEIGHT FORMAT LEVELS BYTE... (level 0): a
 * DEFAULT texture with LEVELS mips (render target + shader resource,
 * AUTO_GEN_MIP_MAP), level 0 written with UpdateSubresourceUP, an SRV of
 * every level bound to SLOT, then GenMips on that view. */
static int cmd_mipmapped(struct scene *s, char **tok, int n)
{
    unsigned slot, w, h, levels;
    int stage = n > 1 ? parse_stage(tok[1]) : -1;
    DXGI_FORMAT fmt = n > 5 ? parse_format(tok[5]) : DXGI_FORMAT_UNKNOWN;
    const struct virgl_format_desc *fd = virgl_format_from_dxgi(fmt);
    if (n < 8 || stage < 0 || !parse_uint(tok[2], &slot) || slot >= 128 || !parse_uint(tok[3], &w) ||
        !parse_uint(tok[4], &h) || !w || !h || w > 4096 || h > 4096 || !fd || !parse_uint(tok[6], &levels) ||
        !levels || levels > 13)
        return fail(s, "usage: mipmapped vs|ps SLOT WIDTH HEIGHT FORMAT LEVELS BYTE...");
    unsigned bytes = w * h * fd->block_bytes;
    if ((unsigned)(n - 7) != bytes)
        return fail(s, "level 0 needs %u bytes, got %d", bytes, n - 7);
    uint8_t *data = malloc(bytes);
    for (unsigned i = 0; i < bytes; i++) {
        unsigned v;
        if (!parse_uint(tok[7 + i], &v) || v > 255) {
            free(data);
            return fail(s, "bad byte '%s'", tok[7 + i]);
        }
        data[i] = (uint8_t)v;
    }
    D3D10DDI_MIPINFO mips[13];
    for (unsigned l = 0; l < levels; l++) {
        unsigned lw = w >> l ? w >> l : 1, lh = h >> l ? h >> l : 1;
        mips[l] = (D3D10DDI_MIPINFO){lw, lh, 1, lw, lh, 1};
    }
    D3D10DDIARG_CREATERESOURCE a = {0};
    a.pMipInfoList = mips;
    a.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
    a.Usage = D3D10_DDI_USAGE_DEFAULT;
    a.BindFlags = D3D10_DDI_BIND_SHADER_RESOURCE | D3D10_DDI_BIND_RENDER_TARGET;
    a.MiscFlags = D3D10_DDI_RESOURCE_AUTO_GEN_MIP_MAP;
    a.Format = fmt;
    a.SampleDesc.Count = 1;
    a.MipLevels = levels;
    a.ArraySize = 1;
    D3D10DDI_HRESOURCE r = d3drt_resource(s->rt, &a);
    s->f->pfnResourceUpdateSubresourceUP(s->dev, r, 0, NULL, data, w * fd->block_bytes, bytes);
    free(data);
    D3D10DDI_HSHADERRESOURCEVIEW srv = scene_srv(s, r, fmt, D3D10DDIRESOURCE_TEXTURE2D, levels, 1);
    s->f->pfnGenMips(s->dev, srv);
    scene_bind_srv(s, stage, slot, srv);
    return 0;
}

/* sampler vs|ps SLOT [filter=point|linear] [address=wrap|clamp|mirror|border] */
static int cmd_sampler(struct scene *s, char **tok, int n)
{
    unsigned slot;
    int stage = n > 1 ? parse_stage(tok[1]) : -1;
    if (n < 3 || stage < 0 || !parse_uint(tok[2], &slot) || slot >= 16)
        return fail(s, "usage: sampler vs|ps SLOT [filter=point|linear] [address=wrap|clamp|mirror|border]");
    D3D10_DDI_SAMPLER_DESC d = {0};
    const char *v = opt(tok, n, "filter");
    d.Filter = v && !strcmp(v, "linear") ? D3D10_DDI_FILTER_MIN_MAG_MIP_LINEAR : D3D10_DDI_FILTER_MIN_MAG_MIP_POINT;
    v = opt(tok, n, "address");
    d.AddressU = !v || !strcmp(v, "clamp") ? D3D10_DDI_TEXTURE_ADDRESS_CLAMP
                 : !strcmp(v, "wrap")      ? D3D10_DDI_TEXTURE_ADDRESS_WRAP
                 : !strcmp(v, "mirror")    ? D3D10_DDI_TEXTURE_ADDRESS_MIRROR
                                           : D3D10_DDI_TEXTURE_ADDRESS_BORDER;
    d.AddressV = d.AddressW = d.AddressU;
    d.MaxAnisotropy = 1;
    d.ComparisonFunc = D3D10_DDI_COMPARISON_NEVER;
    d.MinLOD = 0;
    d.MaxLOD = 3.402823466e+38f;
    D3D10DDI_HSAMPLER h = d3drt_sampler(s->rt, &d);
    if (stage == 0)
        s->f->pfnVsSetSamplers(s->dev, slot, 1, &h);
    else
        s->f->pfnPsSetSamplers(s->dev, slot, 1, &h);
    return 0;
}

/* cbdynamic vs|ps SLOT FLOAT...: a DYNAMIC constant buffer (created on
 * first use) written with Map(WRITE_DISCARD) / Unmap each time, and bound. */
static int cmd_cbdynamic(struct scene *s, char **tok, int n)
{
    unsigned slot, count;
    float *v;
    int stage = n > 1 ? parse_stage(tok[1]) : -1;
    if (n < 4 || stage < 0 || !parse_uint(tok[2], &slot) || slot >= 14)
        return fail(s, "usage: cbdynamic vs|ps SLOT FLOAT...");
    if (parse_floats(s, tok, 3, n, &v, &count))
        return -1;
    unsigned bytes = (count * 4 + 15) & ~15u;
    D3D10DDI_HRESOURCE *cb = &s->dyncbs[stage][slot];
    if (!cb->pDrvPrivate) {
        D3D10DDI_MIPINFO mip = {bytes, 1, 1, bytes, 1, 1};
        D3D10DDIARG_CREATERESOURCE a = d3drt_desc(&mip, D3D10DDIRESOURCE_BUFFER, D3D10_DDI_USAGE_DYNAMIC, D3D10_DDI_BIND_CONSTANT_BUFFER, DXGI_FORMAT_UNKNOWN);
        a.MapFlags = D3D10_DDI_CPU_ACCESS_WRITE;
        *cb = d3drt_resource(s->rt, &a);
        s->dyncb_size[stage][slot] = bytes;
    }
    if (bytes > s->dyncb_size[stage][slot]) {
        free(v);
        return fail(s, "cbdynamic: %u bytes do not fit the %u-byte buffer", bytes, s->dyncb_size[stage][slot]);
    }
    D3D10DDI_MAPPED_SUBRESOURCE m = {0};
    s->f->pfnDynamicConstantBufferMapDiscard(s->dev, *cb, 0, D3D10_DDI_MAP_WRITE_DISCARD, 0, &m);
    if (m.pData) {
        memset(m.pData, 0, s->dyncb_size[stage][slot]);
        memcpy(m.pData, v, count * 4);
        s->f->pfnDynamicConstantBufferUnmap(s->dev, *cb, 0);
    }
    free(v);
    if (stage == 0)
        s->f->pfnVsSetConstantBuffers(s->dev, slot, 1, cb);
    else
        s->f->pfnPsSetConstantBuffers(s->dev, slot, 1, cb);
    return 0;
}

static D3D10_DDI_COMPARISON_FUNC parse_func(const char *t)
{
    static const char *names[] = {"never", "less", "equal", "lessequal", "greater", "notequal", "greaterequal", "always"};
    for (int i = 0; i < 8; i++)
        if (t && !strcasecmp(t, names[i]))
            return (D3D10_DDI_COMPARISON_FUNC)(i + 1);
    return (D3D10_DDI_COMPARISON_FUNC)0;
}

static int cmd_rasterizer(struct scene *s, char **tok, int n)
{
    D3D10_DDI_RASTERIZER_DESC r = {D3D10_DDI_FILL_SOLID, D3D10_DDI_CULL_BACK, FALSE, 0, 0, 0, TRUE, FALSE, FALSE, FALSE};
    const char *v;
    if ((v = opt(tok, n, "cull")))
        r.CullMode = !strcmp(v, "none") ? D3D10_DDI_CULL_NONE : !strcmp(v, "front") ? D3D10_DDI_CULL_FRONT
                                                                                   : D3D10_DDI_CULL_BACK;
    if ((v = opt(tok, n, "fill")))
        r.FillMode = !strcmp(v, "wireframe") ? D3D10_DDI_FILL_WIREFRAME : D3D10_DDI_FILL_SOLID;
    if ((v = opt(tok, n, "ccw")))
        r.FrontCounterClockwise = atoi(v) != 0;
    if ((v = opt(tok, n, "scissor")))
        r.ScissorEnable = atoi(v) != 0;
    if ((v = opt(tok, n, "msaa")))
        r.MultisampleEnable = atoi(v) != 0;
    s->f->pfnSetRasterizerState(s->dev, d3drt_rs(s->rt, &r));
    return 0;
}

static int cmd_depthstencil(struct scene *s, char **tok, int n)
{
    D3D10_DDI_DEPTH_STENCIL_DESC d = {0};
    const char *v;
    d.DepthEnable = (v = opt(tok, n, "depth")) ? atoi(v) != 0 : TRUE;
    d.DepthWriteMask = (v = opt(tok, n, "write")) && !atoi(v) ? D3D10_DDI_DEPTH_WRITE_MASK_ZERO
                                                               : D3D10_DDI_DEPTH_WRITE_MASK_ALL;
    d.DepthFunc = (v = opt(tok, n, "func")) ? parse_func(v) : D3D10_DDI_COMPARISON_LESS;
    if (!d.DepthFunc)
        return fail(s, "unknown comparison '%s'", v);
    d.StencilReadMask = d.StencilWriteMask = 0xff;
    D3D10_DDI_DEPTH_STENCILOP_DESC op = {D3D10_DDI_STENCIL_OP_KEEP, D3D10_DDI_STENCIL_OP_KEEP,
                                         D3D10_DDI_STENCIL_OP_KEEP, D3D10_DDI_COMPARISON_ALWAYS};
    /* stencil=1 sfunc=FUNC spass=keep|replace|incr|invert|zero ref=N */
    unsigned ref = 0;
    d.StencilEnable = (v = opt(tok, n, "stencil")) ? atoi(v) != 0 : FALSE;
    d.FrontEnable = d.BackEnable = d.StencilEnable;
    if ((v = opt(tok, n, "sfunc")) && !(op.StencilFunc = parse_func(v)))
        return fail(s, "unknown comparison '%s'", v);
    if ((v = opt(tok, n, "spass"))) {
        op.StencilPassOp = !strcmp(v, "replace") ? D3D10_DDI_STENCIL_OP_REPLACE
                           : !strcmp(v, "incr")  ? D3D10_DDI_STENCIL_OP_INCR_SAT
                           : !strcmp(v, "invert") ? D3D10_DDI_STENCIL_OP_INVERT
                           : !strcmp(v, "zero")  ? D3D10_DDI_STENCIL_OP_ZERO
                                                 : D3D10_DDI_STENCIL_OP_KEEP;
    }
    if ((v = opt(tok, n, "ref")) && (!parse_uint(v, &ref) || ref > 255))
        return fail(s, "stencil ref '%s' is not 0..255", v);
    d.FrontFace = d.BackFace = op;
    s->f->pfnSetDepthStencilState(s->dev, d3drt_dsa(s->rt, &d), ref);
    return 0;
}

static D3D10_1_DDI_BLEND_DESC default_blend(void)
{
    D3D10_1_DDI_BLEND_DESC b = {0};
    for (int i = 0; i < 8; i++) {
        D3D10_DDI_RENDER_TARGET_BLEND_DESC1 t = {FALSE, D3D10_DDI_BLEND_ONE, D3D10_DDI_BLEND_ZERO,
                                                 D3D10_DDI_BLEND_OP_ADD, D3D10_DDI_BLEND_ONE, D3D10_DDI_BLEND_ZERO,
                                                 D3D10_DDI_BLEND_OP_ADD, 0xf};
        b.RenderTarget[i] = t;
    }
    return b;
}

/* blend none | alpha  (alpha: SRC_ALPHA / INV_SRC_ALPHA) */
static int cmd_blend(struct scene *s, char **tok, int n)
{
    D3D10_1_DDI_BLEND_DESC b = default_blend();
    if (n != 2 || (strcmp(tok[1], "none") && strcmp(tok[1], "alpha")))
        return fail(s, "usage: blend none|alpha");
    if (!strcmp(tok[1], "alpha")) {
        b.RenderTarget[0].BlendEnable = TRUE;
        b.RenderTarget[0].SrcBlend = D3D10_DDI_BLEND_SRC_ALPHA;
        b.RenderTarget[0].DestBlend = D3D10_DDI_BLEND_INV_SRC_ALPHA;
    }
    static const FLOAT factor[4] = {1, 1, 1, 1};
    s->f->pfnSetBlendState(s->dev, d3drt_blend(s->rt, &b), factor, 0xffffffffu);
    return 0;
}

static int cmd_floats(struct scene *s, char **tok, int n, int want_min, int want_max, float *v)
{
    if (n - 1 < want_min || n - 1 > want_max)
        return fail(s, "'%s' takes %d..%d numbers", tok[0], want_min, want_max);
    for (int i = 1; i < n; i++)
        if (!parse_float(tok[i], &v[i - 1]))
            return fail(s, "not a number: '%s'", tok[i]);
    return 0;
}

static int cmd_draw(struct scene *s, char **tok, int n, int kind)
{
    unsigned a[4] = {0, 0, 0, 0};
    int need = kind == 2 ? 2 : 1;
    if (n - 1 < need || n - 1 > 4)
        return fail(s, "bad draw arguments");
    for (int i = 1; i < n; i++)
        if (!parse_uint(tok[i], &a[i - 1]) && !(kind == 1 && i == 3 && tok[i][0] == '-'))
            return fail(s, "bad number '%s'", tok[i]);
    if (flush_layout(s))
        return -1;
    switch (kind) {
    case 0: s->f->pfnDraw(s->dev, a[0], a[1]); break;
    case 1: s->f->pfnDrawIndexed(s->dev, a[0], a[1], n > 3 ? atoi(tok[3]) : 0); break;
    case 2: s->f->pfnDrawInstanced(s->dev, a[0], a[1], a[2], a[3]); break;
    }
    return 0;
}

static int cmd_probe(struct scene *s, char **tok, int n)
{
    if (s->nprobes == MAX_PROBES)
        return fail(s, "too many probes");
    struct probe *p = &s->probes[s->nprobes];
    p->tol = 2;
    p->line = s->line;
    if ((n != 7 && n != 8) || !parse_uint(tok[1], &p->x) || !parse_uint(tok[2], &p->y) ||
        (n == 8 && !parse_uint(tok[7], &p->tol)))
        return fail(s, "usage: probe X Y R G B A [TOLERANCE]  (0..255 each)");
    for (int i = 0; i < 4; i++) {
        unsigned v;
        if (!parse_uint(tok[3 + i], &v) || v > 255)
            return fail(s, "probe channel '%s' is not 0..255", tok[3 + i]);
        p->rgba[i] = (int)v;
    }
    if (p->x >= s->w || p->y >= s->h)
        return fail(s, "probe (%u,%u) outside the %ux%u target", p->x, p->y, s->w, s->h);
    s->nprobes++;
    return 0;
}

static int execute(struct scene *s, char **tok, int n)
{
    const char *c = tok[0];
    float v[6];
    if (!strcmp(c, "target")) return cmd_target(s, tok, n);
    if (!s->target.pDrvPrivate)
        return fail(s, "the first directive must be 'target'");
    if (!strcmp(c, "depth")) return cmd_depth(s, tok, n);
    if (!strcmp(c, "vs")) return cmd_shader(s, tok, n, 0);
    if (!strcmp(c, "ps")) return cmd_shader(s, tok, n, 1);
    if (!strcmp(c, "gs")) return cmd_shader(s, tok, n, 2);
    if (!strcmp(c, "layout")) return cmd_layout(s, tok, n);
    if (!strcmp(c, "vertices")) return cmd_vertices(s, tok, n);
    if (!strcmp(c, "indices")) return cmd_indices(s, tok, n);
    if (!strcmp(c, "topology")) return cmd_topology(s, tok, n);
    if (!strcmp(c, "cb")) return cmd_cb(s, tok, n, false);
    if (!strcmp(c, "cbupdate")) return cmd_cb(s, tok, n, true);
    if (!strcmp(c, "cbdynamic")) return cmd_cbdynamic(s, tok, n);
    if (!strcmp(c, "texture")) return cmd_texture(s, tok, n);
    if (!strcmp(c, "mipmapped")) return cmd_mipmapped(s, tok, n);
    if (!strcmp(c, "sampler")) return cmd_sampler(s, tok, n);
    if (!strcmp(c, "rasterizer")) return cmd_rasterizer(s, tok, n);
    if (!strcmp(c, "depthstencil")) return cmd_depthstencil(s, tok, n);
    if (!strcmp(c, "blend")) return cmd_blend(s, tok, n);
    if (!strcmp(c, "draw")) return cmd_draw(s, tok, n, 0);
    if (!strcmp(c, "drawindexed")) return cmd_draw(s, tok, n, 1);
    if (!strcmp(c, "drawinstanced")) return cmd_draw(s, tok, n, 2);
    if (!strcmp(c, "probe")) return cmd_probe(s, tok, n);
    int q = scene_query_directive(s, tok, n);
    if (q == 1)
        q = scene_so_directive(s, tok, n);
    if (q == 1)
        q = scene_map_directive(s, tok, n);
    if (q == 1)
        q = scene_tex_directive(s, tok, n);
    if (q == 1)
        q = scene_dxgi_directive(s, tok, n);
    if (q == 1)
        q = scene_res_directive(s, tok, n);
    if (q == 1)
        q = scene_shared_directive(s, tok, n);
    if (q == 1)
        q = scene_cover_directive(s, tok, n);
    if (q != 1)
        return q;
    if (!strcmp(c, "flush")) {
        s->f->pfnFlush(s->dev);
        return 0;
    }
    if (!strcmp(c, "clear")) {
        if (cmd_floats(s, tok, n, 4, 4, v))
            return -1;
        s->f->pfnClearRenderTargetView(s->dev, s->rtv, v);
        return 0;
    }
    if (!strcmp(c, "cleardepth")) {
        if (cmd_floats(s, tok, n, 1, 1, v))
            return -1;
        if (!s->dsv.pDrvPrivate)
            return fail(s, "cleardepth without 'depth'");
        s->f->pfnClearDepthStencilView(s->dev, s->dsv, D3D10_DDI_CLEAR_DEPTH, v[0], 0);
        return 0;
    }
    if (!strcmp(c, "clearstencil")) {
        if (cmd_floats(s, tok, n, 1, 1, v))
            return -1;
        if (!s->dsv.pDrvPrivate)
            return fail(s, "clearstencil without 'depth'");
        s->f->pfnClearDepthStencilView(s->dev, s->dsv, D3D10_DDI_CLEAR_STENCIL, 0, (UINT8)v[0]);
        return 0;
    }
    if (!strcmp(c, "viewport")) {
        v[4] = 0, v[5] = 1;
        if (cmd_floats(s, tok, n, 4, 6, v))
            return -1;
        set_viewport(s, v[0], v[1], v[2], v[3], v[4], v[5]);
        return 0;
    }
    if (!strcmp(c, "scissor")) {
        if (cmd_floats(s, tok, n, 4, 4, v))
            return -1;
        D3D10_DDI_RECT r = {(LONG)v[0], (LONG)v[1], (LONG)v[2], (LONG)v[3]};
        s->f->pfnSetScissorRects(s->dev, 1, 0, &r);
        return 0;
    }
    return fail(s, "unknown directive '%s'", c);
}

/* The render target's bytes as RGBA8, read back the application's way. */
static uint8_t *readback(struct scene *s)
{
    D3D10DDI_HRESOURCE st = make_tex2d(s, s->w, s->h, s->rt_fmt, 0, D3D10_DDI_USAGE_STAGING, D3D10_DDI_CPU_ACCESS_READ);
    if (!st.pDrvPrivate || d3drt_failed(s->rt))
        return NULL;
    s->f->pfnResourceCopy(s->dev, st, s->target);
    D3D10DDI_MAPPED_SUBRESOURCE m = {0};
    s->f->pfnStagingResourceMap(s->dev, st, 0, D3D10_DDI_MAP_READ, 0, &m);
    if (d3drt_failed(s->rt) || !m.pData)
        return NULL;
    uint8_t *px = malloc((size_t)s->w * s->h * 4);
    for (unsigned y = 0; y < s->h; y++) {
        const uint8_t *row = (const uint8_t *)m.pData + (size_t)y * m.RowPitch;
        for (unsigned x = 0; x < s->w; x++) {
            uint8_t *o = px + ((size_t)y * s->w + x) * 4;
            const uint8_t *i = row + x * 4;
            bool bgra = s->rt_fmt == DXGI_FORMAT_B8G8R8A8_UNORM;
            o[0] = bgra ? i[2] : i[0];
            o[1] = i[1];
            o[2] = bgra ? i[0] : i[2];
            o[3] = i[3];
        }
    }
    s->f->pfnStagingResourceUnmap(s->dev, st, 0);
    return px;
}

static int tokenize(char *line, char **tok)
{
    int n = 0;
    char *hash = strchr(line, '#');
    if (hash)
        *hash = 0;
    for (char *t = strtok(line, " \t\r\n"); t && n < MAX_TOK; t = strtok(NULL, " \t\r\n"))
        tok[n++] = t;
    return n;
}

int scene_run(struct vtest_server *srv, const char *path, const char *png, unsigned iface, struct scene_result *res)
{
    struct scene *s = calloc(1, sizeof(*s));
    char **tok = calloc(MAX_TOK, sizeof(char *));
    char *text = NULL;
    size_t cap = 0;
    int rc = 1;
    memset(res, 0, sizeof(*res));
    if (!s || !tok) {
        snprintf(res->msg, sizeof(res->msg), "out of memory");
        goto out;
    }
    s->res = res;
    s->path = path;
    snprintf(s->dir, sizeof(s->dir), "%s", path);
    char *slash = strrchr(s->dir, '/');
    if (slash)
        *slash = 0;
    else
        snprintf(s->dir, sizeof(s->dir), ".");
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(res->msg, sizeof(res->msg), "cannot open %s: %s", path, strerror(errno));
        goto out;
    }
    if (d3drt_open(&s->rt, srv, iface)) {
        snprintf(res->msg, sizeof(res->msg), "runtime: %s", d3drt_error(s->rt));
        fclose(f);
        goto out;
    }
    s->f = d3drt_funcs(s->rt);
    s->dev = d3drt_dev(s->rt);
    /* Runtime defaults bound at device creation (D3D10 default states). */
    D3D10_DDI_RASTERIZER_DESC rsd = {D3D10_DDI_FILL_SOLID, D3D10_DDI_CULL_BACK, FALSE, 0, 0, 0, TRUE, FALSE, FALSE, FALSE};
    s->f->pfnSetRasterizerState(s->dev, d3drt_rs(s->rt, &rsd));
    D3D10_1_DDI_BLEND_DESC bd = default_blend();
    static const FLOAT ones[4] = {1, 1, 1, 1};
    s->f->pfnSetBlendState(s->dev, d3drt_blend(s->rt, &bd), ones, 0xffffffffu);
    char *argv1[] = {"depthstencil"};
    cmd_depthstencil(s, argv1, 1);

    /* Lines ending in a backslash continue on the next one. */
    char *line = NULL;
    size_t lcap = 0, used = 0;
    unsigned start_line = 0;
    while (getline(&line, &lcap, f) > 0) {
        s->line++;
        size_t len = strlen(line);
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = 0;
        bool cont = len && line[len - 1] == '\\';
        if (cont)
            line[--len] = ' ';
        if (used + len + 2 > cap) {
            cap = (used + len + 2) * 2;
            text = realloc(text, cap);
        }
        if (!used)
            start_line = s->line;
        memcpy(text + used, line, len);
        used += len;
        text[used] = 0;
        if (cont)
            continue;
        unsigned cur = s->line;
        s->line = start_line;
        int n = tokenize(text, tok);
        used = 0;
        if (n && execute(s, tok, n)) {
            free(line);
            fclose(f);
            goto out;
        }
        s->line = cur;
        if (d3drt_failed(s->rt)) {
            s->line = start_line;
            fail(s, "%s", d3drt_error(s->rt));
            free(line);
            fclose(f);
            goto out;
        }
    }
    free(line);
    fclose(f);
    if (!s->target.pDrvPrivate) {
        snprintf(res->msg, sizeof(res->msg), "%s: no 'target' directive", path);
        goto out;
    }
    uint8_t *px = s->probe_screen ? scene_dxgi_screen(s) : readback(s);
    if (!px) {
        snprintf(res->msg, sizeof(res->msg), "%s: readback failed: %s", path, d3drt_error(s->rt));
        goto out;
    }
    if (png && png_write_rgba(png, s->w, s->h, px))
        fprintf(stderr, "warning: cannot write %s: %s\n", png, strerror(errno));
    res->probes = s->nprobes + s->qprobes;
    res->failed = s->qfailed;
    for (unsigned i = 0; i < s->nprobes; i++) {
        struct probe *p = &s->probes[i];
        const uint8_t *g = px + ((size_t)p->y * s->w + p->x) * 4;
        bool ok = true;
        for (int c = 0; c < 4; c++)
            if (abs((int)g[c] - p->rgba[c]) > (int)p->tol)
                ok = false;
        if (!ok) {
            res->failed++;
            printf("%s:%u: probe (%u,%u): got %u %u %u %u, want %d %d %d %d (+-%u)\n", path, p->line, p->x, p->y,
                   g[0], g[1], g[2], g[3], p->rgba[0], p->rgba[1], p->rgba[2], p->rgba[3], p->tol);
        }
    }
    free(px);
    if (res->failed)
        snprintf(res->msg, sizeof(res->msg), "%u of %u probes failed", res->failed, res->probes);
    else if (!res->probes)
        snprintf(res->msg, sizeof(res->msg), "%s: scene has no probe", path);
    else
        rc = 0;
out:
    if (s) {
        d3drt_close(s->rt);
        for (unsigned i = 0; i < s->nshader_mem; i++)
            free(s->shader_mem[i]);
    }
    free(s);
    free(tok);
    free(text);
    return rc;
}
