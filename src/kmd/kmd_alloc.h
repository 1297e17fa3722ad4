/*
 * kmd_alloc.h — allocation descriptions (portable, no OS).
 *
 * Every allocation the KMD creates is described by a struct
 * viogpu_alloc_priv (include/viogpu/abi.h):
 *  - for the standard allocations dxgkrnl asks for (shared primary,
 *    shadow, staging, GDI surfaces) DxgkDdiGetStandardAllocationDriverData
 *    calls kmd_alloc_standard() to fill it;
 *  - for UMD allocations it arrives from user mode through
 *    DxgkDdiCreateAllocation and is checked by kmd_alloc_validate() before
 *    any field is used.
 * Both produce a struct kmd_alloc_desc: the host resource to create and the
 * size/pitch of the guest backing.  Only 32 bpp 2D surfaces exist until the
 * 3D issue: KIND_RESOURCE is answered VG_ERR_UNSUPPORTED, never accepted.
 */
#ifndef KMD_ALLOC_H
#define KMD_ALLOC_H

#include <stdint.h>
#include "viogpu/abi.h"

/* D3DDDIFORMAT values the KMD accepts (d3dukmdt.h; checked there). */
#define KMD_D3DFMT_A8R8G8B8 21u
#define KMD_D3DFMT_X8R8G8B8 22u

#define KMD_MAX_SURFACE_DIM 16384u

/* Standard allocation kinds, same values as D3DKMDT_STANDARDALLOCATION_TYPE. */
#define KMD_STD_SHAREDPRIMARY 1u
#define KMD_STD_SHADOW 2u
#define KMD_STD_STAGING 3u
#define KMD_STD_GDI 4u

struct kmd_alloc_desc {
    uint32_t kind;          /* VIOGPU_ALLOC_KIND_* */
    uint32_t width, height;
    uint32_t virtio_format; /* VIRTIO_GPU_FORMAT_* */
    uint32_t pitch;         /* bytes per row of the backing */
    uint64_t size;          /* bytes of backing, page aligned */
    uint32_t vidpn_source;  /* primaries only */
};

/* D3DDDIFORMAT -> VIRTIO_GPU_FORMAT_*, 0 when not scan-out capable. */
uint32_t kmd_alloc_virtio_format(uint32_t d3dfmt);

/* Fills *out for a standard allocation.  pitch_hint 0 = compute.
 * 0, VG_ERR_INVALID_ARG (size/format) or VG_ERR_UNSUPPORTED (type). */
int kmd_alloc_standard(uint32_t std_type, uint32_t width, uint32_t height, uint32_t d3dfmt,
                       uint32_t pitch_hint, uint32_t vidpn_source, struct viogpu_alloc_priv *out);

/* Validates private data of `size` bytes and derives the description.
 * 0, VG_ERR_INVALID_ARG (size, version, reserved fields, dimensions),
 * VG_ERR_OVERFLOW (pitch*height), VG_ERR_UNSUPPORTED (3D resource kind,
 * format not 32 bpp). */
int kmd_alloc_validate(const void *priv, uint32_t size, struct kmd_alloc_desc *out);

#endif /* KMD_ALLOC_H */
