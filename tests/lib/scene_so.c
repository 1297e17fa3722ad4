/*
 * scene_so.c — the stream-output directives of scene files
 * (docs/testing.md):
 *
 *   gsso FILE STRIDE REG:MASK[:SLOT]...   CreateGeometryShaderWithStreamOutput
 *                                         (o#REG, components MASK of xyzw,
 *                                         output slot SLOT, default 0) + bind
 *   vsso FILE STRIDE REG:MASK[:SLOT]...   the same for SO of a vertex
 *                                         shader's output without a GS, as
 *                                         the runtime does it: pShaderCode
 *                                         NULL, FILE's output signature as
 *                                         both signatures; bound as the GS
 *   sobuffer BYTES      a zeroed VB|SO buffer, SoSetTargets(slot 0, offset 0)
 *   sotargets off       SoSetTargets with nothing bound
 *   nogs                unbind the geometry shader
 *   vbso STRIDE         the SO buffer as vertex buffer 0
 *   drawauto            DrawAuto
 */
#include "scene_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* vsso: CreateGeometryShaderWithStreamOutput with no code and the output
 * signature of the vertex shader in `data` (driver memory kept with the
 * scene's shader memory, freed after the device). */
static int vs_so(struct scene *s, void *data, uint32_t size, const D3D10DDIARG_STREAM_OUTPUT_DECLARATION_ENTRY *decl,
                 unsigned nd, unsigned stride)
{
    struct sm4_dxbc dx;
    if (sm4_dxbc_parse(data, size, &dx) || !dx.has_osgn)
        return scene_fail(s, "vsso: no output signature in the DXBC");
    D3D10DDIARG_SIGNATURE_ENTRY sig_e[SM4_MAX_SIG];
    for (uint32_t i = 0; i < dx.osgn.count && i < SM4_MAX_SIG; i++) {
        sig_e[i].SystemValue = (D3D10_SB_NAME)dx.osgn.elem[i].system_value;
        sig_e[i].Register = dx.osgn.elem[i].reg;
        sig_e[i].Mask = dx.osgn.elem[i].mask;
    }
    D3D10DDIARG_STAGE_IO_SIGNATURES sig = {sig_e, dx.osgn.count, sig_e, dx.osgn.count};
    D3D10DDIARG_CREATEGEOMETRYSHADERWITHSTREAMOUTPUT so = {NULL, decl, nd, stride};
    if (s->nshader_mem == 8)
        return scene_fail(s, "too many shaders");
    void *mem = calloc(1, s->f->pfnCalcPrivateGeometryShaderWithStreamOutput(s->dev, &so, &sig));
    if (!mem)
        return scene_fail(s, "out of memory");
    s->shader_mem[s->nshader_mem++] = mem;
    D3D10DDI_HSHADER h = {mem};
    s->f->pfnCreateGeometryShaderWithStreamOutput(s->dev, &so, h, (D3D10DDI_HRTSHADER){NULL}, &sig);
    if (d3drt_failed(s->rt))
        return scene_fail(s, "vsso: %s", d3drt_error(s->rt));
    s->f->pfnGsSetShader(s->dev, h);
    return 0;
}

static int cmd_gsso(struct scene *s, char **tok, int n)
{
    D3D10DDIARG_STREAM_OUTPUT_DECLARATION_ENTRY decl[16];
    unsigned stride, nd = 0;
    bool vs = !strcmp(tok[0], "vsso");
    if (n < 4 || n - 3 > 16 || !scene_parse_uint(tok[2], &stride))
        return scene_fail(s, "usage: %s FILE STRIDE REG:MASK[:SLOT]...", tok[0]);
    for (int i = 3; i < n; i++) {
        char buf[32];
        snprintf(buf, sizeof(buf), "%s", tok[i]);
        char *m = strchr(buf, ':');
        char *slot = m ? strchr(m + 1, ':') : NULL;
        if (!m)
            return scene_fail(s, "bad SO entry '%s' (REG:MASK[:SLOT])", tok[i]);
        *m++ = 0;
        if (slot)
            *slot++ = 0;
        unsigned reg, sl = 0;
        BYTE mask = 0;
        if (!scene_parse_uint(buf, &reg) || (slot && !scene_parse_uint(slot, &sl)))
            return scene_fail(s, "bad SO entry '%s'", tok[i]);
        for (const char *c = m; *c; c++) {
            const char *p = strchr("xyzw", *c);
            if (!p)
                return scene_fail(s, "bad SO mask '%s'", m);
            mask |= (BYTE)(1u << (p - "xyzw"));
        }
        decl[nd++] = (D3D10DDIARG_STREAM_OUTPUT_DECLARATION_ENTRY){sl, reg, mask};
    }
    if (s->nshader_mem == 8)
        return scene_fail(s, "too many shaders");
    void *data = NULL;
    uint32_t size = 0;
    if (scene_read_file(s, tok[1], &data, &size))
        return -1;
    if (vs) { /* the driver copies what it needs: the file can go */
        int rc = vs_so(s, data, size, decl, nd, stride);
        free(data);
        return rc;
    }
    s->shader_mem[s->nshader_mem++] = data;
    struct sm4_dxbc dx;
    D3D10DDI_HSHADER h = d3drt_shader_so(s->rt, data, size, &dx, decl, nd, stride);
    if (!h.pDrvPrivate)
        return scene_fail(s, "shader %s: %s", tok[1], d3drt_error(s->rt));
    s->f->pfnGsSetShader(s->dev, h);
    return 0;
}

int scene_so_directive(struct scene *s, char **tok, int n)
{
    const char *c = tok[0];
    unsigned v;
    if (!strcmp(c, "gsso") || !strcmp(c, "vsso"))
        return cmd_gsso(s, tok, n);
    if (!strcmp(c, "sobuffer")) {
        if (n != 2 || !scene_parse_uint(tok[1], &v) || !v || v % 4)
            return scene_fail(s, "usage: sobuffer BYTES (a multiple of 4)");
        void *zero = calloc(1, v);
        if (!zero)
            return scene_fail(s, "out of memory");
        s->sobuf = scene_make_buffer(s, D3D10_DDI_BIND_VERTEX_BUFFER | D3D10_DDI_BIND_STREAM_OUTPUT, zero, v);
        free(zero);
        if (!s->sobuf.pDrvPrivate)
            return scene_fail(s, "cannot create the SO buffer");
        UINT off = 0;
        s->f->pfnSoSetTargets(s->dev, 1, 0, &s->sobuf, &off);
        return 0;
    }
    if (!strcmp(c, "sotargets")) {
        if (n != 2 || strcmp(tok[1], "off"))
            return scene_fail(s, "usage: sotargets off");
        s->f->pfnSoSetTargets(s->dev, 0, 4, NULL, NULL);
        return 0;
    }
    if (!strcmp(c, "nogs")) {
        s->f->pfnGsSetShader(s->dev, (D3D10DDI_HSHADER){NULL});
        return 0;
    }
    if (!strcmp(c, "vbso")) {
        if (n != 2 || !scene_parse_uint(tok[1], &v) || !s->sobuf.pDrvPrivate)
            return scene_fail(s, "usage: vbso STRIDE (after sobuffer)");
        UINT off = 0;
        s->f->pfnIaSetVertexBuffers(s->dev, 0, 1, &s->sobuf, &v, &off);
        return 0;
    }
    if (!strcmp(c, "drawauto")) {
        if (scene_flush_layout(s))
            return -1;
        s->f->pfnDrawAuto(s->dev);
        return 0;
    }
    return 1;
}
