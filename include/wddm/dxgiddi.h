/*
 * dxgiddi.h — the DXGI DDI of a D3D10 user-mode driver (written from the
 * documented declarations, Microsoft's dxgiddi.h reference pages): the
 * function table the driver fills through
 * D3D10DDIARG_CREATEDEVICE.DXGIBaseDDI.pDXGIDDIBaseFunctions, the callback
 * table the runtime hands in pDXGIBaseCallbacks, and their arguments.
 *
 * Only the DXGI 1.0 table (seven entries) and the DXGI 1.1 one (plus
 * ResolveSharedResource) are declared; later DXGI versions are not.
 */
#ifndef WDDM_DXGIDDI_H
#define WDDM_DXGIDDI_H

#include "wddm/d3d10umddi.h"

/* MAKE_DXGI_DDI_HRESULT(code) = MAKE_HRESULT(1, 0x87b, code): 1 is
 * WASSTILLDRAWING, 2 UNSUPPORTED, 3 NONEXCLUSIVE. */
#ifndef DXGI_DDI_ERR_WASSTILLDRAWING
#define DXGI_DDI_ERR_WASSTILLDRAWING ((HRESULT)0x887B0001u)
#endif
#ifndef DXGI_DDI_ERR_UNSUPPORTED
#define DXGI_DDI_ERR_UNSUPPORTED ((HRESULT)0x887B0002u)
#endif
#ifndef DXGI_DDI_ERR_NONEXCLUSIVE
#define DXGI_DDI_ERR_NONEXCLUSIVE ((HRESULT)0x887B0003u)
#endif

/* Driver handles, pointer-sized: hDevice is the driver's device
 * (D3D10DDI_HDEVICE.pDrvPrivate), a resource the driver's resource. */
typedef uintptr_t DXGI_DDI_HDEVICE;
typedef uintptr_t DXGI_DDI_HRESOURCE;

typedef enum DXGI_DDI_FLIP_INTERVAL_TYPE {
    DXGI_DDI_FLIP_INTERVAL_IMMEDIATE = 0,
    DXGI_DDI_FLIP_INTERVAL_ONE = 1,
    DXGI_DDI_FLIP_INTERVAL_TWO = 2,
    DXGI_DDI_FLIP_INTERVAL_THREE = 3,
    DXGI_DDI_FLIP_INTERVAL_FOUR = 4,
} DXGI_DDI_FLIP_INTERVAL_TYPE;

typedef struct DXGI_DDI_PRESENT_FLAGS {
    union {
        struct {
            UINT Blt : 1;
            UINT Flip : 1;
            UINT PreferRight : 1;
            UINT TemporaryMono : 1;
            UINT Reserved : 28;
        };
        UINT Value;
    };
} DXGI_DDI_PRESENT_FLAGS;

typedef struct DXGI_DDI_ARG_PRESENT {
    DXGI_DDI_HDEVICE hDevice;
    DXGI_DDI_HRESOURCE hSurfaceToPresent;
    UINT SrcSubResourceIndex;
    DXGI_DDI_HRESOURCE hDstResource; /* 0: the primary / the window's surface */
    UINT DstSubResourceIndex;
    void *pDXGIContext;              /* passed unchanged to pfnPresentCb */
    DXGI_DDI_PRESENT_FLAGS Flags;
    DXGI_DDI_FLIP_INTERVAL_TYPE FlipInterval;
} DXGI_DDI_ARG_PRESENT;

typedef struct DXGI_RGB {
    FLOAT Red, Green, Blue;
} DXGI_RGB;

typedef struct DXGI_GAMMA_CONTROL_CAPABILITIES {
    BOOL ScaleAndOffsetSupported;
    FLOAT MaxConvertedValue;
    FLOAT MinConvertedValue;
    UINT NumGammaControlPoints;
    FLOAT ControlPointPositions[1025];
} DXGI_GAMMA_CONTROL_CAPABILITIES;

typedef struct DXGI_DDI_ARG_GET_GAMMA_CONTROL_CAPS {
    DXGI_DDI_HDEVICE hDevice;
    DXGI_GAMMA_CONTROL_CAPABILITIES *pGammaCapabilities;
} DXGI_DDI_ARG_GET_GAMMA_CONTROL_CAPS;

typedef struct DXGI_DDI_ARG_SETDISPLAYMODE {
    DXGI_DDI_HDEVICE hDevice;
    DXGI_DDI_HRESOURCE hResource;
    UINT SubResourceIndex;
} DXGI_DDI_ARG_SETDISPLAYMODE;

typedef struct DXGI_DDI_ARG_SETRESOURCEPRIORITY {
    DXGI_DDI_HDEVICE hDevice;
    DXGI_DDI_HRESOURCE hResource;
    UINT Priority;
} DXGI_DDI_ARG_SETRESOURCEPRIORITY;

typedef enum DXGI_DDI_RESIDENCY {
    DXGI_DDI_RESIDENCY_FULLY_RESIDENT = 1,
    DXGI_DDI_RESIDENCY_RESIDENT_IN_SHARED_MEMORY = 2,
    DXGI_DDI_RESIDENCY_EVICTED_TO_DISK = 3,
} DXGI_DDI_RESIDENCY;

typedef struct DXGI_DDI_ARG_QUERYRESOURCERESIDENCY {
    DXGI_DDI_HDEVICE hDevice;
    DXGI_DDI_HRESOURCE *pResources;
    DXGI_DDI_RESIDENCY *pStatus;
    SIZE_T Resources;
} DXGI_DDI_ARG_QUERYRESOURCERESIDENCY;

typedef struct DXGI_DDI_ARG_ROTATE_RESOURCE_IDENTITIES {
    DXGI_DDI_HDEVICE hDevice;
    DXGI_DDI_HRESOURCE *pResources;
    UINT Resources;
} DXGI_DDI_ARG_ROTATE_RESOURCE_IDENTITIES;

typedef enum DXGI_DDI_MODE_ROTATION {
    DXGI_DDI_MODE_ROTATION_UNSPECIFIED = 0,
    DXGI_DDI_MODE_ROTATION_IDENTITY = 1,
    DXGI_DDI_MODE_ROTATION_ROTATE90 = 2,
    DXGI_DDI_MODE_ROTATION_ROTATE180 = 3,
    DXGI_DDI_MODE_ROTATION_ROTATE270 = 4,
} DXGI_DDI_MODE_ROTATION;

typedef struct DXGI_DDI_RATIONAL {
    UINT Numerator;
    UINT Denominator;
} DXGI_DDI_RATIONAL;

typedef enum DXGI_DDI_MODE_SCANLINE_ORDER {
    DXGI_DDI_MODE_SCANLINE_ORDER_UNSPECIFIED = 0,
    DXGI_DDI_MODE_SCANLINE_ORDER_PROGRESSIVE = 1,
    DXGI_DDI_MODE_SCANLINE_ORDER_UPPER_FIELD_FIRST = 2,
    DXGI_DDI_MODE_SCANLINE_ORDER_LOWER_FIELD_FIRST = 3,
} DXGI_DDI_MODE_SCANLINE_ORDER;

typedef enum DXGI_DDI_MODE_SCALING {
    DXGI_DDI_MODE_SCALING_UNSPECIFIED = 0,
    DXGI_DDI_MODE_SCALING_STRETCHED = 1,
    DXGI_DDI_MODE_SCALING_CENTERED = 2,
} DXGI_DDI_MODE_SCALING;

typedef struct DXGI_DDI_MODE_DESC {
    UINT Width;
    UINT Height;
    DXGI_FORMAT Format;
    DXGI_DDI_RATIONAL RefreshRate;
    DXGI_DDI_MODE_SCANLINE_ORDER ScanlineOrdering;
    DXGI_DDI_MODE_ROTATION Rotation;
    DXGI_DDI_MODE_SCALING Scaling;
} DXGI_DDI_MODE_DESC;

/* D3D10DDIARG_CREATERESOURCE.pPrimaryDesc: the resource will be scanned
 * out from VidPnSourceId in ModeDesc; DriverFlags is the driver's answer
 * (NO_SCANOUT: present by copy only, the runtime then never flips). */
#define DXGI_DDI_PRIMARY_OPTIONAL 0x1
#define DXGI_DDI_PRIMARY_NONPREROTATED 0x2
#define DXGI_DDI_PRIMARY_STEREO 0x4
#define DXGI_DDI_PRIMARY_DRIVER_FLAG_NO_SCANOUT 0x1
struct DXGI_DDI_PRIMARY_DESC {
    UINT Flags;
    D3DDDI_VIDEO_PRESENT_SOURCE_ID VidPnSourceId;
    DXGI_DDI_MODE_DESC ModeDesc;
    UINT DriverFlags;
};

typedef struct DXGI_DDI_ARG_BLT_FLAGS {
    union {
        struct {
            UINT Resolve : 1;
            UINT Convert : 1;
            UINT Stretch : 1;
            UINT Present : 1;
            UINT Reserved : 28;
        };
        UINT Value;
    };
} DXGI_DDI_ARG_BLT_FLAGS;

typedef struct DXGI_DDI_ARG_BLT {
    DXGI_DDI_HDEVICE hDevice;
    DXGI_DDI_HRESOURCE hSrcResource;
    UINT SrcSubresource;
    UINT SrcLeft, SrcTop, SrcRight, SrcBottom;
    DXGI_DDI_HRESOURCE hDstResource;
    UINT DstSubresource;
    UINT DstLeft, DstTop, DstRight, DstBottom;
    DXGI_DDI_ARG_BLT_FLAGS Flags;
    DXGI_DDI_MODE_ROTATION Rotate;
} DXGI_DDI_ARG_BLT;

typedef struct DXGI_DDI_ARG_RESOLVESHAREDRESOURCE {
    DXGI_DDI_HDEVICE hDevice;
    DXGI_DDI_HRESOURCE hResource;
} DXGI_DDI_ARG_RESOLVESHAREDRESOURCE;

typedef struct DXGI_DDI_BASE_FUNCTIONS {
    HRESULT(APIENTRY *pfnPresent)(DXGI_DDI_ARG_PRESENT *);
    HRESULT(APIENTRY *pfnGetGammaCaps)(DXGI_DDI_ARG_GET_GAMMA_CONTROL_CAPS *);
    HRESULT(APIENTRY *pfnSetDisplayMode)(DXGI_DDI_ARG_SETDISPLAYMODE *);
    HRESULT(APIENTRY *pfnSetResourcePriority)(DXGI_DDI_ARG_SETRESOURCEPRIORITY *);
    HRESULT(APIENTRY *pfnQueryResourceResidency)(DXGI_DDI_ARG_QUERYRESOURCERESIDENCY *);
    HRESULT(APIENTRY *pfnRotateResourceIdentities)(DXGI_DDI_ARG_ROTATE_RESOURCE_IDENTITIES *);
    HRESULT(APIENTRY *pfnBlt)(DXGI_DDI_ARG_BLT *);
} DXGI_DDI_BASE_FUNCTIONS;

typedef struct DXGI1_1_DDI_BASE_FUNCTIONS {
    HRESULT(APIENTRY *pfnPresent)(DXGI_DDI_ARG_PRESENT *);
    HRESULT(APIENTRY *pfnGetGammaCaps)(DXGI_DDI_ARG_GET_GAMMA_CONTROL_CAPS *);
    HRESULT(APIENTRY *pfnSetDisplayMode)(DXGI_DDI_ARG_SETDISPLAYMODE *);
    HRESULT(APIENTRY *pfnSetResourcePriority)(DXGI_DDI_ARG_SETRESOURCEPRIORITY *);
    HRESULT(APIENTRY *pfnQueryResourceResidency)(DXGI_DDI_ARG_QUERYRESOURCERESIDENCY *);
    HRESULT(APIENTRY *pfnRotateResourceIdentities)(DXGI_DDI_ARG_ROTATE_RESOURCE_IDENTITIES *);
    HRESULT(APIENTRY *pfnBlt)(DXGI_DDI_ARG_BLT *);
    HRESULT(APIENTRY *pfnResolveSharedResource)(DXGI_DDI_ARG_RESOLVESHAREDRESOURCE *);
} DXGI1_1_DDI_BASE_FUNCTIONS;

/* pfnPresentCb's argument: kernel allocation handles of source and
 * destination (0: the primary), the runtime's opaque context, and the
 * driver's context the copy is queued on. */
#define DXGI_DDI_MAX_BROADCAST_CONTEXT 64
typedef struct DXGIDDICB_PRESENT {
    D3DKMT_HANDLE hSrcAllocation;
    D3DKMT_HANDLE hDstAllocation;
    void *pDXGIContext;
    HANDLE hContext;
    UINT BroadcastContextCount;
    HANDLE BroadcastContext[DXGI_DDI_MAX_BROADCAST_CONTEXT];
} DXGIDDICB_PRESENT;

typedef struct DXGI_DDI_BASE_CALLBACKS {
    HRESULT(APIENTRY CALLBACK *pfnPresentCb)(HANDLE hDevice, DXGIDDICB_PRESENT *pData);
} DXGI_DDI_BASE_CALLBACKS;

/* Layout checks: no pointers, identical on x86 and x64. */
_Static_assert(sizeof(DXGI_DDI_MODE_DESC) == 32, "DXGI_DDI_MODE_DESC");
_Static_assert(sizeof(DXGI_DDI_PRIMARY_DESC) == 44, "DXGI_DDI_PRIMARY_DESC");
_Static_assert(__builtin_offsetof(DXGI_DDI_PRIMARY_DESC, DriverFlags) == 40, "DXGI_DDI_PRIMARY_DESC.DriverFlags");

#endif /* WDDM_DXGIDDI_H */
