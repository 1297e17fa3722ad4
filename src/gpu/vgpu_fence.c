/*
 * vgpu_fence.c — 64-bit fence timeline (see vgpu_fence.h).
 */
#include "gpu/vgpu_fence.h"

void vgpu_fence_init(struct vgpu_fence_tl *tl, uint64_t start)
{
    tl->last_emitted = start;
    tl->completed = start;
}

uint64_t vgpu_fence_emit(struct vgpu_fence_tl *tl)
{
    return ++tl->last_emitted;
}

uint64_t vgpu_fence_extend(const struct vgpu_fence_tl *tl, uint32_t low32)
{
    /* Signed 32-bit distance from the last completed id: fences in flight
     * are always within 2^31 of it, so this picks the right epoch even
     * when the low half wrapped past zero. */
    int32_t delta = (int32_t)(low32 - (uint32_t)tl->completed);
    return tl->completed + (uint64_t)(int64_t)delta;
}

bool vgpu_fence_complete64(struct vgpu_fence_tl *tl, uint64_t id)
{
    if (id > tl->last_emitted)
        id = tl->last_emitted; /* the device cannot finish what we never sent */
    if (id <= tl->completed)
        return false;
    tl->completed = id;
    return true;
}

bool vgpu_fence_complete32(struct vgpu_fence_tl *tl, uint32_t low32)
{
    uint64_t id = vgpu_fence_extend(tl, low32);
    if (id <= tl->completed) /* stale or duplicate echo: never go backwards */
        return false;
    return vgpu_fence_complete64(tl, id);
}

bool vgpu_fence_signaled(const struct vgpu_fence_tl *tl, uint64_t id)
{
    return id <= tl->completed;
}
