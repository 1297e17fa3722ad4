/*
 * kmd_driver.c — DriverEntry of viogpu3d.sys: reads the log level, fills
 * the WDDM 1.3 DDI table and registers it with dxgkrnl through our own
 * DxgkInitialize.
 *
 * DDIs left NULL are the ones a WDDM 1.3 render+display miniport without
 * overlays, swizzling ranges, GPU virtual addressing or runtime power
 * management does not provide; each non-NULL entry is a thunk in
 * kmd_ddi_*.c.  The 3D DDIs (Render) are present but answer
 * STATUS_NOT_SUPPORTED: the driver advertises a single 2D node until the
 * virgl issue lands, so dxgkrnl never routes 3D work to it.
 */
#include "kmd/nt/kmd_nt.h"

DRIVER_INITIALIZE DriverEntry;

/* Parameters\LogLevel under the service key (set by the INF to 1 = warn). */
static void read_log_level(PUNICODE_STRING reg_path)
{
    ULONG level = VG_LOG_WARN, deflt = VG_LOG_WARN;
    RTL_QUERY_REGISTRY_TABLE q[2];
    WCHAR path[256];
    UNICODE_STRING p;
    static const WCHAR suffix[] = L"\\Parameters";
    USHORT n = reg_path->Length / sizeof(WCHAR);
    if (n + sizeof(suffix) / sizeof(WCHAR) > sizeof(path) / sizeof(WCHAR))
        return;
    memcpy(path, reg_path->Buffer, reg_path->Length);
    memcpy(path + n, suffix, sizeof(suffix));
    RtlInitUnicodeString(&p, path);
    memset(q, 0, sizeof(q));
    q[0].Flags = RTL_QUERY_REGISTRY_DIRECT | RTL_QUERY_REGISTRY_REQUIRED;
    q[0].Name = L"LogLevel";
    q[0].EntryContext = &level;
    q[0].DefaultType = REG_DWORD;
    q[0].DefaultData = &deflt;
    q[0].DefaultLength = sizeof(deflt);
    if (NT_SUCCESS(RtlQueryRegistryValues(RTL_REGISTRY_ABSOLUTE, path, q, NULL, NULL)))
        kmd_set_log_level((int)level);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT drv, PUNICODE_STRING reg_path)
{
    DRIVER_INITIALIZATION_DATA d;

    if (!drv || !reg_path)
        return STATUS_INVALID_PARAMETER;
    read_log_level(reg_path);
    kmd_logf(VG_LOG_INFO, "DriverEntry, WDDM 1.3 (DDI 0x%x)", DXGKDDI_INTERFACE_VERSION);

    memset(&d, 0, sizeof(d));
    d.Version = DXGKDDI_INTERFACE_VERSION;
    d.DxgkDdiAddDevice = kmd_AddDevice;
    d.DxgkDdiStartDevice = kmd_StartDevice;
    d.DxgkDdiStopDevice = kmd_StopDevice;
    d.DxgkDdiRemoveDevice = kmd_RemoveDevice;
    d.DxgkDdiDispatchIoRequest = kmd_DispatchIoRequest;
    d.DxgkDdiInterruptRoutine = kmd_InterruptRoutine;
    d.DxgkDdiDpcRoutine = kmd_DpcRoutine;
    d.DxgkDdiQueryChildRelations = kmd_QueryChildRelations;
    d.DxgkDdiQueryChildStatus = kmd_QueryChildStatus;
    d.DxgkDdiQueryDeviceDescriptor = kmd_QueryDeviceDescriptor;
    d.DxgkDdiSetPowerState = kmd_SetPowerState;
    d.DxgkDdiNotifyAcpiEvent = kmd_NotifyAcpiEvent;
    d.DxgkDdiResetDevice = kmd_ResetDevice;
    d.DxgkDdiUnload = kmd_Unload;
    d.DxgkDdiQueryInterface = kmd_QueryInterface;
    d.DxgkDdiControlEtwLogging = kmd_ControlEtwLogging;
    d.DxgkDdiQueryAdapterInfo = kmd_QueryAdapterInfo;
    d.DxgkDdiCreateDevice = kmd_CreateDevice;
    d.DxgkDdiCreateAllocation = kmd_CreateAllocation;
    d.DxgkDdiDestroyAllocation = kmd_DestroyAllocation;
    d.DxgkDdiDescribeAllocation = kmd_DescribeAllocation;
    d.DxgkDdiGetStandardAllocationDriverData = kmd_GetStandardAllocationDriverData;
    d.DxgkDdiPatch = kmd_Patch;
    d.DxgkDdiSubmitCommand = kmd_SubmitCommand;
    d.DxgkDdiPreemptCommand = kmd_PreemptCommand;
    d.DxgkDdiBuildPagingBuffer = kmd_BuildPagingBuffer;
    d.DxgkDdiSetPalette = kmd_SetPalette;
    d.DxgkDdiSetPointerPosition = kmd_SetPointerPosition;
    d.DxgkDdiSetPointerShape = kmd_SetPointerShape;
    d.DxgkDdiResetFromTimeout = kmd_ResetFromTimeout;
    d.DxgkDdiRestartFromTimeout = kmd_RestartFromTimeout;
    d.DxgkDdiEscape = kmd_Escape;
    d.DxgkDdiCollectDbgInfo = kmd_CollectDbgInfo;
    d.DxgkDdiQueryCurrentFence = kmd_QueryCurrentFence;
    d.DxgkDdiIsSupportedVidPn = kmd_IsSupportedVidPn;
    d.DxgkDdiRecommendFunctionalVidPn = kmd_RecommendFunctionalVidPn;
    d.DxgkDdiEnumVidPnCofuncModality = kmd_EnumVidPnCofuncModality;
    d.DxgkDdiSetVidPnSourceAddress = kmd_SetVidPnSourceAddress;
    d.DxgkDdiSetVidPnSourceVisibility = kmd_SetVidPnSourceVisibility;
    d.DxgkDdiCommitVidPn = kmd_CommitVidPn;
    d.DxgkDdiUpdateActiveVidPnPresentPath = kmd_UpdateActiveVidPnPresentPath;
    d.DxgkDdiRecommendMonitorModes = kmd_RecommendMonitorModes;
    d.DxgkDdiGetScanLine = kmd_GetScanLine;
    d.DxgkDdiControlInterrupt = kmd_ControlInterrupt;
    d.DxgkDdiDestroyDevice = kmd_DestroyDevice;
    d.DxgkDdiOpenAllocation = kmd_OpenAllocation;
    d.DxgkDdiCloseAllocation = kmd_CloseAllocation;
    d.DxgkDdiRender = kmd_Render;
    d.DxgkDdiPresent = kmd_Present;
    d.DxgkDdiCreateContext = kmd_CreateContext;
    d.DxgkDdiDestroyContext = kmd_DestroyContext;
    d.DxgkDdiSystemDisplayEnable = kmd_SystemDisplayEnable;
    d.DxgkDdiSystemDisplayWrite = kmd_SystemDisplayWrite;

    NTSTATUS st = DxgkInitialize(drv, reg_path, &d);
    if (!NT_SUCCESS(st))
        kmd_logf(VG_LOG_ERROR, "DxgkInitialize failed 0x%08x", (unsigned)st);
    return st;
}
