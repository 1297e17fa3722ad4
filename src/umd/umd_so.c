/*
 * umd_so.c — stream output: geometry shaders with an SO declaration,
 * SoSetTargets and DrawAuto.
 *
 * The runtime creates the shader with CreateGeometryShaderWithStreamOutput
 * (D3D output registers + component masks per output slot), binds buffers
 * with SoSetTargets (offset 0xffffffff = append after what the buffer
 * already holds), draws, then may bind the buffer as vertex buffer 0 and
 * call DrawAuto to draw exactly the vertices captured.
 *
 * virgl attaches the SO layout to the shader (OUT[n] components per
 * buffer, translated through the SM4 translator's out_map) and needs an
 * SO target object per buffer; the host tracks how much each target holds,
 * so DrawAuto names the vertex buffer's target (count_from_so).  A
 * resource keeps its target object until it is destroyed, so DrawAuto
 * still finds it after SoSetTargets unbound it.  Only real geometry
 * shaders carry SO here: a vertex shader handed to
 * CreateGeometryShaderWithStreamOutput (D3D10's "SO without a GS") is
 * reported E_NOTIMPL.
 */
#include "umd_priv.h"

#define UMD_MAX_SO 4

int umd_so_info(const D3D10DDIARG_CREATEGEOMETRYSHADERWITHSTREAMOUTPUT *a, const uint8_t *out_map,
                struct virgl_so_info *so)
{
    uint32_t used[UMD_MAX_SO] = {0}, slots = 0;
    for (size_t i = 0; i < sizeof(*so); i++)
        ((uint8_t *)so)[i] = 0;
    if (!a->pOutputStreamDecl || a->NumEntries == 0 || a->NumEntries > VIRGL_MAX_SO_OUTPUTS)
        return -1;
    for (UINT i = 0; i < a->NumEntries; i++) {
        const D3D10DDIARG_STREAM_OUTPUT_DECLARATION_ENTRY *e = &a->pOutputStreamDecl[i];
        uint32_t mask = e->RegisterMask & 0xf;
        if (e->OutputSlot >= UMD_MAX_SO || e->RegisterIndex >= 32 || !mask)
            return -1;
        uint32_t start = (uint32_t)__builtin_ctz(mask), num = (uint32_t)__builtin_popcount(mask);
        if ((mask >> start) != (1u << num) - 1) /* D3D masks are contiguous */
            return -1;
        if (out_map[e->RegisterIndex] == 0xff)
            return -1;
        struct virgl_so_output *o = &so->output[i];
        o->register_index = out_map[e->RegisterIndex];
        o->start_component = (uint8_t)start;
        o->num_components = (uint8_t)num;
        o->output_buffer = (uint8_t)e->OutputSlot;
        o->dst_offset = (uint16_t)used[e->OutputSlot];
        used[e->OutputSlot] += num;
        slots |= 1u << e->OutputSlot;
    }
    so->num_outputs = a->NumEntries;
    for (uint32_t b = 0; b < UMD_MAX_SO; b++)
        so->stride[b] = used[b];
    /* One buffer: its stride is the declared one (it may leave gaps). */
    if ((slots & (slots - 1)) == 0 && a->StreamOutputStrideInBytes) {
        uint32_t b = (uint32_t)__builtin_ctz(slots);
        if (a->StreamOutputStrideInBytes % 4 || a->StreamOutputStrideInBytes / 4 < used[b])
            return -1;
        so->stride[b] = a->StreamOutputStrideInBytes / 4;
    }
    return 0;
}

static SIZE_T APIENTRY umd_calc_gs_so(D3D10DDI_HDEVICE hd, const D3D10DDIARG_CREATEGEOMETRYSHADERWITHSTREAMOUTPUT *a,
                                      const D3D10DDIARG_STAGE_IO_SIGNATURES *sig)
{
    (void)hd; (void)a; (void)sig;
    return sizeof(struct umd_shader);
}

static VOID APIENTRY umd_create_gs_so(D3D10DDI_HDEVICE hd, const D3D10DDIARG_CREATEGEOMETRYSHADERWITHSTREAMOUTPUT *a,
                                      D3D10DDI_HSHADER hs, D3D10DDI_HRTSHADER rs,
                                      const D3D10DDIARG_STAGE_IO_SIGNATURES *sig)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_shader *sh = hs.pDrvPrivate;
    (void)rs;
    sh->handle = 0;
    if (!a || !a->pShaderCode) {
        umd_set_error(d, E_NOTIMPL); /* SO of the VS output with no GS */
        return;
    }
    umd_create_shader(d, a->pShaderCode, sh, UMD_GS, sig, a);
}

static void ensure_target(struct umd_device *d, struct umd_resource *r, uint32_t offset)
{
    if (r->so_target && r->so_offset == offset)
        return;
    if (r->so_target)
        virgl_enc_destroy_object(&d->enc, VIRGL_OBJECT_STREAMOUT_TARGET, r->so_target);
    r->so_target = umd_new_handle(d);
    r->so_offset = offset;
    virgl_enc_create_so_target(&d->enc, r->so_target, umd_ref(d, r), offset, r->width > offset ? r->width - offset : 0);
}

static VOID APIENTRY umd_so_set_targets(D3D10DDI_HDEVICE hd, UINT n, UINT clear, const D3D10DDI_HRESOURCE *res,
                                        const UINT *offsets)
{
    struct umd_device *d = umd_dev(hd);
    uint32_t handles[UMD_MAX_SO] = {0}, append = 0, count = 0;
    (void)clear; /* slots past n are unbound by sending only n */
    for (UINT i = 0; i < n && i < UMD_MAX_SO; i++) {
        struct umd_resource *r = res ? res[i].pDrvPrivate : NULL;
        if (!r || !r->res_id)
            continue;
        uint32_t off = offsets ? offsets[i] : 0;
        if (off == 0xffffffffu) {
            append |= 1u << i; /* continue where the last capture ended */
            ensure_target(d, r, r->so_target ? r->so_offset : 0);
        } else if (off >= r->width) {
            umd_set_error(d, E_INVALIDARG);
            return;
        } else {
            ensure_target(d, r, off);
        }
        handles[i] = r->so_target;
        count = i + 1;
    }
    virgl_enc_set_streamout_targets(&d->enc, append, count, handles);
    umd_check_enc(d);
}

static VOID APIENTRY umd_draw_auto(D3D10DDI_HDEVICE hd)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_resource *r = d->vb_res[0];
    /* Nothing was ever captured into vertex buffer 0: nothing to draw. */
    if (!r || !r->so_target)
        return;
    umd_draw_so(d, r->so_target);
}

void umd_so_destroy_target(struct umd_device *d, struct umd_resource *r)
{
    if (r->so_target)
        virgl_enc_destroy_object(&d->enc, VIRGL_OBJECT_STREAMOUT_TARGET, r->so_target);
    r->so_target = 0;
}

void umd_so_funcs(D3D10DDI_DEVICEFUNCS *f)
{
    f->pfnCalcPrivateGeometryShaderWithStreamOutput = umd_calc_gs_so;
    f->pfnCreateGeometryShaderWithStreamOutput = umd_create_gs_so;
    f->pfnSoSetTargets = umd_so_set_targets;
    f->pfnDrawAuto = umd_draw_auto;
}
