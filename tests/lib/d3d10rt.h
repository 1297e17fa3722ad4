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
 * code of the last rejection (0 if none). */
enum { D3DRT_CORRUPT_NONE, D3DRT_CORRUPT_REF, D3DRT_CORRUPT_SUBCTX, D3DRT_CORRUPT_LENGTH };
void d3drt_corrupt_next(struct d3drt *rt, int mode);
int d3drt_vcb_error(const struct d3drt *rt);
/* Allocation lists handed out from the next pfnRenderCb on have this many
 * entries (tests the UMD's list-full path). */
void d3drt_limit_alist(struct d3drt *rt, unsigned entries);
/* Number of pfnLockCb calls that waited for the host (stalls). */
unsigned d3drt_lock_waits(const struct d3drt *rt);

/* DXGI: the function table the driver filled at CreateDevice, the number
 * of pfnPresentCb calls, and the screen they blit into (0 and its bytes,
 * format a virgl format, after waiting for the host; -1 when nothing was
 * presented). */
const DXGI_DDI_BASE_FUNCTIONS *d3drt_dxgi(const struct d3drt *rt);
unsigned d3drt_presents(const struct d3drt *rt);
int d3drt_screen(struct d3drt *rt, uint32_t *w, uint32_t *h, uint32_t *format, const uint8_t **px, uint32_t *stride);

/* Object creation the runtime's way: CalcPrivate*Size, runtime memory,
 * Create*.  The handle's pDrvPrivate is NULL on failure. */
D3D10DDI_HRESOURCE d3drt_resource(struct d3drt *rt, const D3D10DDIARG_CREATERESOURCE *a);
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
