/*
 * kmd_fence.c — see kmd_fence.h.
 */
#include "kmd/kmd_fence.h"
#include "base/vg_err.h"
#include "base/vg_util.h"

void kmd_fence_init(struct kmd_fence_ring *r, uint32_t completed)
{
    vg_memset(r, 0, sizeof(*r));
    r->completed = completed;
}

uint32_t kmd_fence_outstanding(const struct kmd_fence_ring *r)
{
    return r->tail - r->head;
}

int kmd_fence_push(struct kmd_fence_ring *r, uint32_t fence, uint32_t *slot)
{
    if (kmd_fence_outstanding(r) >= KMD_FENCE_RING)
        return VG_ERR_BUSY;
    uint32_t i = r->tail % KMD_FENCE_RING;
    r->fence[i] = fence;
    r->ready[i] = 0;
    *slot = r->tail;
    r->tail++;
    return 0;
}

bool kmd_fence_ready(struct kmd_fence_ring *r, uint32_t slot)
{
    if (slot - r->head >= kmd_fence_outstanding(r))
        return false;
    r->ready[slot % KMD_FENCE_RING] = 1;
    bool adv = false;
    while (r->head != r->tail && r->ready[r->head % KMD_FENCE_RING]) {
        r->completed = r->fence[r->head % KMD_FENCE_RING];
        r->ready[r->head % KMD_FENCE_RING] = 0;
        r->head++;
        adv = true;
    }
    return adv;
}

void kmd_fence_flush(struct kmd_fence_ring *r)
{
    if (r->head != r->tail)
        r->completed = r->fence[(r->tail - 1) % KMD_FENCE_RING];
    r->head = r->tail;
}
