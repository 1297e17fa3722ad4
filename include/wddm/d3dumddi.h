/*
 * d3dumddi.h — our own subset of the WDK user-mode display driver header:
 * the Windows base types a UMD needs (a shim when built natively for the
 * vtest host), the kernel-thunk callbacks (D3DDDI_DEVICECALLBACKS,
 * D3DDDI_ADAPTERCALLBACKS) and their argument structures.  Written from the
 * documented declarations (MicrosoftDocs windows-driver-docs-ddi, d3dumddi
 * pages); member order and types are exactly as documented, only what the
 * viogpu UMD uses is declared, and the layouts that cross the DDI are
 * asserted at the end for x86 (__stdcall, 4-byte pointers) and x64.
 *
 * Use: include <wddm/d3d10umddi.h>, which includes this.  On Windows
 * (MinGW) <windows.h> provides the base types; natively the shim below
 * gives them the LLP64 sizes (ULONG and LONG are 32-bit), so the same UMD
 * sources build for the test host.
 */
#ifndef VIOGPU_WDDM_D3DUMDDI_H
#define VIOGPU_WDDM_D3DUMDDI_H

#ifdef _WIN32
#include <windows.h>
#else
#include <stddef.h>
#include <stdint.h>
/* LLP64 sizes on an LP64 host: the test host shares the Windows layouts
 * of every 32-bit field (pointers are 8 bytes as on x64). */
#define VIOGPU_HAVE_UINT
typedef unsigned int UINT;
typedef uint32_t ULONG;
typedef uint32_t DWORD;
typedef uint8_t BYTE;
typedef uint8_t UCHAR;
typedef uint8_t UINT8;
typedef uint32_t UINT32;
typedef uint64_t UINT64;
typedef uint64_t ULONGLONG;
typedef int32_t LONG;
typedef int32_t INT32;
typedef int INT;
typedef int BOOL;
typedef float FLOAT;
typedef int32_t HRESULT;
typedef void *HANDLE;
typedef size_t SIZE_T;
typedef char *LPSTR;
#define VOID void
#define CONST const
#define APIENTRY
#define CALLBACK
#define TRUE 1
#define FALSE 0
#define S_OK ((HRESULT)0)
#define S_FALSE ((HRESULT)1)
#define E_NOTIMPL ((HRESULT)0x80004001u)
#define E_FAIL ((HRESULT)0x80004005u)
#define E_OUTOFMEMORY ((HRESULT)0x8007000Eu)
#define E_INVALIDARG ((HRESULT)0x80070057u)
#define SUCCEEDED(hr) ((HRESULT)(hr) >= 0)
#define FAILED(hr) ((HRESULT)(hr) < 0)
#endif

#include "wddm/d3dukmdt.h"

/* ---- D3DDDI_ALLOCATIONINFO / allocate / deallocate ---------------------- */
typedef struct _D3DDDI_ALLOCATIONINFO {
    D3DKMT_HANDLE hAllocation;
    const VOID *pSystemMem;
    VOID *pPrivateDriverData;
    UINT PrivateDriverDataSize;
    D3DDDI_VIDEO_PRESENT_SOURCE_ID VidPnSourceId;
    union {
        struct {
            UINT Primary : 1;
            UINT Stereo : 1;
            UINT Reserved : 30;
        };
        UINT Value;
    } Flags;
} D3DDDI_ALLOCATIONINFO;

typedef struct _D3DDDICB_ALLOCATE {
    const VOID *pPrivateDriverData;
    UINT PrivateDriverDataSize;
    HANDLE hResource;
    D3DKMT_HANDLE hKMResource;
    UINT NumAllocations;
    D3DDDI_ALLOCATIONINFO *pAllocationInfo; /* union with pAllocationInfo2 (WIN7+) */
} D3DDDICB_ALLOCATE;

typedef struct _D3DDDICB_DEALLOCATE {
    HANDLE hResource;
    UINT NumAllocations;
    const D3DKMT_HANDLE *HandleList;
} D3DDDICB_DEALLOCATE;

/* ---- lock / unlock ------------------------------------------------------- */
typedef struct _D3DDDICB_LOCKFLAGS {
    union {
        struct {
            UINT ReadOnly : 1;
            UINT WriteOnly : 1;
            UINT DonotWait : 1;
            UINT IgnoreSync : 1;
            UINT LockEntire : 1;
            UINT DonotEvict : 1;
            UINT AcquireAperture : 1;
            UINT Discard : 1;
            UINT NoExistingReference : 1;
            UINT UseAlternateVA : 1;
            UINT IgnoreReadSync : 1;
            UINT Reserved : 21;
        };
        UINT Value;
    };
} D3DDDICB_LOCKFLAGS;

typedef struct _D3DDDICB_LOCK {
    D3DKMT_HANDLE hAllocation;
    UINT PrivateDriverData;
    UINT NumPages;
    const UINT *pPages;
    VOID *pData;
    D3DDDICB_LOCKFLAGS Flags;
    D3DGPU_VIRTUAL_ADDRESS GpuVirtualAddress;
} D3DDDICB_LOCK;

typedef struct _D3DDDICB_UNLOCK {
    UINT NumAllocations;
    const D3DKMT_HANDLE *phAllocations;
} D3DDDICB_UNLOCK;

/* ---- contexts and command buffers ---------------------------------------- */
typedef struct _D3DDDI_ALLOCATIONLIST {
    D3DKMT_HANDLE hAllocation;
    union {
        struct {
            UINT WriteOperation : 1;
            UINT DoNotRetireInstance : 1;
            UINT OfferPriority : 3;
            UINT Reserved : 27;
        };
        UINT Value;
    };
} D3DDDI_ALLOCATIONLIST;

typedef struct _D3DDDI_CREATECONTEXTFLAGS {
    union {
        struct {
            UINT NullRendering : 1;
            UINT InitialData : 1;
            UINT Reserved : 30;
        };
        UINT Value;
    };
} D3DDDI_CREATECONTEXTFLAGS;

typedef struct _D3DDDICB_CREATECONTEXT {
    UINT NodeOrdinal;
    UINT EngineAffinity;
    D3DDDI_CREATECONTEXTFLAGS Flags;
    VOID *pPrivateDriverData;
    UINT PrivateDriverDataSize;
    HANDLE hContext;
    VOID *pCommandBuffer;
    UINT CommandBufferSize;
    D3DDDI_ALLOCATIONLIST *pAllocationList;
    UINT AllocationListSize;
    D3DDDI_PATCHLOCATIONLIST *pPatchLocationList;
    UINT PatchLocationListSize;
    D3DGPU_VIRTUAL_ADDRESS CommandBuffer;
} D3DDDICB_CREATECONTEXT;

typedef struct _D3DDDICB_DESTROYCONTEXT {
    HANDLE hContext;
} D3DDDICB_DESTROYCONTEXT;

typedef struct _D3DDDICB_RENDERFLAGS {
    union {
        struct {
            UINT ResizeCommandBuffer : 1;
            UINT ResizeAllocationList : 1;
            UINT ResizePatchLocationList : 1;
            UINT NullRendering : 1;
            UINT Reserved : 28;
        };
        UINT Value;
    };
} D3DDDICB_RENDERFLAGS;

typedef struct _D3DDDICB_RENDER {
    UINT CommandLength;
    UINT CommandOffset;
    UINT NumAllocations;
    UINT NumPatchLocations;
    VOID *pNewCommandBuffer;
    UINT NewCommandBufferSize;
    D3DDDI_ALLOCATIONLIST *pNewAllocationList;
    UINT NewAllocationListSize;
    D3DDDI_PATCHLOCATIONLIST *pNewPatchLocationList;
    UINT NewPatchLocationListSize;
    D3DDDICB_RENDERFLAGS Flags;
    HANDLE hContext;
    UINT BroadcastContextCount;
    HANDLE BroadcastContext[D3DDDI_MAX_BROADCAST_CONTEXT];
    ULONG QueuedBufferCount;
    D3DGPU_VIRTUAL_ADDRESS NewCommandBuffer;
    VOID *pPrivateDriverData;
    UINT PrivateDriverDataSize;
} D3DDDICB_RENDER;

typedef struct _D3DDDICB_QUERYADAPTERINFO {
    VOID *pPrivateDriverData;
    UINT PrivateDriverDataSize;
} D3DDDICB_QUERYADAPTERINFO;

typedef struct _D3DDDICB_ESCAPE {
    HANDLE hDevice;
    D3DDDI_ESCAPEFLAGS Flags;
    VOID *pPrivateDriverData;
    UINT PrivateDriverDataSize;
    HANDLE hContext;
} D3DDDICB_ESCAPE;

/* ---- callback function types --------------------------------------------
 * The members of D3DDDI_DEVICECALLBACKS the UMD calls have full prototypes;
 * the others are declared with the documented name so the table keeps its
 * documented order and size (the UMD never calls them). */
typedef HRESULT(APIENTRY CALLBACK *PFND3DDDI_ALLOCATECB)(HANDLE hDevice, D3DDDICB_ALLOCATE *pData);
typedef HRESULT(APIENTRY CALLBACK *PFND3DDDI_DEALLOCATECB)(HANDLE hDevice, const D3DDDICB_DEALLOCATE *pData);
typedef HRESULT(APIENTRY CALLBACK *PFND3DDDI_RENDERCB)(HANDLE hDevice, D3DDDICB_RENDER *pData);
typedef HRESULT(APIENTRY CALLBACK *PFND3DDDI_LOCKCB)(HANDLE hDevice, D3DDDICB_LOCK *pData);
typedef HRESULT(APIENTRY CALLBACK *PFND3DDDI_UNLOCKCB)(HANDLE hDevice, const D3DDDICB_UNLOCK *pData);
typedef HRESULT(APIENTRY CALLBACK *PFND3DDDI_ESCAPECB)(HANDLE hAdapter, const D3DDDICB_ESCAPE *pData);
typedef HRESULT(APIENTRY CALLBACK *PFND3DDDI_CREATECONTEXTCB)(HANDLE hDevice, D3DDDICB_CREATECONTEXT *pData);
typedef HRESULT(APIENTRY CALLBACK *PFND3DDDI_DESTROYCONTEXTCB)(HANDLE hDevice, const D3DDDICB_DESTROYCONTEXT *pData);
typedef HRESULT(APIENTRY CALLBACK *PFND3DDDI_QUERYADAPTERINFOCB)(HANDLE hAdapter, const D3DDDICB_QUERYADAPTERINFO *pData);
typedef HRESULT(APIENTRY CALLBACK *PFND3DDDI_UNUSEDCB)(HANDLE h, void *pData);
typedef PFND3DDDI_UNUSEDCB PFND3DDDI_GETMULTISAMPLEMETHODLISTCB;

/* pfnSetDisplayModeCb: the allocation (created with Flags.Primary) the
 * display scans out from now on. */
typedef struct _D3DDDICB_SETDISPLAYMODE {
    D3DKMT_HANDLE hPrimaryAllocation;
    UINT PrivateDriverFormatAttribute;
} D3DDDICB_SETDISPLAYMODE;
typedef HRESULT(APIENTRY CALLBACK *PFND3DDDI_SETDISPLAYMODECB)(HANDLE hDevice, D3DDDICB_SETDISPLAYMODE *pData);

typedef struct _D3DDDI_ADAPTERCALLBACKS {
    PFND3DDDI_QUERYADAPTERINFOCB pfnQueryAdapterInfoCb;
    PFND3DDDI_GETMULTISAMPLEMETHODLISTCB pfnGetMultisampleMethodListCb;
} D3DDDI_ADAPTERCALLBACKS;

/* Documented order up to WDDM 1.3 (the interface version viogpu targets). */
typedef struct _D3DDDI_DEVICECALLBACKS {
    PFND3DDDI_ALLOCATECB pfnAllocateCb;
    PFND3DDDI_DEALLOCATECB pfnDeallocateCb;
    PFND3DDDI_UNUSEDCB pfnSetPriorityCb;
    PFND3DDDI_UNUSEDCB pfnQueryResidencyCb;
    PFND3DDDI_SETDISPLAYMODECB pfnSetDisplayModeCb;
    PFND3DDDI_UNUSEDCB pfnPresentCb;
    PFND3DDDI_RENDERCB pfnRenderCb;
    PFND3DDDI_LOCKCB pfnLockCb;
    PFND3DDDI_UNLOCKCB pfnUnlockCb;
    PFND3DDDI_ESCAPECB pfnEscapeCb;
    PFND3DDDI_UNUSEDCB pfnCreateOverlayCb;
    PFND3DDDI_UNUSEDCB pfnUpdateOverlayCb;
    PFND3DDDI_UNUSEDCB pfnFlipOverlayCb;
    PFND3DDDI_UNUSEDCB pfnDestroyOverlayCb;
    PFND3DDDI_CREATECONTEXTCB pfnCreateContextCb;
    PFND3DDDI_DESTROYCONTEXTCB pfnDestroyContextCb;
    PFND3DDDI_UNUSEDCB pfnCreateSynchronizationObjectCb;
    PFND3DDDI_UNUSEDCB pfnDestroySynchronizationObjectCb;
    PFND3DDDI_UNUSEDCB pfnWaitForSynchronizationObjectCb;
    PFND3DDDI_UNUSEDCB pfnSignalSynchronizationObjectCb;
    PFND3DDDI_UNUSEDCB pfnSetAsyncCallbacksCb;
    PFND3DDDI_UNUSEDCB pfnSetDisplayPrivateDriverFormatCb;
    PFND3DDDI_UNUSEDCB pfnOfferAllocationsCb;             /* WIN8 */
    PFND3DDDI_UNUSEDCB pfnReclaimAllocationsCb;
    PFND3DDDI_UNUSEDCB pfnCreateSynchronizationObject2Cb;
    PFND3DDDI_UNUSEDCB pfnWaitForSynchronizationObject2Cb;
    PFND3DDDI_UNUSEDCB pfnSignalSynchronizationObject2Cb;
    PFND3DDDI_UNUSEDCB pfnPresentMultiPlaneOverlayCb;
    PFND3DDDI_UNUSEDCB pfnLogUMDMarkerCb;                 /* WDDM1_3 */
} D3DDDI_DEVICECALLBACKS;

/* ---- layout checks ------------------------------------------------------- */
#define VIOGPU_UMD_P ((unsigned)sizeof(void *))
_Static_assert(sizeof(D3DDDI_ALLOCATIONINFO) == (VIOGPU_UMD_P == 8 ? 40 : 24), "D3DDDI_ALLOCATIONINFO");
_Static_assert(sizeof(D3DDDICB_ALLOCATE) == (VIOGPU_UMD_P == 8 ? 40 : 24), "D3DDDICB_ALLOCATE");
_Static_assert(sizeof(D3DDDICB_LOCK) == (VIOGPU_UMD_P == 8 ? 48 : 32), "D3DDDICB_LOCK");
_Static_assert(__builtin_offsetof(D3DDDICB_LOCK, pData) == (VIOGPU_UMD_P == 8 ? 24 : 16), "D3DDDICB_LOCK.pData");
_Static_assert(sizeof(D3DDDICB_CREATECONTEXT) == (VIOGPU_UMD_P == 8 ? 96 : 56), "D3DDDICB_CREATECONTEXT");
_Static_assert(__builtin_offsetof(D3DDDICB_RENDER, hContext) == (VIOGPU_UMD_P == 8 ? 64 : 44), "D3DDDICB_RENDER.hContext");
_Static_assert(sizeof(D3DDDICB_RENDER) == (VIOGPU_UMD_P == 8 ? 624 : 328), "D3DDDICB_RENDER");
_Static_assert(sizeof(D3DDDI_DEVICECALLBACKS) == 29 * VIOGPU_UMD_P, "D3DDDI_DEVICECALLBACKS (WDDM1_3)");
_Static_assert(sizeof(D3DDDI_ADAPTERCALLBACKS) == 2 * VIOGPU_UMD_P, "D3DDDI_ADAPTERCALLBACKS");
_Static_assert(sizeof(D3DDDICB_SETDISPLAYMODE) == 8, "D3DDDICB_SETDISPLAYMODE");
_Static_assert(__builtin_offsetof(D3DDDI_DEVICECALLBACKS, pfnSetDisplayModeCb) == 4 * VIOGPU_UMD_P, "pfnSetDisplayModeCb is entry 4");

#endif /* VIOGPU_WDDM_D3DUMDDI_H */
