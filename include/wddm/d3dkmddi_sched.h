/*
 * d3dkmddi_sched.h — the GPU-scheduler part of our d3dkmddi.h subset:
 * contexts (DXGKARG_CREATECONTEXT, DXGK_CONTEXTINFO), DMA-buffer
 * submission, patching and preemption, and the small arguments of
 * DxgkDdiCollectDbgInfo and DxgkDdiSetPalette.  WDDM 1.3 layouts, member
 * order and types as documented.  Included by d3dkmddi.h; do not include
 * directly.
 */
#ifndef VIOGPU_WDDM_D3DKMDDI_SCHED_H
#define VIOGPU_WDDM_D3DKMDDI_SCHED_H

/* ---- contexts and scheduling -------------------------------------------- */

typedef struct _DXGKARG_RENDER DXGKARG_RENDER;               /* 3D issue */
typedef struct _DXGKARG_COLLECTDBGINFO_EXT DXGKARG_COLLECTDBGINFO_EXT; /* never read */
typedef struct _D3DKMDT_PALETTEDATA D3DKMDT_PALETTEDATA;               /* never read */

typedef struct _DXGKARG_COLLECTDBGINFO {
    UINT Reason;
    VOID *pBuffer;
    SIZE_T BufferSize;
    DXGKARG_COLLECTDBGINFO_EXT *pExtension; /* WIN8 */
} DXGKARG_COLLECTDBGINFO;

typedef struct _DXGKARG_SETPALETTE {
    D3DDDI_VIDEO_PRESENT_SOURCE_ID VidPnSourceId;
    UINT FirstEntry;
    UINT NumEntries;
    D3DKMDT_PALETTEDATA *pLookupTable;
} DXGKARG_SETPALETTE;

typedef struct _DXGK_CREATECONTEXTFLAGS {
    union {
        struct {
            UINT SystemContext : 1;
            UINT GdiContext : 1;
            UINT VirtualAddressing : 1;
            UINT SystemProtectedContext : 1;
            UINT Reserved : 28;
        };
        UINT Value;
    };
} DXGK_CREATECONTEXTFLAGS;

typedef struct _DXGK_CONTEXTINFO {
    UINT DmaBufferSize;
    UINT DmaBufferSegmentSet;
    UINT DmaBufferPrivateDataSize;
    UINT AllocationListSize;
    UINT PatchLocationListSize;
    UINT Reserved; /* WIN7 */
} DXGK_CONTEXTINFO;

typedef struct _DXGKARG_CREATECONTEXT {
    HANDLE hContext;
    UINT NodeOrdinal;
    UINT EngineAffinity;
    DXGK_CREATECONTEXTFLAGS Flags;
    VOID *pPrivateDriverData;
    UINT PrivateDriverDataSize;
    DXGK_CONTEXTINFO ContextInfo;
} DXGKARG_CREATECONTEXT;

typedef struct _DXGK_SUBMITCOMMANDFLAGS {
    union {
        struct {
            UINT Paging : 1;
            UINT Present : 1;
            UINT RedirectedPresent : 1;
            UINT NullRendering : 1;
            UINT Flip : 1;
            UINT FlipWithNoWait : 1;
            UINT ContextSwitch : 1; /* WIN8 */
            UINT Reserved : 25;
        };
        UINT Value;
    };
} DXGK_SUBMITCOMMANDFLAGS;

typedef struct _DXGKARG_SUBMITCOMMAND {
    union {
        HANDLE hDevice;
        HANDLE hContext;
    };
    UINT DmaBufferSegmentId;
    PHYSICAL_ADDRESS DmaBufferPhysicalAddress;
    UINT DmaBufferSize;
    UINT DmaBufferSubmissionStartOffset;
    UINT DmaBufferSubmissionEndOffset;
    VOID *pDmaBufferPrivateData;
    UINT DmaBufferPrivateDataSize;
    UINT DmaBufferPrivateDataSubmissionStartOffset;
    UINT DmaBufferPrivateDataSubmissionEndOffset;
    UINT SubmissionFenceId;
    D3DDDI_VIDEO_PRESENT_SOURCE_ID VidPnSourceId;
    D3DDDI_FLIPINTERVAL_TYPE FlipInterval;
    DXGK_SUBMITCOMMANDFLAGS Flags;
    UINT EngineOrdinal;
    D3DGPU_VIRTUAL_ADDRESS DmaBufferVirtualAddress; /* WIN7 */
    UINT NodeOrdinal;                               /* WIN8 */
} DXGKARG_SUBMITCOMMAND;

typedef struct _DXGK_PATCHFLAGS {
    union {
        struct {
            UINT Paging : 1;
            UINT Present : 1;
            UINT RedirectedPresent : 1;
            UINT NullRendering : 1;
            UINT Reserved : 28;
        };
        UINT Value;
    };
} DXGK_PATCHFLAGS;

typedef struct _DXGKARG_PATCH {
    union {
        HANDLE hDevice;
        HANDLE hContext;
    };
    UINT DmaBufferSegmentId;
    PHYSICAL_ADDRESS DmaBufferPhysicalAddress;
    VOID *pDmaBuffer;
    UINT DmaBufferSize;
    UINT DmaBufferSubmissionStartOffset;
    UINT DmaBufferSubmissionEndOffset;
    VOID *pDmaBufferPrivateData;
    UINT DmaBufferPrivateDataSize;
    UINT DmaBufferPrivateDataSubmissionStartOffset;
    UINT DmaBufferPrivateDataSubmissionEndOffset;
    const DXGK_ALLOCATIONLIST *pAllocationList;
    UINT AllocationListSize;
    const D3DDDI_PATCHLOCATIONLIST *pPatchLocationList;
    UINT PatchLocationListSize;
    UINT PatchLocationListSubmissionStart;
    UINT PatchLocationListSubmissionLength;
    UINT SubmissionFenceId;
    DXGK_PATCHFLAGS Flags;
    UINT EngineOrdinal;
} DXGKARG_PATCH;

typedef struct _DXGK_PREEMPTCOMMANDFLAGS {
    union {
        struct {
            UINT Reserved : 32;
        };
        UINT Value;
    };
} DXGK_PREEMPTCOMMANDFLAGS;

typedef struct _DXGKARG_PREEMPTCOMMAND {
    UINT PreemptionFenceId;
    UINT NodeOrdinal;
    UINT EngineOrdinal;
    DXGK_PREEMPTCOMMANDFLAGS Flags;
} DXGKARG_PREEMPTCOMMAND;

#if defined(_WIN64)
#define VG_WDDM_OFF(t, m) __builtin_offsetof(t, m)
_Static_assert(sizeof(DXGK_CREATECONTEXTFLAGS) == 4, "DXGK_CREATECONTEXTFLAGS");
_Static_assert(sizeof(DXGK_SUBMITCOMMANDFLAGS) == 4, "DXGK_SUBMITCOMMANDFLAGS");
_Static_assert(sizeof(DXGK_PATCHFLAGS) == 4, "DXGK_PATCHFLAGS");
_Static_assert(sizeof(DXGK_PREEMPTCOMMANDFLAGS) == 4, "DXGK_PREEMPTCOMMANDFLAGS");
_Static_assert(sizeof(DXGK_CONTEXTINFO) == 24, "DXGK_CONTEXTINFO (WIN7)");
_Static_assert(sizeof(DXGKARG_CREATECONTEXT) == 64, "DXGKARG_CREATECONTEXT");
_Static_assert(VG_WDDM_OFF(DXGKARG_CREATECONTEXT, ContextInfo) == 36, "createctx.ContextInfo");
_Static_assert(sizeof(DXGKARG_SUBMITCOMMAND) == 96, "DXGKARG_SUBMITCOMMAND (WIN8)");
_Static_assert(VG_WDDM_OFF(DXGKARG_SUBMITCOMMAND, pDmaBufferPrivateData) == 40, "submit.pDmaBufferPrivateData");
_Static_assert(VG_WDDM_OFF(DXGKARG_SUBMITCOMMAND, SubmissionFenceId) == 60, "submit.SubmissionFenceId");
_Static_assert(VG_WDDM_OFF(DXGKARG_SUBMITCOMMAND, DmaBufferVirtualAddress) == 80, "submit.DmaBufferVirtualAddress");
_Static_assert(sizeof(DXGKARG_PATCH) == 120, "DXGKARG_PATCH");
_Static_assert(sizeof(DXGKARG_PREEMPTCOMMAND) == 16, "DXGKARG_PREEMPTCOMMAND");
_Static_assert(sizeof(DXGKARG_COLLECTDBGINFO) == 32, "DXGKARG_COLLECTDBGINFO (WIN8)");
_Static_assert(sizeof(DXGKARG_SETPALETTE) == 24, "DXGKARG_SETPALETTE");
#undef VG_WDDM_OFF
#endif

#endif /* VIOGPU_WDDM_D3DKMDDI_SCHED_H */
