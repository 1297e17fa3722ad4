/*
 * abi.h — the private, versioned ABI between viogpu_d3d10.dll (UMD) and
 * viogpu3d.sys (KMD).  Depends only on <stdint.h>.
 *
 * Every structure here crosses the user/kernel boundary through dxgkrnl,
 * which copies it into kernel memory: a 32-bit UMD under WOW64 talks to the
 * 64-bit KMD, so layouts are fixed (no pointers, no size_t, no long, no
 * enums, explicit padding) and asserted at the end of this file; the
 * kmd-layout suite compiles it with both MinGW compilers and natively.
 *
 * How it is used:
 *  - KMTQAITYPE_UMDRIVERPRIVATE (pfnQueryAdapterInfoCb) returns a
 *    struct viogpu_umd_private: the adapter info, then the virgl capset the
 *    KMD fetched at StartDevice (VIRGL2 if offered, else VIRGL).  The KMD
 *    fails a buffer smaller than the adapter info (STATUS_BUFFER_TOO_SMALL)
 *    and fills only the adapter info into a buffer smaller than the whole
 *    struct.  The UMD checks magic and abi_version before anything else,
 *    then capset_size against VIOGPU_CAPSET_MAX.
 *  - Allocation private data (pfnAllocateCb -> DxgkDdiCreateAllocation) is
 *    a struct viogpu_alloc_priv: the UMD fills the "in" half, the KMD
 *    validates it, creates the host resource and fills the "out" half.
 *  - DxgkDdiEscape takes a buffer that starts with struct viogpu_escape_hdr;
 *    `code` selects the payload that follows, `size` is the whole buffer
 *    and must equal the size documented for (code, version).  The KMD
 *    writes `status` (VIOGPU_ESC_OK or a VIOGPU_ESC_E* code) and answers in
 *    place.  Unknown codes/versions/sizes are rejected, never guessed.
 *  - A shared resource or a primary also carries resource-level private
 *    data (D3DDDICB_ALLOCATE.pPrivateDriverData -> DxgkDdiCreateAllocation,
 *    kept by dxgkrnl with the kernel resource): a struct
 *    viogpu_resource_priv.  Another device's OpenResource receives it back
 *    with each allocation's viogpu_alloc_priv and rebuilds the resource
 *    from both; the two must agree or the open fails.
 *  - pfnRenderCb -> DxgkDdiRender carries a struct viogpu_cmdbuf_hdr and
 *    virgl dwords whose resources are allocation-list indices (below).
 * A change to any layout bumps VIOGPU_ABI_VERSION.
 */
#ifndef VIOGPU_ABI_H
#define VIOGPU_ABI_H

#include <stdint.h>

#define VIOGPU_ABI_MAGIC 0x55504756u /* "VGPU" little-endian */
#define VIOGPU_ABI_VERSION 4u /* 2: viogpu_umd_private, 3: viogpu_cmdbuf_hdr, 4: viogpu_resource_priv */
#define VIOGPU_MAX_SCANOUTS 16u

/* ---- adapter info (KMTQAITYPE_UMDRIVERPRIVATE) ------------------------ */

#define VIOGPU_ADAPTER_FLAG_VIRGL (1u << 0)    /* device offers VIRTIO_GPU_F_VIRGL */
#define VIOGPU_ADAPTER_FLAG_EDID (1u << 1)     /* VIRTIO_GPU_F_EDID */
#define VIOGPU_ADAPTER_FLAG_3D_NODE (1u << 2)  /* KMD advertises a 3D node */
#define VIOGPU_ADAPTER_FLAG_BLOB (1u << 3)     /* VIRTIO_GPU_F_RESOURCE_BLOB */

struct viogpu_adapter_info {
    uint32_t magic;          /* VIOGPU_ABI_MAGIC */
    uint32_t abi_version;    /* VIOGPU_ABI_VERSION */
    uint32_t size;           /* sizeof(struct viogpu_adapter_info) */
    uint32_t flags;          /* VIOGPU_ADAPTER_FLAG_* */
    uint32_t num_scanouts;   /* 1..VIOGPU_MAX_SCANOUTS */
    uint32_t num_capsets;    /* from the device config */
    uint32_t max_width;      /* largest mode the KMD accepts */
    uint32_t max_height;
    uint32_t kmd_version;    /* (major << 16) | minor of the KMD build */
    uint32_t reserved0;
    uint64_t aperture_size;  /* bytes of the aperture segment */
    uint32_t reserved[8];
};

/* What KMTQAITYPE_UMDRIVERPRIVATE answers.  The capset is the host's
 * virgl caps blob (struct virgl_caps_v1/v2 of virglrenderer) exactly as
 * GET_CAPSET returned it; capset_size 0 means the device has no virgl (or
 * the fetch failed), and the UMD refuses to open. */
#define VIOGPU_CAPSET_MAX 4096u

struct viogpu_umd_private {
    struct viogpu_adapter_info info;
    uint32_t capset_id;      /* VIRTIO_GPU_CAPSET_VIRGL2 or _VIRGL, 0 if none */
    uint32_t capset_version; /* version passed to GET_CAPSET */
    uint32_t capset_size;    /* bytes valid in capset[], <= VIOGPU_CAPSET_MAX */
    uint32_t reserved;
    uint8_t capset[VIOGPU_CAPSET_MAX];
};

/* ---- allocation private data ------------------------------------------- */

enum {
    VIOGPU_ALLOC_KIND_PRIMARY = 1,  /* shared primary (scan-out) */
    VIOGPU_ALLOC_KIND_SHADOW = 2,   /* GDI shadow surface */
    VIOGPU_ALLOC_KIND_STAGING = 3,  /* CPU staging surface */
    VIOGPU_ALLOC_KIND_GDI = 4,      /* GDI surface */
    VIOGPU_ALLOC_KIND_RESOURCE = 5, /* D3D resource created by the UMD (3D) */
};

struct viogpu_alloc_priv {
    uint32_t abi_version;    /* VIOGPU_ABI_VERSION */
    uint32_t size;           /* sizeof(struct viogpu_alloc_priv) */
    uint32_t kind;           /* VIOGPU_ALLOC_KIND_* */
    uint32_t flags;          /* reserved, 0 */
    /* in: resource description (virgl terms for KIND_RESOURCE) */
    uint32_t width;
    uint32_t height;
    uint32_t depth;
    uint32_t array_size;
    uint32_t last_level;
    uint32_t nr_samples;
    uint32_t format;         /* virtio-gpu format (2D) or virgl format (3D) */
    uint32_t bind;           /* virgl bind flags (3D) */
    uint32_t target;         /* pipe texture target (3D) */
    uint32_t vidpn_source;   /* KIND_PRIMARY: source id */
    /* out: filled by the KMD */
    uint32_t res_id;         /* host resource id, 0 until created */
    uint32_t pitch;          /* bytes per row of the backing */
    uint64_t backing_size;   /* bytes of guest backing */
    uint32_t reserved[4];
};

/* ---- resource-level private data (shared resources, primaries) --------- */

#define VIOGPU_RESOURCE_FLAG_SHARED (1u << 0)  /* D3D10_DDI_RESOURCE_MISC_SHARED */
#define VIOGPU_RESOURCE_FLAG_PRIMARY (1u << 1) /* created with a DXGI_DDI_PRIMARY_DESC */

/* The D3D description of the resource (D3D10DDIARG_CREATERESOURCE terms),
 * what an opening device needs beyond the virgl terms of the allocation. */
struct viogpu_resource_priv {
    uint32_t abi_version;     /* VIOGPU_ABI_VERSION */
    uint32_t size;            /* sizeof(struct viogpu_resource_priv) */
    uint32_t flags;           /* VIOGPU_RESOURCE_FLAG_* */
    uint32_t num_allocations; /* allocations of the resource (1) */
    uint32_t dimension;       /* D3D10DDIRESOURCE_TYPE */
    uint32_t dxgi_format;     /* DXGI_FORMAT */
    uint32_t width;
    uint32_t height;
    uint32_t depth;
    uint32_t mip_levels;
    uint32_t array_size;
    uint32_t sample_count;
    uint32_t bind_flags;      /* D3D10_DDI_BIND_* */
    uint32_t misc_flags;      /* D3D10_DDI_RESOURCE_MISC_* */
    uint32_t usage;           /* D3D10_DDI_RESOURCE_USAGE */
    uint32_t map_flags;       /* D3D10_DDI_CPU_ACCESS_* */
    uint32_t vidpn_source;    /* primaries: DXGI_DDI_PRIMARY_DESC.VidPnSourceId */
    uint32_t reserved[3];     /* 0 */
};

/* ---- escapes ------------------------------------------------------------ */

enum {
    VIOGPU_ESC_GET_INFO = 1,         /* payload: struct viogpu_adapter_info (out) */
    VIOGPU_ESC_GET_DISPLAY_INFO = 2, /* payload: struct viogpu_esc_display_info (out) */
    VIOGPU_ESC_SET_CUSTOM_MODE = 3,  /* payload: struct viogpu_esc_custom_mode (in) */
};

/* Escape status values (viogpu_escape_hdr.status). */
enum {
    VIOGPU_ESC_OK = 0,
    VIOGPU_ESC_EBADSIZE = -1,   /* size does not match (code, version) */
    VIOGPU_ESC_EBADCODE = -2,   /* unknown code */
    VIOGPU_ESC_EBADVERSION = -3,/* unknown version for that code */
    VIOGPU_ESC_EINVAL = -4,     /* payload field out of range */
    VIOGPU_ESC_ENODEV = -5,     /* adapter not active */
};

struct viogpu_escape_hdr {
    uint32_t code;     /* VIOGPU_ESC_* */
    uint32_t version;  /* payload version, 1 today */
    uint32_t size;     /* whole buffer: header + payload */
    int32_t status;    /* out */
};

struct viogpu_esc_scanout {
    uint32_t enabled;  /* host reports the output as connected */
    uint32_t width;    /* host preferred size */
    uint32_t height;
    uint32_t x;        /* host position */
    uint32_t y;
    uint32_t active_width;  /* mode committed by the KMD, 0 if none */
    uint32_t active_height;
    uint32_t reserved;
};

struct viogpu_esc_display_info {
    struct viogpu_escape_hdr hdr;
    uint32_t num_scanouts;
    uint32_t reserved;
    struct viogpu_esc_scanout scanout[VIOGPU_MAX_SCANOUTS];
};

struct viogpu_esc_custom_mode {
    struct viogpu_escape_hdr hdr;
    uint32_t scanout;  /* < num_scanouts */
    uint32_t width;    /* 640..max_width */
    uint32_t height;   /* 480..max_height */
    uint32_t reserved;
};

struct viogpu_esc_get_info {
    struct viogpu_escape_hdr hdr;
    struct viogpu_adapter_info info;
};

/* ---- 3D command buffer (pfnRenderCb -> DxgkDdiRender) ------------------ */

/*
 * What the UMD writes into the runtime's command buffer, from
 * CommandOffset 0 to CommandLength:
 *     struct viogpu_cmdbuf_hdr, then hdr.num_dwords virgl dwords
 * (VIRGL_CMD0 header + payload each, see viogpu/virgl_protocol.h).
 * CommandLength must equal hdr_size + 4 * num_dwords exactly.
 *
 * Resources are never named by host id: every virgl dword that carries a
 * resource handle (the "resource slots" the validator knows per command)
 * holds VIOGPU_CMDBUF_REF(i), i being an index into the allocation list
 * passed with the same pfnRenderCb (D3DDDI_ALLOCATIONLIST; WriteOperation
 * set for resources the GPU writes), or 0 for "no resource" (unbind).  The
 * KMD resolves entry i to an allocation it created for the submitting
 * device, and the shared validator (src/cmdbuf, vcb_) replaces the slot
 * with that allocation's host resource id; an index outside the list or an
 * allocation of another device fails the whole buffer, and so does a use
 * the allocation does not allow: a slot the GPU writes (render target,
 * stream output, query result, copy/blit destination, transfer, clear)
 * from an entry without WriteOperation, or a level, layer, box, element
 * range or transfer backing range outside the allocation as it was
 * created (the validator's table is in src/cmdbuf/vcb.c).  The KMD also owns
 * the virgl sub-context, so the sub-context commands, resource creation
 * and debug commands are forbidden in the stream.
 * A change here bumps VIOGPU_CMDBUF_VERSION (and VIOGPU_ABI_VERSION).
 */
#define VIOGPU_CMDBUF_MAGIC 0x31424356u /* "VCB1" little-endian */
#define VIOGPU_CMDBUF_VERSION 1u
#define VIOGPU_CMDBUF_REF(index) ((uint32_t)(index) + 1u)
/* Upper bound on the virgl dwords of one buffer (64 MiB): keeps every size
 * computation of the validator far from 32-bit overflow. */
#define VIOGPU_CMDBUF_MAX_DWORDS (16u << 20)

struct viogpu_cmdbuf_hdr {
    uint32_t magic;      /* VIOGPU_CMDBUF_MAGIC */
    uint32_t version;    /* VIOGPU_CMDBUF_VERSION */
    uint32_t hdr_size;   /* sizeof(struct viogpu_cmdbuf_hdr) */
    uint32_t num_dwords; /* virgl dwords that follow the header */
};

/* ---- layout checks: identical on i686, x86-64 (LLP64) and LP64 -------- */
#define VIOGPU_ABI_OFF(t, m) __builtin_offsetof(t, m)
_Static_assert(sizeof(struct viogpu_adapter_info) == 80, "viogpu_adapter_info");
_Static_assert(VIOGPU_ABI_OFF(struct viogpu_adapter_info, aperture_size) == 40, "adapter_info.aperture_size");
_Static_assert(sizeof(struct viogpu_umd_private) == 96 + VIOGPU_CAPSET_MAX, "viogpu_umd_private");
_Static_assert(VIOGPU_ABI_OFF(struct viogpu_umd_private, capset_id) == 80, "umd_private.capset_id");
_Static_assert(VIOGPU_ABI_OFF(struct viogpu_umd_private, capset) == 96, "umd_private.capset");
_Static_assert(sizeof(struct viogpu_alloc_priv) == 88, "viogpu_alloc_priv");
_Static_assert(VIOGPU_ABI_OFF(struct viogpu_alloc_priv, res_id) == 56, "alloc_priv.res_id");
_Static_assert(VIOGPU_ABI_OFF(struct viogpu_alloc_priv, backing_size) == 64, "alloc_priv.backing_size");
_Static_assert(sizeof(struct viogpu_resource_priv) == 80, "viogpu_resource_priv");
_Static_assert(VIOGPU_ABI_OFF(struct viogpu_resource_priv, vidpn_source) == 64, "resource_priv.vidpn_source");
_Static_assert(sizeof(struct viogpu_escape_hdr) == 16, "viogpu_escape_hdr");
_Static_assert(sizeof(struct viogpu_esc_scanout) == 32, "viogpu_esc_scanout");
_Static_assert(sizeof(struct viogpu_esc_display_info) == 24 + 32 * VIOGPU_MAX_SCANOUTS, "viogpu_esc_display_info");
_Static_assert(sizeof(struct viogpu_esc_custom_mode) == 32, "viogpu_esc_custom_mode");
_Static_assert(sizeof(struct viogpu_esc_get_info) == 96, "viogpu_esc_get_info");
_Static_assert(sizeof(struct viogpu_cmdbuf_hdr) == 16, "viogpu_cmdbuf_hdr");
_Static_assert(_Alignof(struct viogpu_adapter_info) == 8 || _Alignof(struct viogpu_adapter_info) == 4,
               "uint64_t members are placed on 8-byte offsets so i686 (align 4) and x64 agree");
#undef VIOGPU_ABI_OFF

#endif /* VIOGPU_ABI_H */
