/*
 * kmd_rect.c — see kmd_rect.h.
 */
#include "kmd/kmd_rect.h"

static bool contains(const struct vgpu_rect *a, const struct vgpu_rect *b)
{
    return b->x >= a->x && b->y >= a->y && (uint64_t)b->x + b->width <= (uint64_t)a->x + a->width &&
           (uint64_t)b->y + b->height <= (uint64_t)a->y + a->height;
}

struct vgpu_rect kmd_rects_bounds(const struct vgpu_rect *r, uint32_t n)
{
    uint32_t x0 = r[0].x, y0 = r[0].y, x1 = r[0].x + r[0].width, y1 = r[0].y + r[0].height;
    for (uint32_t i = 1; i < n; i++) {
        if (r[i].x < x0)
            x0 = r[i].x;
        if (r[i].y < y0)
            y0 = r[i].y;
        if (r[i].x + r[i].width > x1)
            x1 = r[i].x + r[i].width;
        if (r[i].y + r[i].height > y1)
            y1 = r[i].y + r[i].height;
    }
    struct vgpu_rect b = {x0, y0, x1 - x0, y1 - y0};
    return b;
}

uint32_t kmd_rects_clip(const struct kmd_srect *in, uint32_t n, uint32_t surf_w, uint32_t surf_h,
                        struct vgpu_rect *out, uint32_t cap)
{
    uint32_t k = 0;
    bool overflow = false;
    struct vgpu_rect bb = {0, 0, 0, 0};
    bool have_bb = false;
    if (cap == 0 || surf_w == 0 || surf_h == 0)
        return 0;
    for (uint32_t i = 0; i < n; i++) {
        /* Clip in 64-bit signed space: the inputs are arbitrary INTs. */
        int64_t l = in[i].left, t = in[i].top, r = in[i].right, b = in[i].bottom;
        if (l < 0)
            l = 0;
        if (t < 0)
            t = 0;
        if (r > (int64_t)surf_w)
            r = surf_w;
        if (b > (int64_t)surf_h)
            b = surf_h;
        if (r <= l || b <= t)
            continue;
        struct vgpu_rect c = {(uint32_t)l, (uint32_t)t, (uint32_t)(r - l), (uint32_t)(b - t)};
        if (have_bb) {
            struct vgpu_rect pair[2] = {bb, c};
            bb = kmd_rects_bounds(pair, 2);
        } else {
            bb = c;
            have_bb = true;
        }
        if (overflow)
            continue;
        bool dup = false;
        for (uint32_t j = 0; j < k && !dup; j++)
            dup = contains(&out[j], &c);
        if (dup)
            continue;
        /* Drop earlier rectangles the new one swallows. */
        uint32_t w = 0;
        for (uint32_t j = 0; j < k; j++)
            if (!contains(&c, &out[j]))
                out[w++] = out[j];
        k = w;
        if (k == cap) {
            overflow = true;
            continue;
        }
        out[k++] = c;
    }
    if (overflow) {
        out[0] = bb;
        return 1;
    }
    return k;
}

uint64_t kmd_rect_offset(const struct vgpu_rect *r, uint32_t pitch)
{
    return (uint64_t)r->y * pitch + (uint64_t)r->x * 4u;
}
