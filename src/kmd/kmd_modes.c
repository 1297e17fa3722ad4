/*
 * kmd_modes.c — see kmd_modes.h.
 */
#include "kmd/kmd_modes.h"
#include "base/vg_err.h"
#include "base/vg_util.h"

/* Common sizes offered when the EDID lists few modes, so that the display
 * control panel always has a choice. */
static const uint16_t fallback[][2] = {
    {640, 480},   {800, 600},   {1024, 768},  {1152, 864},  {1280, 720},  {1280, 800},
    {1280, 1024}, {1366, 768},  {1440, 900},  {1600, 900},  {1600, 1200}, {1680, 1050},
    {1920, 1080}, {1920, 1200}, {2560, 1440}, {2560, 1600}, {3840, 2160},
};

static bool fits(uint32_t w, uint32_t h, uint32_t max_w, uint32_t max_h)
{
    return w >= KMD_MIN_WIDTH && h >= KMD_MIN_HEIGHT && w <= max_w && h <= max_h;
}

static void add(struct kmd_head_modes *o, uint32_t w, uint32_t h, uint32_t mhz, uint32_t flags,
                uint32_t max_w, uint32_t max_h)
{
    if (!fits(w, h, max_w, max_h))
        return;
    for (uint32_t i = 0; i < o->n; i++)
        if (o->m[i].width == w && o->m[i].height == h) {
            o->m[i].flags |= flags;
            return;
        }
    if (o->n == KMD_MAX_MODES)
        return;
    o->m[o->n].width = w;
    o->m[o->n].height = h;
    o->m[o->n].refresh_mhz = mhz ? mhz : 60000u;
    o->m[o->n].flags = flags;
    o->n++;
}

void kmd_modes_build(const struct vgpu_display *d, uint32_t custom_w, uint32_t custom_h,
                     uint32_t max_w, uint32_t max_h, struct kmd_head_modes *out)
{
    vg_memset(out, 0, sizeof(*out));
    out->connected = d && d->enabled;
    /* Preferred: custom size, else host size, else EDID preferred, else default. */
    if (custom_w && fits(custom_w, custom_h, max_w, max_h))
        add(out, custom_w, custom_h, 0, KMD_MODE_CUSTOM | KMD_MODE_PREFERRED, max_w, max_h);
    if (d && d->enabled && d->r.width && d->r.height)
        add(out, d->r.width, d->r.height, 0, KMD_MODE_HOST | (out->n ? 0 : KMD_MODE_PREFERRED), max_w,
            max_h);
    if (d && d->edid_status == 0) {
        for (uint32_t i = 0; i < d->modes.n_modes && i < VGPU_EDID_MAX_MODES; i++) {
            const struct vgpu_edid_mode *m = &d->modes.modes[i];
            if (m->flags & VGPU_MODE_INTERLACED)
                continue;
            uint32_t pref = (!out->n && (m->flags & VGPU_MODE_PREFERRED)) ? KMD_MODE_PREFERRED : 0;
            add(out, m->width, m->height, m->refresh_mhz, KMD_MODE_EDID | pref, max_w, max_h);
        }
    }
    if (!out->n)
        add(out, KMD_DEFAULT_WIDTH, KMD_DEFAULT_HEIGHT, 0, KMD_MODE_FALLBACK | KMD_MODE_PREFERRED, max_w,
            max_h);
    for (uint32_t i = 0; i < VG_ARRAY_SIZE(fallback); i++)
        add(out, fallback[i][0], fallback[i][1], 0, KMD_MODE_FALLBACK, max_w, max_h);
    if (!out->n) /* max below 640x480: offer the minimum anyway */
        add(out, KMD_MIN_WIDTH, KMD_MIN_HEIGHT, 0, KMD_MODE_FALLBACK | KMD_MODE_PREFERRED, KMD_MIN_WIDTH,
            KMD_MIN_HEIGHT);
    /* Keep m[0] (preferred) and sort the rest by area, largest first. */
    for (uint32_t i = 2; i < out->n; i++) {
        struct kmd_mode t = out->m[i];
        uint64_t a = (uint64_t)t.width * t.height;
        uint32_t j = i;
        while (j > 1 && (uint64_t)out->m[j - 1].width * out->m[j - 1].height < a) {
            out->m[j] = out->m[j - 1];
            j--;
        }
        out->m[j] = t;
    }
    out->m[0].flags |= KMD_MODE_PREFERRED;
}

int kmd_mode_find(const struct kmd_head_modes *h, uint32_t width, uint32_t height)
{
    for (uint32_t i = 0; i < h->n; i++)
        if (h->m[i].width == width && h->m[i].height == height)
            return (int)i;
    return VG_ERR_NOT_FOUND;
}

int kmd_mode_check_custom(uint32_t width, uint32_t height, uint32_t max_w, uint32_t max_h)
{
    return fits(width, height, max_w, max_h) ? 0 : VG_ERR_INVALID_ARG;
}

uint32_t kmd_mode_pitch(uint32_t width)
{
    uint64_t p = ((uint64_t)width * 4u + 63u) & ~(uint64_t)63u;
    return p > 0xffffffffu ? 0 : (uint32_t)p;
}

uint32_t kmd_vidpn_recommend(const struct kmd_head_modes *heads, uint32_t nheads,
                             struct kmd_vidpn_path *out, uint32_t cap)
{
    uint32_t k = 0;
    for (uint32_t i = 0; i < nheads && k < cap; i++) {
        if (!heads[i].connected || !heads[i].n)
            continue;
        out[k].source = out[k].target = i;
        out[k].width = heads[i].m[0].width;
        out[k].height = heads[i].m[0].height;
        k++;
    }
    if (!k && nheads && cap && heads[0].n) {
        out[0].source = out[0].target = 0;
        out[0].width = heads[0].m[0].width;
        out[0].height = heads[0].m[0].height;
        k = 1;
    }
    return k;
}

int kmd_vidpn_check(const struct kmd_head_modes *heads, uint32_t nheads,
                    const struct kmd_vidpn_path *paths, uint32_t n)
{
    uint32_t used = 0;
    uint32_t src_w[VIOGPU_MAX_SCANOUTS] = {0}, src_h[VIOGPU_MAX_SCANOUTS] = {0};
    if (nheads > VIOGPU_MAX_SCANOUTS)
        return VG_ERR_INVALID_ARG;
    for (uint32_t i = 0; i < n; i++) {
        const struct kmd_vidpn_path *p = &paths[i];
        if (p->source >= nheads || p->target >= nheads)
            return VG_ERR_INVALID_ARG;
        if (used & (1u << p->target))
            return VG_ERR_INVALID_ARG;
        used |= 1u << p->target;
        if (p->width == 0 && p->height == 0)
            continue; /* mode not pinned yet: any mode of the list will do */
        if (kmd_mode_find(&heads[p->target], p->width, p->height) < 0)
            return VG_ERR_NOT_FOUND;
        if (src_w[p->source] && (src_w[p->source] != p->width || src_h[p->source] != p->height))
            return VG_ERR_INVALID_ARG;
        src_w[p->source] = p->width;
        src_h[p->source] = p->height;
    }
    return 0;
}
