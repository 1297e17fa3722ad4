/*
 * vg_err.h — the error codes every freestanding core returns.
 *
 * Usage: functions return 0 (VG_OK) on success and one negative VG_ERR_*
 * on failure; each distinct failure has its own code so that a test (or a
 * log line) can tell exactly what went wrong.  vg_strerror() names a code.
 * Device error responses (VIRTIO_GPU_RESP_ERR_*) map one-to-one onto the
 * VG_ERR_DEV_* codes.  NTSTATUS/HRESULT translation happens only at the
 * Windows edge (src/kmd, src/umd).
 */
#ifndef VG_ERR_H
#define VG_ERR_H

enum vg_err {
    VG_OK = 0,

    /* generic */
    VG_ERR_NO_PLATFORM_OP = -1,   /* a vg_platform entry the core needs is NULL */
    VG_ERR_INVALID_ARG = -2,      /* caller passed a bad argument */
    VG_ERR_NO_MEMORY = -3,        /* platform alloc() failed */
    VG_ERR_NO_DMA_MEMORY = -4,    /* platform dma_alloc() failed */
    VG_ERR_BUSY = -5,             /* ring or request pool full: retry later */
    VG_ERR_TIMEOUT = -6,          /* a bounded wait ran out */
    VG_ERR_NOT_FOUND = -7,        /* no such object (id not live) */
    VG_ERR_EXHAUSTED = -8,        /* id allocator has no free id */
    VG_ERR_OVERFLOW = -9,         /* output buffer too small / value too big */
    VG_ERR_UNSUPPORTED = -10,     /* feature not negotiated / not offered */
    VG_ERR_STATE = -11,           /* call not valid in the current state */
    VG_ERR_CANCELLED = -12,       /* request dropped by a device reset */
    VG_ERR_DEVICE_NEEDS_RESET = -13, /* device set DEVICE_NEEDS_RESET */
    VG_ERR_IN_USE = -14,          /* object still referenced (e.g. id live) */
    VG_ERR_SUSPENDED = -15,       /* device released for a low-power state (vgpu_suspend) */

    /* PCI / virtio transport */
    VG_ERR_PCI_CFG = -20,         /* pci_cfg_read/write failed */
    VG_ERR_NOT_VIRTIO = -21,      /* vendor/device id is not a modern virtio device */
    VG_ERR_NO_COMMON_CFG = -22,   /* no VIRTIO_PCI_CAP_COMMON_CFG */
    VG_ERR_NO_NOTIFY_CFG = -23,   /* no VIRTIO_PCI_CAP_NOTIFY_CFG */
    VG_ERR_NO_ISR_CFG = -24,      /* no VIRTIO_PCI_CAP_ISR_CFG */
    VG_ERR_NO_DEVICE_CFG = -25,   /* no VIRTIO_PCI_CAP_DEVICE_CFG */
    VG_ERR_BAD_CAP = -26,         /* capability list malformed (loop, short cap) */
    VG_ERR_BAR_MAP = -27,         /* map_bar() returned NULL */
    VG_ERR_RESET_TIMEOUT = -28,   /* device_status did not read back 0 */
    VG_ERR_NO_VERSION_1 = -29,    /* device lacks VIRTIO_F_VERSION_1 */
    VG_ERR_FEATURES_REJECTED = -30, /* FEATURES_OK did not stick */
    VG_ERR_NO_QUEUE = -31,        /* queue index beyond num_queues or size 0 */
    VG_ERR_QUEUE_SIZE = -32,      /* queue size not a power of two / too big */
    VG_ERR_MSIX_REJECTED = -33,   /* MSI-X vector read back as NO_VECTOR */
    VG_ERR_DEVICE_FAILED = -34,   /* device reported FAILED or vanished (all-ones) */
    VG_ERR_BAD_USED = -35,        /* device returned a bogus used-ring entry */
    VG_ERR_QUEUE_ENABLE = -36,    /* queue_enable did not read back 1 */

    /* virtio-gpu device responses (VIRTIO_GPU_RESP_ERR_* one-to-one) */
    VG_ERR_DEV_UNSPEC = -50,
    VG_ERR_DEV_OUT_OF_MEMORY = -51,
    VG_ERR_DEV_INVALID_SCANOUT_ID = -52,
    VG_ERR_DEV_INVALID_RESOURCE_ID = -53,
    VG_ERR_DEV_INVALID_CONTEXT_ID = -54,
    VG_ERR_DEV_INVALID_PARAMETER = -55,
    VG_ERR_DEV_UNKNOWN_RESPONSE = -56, /* response type not expected for the command */
    VG_ERR_DEV_SHORT_RESPONSE = -57,   /* device wrote fewer bytes than the response needs */

    /* EDID parser */
    VG_ERR_EDID_TRUNCATED = -70,   /* fewer than 128 bytes, or an extension block cut off */
    VG_ERR_EDID_HEADER = -71,      /* bytes 0..7 are not 00 FF FF FF FF FF FF 00 */
    VG_ERR_EDID_CHECKSUM = -72,    /* base block does not sum to 0 mod 256 */
    VG_ERR_EDID_VERSION = -73,     /* EDID version byte is not 1 */
    VG_ERR_EDID_EXT_COUNT = -74,   /* extension count larger than the data given */
    VG_ERR_EDID_EXT_CHECKSUM = -75, /* an extension block does not sum to 0 */
    VG_ERR_EDID_ZERO_CLOCK = -76,  /* first descriptor (preferred timing) has clock 0 */
    VG_ERR_EDID_TIMING = -77,      /* detailed timing with zero active size */
    VG_ERR_EDID_DESCRIPTOR = -78,  /* display descriptor with non-zero reserved bytes */
    VG_ERR_EDID_EXT_OFFSET = -79,  /* CTA extension DTD offset out of range */
};

/* Static name of an error code ("VG_ERR_BUSY"); never NULL. */
const char *vg_strerror(int err);

#endif /* VG_ERR_H */
