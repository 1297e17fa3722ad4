/*
 * d3dukmdt.h — our own subset of the WDK header shared by user-mode and
 * kernel-mode display drivers, written from the documented declarations
 * (MicrosoftDocs windows-driver-docs-ddi, d3dukmdt pages).  Member order and types
 * are exactly as documented; only what viogpu uses is declared.
 *
 * Include it after the platform header that defines the Windows base types
 * (<ntddk.h> in the KMD, <windows.h> in the UMD).  The layout checks at the
 * end hold on both x86 and x64: a 32-bit UMD under WOW64 shares these types
 * with the 64-bit runtime thunks, so tests compile this header with both
 * MinGW compilers.
 */
#ifndef VIOGPU_WDDM_D3DUKMDT_H
#define VIOGPU_WDDM_D3DUKMDT_H

/*
 * DDI interface versions.  The guards below name the WDDM release whose DDI
 * added a member:
 *   VISTA      0x1052  WDDM 1.0 (Windows Vista)
 *   VISTA_SP1  0x1053  WDDM 1.0 SP1
 *   WIN7       0x2005  WDDM 1.1 (Windows 7)
 *   WIN8       0x300E  WDDM 1.2 (Windows 8)
 *   WDDM1_3_M1 0x4000  WDDM 1.3 milestone 1 (pre-release; some members use it)
 *   WDDM1_3    0x4002  WDDM 1.3 (Windows 8.1, "WIN8_1")  <- what viogpu3d.sys implements
 *   WDDM2_0    0x5023  WDDM 2.0 (Windows 10)
 */
#define DXGKDDI_INTERFACE_VERSION_VISTA      0x1052
#define DXGKDDI_INTERFACE_VERSION_VISTA_SP1  0x1053
#define DXGKDDI_INTERFACE_VERSION_WIN7       0x2005
#define DXGKDDI_INTERFACE_VERSION_WIN8       0x300E
#define DXGKDDI_INTERFACE_VERSION_WDDM1_3_M1 0x4000
#define DXGKDDI_INTERFACE_VERSION_WDDM1_3    0x4002
#define DXGKDDI_INTERFACE_VERSION_WDDM2_0    0x5023

/* The structures in include/wddm are laid out for exactly this version: a
 * different value would need the version-guarded members re-checked. */
#ifndef DXGKDDI_INTERFACE_VERSION
#define DXGKDDI_INTERFACE_VERSION DXGKDDI_INTERFACE_VERSION_WDDM1_3
#endif
#if DXGKDDI_INTERFACE_VERSION != DXGKDDI_INTERFACE_VERSION_WDDM1_3
#error "include/wddm declares the WDDM 1.3 (0x4002) layouts only"
#endif

#define D3DDDI_MAX_BROADCAST_CONTEXT 64

/* <windows.h> (windef.h) declares UINT; the kernel headers (wdm.h) do not. */
#if !defined(_WINDEF_) && !defined(VIOGPU_HAVE_UINT)
#define VIOGPU_HAVE_UINT
typedef unsigned int UINT;
typedef ULONG DWORD; /* 32-bit on every Windows ABI (LLP64) */
typedef UCHAR BYTE;
#endif

typedef UINT D3DKMT_HANDLE;
typedef UINT D3DDDI_VIDEO_PRESENT_SOURCE_ID;
typedef UINT D3DDDI_VIDEO_PRESENT_TARGET_ID;
typedef ULONGLONG D3DGPU_VIRTUAL_ADDRESS;

#define D3DDDI_ID_UNINITIALIZED ((UINT)(~0u))
#define D3DDDI_ID_NOTAPPLICABLE ((UINT)(0))
#define D3DDDI_ID_ALL ((UINT)(~2u)) /* every source / target */

/* Only the formats the driver can scan out or describe. */
typedef enum _D3DDDIFORMAT {
    D3DDDIFMT_UNKNOWN = 0,
    D3DDDIFMT_R8G8B8 = 20,
    D3DDDIFMT_A8R8G8B8 = 21,
    D3DDDIFMT_X8R8G8B8 = 22,
    D3DDDIFMT_R5G6B5 = 23,
    D3DDDIFMT_A8B8G8R8 = 32,
    D3DDDIFMT_X8B8G8R8 = 33,
    D3DDDIFMT_FORCE_UINT = 0x7fffffff
} D3DDDIFORMAT;

typedef struct _D3DDDI_RATIONAL {
    UINT Numerator;
    UINT Denominator;
} D3DDDI_RATIONAL;

typedef struct _D3DDDI_MULTISAMPLINGMETHOD {
    UINT NumSamples;
    UINT NumQualityLevels;
} D3DDDI_MULTISAMPLINGMETHOD;

typedef enum _D3DDDI_ROTATION {
    D3DDDI_ROTATION_IDENTITY = 1,
    D3DDDI_ROTATION_90 = 2,
    D3DDDI_ROTATION_180 = 3,
    D3DDDI_ROTATION_270 = 4
} D3DDDI_ROTATION;

typedef enum _D3DDDI_FLIPINTERVAL_TYPE {
    D3DDDI_FLIPINTERVAL_IMMEDIATE = 0,
    D3DDDI_FLIPINTERVAL_ONE = 1,
    D3DDDI_FLIPINTERVAL_TWO = 2,
    D3DDDI_FLIPINTERVAL_THREE = 3,
    D3DDDI_FLIPINTERVAL_FOUR = 4
} D3DDDI_FLIPINTERVAL_TYPE;

/* WDDM1_3 adds DeviceStatusQuery and ChangeFrameLatency. */
typedef struct _D3DDDI_ESCAPEFLAGS {
    union {
        struct {
            UINT HardwareAccess : 1;
            UINT DeviceStatusQuery : 1;
            UINT ChangeFrameLatency : 1;
            UINT Reserved : 29;
        };
        UINT Value;
    };
} D3DDDI_ESCAPEFLAGS;

typedef struct _D3DDDI_PATCHLOCATIONLIST {
    UINT AllocationIndex;
    union {
        struct {
            UINT SlotId : 24;
            UINT Reserved : 8;
        };
        UINT Value;
    };
    UINT DriverId;
    UINT AllocationOffset;
    UINT PatchOffset;
    UINT SplitOffset;
} D3DDDI_PATCHLOCATIONLIST;

/* One allocation of a shared resource being opened (OpenResource): its
 * handle for the opening device and the private data it was created with. */
typedef struct _D3DDDI_OPENALLOCATIONINFO {
    D3DKMT_HANDLE hAllocation;
    const VOID *pPrivateDriverData;
    UINT PrivateDriverDataSize;
} D3DDDI_OPENALLOCATIONINFO;
_Static_assert(sizeof(D3DDDI_OPENALLOCATIONINFO) == (sizeof(void *) == 8 ? 24 : 12), "D3DDDI_OPENALLOCATIONINFO");
_Static_assert(__builtin_offsetof(D3DDDI_OPENALLOCATIONINFO, PrivateDriverDataSize) == (sizeof(void *) == 8 ? 16 : 8),
               "D3DDDI_OPENALLOCATIONINFO.PrivateDriverDataSize");

/* Layout checks (identical on x86 and x64: no pointers in these types). */
_Static_assert(sizeof(D3DDDIFORMAT) == 4, "D3DDDIFORMAT is a 4-byte enum");
_Static_assert(sizeof(D3DDDI_RATIONAL) == 8, "D3DDDI_RATIONAL");
_Static_assert(sizeof(D3DDDI_MULTISAMPLINGMETHOD) == 8, "D3DDDI_MULTISAMPLINGMETHOD");
_Static_assert(sizeof(D3DDDI_ROTATION) == 4, "D3DDDI_ROTATION");
_Static_assert(sizeof(D3DDDI_FLIPINTERVAL_TYPE) == 4, "D3DDDI_FLIPINTERVAL_TYPE");
_Static_assert(sizeof(D3DDDI_ESCAPEFLAGS) == 4, "D3DDDI_ESCAPEFLAGS (WDDM1_3)");
_Static_assert(sizeof(D3DDDI_PATCHLOCATIONLIST) == 24, "D3DDDI_PATCHLOCATIONLIST");
_Static_assert(__builtin_offsetof(D3DDDI_PATCHLOCATIONLIST, PatchOffset) == 16,
               "D3DDDI_PATCHLOCATIONLIST.PatchOffset");

#endif /* VIOGPU_WDDM_D3DUKMDT_H */
