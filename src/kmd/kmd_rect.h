/*
 * kmd_rect.h — dirty-rectangle math for 2D present (portable, no OS).
 *
 * DxgkDdiPresent hands the driver signed RECTs (left/top inclusive,
 * right/bottom exclusive) that may be empty, inverted, partly or wholly
 * outside the surface, duplicated or nested.  kmd_rects_clip() turns them
 * into the device's unsigned x/y/width/height rectangles, clipped to the
 * surface, empty ones dropped, ones contained in another dropped; when more
 * than `cap` survive they are collapsed into their bounding box so the
 * present always fits one TRANSFER_TO_HOST_2D + RESOURCE_FLUSH pair per
 * rectangle and never touches pixels outside what changed plus that box.
 */
#ifndef KMD_RECT_H
#define KMD_RECT_H

#include <stdint.h>
#include "gpu/vgpu.h"

/* Same member order and meaning as the Windows RECT. */
struct kmd_srect {
    int32_t left, top, right, bottom;
};

/* Returns the number of rectangles written to out (0..cap, never more
 * than n unless n > cap, then 1). */
uint32_t kmd_rects_clip(const struct kmd_srect *in, uint32_t n, uint32_t surf_w, uint32_t surf_h,
                        struct vgpu_rect *out, uint32_t cap);

/* Bounding box of n (>= 1) device rectangles. */
struct vgpu_rect kmd_rects_bounds(const struct vgpu_rect *r, uint32_t n);

/* Bytes from the start of a surface with `pitch` bytes per row and 4 bytes
 * per pixel to pixel (x, y): the offset TRANSFER_TO_HOST_2D wants. */
uint64_t kmd_rect_offset(const struct vgpu_rect *r, uint32_t pitch);

#endif /* KMD_RECT_H */
