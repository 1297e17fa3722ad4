/*
 * d3dkmddi.h — our own subset of the WDK render-miniport DDI declarations
 * (MicrosoftDocs windows-driver-docs-ddi, d3dkmddi pages), WDDM 1.3 layouts
 * (DXGKDDI_INTERFACE_VERSION = DXGKDDI_INTERFACE_VERSION_WDDM1_3 = 0x4002).
 * Member order and types exactly as documented; members behind a version
 * guard are present when the guard is <= WDDM1_3 and absent otherwise, and
 * the comment beside them names the guard.  Only what viogpu uses is
 * declared; a type the driver never looks inside is declared incomplete.
 *
 * Include through "wddm/dispmprt.h" (after <ntddk.h>).  The KMD is x64
 * only, so the layout checks below are the Microsoft x64 ABI values; the
 * kmd-layout suite compiles them with x86_64-w64-mingw32-gcc.
 */
#ifndef VIOGPU_WDDM_D3DKMDDI_H
#define VIOGPU_WDDM_D3DKMDDI_H

#include "wddm/d3dkmdt.h"

#ifndef APIENTRY
#define APIENTRY __stdcall
#endif

#ifndef VIOGPU_HAVE_RECT
#define VIOGPU_HAVE_RECT
typedef struct tagRECT {
    LONG left;
    LONG top;
    LONG right;
    LONG bottom;
} RECT, *PRECT;
#endif

#define DXGK_MAX_ASYMETRICAL_PROCESSING_NODES 64

/* Types the driver only passes around by pointer. */
typedef struct _DXGK_ALLOCATIONUSAGEHINT DXGK_ALLOCATIONUSAGEHINT;
typedef struct _DXGK_PRESENTALLOCATIONINFO DXGK_PRESENTALLOCATIONINFO;
typedef struct _DXGK_PRESENTMULTIPLANEOVERLAYINFO DXGK_PRESENTMULTIPLANEOVERLAYINFO;
typedef struct _DXGK_DEVICEINFO DXGK_DEVICEINFO;
typedef struct _DXGK_MULTIPLANE_OVERLAY_VSYNC_INFO DXGK_MULTIPLANE_OVERLAY_VSYNC_INFO;

/* ---- adapter info ---------------------------------------------------- */

typedef enum _DXGK_QUERYADAPTERINFOTYPE {
    DXGKQAITYPE_UMDRIVERPRIVATE = 0,
    DXGKQAITYPE_DRIVERCAPS = 1,
    DXGKQAITYPE_QUERYSEGMENT = 2,
    DXGKQAITYPE_ALLOCATIONGROUP = 3,          /* WIN7 */
    DXGKQAITYPE_QUERYSEGMENT2 = 4,            /* WIN7 */
    DXGKQAITYPE_QUERYSEGMENT3 = 5,            /* WIN8 */
    DXGKQAITYPE_NUMPOWERCOMPONENTS = 6,       /* WIN8 */
    DXGKQAITYPE_POWERCOMPONENTINFO = 7,       /* WIN8 */
    DXGKQAITYPE_PREFERREDGPUNODE = 8,         /* WIN8 */
    DXGKQAITYPE_POWERCOMPONENTPSTATEINFO = 9, /* WDDM1_3 */
    DXGKQAITYPE_HISTORYBUFFERPRECISION = 10   /* WDDM1_3 */
} DXGK_QUERYADAPTERINFOTYPE;

typedef struct _DXGKARG_QUERYADAPTERINFO {
    DXGK_QUERYADAPTERINFOTYPE Type;
    VOID *pInputData;
    UINT InputDataSize;
    VOID *pOutputData;
    UINT OutputDataSize;
} DXGKARG_QUERYADAPTERINFO;

typedef struct _DXGK_POINTERFLAGS {
    union {
        struct {
            UINT Monochrome : 1;
            UINT Color : 1;
            UINT MaskedColor : 1;
            UINT Reserved : 29;
        };
        UINT Value;
    };
} DXGK_POINTERFLAGS;

typedef struct _DXGK_GAMMARAMPCAPS {
    union {
        struct {
            UINT Gamma_Rgb256x3x16 : 1;
            UINT Reserved : 31;
        };
        UINT Value;
    };
} DXGK_GAMMARAMPCAPS;

typedef struct _DXGK_COLORTRANSFORMCAPS {
    union {
        struct {
            UINT Gamma_Rgb256x3x16 : 1;
            UINT Gamma_Dxgi1 : 1;
            UINT Transform_3x4Matrix : 1;
            UINT Transform_3x4Matrix_WideColor : 1;
            UINT Transform_3x4Matrix_HighColor : 1;
            UINT Reserved : 27;
        };
        UINT Value;
    };
} DXGK_COLORTRANSFORMCAPS;

typedef struct _DXGK_PRESENTATIONCAPS {
    union {
        struct {
            UINT NoScreenToScreenBlt : 1;
            UINT NoOverlapScreenBlt : 1;
            UINT SupportKernelModeCommandBuffer : 1;
            UINT NoSameBitmapAlphaBlend : 1;
            UINT NoSameBitmapStretchBlt : 1;
            UINT NoSameBitmapTransparentBlt : 1;
            UINT NoSameBitmapOverlappedAlphaBlend : 1;
            UINT NoSameBitmapOverlappedStretchBlt : 1;
            UINT DriverSupportsCddDwmInterop : 1;
            UINT Reserved0 : 1;
            UINT AlignmentShift : 4;
            UINT MaxTextureWidthShift : 3;
            UINT MaxTextureHeightShift : 3;
            UINT SupportAllBltRops : 1;
            UINT SupportMirrorStretchBlt : 1;
            UINT SupportMonoStretchBltModes : 1;
            UINT StagingRectStartPitchAligned : 1;
            UINT NoSameBitmapBitBlt : 1;
            UINT NoSameBitmapOverlappedBitBlt : 1;
            UINT Reserved1 : 1;
            UINT NoTempSurfaceForClearTypeBlend : 1;
            UINT SupportSoftwareDeviceBitmaps : 1; /* WIN8 */
            UINT NoCacheCoherentApertureMemory : 1; /* WIN8 */
            UINT SupportLinearHeap : 1;            /* WIN8 */
            UINT Reserved : 1;
        };
        UINT Value;
    };
} DXGK_PRESENTATIONCAPS;

typedef struct _DXGK_FLIPCAPS {
    union {
        struct {
            UINT FlipOnVSyncWithNoWait : 1;
            UINT FlipOnVSyncMmIo : 1;
            UINT FlipInterval : 1;
            UINT FlipImmediateMmIo : 1;
            UINT FlipIndependent : 1; /* WDDM1_3 */
            UINT Reserved : 27;
        };
        UINT Value;
    };
} DXGK_FLIPCAPS;

typedef struct _DXGK_VIDSCHCAPS {
    union {
        struct {
            UINT MultiEngineAware : 1;
            UINT VSyncPowerSaveAware : 1;
            UINT PreemptionAware : 1;    /* WIN8 */
            UINT NoDmaPatching : 1;      /* WIN8 */
            UINT CancelCommandAware : 1; /* WIN8 */
            UINT Reserved : 27;
        };
        UINT Value;
    };
} DXGK_VIDSCHCAPS;

typedef struct _DXGK_VIDMMCAPS {
    union {
        struct {
            UINT OutOfOrderLock : 1;
            UINT DedicatedPagingEngine : 1;  /* WIN7 */
            UINT PagingEngineCanSwizzle : 1; /* WIN7 */
            UINT SectionBackedPrimary : 1;   /* WIN7 */
            UINT CrossAdapterResource : 1;   /* WDDM1_3 */
            UINT Reserved : 27;
        };
        UINT Value;
    };
    UINT PagingNode;
} DXGK_VIDMMCAPS;

typedef struct _DXGK_GPUENGINETOPOLOGY {
    UINT NbAsymetricProcessingNodes;
    UINT Reserved[DXGK_MAX_ASYMETRICAL_PROCESSING_NODES];
} DXGK_GPUENGINETOPOLOGY;

typedef enum _DXGK_WDDMVERSION {
    DXGKDDI_WDDMv1 = 0x1000,
    DXGKDDI_WDDMv1_2 = 0x1200,
    DXGKDDI_WDDMv2 = 0x2000
} DXGK_WDDMVERSION;

typedef struct _DXGK_VIRTUALADDRESSCAPS {
    union {
        struct {
            UINT VirtualAddressSupported : 1;
            UINT Reserved : 31;
        };
        UINT Value;
    };
} DXGK_VIRTUALADDRESSCAPS;

typedef struct _DXGK_DMABUFFERCAPS {
    union {
        struct {
            UINT Reserved0 : 1;
            UINT Reserved1 : 1;
            UINT Reserved : 30;
        };
        UINT Value;
    };
} DXGK_DMABUFFERCAPS;

typedef struct _DXGK_DRIVERCAPS {
    PHYSICAL_ADDRESS HighestAcceptableAddress;
    UINT MaxAllocationListSlotId;
    SIZE_T ApertureSegmentCommitLimit;
    UINT MaxPointerWidth;
    UINT MaxPointerHeight;
    DXGK_POINTERFLAGS PointerCaps;
    UINT InterruptMessageNumber;
    UINT NumberOfSwizzlingRanges;
    UINT MaxOverlays;
    union {
        DXGK_GAMMARAMPCAPS GammaRampCaps;
        DXGK_COLORTRANSFORMCAPS ColorTransformCaps;
    };
    DXGK_PRESENTATIONCAPS PresentationCaps;
    UINT MaxQueuedFlipOnVSync;
    DXGK_FLIPCAPS FlipCaps;
    DXGK_VIDSCHCAPS SchedulingCaps;
    DXGK_VIDMMCAPS MemoryManagementCaps;
    DXGK_GPUENGINETOPOLOGY GpuEngineTopology;
    DXGK_WDDMVERSION WDDMVersion;               /* WIN7 */
    DXGK_VIRTUALADDRESSCAPS VirtualAddressCaps; /* WIN7 */
    DXGK_DMABUFFERCAPS DmaBufferCaps;           /* WIN7 */
    D3DKMDT_PREEMPTION_CAPS PreemptionCaps;     /* WIN8 */
    BOOLEAN SupportNonVGA;                      /* WIN8 */
    BOOLEAN SupportSmoothRotation;              /* WIN8 */
    BOOLEAN SupportPerEngineTDR;                /* WIN8 */
    BOOLEAN SupportDirectFlip;                  /* WIN8 */
    BOOLEAN SupportMultiPlaneOverlay;           /* WIN8 */
    BOOLEAN SupportRuntimePowerManagement;      /* WIN8 */
    BOOLEAN SupportSurpriseRemovalInHibernation; /* WIN8 */
    BOOLEAN HybridDiscrete;                     /* WDDM1_3 */
    UINT MaxOverlayPlanes;                      /* WDDM1_3 */
} DXGK_DRIVERCAPS;

typedef struct _DXGK_SEGMENTFLAGS {
    union {
        struct {
            UINT Aperture : 1;
            UINT Agp : 1;
            UINT CpuVisible : 1;
            UINT UseBanking : 1;
            UINT CacheCoherent : 1;
            UINT PitchAlignment : 1;
            UINT PopulatedFromSystemMemory : 1;
            UINT PreservedDuringStandby : 1;
            UINT PreservedDuringHibernate : 1;
            UINT PartiallyPreservedDuringHibernate : 1;
            UINT DirectFlip : 1; /* WIN8 */
            UINT Reserved : 21;
        };
        UINT Value;
    };
} DXGK_SEGMENTFLAGS;

typedef struct _DXGK_SEGMENTDESCRIPTOR {
    PHYSICAL_ADDRESS BaseAddress;
    PHYSICAL_ADDRESS CpuTranslatedAddress;
    SIZE_T Size;
    UINT NbOfBanks;
    SIZE_T *pBankRangeTable;
    SIZE_T CommitLimit;
    DXGK_SEGMENTFLAGS Flags;
} DXGK_SEGMENTDESCRIPTOR;

typedef struct _DXGK_QUERYSEGMENTIN {
    PHYSICAL_ADDRESS AgpApertureBase;
    LARGE_INTEGER AgpApertureSize;
    DXGK_SEGMENTFLAGS AgpFlags;
} DXGK_QUERYSEGMENTIN;

typedef struct _DXGK_QUERYSEGMENTOUT {
    UINT NbSegment;
    DXGK_SEGMENTDESCRIPTOR *pSegmentDescriptor;
    UINT PagingBufferSegmentId;
    UINT PagingBufferSize;
    UINT PagingBufferPrivateDataSize;
} DXGK_QUERYSEGMENTOUT;

/* ---- interrupts --------------------------------------------------------- */

typedef enum _DXGK_INTERRUPT_TYPE {
    DXGK_INTERRUPT_DMA_COMPLETED = 1,
    DXGK_INTERRUPT_DMA_PREEMPTED = 2,
    DXGK_INTERRUPT_CRTC_VSYNC = 3,
    DXGK_INTERRUPT_DMA_FAULTED = 4,
    DXGK_INTERRUPT_DISPLAYONLY_VSYNC = 5,                  /* WIN8 */
    DXGK_INTERRUPT_DISPLAYONLY_PRESENT_PROGRESS = 6,       /* WIN8 */
    DXGK_INTERRUPT_CRTC_VSYNC_WITH_MULTIPLANE_OVERLAY = 7, /* WIN8 */
    DXGK_INTERRUPT_MICACAST_ENCODE_CHUNK_COMPLETE = 8      /* WDDM1_3_M1 */
} DXGK_INTERRUPT_TYPE;

typedef struct _DXGKCB_NOTIFY_INTERRUPT_DATA_FLAGS {
    union {
        struct {
            UINT ValidPhysicalAdapterMask : 1;
            UINT Reserved : 31;
        };
        UINT Value;
    };
} DXGKCB_NOTIFY_INTERRUPT_DATA_FLAGS;

/* The union keeps its documented Reserved[16] sizing member; the variants
 * viogpu never raises (Miracast, multi-plane overlay, display-only
 * progress) are left out: they are smaller than Reserved, so the layout is
 * unchanged. */
typedef struct _DXGKARGCB_NOTIFY_INTERRUPT_DATA {
    DXGK_INTERRUPT_TYPE InterruptType;
    union {
        struct {
            UINT SubmissionFenceId;
            UINT NodeOrdinal;
            UINT EngineOrdinal;
        } DmaCompleted;
        struct {
            UINT PreemptionFenceId;
            UINT LastCompletedFenceId;
            UINT NodeOrdinal;
            UINT EngineOrdinal;
        } DmaPreempted;
        struct {
            UINT FaultedFenceId;
            NTSTATUS Status;
            UINT NodeOrdinal;
            UINT EngineOrdinal;
        } DmaFaulted;
        struct {
            D3DDDI_VIDEO_PRESENT_TARGET_ID VidPnTargetId;
            PHYSICAL_ADDRESS PhysicalAddress;
            UINT PhysicalAdapterMask;
        } CrtcVsync;
        struct {
            D3DDDI_VIDEO_PRESENT_TARGET_ID VidPnTargetId;
        } DisplayOnlyVsync; /* WIN8 */
        struct {
            D3DDDI_VIDEO_PRESENT_TARGET_ID VidPnTargetId;
            UINT PhysicalAdapterMask;
            UINT MultiPlaneOverlayVsyncInfoCount;
            DXGK_MULTIPLANE_OVERLAY_VSYNC_INFO *pMultiPlaneOverlayVsyncInfo;
        } CrtcVsyncWithMultiPlaneOverlay; /* WIN8 */
        struct {
            UINT Reserved[16];
        } Reserved;
    };
    DXGKCB_NOTIFY_INTERRUPT_DATA_FLAGS Flags;
} DXGKARGCB_NOTIFY_INTERRUPT_DATA;

/* ---- allocations -------------------------------------------------------- */

typedef struct _DXGK_SEGMENTBANKPREFERENCE {
    union {
        struct {
            UINT Bank0 : 7;
            UINT Direction0 : 1;
            UINT Bank1 : 7;
            UINT Direction1 : 1;
            UINT Bank2 : 7;
            UINT Direction2 : 1;
            UINT Bank3 : 7;
            UINT Direction3 : 1;
        };
        UINT Value;
    };
} DXGK_SEGMENTBANKPREFERENCE;

typedef struct _DXGK_SEGMENTPREFERENCE {
    union {
        struct {
            UINT SegmentId0 : 5;
            UINT Direction0 : 1;
            UINT SegmentId1 : 5;
            UINT Direction1 : 1;
            UINT SegmentId2 : 5;
            UINT Direction2 : 1;
            UINT SegmentId3 : 5;
            UINT Direction3 : 1;
            UINT SegmentId4 : 5;
            UINT Direction4 : 1;
            UINT Reserved : 2;
        };
        UINT Value;
    };
} DXGK_SEGMENTPREFERENCE;

typedef struct _DXGK_ALLOCATIONINFOFLAGS {
    union {
        struct {
            UINT CpuVisible : 1;
            UINT PermanentSysMem : 1;
            UINT Cached : 1;
            UINT Protected : 1;
            UINT ExistingSysMem : 1;
            UINT ExistingKernelSysMem : 1;
            UINT FromEndOfSegment : 1;
            UINT Swizzled : 1;
            UINT Overlay : 1;
            UINT Capture : 1;
            UINT UseAlternateVA : 1;
            UINT SynchronousPaging : 1;
            UINT LinkMirrored : 1;
            UINT LinkInstanced : 1;
            UINT HistoryBuffer : 1;
            UINT Reserved : 4;
            UINT DXGK_ALLOC_RESERVED16 : 1;
            UINT DXGK_ALLOC_RESERVED15 : 1;
            UINT DXGK_ALLOC_RESERVED14 : 1;
            UINT DXGK_ALLOC_RESERVED13 : 1;
            UINT DXGK_ALLOC_RESERVED12 : 1;
            UINT DXGK_ALLOC_RESERVED11 : 1;
            UINT DXGK_ALLOC_RESERVED10 : 1;
            UINT DXGK_ALLOC_RESERVED9 : 1;
            UINT DXGK_ALLOC_RESERVED4 : 1;
            UINT DXGK_ALLOC_RESERVED3 : 1;
            UINT DXGK_ALLOC_RESERVED2 : 1;
            UINT DXGK_ALLOC_RESERVED1 : 1;
            UINT DXGK_ALLOC_RESERVED0 : 1;
        };
        UINT Value;
    };
} DXGK_ALLOCATIONINFOFLAGS;

/* WDDM 2.0 view of the same 32 bits; a WDDM 1.3 driver never uses it. */
typedef struct _DXGK_ALLOCATIONINFOFLAGS_WDDM2_0 {
    UINT Value;
} DXGK_ALLOCATIONINFOFLAGS_WDDM2_0;

typedef struct _DXGK_ALLOCATIONINFO {
    VOID *pPrivateDriverData;
    UINT PrivateDriverDataSize;
    UINT Alignment;
    SIZE_T Size;
    SIZE_T PitchAlignedSize;
    DXGK_SEGMENTBANKPREFERENCE HintedBank;
    DXGK_SEGMENTPREFERENCE PreferredSegment;
    UINT SupportedReadSegmentSet;
    UINT SupportedWriteSegmentSet;
    UINT EvictionSegmentSet;
    union {
        UINT MaximumRenamingListLength;
        UINT PhysicalAdapterIndex;
    };
    HANDLE hAllocation;
    union {
        DXGK_ALLOCATIONINFOFLAGS Flags;
        DXGK_ALLOCATIONINFOFLAGS_WDDM2_0 FlagsWddm2;
    };
    DXGK_ALLOCATIONUSAGEHINT *pAllocationUsageHint;
    UINT AllocationPriority;
} DXGK_ALLOCATIONINFO;

typedef struct _DXGK_CREATEALLOCATIONFLAGS {
    union {
        struct {
            UINT Resource : 1;
            UINT Reserved : 31;
        };
        UINT Value;
    };
} DXGK_CREATEALLOCATIONFLAGS;

typedef struct _DXGKARG_CREATEALLOCATION {
    const VOID *pPrivateDriverData;
    UINT PrivateDriverDataSize;
    UINT NumAllocations;
    DXGK_ALLOCATIONINFO *pAllocationInfo;
    HANDLE hResource;
    DXGK_CREATEALLOCATIONFLAGS Flags;
} DXGKARG_CREATEALLOCATION;

typedef struct _DXGK_DESTROYALLOCATIONFLAGS {
    union {
        struct {
            UINT DestroyResource : 1;
            UINT Reserved : 31;
        };
        UINT Value;
    };
} DXGK_DESTROYALLOCATIONFLAGS;

typedef struct _DXGKARG_DESTROYALLOCATION {
    UINT NumAllocations;
    const HANDLE *pAllocationList;
    HANDLE hResource;
    DXGK_DESTROYALLOCATIONFLAGS Flags;
} DXGKARG_DESTROYALLOCATION;

typedef struct _DXGK_DESCRIBEALLOCATIONFLAGS {
    union {
        struct {
            UINT Stereo : 1;
            UINT Reserved : 31;
        };
        UINT Value;
    };
} DXGK_DESCRIBEALLOCATIONFLAGS;

typedef struct _DXGKARG_DESCRIBEALLOCATION {
    HANDLE hAllocation;
    UINT Width;
    UINT Height;
    D3DDDIFORMAT Format;
    D3DDDI_MULTISAMPLINGMETHOD MultisampleMethod;
    D3DDDI_RATIONAL RefreshRate;
    UINT PrivateDriverFormatAttribute;
    DXGK_DESCRIBEALLOCATIONFLAGS Flags; /* WIN8 */
    D3DDDI_ROTATION Rotation;           /* WIN8 */
} DXGKARG_DESCRIBEALLOCATION;

typedef struct _DXGKARG_GETSTANDARDALLOCATIONDRIVERDATA {
    D3DKMDT_STANDARDALLOCATION_TYPE StandardAllocationType;
    union {
        D3DKMDT_SHAREDPRIMARYSURFACEDATA *pCreateSharedPrimarySurfaceData;
        D3DKMDT_SHADOWSURFACEDATA *pCreateShadowSurfaceData;
        D3DKMDT_STAGINGSURFACEDATA *pCreateStagingSurfaceData;
        D3DKMDT_GDISURFACEDATA *pCreateGdiSurfaceData; /* WIN7 */
    };
    VOID *pAllocationPrivateDriverData;
    UINT AllocationPrivateDriverDataSize;
    VOID *pResourcePrivateDriverData;
    UINT ResourcePrivateDriverDataSize;
} DXGKARG_GETSTANDARDALLOCATIONDRIVERDATA;

typedef struct _DXGK_OPENALLOCATIONINFO {
    D3DKMT_HANDLE hAllocation;
    VOID *pPrivateDriverData;
    UINT PrivateDriverDataSize;
    HANDLE hDeviceSpecificAllocation;
} DXGK_OPENALLOCATIONINFO;

typedef struct _DXGK_OPENALLOCATIONFLAGS {
    union {
        struct {
            UINT Create : 1;
            UINT ReadOnly : 1;
            UINT Reserved : 30;
        };
        UINT Value;
    };
} DXGK_OPENALLOCATIONFLAGS;

typedef struct _DXGKARG_OPENALLOCATION {
    UINT NumAllocations;
    DXGK_OPENALLOCATIONINFO *pOpenAllocation;
    VOID *pPrivateDriverData;
    UINT PrivateDriverSize;
    DXGK_OPENALLOCATIONFLAGS Flags;
    UINT SubresourceIndex;    /* WIN8 */
    SIZE_T SubresourceOffset; /* WIN8 */
    UINT Pitch;               /* WIN8 */
} DXGKARG_OPENALLOCATION;

typedef struct _DXGKARG_CLOSEALLOCATION {
    UINT NumAllocations;
    const HANDLE *pOpenHandleList;
} DXGKARG_CLOSEALLOCATION;

/* ---- devices ------------------------------------------------------------ */

typedef struct _DXGK_CREATEDEVICEFLAGS {
    union {
        struct {
            UINT SystemDevice : 1;
            UINT GdiDevice : 1;
            UINT Reserved : 30;
        };
        UINT Value;
    };
} DXGK_CREATEDEVICEFLAGS;

typedef struct _DXGKARG_CREATEDEVICE {
    HANDLE hDevice;
    union {
        DXGK_CREATEDEVICEFLAGS Flags;
        DXGK_DEVICEINFO *pInfo;
    };
} DXGKARG_CREATEDEVICE;

/* ---- paging ------------------------------------------------------------- */

typedef enum _DXGK_BUILDPAGINGBUFFER_OPERATION {
    DXGK_OPERATION_TRANSFER = 0,
    DXGK_OPERATION_FILL = 1,
    DXGK_OPERATION_DISCARD_CONTENT = 2,
    DXGK_OPERATION_READ_PHYSICAL = 3,
    DXGK_OPERATION_WRITE_PHYSICAL = 4,
    DXGK_OPERATION_MAP_APERTURE_SEGMENT = 5,
    DXGK_OPERATION_UNMAP_APERTURE_SEGMENT = 6,
    DXGK_OPERATION_SPECIAL_LOCK_TRANSFER = 7,
    DXGK_OPERATION_VIRTUAL_TRANSFER = 8,     /* WIN7 */
    DXGK_OPERATION_VIRTUAL_FILL = 9,         /* WIN7 */
    DXGK_OPERATION_INIT_CONTEXT_RESOURCE = 10 /* WIN8 */
} DXGK_BUILDPAGINGBUFFER_OPERATION;

typedef struct _DXGK_TRANSFERFLAGS {
    union {
        struct {
            UINT Swizzle : 1;
            UINT Unswizzle : 1;
            UINT AllocationIsIdle : 1;
            UINT TransferStart : 1;
            UINT TransferEnd : 1;
            UINT Reserved : 27;
        };
        UINT Value;
    };
} DXGK_TRANSFERFLAGS;

typedef struct _DXGK_DISCARDCONTENTFLAGS {
    union {
        struct {
            UINT AllocationIsIdle : 1;
            UINT Reserved : 31;
        };
        UINT Value;
    };
} DXGK_DISCARDCONTENTFLAGS;

typedef struct _DXGK_MAPAPERTUREFLAGS {
    union {
        struct {
            UINT CacheCoherent : 1;
            UINT Reserved : 31;
        };
        UINT Value;
    };
} DXGK_MAPAPERTUREFLAGS;

typedef struct _DXGKARG_BUILDPAGINGBUFFER {
    VOID *pDmaBuffer;
    UINT DmaSize;
    VOID *pDmaBufferPrivateData;
    UINT DmaBufferPrivateDataSize;
    DXGK_BUILDPAGINGBUFFER_OPERATION Operation;
    UINT MultipassOffset;
    union {
        struct {
            HANDLE hAllocation;
            UINT TransferOffset;
            SIZE_T TransferSize;
            struct {
                UINT SegmentId;
                union {
                    LARGE_INTEGER SegmentAddress;
                    MDL *pMdl;
                };
            } Source;
            struct {
                UINT SegmentId;
                union {
                    LARGE_INTEGER SegmentAddress;
                    MDL *pMdl;
                };
            } Destination;
            DXGK_TRANSFERFLAGS Flags;
            UINT MdlOffset;
        } Transfer;
        struct {
            HANDLE hAllocation;
            SIZE_T FillSize;
            UINT FillPattern;
            struct {
                UINT SegmentId;
                LARGE_INTEGER SegmentAddress;
            } Destination;
        } Fill;
        struct {
            HANDLE hAllocation;
            DXGK_DISCARDCONTENTFLAGS Flags;
            UINT SegmentId;
            PHYSICAL_ADDRESS SegmentAddress;
        } DiscardContent;
        struct {
            UINT SegmentId;
            PHYSICAL_ADDRESS PhysicalAddress;
        } ReadPhysical;
        struct {
            UINT SegmentId;
            PHYSICAL_ADDRESS PhysicalAddress;
        } WritePhysical;
        struct {
            HANDLE hDevice;
            HANDLE hAllocation;
            UINT SegmentId;
            SIZE_T OffsetInPages;
            SIZE_T NumberOfPages;
            PMDL pMdl;
            DXGK_MAPAPERTUREFLAGS Flags;
            ULONG MdlOffset;
        } MapApertureSegment;
        struct {
            HANDLE hDevice;
            HANDLE hAllocation;
            UINT SegmentId;
            SIZE_T OffsetInPages;
            SIZE_T NumberOfPages;
            PHYSICAL_ADDRESS DummyPage;
        } UnmapApertureSegment;
        struct {
            UINT Reserved[64];
        } Reserved;
    };
    HANDLE hSystemContext;
} DXGKARG_BUILDPAGINGBUFFER;

/* ---- present and display ------------------------------------------------ */

typedef struct _DXGK_ALLOCATIONLIST {
    HANDLE hDeviceSpecificAllocation;
    struct {
        UINT WriteOperation : 1;
        UINT SegmentId : 5;
        UINT Reserved : 26;
    };
    PHYSICAL_ADDRESS PhysicalAddress;
} DXGK_ALLOCATIONLIST;

typedef struct _DXGK_PRESENTFLAGS {
    union {
        struct {
            UINT Blt : 1;
            UINT ColorFill : 1;
            UINT Flip : 1;
            UINT FlipWithNoWait : 1;
            UINT SrcColorKey : 1;
            UINT DstColorKey : 1;
            UINT LinearToSrgb : 1;
            UINT Rotate : 1;
            UINT FlipStereo : 1;                /* WIN8 */
            UINT FlipStereoTemporaryMono : 1;   /* WIN8 */
            UINT FlipStereoPreferRight : 1;     /* WIN8 */
            UINT BltStereoUseRight : 1;         /* WIN8 */
            UINT FlipWithMultiPlaneOverlay : 1; /* WIN8 */
            UINT Reserved : 19;
        };
        UINT Value;
    };
} DXGK_PRESENTFLAGS;

typedef struct _DXGKARG_PRESENT {
    VOID *pDmaBuffer;
    UINT DmaSize;
    VOID *pDmaBufferPrivateData;
    UINT DmaBufferPrivateDataSize;
    union { /* WIN7 */
        DXGK_ALLOCATIONLIST *pAllocationList;
        DXGK_PRESENTALLOCATIONINFO *pAllocationInfo;
        DXGK_PRESENTMULTIPLANEOVERLAYINFO *pPresentMultiPlaneOverlayInfo; /* WIN8 */
    };
    D3DDDI_PATCHLOCATIONLIST *pPatchLocationListOut;
    UINT PatchLocationListOutSize;
    UINT MultipassOffset;
    UINT Color;
    RECT DstRect;
    RECT SrcRect;
    UINT SubRectCnt;
    const RECT *pDstSubRects;
    D3DDDI_FLIPINTERVAL_TYPE FlipInterval;
    DXGK_PRESENTFLAGS Flags;
    UINT DmaBufferSegmentId;
    PHYSICAL_ADDRESS DmaBufferPhysicalAddress;
    UINT Reserved; /* WDDM1_3 */
} DXGKARG_PRESENT;

typedef struct _DXGK_SETPOINTERPOSITIONFLAGS {
    union {
        struct {
            UINT Visible : 1;
            UINT Procedural : 1;
            UINT Reserved : 30;
        };
        UINT Value;
    };
} DXGK_SETPOINTERPOSITIONFLAGS;

typedef struct _DXGKARG_SETPOINTERPOSITION {
    D3DDDI_VIDEO_PRESENT_SOURCE_ID VidPnSourceId;
    INT X;
    INT Y;
    DXGK_SETPOINTERPOSITIONFLAGS Flags;
} DXGKARG_SETPOINTERPOSITION;

typedef struct _DXGKARG_SETPOINTERSHAPE {
    DXGK_POINTERFLAGS Flags;
    UINT Width;
    UINT Height;
    UINT Pitch;
    D3DDDI_VIDEO_PRESENT_SOURCE_ID VidPnSourceId;
    const VOID *pPixels;
    UINT XHot;
    UINT YHot;
} DXGKARG_SETPOINTERSHAPE;

typedef struct _DXGK_SETVIDPNSOURCEADDRESS_FLAGS {
    union {
        struct {
            UINT ModeChange : 1;
            UINT FlipImmediate : 1;
            UINT FlipOnNextVSync : 1;
            UINT FlipStereo : 1;
            UINT FlipStereoTemporaryMono : 1;
            UINT FlipStereoPreferRight : 1;
            UINT SharedPrimaryTransition : 1;
            UINT IndependentFlipExclusive : 1;
            UINT MoveFlip : 1;
            UINT Reserved : 23;
        };
        UINT Value;
    };
} DXGK_SETVIDPNSOURCEADDRESS_FLAGS;

typedef struct _DXGKARG_SETVIDPNSOURCEADDRESS {
    D3DDDI_VIDEO_PRESENT_SOURCE_ID VidPnSourceId;
    UINT PrimarySegment;
    PHYSICAL_ADDRESS PrimaryAddress;
    HANDLE hAllocation;
    UINT ContextCount;
    HANDLE Context[1 + D3DDDI_MAX_BROADCAST_CONTEXT];
    DXGK_SETVIDPNSOURCEADDRESS_FLAGS Flags;
    UINT Duration; /* WDDM1_3 */
} DXGKARG_SETVIDPNSOURCEADDRESS;

typedef struct _DXGKARG_SETVIDPNSOURCEVISIBILITY {
    D3DDDI_VIDEO_PRESENT_SOURCE_ID VidPnSourceId;
    BOOLEAN Visible;
} DXGKARG_SETVIDPNSOURCEVISIBILITY;

typedef struct _DXGKARG_GETSCANLINE {
    D3DDDI_VIDEO_PRESENT_TARGET_ID VidPnTargetId;
    BOOLEAN InVerticalBlank;
    UINT ScanLine;
} DXGKARG_GETSCANLINE;

typedef struct _DXGKARG_QUERYCURRENTFENCE {
    UINT CurrentFence;
    UINT NodeOrdinal;
    UINT EngineOrdinal;
} DXGKARG_QUERYCURRENTFENCE;

typedef struct _DXGKARG_ESCAPE {
    HANDLE hDevice;
    D3DDDI_ESCAPEFLAGS Flags;
    VOID *pPrivateDriverData;
    UINT PrivateDriverDataSize;
    HANDLE hContext;
} DXGKARG_ESCAPE;

/* ---- layout checks: Microsoft x64 ABI (the KMD ships x64 only) --------- */
/* Flag words and enums: one 32-bit unit each (MS bit-field layout). */
_Static_assert(sizeof(DXGK_POINTERFLAGS) == 4, "DXGK_POINTERFLAGS");
_Static_assert(sizeof(DXGK_GAMMARAMPCAPS) == 4, "DXGK_GAMMARAMPCAPS");
_Static_assert(sizeof(DXGK_COLORTRANSFORMCAPS) == 4, "DXGK_COLORTRANSFORMCAPS");
_Static_assert(sizeof(DXGK_PRESENTATIONCAPS) == 4, "DXGK_PRESENTATIONCAPS");
_Static_assert(sizeof(DXGK_FLIPCAPS) == 4, "DXGK_FLIPCAPS");
_Static_assert(sizeof(DXGK_VIDSCHCAPS) == 4, "DXGK_VIDSCHCAPS");
_Static_assert(sizeof(DXGK_VIRTUALADDRESSCAPS) == 4, "DXGK_VIRTUALADDRESSCAPS");
_Static_assert(sizeof(DXGK_DMABUFFERCAPS) == 4, "DXGK_DMABUFFERCAPS");
_Static_assert(sizeof(DXGK_SEGMENTFLAGS) == 4, "DXGK_SEGMENTFLAGS");
_Static_assert(sizeof(DXGKCB_NOTIFY_INTERRUPT_DATA_FLAGS) == 4, "DXGKCB_NOTIFY_INTERRUPT_DATA_FLAGS");
_Static_assert(sizeof(DXGK_SEGMENTBANKPREFERENCE) == 4, "DXGK_SEGMENTBANKPREFERENCE");
_Static_assert(sizeof(DXGK_SEGMENTPREFERENCE) == 4, "DXGK_SEGMENTPREFERENCE");
_Static_assert(sizeof(DXGK_ALLOCATIONINFOFLAGS) == 4, "DXGK_ALLOCATIONINFOFLAGS");
_Static_assert(sizeof(DXGK_CREATEALLOCATIONFLAGS) == 4, "DXGK_CREATEALLOCATIONFLAGS");
_Static_assert(sizeof(DXGK_DESTROYALLOCATIONFLAGS) == 4, "DXGK_DESTROYALLOCATIONFLAGS");
_Static_assert(sizeof(DXGK_DESCRIBEALLOCATIONFLAGS) == 4, "DXGK_DESCRIBEALLOCATIONFLAGS");
_Static_assert(sizeof(DXGK_OPENALLOCATIONFLAGS) == 4, "DXGK_OPENALLOCATIONFLAGS");
_Static_assert(sizeof(DXGK_CREATEDEVICEFLAGS) == 4, "DXGK_CREATEDEVICEFLAGS");
_Static_assert(sizeof(DXGK_TRANSFERFLAGS) == 4, "DXGK_TRANSFERFLAGS");
_Static_assert(sizeof(DXGK_DISCARDCONTENTFLAGS) == 4, "DXGK_DISCARDCONTENTFLAGS");
_Static_assert(sizeof(DXGK_MAPAPERTUREFLAGS) == 4, "DXGK_MAPAPERTUREFLAGS");
_Static_assert(sizeof(DXGK_PRESENTFLAGS) == 4, "DXGK_PRESENTFLAGS");
_Static_assert(sizeof(DXGK_SETPOINTERPOSITIONFLAGS) == 4, "DXGK_SETPOINTERPOSITIONFLAGS");
_Static_assert(sizeof(DXGK_SETVIDPNSOURCEADDRESS_FLAGS) == 4, "DXGK_SETVIDPNSOURCEADDRESS_FLAGS");
_Static_assert(sizeof(DXGK_QUERYADAPTERINFOTYPE) == 4, "DXGK_QUERYADAPTERINFOTYPE");
_Static_assert(sizeof(DXGK_WDDMVERSION) == 4, "DXGK_WDDMVERSION");
_Static_assert(sizeof(DXGK_BUILDPAGINGBUFFER_OPERATION) == 4, "DXGK_BUILDPAGINGBUFFER_OPERATION");
_Static_assert(sizeof(DXGK_VIDMMCAPS) == 8, "DXGK_VIDMMCAPS");
_Static_assert(sizeof(DXGK_GPUENGINETOPOLOGY) == 260, "DXGK_GPUENGINETOPOLOGY");
#if defined(_WIN64)
#define VG_WDDM_OFF(t, m) __builtin_offsetof(t, m)
_Static_assert(sizeof(DXGKARG_QUERYADAPTERINFO) == 40, "DXGKARG_QUERYADAPTERINFO");
_Static_assert(sizeof(DXGK_DRIVERCAPS) == 368, "DXGK_DRIVERCAPS (WDDM1_3)");
_Static_assert(VG_WDDM_OFF(DXGK_DRIVERCAPS, ApertureSegmentCommitLimit) == 16, "caps.ApertureSegmentCommitLimit");
_Static_assert(VG_WDDM_OFF(DXGK_DRIVERCAPS, GpuEngineTopology) == 76, "caps.GpuEngineTopology");
_Static_assert(VG_WDDM_OFF(DXGK_DRIVERCAPS, WDDMVersion) == 336, "caps.WDDMVersion (WIN7)");
_Static_assert(VG_WDDM_OFF(DXGK_DRIVERCAPS, PreemptionCaps) == 348, "caps.PreemptionCaps (WIN8)");
_Static_assert(VG_WDDM_OFF(DXGK_DRIVERCAPS, HybridDiscrete) == 363, "caps.HybridDiscrete (WDDM1_3)");
_Static_assert(VG_WDDM_OFF(DXGK_DRIVERCAPS, MaxOverlayPlanes) == 364, "caps.MaxOverlayPlanes (WDDM1_3)");
_Static_assert(sizeof(DXGK_SEGMENTDESCRIPTOR) == 56, "DXGK_SEGMENTDESCRIPTOR");
_Static_assert(sizeof(DXGK_QUERYSEGMENTIN) == 24, "DXGK_QUERYSEGMENTIN");
_Static_assert(sizeof(DXGK_QUERYSEGMENTOUT) == 32, "DXGK_QUERYSEGMENTOUT");
_Static_assert(sizeof(DXGK_INTERRUPT_TYPE) == 4, "DXGK_INTERRUPT_TYPE");
_Static_assert(sizeof(DXGKARGCB_NOTIFY_INTERRUPT_DATA) == 80, "DXGKARGCB_NOTIFY_INTERRUPT_DATA");
_Static_assert(VG_WDDM_OFF(DXGKARGCB_NOTIFY_INTERRUPT_DATA, Flags) == 72, "notify.Flags");
_Static_assert(sizeof(DXGK_ALLOCATIONINFO) == 88, "DXGK_ALLOCATIONINFO");
_Static_assert(VG_WDDM_OFF(DXGK_ALLOCATIONINFO, hAllocation) == 56, "allocinfo.hAllocation");
_Static_assert(VG_WDDM_OFF(DXGK_ALLOCATIONINFO, pAllocationUsageHint) == 72, "allocinfo.pAllocationUsageHint");
_Static_assert(sizeof(DXGKARG_CREATEALLOCATION) == 40, "DXGKARG_CREATEALLOCATION");
_Static_assert(sizeof(DXGKARG_DESTROYALLOCATION) == 32, "DXGKARG_DESTROYALLOCATION");
_Static_assert(sizeof(DXGKARG_DESCRIBEALLOCATION) == 48, "DXGKARG_DESCRIBEALLOCATION (WIN8)");
_Static_assert(sizeof(DXGKARG_GETSTANDARDALLOCATIONDRIVERDATA) == 48, "DXGKARG_GETSTANDARDALLOCATIONDRIVERDATA");
_Static_assert(sizeof(DXGK_OPENALLOCATIONINFO) == 32, "DXGK_OPENALLOCATIONINFO");
_Static_assert(sizeof(DXGKARG_OPENALLOCATION) == 56, "DXGKARG_OPENALLOCATION (WIN8)");
_Static_assert(sizeof(DXGKARG_CLOSEALLOCATION) == 16, "DXGKARG_CLOSEALLOCATION");
_Static_assert(sizeof(DXGKARG_CREATEDEVICE) == 16, "DXGKARG_CREATEDEVICE (WDDM1_3)");
_Static_assert(VG_WDDM_OFF(DXGKARG_BUILDPAGINGBUFFER, Transfer) == 40, "paging union");
_Static_assert(sizeof(DXGKARG_BUILDPAGINGBUFFER) == 40 + 256 + 8, "DXGKARG_BUILDPAGINGBUFFER (WDDM1_3)");
_Static_assert(VG_WDDM_OFF(DXGKARG_BUILDPAGINGBUFFER, MapApertureSegment.pMdl) == 40 + 40, "MapApertureSegment.pMdl");
_Static_assert(sizeof(DXGK_ALLOCATIONLIST) == 24, "DXGK_ALLOCATIONLIST (WDDM1_3)");
_Static_assert(sizeof(DXGKARG_PRESENT) == 136, "DXGKARG_PRESENT (WDDM1_3)");
_Static_assert(VG_WDDM_OFF(DXGKARG_PRESENT, DstRect) == 60, "present.DstRect");
_Static_assert(VG_WDDM_OFF(DXGKARG_PRESENT, pDstSubRects) == 96, "present.pDstSubRects");
_Static_assert(VG_WDDM_OFF(DXGKARG_PRESENT, DmaBufferPhysicalAddress) == 120, "present.DmaBufferPhysicalAddress");
_Static_assert(sizeof(DXGKARG_SETPOINTERPOSITION) == 16, "DXGKARG_SETPOINTERPOSITION");
_Static_assert(sizeof(DXGKARG_SETPOINTERSHAPE) == 40, "DXGKARG_SETPOINTERSHAPE");
_Static_assert(VG_WDDM_OFF(DXGKARG_SETPOINTERSHAPE, pPixels) == 24, "pointer.pPixels");
_Static_assert(sizeof(DXGKARG_SETVIDPNSOURCEADDRESS) == 560, "DXGKARG_SETVIDPNSOURCEADDRESS (WDDM1_3)");
_Static_assert(VG_WDDM_OFF(DXGKARG_SETVIDPNSOURCEADDRESS, Flags) == 552, "srcaddr.Flags");
_Static_assert(sizeof(DXGKARG_SETVIDPNSOURCEVISIBILITY) == 8, "DXGKARG_SETVIDPNSOURCEVISIBILITY");
_Static_assert(sizeof(DXGKARG_GETSCANLINE) == 12, "DXGKARG_GETSCANLINE");
_Static_assert(sizeof(DXGKARG_QUERYCURRENTFENCE) == 12, "DXGKARG_QUERYCURRENTFENCE");
_Static_assert(sizeof(DXGKARG_ESCAPE) == 40, "DXGKARG_ESCAPE");
#undef VG_WDDM_OFF
#endif

/* Contexts/scheduling and the VidPN half of the DDI live in their own
 * files to keep each readable. */
#include "wddm/d3dkmddi_sched.h"
#include "wddm/d3dkmddi_vidpn.h"

#endif /* VIOGPU_WDDM_D3DKMDDI_H */
