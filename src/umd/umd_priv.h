/*
 * umd_priv.h — private types of the viogpu Direct3D 10/10.1 UMD.
 *
 * The UMD turns D3D10 DDI calls into a virgl command stream written
 * straight into the runtime's command buffer (pfnCreateContextCb gives it,
 * pfnRenderCb submits it and hands back the next one).  Every driver
 * object lives in memory the runtime owns (sized by CalcPrivate*Size); the
 * UMD only allocates at create time (shader translation), never per draw
 * (DESIGN §7).  Host resources are created by the KMD through pfnAllocateCb
 * with a struct viogpu_alloc_priv (include/viogpu/abi.h); the KMD's answer
 * (res_id) is the virgl resource handle the stream names.
 *
 * Files: umd_adapter.c (OpenAdapter10/_2, adapter funcs, caps),
 * umd_device.c (device, tables, submission, unimplemented entries),
 * umd_resource.c (resources, map, copies), umd_view.c (views, GenMips,
 * resolve), umd_state.c (state
 * objects, shaders, input layouts), umd_draw.c (binding, draws, clears),
 * umd_rename.c (DISCARD renaming), umd_query.c (queries, predication), umd_so.c (stream output, DrawAuto), umd_platform.c (heap for the
 * translator), umd_shared.c (shared resources, primaries, OpenResource).
 */
#ifndef UMD_PRIV_H
#define UMD_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "wddm/d3d10umddi.h"
#include "viogpu/abi.h"
#include "virgl/virgl_caps.h"
#include "virgl/virgl_enc.h"
#include "base/vg_platform.h"

#define UMD_DEVICE_MAGIC 0x44564755u /* "UGVD" */
#define UMD_MAX_VB 16
#define UMD_MAX_CB 14
#define UMD_MAX_SRV 128
#define UMD_MAX_SAMPLERS 16
#define UMD_MAX_RT 8
#define UMD_MAX_VP 16
#define UMD_STAGES 3 /* VS, PS, GS in virgl shader-type order below */
#define UMD_SO_CLASSES 5 /* primitive classes of a pass-through GS (umd_so.c) */

struct umd_adapter {
    D3D10DDI_HRTADAPTER hrt;
    const D3DDDI_ADAPTERCALLBACKS *cb;
    UINT interface_version;
    bool is_10_2; /* opened through OpenAdapter10_2 */
    struct viogpu_adapter_info info;
    struct virgl_caps caps;
};

struct umd_resource {
    uint32_t res_id;        /* virgl resource handle (from the KMD) */
    D3DKMT_HANDLE halloc;   /* the allocation */
    D3D10DDI_HRTRESOURCE hrt;
    uint32_t dim;           /* D3D10DDIRESOURCE_TYPE */
    uint32_t target;        /* VIRGL_TARGET_* */
    uint32_t format;        /* virgl format */
    uint32_t dxgi;
    uint32_t samples;       /* > 1: multisampled 2D render target */
    uint32_t bind, usage, map_flags;
    uint32_t width, height, depth, array_size, mips;
    uint32_t backing_size;
    uint32_t mapped_sub;    /* subresource + 1 while mapped, 0 otherwise */
    uint32_t vbind;         /* virgl bind flags of the host resource */
    uint32_t xfer_batch;    /* d->batch of the last upload from the backing, 0 none */
    uint32_t list_epoch, list_slot; /* umd_ref cache: halloc's entry in d->alist */
    D3DKMT_HANDLE list_halloc;
    /* umd_rename.c: the host resources a DISCARD map rotates through; the
     * current one is also in res_id/halloc.  nren 0: never renamed. */
    struct umd_backing {
        uint32_t res_id;
        D3DKMT_HANDLE halloc;
        uint32_t xfer_batch;
    } ren[8];
    uint32_t nren, cur;
    uint32_t so_target;     /* virgl SO target object, 0 until bound for SO */
    uint32_t so_offset;     /* its buffer offset */
    uint32_t map_type;
    /* umd_view.c: the views created on this driver object (they follow it
     * through renames and identity rotations, umd_views_repoint). */
    struct umd_view *views;
    /* umd_shared.c: VIOGPU_RESOURCE_FLAG_* of a shared resource or primary
     * (0 otherwise), the scan-out source of a primary, and whether this
     * device opened it (OpenResource) rather than created it. */
    uint32_t share_flags;
    uint32_t vidpn_source;
    bool opened;
};

struct umd_view {
    struct umd_resource *res;
    struct umd_view *next, *prev; /* res->views */
    uint32_t kind;          /* UMD_VIEW_* */
    uint32_t handle;        /* virgl surface or sampler-view handle */
    uint32_t format;
    uint32_t first_level, last_level;   /* SRVs: the mip range; surfaces: first_level */
    uint32_t first_layer, last_layer;
    uint32_t first_el, last_el;         /* buffer views: element range */
    /* Buffer RTVs (umd_view.c): the host cannot attach a buffer to a
     * framebuffer, so the surface is on `shadow`, a 1-row 2D texture of the
     * element range (in the view's private memory), loaded from the buffer
     * when bound and copied back when unbound or read. */
    struct umd_resource *shadow;
    struct umd_view *bnext;             /* d->buf_rtvs */
    bool fb_bound;                      /* in the framebuffer last emitted */
};
enum { UMD_VIEW_RTV = 1, UMD_VIEW_DSV, UMD_VIEW_SRV };

struct umd_state {
    uint32_t handle;        /* virgl object handle */
    /* Rasterizer states only: GL clips on enabled planes alone, and D3D
     * has no such switch (SV_ClipDistance in the shader is enough), so a
     * variant with clip_plane_enable = (1 << clip_n) - 1 is made for the
     * bound VS/GS when it writes clip distances (umd_draw.c). */
    struct virgl_rasterizer_state rs;
    uint32_t clip_handle;
    uint8_t clip_n;
};

/* virgl rasterizer dword S3: bits 24..31 are clip_plane_enable. */
#define UMD_RS_S3_CLIP_PLANE_ENABLE(x) (((uint32_t)(x) & 0xffu) << 24)
/* TGSI constant buffer of the `rasterizer` operand (sampleinfo/samplepos):
 * D3D cb N is CONST[N + 1], so 1 + 14 is the first free one. */
#define UMD_RAST_CB (1 + UMD_MAX_CB)

struct umd_shader {
    uint32_t handle;
    uint32_t type;          /* VIRGL_SHADER_* */
    uint32_t nunits;
    uint8_t unit_res[32];
    uint8_t unit_samp[32];  /* 0xff: no sampler */
    uint32_t num_inputs, num_outputs; /* from the runtime's signatures */
    uint8_t num_clipdist;   /* SV_ClipDistance components written */
    bool uses_rast_cb;      /* reads CONST[UMD_RAST_CB] (render target samples) */
    /* umd_so.c: SO of the VS output with no GS code is a pass-through GS,
     * one per input primitive class (UMD_SO_CLASSES); 0 for other shaders.
     * `handle` is the triangle one; draws bind the one of their topology. */
    uint32_t passthru[UMD_SO_CLASSES];
};

struct umd_layout {
    uint32_t handle;
};

struct umd_device {
    uint32_t magic;
    struct umd_adapter *adapter;
    UINT interface_version;
    D3D10DDI_HRTDEVICE hrt;
    D3D10DDI_HRTCORELAYER hcore;
    const D3DDDI_DEVICECALLBACKS *kt;
    const D3D10DDI_CORELAYER_DEVICECALLBACKS *um;
    HANDLE hcontext;
    struct virgl_enc enc;
    /* The runtime's command buffer starts with struct viogpu_cmdbuf_hdr;
     * the encoder writes the virgl dwords after it.  Resources are named by
     * VIOGPU_CMDBUF_REF(index into alist) (abi.h), see umd_ref(). */
    uint32_t *cmd_base;
    D3DDDI_ALLOCATIONLIST *alist;
    uint32_t alist_cap, nalist;
    uint32_t alist_epoch;      /* bumped whenever the list starts empty */
    bool alist_reset;          /* next flush starts an empty list */
    uint32_t next_handle;
    bool lost;              /* a submission failed: later work is dropped */

    /* bound state, re-emitted only when changed */
    uint32_t prim;
    struct umd_shader *shader[UMD_STAGES];
    struct umd_view *srv[UMD_STAGES][UMD_MAX_SRV];
    struct umd_state *sampler[UMD_STAGES][UMD_MAX_SAMPLERS];
    bool units_dirty[UMD_STAGES];
    struct umd_view *rtv[UMD_MAX_RT];
    uint32_t num_rtv;
    struct umd_view *dsv;
    struct virgl_vertex_buffer vb[UMD_MAX_VB];
    struct umd_resource *vb_res[UMD_MAX_VB]; /* DrawAuto reads slot 0's SO target */
    uint32_t num_vb;           /* highest bound slot + 1 */
    uint32_t ib_size;          /* 2 or 4, 0 when unbound */
    struct umd_resource *ib_res;
    uint32_t ib_offset;
    struct umd_resource *cb_res[UMD_STAGES][UMD_MAX_CB]; /* rebinding after a rename */
    uint32_t batch;            /* number of the command buffer being written */
    struct umd_query *predicate; /* bound by SetPredication, NULL if none */
    uint32_t gs_bound;         /* host GS handle bound (a pass-through variant, umd_so_pick_gs) */
    uint8_t text_filter_w, text_filter_h; /* SetTextFilterSize, minus 1 (zeroed device: 1x1) */
    struct umd_state *rs;      /* bound rasterizer state */
    bool rs_dirty;             /* rasterizer or VS/GS changed: re-pick the variant */
    /* The 16-byte buffer behind UMD_RAST_CB, made when the first shader
     * needing it is created; rast_samples is what it holds (0: not yet
     * written), rast_batch the command buffer it was last bound in. */
    D3DKMT_HANDLE rast_halloc;
    uint32_t rast_res_id, rast_samples, rast_batch;
    const struct DXGI_DDI_BASE_CALLBACKS *dxgi_cb; /* pfnPresentCb, or NULL */
    struct umd_view *buf_rtvs;  /* umd_view.c: live buffer render-target views */
};

static inline struct umd_device *umd_dev(D3D10DDI_HDEVICE h) { return (struct umd_device *)h.pDrvPrivate; }

/* virgl shader type of our stage index. */
extern const uint32_t umd_stage_type[UMD_STAGES];
enum { UMD_VS = 0, UMD_PS = 1, UMD_GS = 2 };

/* umd_device.c */
void umd_set_error(struct umd_device *d, HRESULT hr);
void umd_fill_funcs_10_0(D3D10DDI_DEVICEFUNCS *f);
void umd_fill_funcs_10_1(D3D10_1DDI_DEVICEFUNCS *f);
int umd_submit(struct umd_device *d);
static inline uint32_t umd_new_handle(struct umd_device *d) { return d->next_handle++; }
/* Checks the encoder's sticky error after a DDI and reports it. */
void umd_check_enc(struct umd_device *d);
/* Resource slot value for `r`'s current allocation (0 for NULL): adds it to
 * the allocation list of the buffer being written if needed.  umd_ref_room
 * first makes room for n more entries, so the n refs of one command stay in
 * one list (an encoder flush mid-command carries the list over). */
uint32_t umd_ref(struct umd_device *d, struct umd_resource *r);
uint32_t umd_ref_read(struct umd_device *d, struct umd_resource *r); /* GPU only reads: no WriteOperation */
void umd_emit_vbs(struct umd_device *d);
uint32_t umd_ref_alloc(struct umd_device *d, D3DKMT_HANDLE h);
void umd_ref_room(struct umd_device *d, uint32_t n);
HRESULT APIENTRY umd_create_device(D3D10DDI_HADAPTER ha, D3D10DDIARG_CREATEDEVICE *args);
SIZE_T APIENTRY umd_calc_device_size(D3D10DDI_HADAPTER ha, const D3D10DDIARG_CALCPRIVATEDEVICESIZE *args);

/* umd_resource.c */
void umd_resource_funcs(D3D10DDI_DEVICEFUNCS *f);
void umd_resource_funcs_10_1(D3D10_1DDI_DEVICEFUNCS *f);
uint32_t umd_subres_offset(const struct umd_resource *r, uint32_t level, uint32_t layer);
uint32_t umd_level_dim(uint32_t v, uint32_t level);
/* Initial data (NULL: none) names a source for each of `nsub` subresources. */
bool umd_initial_data_ok(const D3D10_DDIARG_SUBRESOURCE_UP *up, uint32_t nsub);
/* Rows of `level` (1 for buffers and 1D textures). */
uint32_t umd_level_height(const struct umd_resource *r, uint32_t level);

/* umd_view.c */
void umd_view_funcs(D3D10DDI_DEVICEFUNCS *f);
void umd_view_funcs_10_1(D3D10_1DDI_DEVICEFUNCS *f);
/* Recreates every view of `r` on its current host resource (after a
 * rename or an identity rotation) and rebinds those that are bound. */
void umd_views_repoint(struct umd_device *d, struct umd_resource *r);
/* The resource dies: its views forget it. */
void umd_views_detach(struct umd_resource *r);
/* umd_draw.c calls this before it emits the framebuffer: buffer RTVs
 * entering it load their shadow from the buffer, those leaving copy it
 * back. */
void umd_views_fb_changed(struct umd_device *d);
/* ClearRenderTargetView of a buffer RTV (its shadow, then copied back if
 * the view is not bound). */
void umd_view_clear_buffer(struct umd_device *d, struct umd_view *v, const float rgba[4]);
/* Before `r` is read (copy source, Map) or partly written (UpdateSubresourceUP,
 * CopyRegion destination): bound buffer RTVs of it copy their shadow back, so
 * what was drawn into them is in the buffer; after it is written: they
 * reload their shadow from it. */
void umd_views_sync_read(struct umd_device *d, struct umd_resource *r);
void umd_views_sync_written(struct umd_device *d, struct umd_resource *r);

/* umd_state.c */
void umd_state_funcs(D3D10DDI_DEVICEFUNCS *f);
void umd_state_funcs_10_1(D3D10_1DDI_DEVICEFUNCS *f);

/* umd_draw.c */
void umd_draw_funcs(D3D10DDI_DEVICEFUNCS *f);
void umd_draw_funcs_10_1(D3D10_1DDI_DEVICEFUNCS *f);
void umd_rebind_framebuffer(struct umd_device *d);

/* umd_state.c: `so` non-NULL for CreateGeometryShaderWithStreamOutput. */
void umd_create_shader(struct umd_device *d, const UINT *code, struct umd_shader *sh, uint32_t stage,
                       const D3D10DDIARG_STAGE_IO_SIGNATURES *sig,
                       const D3D10DDIARG_CREATEGEOMETRYSHADERWITHSTREAMOUTPUT *so);

/* umd_so.c */
void umd_so_funcs(D3D10DDI_DEVICEFUNCS *f);
/* virgl SO layout from the D3D declaration; out_map: D3D o# -> TGSI OUT. */
int umd_so_info(const D3D10DDIARG_CREATEGEOMETRYSHADERWITHSTREAMOUTPUT *a, const uint8_t *out_map,
                struct virgl_so_info *so);
void umd_so_destroy_target(struct umd_device *d, struct umd_resource *r);
/* Before a draw: binds the pass-through GS variant of the bound SO-only
 * "geometry shader" that matches the topology (a few dwords on change). */
void umd_so_pick_gs(struct umd_device *d);
/* Host objects of a shader made by CreateGeometryShaderWithStreamOutput. */
void umd_so_destroy_shader(struct umd_device *d, struct umd_shader *sh);
/* umd_draw.c: a draw whose vertex count is what SO target `so_target` holds. */
void umd_draw_so(struct umd_device *d, uint32_t so_target);

/* umd_resource.c: after a transfer to/from texture `r`, the sampler views
 * are re-bound at the next draw (the host leaves `r` bound, see there). */
void umd_texture_transferred(struct umd_device *d, const struct umd_resource *r);
/* umd_resource.c: a host resource + allocation shaped like `r`. */
HRESULT umd_alloc_host(struct umd_device *d, struct umd_resource *r, uint32_t *res_id, D3DKMT_HANDLE *halloc);

/* umd_rename.c */
/* Map(WRITE_DISCARD / NO_OVERWRITE) of a dynamic buffer without waiting:
 * returns S_OK with *out set, or S_FALSE when the caller must take the
 * ordinary (waiting) path. */
HRESULT umd_map_nowait(struct umd_device *d, struct umd_resource *r, D3D10_DDI_MAP type, void **out);
void umd_rename_release(struct umd_device *d, struct umd_resource *r);

/* umd_query.c */
void umd_query_funcs(D3D10DDI_DEVICEFUNCS *f);

/* umd_shared.c: CreateResource of a shared resource or a primary (called
 * by umd_create_resource with r zeroed), and the OpenResource pair. */
void umd_shared_create(struct umd_device *d, const D3D10DDIARG_CREATERESOURCE *a, struct umd_resource *r,
                       D3D10DDI_HRTRESOURCE hrt);
SIZE_T APIENTRY umd_shared_calc_opened(D3D10DDI_HDEVICE hd, const D3D10DDIARG_OPENRESOURCE *a);
VOID APIENTRY umd_shared_open(D3D10DDI_HDEVICE hd, const D3D10DDIARG_OPENRESOURCE *a, D3D10DDI_HRESOURCE hr_,
                              D3D10DDI_HRTRESOURCE hrt);

/* umd_dxgi.c: fills the DXGI function table CreateDevice was handed. */
void umd_dxgi_init(struct umd_device *d, const D3D10DDIARG_CREATEDEVICE *args);

/* umd_platform.c: heap used by the SM4 translator at shader creation. */
extern const struct vg_platform umd_platform;

#endif /* UMD_PRIV_H */
