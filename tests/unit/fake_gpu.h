/*
 * fake_gpu.h — a simulated virtio-gpu PCI device for native unit tests of
 * src/virtio/vpci.c and src/gpu (the device side, written from the virtio
 * 1.2 spec; QEMU itself is exercised by the guest suites).
 *
 * Usage: struct fake_gpu g; fake_gpu_init(&g, &up) wires the unit platform's
 * PCI config space, BAR 4 and mmio hooks to the model; then vgpu_init() on
 * &up.ops drives it.  The device processes a queue when its doorbell is
 * written (or, with `deferred`, only when the test calls fake_gpu_run()),
 * keeps a table of resources, answers with the same error codes QEMU's 2D
 * device uses, and raises ISR bits / records MSI-X vectors.  Knobs below
 * inject faults.
 */
#ifndef FAKE_GPU_H
#define FAKE_GPU_H

#include <stdbool.h>
#include <stdint.h>
#include "unit_platform.h"
#include "viogpu/virtio_gpu.h"

#define FAKE_MAX_RES 64
#define FAKE_MAX_ENTRIES 16

struct fake_res {
    uint32_t id, format, width, height;
    bool backing;
    uint32_t n_entries;
    uint64_t addr[FAKE_MAX_ENTRIES];
    uint32_t len[FAKE_MAX_ENTRIES];
};

struct fake_queue {
    uint16_t max, size, msix, enable;
    uint64_t desc, avail, used;
    uint16_t last_avail, used_idx;
    uint32_t notifies;
};

struct fake_gpu {
    struct unit_platform *up;
    uint8_t bar4[0x4000];
    /* common config */
    uint32_t dfselect, gfselect;
    uint64_t offered, driver_features;
    uint8_t status, generation;
    uint16_t qsel, config_msix;
    struct fake_queue q[2];
    uint8_t isr;
    uint32_t events_read;
    uint32_t num_scanouts;
    uint32_t num_capsets;
    struct virtio_gpu_rect scanout_rect[4];
    bool scanout_enabled[4];
    /* device state */
    struct fake_res res[FAKE_MAX_RES];
    uint32_t scanout_res[4];
    struct virtio_gpu_update_cursor last_cursor;
    uint32_t cursor_cmds;
    uint32_t cmds;                /* control commands processed */
    uint32_t last_cmd_type;
    uint64_t last_fence;
    /* 3D (with VIRTIO_GPU_F_VIRGL offered) */
    uint32_t ctx_ids[8];
    uint32_t ctx_attached[8];     /* resources attached per context slot */
    uint32_t submits, submit_size, submit_first_dword;
    uint32_t transfers_3d;
    /* knobs */
    bool deferred;                /* process only in fake_gpu_run() */
    bool dead;                    /* never process anything */
    bool reject_features;         /* FEATURES_OK does not stick */
    uint16_t msix_vectors;        /* vectors the device accepts (< this) */
    bool echo_fence32;            /* echo only the low 32 bits of fence ids */
    bool short_response;          /* write 10 bytes instead of the response */
    bool wrong_response;          /* answer OK_DISPLAY_INFO to everything */
};

void fake_gpu_init(struct fake_gpu *g, struct unit_platform *up);
/* Offer VIRTIO_GPU_F_VIRGL with two capsets (VIRGL 308 bytes, VIRGL2 1376). */
void fake_gpu_enable_virgl(struct fake_gpu *g);
uint32_t fake_gpu_ctx_count(const struct fake_gpu *g);
/* Processes everything available on both queues; returns commands done. */
uint32_t fake_gpu_run(struct fake_gpu *g);
/* Forgets all host state (resources, scanouts, cursor) as a device reset
 * with lost host state would. */
void fake_gpu_wipe(struct fake_gpu *g);
struct fake_res *fake_gpu_res(struct fake_gpu *g, uint32_t id);
uint32_t fake_gpu_res_count(const struct fake_gpu *g);
/* Raises a display change: new size for scanout 0, config interrupt. */
void fake_gpu_hotplug(struct fake_gpu *g, uint32_t w, uint32_t h);

#endif /* FAKE_GPU_H */
