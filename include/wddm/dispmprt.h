/*
 * dispmprt.h — our own subset of the WDK display miniport header
 * (MicrosoftDocs windows-driver-docs-ddi, dispmprt pages): the structures a
 * WDDM miniport exchanges with dxgkrnl at load and device start, the child
 * (monitor) descriptors, the DXGKRNL_INTERFACE callback table and the
 * DRIVER_INITIALIZATION_DATA DDI table, WDDM 1.3 layouts
 * (DXGKDDI_INTERFACE_VERSION_WDDM1_3 = 0x4002).
 *
 * Usage: a miniport includes <ntddk.h> then this header, fills a
 * DRIVER_INITIALIZATION_DATA (Version = DXGKDDI_INTERFACE_VERSION) in
 * DriverEntry and passes it to DxgkInitialize (src/kmd/kmd_dxgkinit.c, our
 * own implementation: there is no displib here).
 *
 * Member order and types are exactly as documented.  DDI slots viogpu
 * does not implement keep their documented position but are typed PVOID
 * (the driver leaves them NULL and never calls through them); callback
 * slots of DXGKRNL_INTERFACE the driver never calls are typed PVOID the
 * same way.  Layout checks are Microsoft x64 ABI values (the KMD is x64).
 */
#ifndef VIOGPU_WDDM_DISPMPRT_H
#define VIOGPU_WDDM_DISPMPRT_H

#include "wddm/d3dkmddi.h"

/* DeviceUid of DxgkDdiSetPowerState meaning the adapter itself (video.h). */
#ifndef DISPLAY_ADAPTER_HW_ID
#define DISPLAY_ADAPTER_HW_ID 0xFFFFFFFF
#endif

/* video.h declares this in the WDK; MinGW's ddk has no video.h copy of it. */
typedef enum _DOCKING_STATE {
    DockStateUnsupported = 0,
    DockStateUnDocked = 1,
    DockStateDocked = 2,
    DockStateUnknown = 3
} DOCKING_STATE, *PDOCKING_STATE;

typedef struct _DXGK_DEVICE_INFO {
    PVOID MiniportDeviceContext;
    PDEVICE_OBJECT PhysicalDeviceObject;
    UNICODE_STRING DeviceRegistryPath;
    PCM_RESOURCE_LIST TranslatedResourceList;
    LARGE_INTEGER SystemMemorySize;
    PHYSICAL_ADDRESS HighestPhysicalAddress;
    PHYSICAL_ADDRESS AgpApertureBase;
    SIZE_T AgpApertureSize;
    DOCKING_STATE DockingState;
} DXGK_DEVICE_INFO, *PDXGK_DEVICE_INFO;

typedef struct _DXGK_START_INFO {
    ULONG RequiredDmaQueueEntry;
    GUID AdapterGuid;
    LUID AdapterLuid; /* WIN8 */
} DXGK_START_INFO, *PDXGK_START_INFO;

typedef enum _DXGK_CHILD_DEVICE_TYPE {
    TypeUninitialized,
    TypeVideoOutput,
    TypeOther,
    TypeIntegratedDisplay
} DXGK_CHILD_DEVICE_TYPE, *PDXGK_CHILD_DEVICE_TYPE;

typedef struct _DXGK_VIDEO_OUTPUT_CAPABILITIES {
    D3DKMDT_VIDEO_OUTPUT_TECHNOLOGY InterfaceTechnology;
    D3DKMDT_MONITOR_ORIENTATION_AWARENESS MonitorOrientationAwareness;
    BOOLEAN SupportsSdtvModes;
} DXGK_VIDEO_OUTPUT_CAPABILITIES, *PDXGK_VIDEO_OUTPUT_CAPABILITIES;

typedef struct _DXGK_INTEGRATED_DISPLAY_CHILD {
    D3DKMDT_VIDEO_OUTPUT_TECHNOLOGY InterfaceTechnology;
    USHORT DescriptorLength;
} DXGK_INTEGRATED_DISPLAY_CHILD, *PDXGK_INTEGRATED_DISPLAY_CHILD;

typedef struct _DXGK_CHILD_CAPABILITIES {
    union {
        DXGK_VIDEO_OUTPUT_CAPABILITIES VideoOutput;
        struct {
            UINT MustBeZero;
        } Other;
        DXGK_INTEGRATED_DISPLAY_CHILD IntegratedDisplayChild;
    } Type;
    DXGK_CHILD_DEVICE_HPD_AWARENESS HpdAwareness;
} DXGK_CHILD_CAPABILITIES, *PDXGK_CHILD_CAPABILITIES;

typedef struct _DXGK_CHILD_DESCRIPTOR {
    DXGK_CHILD_DEVICE_TYPE ChildDeviceType;
    DXGK_CHILD_CAPABILITIES ChildCapabilities;
    ULONG AcpiUid;
    ULONG ChildUid;
} DXGK_CHILD_DESCRIPTOR, *PDXGK_CHILD_DESCRIPTOR;

typedef enum _DXGK_CHILD_STATUS_TYPE {
    StatusUninitialized,
    StatusConnection,
    StatusRotation,
    StatusMiracast /* WDDM1_3 */
} DXGK_CHILD_STATUS_TYPE, *PDXGK_CHILD_STATUS_TYPE;

typedef struct _DXGK_CHILD_STATUS {
    DXGK_CHILD_STATUS_TYPE Type;
    ULONG ChildUid;
    union {
        struct {
            BOOLEAN Connected;
        } HotPlug;
        struct {
            UCHAR Angle;
        } Rotation;
        struct {
            BOOLEAN Connected;
            D3DKMDT_VIDEO_OUTPUT_TECHNOLOGY MiracastMonitorType;
        } Miracast; /* WDDM1_3 */
    };
} DXGK_CHILD_STATUS, *PDXGK_CHILD_STATUS;

typedef struct _DXGK_DEVICE_DESCRIPTOR {
    ULONG DescriptorOffset;
    ULONG DescriptorLength;
    PVOID DescriptorBuffer;
} DXGK_DEVICE_DESCRIPTOR, *PDXGK_DEVICE_DESCRIPTOR;

typedef struct _DXGKARG_SYSTEM_DISPLAY_ENABLE_FLAGS {
    union {
        struct {
            UINT Reset : 1;
            UINT Reserved : 31;
        };
        UINT Value;
    };
} DXGKARG_SYSTEM_DISPLAY_ENABLE_FLAGS, *PDXGKARG_SYSTEM_DISPLAY_ENABLE_FLAGS;

/* video.h types the DDIs below only pass through (declared incomplete here;
 * a redeclaration of the same typedef is valid C11 if video.h is included). */
typedef struct _VIDEO_REQUEST_PACKET *PVIDEO_REQUEST_PACKET;
typedef struct _QUERY_INTERFACE *PQUERY_INTERFACE;

typedef enum _DXGK_EVENT_TYPE {
    DxgkUndefinedEvent,
    DxgkAcpiEvent,
    DxgkPowerStateEvent,
    DxgkDockingEvent,
    DxgkChainedAcpiEvent
} DXGK_EVENT_TYPE, *PDXGK_EVENT_TYPE;

/* ---- DXGKRNL_INTERFACE: callbacks dxgkrnl hands to StartDevice ---------- */

typedef NTSTATUS (*DXGKCB_GET_DEVICE_INFORMATION)(HANDLE DeviceHandle, PDXGK_DEVICE_INFO DeviceInfo);
typedef NTSTATUS (*DXGKCB_INDICATE_CHILD_STATUS)(HANDLE DeviceHandle, PDXGK_CHILD_STATUS ChildStatus);
typedef NTSTATUS (*DXGKCB_MAP_MEMORY)(HANDLE DeviceHandle, PHYSICAL_ADDRESS TranslatedAddress, ULONG Length,
                                      BOOLEAN InIoSpace, BOOLEAN MapToUserMode, MEMORY_CACHING_TYPE CacheType,
                                      PVOID *VirtualAddress);
typedef BOOLEAN (*DXGKCB_QUEUE_DPC)(HANDLE DeviceHandle);
typedef NTSTATUS (*DXGKCB_READ_DEVICE_SPACE)(HANDLE DeviceHandle, ULONG DataType, PVOID Buffer, ULONG Offset,
                                             ULONG Length, PULONG BytesRead);
typedef NTSTATUS (*DXGKCB_WRITE_DEVICE_SPACE)(HANDLE DeviceHandle, ULONG DataType, PVOID Buffer, ULONG Offset,
                                              ULONG Length, PULONG BytesWritten);
typedef NTSTATUS (*DXGKCB_SYNCHRONIZE_EXECUTION)(HANDLE DeviceHandle, PKSYNCHRONIZE_ROUTINE SynchronizeRoutine,
                                                 PVOID Context, ULONG MessageNumber, PBOOLEAN ReturnValue);
typedef NTSTATUS (*DXGKCB_UNMAP_MEMORY)(HANDLE DeviceHandle, PVOID VirtualAddress);
typedef VOID (APIENTRY *DXGKCB_NOTIFY_INTERRUPT)(const HANDLE hAdapter, const DXGKARGCB_NOTIFY_INTERRUPT_DATA *pData);
typedef VOID (APIENTRY *DXGKCB_NOTIFY_DPC)(const HANDLE hAdapter);
typedef NTSTATUS (APIENTRY *DXGKCB_QUERYVIDPNINTERFACE)(const D3DKMDT_HVIDPN hVidPn,
                                                        const DXGK_VIDPN_INTERFACE_VERSION VidPnInterfaceVersion,
                                                        const DXGK_VIDPN_INTERFACE **ppVidPnInterface);
/* DataType of Read/WriteDeviceSpace. */
#define DXGK_WHICHSPACE_CONFIG 0x00000001

typedef struct _DXGKRNL_INTERFACE {
    ULONG Size;
    ULONG Version;
    HANDLE DeviceHandle;
    PVOID DxgkCbEvalAcpiMethod;
    DXGKCB_GET_DEVICE_INFORMATION DxgkCbGetDeviceInformation;
    DXGKCB_INDICATE_CHILD_STATUS DxgkCbIndicateChildStatus;
    DXGKCB_MAP_MEMORY DxgkCbMapMemory;
    DXGKCB_QUEUE_DPC DxgkCbQueueDpc;
    PVOID DxgkCbQueryServices;
    DXGKCB_READ_DEVICE_SPACE DxgkCbReadDeviceSpace;
    DXGKCB_SYNCHRONIZE_EXECUTION DxgkCbSynchronizeExecution;
    DXGKCB_UNMAP_MEMORY DxgkCbUnmapMemory;
    DXGKCB_WRITE_DEVICE_SPACE DxgkCbWriteDeviceSpace;
    PVOID DxgkCbIsDevicePresent;
    PVOID DxgkCbGetHandleData;
    PVOID DxgkCbGetHandleParent;
    PVOID DxgkCbEnumHandleChildren;
    DXGKCB_NOTIFY_INTERRUPT DxgkCbNotifyInterrupt;
    DXGKCB_NOTIFY_DPC DxgkCbNotifyDpc;
    DXGKCB_QUERYVIDPNINTERFACE DxgkCbQueryVidPnInterface;
    PVOID DxgkCbQueryMonitorInterface;
    PVOID DxgkCbGetCaptureAddress;
    PVOID DxgkCbLogEtwEvent;
    PVOID DxgkCbExcludeAdapterAccess;
    PVOID DxgkCbCreateContextAllocation;     /* WIN8 */
    PVOID DxgkCbDestroyContextAllocation;    /* WIN8 */
    PVOID DxgkCbSetPowerComponentActive;     /* WIN8 */
    PVOID DxgkCbSetPowerComponentIdle;       /* WIN8 */
    PVOID DxgkCbAcquirePostDisplayOwnership; /* WIN8 */
    PVOID DxgkCbPowerRuntimeControlRequest;  /* WIN8 */
    PVOID DxgkCbSetPowerComponentLatency;    /* WIN8 */
    PVOID DxgkCbSetPowerComponentResidency;  /* WIN8 */
    PVOID DxgkCbCompleteFStateTransition;    /* WIN8 */
    PVOID DxgkCbCompletePStateTransition;    /* WDDM1_3_M1 */
} DXGKRNL_INTERFACE, *PDXGKRNL_INTERFACE;

/* ---- DDI pointer types, in DRIVER_INITIALIZATION_DATA order ------------- */

typedef NTSTATUS (*PDXGKDDI_ADD_DEVICE)(const PDEVICE_OBJECT PhysicalDeviceObject, PVOID *MiniportDeviceContext);
typedef NTSTATUS (*PDXGKDDI_START_DEVICE)(const PVOID MiniportDeviceContext, PDXGK_START_INFO DxgkStartInfo, PDXGKRNL_INTERFACE DxgkInterface, PULONG NumberOfVideoPresentSources, PULONG NumberOfChildren);
typedef NTSTATUS (*PDXGKDDI_STOP_DEVICE)(const PVOID MiniportDeviceContext);
typedef NTSTATUS (*PDXGKDDI_REMOVE_DEVICE)(const PVOID MiniportDeviceContext);
typedef NTSTATUS (*PDXGKDDI_DISPATCH_IO_REQUEST)(const PVOID MiniportDeviceContext, ULONG VidPnSourceId, PVIDEO_REQUEST_PACKET VideoRequestPacket);
typedef BOOLEAN (*PDXGKDDI_INTERRUPT_ROUTINE)(const PVOID MiniportDeviceContext, ULONG MessageNumber);
typedef VOID (*PDXGKDDI_DPC_ROUTINE)(const PVOID MiniportDeviceContext);
typedef NTSTATUS (*PDXGKDDI_QUERY_CHILD_RELATIONS)(const PVOID MiniportDeviceContext, PDXGK_CHILD_DESCRIPTOR ChildRelations, ULONG ChildRelationsSize);
typedef NTSTATUS (*PDXGKDDI_QUERY_CHILD_STATUS)(const PVOID MiniportDeviceContext, PDXGK_CHILD_STATUS ChildStatus, BOOLEAN NonDestructiveOnly);
typedef NTSTATUS (*PDXGKDDI_QUERY_DEVICE_DESCRIPTOR)(const PVOID MiniportDeviceContext, ULONG ChildUid, PDXGK_DEVICE_DESCRIPTOR DeviceDescriptor);
typedef NTSTATUS (*PDXGKDDI_SET_POWER_STATE)(const PVOID MiniportDeviceContext, ULONG DeviceUid, DEVICE_POWER_STATE DevicePowerState, POWER_ACTION ActionType);
typedef NTSTATUS (*PDXGKDDI_NOTIFY_ACPI_EVENT)(const PVOID MiniportDeviceContext, DXGK_EVENT_TYPE EventType, ULONG Event, PVOID Argument, PULONG AcpiFlags);
typedef VOID (*PDXGKDDI_RESET_DEVICE)(const PVOID MiniportDeviceContext);
typedef VOID (*PDXGKDDI_UNLOAD)(VOID);
typedef NTSTATUS (*PDXGKDDI_QUERY_INTERFACE)(const PVOID MiniportDeviceContext, PQUERY_INTERFACE QueryInterface);
typedef VOID (*PDXGKDDI_CONTROL_ETW_LOGGING)(BOOLEAN Enable, ULONG Flags, UCHAR Level);
typedef NTSTATUS (APIENTRY *PDXGKDDI_QUERYADAPTERINFO)(const HANDLE hAdapter, const DXGKARG_QUERYADAPTERINFO *pQueryAdapterInfo);
typedef NTSTATUS (APIENTRY *PDXGKDDI_CREATEDEVICE)(const HANDLE hAdapter, DXGKARG_CREATEDEVICE *pCreateDevice);
typedef NTSTATUS (APIENTRY *PDXGKDDI_CREATEALLOCATION)(const HANDLE hAdapter, DXGKARG_CREATEALLOCATION *pCreateAllocation);
typedef NTSTATUS (APIENTRY *PDXGKDDI_DESTROYALLOCATION)(const HANDLE hAdapter, const DXGKARG_DESTROYALLOCATION *pDestroyAllocation);
typedef NTSTATUS (APIENTRY *PDXGKDDI_DESCRIBEALLOCATION)(const HANDLE hAdapter, DXGKARG_DESCRIBEALLOCATION *pDescribeAllocation);
typedef NTSTATUS (APIENTRY *PDXGKDDI_GETSTANDARDALLOCATIONDRIVERDATA)(const HANDLE hAdapter, DXGKARG_GETSTANDARDALLOCATIONDRIVERDATA *pGetStandardAllocationDriverData);
typedef PVOID PDXGKDDI_ACQUIRESWIZZLINGRANGE; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDI_RELEASESWIZZLINGRANGE; /* slot left NULL by viogpu */
typedef NTSTATUS (APIENTRY *PDXGKDDI_PATCH)(const HANDLE hAdapter, const DXGKARG_PATCH *pPatch);
typedef NTSTATUS (APIENTRY *PDXGKDDI_SUBMITCOMMAND)(const HANDLE hAdapter, const DXGKARG_SUBMITCOMMAND *pSubmitCommand);
typedef NTSTATUS (APIENTRY *PDXGKDDI_PREEMPTCOMMAND)(const HANDLE hAdapter, const DXGKARG_PREEMPTCOMMAND *pPreemptCommand);
typedef NTSTATUS (APIENTRY *PDXGKDDI_BUILDPAGINGBUFFER)(const HANDLE hAdapter, DXGKARG_BUILDPAGINGBUFFER *pBuildPagingBuffer);
typedef NTSTATUS (APIENTRY *PDXGKDDI_SETPALETTE)(const HANDLE hAdapter, const DXGKARG_SETPALETTE *pSetPalette);
typedef NTSTATUS (APIENTRY *PDXGKDDI_SETPOINTERPOSITION)(const HANDLE hAdapter, const DXGKARG_SETPOINTERPOSITION *pSetPointerPosition);
typedef NTSTATUS (APIENTRY *PDXGKDDI_SETPOINTERSHAPE)(const HANDLE hAdapter, const DXGKARG_SETPOINTERSHAPE *pSetPointerShape);
typedef NTSTATUS (APIENTRY *PDXGKDDI_RESETFROMTIMEOUT)(const HANDLE hAdapter);
typedef NTSTATUS (APIENTRY *PDXGKDDI_RESTARTFROMTIMEOUT)(const HANDLE hAdapter);
typedef NTSTATUS (APIENTRY *PDXGKDDI_ESCAPE)(const HANDLE hAdapter, const DXGKARG_ESCAPE *pEscape);
typedef NTSTATUS (APIENTRY *PDXGKDDI_COLLECTDBGINFO)(const HANDLE hAdapter, const DXGKARG_COLLECTDBGINFO *pCollectDbgInfo);
typedef NTSTATUS (APIENTRY *PDXGKDDI_QUERYCURRENTFENCE)(const HANDLE hAdapter, DXGKARG_QUERYCURRENTFENCE *pCurrentFence);
typedef NTSTATUS (APIENTRY *PDXGKDDI_ISSUPPORTEDVIDPN)(const HANDLE hAdapter, DXGKARG_ISSUPPORTEDVIDPN *pIsSupportedVidPn);
typedef NTSTATUS (APIENTRY *PDXGKDDI_RECOMMENDFUNCTIONALVIDPN)(const HANDLE hAdapter, const DXGKARG_RECOMMENDFUNCTIONALVIDPN *const pRecommendFunctionalVidPn);
typedef NTSTATUS (APIENTRY *PDXGKDDI_ENUMVIDPNCOFUNCMODALITY)(const HANDLE hAdapter, const DXGKARG_ENUMVIDPNCOFUNCMODALITY *const pEnumCofuncModality);
typedef NTSTATUS (APIENTRY *PDXGKDDI_SETVIDPNSOURCEADDRESS)(const HANDLE hAdapter, const DXGKARG_SETVIDPNSOURCEADDRESS *pSetVidPnSourceAddress);
typedef NTSTATUS (APIENTRY *PDXGKDDI_SETVIDPNSOURCEVISIBILITY)(const HANDLE hAdapter, const DXGKARG_SETVIDPNSOURCEVISIBILITY *pSetVidPnSourceVisibility);
typedef NTSTATUS (APIENTRY *PDXGKDDI_COMMITVIDPN)(const HANDLE hAdapter, const DXGKARG_COMMITVIDPN *const pCommitVidPn);
typedef NTSTATUS (APIENTRY *PDXGKDDI_UPDATEACTIVEVIDPNPRESENTPATH)(const HANDLE hAdapter, const DXGKARG_UPDATEACTIVEVIDPNPRESENTPATH *const pUpdateActiveVidPnPresentPath);
typedef NTSTATUS (APIENTRY *PDXGKDDI_RECOMMENDMONITORMODES)(const HANDLE hAdapter, const DXGKARG_RECOMMENDMONITORMODES *const pRecommendMonitorModes);
typedef PVOID PDXGKDDI_RECOMMENDVIDPNTOPOLOGY; /* slot left NULL by viogpu */
typedef NTSTATUS (APIENTRY *PDXGKDDI_GETSCANLINE)(const HANDLE hAdapter, DXGKARG_GETSCANLINE *pGetScanLine);
typedef PVOID PDXGKDDI_STOPCAPTURE; /* slot left NULL by viogpu */
typedef NTSTATUS (APIENTRY *PDXGKDDI_CONTROLINTERRUPT)(const HANDLE hAdapter, const DXGK_INTERRUPT_TYPE InterruptType, BOOLEAN Enable);
typedef PVOID PDXGKDDI_CREATEOVERLAY; /* slot left NULL by viogpu */
typedef NTSTATUS (APIENTRY *PDXGKDDI_DESTROYDEVICE)(const HANDLE hDevice);
typedef NTSTATUS (APIENTRY *PDXGKDDI_OPENALLOCATIONINFO)(const HANDLE hDevice, const DXGKARG_OPENALLOCATION *pOpenAllocation);
typedef NTSTATUS (APIENTRY *PDXGKDDI_CLOSEALLOCATION)(const HANDLE hDevice, const DXGKARG_CLOSEALLOCATION *pCloseAllocation);
typedef NTSTATUS (APIENTRY *PDXGKDDI_RENDER)(const HANDLE hContext, DXGKARG_RENDER *pRender);
typedef NTSTATUS (APIENTRY *PDXGKDDI_PRESENT)(const HANDLE hContext, DXGKARG_PRESENT *pPresent);
typedef PVOID PDXGKDDI_UPDATEOVERLAY; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDI_FLIPOVERLAY; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDI_DESTROYOVERLAY; /* slot left NULL by viogpu */
typedef NTSTATUS (APIENTRY *PDXGKDDI_CREATECONTEXT)(const HANDLE hDevice, DXGKARG_CREATECONTEXT *pCreateContext);
typedef NTSTATUS (APIENTRY *PDXGKDDI_DESTROYCONTEXT)(const HANDLE hContext);
typedef PVOID PDXGKDDI_LINK_DEVICE; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDI_SETDISPLAYPRIVATEDRIVERFORMAT; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDI_DESCRIBEPAGETABLE; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDI_UPDATEPAGETABLE; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDI_UPDATEPAGEDIRECTORY; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDI_MOVEPAGEDIRECTORY; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDI_SUBMITRENDER; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDI_CREATEALLOCATION2; /* slot left NULL by viogpu */
typedef NTSTATUS (APIENTRY *PDXGKDDI_RENDER)(const HANDLE hContext, DXGKARG_RENDER *pRender);
typedef PVOID PDXGKDDI_QUERYVIDPNHWCAPABILITY; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDISETPOWERCOMPONENTFSTATE; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDI_QUERYDEPENDENTENGINEGROUP; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDI_QUERYENGINESTATUS; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDI_RESETENGINE; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDI_STOP_DEVICE_AND_RELEASE_POST_DISPLAY_OWNERSHIP; /* slot left NULL by viogpu */
typedef NTSTATUS (*PDXGKDDI_SYSTEM_DISPLAY_ENABLE)(PVOID MiniportDeviceContext, D3DDDI_VIDEO_PRESENT_TARGET_ID TargetId, PDXGKARG_SYSTEM_DISPLAY_ENABLE_FLAGS Flags, UINT *Width, UINT *Height, D3DDDIFORMAT *ColorFormat);
typedef VOID (*PDXGKDDI_SYSTEM_DISPLAY_WRITE)(PVOID MiniportDeviceContext, PVOID Source, UINT SourceWidth, UINT SourceHeight, UINT SourceStride, UINT PositionX, UINT PositionY);
typedef PVOID PDXGKDDI_CANCELCOMMAND; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDI_GET_CHILD_CONTAINER_ID; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDIPOWERRUNTIMECONTROLREQUEST; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDI_SETVIDPNSOURCEADDRESSWITHMULTIPLANEOVERLAY; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDI_NOTIFY_SURPRISE_REMOVAL; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDI_GETNODEMETADATA; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDISETPOWERPSTATE; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDI_CONTROLINTERRUPT2; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDI_CHECKMULTIPLANEOVERLAYSUPPORT; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDI_CALIBRATEGPUCLOCK; /* slot left NULL by viogpu */
typedef PVOID PDXGKDDI_FORMATHISTORYBUFFER; /* slot left NULL by viogpu */

typedef struct _DRIVER_INITIALIZATION_DATA {
    ULONG Version;
    PDXGKDDI_ADD_DEVICE DxgkDdiAddDevice;
    PDXGKDDI_START_DEVICE DxgkDdiStartDevice;
    PDXGKDDI_STOP_DEVICE DxgkDdiStopDevice;
    PDXGKDDI_REMOVE_DEVICE DxgkDdiRemoveDevice;
    PDXGKDDI_DISPATCH_IO_REQUEST DxgkDdiDispatchIoRequest;
    PDXGKDDI_INTERRUPT_ROUTINE DxgkDdiInterruptRoutine;
    PDXGKDDI_DPC_ROUTINE DxgkDdiDpcRoutine;
    PDXGKDDI_QUERY_CHILD_RELATIONS DxgkDdiQueryChildRelations;
    PDXGKDDI_QUERY_CHILD_STATUS DxgkDdiQueryChildStatus;
    PDXGKDDI_QUERY_DEVICE_DESCRIPTOR DxgkDdiQueryDeviceDescriptor;
    PDXGKDDI_SET_POWER_STATE DxgkDdiSetPowerState;
    PDXGKDDI_NOTIFY_ACPI_EVENT DxgkDdiNotifyAcpiEvent;
    PDXGKDDI_RESET_DEVICE DxgkDdiResetDevice;
    PDXGKDDI_UNLOAD DxgkDdiUnload;
    PDXGKDDI_QUERY_INTERFACE DxgkDdiQueryInterface;
    PDXGKDDI_CONTROL_ETW_LOGGING DxgkDdiControlEtwLogging;
    PDXGKDDI_QUERYADAPTERINFO DxgkDdiQueryAdapterInfo;
    PDXGKDDI_CREATEDEVICE DxgkDdiCreateDevice;
    PDXGKDDI_CREATEALLOCATION DxgkDdiCreateAllocation;
    PDXGKDDI_DESTROYALLOCATION DxgkDdiDestroyAllocation;
    PDXGKDDI_DESCRIBEALLOCATION DxgkDdiDescribeAllocation;
    PDXGKDDI_GETSTANDARDALLOCATIONDRIVERDATA DxgkDdiGetStandardAllocationDriverData;
    PDXGKDDI_ACQUIRESWIZZLINGRANGE DxgkDdiAcquireSwizzlingRange;
    PDXGKDDI_RELEASESWIZZLINGRANGE DxgkDdiReleaseSwizzlingRange;
    PDXGKDDI_PATCH DxgkDdiPatch;
    PDXGKDDI_SUBMITCOMMAND DxgkDdiSubmitCommand;
    PDXGKDDI_PREEMPTCOMMAND DxgkDdiPreemptCommand;
    PDXGKDDI_BUILDPAGINGBUFFER DxgkDdiBuildPagingBuffer;
    PDXGKDDI_SETPALETTE DxgkDdiSetPalette;
    PDXGKDDI_SETPOINTERPOSITION DxgkDdiSetPointerPosition;
    PDXGKDDI_SETPOINTERSHAPE DxgkDdiSetPointerShape;
    PDXGKDDI_RESETFROMTIMEOUT DxgkDdiResetFromTimeout;
    PDXGKDDI_RESTARTFROMTIMEOUT DxgkDdiRestartFromTimeout;
    PDXGKDDI_ESCAPE DxgkDdiEscape;
    PDXGKDDI_COLLECTDBGINFO DxgkDdiCollectDbgInfo;
    PDXGKDDI_QUERYCURRENTFENCE DxgkDdiQueryCurrentFence;
    PDXGKDDI_ISSUPPORTEDVIDPN DxgkDdiIsSupportedVidPn;
    PDXGKDDI_RECOMMENDFUNCTIONALVIDPN DxgkDdiRecommendFunctionalVidPn;
    PDXGKDDI_ENUMVIDPNCOFUNCMODALITY DxgkDdiEnumVidPnCofuncModality;
    PDXGKDDI_SETVIDPNSOURCEADDRESS DxgkDdiSetVidPnSourceAddress;
    PDXGKDDI_SETVIDPNSOURCEVISIBILITY DxgkDdiSetVidPnSourceVisibility;
    PDXGKDDI_COMMITVIDPN DxgkDdiCommitVidPn;
    PDXGKDDI_UPDATEACTIVEVIDPNPRESENTPATH DxgkDdiUpdateActiveVidPnPresentPath;
    PDXGKDDI_RECOMMENDMONITORMODES DxgkDdiRecommendMonitorModes;
    PDXGKDDI_RECOMMENDVIDPNTOPOLOGY DxgkDdiRecommendVidPnTopology;
    PDXGKDDI_GETSCANLINE DxgkDdiGetScanLine;
    PDXGKDDI_STOPCAPTURE DxgkDdiStopCapture;
    PDXGKDDI_CONTROLINTERRUPT DxgkDdiControlInterrupt;
    PDXGKDDI_CREATEOVERLAY DxgkDdiCreateOverlay;
    PDXGKDDI_DESTROYDEVICE DxgkDdiDestroyDevice;
    PDXGKDDI_OPENALLOCATIONINFO DxgkDdiOpenAllocation;
    PDXGKDDI_CLOSEALLOCATION DxgkDdiCloseAllocation;
    PDXGKDDI_RENDER DxgkDdiRender;
    PDXGKDDI_PRESENT DxgkDdiPresent;
    PDXGKDDI_UPDATEOVERLAY DxgkDdiUpdateOverlay;
    PDXGKDDI_FLIPOVERLAY DxgkDdiFlipOverlay;
    PDXGKDDI_DESTROYOVERLAY DxgkDdiDestroyOverlay;
    PDXGKDDI_CREATECONTEXT DxgkDdiCreateContext;
    PDXGKDDI_DESTROYCONTEXT DxgkDdiDestroyContext;
    PDXGKDDI_LINK_DEVICE DxgkDdiLinkDevice;
    PDXGKDDI_SETDISPLAYPRIVATEDRIVERFORMAT DxgkDdiSetDisplayPrivateDriverFormat;
    PDXGKDDI_DESCRIBEPAGETABLE DxgkDdiDescribePageTable; /* WIN7 */
    PDXGKDDI_UPDATEPAGETABLE DxgkDdiUpdatePageTable; /* WIN7 */
    PDXGKDDI_UPDATEPAGEDIRECTORY DxgkDdiUpdatePageDirectory; /* WIN7 */
    PDXGKDDI_MOVEPAGEDIRECTORY DxgkDdiMovePageDirectory; /* WIN7 */
    PDXGKDDI_SUBMITRENDER DxgkDdiSubmitRender; /* WIN7 */
    PDXGKDDI_CREATEALLOCATION2 DxgkDdiCreateAllocation2; /* WIN7 */
    PDXGKDDI_RENDER DxgkDdiRenderKm; /* WIN7 */
    VOID *Reserved; /* WIN7 */
    PDXGKDDI_QUERYVIDPNHWCAPABILITY DxgkDdiQueryVidPnHWCapability; /* WIN7 */
    PDXGKDDISETPOWERCOMPONENTFSTATE DxgkDdiSetPowerComponentFState; /* WIN8 */
    PDXGKDDI_QUERYDEPENDENTENGINEGROUP DxgkDdiQueryDependentEngineGroup; /* WIN8 */
    PDXGKDDI_QUERYENGINESTATUS DxgkDdiQueryEngineStatus; /* WIN8 */
    PDXGKDDI_RESETENGINE DxgkDdiResetEngine; /* WIN8 */
    PDXGKDDI_STOP_DEVICE_AND_RELEASE_POST_DISPLAY_OWNERSHIP DxgkDdiStopDeviceAndReleasePostDisplayOwnership; /* WIN8 */
    PDXGKDDI_SYSTEM_DISPLAY_ENABLE DxgkDdiSystemDisplayEnable; /* WIN8 */
    PDXGKDDI_SYSTEM_DISPLAY_WRITE DxgkDdiSystemDisplayWrite; /* WIN8 */
    PDXGKDDI_CANCELCOMMAND DxgkDdiCancelCommand; /* WIN8 */
    PDXGKDDI_GET_CHILD_CONTAINER_ID DxgkDdiGetChildContainerId; /* WIN8 */
    PDXGKDDIPOWERRUNTIMECONTROLREQUEST DxgkDdiPowerRuntimeControlRequest; /* WIN8 */
    PDXGKDDI_SETVIDPNSOURCEADDRESSWITHMULTIPLANEOVERLAY DxgkDdiSetVidPnSourceAddressWithMultiPlaneOverlay; /* WIN8 */
    PDXGKDDI_NOTIFY_SURPRISE_REMOVAL DxgkDdiNotifySurpriseRemoval; /* WIN8 */
    PDXGKDDI_GETNODEMETADATA DxgkDdiGetNodeMetadata; /* WDDM1_3 */
    PDXGKDDISETPOWERPSTATE DxgkDdiSetPowerPState; /* WDDM1_3 */
    PDXGKDDI_CONTROLINTERRUPT2 DxgkDdiControlInterrupt2; /* WDDM1_3 */
    PDXGKDDI_CHECKMULTIPLANEOVERLAYSUPPORT DxgkDdiCheckMultiPlaneOverlaySupport; /* WDDM1_3 */
    PDXGKDDI_CALIBRATEGPUCLOCK DxgkDdiCalibrateGpuClock; /* WDDM1_3 */
    PDXGKDDI_FORMATHISTORYBUFFER DxgkDdiFormatHistoryBuffer; /* WDDM1_3 */
} DRIVER_INITIALIZATION_DATA, *PDRIVER_INITIALIZATION_DATA;

/* Our own DxgkInitialize (src/kmd/kmd_dxgkinit.c), same contract as the
 * WDK's displib one: hands the DDI table to dxgkrnl. */
NTSTATUS DxgkInitialize(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath,
                        PDRIVER_INITIALIZATION_DATA DriverInitializationData);

#if defined(_WIN64)
_Static_assert(sizeof(DXGK_DEVICE_INFO) == 80, "DXGK_DEVICE_INFO");
_Static_assert(__builtin_offsetof(DXGK_DEVICE_INFO, TranslatedResourceList) == 32, "devinfo.TranslatedResourceList");
_Static_assert(sizeof(DXGK_START_INFO) == 28, "DXGK_START_INFO (WIN8)");
_Static_assert(sizeof(DXGK_CHILD_DESCRIPTOR) == 28, "DXGK_CHILD_DESCRIPTOR (DESIGN §9)");
_Static_assert(sizeof(DXGK_CHILD_CAPABILITIES) == 16, "DXGK_CHILD_CAPABILITIES");
_Static_assert(sizeof(DXGK_VIDEO_OUTPUT_CAPABILITIES) == 12, "DXGK_VIDEO_OUTPUT_CAPABILITIES");
_Static_assert(sizeof(DXGK_INTEGRATED_DISPLAY_CHILD) == 8, "DXGK_INTEGRATED_DISPLAY_CHILD");
_Static_assert(sizeof(DXGK_CHILD_STATUS) == 16, "DXGK_CHILD_STATUS (WDDM1_3)");
_Static_assert(sizeof(DXGK_DEVICE_DESCRIPTOR) == 16, "DXGK_DEVICE_DESCRIPTOR");
_Static_assert(sizeof(DXGKARG_SYSTEM_DISPLAY_ENABLE_FLAGS) == 4, "DXGKARG_SYSTEM_DISPLAY_ENABLE_FLAGS (WIN8)");
_Static_assert(sizeof(DXGK_CHILD_DEVICE_TYPE) == 4 && sizeof(DXGK_CHILD_STATUS_TYPE) == 4, "child enums");
_Static_assert(sizeof(DXGKRNL_INTERFACE) == 16 + 31 * 8, "DXGKRNL_INTERFACE (WDDM1_3_M1)");
_Static_assert(__builtin_offsetof(DXGKRNL_INTERFACE, DxgkCbNotifyInterrupt) == 16 + 14 * 8, "cb.NotifyInterrupt");
_Static_assert(sizeof(DRIVER_INITIALIZATION_DATA) == 8 + 88 * 8, "DRIVER_INITIALIZATION_DATA (WDDM1_3)");
_Static_assert(__builtin_offsetof(DRIVER_INITIALIZATION_DATA, DxgkDdiSetDisplayPrivateDriverFormat) == 8 + 60 * 8, "init.SetDisplayPrivateDriverFormat (last VISTA slot)");
_Static_assert(__builtin_offsetof(DRIVER_INITIALIZATION_DATA, DxgkDdiSystemDisplayEnable) == 8 + 75 * 8, "init.SystemDisplayEnable (WIN8)");
_Static_assert(__builtin_offsetof(DRIVER_INITIALIZATION_DATA, DxgkDdiFormatHistoryBuffer) == 8 + 87 * 8, "init.FormatHistoryBuffer (WDDM1_3)");
#endif

#endif /* VIOGPU_WDDM_DISPMPRT_H */
