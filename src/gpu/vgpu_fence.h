/*
 * vgpu_fence.h — 64-bit fence timeline over a device that echoes 32 bits.
 *
 * Usage (all under the caller's lock): vgpu_fence_emit() hands out the next
 * 64-bit id (ids start at 1 and only grow); when the device reports a fence
 * (QEMU's virgl path compares and returns only the low 32 bits),
 * vgpu_fence_complete32() extends the 32-bit value to the 64-bit id closest
 * above the last completed one and advances `completed` monotonically
 * (never backwards, never beyond the last emitted id).  vgpu_fence_signaled()
 * answers "is fence f done?".  Because at most 2^31 fences can be in flight
 * the extension is exact across any number of 32-bit wraps.
 */
#ifndef VGPU_FENCE_H
#define VGPU_FENCE_H

#include <stdbool.h>
#include <stdint.h>

struct vgpu_fence_tl {
    uint64_t last_emitted;
    uint64_t completed;
};

void vgpu_fence_init(struct vgpu_fence_tl *tl, uint64_t start);
uint64_t vgpu_fence_emit(struct vgpu_fence_tl *tl);
/* Map a 32-bit fence echoed by the device to its 64-bit id. */
uint64_t vgpu_fence_extend(const struct vgpu_fence_tl *tl, uint32_t low32);
/* Returns true when `completed` advanced. */
bool vgpu_fence_complete32(struct vgpu_fence_tl *tl, uint32_t low32);
bool vgpu_fence_complete64(struct vgpu_fence_tl *tl, uint64_t id);
bool vgpu_fence_signaled(const struct vgpu_fence_tl *tl, uint64_t id);

#endif /* VGPU_FENCE_H */
