/*
 * kmd_status.c — the Windows edge of error handling: VG_ERR_* and escape
 * statuses become NTSTATUS here and nowhere else; and the context checks
 * every DDI thunk starts with.
 */
#include "kmd/nt/kmd_nt.h"

NTSTATUS kmd_status(int err)
{
    switch (err) {
    case VG_OK:
        return STATUS_SUCCESS;
    case VG_ERR_NO_MEMORY:
    case VG_ERR_NO_DMA_MEMORY:
        return STATUS_NO_MEMORY;
    case VG_ERR_INVALID_ARG:
        return STATUS_INVALID_PARAMETER;
    case VG_ERR_BUSY:
        return STATUS_DEVICE_BUSY;
    case VG_ERR_TIMEOUT:
        return STATUS_IO_TIMEOUT;
    case VG_ERR_NOT_FOUND:
        return STATUS_NOT_FOUND;
    case VG_ERR_OVERFLOW:
        return STATUS_BUFFER_TOO_SMALL;
    case VG_ERR_UNSUPPORTED:
        return STATUS_NOT_SUPPORTED;
    case VG_ERR_STATE:
        return STATUS_INVALID_DEVICE_STATE;
    case VG_ERR_CANCELLED:
        return STATUS_CANCELLED;
    case VG_ERR_SUSPENDED:
        return STATUS_DEVICE_POWERED_OFF; /* a command while the adapter is in D3 */
    case VG_ERR_DEVICE_NEEDS_RESET:
    case VG_ERR_DEVICE_FAILED:
        return STATUS_ADAPTER_HARDWARE_ERROR;
    case VG_ERR_DEV_OUT_OF_MEMORY:
        return STATUS_GRAPHICS_NO_VIDEO_MEMORY;
    default:
        if (err <= VG_ERR_DEV_UNSPEC && err >= VG_ERR_DEV_SHORT_RESPONSE)
            return STATUS_DEVICE_PROTOCOL_ERROR;
        if (err <= VG_ERR_PCI_CFG && err >= VG_ERR_QUEUE_ENABLE)
            return STATUS_DEVICE_CONFIGURATION_ERROR;
        return STATUS_UNSUCCESSFUL;
    }
}

NTSTATUS kmd_esc_status(int s)
{
    switch (s) {
    case VIOGPU_ESC_OK:
        return STATUS_SUCCESS;
    case VIOGPU_ESC_EBADSIZE:
        return STATUS_INVALID_BUFFER_SIZE;
    case VIOGPU_ESC_EBADCODE:
        return STATUS_NOT_SUPPORTED;
    case VIOGPU_ESC_EBADVERSION:
        return STATUS_REVISION_MISMATCH;
    case VIOGPU_ESC_ENODEV:
        return STATUS_DEVICE_NOT_READY;
    default:
        return STATUS_INVALID_PARAMETER;
    }
}

struct kmd_adapter *kmd_adapter_from(HANDLE h)
{
    struct kmd_adapter *ad = (struct kmd_adapter *)h;
    return ad && ad->magic == KMD_MAGIC_ADAPTER ? ad : NULL;
}

struct kmd_device *kmd_device_from(HANDLE h)
{
    struct kmd_device *d = (struct kmd_device *)h;
    return d && d->magic == KMD_MAGIC_DEVICE && kmd_adapter_from(d->ad) ? d : NULL;
}

struct kmd_context *kmd_context_from(HANDLE h)
{
    struct kmd_context *c = (struct kmd_context *)h;
    return c && c->magic == KMD_MAGIC_CONTEXT && kmd_device_from(c->dev) ? c : NULL;
}

bool kmd_active(const struct kmd_adapter *ad)
{
    return ad && ad->started && ad->d0 && ad->dev;
}
