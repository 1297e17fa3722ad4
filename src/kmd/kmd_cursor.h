/*
 * kmd_cursor.h — pointer shape conversion for the hardware cursor
 * (portable, no OS).
 *
 * DxgkDdiSetPointerShape delivers one of three documented bitmap kinds
 * (DXGK_POINTERFLAGS): Monochrome (1 bpp AND mask of Width x Height rows
 * followed by a 1 bpp XOR mask of the same size), Color (32 bpp ARGB with
 * per-pixel alpha) or MaskedColor (32 bpp, alpha byte 0x00 = replace the
 * screen with RGB, 0xFF = XOR RGB into the screen).  virtio-gpu has one
 * cursor format: a 64x64 B8G8R8A8 image blended with straight alpha.
 * kmd_cursor_convert() writes that image (row-major, 64 pixels per row,
 * little-endian 0xAARRGGBB words), transparent outside Width x Height.
 *
 * What an alpha cursor cannot express is approximated, consistently:
 *   mono AND=1 XOR=0  transparent        mono AND=0 XOR=0  opaque black
 *   mono AND=0 XOR=1  opaque white       mono AND=1 XOR=1  (invert) opaque black
 *   masked 0x00       opaque RGB         masked 0xFF, RGB=0 transparent
 *   masked 0xFF, RGB!=0 (invert-ish) opaque RGB
 */
#ifndef KMD_CURSOR_H
#define KMD_CURSOR_H

#include <stdint.h>

#define KMD_CURSOR_DIM 64u

enum kmd_cursor_kind {
    KMD_CURSOR_MONO = 1,
    KMD_CURSOR_COLOR = 2,
    KMD_CURSOR_MASKED = 3,
};

struct kmd_cursor_shape {
    uint32_t kind;          /* KMD_CURSOR_* */
    uint32_t width, height; /* 1..64 */
    uint32_t pitch;         /* bytes per source row */
    const uint8_t *pixels;
    uint64_t pixels_len;    /* bytes readable at pixels */
};

/* Bytes the shape's bitmap occupies (0 on overflow / bad kind). */
uint64_t kmd_cursor_src_size(const struct kmd_cursor_shape *s);

/* 0, or VG_ERR_INVALID_ARG (bad kind, zero or > 64 size, pitch too small),
 * VG_ERR_OVERFLOW (bitmap longer than pixels_len), VG_ERR_UNSUPPORTED
 * (a masked-color alpha other than 0x00/0xFF). out is untouched on error. */
int kmd_cursor_convert(const struct kmd_cursor_shape *s, uint32_t out[KMD_CURSOR_DIM * KMD_CURSOR_DIM]);

#endif /* KMD_CURSOR_H */
