/*
 * umd_state.c — state objects, shaders and input layouts.
 *
 * Each Create* translates the D3D10 description into the virgl object once
 * and remembers only its handle; Set* later binds the handle (umd_draw.c),
 * so a state change costs a few dwords.  Shaders are SM4 token streams
 * (the SHDR chunk the runtime extracted, version token first) translated
 * to TGSI by src/sm4 with D3D constant buffer N as TGSI CONST[N + 1]
 * (virgl keeps CONST[0] for plain uniforms), so constant buffers bind as
 * virgl uniform blocks N + 1.
 */
#include "umd_priv.h"

#include "sm4/sm4.h"
#include "virgl/virgl_format.h"

static uint8_t blend_factor(D3D10_DDI_BLEND b)
{
    switch (b) {
    case D3D10_DDI_BLEND_ZERO: return VIRGL_BLENDFACTOR_ZERO;
    case D3D10_DDI_BLEND_ONE: return VIRGL_BLENDFACTOR_ONE;
    case D3D10_DDI_BLEND_SRC_COLOR: return VIRGL_BLENDFACTOR_SRC_COLOR;
    case D3D10_DDI_BLEND_INV_SRC_COLOR: return VIRGL_BLENDFACTOR_INV_SRC_COLOR;
    case D3D10_DDI_BLEND_SRC_ALPHA: return VIRGL_BLENDFACTOR_SRC_ALPHA;
    case D3D10_DDI_BLEND_INV_SRC_ALPHA: return VIRGL_BLENDFACTOR_INV_SRC_ALPHA;
    case D3D10_DDI_BLEND_DEST_ALPHA: return VIRGL_BLENDFACTOR_DST_ALPHA;
    case D3D10_DDI_BLEND_INV_DEST_ALPHA: return VIRGL_BLENDFACTOR_INV_DST_ALPHA;
    case D3D10_DDI_BLEND_DEST_COLOR: return VIRGL_BLENDFACTOR_DST_COLOR;
    case D3D10_DDI_BLEND_INV_DEST_COLOR: return VIRGL_BLENDFACTOR_INV_DST_COLOR;
    case D3D10_DDI_BLEND_SRC_ALPHASAT: return VIRGL_BLENDFACTOR_SRC_ALPHA_SATURATE;
    case D3D10_DDI_BLEND_BLEND_FACTOR: return VIRGL_BLENDFACTOR_CONST_COLOR;
    case D3D10_DDI_BLEND_INVBLEND_FACTOR: return VIRGL_BLENDFACTOR_INV_CONST_COLOR;
    case D3D10_DDI_BLEND_SRC1_COLOR: return VIRGL_BLENDFACTOR_SRC1_COLOR;
    case D3D10_DDI_BLEND_INV_SRC1_COLOR: return VIRGL_BLENDFACTOR_INV_SRC1_COLOR;
    case D3D10_DDI_BLEND_SRC1_ALPHA: return VIRGL_BLENDFACTOR_SRC1_ALPHA;
    case D3D10_DDI_BLEND_INV_SRC1_ALPHA: return VIRGL_BLENDFACTOR_INV_SRC1_ALPHA;
    default: return VIRGL_BLENDFACTOR_ONE;
    }
}
/* D3D numbers blend ops, comparisons and stencil ops from 1; virgl
 * (gallium) from 0 with the same order for the first two. */
static uint8_t blend_op(D3D10_DDI_BLEND_OP o) { return o >= 1 && o <= 5 ? (uint8_t)(o - 1) : VIRGL_BLEND_ADD; }
static uint8_t cmp_func(D3D10_DDI_COMPARISON_FUNC f) { return f >= 1 && f <= 8 ? (uint8_t)(f - 1) : VIRGL_FUNC_ALWAYS; }
static uint8_t stencil_op(D3D10_DDI_STENCIL_OP o)
{
    static const uint8_t map[9] = {VIRGL_STENCIL_OP_KEEP, VIRGL_STENCIL_OP_KEEP, VIRGL_STENCIL_OP_ZERO,
                                   VIRGL_STENCIL_OP_REPLACE, VIRGL_STENCIL_OP_INCR, VIRGL_STENCIL_OP_DECR,
                                   VIRGL_STENCIL_OP_INVERT, VIRGL_STENCIL_OP_INCR_WRAP,
                                   VIRGL_STENCIL_OP_DECR_WRAP};
    return (unsigned)o < 9 ? map[o] : VIRGL_STENCIL_OP_KEEP;
}

static SIZE_T calc_state(void) { return sizeof(struct umd_state); }
static SIZE_T APIENTRY umd_calc_blend(D3D10DDI_HDEVICE hd, const D3D10_DDI_BLEND_DESC *a) { (void)hd; (void)a; return calc_state(); }
static SIZE_T APIENTRY umd_calc_blend1(D3D10DDI_HDEVICE hd, const D3D10_1_DDI_BLEND_DESC *a) { (void)hd; (void)a; return calc_state(); }
static SIZE_T APIENTRY umd_calc_dsa(D3D10DDI_HDEVICE hd, const D3D10_DDI_DEPTH_STENCIL_DESC *a) { (void)hd; (void)a; return calc_state(); }
static SIZE_T APIENTRY umd_calc_rs(D3D10DDI_HDEVICE hd, const D3D10_DDI_RASTERIZER_DESC *a) { (void)hd; (void)a; return calc_state(); }
static SIZE_T APIENTRY umd_calc_sampler(D3D10DDI_HDEVICE hd, const D3D10_DDI_SAMPLER_DESC *a) { (void)hd; (void)a; return calc_state(); }

static void finish_state(struct umd_device *d, struct umd_state *s)
{
    if (d->enc.error)
        s->handle = 0;
    umd_check_enc(d);
}

static VOID APIENTRY umd_create_blend1(D3D10DDI_HDEVICE hd, const D3D10_1_DDI_BLEND_DESC *a, D3D10DDI_HBLENDSTATE hs,
                                       D3D10DDI_HRTBLENDSTATE rs)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_state *s = hs.pDrvPrivate;
    struct virgl_blend_state b = {0};
    (void)rs;
    b.independent_blend = a->IndependentBlendEnable ? 1 : 0;
    b.alpha_to_coverage = a->AlphaToCoverageEnable ? 1 : 0;
    for (int i = 0; i < D3D10_DDI_SIMULTANEOUS_RENDER_TARGET_COUNT; i++) {
        const D3D10_DDI_RENDER_TARGET_BLEND_DESC1 *t = &a->RenderTarget[a->IndependentBlendEnable ? i : 0];
        b.rt[i].enable = t->BlendEnable ? 1 : 0;
        b.rt[i].rgb_func = blend_op(t->BlendOp);
        b.rt[i].rgb_src = blend_factor(t->SrcBlend);
        b.rt[i].rgb_dst = blend_factor(t->DestBlend);
        b.rt[i].alpha_func = blend_op(t->BlendOpAlpha);
        b.rt[i].alpha_src = blend_factor(t->SrcBlendAlpha);
        b.rt[i].alpha_dst = blend_factor(t->DestBlendAlpha);
        b.rt[i].colormask = t->RenderTargetWriteMask & 0xf;
    }
    s->handle = umd_new_handle(d);
    virgl_enc_create_blend(&d->enc, s->handle, &b);
    finish_state(d, s);
}

static VOID APIENTRY umd_create_blend(D3D10DDI_HDEVICE hd, const D3D10_DDI_BLEND_DESC *a, D3D10DDI_HBLENDSTATE hs,
                                      D3D10DDI_HRTBLENDSTATE rs)
{
    /* D3D10.0 shares one function set across targets, with per-target
     * enable and write mask: the 10.1 form with independent blend. */
    D3D10_1_DDI_BLEND_DESC b1;
    b1.AlphaToCoverageEnable = a->AlphaToCoverageEnable;
    b1.IndependentBlendEnable = TRUE;
    for (int i = 0; i < D3D10_DDI_SIMULTANEOUS_RENDER_TARGET_COUNT; i++) {
        D3D10_DDI_RENDER_TARGET_BLEND_DESC1 *t = &b1.RenderTarget[i];
        t->BlendEnable = a->BlendEnable[i];
        t->SrcBlend = a->SrcBlend;
        t->DestBlend = a->DestBlend;
        t->BlendOp = a->BlendOp;
        t->SrcBlendAlpha = a->SrcBlendAlpha;
        t->DestBlendAlpha = a->DestBlendAlpha;
        t->BlendOpAlpha = a->BlendOpAlpha;
        t->RenderTargetWriteMask = a->RenderTargetWriteMask[i];
    }
    umd_create_blend1(hd, &b1, hs, rs);
}

static VOID APIENTRY umd_create_dsa(D3D10DDI_HDEVICE hd, const D3D10_DDI_DEPTH_STENCIL_DESC *a,
                                    D3D10DDI_HDEPTHSTENCILSTATE hs, D3D10DDI_HRTDEPTHSTENCILSTATE rs)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_state *s = hs.pDrvPrivate;
    struct virgl_dsa_state v = {0};
    (void)rs;
    v.depth_enable = a->DepthEnable ? 1 : 0;
    v.depth_writemask = a->DepthEnable && a->DepthWriteMask == D3D10_DDI_DEPTH_WRITE_MASK_ALL;
    v.depth_func = cmp_func(a->DepthFunc);
    const D3D10_DDI_DEPTH_STENCILOP_DESC *faces[2] = {&a->FrontFace, &a->BackFace};
    for (int i = 0; i < 2; i++) {
        struct virgl_stencil_face *f = &v.stencil[i];
        f->enable = a->StencilEnable ? 1 : 0;
        f->func = cmp_func(faces[i]->StencilFunc);
        f->fail_op = stencil_op(faces[i]->StencilFailOp);
        f->zfail_op = stencil_op(faces[i]->StencilDepthFailOp);
        f->zpass_op = stencil_op(faces[i]->StencilPassOp);
        f->valuemask = a->StencilReadMask;
        f->writemask = a->StencilWriteMask;
    }
    s->handle = umd_new_handle(d);
    virgl_enc_create_dsa(&d->enc, s->handle, &v);
    finish_state(d, s);
}

static VOID APIENTRY umd_create_rs(D3D10DDI_HDEVICE hd, const D3D10_DDI_RASTERIZER_DESC *a,
                                   D3D10DDI_HRASTERIZERSTATE hs, D3D10DDI_HRTRASTERIZERSTATE rs)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_state *s = hs.pDrvPrivate;
    struct virgl_rasterizer_state v = {0};
    (void)rs;
    uint32_t fill = a->FillMode == D3D10_DDI_FILL_WIREFRAME ? VIRGL_POLYGON_LINE : VIRGL_POLYGON_FILL;
    uint32_t cull = a->CullMode == D3D10_DDI_CULL_FRONT  ? VIRGL_FACE_FRONT
                    : a->CullMode == D3D10_DDI_CULL_BACK ? VIRGL_FACE_BACK
                                                         : VIRGL_FACE_NONE;
    /* D3D: z in [0, 1] after projection, pixel centres at .5.  The
     * viewport's negative y scale (umd_draw.c) makes window y grow
     * downwards like D3D's screen, so winding is judged on the same
     * coordinates: front_ccw is D3D's FrontCounterClockwise (checked by
     * the tut02 scene, which culls back faces). */
    v.s0 = VIRGL_RS_S0_CLIP_HALFZ | VIRGL_RS_S0_HALF_PIXEL_CENTER | VIRGL_RS_S0_FILL_FRONT(fill) |
           VIRGL_RS_S0_FILL_BACK(fill) | VIRGL_RS_S0_CULL_FACE(cull) | VIRGL_RS_S0_LINE_LAST_PIXEL;
    if (a->DepthClipEnable)
        v.s0 |= VIRGL_RS_S0_DEPTH_CLIP;
    if (a->ScissorEnable)
        v.s0 |= VIRGL_RS_S0_SCISSOR;
    if (a->MultisampleEnable)
        v.s0 |= VIRGL_RS_S0_MULTISAMPLE;
    if (a->FrontCounterClockwise)
        v.s0 |= VIRGL_RS_S0_FRONT_CCW;
    if (a->DepthBias || a->SlopeScaledDepthBias != 0.0f)
        v.s0 |= VIRGL_RS_S0_OFFSET_TRI | VIRGL_RS_S0_OFFSET_LINE | VIRGL_RS_S0_OFFSET_POINT;
    v.point_size = 1.0f;
    v.line_width = 1.0f;
    v.offset_units = (float)a->DepthBias;
    v.offset_scale = a->SlopeScaledDepthBias;
    v.offset_clamp = a->DepthBiasClamp;
    s->rs = v;
    s->clip_handle = 0;
    s->clip_n = 0;
    s->handle = umd_new_handle(d);
    virgl_enc_create_rasterizer(&d->enc, s->handle, &v);
    finish_state(d, s);
}

static uint8_t wrap_mode(D3D10_DDI_TEXTURE_ADDRESS_MODE m)
{
    switch (m) {
    case D3D10_DDI_TEXTURE_ADDRESS_MIRROR: return VIRGL_WRAP_MIRROR_REPEAT;
    case D3D10_DDI_TEXTURE_ADDRESS_CLAMP: return VIRGL_WRAP_CLAMP_TO_EDGE;
    case D3D10_DDI_TEXTURE_ADDRESS_BORDER: return VIRGL_WRAP_CLAMP_TO_BORDER;
    case D3D10_DDI_TEXTURE_ADDRESS_MIRRORONCE: return VIRGL_WRAP_MIRROR_CLAMP_TO_EDGE;
    default: return VIRGL_WRAP_REPEAT;
    }
}

static VOID APIENTRY umd_create_sampler(D3D10DDI_HDEVICE hd, const D3D10_DDI_SAMPLER_DESC *a, D3D10DDI_HSAMPLER hs,
                                        D3D10DDI_HRTSAMPLER rs)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_state *s = hs.pDrvPrivate;
    struct virgl_sampler_state v = {0};
    (void)rs;
    uint32_t f = (uint32_t)a->Filter;
    v.wrap_s = wrap_mode(a->AddressU);
    v.wrap_t = wrap_mode(a->AddressV);
    v.wrap_r = wrap_mode(a->AddressW);
    /* D3D10_DDI_FILTER bits: mip linear (0), mag linear (2), min linear
     * (4), anisotropic (6), comparison (7). */
    v.min_mip_filter = (f & 0x01) ? VIRGL_MIPFILTER_LINEAR : VIRGL_MIPFILTER_NEAREST;
    v.mag_img_filter = (f & 0x04) ? VIRGL_FILTER_LINEAR : VIRGL_FILTER_NEAREST;
    v.min_img_filter = (f & 0x10) ? VIRGL_FILTER_LINEAR : VIRGL_FILTER_NEAREST;
    v.max_anisotropy = (f & 0x40) ? (uint8_t)(a->MaxAnisotropy > 16 ? 16 : a->MaxAnisotropy) : 0;
    v.compare_mode = (f & 0x80) ? 1 : 0;
    v.compare_func = cmp_func(a->ComparisonFunc);
    v.seamless_cube_map = 1;
    v.lod_bias = a->MipLODBias;
    v.min_lod = a->MinLOD;
    v.max_lod = a->MaxLOD;
    for (int i = 0; i < 4; i++)
        v.border_color[i] = virgl_fui(a->BorderColor[i]);
    s->handle = umd_new_handle(d);
    virgl_enc_create_sampler_state(&d->enc, s->handle, &v);
    finish_state(d, s);
}

static void destroy_state(struct umd_device *d, struct umd_state *s, uint32_t type)
{
    if (s->handle)
        virgl_enc_destroy_object(&d->enc, type, s->handle);
    s->handle = 0;
    umd_check_enc(d);
}
static VOID APIENTRY umd_destroy_blend(D3D10DDI_HDEVICE hd, D3D10DDI_HBLENDSTATE h)
{
    destroy_state(umd_dev(hd), h.pDrvPrivate, VIRGL_OBJECT_BLEND);
}
static VOID APIENTRY umd_destroy_dsa(D3D10DDI_HDEVICE hd, D3D10DDI_HDEPTHSTENCILSTATE h)
{
    destroy_state(umd_dev(hd), h.pDrvPrivate, VIRGL_OBJECT_DSA);
}
static VOID APIENTRY umd_destroy_rs(D3D10DDI_HDEVICE hd, D3D10DDI_HRASTERIZERSTATE h)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_state *s = h.pDrvPrivate;
    if (s->clip_handle)
        virgl_enc_destroy_object(&d->enc, VIRGL_OBJECT_RASTERIZER, s->clip_handle);
    s->clip_handle = 0;
    if (d->rs == s)
        d->rs = NULL;
    destroy_state(d, s, VIRGL_OBJECT_RASTERIZER);
}
static VOID APIENTRY umd_destroy_sampler(D3D10DDI_HDEVICE hd, D3D10DDI_HSAMPLER h)
{
    destroy_state(umd_dev(hd), h.pDrvPrivate, VIRGL_OBJECT_SAMPLER_STATE);
}

/* ---- shaders -------------------------------------------------------------- */
static SIZE_T APIENTRY umd_calc_shader(D3D10DDI_HDEVICE hd, const UINT *code, const D3D10DDIARG_STAGE_IO_SIGNATURES *s)
{
    (void)hd; (void)code; (void)s;
    return sizeof(struct umd_shader);
}

/* The buffer behind UMD_RAST_CB: one per device, made at shader creation
 * so draws never allocate. */
static HRESULT rast_cb_alloc(struct umd_device *d)
{
    if (d->rast_halloc)
        return S_OK;
    struct viogpu_alloc_priv priv = {0};
    priv.abi_version = VIOGPU_ABI_VERSION;
    priv.size = sizeof(priv);
    priv.kind = VIOGPU_ALLOC_KIND_RESOURCE;
    priv.width = 16;
    priv.height = priv.depth = priv.array_size = 1;
    priv.format = VIRGL_FORMAT_R8_UNORM;
    priv.bind = VIRGL_BIND_CONSTANT_BUFFER;
    priv.target = VIRGL_TARGET_BUFFER;
    D3DDDI_ALLOCATIONINFO ai = {0};
    ai.pPrivateDriverData = &priv;
    ai.PrivateDriverDataSize = sizeof(priv);
    D3DDDICB_ALLOCATE al = {0};
    al.NumAllocations = 1;
    al.pAllocationInfo = &ai;
    HRESULT hr = d->kt->pfnAllocateCb(d->hrt.handle, &al);
    if (FAILED(hr))
        return hr;
    if (!priv.res_id)
        return E_OUTOFMEMORY;
    d->rast_halloc = ai.hAllocation;
    d->rast_res_id = priv.res_id;
    d->rast_samples = 0;
    return S_OK;
}

/* The runtime's signature entries as the translator's signature (no
 * semantic names: the translator needs registers, masks, system values). */
static void umd_sig_from_ddi(const D3D10DDIARG_SIGNATURE_ENTRY *e, UINT n, struct sm4_signature *out)
{
    out->count = 0;
    for (UINT i = 0; e && i < n && i < SM4_MAX_SIG; i++) {
        struct sm4_sig_elem *el = &out->elem[out->count++];
        *el = (struct sm4_sig_elem){0};
        el->name = "";
        el->system_value = (uint32_t)e[i].SystemValue;
        el->component_type = 3;
        el->reg = e[i].Register;
        el->mask = e[i].Mask;
        el->rw_mask = e[i].Mask;
    }
}

void umd_create_shader(struct umd_device *d, const UINT *code, struct umd_shader *sh, uint32_t stage,
                       const D3D10DDIARG_STAGE_IO_SIGNATURES *sig,
                       const D3D10DDIARG_CREATEGEOMETRYSHADERWITHSTREAMOUTPUT *so)
{
    sh->handle = 0;
    sh->num_clipdist = 0;
    sh->uses_rast_cb = false;
    for (uint32_t c = 0; c < UMD_SO_CLASSES; c++)
        sh->passthru[c] = 0; /* runtime memory: not zeroed for us */
    if (!code || code[1] < 2 || !sig) {
        umd_set_error(d, E_INVALIDARG);
        return;
    }
    sh->type = umd_stage_type[stage];
    sh->num_inputs = sig->NumInputSignatureEntries;
    sh->num_outputs = sig->NumOutputSignatureEntries;
    struct sm4_program *prog = NULL;
    struct sm4_error err;
    struct sm4_tgsi tg = {0};
    struct sm4_signature isgn; /* ~1.3 KB: fine on a DDI call's stack */
    umd_sig_from_ddi(sig->pInputSignature, sig->NumInputSignatureEntries, &isgn);
    struct sm4_tgsi_options opt = {.cb_base = 1, .rast_cb = UMD_RAST_CB, .isgn = &isgn};
    int rc = sm4_program_parse(&umd_platform, (const uint32_t *)code, code[1], &prog, &err);
    if (rc == SM4_OK) {
        uint32_t want = stage == UMD_VS ? SM4_VS : stage == UMD_PS ? SM4_PS : SM4_GS;
        if (prog->type != want)
            rc = so && prog->type == SM4_VS ? SM4_ERR_UNSUPPORTED : SM4_ERR_SHADER_TYPE;
    }
    if (rc == SM4_OK)
        rc = sm4_tgsi_translate(&umd_platform, prog, &opt, &tg, &err);
    if (rc == SM4_OK && tg.uses_rast_cb) {
        HRESULT hr = rast_cb_alloc(d);
        if (FAILED(hr)) {
            sm4_tgsi_release(&umd_platform, &tg);
            sm4_program_free(&umd_platform, prog);
            umd_set_error(d, hr);
            return;
        }
    }
    if (rc == SM4_OK) {
        sh->handle = umd_new_handle(d);
        sh->num_clipdist = tg.num_clipdist;
        sh->uses_rast_cb = tg.uses_rast_cb;
        sh->nunits = tg.nunits;
        for (uint32_t i = 0; i < tg.nunits && i < 32; i++) {
            sh->unit_res[i] = (uint8_t)tg.unit_res[i];
            sh->unit_samp[i] = tg.unit_samp[i] == 0xffffffffu ? 0xff : (uint8_t)tg.unit_samp[i];
        }
        struct virgl_so_info soi;
        if (so && umd_so_info(so, tg.out_map, &soi)) {
            umd_set_error(d, E_INVALIDARG);
            sh->handle = 0;
        } else {
            virgl_enc_create_shader(&d->enc, sh->handle, sh->type, tg.text, tg.text_len, 0, so ? &soi : NULL);
        }
        if (d->enc.error)
            sh->handle = 0;
        umd_check_enc(d);
        sm4_tgsi_release(&umd_platform, &tg);
    } else {
        umd_set_error(d, rc == SM4_ERR_UNSUPPORTED ? E_NOTIMPL : rc == SM4_ERR_NO_MEMORY ? E_OUTOFMEMORY
                                                                                         : E_INVALIDARG);
    }
    if (prog)
        sm4_program_free(&umd_platform, prog);
}

static VOID APIENTRY umd_create_vs(D3D10DDI_HDEVICE hd, const UINT *code, D3D10DDI_HSHADER hs, D3D10DDI_HRTSHADER rs,
                                   const D3D10DDIARG_STAGE_IO_SIGNATURES *sig)
{
    (void)rs;
    umd_create_shader(umd_dev(hd), code, hs.pDrvPrivate, UMD_VS, sig, NULL);
}
static VOID APIENTRY umd_create_ps(D3D10DDI_HDEVICE hd, const UINT *code, D3D10DDI_HSHADER hs, D3D10DDI_HRTSHADER rs,
                                   const D3D10DDIARG_STAGE_IO_SIGNATURES *sig)
{
    (void)rs;
    umd_create_shader(umd_dev(hd), code, hs.pDrvPrivate, UMD_PS, sig, NULL);
}
static VOID APIENTRY umd_create_gs(D3D10DDI_HDEVICE hd, const UINT *code, D3D10DDI_HSHADER hs, D3D10DDI_HRTSHADER rs,
                                   const D3D10DDIARG_STAGE_IO_SIGNATURES *sig)
{
    (void)rs;
    umd_create_shader(umd_dev(hd), code, hs.pDrvPrivate, UMD_GS, sig, NULL);
}
static VOID APIENTRY umd_destroy_shader(D3D10DDI_HDEVICE hd, D3D10DDI_HSHADER hs)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_shader *sh = hs.pDrvPrivate;
    if (sh->passthru[0])
        umd_so_destroy_shader(d, sh); /* its handle is one of the variants */
    else if (sh->handle)
        virgl_enc_destroy_object(&d->enc, VIRGL_OBJECT_SHADER, sh->handle);
    sh->handle = 0;
    umd_check_enc(d);
}

/* ---- input layouts -------------------------------------------------------- */
#define UMD_MAX_ELEMENTS 32
static SIZE_T APIENTRY umd_calc_layout(D3D10DDI_HDEVICE hd, const D3D10DDIARG_CREATEELEMENTLAYOUT *a)
{
    (void)hd; (void)a;
    return sizeof(struct umd_layout);
}

static VOID APIENTRY umd_create_layout(D3D10DDI_HDEVICE hd, const D3D10DDIARG_CREATEELEMENTLAYOUT *a,
                                       D3D10DDI_HELEMENTLAYOUT hl, D3D10DDI_HRTELEMENTLAYOUT rl)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_layout *l = hl.pDrvPrivate;
    struct virgl_vertex_element ve[UMD_MAX_ELEMENTS];
    uint32_t n = 0, next_off[UMD_MAX_VB] = {0};
    (void)rl;
    l->handle = 0;
    /* The host feeds vertex element i to shader input IN[i], and the SM4
     * translator keeps D3D input registers as TGSI indices: place each
     * element at its InputRegister, fill gaps with a harmless element. */
    for (uint32_t i = 0; i < UMD_MAX_ELEMENTS; i++)
        ve[i] = (struct virgl_vertex_element){0, 0, 0, VIRGL_FORMAT_R32_FLOAT};
    for (UINT i = 0; i < a->NumElements; i++) {
        const D3D10DDIARG_INPUT_ELEMENT_DESC *e = &a->pVertexElements[i];
        const struct virgl_format_desc *fd = virgl_format_from_dxgi(e->Format);
        if (e->InputRegister >= UMD_MAX_ELEMENTS || e->InputSlot >= UMD_MAX_VB || !fd) {
            umd_set_error(d, E_INVALIDARG);
            return;
        }
        uint32_t off = e->AlignedByteOffset == 0xffffffffu ? next_off[e->InputSlot] : e->AlignedByteOffset;
        next_off[e->InputSlot] = off + fd->block_bytes;
        ve[e->InputRegister].src_offset = off;
        ve[e->InputRegister].vertex_buffer_index = e->InputSlot;
        ve[e->InputRegister].src_format = fd->virgl;
        ve[e->InputRegister].instance_divisor =
            e->InputSlotClass == D3D10_DDI_INPUT_PER_INSTANCE_DATA ? (e->InstanceDataStepRate ? e->InstanceDataStepRate : 1) : 0;
        if (e->InputRegister + 1 > n)
            n = e->InputRegister + 1;
    }
    if (!n)
        n = 1;
    l->handle = umd_new_handle(d);
    virgl_enc_create_vertex_elements(&d->enc, l->handle, n, ve);
    if (d->enc.error)
        l->handle = 0;
    umd_check_enc(d);
}

static VOID APIENTRY umd_destroy_layout(D3D10DDI_HDEVICE hd, D3D10DDI_HELEMENTLAYOUT hl)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_layout *l = hl.pDrvPrivate;
    if (l->handle)
        virgl_enc_destroy_object(&d->enc, VIRGL_OBJECT_VERTEX_ELEMENTS, l->handle);
    l->handle = 0;
    umd_check_enc(d);
}

void umd_state_funcs(D3D10DDI_DEVICEFUNCS *f)
{
    f->pfnCalcPrivateBlendStateSize = umd_calc_blend;
    f->pfnCreateBlendState = umd_create_blend;
    f->pfnDestroyBlendState = umd_destroy_blend;
    f->pfnCalcPrivateDepthStencilStateSize = umd_calc_dsa;
    f->pfnCreateDepthStencilState = umd_create_dsa;
    f->pfnDestroyDepthStencilState = umd_destroy_dsa;
    f->pfnCalcPrivateRasterizerStateSize = umd_calc_rs;
    f->pfnCreateRasterizerState = umd_create_rs;
    f->pfnDestroyRasterizerState = umd_destroy_rs;
    f->pfnCalcPrivateSamplerSize = umd_calc_sampler;
    f->pfnCreateSampler = umd_create_sampler;
    f->pfnDestroySampler = umd_destroy_sampler;
    f->pfnCalcPrivateShaderSize = umd_calc_shader;
    f->pfnCreateVertexShader = umd_create_vs;
    f->pfnCreatePixelShader = umd_create_ps;
    f->pfnCreateGeometryShader = umd_create_gs;
    f->pfnDestroyShader = umd_destroy_shader;
    f->pfnCalcPrivateElementLayoutSize = umd_calc_layout;
    f->pfnCreateElementLayout = umd_create_layout;
    f->pfnDestroyElementLayout = umd_destroy_layout;
}

void umd_state_funcs_10_1(D3D10_1DDI_DEVICEFUNCS *f)
{
    f->pfnCalcPrivateBlendStateSize = umd_calc_blend1;
    f->pfnCreateBlendState = umd_create_blend1;
}
