/*
 * kmd_fence.h — in-order retirement of WDDM submission fences (portable).
 *
 * dxgkrnl numbers DMA-buffer submissions on a node with increasing
 * SubmissionFenceIds and expects DMA_COMPLETED to report them in order.
 * A submission either reaches the device (its last command is fenced and
 * completes later, from the DPC) or carries nothing for the device (empty
 * buffer, rejected record) and is done at once.  The ring keeps the order:
 * kmd_fence_push() appends a submission, kmd_fence_ready() marks one done
 * and advances `completed` over every done entry at the head, so a fast
 * empty submission never overtakes a slow earlier one.  Caller locks.
 */
#ifndef KMD_FENCE_H
#define KMD_FENCE_H

#include <stdbool.h>
#include <stdint.h>

#define KMD_FENCE_RING 256u

struct kmd_fence_ring {
    uint32_t fence[KMD_FENCE_RING];
    uint8_t ready[KMD_FENCE_RING];
    uint32_t head, tail;   /* head: oldest outstanding; tail: next free */
    uint32_t completed;    /* last retired fence id, reported to dxgkrnl */
};

void kmd_fence_init(struct kmd_fence_ring *r, uint32_t completed);
/* 0 with *slot set, or VG_ERR_BUSY when KMD_FENCE_RING are outstanding. */
int kmd_fence_push(struct kmd_fence_ring *r, uint32_t fence, uint32_t *slot);
/* Marks slot done; true when `completed` advanced.  VG-style misuse (slot
 * not outstanding) is ignored and returns false. */
bool kmd_fence_ready(struct kmd_fence_ring *r, uint32_t slot);
/* Retires everything outstanding (device reset): completed = last pushed. */
void kmd_fence_flush(struct kmd_fence_ring *r);
uint32_t kmd_fence_outstanding(const struct kmd_fence_ring *r);

#endif /* KMD_FENCE_H */
