/*
 * pattern.h — test images the guest draws and the host recomputes.
 *
 * A screen is described to the host as layers "kind:arg:x:y:w:h" joined by
 * ';', later layers drawn over earlier ones, each evaluated at absolute
 * screen coordinates.  The host (run_guest.py, pattern_row) implements the
 * same formulas independently; a pixel-exact screendump therefore proves
 * the device showed exactly what the guest drew, at the right place.
 *   solid:RRGGBB   one colour
 *   mix:SEED       R = x + 37*SEED, G = y + 71*SEED,
 *                  B = (x>>2) ^ (y>>2) ^ (13*SEED)       (all mod 256)
 *   mixo:SEED/DX/DY  mix evaluated at (x+DX, y+DY): what a scanout shows
 *                  when it displays a sub-rectangle of its resource
 * The mix pattern changes along both axes with periods that catch shifted,
 * transposed or swapped-channel output.  Pixels are B8G8R8X8 in memory.
 */
#ifndef GUEST_PATTERN_H
#define GUEST_PATTERN_H

#include "kernel.h"

static inline uint32_t pattern_mix(uint32_t x, uint32_t y, uint32_t seed)
{
    uint32_t r = (x + seed * 37) & 255, g = (y + seed * 71) & 255;
    uint32_t b = ((x >> 2) ^ (y >> 2) ^ (seed * 13)) & 255;
    return 0xFF000000u | r << 16 | g << 8 | b; /* B,G,R,X bytes in memory */
}

/* Draws `seed`'s mix pattern into the rectangle of a B8G8R8X8 image. */
static inline void pattern_fill_mix(uint32_t *fb, uint32_t stride_px, uint32_t seed, uint32_t x0, uint32_t y0,
                                    uint32_t w, uint32_t h)
{
    for (uint32_t y = y0; y < y0 + h; y++)
        for (uint32_t x = x0; x < x0 + w; x++)
            fb[(uint64_t)y * stride_px + x] = pattern_mix(x, y, seed);
}

static inline void pattern_fill_solid(uint32_t *fb, uint32_t stride_px, uint32_t rgb, uint32_t x0, uint32_t y0,
                                      uint32_t w, uint32_t h)
{
    for (uint32_t y = y0; y < y0 + h; y++)
        for (uint32_t x = x0; x < x0 + w; x++)
            fb[(uint64_t)y * stride_px + x] = 0xFF000000u | rgb;
}

#endif
