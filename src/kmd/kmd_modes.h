/*
 * kmd_modes.h — display mode lists and the VidPN mode choice (portable).
 *
 * For each head (scanout, up to VIOGPU_MAX_SCANOUTS = 16) the KMD builds a
 * mode list from what the device reports: the host's preferred size
 * (GET_DISPLAY_INFO), the EDID modes (GET_EDID, parsed by src/gpu/edid.c),
 * an optional custom mode set through the escape, and a fixed list of
 * common sizes; everything is clamped to the adapter maximum and
 * deduplicated by size, preferred mode first, then larger areas first.
 * The VidPN DDIs use these lists: RecommendFunctionalVidPn and
 * RecommendMonitorModes take kmd_vidpn_recommend()'s choice (identity
 * topology, source i -> target i, each connected head at its preferred
 * mode), IsSupportedVidPn / CommitVidPn check every requested mode with
 * kmd_mode_find().
 */
#ifndef KMD_MODES_H
#define KMD_MODES_H

#include <stdbool.h>
#include <stdint.h>
#include "gpu/vgpu.h"
#include "viogpu/abi.h"

#define KMD_MAX_MODES 48u
#define KMD_MIN_WIDTH 640u
#define KMD_MIN_HEIGHT 480u
#define KMD_DEFAULT_WIDTH 1024u
#define KMD_DEFAULT_HEIGHT 768u

#define KMD_MODE_PREFERRED 0x1u
#define KMD_MODE_HOST 0x2u      /* host's GET_DISPLAY_INFO size */
#define KMD_MODE_EDID 0x4u      /* listed in the EDID */
#define KMD_MODE_CUSTOM 0x8u    /* set through VIOGPU_ESC_SET_CUSTOM_MODE */
#define KMD_MODE_FALLBACK 0x10u /* from the built-in list */

struct kmd_mode {
    uint32_t width, height;
    uint32_t refresh_mhz; /* 60000 unless the EDID says otherwise */
    uint32_t flags;       /* KMD_MODE_* */
};

struct kmd_head_modes {
    bool connected;
    uint32_t n;
    struct kmd_mode m[KMD_MAX_MODES]; /* m[0] is the preferred mode when n > 0 */
};

/* Builds the list for one head.  `custom_w/h` 0 = none.  Never fails: a
 * disconnected head still gets the fallback list (Windows may force it on). */
void kmd_modes_build(const struct vgpu_display *d, uint32_t custom_w, uint32_t custom_h,
                     uint32_t max_w, uint32_t max_h, struct kmd_head_modes *out);

/* Index of the mode with exactly this size, or VG_ERR_NOT_FOUND. */
int kmd_mode_find(const struct kmd_head_modes *h, uint32_t width, uint32_t height);

/* Custom mode bounds check: 0 or VG_ERR_INVALID_ARG. */
int kmd_mode_check_custom(uint32_t width, uint32_t height, uint32_t max_w, uint32_t max_h);

/* Bytes per row of a 32 bpp surface, 64-byte aligned (0 on overflow). */
uint32_t kmd_mode_pitch(uint32_t width);

struct kmd_vidpn_path {
    uint32_t source, target;
    uint32_t width, height;
};

/* Identity topology over the connected heads, each at its preferred mode;
 * when no head is connected, head 0 at its preferred mode (Windows needs
 * one functional path).  Returns the number of paths written. */
uint32_t kmd_vidpn_recommend(const struct kmd_head_modes *heads, uint32_t nheads,
                             struct kmd_vidpn_path *out, uint32_t cap);

/* Validates a requested topology: sources and targets < nheads, each
 * target used once, each mode in its head's list (sources may be cloned:
 * one source driving several targets must use one size).  0 or
 * VG_ERR_INVALID_ARG / VG_ERR_NOT_FOUND. */
int kmd_vidpn_check(const struct kmd_head_modes *heads, uint32_t nheads,
                    const struct kmd_vidpn_path *paths, uint32_t n);

#endif /* KMD_MODES_H */
