/*
 * vg_platform.h — the one ops table through which every freestanding core
 * (src/base, src/virtio, src/gpu, src/virgl, src/sm4) reaches its environment.
 *
 * A core never includes an OS header.  Whoever embeds a core (the KMD on
 * Windows, the bare-metal test guest, a native unit test) fills one
 * `struct vg_platform` and hands it to the core's init function; the core
 * keeps the pointer and calls through it for register I/O, memory, DMA,
 * locks, time and logging.  Entries a given embedding cannot provide are
 * left NULL and the core that needs them fails its init with an error code
 * (VG_ERR_NO_PLATFORM_OP) instead of crashing.
 *
 * Calling context: every entry may be called with a core spin lock held
 * (i.e. at DISPATCH_LEVEL on Windows) except wait_a_little and the
 * alloc/free pair when documented otherwise by the caller.
 */
#ifndef VG_PLATFORM_H
#define VG_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A physically contiguous, DMA-able buffer. */
typedef struct vg_dma_buf {
    void *va;       /* kernel virtual address, zeroed on allocation */
    uint64_t pa;    /* guest-physical address of va[0] */
    uint64_t size;  /* bytes */
    void *cookie;   /* platform private, untouched by cores */
} vg_dma_buf;

enum vg_log_level {
    VG_LOG_ERROR = 0,
    VG_LOG_WARN = 1,
    VG_LOG_INFO = 2,
    VG_LOG_DEBUG = 3,
    VG_LOG_TRACE = 4,
};

struct vg_platform {
    void *ctx; /* passed back as the first argument of every entry */

    /* Device registers.  `addr` is a virtual address obtained from map_bar. */
    uint8_t (*mmio_read8)(void *ctx, volatile void *addr);
    uint16_t (*mmio_read16)(void *ctx, volatile void *addr);
    uint32_t (*mmio_read32)(void *ctx, volatile void *addr);
    void (*mmio_write8)(void *ctx, volatile void *addr, uint8_t v);
    void (*mmio_write16)(void *ctx, volatile void *addr, uint16_t v);
    void (*mmio_write32)(void *ctx, volatile void *addr, uint32_t v);

    /* PCI configuration space of the one device this core instance drives.
     * Return 0 on success, a negative VG_ERR_* otherwise. */
    int (*pci_cfg_read)(void *ctx, uint32_t offset, void *buf, uint32_t len);
    int (*pci_cfg_write)(void *ctx, uint32_t offset, const void *buf, uint32_t len);

    /* Map `len` bytes at `offset` inside memory BAR `bar` (0..5); NULL when
     * the BAR does not exist, is not memory, or is too small. */
    volatile void *(*map_bar)(void *ctx, uint32_t bar, uint64_t offset, uint64_t len);
    void (*unmap_bar)(void *ctx, volatile void *va, uint64_t len);

    /* Non-paged heap.  alloc returns zeroed memory or NULL. */
    void *(*alloc)(void *ctx, size_t size);
    void (*free)(void *ctx, void *p);

    /* Physically contiguous DMA memory, zeroed.  0 or a negative VG_ERR_*. */
    int (*dma_alloc)(void *ctx, uint64_t size, uint64_t align, vg_dma_buf *out);
    void (*dma_free)(void *ctx, vg_dma_buf *buf);

    /* Guest-physical address of a resident kernel virtual address. */
    uint64_t (*virt_to_phys)(void *ctx, const void *va);

    /* Spin locks usable from interrupt/DPC context.  acquire returns a token
     * (the previous IRQL on Windows) that release takes back. */
    void *(*lock_create)(void *ctx);
    void (*lock_destroy)(void *ctx, void *lock);
    uintptr_t (*lock_acquire)(void *ctx, void *lock);
    void (*lock_release)(void *ctx, void *lock, uintptr_t token);

    /* Monotonic time in nanoseconds. */
    uint64_t (*now_ns)(void *ctx);

    /* Called by wait loops with no core lock held: let an interrupt arrive
     * (guest: sti;hlt, Windows: wait on an event) or sleep at most max_ns.
     * It may return early; callers re-check their condition. */
    void (*wait_a_little)(void *ctx, uint64_t max_ns);

    /* Levelled log sink; `msg` is one NUL-terminated line without '\n'. */
    void (*log)(void *ctx, int level, const char *msg);
};

#endif /* VG_PLATFORM_H */
