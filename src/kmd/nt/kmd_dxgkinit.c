/*
 * kmd_dxgkinit.c — our own DxgkInitialize (the WDK ships it in displib.lib,
 * which we do not use).
 *
 * What it does, as documented for display miniports: make sure the
 * DirectX graphics kernel (dxgkrnl.sys) is loaded, ask it for its
 * registration entry point with an internal device control on
 * \Device\DxgKrnl, and call that entry with the miniport's
 * DRIVER_INITIALIZATION_DATA.  Windows 8 and later answer the control
 * code 0x230047; older kernels only know 0x23003F (both are
 * CTL_CODE(FILE_DEVICE_VIDEO, ..., METHOD_NEITHER, FILE_ANY_ACCESS)), so
 * we try the new one first and fall back.  Runs at PASSIVE_LEVEL from
 * DriverEntry only.
 */
#include "kmd/nt/kmd_nt.h"

#define KMD_IOCTL_DXGK_REGISTER_WIN8 0x230047u
#define KMD_IOCTL_DXGK_REGISTER_LEGACY 0x23003Fu
#ifndef STATUS_IMAGE_ALREADY_LOADED
#define STATUS_IMAGE_ALREADY_LOADED ((NTSTATUS)0xC000010EL)
#endif

typedef NTSTATUS (*kmd_dxgk_register_fn)(PDRIVER_OBJECT, PUNICODE_STRING, PDRIVER_INITIALIZATION_DATA);

static NTSTATUS query_register_entry(PDEVICE_OBJECT dxgk, ULONG ioctl, kmd_dxgk_register_fn *out)
{
    KEVENT done;
    IO_STATUS_BLOCK iosb;
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    *out = NULL;
    /* Internal control, METHOD_NEITHER: the output buffer receives the
     * function pointer directly. */
    PIRP irp = IoBuildDeviceIoControlRequest(ioctl, dxgk, NULL, 0, (PVOID)out, sizeof(*out), TRUE, &done, &iosb);
    if (!irp)
        return STATUS_INSUFFICIENT_RESOURCES;
    NTSTATUS st = IoCallDriver(dxgk, irp);
    if (st == STATUS_PENDING) {
        KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL);
        st = iosb.Status;
    }
    if (NT_SUCCESS(st) && !*out)
        st = STATUS_PROCEDURE_NOT_FOUND;
    return st;
}

NTSTATUS DxgkInitialize(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath,
                        PDRIVER_INITIALIZATION_DATA DriverInitializationData)
{
    UNICODE_STRING svc, devname;
    PFILE_OBJECT file = NULL;
    PDEVICE_OBJECT dxgk = NULL;
    kmd_dxgk_register_fn reg = NULL;

    if (!DriverObject || !RegistryPath || !DriverInitializationData)
        return STATUS_INVALID_PARAMETER;

    RtlInitUnicodeString(&svc, L"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\DXGKrnl");
    NTSTATUS st = ZwLoadDriver(&svc);
    if (!NT_SUCCESS(st) && st != STATUS_IMAGE_ALREADY_LOADED) {
        kmd_logf(VG_LOG_ERROR, "DxgkInitialize: loading DXGKrnl failed 0x%08x", (unsigned)st);
        return st;
    }

    RtlInitUnicodeString(&devname, L"\\Device\\DxgKrnl");
    st = IoGetDeviceObjectPointer(&devname, FILE_ALL_ACCESS, &file, &dxgk);
    if (!NT_SUCCESS(st)) {
        kmd_logf(VG_LOG_ERROR, "DxgkInitialize: opening \\Device\\DxgKrnl failed 0x%08x", (unsigned)st);
        return st;
    }
    st = query_register_entry(dxgk, KMD_IOCTL_DXGK_REGISTER_WIN8, &reg);
    if (!NT_SUCCESS(st))
        st = query_register_entry(dxgk, KMD_IOCTL_DXGK_REGISTER_LEGACY, &reg);
    ObDereferenceObject(file); /* dxgkrnl stays loaded: it is a boot service */
    if (!NT_SUCCESS(st)) {
        kmd_logf(VG_LOG_ERROR, "DxgkInitialize: no registration entry from dxgkrnl 0x%08x", (unsigned)st);
        return st;
    }
    return reg(DriverObject, RegistryPath, DriverInitializationData);
}
