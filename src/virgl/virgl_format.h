/*
 * virgl_format.h — DXGI_FORMAT <-> virgl format table.  Freestanding.
 *
 * Use: virgl_format_from_dxgi() when the D3D runtime names a format,
 * virgl_format_to_dxgi() to go back (e.g. for the disassembler and for
 * reporting), virgl_format_info() for block size, and
 * virgl_format_dxgi_binds() to answer CheckFormatSupport from the caps.
 * Typeless DXGI formats map to the virgl format of their UNORM/UINT/FLOAT
 * member (the storage is what matters to the host); the flag
 * VIRGL_FMT_TYPELESS says so.  Formats the host cannot represent give
 * VIRGL_FORMAT_NONE.
 */
#ifndef VIRGL_FORMAT_H
#define VIRGL_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "virgl/virgl_caps.h"

#define VIRGL_FMT_DEPTH      (1u << 0)
#define VIRGL_FMT_STENCIL    (1u << 1)
#define VIRGL_FMT_SRGB       (1u << 2)
#define VIRGL_FMT_COMPRESSED (1u << 3)   /* 4x4 blocks */
#define VIRGL_FMT_TYPELESS   (1u << 4)
#define VIRGL_FMT_INTEGER    (1u << 5)   /* UINT/SINT: clear colour is int bits */
#define VIRGL_FMT_FLOAT      (1u << 6)
#define VIRGL_FMT_STAND_IN   (1u << 7)   /* host stand-in row; from_dxgi never returns it */

struct virgl_format_desc {
    uint32_t dxgi;            /* DXGI_FORMAT value */
    uint32_t virgl;           /* virgl_format */
    uint8_t block_bytes;      /* bytes per pixel, or per 4x4 block */
    uint8_t flags;            /* VIRGL_FMT_* */
    const char *name;         /* DXGI name without the DXGI_FORMAT_ prefix */
};

/* The row for a DXGI format, or NULL when the table has none. */
const struct virgl_format_desc *virgl_format_from_dxgi(uint32_t dxgi);
/* The first (typed) row with this virgl format, or NULL. */
const struct virgl_format_desc *virgl_format_info(uint32_t virgl_format);
/* DXGI value for a virgl format, 0 (DXGI_FORMAT_UNKNOWN) when none. */
uint32_t virgl_format_to_dxgi(uint32_t virgl_format);
/* Name of a virgl format (from the table, else NULL). */
const char *virgl_format_name(uint32_t virgl_format);
/* Bytes per row / per whole 2D level of width x height texels. */
uint32_t virgl_format_stride(uint32_t virgl_format, uint32_t width);
uint32_t virgl_format_level_size(uint32_t virgl_format, uint32_t width, uint32_t height);
/* The virgl format to create for a DXGI format on this host with these
 * binds: the table's, or a same-size stand-in the host does support
 * (virglrenderer on GL has S8_UINT_Z24_UNORM, the GL packing, but not
 * Z24_UNORM_S8_UINT, D3D's: the depth values are the same, only a CPU
 * view of the raw bits differs), or VIRGL_FORMAT_NONE. */
uint32_t virgl_format_for_host(const struct virgl_caps *caps, uint32_t dxgi, uint32_t bind);
/* Bind bits the host supports for a DXGI format (0 when unmapped), after
 * the stand-ins of virgl_format_for_host. */
uint32_t virgl_format_dxgi_binds(const struct virgl_caps *caps, uint32_t dxgi);
/* Table access for iteration (tests, CheckFormatSupport enumeration). */
uint32_t virgl_format_count(void);
const struct virgl_format_desc *virgl_format_at(uint32_t i);

#endif /* VIRGL_FORMAT_H */
