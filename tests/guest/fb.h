/*
 * fb.h — a 2D framebuffer resource for device tests: a B8G8R8X8 host
 * resource with one physically contiguous guest backing, and the present
 * path a display driver uses (TRANSFER_TO_HOST_2D of the dirty rectangle,
 * then RESOURCE_FLUSH of the same rectangle, one doorbell for both).
 *
 *     struct fb f;
 *     if (!fb_create(&env, &f, w, h)) return false;
 *     pattern_fill_mix(f.px, f.w, seed, 0, 0, f.w, f.h);
 *     if (!fb_scanout(&env, &f, head) || !fb_present(&env, &f, 0, 0, w, h)) ...
 *     fb_destroy(&env, &f);
 * Each helper fails the running test with the core's error name.
 */
#ifndef GUEST_FB_H
#define GUEST_FB_H

#include "gpu_env.h"

struct fb {
    uint32_t res, w, h;
    uint32_t *px;   /* backing, w*h pixels, stride w*4 */
    uint64_t bytes;
};

bool fb_create(struct gpu_env *e, struct fb *f, uint32_t w, uint32_t h);
bool fb_scanout(struct gpu_env *e, struct fb *f, uint32_t head);
/* Transfer + flush of one rectangle, the transfer queued without a kick so
 * the flush's doorbell covers both. */
bool fb_present(struct gpu_env *e, struct fb *f, uint32_t x, uint32_t y, uint32_t w, uint32_t h);
void fb_destroy(struct gpu_env *e, struct fb *f);

#endif
