/*
 * kmd_nt.h — private header of the Windows side of viogpu3d.sys.
 *
 * Layering: the DxgkDdi* functions in kmd_ddi_*.c are thin thunks: each
 * checks the magic of the context dxgkrnl hands back (adapter, device,
 * context or allocation), checks that the adapter is active where the DDI
 * needs the device, translates arguments and calls a plain C function of
 * the portable KMD code (src/kmd/kmd_*.c) or of the device core
 * (src/gpu/vgpu.h).  NTSTATUS appears only here.  kmd_platform.c fills the
 * struct vg_platform the core runs on with NT primitives.
 *
 * Locking: adapter->lock (a KSPIN_LOCK, DISPATCH_LEVEL) protects the
 * allocation list, source/cursor state and the fence bookkeeping; the
 * device core has its own locks.  The interrupt routine takes no lock.
 */
#ifndef KMD_NT_H
#define KMD_NT_H

#include <ntddk.h>
#include "wddm/dispmprt.h"
#include "base/vg_err.h"
#include "base/vg_platform.h"
#include "gpu/vgpu.h"
#include "kmd/kmd_alloc.h"
#include "kmd/kmd_cursor.h"
#include "kmd/kmd_dma.h"
#include "kmd/kmd_escape.h"
#include "kmd/kmd_fence.h"
#include "kmd/kmd_modes.h"
#include "kmd/kmd_rect.h"
#include "viogpu/abi.h"

#define KMD_POOL_TAG 0x55504756u /* 'VGPU' */
#define KMD_MAGIC_ADAPTER 0x4144474bu /* "KGDA" */
#define KMD_MAGIC_DEVICE 0x5644474bu
#define KMD_MAGIC_CONTEXT 0x5443474bu
#define KMD_MAGIC_ALLOC 0x4c41474bu
#define KMD_MAGIC_DEAD 0xdeaddeadu

#define KMD_VERSION ((0u << 16) | 1u)
#define KMD_MAX_BARS 6u
#define KMD_APERTURE_SIZE (256ull << 20)
#define KMD_DMA_BUFFER_SIZE (64u * 1024u)
#define KMD_PAGING_BUFFER_SIZE (64u * 1024u)
#define KMD_MAX_MAPPINGS 8u
#define KMD_SYSDISP_WIDTH 1024u
#define KMD_SYSDISP_HEIGHT 768u

/* One entry of DMA-buffer private data per record span we wrote: lets
 * SubmitCommand (which only gets the DMA buffer's physical address) find
 * the commands' kernel virtual address. */
struct kmd_dma_priv {
    uint32_t magic; /* KMD_MAGIC_CONTEXT */
    uint32_t len;   /* bytes of records */
    uint64_t va;    /* kernel VA of the first record */
};

struct kmd_alloc {
    uint32_t magic;
    LIST_ENTRY link;               /* adapter->allocs */
    struct kmd_alloc_desc desc;
    uint32_t res_id;               /* host resource, 0 if not created */
    bool backed;                   /* ATTACH_BACKING done */
    uint32_t nranges;
    struct vgpu_mem_range *ranges; /* merged backing, set by BuildPagingBuffer */
    uint32_t ranges_cap;
};

struct kmd_source {
    struct kmd_alloc *primary;     /* allocation shown, NULL = none */
    bool visible;
    uint32_t width, height;        /* committed mode */
    uint32_t scanout_res;          /* resource the scanout shows now */
};

struct kmd_adapter {
    uint32_t magic;
    PDEVICE_OBJECT pdo;
    DXGKRNL_INTERFACE dxgk;
    DXGK_START_INFO start_info;
    DXGK_DEVICE_INFO dev_info;
    bool started;
    bool d0;                       /* device power D0 */
    KSPIN_LOCK lock;

    /* platform */
    struct vg_platform plat;
    struct {
        PHYSICAL_ADDRESS pa;
        ULONG len;
        bool present;
    } bar[KMD_MAX_BARS];
    struct {
        volatile void *va;
        uint64_t len;
    } map[KMD_MAX_MAPPINGS];
    uint32_t msix_messages;        /* message-signaled interrupts granted */

    /* device core */
    struct vgpu_dev *dev;
    struct vgpu_info info;
    /* the virgl capset fetched at StartDevice, answered to the UMD by
     * QueryAdapterInfo(UMDRIVERPRIVATE); size 0 without virgl */
    struct {
        uint32_t id, version, size;
        uint8_t data[VIOGPU_CAPSET_MAX];
    } capset;
    uint32_t num_scanouts;
    struct kmd_head_modes heads[VIOGPU_MAX_SCANOUTS];
    uint32_t custom_w[VIOGPU_MAX_SCANOUTS], custom_h[VIOGPU_MAX_SCANOUTS];
    struct kmd_source src[VIOGPU_MAX_SCANOUTS];
    volatile LONG display_changed; /* scanout bit mask, set by the core callback */
    volatile LONG scanout_dirty;   /* sources whose scanout the DPC must (re)program */

    /* allocations */
    LIST_ENTRY allocs;

    /* bug-check screen: a resource with its own contiguous backing, made
     * at start so that nothing is allocated at HIGH_LEVEL */
    vg_dma_buf sysdisp_buf;
    uint32_t sysdisp_res;
    uint32_t sysdisp_target;
    bool sysdisp_on;

    /* cursor */
    vg_dma_buf cursor_buf;         /* 64x64x4 backing */
    uint32_t cursor_res;
    bool cursor_visible;
    uint32_t cursor_hot_x, cursor_hot_y;
    uint32_t cursor_x, cursor_y;   /* last hot-spot position sent */
    uint32_t cursor_source;

    /* fences: WDDM submission fence ids, retired in order (ad->lock) */
    struct kmd_fence_ring fences;
    struct kmd_fence_arg {
        struct kmd_adapter *ad;
        uint32_t slot;
    } fence_arg[KMD_FENCE_RING];
    volatile LONG last_completed;  /* copy of fences.completed for DIRQL readers */
    volatile LONG last_notified;   /* last fence reported with DMA_COMPLETED */

    /* vsync emulation: a 60 Hz timer raising CRTC_VSYNC while enabled */
    KTIMER vsync_timer;
    KDPC vsync_dpc;
    volatile LONG vsync_enabled;
    volatile LONG notify_dpc;      /* an interrupt was reported outside the DPC: NotifyDpc due */
};

struct kmd_device {
    uint32_t magic;
    struct kmd_adapter *ad;
    HANDLE hdevice;                /* dxgkrnl's handle */
};

struct kmd_context {
    uint32_t magic;
    struct kmd_device *dev;
    uint32_t node;
};

/* kmd_platform.c */
void kmd_platform_init(struct kmd_adapter *ad);
void kmd_platform_unmap_all(struct kmd_adapter *ad);
void kmd_platform_enter_emergency(void);
int kmd_log_level(void);
void kmd_set_log_level(int level);
void kmd_logf(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* kmd_status.c */
NTSTATUS kmd_status(int vg_err);
NTSTATUS kmd_esc_status(int esc_status);

/* Context checks used by every thunk. */
struct kmd_adapter *kmd_adapter_from(HANDLE h);
struct kmd_device *kmd_device_from(HANDLE h);
struct kmd_context *kmd_context_from(HANDLE h);
bool kmd_active(const struct kmd_adapter *ad);

/* kmd_ddi_adapter.c */
NTSTATUS kmd_refresh_modes(struct kmd_adapter *ad);
struct kmd_head_modes *kmd_heads_snapshot(struct kmd_adapter *ad); /* NULL: out of memory */
void kmd_heads_release(struct kmd_head_modes *h);
void kmd_queue_fence_notify(struct kmd_adapter *ad);
void kmd_fence_retire(struct kmd_adapter *ad, uint32_t slot);

/* kmd_ddi_display.c */
NTSTATUS kmd_show_source(struct kmd_adapter *ad, uint32_t source);
void kmd_sysdisp_prepare(struct kmd_adapter *ad);

/* The DDIs, referenced by DriverEntry's table. */
NTSTATUS kmd_AddDevice(const PDEVICE_OBJECT pdo, PVOID *ctx);
NTSTATUS kmd_StartDevice(const PVOID ctx, PDXGK_START_INFO si, PDXGKRNL_INTERFACE dxgk, PULONG nsrc,
                         PULONG nchild);
NTSTATUS kmd_StopDevice(const PVOID ctx);
NTSTATUS kmd_RemoveDevice(const PVOID ctx);
VOID kmd_ResetDevice(const PVOID ctx);
VOID kmd_Unload(VOID);
NTSTATUS kmd_DispatchIoRequest(const PVOID ctx, ULONG src, PVIDEO_REQUEST_PACKET vrp);
NTSTATUS kmd_QueryInterface(const PVOID ctx, PQUERY_INTERFACE qi);
NTSTATUS kmd_NotifyAcpiEvent(const PVOID ctx, DXGK_EVENT_TYPE t, ULONG ev, PVOID arg, PULONG flags);
VOID kmd_ControlEtwLogging(BOOLEAN enable, ULONG flags, UCHAR level);
NTSTATUS APIENTRY kmd_SetPalette(const HANDLE h, const DXGKARG_SETPALETTE *a);
NTSTATUS APIENTRY kmd_CollectDbgInfo(const HANDLE h, const DXGKARG_COLLECTDBGINFO *a);
BOOLEAN kmd_InterruptRoutine(const PVOID ctx, ULONG msg);
VOID kmd_DpcRoutine(const PVOID ctx);
NTSTATUS kmd_QueryChildRelations(const PVOID ctx, PDXGK_CHILD_DESCRIPTOR rel, ULONG size);
NTSTATUS kmd_QueryChildStatus(const PVOID ctx, PDXGK_CHILD_STATUS st, BOOLEAN nondestructive);
NTSTATUS kmd_QueryDeviceDescriptor(const PVOID ctx, ULONG uid, PDXGK_DEVICE_DESCRIPTOR d);
NTSTATUS kmd_SetPowerState(const PVOID ctx, ULONG uid, DEVICE_POWER_STATE ps, POWER_ACTION act);
NTSTATUS APIENTRY kmd_QueryAdapterInfo(const HANDLE h, const DXGKARG_QUERYADAPTERINFO *a);
NTSTATUS APIENTRY kmd_ResetFromTimeout(const HANDLE h);
NTSTATUS APIENTRY kmd_RestartFromTimeout(const HANDLE h);
NTSTATUS APIENTRY kmd_ControlInterrupt(const HANDLE h, const DXGK_INTERRUPT_TYPE t, BOOLEAN enable);
NTSTATUS APIENTRY kmd_QueryCurrentFence(const HANDLE h, DXGKARG_QUERYCURRENTFENCE *a);
NTSTATUS APIENTRY kmd_Escape(const HANDLE h, const DXGKARG_ESCAPE *a);

NTSTATUS APIENTRY kmd_CreateDevice(const HANDLE h, DXGKARG_CREATEDEVICE *a);
NTSTATUS APIENTRY kmd_DestroyDevice(const HANDLE h);
NTSTATUS APIENTRY kmd_CreateContext(const HANDLE h, DXGKARG_CREATECONTEXT *a);
NTSTATUS APIENTRY kmd_DestroyContext(const HANDLE h);
NTSTATUS APIENTRY kmd_CreateAllocation(const HANDLE h, DXGKARG_CREATEALLOCATION *a);
NTSTATUS APIENTRY kmd_DestroyAllocation(const HANDLE h, const DXGKARG_DESTROYALLOCATION *a);
NTSTATUS APIENTRY kmd_DescribeAllocation(const HANDLE h, DXGKARG_DESCRIBEALLOCATION *a);
NTSTATUS APIENTRY kmd_GetStandardAllocationDriverData(const HANDLE h, DXGKARG_GETSTANDARDALLOCATIONDRIVERDATA *a);
NTSTATUS APIENTRY kmd_OpenAllocation(const HANDLE h, const DXGKARG_OPENALLOCATION *a);
NTSTATUS APIENTRY kmd_CloseAllocation(const HANDLE h, const DXGKARG_CLOSEALLOCATION *a);
NTSTATUS APIENTRY kmd_BuildPagingBuffer(const HANDLE h, DXGKARG_BUILDPAGINGBUFFER *a);
NTSTATUS APIENTRY kmd_SubmitCommand(const HANDLE h, const DXGKARG_SUBMITCOMMAND *a);
NTSTATUS APIENTRY kmd_Patch(const HANDLE h, const DXGKARG_PATCH *a);
NTSTATUS APIENTRY kmd_PreemptCommand(const HANDLE h, const DXGKARG_PREEMPTCOMMAND *a);
NTSTATUS APIENTRY kmd_Render(const HANDLE h, DXGKARG_RENDER *a);

NTSTATUS APIENTRY kmd_Present(const HANDLE h, DXGKARG_PRESENT *a);
NTSTATUS APIENTRY kmd_SetPointerPosition(const HANDLE h, const DXGKARG_SETPOINTERPOSITION *a);
NTSTATUS APIENTRY kmd_SetPointerShape(const HANDLE h, const DXGKARG_SETPOINTERSHAPE *a);
NTSTATUS APIENTRY kmd_SetVidPnSourceAddress(const HANDLE h, const DXGKARG_SETVIDPNSOURCEADDRESS *a);
NTSTATUS APIENTRY kmd_SetVidPnSourceVisibility(const HANDLE h, const DXGKARG_SETVIDPNSOURCEVISIBILITY *a);
NTSTATUS APIENTRY kmd_GetScanLine(const HANDLE h, DXGKARG_GETSCANLINE *a);
NTSTATUS APIENTRY kmd_IsSupportedVidPn(const HANDLE h, DXGKARG_ISSUPPORTEDVIDPN *a);
NTSTATUS APIENTRY kmd_RecommendFunctionalVidPn(const HANDLE h, const DXGKARG_RECOMMENDFUNCTIONALVIDPN *const a);
NTSTATUS APIENTRY kmd_EnumVidPnCofuncModality(const HANDLE h, const DXGKARG_ENUMVIDPNCOFUNCMODALITY *const a);
NTSTATUS APIENTRY kmd_CommitVidPn(const HANDLE h, const DXGKARG_COMMITVIDPN *const a);
NTSTATUS APIENTRY kmd_UpdateActiveVidPnPresentPath(const HANDLE h, const DXGKARG_UPDATEACTIVEVIDPNPRESENTPATH *const a);
NTSTATUS APIENTRY kmd_RecommendMonitorModes(const HANDLE h, const DXGKARG_RECOMMENDMONITORMODES *const a);
NTSTATUS kmd_SystemDisplayEnable(PVOID ctx, D3DDDI_VIDEO_PRESENT_TARGET_ID tid,
                                 PDXGKARG_SYSTEM_DISPLAY_ENABLE_FLAGS f, UINT *w, UINT *hgt,
                                 D3DDDIFORMAT *fmt);
VOID kmd_SystemDisplayWrite(PVOID ctx, PVOID src, UINT w, UINT hgt, UINT stride, UINT x, UINT y);

#endif /* KMD_NT_H */
