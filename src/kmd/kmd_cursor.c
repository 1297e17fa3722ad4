/*
 * kmd_cursor.c — see kmd_cursor.h.
 */
#include "kmd/kmd_cursor.h"
#include "base/vg_err.h"
#include "base/vg_util.h"

uint64_t kmd_cursor_src_size(const struct kmd_cursor_shape *s)
{
    uint64_t rows = s->height;
    if (s->kind == KMD_CURSOR_MONO)
        rows *= 2; /* AND mask then XOR mask */
    else if (s->kind != KMD_CURSOR_COLOR && s->kind != KMD_CURSOR_MASKED)
        return 0;
    return rows * s->pitch;
}

static uint32_t rd32le(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int validate(const struct kmd_cursor_shape *s)
{
    if (s->kind != KMD_CURSOR_MONO && s->kind != KMD_CURSOR_COLOR && s->kind != KMD_CURSOR_MASKED)
        return VG_ERR_INVALID_ARG;
    if (s->width == 0 || s->height == 0 || s->width > KMD_CURSOR_DIM || s->height > KMD_CURSOR_DIM)
        return VG_ERR_INVALID_ARG;
    uint64_t row = s->kind == KMD_CURSOR_MONO ? (s->width + 7u) / 8u : (uint64_t)s->width * 4u;
    if (s->pitch < row)
        return VG_ERR_INVALID_ARG;
    if (!s->pixels || kmd_cursor_src_size(s) > s->pixels_len)
        return VG_ERR_OVERFLOW;
    if (s->kind == KMD_CURSOR_MASKED) {
        for (uint32_t y = 0; y < s->height; y++)
            for (uint32_t x = 0; x < s->width; x++) {
                uint8_t a = s->pixels[(uint64_t)y * s->pitch + x * 4u + 3u];
                if (a != 0x00 && a != 0xff)
                    return VG_ERR_UNSUPPORTED;
            }
    }
    return 0;
}

int kmd_cursor_convert(const struct kmd_cursor_shape *s, uint32_t out[KMD_CURSOR_DIM * KMD_CURSOR_DIM])
{
    int rc = validate(s);
    if (rc)
        return rc;
    vg_memset(out, 0, KMD_CURSOR_DIM * KMD_CURSOR_DIM * sizeof(uint32_t));
    for (uint32_t y = 0; y < s->height; y++) {
        const uint8_t *row = s->pixels + (uint64_t)y * s->pitch;
        uint32_t *dst = out + y * KMD_CURSOR_DIM;
        for (uint32_t x = 0; x < s->width; x++) {
            uint32_t px;
            if (s->kind == KMD_CURSOR_MONO) {
                const uint8_t *xrow = s->pixels + ((uint64_t)s->height + y) * s->pitch;
                uint8_t bit = (uint8_t)(0x80u >> (x & 7u));
                bool and_ = (row[x / 8u] & bit) != 0;
                bool xor_ = (xrow[x / 8u] & bit) != 0;
                if (and_ && !xor_)
                    px = 0x00000000u;
                else if (!and_ && xor_)
                    px = 0xffffffffu;
                else
                    px = 0xff000000u; /* black, or invert approximated as black */
            } else if (s->kind == KMD_CURSOR_COLOR) {
                px = rd32le(row + x * 4u);
            } else {
                uint32_t v = rd32le(row + x * 4u);
                uint32_t rgb = v & 0x00ffffffu;
                if ((v >> 24) == 0x00)
                    px = 0xff000000u | rgb;
                else
                    px = rgb ? (0xff000000u | rgb) : 0u;
            }
            dst[x] = px;
        }
    }
    return 0;
}
