/*
 * d3dkmddi_vidpn.h — the VidPN (video present network) part of our
 * d3dkmddi.h subset: the interfaces dxgkrnl implements and the miniport
 * calls (DXGK_VIDPN_INTERFACE, topology, source/target/monitor mode sets)
 * and the DXGKARG_* of the VidPN DDIs.  WDDM 1.3 layouts, member order and
 * types as documented; interface slots viogpu never calls keep their
 * position typed PVOID.  Included by d3dkmddi.h; do not include directly.
 */
#ifndef VIOGPU_WDDM_D3DKMDDI_VIDPN_H
#define VIOGPU_WDDM_D3DKMDDI_VIDPN_H

/* ---- VidPN interfaces (dxgkrnl implements them; the driver calls them) --- */

typedef enum _DXGK_VIDPN_INTERFACE_VERSION {
    DXGK_VIDPN_INTERFACE_VERSION_UNINITIALIZED = 0,
    DXGK_VIDPN_INTERFACE_VERSION_V1 = 1
} DXGK_VIDPN_INTERFACE_VERSION;

typedef struct _DXGK_VIDPNTOPOLOGY_INTERFACE DXGK_VIDPNTOPOLOGY_INTERFACE;
typedef struct _DXGK_VIDPNSOURCEMODESET_INTERFACE DXGK_VIDPNSOURCEMODESET_INTERFACE;
typedef struct _DXGK_VIDPNTARGETMODESET_INTERFACE DXGK_VIDPNTARGETMODESET_INTERFACE;

typedef struct _DXGK_VIDPN_INTERFACE {
    DXGK_VIDPN_INTERFACE_VERSION Version;
    NTSTATUS (APIENTRY *pfnGetTopology)(const D3DKMDT_HVIDPN hVidPn, D3DKMDT_HVIDPNTOPOLOGY *phVidPnTopology,
                                        const DXGK_VIDPNTOPOLOGY_INTERFACE **ppVidPnTopologyInterface);
    NTSTATUS (APIENTRY *pfnAcquireSourceModeSet)(const D3DKMDT_HVIDPN hVidPn,
                                                 const D3DDDI_VIDEO_PRESENT_SOURCE_ID VidPnSourceId,
                                                 D3DKMDT_HVIDPNSOURCEMODESET *phVidPnSourceModeSet,
                                                 const DXGK_VIDPNSOURCEMODESET_INTERFACE **ppVidPnSourceModeSetInterface);
    NTSTATUS (APIENTRY *pfnReleaseSourceModeSet)(const D3DKMDT_HVIDPN hVidPn,
                                                 const D3DKMDT_HVIDPNSOURCEMODESET hVidPnSourceModeSet);
    NTSTATUS (APIENTRY *pfnCreateNewSourceModeSet)(const D3DKMDT_HVIDPN hVidPn,
                                                   const D3DDDI_VIDEO_PRESENT_SOURCE_ID VidPnSourceId,
                                                   D3DKMDT_HVIDPNSOURCEMODESET *phNewVidPnSourceModeSet,
                                                   const DXGK_VIDPNSOURCEMODESET_INTERFACE **ppVidPnSourceModeSetInterface);
    NTSTATUS (APIENTRY *pfnAssignSourceModeSet)(D3DKMDT_HVIDPN hVidPn, const D3DDDI_VIDEO_PRESENT_SOURCE_ID VidPnSourceId,
                                                const D3DKMDT_HVIDPNSOURCEMODESET hVidPnSourceModeSet);
    PVOID pfnAssignMultisamplingMethodSet; /* not used by viogpu */
    NTSTATUS (APIENTRY *pfnAcquireTargetModeSet)(const D3DKMDT_HVIDPN hVidPn,
                                                 const D3DDDI_VIDEO_PRESENT_TARGET_ID VidPnTargetId,
                                                 D3DKMDT_HVIDPNTARGETMODESET *phVidPnTargetModeSet,
                                                 const DXGK_VIDPNTARGETMODESET_INTERFACE **ppVidPnTargetModeSetInterface);
    NTSTATUS (APIENTRY *pfnReleaseTargetModeSet)(const D3DKMDT_HVIDPN hVidPn,
                                                 const D3DKMDT_HVIDPNTARGETMODESET hVidPnTargetModeSet);
    NTSTATUS (APIENTRY *pfnCreateNewTargetModeSet)(const D3DKMDT_HVIDPN hVidPn,
                                                   const D3DDDI_VIDEO_PRESENT_TARGET_ID VidPnTargetId,
                                                   D3DKMDT_HVIDPNTARGETMODESET *phNewVidPnTargetModeSet,
                                                   const DXGK_VIDPNTARGETMODESET_INTERFACE **ppVidPnTargetModeSetInterace);
    NTSTATUS (APIENTRY *pfnAssignTargetModeSet)(D3DKMDT_HVIDPN hVidPn, const D3DDDI_VIDEO_PRESENT_TARGET_ID VidPnTargetId,
                                                const D3DKMDT_HVIDPNTARGETMODESET hVidPnTargetModeSet);
} DXGK_VIDPN_INTERFACE;

struct _DXGK_VIDPNTOPOLOGY_INTERFACE {
    NTSTATUS (APIENTRY *pfnGetNumPaths)(const D3DKMDT_HVIDPNTOPOLOGY hVidPnTopology, SIZE_T *pNumPaths);
    PVOID pfnGetNumPathsFromSource;     /* not used by viogpu */
    PVOID pfnEnumPathTargetsFromSource; /* not used by viogpu */
    PVOID pfnGetPathSourceFromTarget;   /* not used by viogpu */
    PVOID pfnAcquirePathInfo;           /* not used by viogpu */
    NTSTATUS (APIENTRY *pfnAcquireFirstPathInfo)(const D3DKMDT_HVIDPNTOPOLOGY hVidPnTopology,
                                                 const D3DKMDT_VIDPN_PRESENT_PATH **ppFirstVidPnPresentPathInfo);
    NTSTATUS (APIENTRY *pfnAcquireNextPathInfo)(const D3DKMDT_HVIDPNTOPOLOGY hVidPnTopology,
                                                const D3DKMDT_VIDPN_PRESENT_PATH *pVidPnPresentPathInfo,
                                                const D3DKMDT_VIDPN_PRESENT_PATH **ppNextVidPnPresentPathInfo);
    NTSTATUS (APIENTRY *pfnUpdatePathSupportInfo)(const D3DKMDT_HVIDPNTOPOLOGY i_hVidPnTopology,
                                                  const D3DKMDT_VIDPN_PRESENT_PATH *i_pVidPnPresentPathInfo);
    NTSTATUS (APIENTRY *pfnReleasePathInfo)(const D3DKMDT_HVIDPNTOPOLOGY hVidPnTopology,
                                            const D3DKMDT_VIDPN_PRESENT_PATH *pVidPnPresentPathInfo);
    NTSTATUS (APIENTRY *pfnCreateNewPathInfo)(const D3DKMDT_HVIDPNTOPOLOGY hVidPnTopology,
                                              D3DKMDT_VIDPN_PRESENT_PATH **ppNewVidPnPresentPathInfo);
    NTSTATUS (APIENTRY *pfnAddPath)(D3DKMDT_HVIDPNTOPOLOGY hVidPnTopology,
                                    const D3DKMDT_VIDPN_PRESENT_PATH *pVidPnPresentPath);
    PVOID pfnRemovePath; /* not used by viogpu */
};

struct _DXGK_VIDPNSOURCEMODESET_INTERFACE {
    NTSTATUS (APIENTRY *pfnGetNumModes)(const D3DKMDT_HVIDPNSOURCEMODESET hVidPnSourceModeSet, SIZE_T *pNumSourceModes);
    PVOID pfnAcquireFirstModeInfo; /* not used by viogpu */
    PVOID pfnAcquireNextModeInfo;  /* not used by viogpu */
    NTSTATUS (APIENTRY *pfnAcquirePinnedModeInfo)(const D3DKMDT_HVIDPNSOURCEMODESET hVidPnSourceModeSet,
                                                  const D3DKMDT_VIDPN_SOURCE_MODE **ppPinnedVidPnSourceModeInfo);
    NTSTATUS (APIENTRY *pfnReleaseModeInfo)(const D3DKMDT_HVIDPNSOURCEMODESET hVidPnSourceModeSet,
                                            const D3DKMDT_VIDPN_SOURCE_MODE *pVidPnSourceModeInfo);
    NTSTATUS (APIENTRY *pfnCreateNewModeInfo)(const D3DKMDT_HVIDPNSOURCEMODESET hVidPnSourceModeSet,
                                              D3DKMDT_VIDPN_SOURCE_MODE **ppNewVidPnSourceModeInfo);
    NTSTATUS (APIENTRY *pfnAddMode)(D3DKMDT_HVIDPNSOURCEMODESET hVidPnSourceModeSet,
                                    const D3DKMDT_VIDPN_SOURCE_MODE *pVidPnSourceModeInfo);
    NTSTATUS (APIENTRY *pfnPinMode)(D3DKMDT_HVIDPNSOURCEMODESET hVidPnSourceModeSet,
                                    const D3DKMDT_VIDEO_PRESENT_SOURCE_MODE_ID VidPnSourceModeId);
};

struct _DXGK_VIDPNTARGETMODESET_INTERFACE {
    NTSTATUS (APIENTRY *pfnGetNumModes)(const D3DKMDT_HVIDPNTARGETMODESET hVidPnTargetModeSet, SIZE_T *pNumTargetModes);
    PVOID pfnAcquireFirstModeInfo; /* not used by viogpu */
    PVOID pfnAcquireNextModeInfo;  /* not used by viogpu */
    NTSTATUS (APIENTRY *pfnAcquirePinnedModeInfo)(const D3DKMDT_HVIDPNTARGETMODESET hVidPnTargetModeSet,
                                                  const D3DKMDT_VIDPN_TARGET_MODE **ppPinnedVidPnTargetModeInfo);
    NTSTATUS (APIENTRY *pfnReleaseModeInfo)(const D3DKMDT_HVIDPNTARGETMODESET hVidPnTargetModeSet,
                                            const D3DKMDT_VIDPN_TARGET_MODE *pVidPnTargetModeInfo);
    NTSTATUS (APIENTRY *pfnCreateNewModeInfo)(const D3DKMDT_HVIDPNTARGETMODESET hVidPnTargetModeSet,
                                              D3DKMDT_VIDPN_TARGET_MODE **ppNewVidPnTargetModeInfo);
    NTSTATUS (APIENTRY *pfnAddMode)(D3DKMDT_HVIDPNTARGETMODESET hVidPnTargetModeSet,
                                    const D3DKMDT_VIDPN_TARGET_MODE *pVidPnTargetModeInfo);
    NTSTATUS (APIENTRY *pfnPinMode)(D3DKMDT_HVIDPNTARGETMODESET hVidPnTargetModeSet,
                                    const D3DKMDT_VIDEO_PRESENT_TARGET_MODE_ID VidPnTargetModeId);
};

typedef struct _DXGK_MONITORSOURCEMODESET_INTERFACE {
    NTSTATUS (APIENTRY *pfnGetNumModes)(const D3DKMDT_HMONITORSOURCEMODESET hMonitorSourceModeSet, SIZE_T *pNumModes);
    PVOID pfnAcquirePreferredModeInfo; /* not used by viogpu */
    PVOID pfnAcquireFirstModeInfo;     /* not used by viogpu */
    PVOID pfnAcquireNextModeInfo;      /* not used by viogpu */
    NTSTATUS (APIENTRY *pfnCreateNewModeInfo)(const D3DKMDT_HMONITORSOURCEMODESET hMonitorSourceModeSet,
                                              D3DKMDT_MONITOR_SOURCE_MODE **ppNewMonitorSourceModeInfo);
    NTSTATUS (APIENTRY *pfnAddMode)(const D3DKMDT_HMONITORSOURCEMODESET hMonitorSourceModeSet,
                                    const D3DKMDT_MONITOR_SOURCE_MODE *pMonitorSourceModeInfo);
    NTSTATUS (APIENTRY *pfnReleaseModeInfo)(const D3DKMDT_HMONITORSOURCEMODESET hMonitorSourceModeSet,
                                            const D3DKMDT_MONITOR_SOURCE_MODE *pMonitorSourceModeInfo);
} DXGK_MONITORSOURCEMODESET_INTERFACE;

typedef enum _DXGK_RECOMMENDFUNCTIONALVIDPN_REASON {
    DXGK_RFVR_UNINITIALIZED = 0,
    DXGK_RFVR_HOTKEY = 1,
    DXGK_RFVR_USERMODE = 2,
    DXGK_RFVR_FIRMWARE = 3
} DXGK_RECOMMENDFUNCTIONALVIDPN_REASON;

typedef struct _DXGKARG_ISSUPPORTEDVIDPN {
    D3DKMDT_HVIDPN hDesiredVidPn;
    BOOLEAN IsVidPnSupported;
} DXGKARG_ISSUPPORTEDVIDPN;

typedef struct _DXGKARG_RECOMMENDFUNCTIONALVIDPN {
    UINT NumberOfVidPnTargets;
    const D3DDDI_VIDEO_PRESENT_TARGET_ID *pVidPnTargetPrioritizationVector;
    D3DKMDT_HVIDPN hRecommendedFunctionalVidPn;
    DXGK_RECOMMENDFUNCTIONALVIDPN_REASON RequestReason;
    VOID *pPrivateDriverData;
    UINT PrivateDriverDataSize;
} DXGKARG_RECOMMENDFUNCTIONALVIDPN;

typedef struct _DXGK_ENUM_PIVOT {
    D3DDDI_VIDEO_PRESENT_SOURCE_ID VidPnSourceId;
    D3DDDI_VIDEO_PRESENT_TARGET_ID VidPnTargetId;
} DXGK_ENUM_PIVOT;

typedef struct _DXGKARG_ENUMVIDPNCOFUNCMODALITY {
    D3DKMDT_HVIDPN hConstrainingVidPn;
    D3DKMDT_ENUMCOFUNCMODALITY_PIVOT_TYPE EnumPivotType;
    DXGK_ENUM_PIVOT EnumPivot;
} DXGKARG_ENUMVIDPNCOFUNCMODALITY;

typedef struct _DXGKARG_COMMITVIDPN_FLAGS {
    UINT PathPowerTransition : 1;
    UINT PathPoweredOff : 1;
    UINT Reserved : 30;
} DXGKARG_COMMITVIDPN_FLAGS;

typedef struct _DXGKARG_COMMITVIDPN {
    D3DKMDT_HVIDPN hFunctionalVidPn;
    D3DDDI_VIDEO_PRESENT_SOURCE_ID AffectedVidPnSourceId;
    D3DKMDT_MONITOR_CONNECTIVITY_CHECKS MonitorConnectivityChecks;
    HANDLE hPrimaryAllocation;
    DXGKARG_COMMITVIDPN_FLAGS Flags;
} DXGKARG_COMMITVIDPN;

typedef struct _DXGKARG_UPDATEACTIVEVIDPNPRESENTPATH {
    D3DKMDT_VIDPN_PRESENT_PATH VidPnPresentPathInfo;
} DXGKARG_UPDATEACTIVEVIDPNPRESENTPATH;

typedef struct _DXGKARG_RECOMMENDMONITORMODES {
    D3DDDI_VIDEO_PRESENT_TARGET_ID VideoPresentTargetId;
    D3DKMDT_HMONITORSOURCEMODESET hMonitorSourceModeSet;
    const DXGK_MONITORSOURCEMODESET_INTERFACE *pMonitorSourceModeSetInterface;
} DXGKARG_RECOMMENDMONITORMODES;

#if defined(_WIN64)
#define VG_WDDM_OFF(t, m) __builtin_offsetof(t, m)
_Static_assert(sizeof(DXGK_VIDPN_INTERFACE) == 88, "DXGK_VIDPN_INTERFACE");
_Static_assert(sizeof(DXGK_VIDPNTOPOLOGY_INTERFACE) == 96, "DXGK_VIDPNTOPOLOGY_INTERFACE");
_Static_assert(VG_WDDM_OFF(DXGK_VIDPNTOPOLOGY_INTERFACE, pfnAddPath) == 80, "topology.pfnAddPath");
_Static_assert(sizeof(DXGK_VIDPNSOURCEMODESET_INTERFACE) == 64, "DXGK_VIDPNSOURCEMODESET_INTERFACE");
_Static_assert(sizeof(DXGK_VIDPNTARGETMODESET_INTERFACE) == 64, "DXGK_VIDPNTARGETMODESET_INTERFACE");
_Static_assert(sizeof(DXGK_MONITORSOURCEMODESET_INTERFACE) == 56, "DXGK_MONITORSOURCEMODESET_INTERFACE");
_Static_assert(sizeof(DXGKARG_ISSUPPORTEDVIDPN) == 16, "DXGKARG_ISSUPPORTEDVIDPN");
_Static_assert(sizeof(DXGKARG_RECOMMENDFUNCTIONALVIDPN) == 48, "DXGKARG_RECOMMENDFUNCTIONALVIDPN");
_Static_assert(sizeof(DXGKARG_ENUMVIDPNCOFUNCMODALITY) == 24, "DXGKARG_ENUMVIDPNCOFUNCMODALITY");
_Static_assert(sizeof(DXGKARG_COMMITVIDPN) == 32, "DXGKARG_COMMITVIDPN");
_Static_assert(VG_WDDM_OFF(DXGKARG_COMMITVIDPN, hPrimaryAllocation) == 16, "commit.hPrimaryAllocation");
_Static_assert(sizeof(DXGKARG_RECOMMENDMONITORMODES) == 24, "DXGKARG_RECOMMENDMONITORMODES");
_Static_assert(sizeof(DXGKARG_UPDATEACTIVEVIDPNPRESENTPATH) == 360, "DXGKARG_UPDATEACTIVEVIDPNPRESENTPATH");
_Static_assert(sizeof(DXGKARG_COMMITVIDPN_FLAGS) == 4, "DXGKARG_COMMITVIDPN_FLAGS");
_Static_assert(sizeof(DXGK_ENUM_PIVOT) == 8, "DXGK_ENUM_PIVOT");
#undef VG_WDDM_OFF
#endif

#endif /* VIOGPU_WDDM_D3DKMDDI_VIDPN_H */
