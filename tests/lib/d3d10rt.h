/*
 * d3d10rt.h — a mini Direct3D 10 runtime for testing the UMD on a real
 * virgl_test_server (native Linux, test-only).
 *
 * It plays the runtime's side of the DDI the documented way: it opens the
 * adapter with OpenAdapter10_2, asks GetSupportedVersions / GetCaps, sizes
 * every driver object with the matching CalcPrivate*Size and owns that
 * memory, extracts ISGN/OSGN signatures from DXBC and hands the SHDR token
 * stream to Create*Shader.  Its kernel-thunk callbacks (pfnAllocateCb,
 * pfnLockCb, pfnRenderCb, ...) stand in for dxgkrnl + the KMD: an
 * allocation is a vtest resource built from the struct viogpu_alloc_priv
 * the UMD passed, a render submits the command buffer to the server.
 *
 * Use:
 *   struct d3drt *rt;
 *   if (d3drt_open(&rt, srv)) { puts(d3drt_error(rt)); ... }
 *   const D3D10_1DDI_DEVICEFUNCS *f = d3drt_funcs(rt);
 *   D3D10DDI_HRESOURCE r = d3drt_resource(rt, &create_args);   // Calc + Create
 *   f->pfnDraw(d3drt_dev(rt), 3, 0);
 *   if (d3drt_failed(rt)) ...       // pfnSetErrorCb was called, or a submit failed
 *   d3drt_close(rt);                // destroys what it created, CloseAdapter
 * Objects made through d3drt_* helpers are destroyed by d3drt_close.
 *
 * Several devices (d3drt_add_device): each is created on the same adapter
 * and vtest connection, and the kernel-thunk callbacks, standing in for the
 * KMD, give each device's context its own virgl sub-context: created at
 * pfnCreateContextCb (VIRGL_CCMD_CREATE_SUB_CTX = device index + 1),
 * destroyed at pfnDestroyContextCb, and named by a SET_SUB_CTX in front of
 * every submission of that context (the UMD's own stream may not contain
 * sub-context commands: the validator forbids them).  Objects (states,
 * shaders, views, queries) live in a sub-context; host resources belong
 * to the connection, so every device can name any of them: the model of
 * the real stack, where the KMD attaches a shared resource to each
 * context that opens it.  d3drt_funcs/d3drt_dev and every helper act on
 * the selected device (d3drt_select; a device's callback selects it too):
 *   int b = d3drt_add_device(rt);          // selected; 1
 *   d3drt_select(rt, 0); ... d3drt_select(rt, b); ...
 * Shared resources: a CreateResource with MISC_SHARED (or a primary) that
 * passes resource-level private data gets a kernel resource, whose handle
 * d3drt_last_shared() returns; d3drt_open_resource(rt, handle) opens it in
 * the selected device (CalcPrivateOpenedResourceSize + OpenResource with a
 * new allocation handle aliasing the same host resource).
 * Primaries: pfnSetDisplayModeCb makes a primary allocation the scan-out,
 * a flip-model present (a primary source, no destination) does too, and a
 * blt present to the primary then blits into it; d3drt_screen reads the
 * scan-out when there is one.
 */
#ifndef D3D10RT_H
#define D3D10RT_H

#include <stdbool.h>
#include <stdint.h>

#include "wddm/d3d10umddi.h"
#include "wddm/dxgiddi.h"
#include "vtest/vtest.h"
#include "sm4/sm4.h"

struct d3drt;

/* Connects to `srv`, opens the adapter and creates a device with the
 * highest interface both sides support (or `force_interface` when not 0). */
int d3drt_open(struct d3drt **out, struct vtest_server *srv, UINT force_interface);
void d3drt_close(struct d3drt *rt);
const char *d3drt_error(const struct d3drt *rt);
bool d3drt_failed(const struct d3drt *rt);
UINT d3drt_interface(const struct d3drt *rt);
const D3D10_1DDI_DEVICEFUNCS *d3drt_funcs(const struct d3drt *rt);
D3D10DDI_HDEVICE d3drt_dev(const struct d3drt *rt);
struct vtest *d3drt_vtest(struct d3drt *rt);
/* pfnSetErrorCb calls since the last d3drt_clear_errors, and the first
 * HRESULT reported; clearing also forgets the error message. */
unsigned d3drt_error_count(const struct d3drt *rt);
HRESULT d3drt_first_error(const struct d3drt *rt);
void d3drt_clear_errors(struct d3drt *rt);
/* Number of pfnRenderCb calls so far (submitted command buffers). */
unsigned d3drt_submits(const struct d3drt *rt);
/* Negative controls: corrupt the next non-empty submission so that the
 * command buffer validator must reject it; d3drt_vcb_error() is the VCB_*
 * code of the last rejection (0 if none).  NOWRITE clears WriteOperation on
 * every list entry; BOX grows the first TRANSFER3D's box one texel wider,
 * BACKING moves its data_offset one byte on (those two wait for a
 * submission that has a TRANSFER3D). */
enum { D3DRT_CORRUPT_NONE, D3DRT_CORRUPT_REF, D3DRT_CORRUPT_SUBCTX, D3DRT_CORRUPT_LENGTH, D3DRT_CORRUPT_NOWRITE,
       D3DRT_CORRUPT_BOX, D3DRT_CORRUPT_BACKING };
void d3drt_corrupt_next(struct d3drt *rt, int mode);
int d3drt_vcb_error(const struct d3drt *rt);
/* Entries of the last allocation list the validator accepted, and their
 * WriteOperation bits (entry i = bit i, first 32). */
unsigned d3drt_last_list(const struct d3drt *rt, unsigned *writes);
/* Allocation lists handed out from the next pfnRenderCb on have this many
 * entries (tests the UMD's list-full path). */
void d3drt_limit_alist(struct d3drt *rt, unsigned entries);
/* Test hook: `fn` sees every stream pfnRenderCb is about to submit, as the
 * host will get it (validated, allocation references patched to host
 * resource ids), so a test can check what the UMD encoded; NULL removes it. */
typedef void (*d3drt_submit_fn)(void *ctx, const uint32_t *dw, uint32_t ndw);
void d3drt_on_submit(struct d3drt *rt, d3drt_submit_fn fn, void *ctx);
/* Number of pfnLockCb calls that waited for the host (stalls). */
unsigned d3drt_lock_waits(const struct d3drt *rt);

/* DXGI: the function table the driver filled at CreateDevice, the number
 * of pfnPresentCb calls, and the screen they blit into (0 and its bytes,
 * format a virgl format, after waiting for the host; -1 when nothing was
 * presented). */
const DXGI_DDI_BASE_FUNCTIONS *d3drt_dxgi(const struct d3drt *rt);
unsigned d3drt_presents(const struct d3drt *rt);
int d3drt_screen(struct d3drt *rt, uint32_t *w, uint32_t *h, uint32_t *format, const uint8_t **px, uint32_t *stride);

/* Devices (see the top): d3drt_add_device creates and selects one more
 * (its index, or -1); d3drt_select picks the device later calls use. */
int d3drt_add_device(struct d3drt *rt);
int d3drt_select(struct d3drt *rt, unsigned index);
unsigned d3drt_current(const struct d3drt *rt);
/* The kernel resource handle of the latest shared resource or primary
 * created (0 if none). */
D3DKMT_HANDLE d3drt_last_shared(const struct d3drt *rt);
/* OpenResource arguments for the selected device, as dxgkrnl builds them
 * (a new aliasing allocation handle in *oi); -1 if `kmres` is unknown. */
int d3drt_open_args(struct d3drt *rt, D3DKMT_HANDLE kmres, D3D10DDIARG_OPENRESOURCE *a,
                    D3DDDI_OPENALLOCATIONINFO *oi);
/* d3drt_open_args + CalcPrivateOpenedResourceSize + OpenResource. */
D3D10DDI_HRESOURCE d3drt_open_resource(struct d3drt *rt, D3DKMT_HANDLE kmres);
/* The primary allocation the screen scans out (0: none), and the number of
 * pfnSetDisplayModeCb calls that succeeded. */
D3DKMT_HANDLE d3drt_scanout(const struct d3drt *rt);
unsigned d3drt_modesets(const struct d3drt *rt);

/* Object creation the runtime's way: CalcPrivate*Size, runtime memory,
 * Create*.  The handle's pDrvPrivate is NULL on failure. */
D3D10DDI_HRESOURCE d3drt_resource(struct d3drt *rt, const D3D10DDIARG_CREATERESOURCE *a);
/* A resource description of one mip level and one layer, one sample, no
 * CPU access, no initial data: what the callers then adjust. */
D3D10DDIARG_CREATERESOURCE d3drt_desc(const D3D10DDI_MIPINFO *mip, D3D10DDIRESOURCE_TYPE dim, UINT usage, UINT bind,
                                      DXGI_FORMAT format);
/* A DEFAULT-usage buffer of `bytes` with `bind` flags and initial data (d3drt_resource). */
D3D10DDI_HRESOURCE d3drt_buffer(struct d3drt *rt, UINT bind, const void *data, unsigned bytes);
D3D10DDI_HRENDERTARGETVIEW d3drt_rtv(struct d3drt *rt, const D3D10DDIARG_CREATERENDERTARGETVIEW *a);
D3D10DDI_HDEPTHSTENCILVIEW d3drt_dsv(struct d3drt *rt, const D3D10DDIARG_CREATEDEPTHSTENCILVIEW *a);
D3D10DDI_HSHADERRESOURCEVIEW d3drt_srv(struct d3drt *rt, const D3D10_1DDIARG_CREATESHADERRESOURCEVIEW *a);
D3D10DDI_HBLENDSTATE d3drt_blend(struct d3drt *rt, const D3D10_1_DDI_BLEND_DESC *a);
D3D10DDI_HDEPTHSTENCILSTATE d3drt_dsa(struct d3drt *rt, const D3D10_DDI_DEPTH_STENCIL_DESC *a);
D3D10DDI_HRASTERIZERSTATE d3drt_rs(struct d3drt *rt, const D3D10_DDI_RASTERIZER_DESC *a);
D3D10DDI_HSAMPLER d3drt_sampler(struct d3drt *rt, const D3D10_DDI_SAMPLER_DESC *a);
D3D10DDI_HELEMENTLAYOUT d3drt_layout(struct d3drt *rt, const D3D10DDIARG_CREATEELEMENTLAYOUT *a);
D3D10DDI_HQUERY d3drt_query(struct d3drt *rt, D3D10DDI_QUERY kind);
/* QueryGetData until the result is there; the HRESULT the driver
 * reported otherwise (S_OK when it reported none). */
HRESULT d3drt_query_data(struct d3drt *rt, D3D10DDI_HQUERY q, void *data, UINT size);
/* A shader from a whole DXBC file in memory (4-byte aligned): the
 * signatures come from its ISGN/OSGN chunks.  `stage`: 0 VS, 1 PS, 2 GS.
 * On success *dx is filled (signatures for input-layout matching). */
D3D10DDI_HSHADER d3drt_shader(struct d3drt *rt, int stage, const void *dxbc, uint32_t size, struct sm4_dxbc *dx);

/* CreateGeometryShaderWithStreamOutput from a GS (or VS) DXBC file. */
D3D10DDI_HSHADER d3drt_shader_so(struct d3drt *rt, const void *dxbc, uint32_t size, struct sm4_dxbc *dx,
                                 const D3D10DDIARG_STREAM_OUTPUT_DECLARATION_ENTRY *decl, UINT n, UINT stride);

#endif /* D3D10RT_H */
