/*
 * virtq.h — split virtqueue (driver side), independent of the transport.
 *
 * Usage (the caller holds its own lock around add/kick_prepare/get_used;
 * the queue itself does no locking):
 *     virtq_create(p, index, size, features, notify_addr, &vq);
 *     ... transport programs virtq_desc_pa()/avail_pa()/used_pa() ...
 *     lock; n = virtq_add(vq, sg, n_out, n_in, cookie); ...more adds...;
 *           kick = virtq_kick_prepare(vq); unlock;
 *     if (kick) virtq_notify(vq);          one doorbell per batch
 *     ISR/DPC: lock; while ((c = virtq_get_used(vq, &len))) done(c); unlock;
 * virtq_add publishes the new avail index right away (the device may start
 * early); virtq_kick_prepare decides whether the device wants a doorbell for
 * everything added since the previous kick (VRING_USED_F_NO_NOTIFY, or the
 * device's avail_event when EVENT_IDX was negotiated).
 *
 * A request with more than one buffer uses one indirect table (preallocated
 * per head descriptor, VIRTQ_INDIRECT_MAX entries) when INDIRECT_DESC was
 * negotiated, so it costs one ring slot; otherwise it takes a chain of free
 * descriptors.  No space -> VG_ERR_BUSY, never a wait.
 */
#ifndef VIRTQ_H
#define VIRTQ_H

#include <stdbool.h>
#include <stdint.h>
#include "base/vg_platform.h"

#define VIRTQ_INDIRECT_MAX 16u

/* One guest-physical buffer of a request. */
struct virtq_sg {
    uint64_t pa;
    uint32_t len;
};

/* Counters for tests and benchmarks. */
struct virtq_stats {
    uint64_t added;        /* requests added */
    uint64_t kicks;        /* kick_prepare calls that had something new */
    uint64_t notifies;     /* doorbell writes */
    uint64_t suppressed;   /* kicks the device said it did not need */
    uint64_t used;         /* requests reaped */
    uint64_t indirect;     /* requests that used an indirect table */
};

struct virtq;

/* features: the negotiated feature bits (VIRTIO_F_INDIRECT_DESC/EVENT_IDX
 * are honoured).  size must be a power of two <= VIRTQ_MAX_SIZE.
 * notify_addr: the queue's doorbell (mmio_write16 of the queue index). */
int virtq_create(const struct vg_platform *p, uint16_t index, uint16_t size,
                 uint64_t features, volatile void *notify_addr, struct virtq **out);
void virtq_destroy(struct virtq *vq);

/* Forget all in-flight requests and reinitialise the rings (after a device
 * reset, before the queue is programmed again).  Cookies of requests that
 * were in flight are handed to `drop` (may be NULL). */
void virtq_reset(struct virtq *vq, void (*drop)(void *arg, void *cookie), void *arg);

/* Ring addresses for the transport. */
uint64_t virtq_desc_pa(const struct virtq *vq);
uint64_t virtq_avail_pa(const struct virtq *vq);
uint64_t virtq_used_pa(const struct virtq *vq);
uint16_t virtq_size(const struct virtq *vq);
uint16_t virtq_index(const struct virtq *vq);
void virtq_set_notify_addr(struct virtq *vq, volatile void *notify_addr);

/* Free descriptors left (a request needs 1 with indirect, else n_out+n_in). */
uint32_t virtq_num_free(const struct virtq *vq);
/* Descriptors a request of n buffers will take right now. */
uint32_t virtq_descs_needed(const struct virtq *vq, uint32_t n);

/* Adds one request: sg[0..n_out) device-readable, then n_in device-writable.
 * cookie (non-NULL) comes back from virtq_get_used.  0, VG_ERR_BUSY or
 * VG_ERR_INVALID_ARG. */
int virtq_add(struct virtq *vq, const struct virtq_sg *sg, uint32_t n_out, uint32_t n_in, void *cookie);
/* True when the device must be notified of what was added since the last
 * kick.  Call under the same lock as virtq_add. */
bool virtq_kick_prepare(struct virtq *vq);
/* Rings the doorbell (no lock needed). */
void virtq_notify(struct virtq *vq);
/* add + kick_prepare + notify in one go, for callers that do not batch. */
int virtq_add_and_kick(struct virtq *vq, const struct virtq_sg *sg, uint32_t n_out, uint32_t n_in, void *cookie);

/* Next completed request's cookie (len = bytes the device wrote) or NULL.
 * A used entry naming a descriptor that is not in flight is skipped and
 * counted in virtq_bad_used(). */
void *virtq_get_used(struct virtq *vq, uint32_t *len);
bool virtq_has_used(const struct virtq *vq);
uint32_t virtq_bad_used(const struct virtq *vq);
uint32_t virtq_in_flight(const struct virtq *vq);

/* Interrupt suppression: ask for (enable) or against (disable) used-buffer
 * interrupts.  enable_cb returns false if used entries arrived meanwhile
 * (re-poll before sleeping). */
void virtq_disable_cb(struct virtq *vq);
bool virtq_enable_cb(struct virtq *vq);

const struct virtq_stats *virtq_get_stats(const struct virtq *vq);
bool virtq_uses_indirect(const struct virtq *vq);
bool virtq_uses_event_idx(const struct virtq *vq);

#endif /* VIRTQ_H */
