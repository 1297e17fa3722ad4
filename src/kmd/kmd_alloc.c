/*
 * kmd_alloc.c — see kmd_alloc.h.
 */
#include "kmd/kmd_alloc.h"
#include "kmd/kmd_modes.h"
#include "base/vg_err.h"
#include "base/vg_util.h"
#include "viogpu/virtio_gpu.h"

uint32_t kmd_alloc_virtio_format(uint32_t d3dfmt)
{
    /* D3DFMT_A8R8G8B8 is B,G,R,A in memory, i.e. virtio B8G8R8A8. */
    switch (d3dfmt) {
    case KMD_D3DFMT_A8R8G8B8:
        return VIRTIO_GPU_FORMAT_B8G8R8A8_UNORM;
    case KMD_D3DFMT_X8R8G8B8:
        return VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM;
    default:
        return 0;
    }
}

static uint32_t std_kind(uint32_t std_type)
{
    switch (std_type) {
    case KMD_STD_SHAREDPRIMARY:
        return VIOGPU_ALLOC_KIND_PRIMARY;
    case KMD_STD_SHADOW:
        return VIOGPU_ALLOC_KIND_SHADOW;
    case KMD_STD_STAGING:
        return VIOGPU_ALLOC_KIND_STAGING;
    case KMD_STD_GDI:
        return VIOGPU_ALLOC_KIND_GDI;
    default:
        return 0;
    }
}

int kmd_alloc_standard(uint32_t std_type, uint32_t width, uint32_t height, uint32_t d3dfmt,
                       uint32_t pitch_hint, uint32_t vidpn_source, struct viogpu_alloc_priv *out)
{
    uint32_t kind = std_kind(std_type);
    if (!kind)
        return VG_ERR_UNSUPPORTED;
    /* Staging surfaces carry no format: they are always 32 bpp. */
    if (std_type == KMD_STD_STAGING)
        d3dfmt = KMD_D3DFMT_A8R8G8B8;
    uint32_t vf = kmd_alloc_virtio_format(d3dfmt);
    if (!vf || width == 0 || height == 0 || width > KMD_MAX_SURFACE_DIM || height > KMD_MAX_SURFACE_DIM)
        return VG_ERR_INVALID_ARG;
    uint32_t pitch = kmd_mode_pitch(width);
    if (pitch_hint) {
        if (pitch_hint < width * 4u)
            return VG_ERR_INVALID_ARG;
        pitch = pitch_hint;
    }
    vg_memset(out, 0, sizeof(*out));
    out->abi_version = VIOGPU_ABI_VERSION;
    out->size = sizeof(*out);
    out->kind = kind;
    out->width = width;
    out->height = height;
    out->depth = 1;
    out->array_size = 1;
    out->nr_samples = 0;
    out->format = vf;
    out->vidpn_source = kind == VIOGPU_ALLOC_KIND_PRIMARY ? vidpn_source : 0;
    out->pitch = pitch;
    out->backing_size = ((uint64_t)pitch * height + 4095u) & ~(uint64_t)4095u;
    return 0;
}

int kmd_alloc_validate(const void *priv, uint32_t size, struct kmd_alloc_desc *out)
{
    struct viogpu_alloc_priv p;
    if (!priv || size != sizeof(p))
        return VG_ERR_INVALID_ARG;
    vg_memcpy(&p, priv, sizeof(p)); /* read once: the copy is what we check */
    if (p.abi_version != VIOGPU_ABI_VERSION || p.size != sizeof(p) || p.flags != 0)
        return VG_ERR_INVALID_ARG;
    for (uint32_t i = 0; i < VG_ARRAY_SIZE(p.reserved); i++)
        if (p.reserved[i])
            return VG_ERR_INVALID_ARG;
    if (p.kind == VIOGPU_ALLOC_KIND_RESOURCE)
        return VG_ERR_UNSUPPORTED; /* 3D resources come with the 3D issue */
    if (p.kind < VIOGPU_ALLOC_KIND_PRIMARY || p.kind > VIOGPU_ALLOC_KIND_GDI)
        return VG_ERR_INVALID_ARG;
    if (p.width == 0 || p.height == 0 || p.width > KMD_MAX_SURFACE_DIM || p.height > KMD_MAX_SURFACE_DIM ||
        p.depth != 1 || p.array_size != 1 || p.last_level != 0 || p.nr_samples > 1)
        return VG_ERR_INVALID_ARG;
    if (p.format != VIRTIO_GPU_FORMAT_B8G8R8A8_UNORM && p.format != VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM)
        return VG_ERR_UNSUPPORTED;
    if (p.kind == VIOGPU_ALLOC_KIND_PRIMARY && p.vidpn_source >= VIOGPU_MAX_SCANOUTS)
        return VG_ERR_INVALID_ARG;
    uint64_t min_pitch = (uint64_t)p.width * 4u;
    uint32_t pitch = p.pitch ? p.pitch : kmd_mode_pitch(p.width);
    if (pitch < min_pitch || pitch > 4u * KMD_MAX_SURFACE_DIM + 4096u)
        return VG_ERR_INVALID_ARG;
    uint64_t bytes = (uint64_t)pitch * p.height;
    if (bytes > (1ull << 32))
        return VG_ERR_OVERFLOW;
    out->kind = p.kind;
    out->width = p.width;
    out->height = p.height;
    out->virtio_format = p.format;
    out->pitch = pitch;
    out->size = (bytes + 4095u) & ~(uint64_t)4095u;
    out->vidpn_source = p.vidpn_source;
    return 0;
}
