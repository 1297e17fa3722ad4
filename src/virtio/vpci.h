/*
 * vpci.h — virtio 1.x modern PCI transport (virtio 1.2, 4.1).
 *
 * Usage, in this order (virtio 1.2, 3.1.1):
 *     vpci_probe(&t, p, VIRTIO_GPU_PCI_DEVICE_ID);  walk caps, map BARs
 *     vpci_reset(&t);                               status 0, read back
 *     vpci_negotiate(&t, wanted, &accepted);        ACK|DRIVER, features,
 *                                                   FEATURES_OK verified
 *     vpci_setup_msix(&t, nvec) (0 = INTx)          config vector
 *     vpci_queue_setup(&t, i, max, &vq)             per queue (vector i+1)
 *     vpci_driver_ok(&t);
 * Interrupts: with INTx the ISR calls vpci_isr_read() (read-to-clear,
 * VIRTIO_ISR_QUEUE/VIRTIO_ISR_CONFIG); with MSI-X the vector tells which.
 * vpci_needs_reset() reports DEVICE_NEEDS_RESET.  vpci_remove() resets the
 * device, destroys nothing it did not create, and unmaps the BARs; it is
 * idempotent.
 */
#ifndef VPCI_H
#define VPCI_H

#include <stdbool.h>
#include <stdint.h>
#include "base/vg_platform.h"
#include "virtio/virtq.h"

#define VPCI_MAX_SHM 8u
#define VPCI_MAX_BARS 6u

/* A mapped capability window. */
struct vpci_region {
    uint8_t bar;
    uint64_t offset;  /* inside the BAR */
    uint64_t len;
    volatile uint8_t *va;
};

/* A shared memory region (VIRTIO_PCI_CAP_SHARED_MEMORY_CFG); not mapped. */
struct vpci_shm {
    uint8_t id;
    uint8_t bar;
    uint64_t offset;
    uint64_t len;
};

struct vpci {
    const struct vg_platform *p;
    struct vpci_region common, notify, isr, device;
    uint32_t notify_mult;
    struct vpci_shm shm[VPCI_MAX_SHM];
    uint32_t n_shm;
    uint16_t vendor_id, device_id;
    uint8_t msix_cap;        /* config offset of the MSI-X cap, 0 if none */
    uint16_t msix_table_size; /* entries */
    uint16_t num_queues;
    uint32_t n_vectors;      /* MSI-X vectors in use, 0 = INTx */
    uint64_t device_features;
    uint64_t driver_features;
    bool probed;
};

/* Finds the virtio caps, maps each window (one map_bar per cap window).
 * device_id 0 accepts any modern virtio device (0x1040..0x107f). */
int vpci_probe(struct vpci *t, const struct vg_platform *p, uint16_t device_id);
void vpci_remove(struct vpci *t);

/* Writes status 0 and waits (bounded, ~1 s) until it reads back 0. */
int vpci_reset(struct vpci *t);
uint8_t vpci_get_status(struct vpci *t);
void vpci_add_status(struct vpci *t, uint8_t bits);
/* ACKNOWLEDGE|DRIVER, read device features, write wanted & offered (must
 * include VERSION_1), set FEATURES_OK, verify it stuck. */
int vpci_negotiate(struct vpci *t, uint64_t wanted, uint64_t *accepted);
/* Use nvec MSI-X vectors (config = vector 0, queue i = vector
 * vpci_queue_vector(t, i)), or INTx when nvec == 0.  Programs the config
 * vector and checks the device accepted it. */
int vpci_setup_msix(struct vpci *t, uint32_t nvec);
uint16_t vpci_queue_vector(const struct vpci *t, uint16_t index);
/* Selects queue `index`, sizes it min(device max, max_size), creates the
 * virtq, programs addresses and the vector (verified), enables it. */
int vpci_queue_setup(struct vpci *t, uint16_t index, uint16_t max_size, struct virtq **out);
/* Re-programs an existing virtq into the device after vpci_reset +
 * vpci_negotiate (the rings are reinitialised with virtq_reset first). */
int vpci_queue_reprogram(struct vpci *t, struct virtq *vq);
void vpci_driver_ok(struct vpci *t);
bool vpci_needs_reset(struct vpci *t);
/* Read-to-clear ISR status (INTx). */
uint8_t vpci_isr_read(struct vpci *t);

/* Device-specific config access, retried until config_generation is
 * stable so multi-field reads are consistent. */
uint32_t vpci_cfg_read32(struct vpci *t, uint32_t offset);
void vpci_cfg_write32(struct vpci *t, uint32_t offset, uint32_t v);
/* Shared memory region by id, or NULL. */
const struct vpci_shm *vpci_find_shm(const struct vpci *t, uint8_t id);

#endif /* VPCI_H */
