/*
 * unit_platform.h — a native struct vg_platform for unit tests.
 *
 * Memory is malloc'd, "physical" addresses are the virtual ones (so a test
 * playing the device side can dereference descriptor addresses directly),
 * locks are counters that catch unbalanced use, time is CLOCK_MONOTONIC.
 * A test that simulates a device sets the hooks: on_mmio_write (doorbells
 * and register writes), on_mmio_read, on_wait (called from wait_a_little:
 * the place where the simulated device makes progress) and the PCI config
 * space / BAR arrays.  unit_platform_leaks() reports allocations not freed.
 * Locks catch recursion (single-threaded tests) or, with real_locks, are
 * pthread mutexes; wait_a_little aborts if the calling thread holds one.
 */
#ifndef UNIT_PLATFORM_H
#define UNIT_PLATFORM_H

#include <stdint.h>
#include "base/vg_platform.h"

struct unit_platform {
    struct vg_platform ops;
    uint8_t cfg[256];                 /* PCI configuration space */
    uint8_t *bars[6];                 /* BAR contents (test owned) */
    uint64_t bar_len[6];
    void (*on_mmio_write)(void *hook_ctx, volatile void *addr, uint32_t v, int width);
    uint32_t (*on_mmio_read)(void *hook_ctx, volatile void *addr, int width, int *handled);
    void (*on_wait)(void *hook_ctx);
    void *hook_ctx;
    long allocs, dma_allocs;          /* live counts */
    bool real_locks;                  /* pthread mutexes, for threaded tests */
    int fail_dma_after;               /* >0: that many dma_allocs succeed, then fail */
    int log_level;                    /* print lines at or below (default WARN) */
    uint64_t fake_time_ns;            /* added to the clock by tests that skip time */
};

void unit_platform_init(struct unit_platform *up);
long unit_platform_leaks(const struct unit_platform *up);

#endif /* UNIT_PLATFORM_H */
