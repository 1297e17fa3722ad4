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
 * still finds it after SoSetTargets unbound it.
 *
 * D3D10's "SO without a GS" reaches the driver as pShaderCode == NULL with
 * the signature of the vertex shader's output (the application handed the
 * runtime a VS or just its output signature).  GL only captures from the
 * last vertex stage with SO info attached, so the object becomes a
 * pass-through GS written here as TGSI text: every output register of the
 * signature copied from each input vertex, SV_Position as POSITION and
 * register N as GENERIC[N] (the SM4 translator's linking convention).  GL
 * needs the GS input primitive to match the draw, so one variant per
 * primitive class (points, lines, triangles, lines/triangles with
 * adjacency, whose extra vertices D3D drops) is made at creation, and a
 * draw binds the one of its topology (umd_so_pick_gs) — nothing is built
 * per draw.  Clip/cull distances in that signature are reported E_NOTIMPL.
 * A vertex shader's code handed in pShaderCode is E_NOTIMPL as well
 * (umd_state.c): the runtime never does that.
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

/* ---- pass-through GS for SO of the vertex shader's output --------------- */
enum { CLS_POINTS, CLS_LINES, CLS_TRIS, CLS_LINES_ADJ, CLS_TRIS_ADJ };

static uint32_t prim_class(uint32_t prim)
{
    switch (prim) {
    case VIRGL_PRIM_POINTS: return CLS_POINTS;
    case VIRGL_PRIM_LINES:
    case VIRGL_PRIM_LINE_STRIP: return CLS_LINES;
    case VIRGL_PRIM_LINES_ADJ:
    case VIRGL_PRIM_LINE_STRIP_ADJ: return CLS_LINES_ADJ;
    case VIRGL_PRIM_TRIANGLES_ADJ:
    case VIRGL_PRIM_TRIANGLE_STRIP_ADJ: return CLS_TRIS_ADJ;
    default: return CLS_TRIS;
    }
}

/* A bounded text buffer; `over` records that something did not fit. */
struct ptext {
    char *buf;
    uint32_t len, cap;
    bool over;
};
static void put_s(struct ptext *t, const char *s)
{
    for (; *s; s++) {
        if (t->len + 1 >= t->cap) {
            t->over = true;
            return;
        }
        t->buf[t->len++] = *s;
    }
    t->buf[t->len] = 0;
}
static void put_u(struct ptext *t, uint32_t v)
{
    char d[11];
    int n = 0;
    do {
        d[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    char s[12];
    for (int i = 0; i < n; i++)
        s[i] = d[n - 1 - i];
    s[n] = 0;
    put_s(t, s);
}

/* The pass-through GS of class `cls` over `nreg` registers (reg[k] is the
 * D3D register of TGSI index k, pos its SV_Position index or -1). */
static void passthru_text(struct ptext *t, uint32_t cls, const uint8_t *reg, uint32_t nreg, int pos)
{
    static const char *const in_prim[UMD_SO_CLASSES] = {"POINTS", "LINES", "TRIANGLES", "LINES_ADJACENCY",
                                                        "TRIANGLES_ADJACENCY"};
    static const char *const out_prim[UMD_SO_CLASSES] = {"POINTS", "LINE_STRIP", "TRIANGLE_STRIP", "LINE_STRIP",
                                                         "TRIANGLE_STRIP"};
    /* the input vertices that make the primitive (adjacency ones dropped) */
    static const uint8_t verts[UMD_SO_CLASSES][4] = {{1, 0}, {2, 0, 1}, {3, 0, 1, 2}, {2, 1, 2}, {3, 0, 2, 4}};
    put_s(t, "GEOM\nPROPERTY GS_INPUT_PRIMITIVE ");
    put_s(t, in_prim[cls]);
    put_s(t, "\nPROPERTY GS_OUTPUT_PRIMITIVE ");
    put_s(t, out_prim[cls]);
    put_s(t, "\nPROPERTY GS_MAX_OUTPUT_VERTICES ");
    put_u(t, verts[cls][0]);
    put_s(t, "\n");
    for (int io = 0; io < 2; io++)
        for (uint32_t k = 0; k < nreg; k++) {
            put_s(t, io ? "DCL OUT[" : "DCL IN[][");
            put_u(t, k);
            if ((int)k == pos) {
                put_s(t, "], POSITION\n");
            } else {
                put_s(t, "], GENERIC[");
                put_u(t, reg[k]);
                put_s(t, "]\n");
            }
        }
    put_s(t, "IMM[0] UINT32 {0, 0, 0, 0}\n");
    for (uint32_t v = 1; v <= verts[cls][0]; v++) {
        for (uint32_t k = 0; k < nreg; k++) {
            put_s(t, "MOV OUT[");
            put_u(t, k);
            put_s(t, "], IN[");
            put_u(t, verts[cls][v]);
            put_s(t, "][");
            put_u(t, k);
            put_s(t, "]\n");
        }
        put_s(t, "EMIT IMM[0].xxxx\n");
    }
    put_s(t, "ENDPRIM IMM[0].xxxx\nEND\n");
}

static void create_passthru(struct umd_device *d, const D3D10DDIARG_CREATEGEOMETRYSHADERWITHSTREAMOUTPUT *a,
                            struct umd_shader *sh, const D3D10DDIARG_STAGE_IO_SIGNATURES *sig)
{
    /* The VS's outputs: the output signature, or the input one if the
     * runtime filled only that (both describe the same registers). */
    const D3D10DDIARG_SIGNATURE_ENTRY *e = sig->pOutputSignature;
    UINT n = sig->NumOutputSignatureEntries;
    if (!e || !n) {
        e = sig->pInputSignature;
        n = sig->NumInputSignatureEntries;
    }
    uint32_t used = 0, position = 0;
    for (UINT i = 0; e && i < n; i++) {
        if (e[i].Register >= 32) {
            umd_set_error(d, E_INVALIDARG);
            return;
        }
        if (e[i].SystemValue != D3D10_SB_NAME_UNDEFINED && e[i].SystemValue != D3D10_SB_NAME_POSITION) {
            umd_set_error(d, E_NOTIMPL); /* clip/cull distances are not passed through */
            return;
        }
        used |= 1u << e[i].Register;
        if (e[i].SystemValue == D3D10_SB_NAME_POSITION)
            position |= 1u << e[i].Register;
    }
    if (!used) {
        umd_set_error(d, E_INVALIDARG);
        return;
    }
    uint8_t out_map[32], reg[32];
    uint32_t nreg = 0;
    int pos = -1;
    for (uint32_t r = 0; r < 32; r++) {
        out_map[r] = 0xff;
        if (!(used & (1u << r)))
            continue;
        if ((position & (1u << r)) && pos < 0)
            pos = (int)nreg;
        out_map[r] = (uint8_t)nreg;
        reg[nreg++] = (uint8_t)r;
    }
    struct virgl_so_info soi;
    if (umd_so_info(a, out_map, &soi)) {
        umd_set_error(d, E_INVALIDARG);
        return;
    }
    /* 32 registers x 3 vertices of ~24-byte MOVs fit with room to spare */
    char text[6144];
    sh->type = VIRGL_SHADER_GEOMETRY;
    sh->nunits = 0;
    sh->num_inputs = sh->num_outputs = nreg;
    sh->num_clipdist = 0;
    sh->uses_rast_cb = false;
    for (uint32_t c = 0; c < UMD_SO_CLASSES; c++) {
        struct ptext t = {text, 0, sizeof(text), false};
        passthru_text(&t, c, reg, nreg, pos);
        if (t.over) {
            umd_set_error(d, E_OUTOFMEMORY);
            break;
        }
        sh->passthru[c] = umd_new_handle(d);
        virgl_enc_create_shader(&d->enc, sh->passthru[c], VIRGL_SHADER_GEOMETRY, text, t.len, 0, &soi);
    }
    if (d->enc.error || !sh->passthru[UMD_SO_CLASSES - 1]) {
        umd_so_destroy_shader(d, sh);
        umd_check_enc(d);
        return;
    }
    sh->handle = sh->passthru[CLS_TRIS];
    umd_check_enc(d);
}

void umd_so_destroy_shader(struct umd_device *d, struct umd_shader *sh)
{
    for (uint32_t c = 0; c < UMD_SO_CLASSES; c++) {
        if (sh->passthru[c])
            virgl_enc_destroy_object(&d->enc, VIRGL_OBJECT_SHADER, sh->passthru[c]);
        sh->passthru[c] = 0;
    }
    if (d->shader[UMD_GS] == sh)
        d->gs_bound = 0;
    sh->handle = 0;
}

void umd_so_pick_gs(struct umd_device *d)
{
    struct umd_shader *gs = d->shader[UMD_GS];
    if (!gs || !gs->passthru[0])
        return;
    uint32_t h = gs->passthru[prim_class(d->prim)];
    if (h == d->gs_bound)
        return;
    virgl_enc_bind_shader(&d->enc, h, VIRGL_SHADER_GEOMETRY);
    d->gs_bound = h;
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
    for (uint32_t c = 0; c < UMD_SO_CLASSES; c++)
        sh->passthru[c] = 0;
    if (!a || !sig) {
        umd_set_error(d, E_INVALIDARG);
        return;
    }
    if (!a->pShaderCode) {
        create_passthru(d, a, sh, sig);
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
