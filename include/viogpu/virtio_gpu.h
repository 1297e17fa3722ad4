/*
 * virtio_gpu.h — the virtio-gpu device protocol (virtio 1.2, section 5.7),
 * exactly as it travels on the control and cursor virtqueues.
 *
 * Usage: fill one of the request structs below (all fields little-endian;
 * every target we build for is little-endian, and src/gpu converts with
 * vg_cpu_to_le*() at the point where it writes the wire anyway), put it in
 * DMA memory, chain a response buffer of the matching virtio_gpu_resp_*
 * type after it, and hand both to the control queue.  Cursor-queue requests
 * (UPDATE_CURSOR/MOVE_CURSOR) carry no response buffer.
 *
 * This header depends on <stdint.h> only and holds no driver state.  Every
 * struct has its size asserted so that LP64, LLP64 and ILP32 builds agree.
 */
#ifndef VIOGPU_VIRTIO_GPU_H
#define VIOGPU_VIRTIO_GPU_H

#include <stdint.h>

/* ---- PCI identity ---------------------------------------------------- */
#define VIRTIO_PCI_VENDOR_ID        0x1af4u
#define VIRTIO_GPU_PCI_DEVICE_ID    0x1050u /* 0x1040 + device type 16 */
#define VIRTIO_ID_GPU               16u

/* ---- queues ---------------------------------------------------------- */
#define VIRTIO_GPU_QUEUE_CONTROL    0u
#define VIRTIO_GPU_QUEUE_CURSOR     1u

/* ---- feature bits (device specific, low 24) -------------------------- */
#define VIRTIO_GPU_F_VIRGL          0  /* 3D: virgl commands and capsets */
#define VIRTIO_GPU_F_EDID           1  /* GET_EDID */
#define VIRTIO_GPU_F_RESOURCE_UUID  2  /* RESOURCE_ASSIGN_UUID */
#define VIRTIO_GPU_F_RESOURCE_BLOB  3  /* blob resources */
#define VIRTIO_GPU_F_CONTEXT_INIT   4  /* CTX_CREATE context_init, ring_idx */

/* ---- device configuration layout (virtio device cfg capability) ------ */
#define VIRTIO_GPU_EVENT_DISPLAY    (1u << 0)

struct virtio_gpu_config {
    uint32_t events_read;  /* RO: pending events */
    uint32_t events_clear; /* WO: write 1s to acknowledge */
    uint32_t num_scanouts; /* 1..16 */
    uint32_t num_capsets;
};
#define VIRTIO_GPU_CONFIG_EVENTS_READ   0u
#define VIRTIO_GPU_CONFIG_EVENTS_CLEAR  4u
#define VIRTIO_GPU_CONFIG_NUM_SCANOUTS  8u
#define VIRTIO_GPU_CONFIG_NUM_CAPSETS   12u

/* ---- shared memory region ids ---------------------------------------- */
#define VIRTIO_GPU_SHM_ID_UNDEFINED     0u
#define VIRTIO_GPU_SHM_ID_HOST_VISIBLE  1u

/* ---- command and response types -------------------------------------- */
enum virtio_gpu_ctrl_type {
    /* 2d commands */
    VIRTIO_GPU_CMD_GET_DISPLAY_INFO = 0x0100,
    VIRTIO_GPU_CMD_RESOURCE_CREATE_2D,
    VIRTIO_GPU_CMD_RESOURCE_UNREF,
    VIRTIO_GPU_CMD_SET_SCANOUT,
    VIRTIO_GPU_CMD_RESOURCE_FLUSH,
    VIRTIO_GPU_CMD_TRANSFER_TO_HOST_2D,
    VIRTIO_GPU_CMD_RESOURCE_ATTACH_BACKING,
    VIRTIO_GPU_CMD_RESOURCE_DETACH_BACKING,
    VIRTIO_GPU_CMD_GET_CAPSET_INFO,
    VIRTIO_GPU_CMD_GET_CAPSET,
    VIRTIO_GPU_CMD_GET_EDID,
    VIRTIO_GPU_CMD_RESOURCE_ASSIGN_UUID,
    VIRTIO_GPU_CMD_RESOURCE_CREATE_BLOB,
    VIRTIO_GPU_CMD_SET_SCANOUT_BLOB,

    /* 3d commands */
    VIRTIO_GPU_CMD_CTX_CREATE = 0x0200,
    VIRTIO_GPU_CMD_CTX_DESTROY,
    VIRTIO_GPU_CMD_CTX_ATTACH_RESOURCE,
    VIRTIO_GPU_CMD_CTX_DETACH_RESOURCE,
    VIRTIO_GPU_CMD_RESOURCE_CREATE_3D,
    VIRTIO_GPU_CMD_TRANSFER_TO_HOST_3D,
    VIRTIO_GPU_CMD_TRANSFER_FROM_HOST_3D,
    VIRTIO_GPU_CMD_SUBMIT_3D,
    VIRTIO_GPU_CMD_RESOURCE_MAP_BLOB,
    VIRTIO_GPU_CMD_RESOURCE_UNMAP_BLOB,

    /* cursor commands */
    VIRTIO_GPU_CMD_UPDATE_CURSOR = 0x0300,
    VIRTIO_GPU_CMD_MOVE_CURSOR,

    /* success responses */
    VIRTIO_GPU_RESP_OK_NODATA = 0x1100,
    VIRTIO_GPU_RESP_OK_DISPLAY_INFO,
    VIRTIO_GPU_RESP_OK_CAPSET_INFO,
    VIRTIO_GPU_RESP_OK_CAPSET,
    VIRTIO_GPU_RESP_OK_EDID,
    VIRTIO_GPU_RESP_OK_RESOURCE_UUID,
    VIRTIO_GPU_RESP_OK_MAP_INFO,

    /* error responses */
    VIRTIO_GPU_RESP_ERR_UNSPEC = 0x1200,
    VIRTIO_GPU_RESP_ERR_OUT_OF_MEMORY,
    VIRTIO_GPU_RESP_ERR_INVALID_SCANOUT_ID,
    VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID,
    VIRTIO_GPU_RESP_ERR_INVALID_CONTEXT_ID,
    VIRTIO_GPU_RESP_ERR_INVALID_PARAMETER,
};

/* ctrl_hdr.flags */
#define VIRTIO_GPU_FLAG_FENCE         (1u << 0)
#define VIRTIO_GPU_FLAG_INFO_RING_IDX (1u << 1) /* needs F_CONTEXT_INIT */

struct virtio_gpu_ctrl_hdr {
    uint32_t type;
    uint32_t flags;
    uint64_t fence_id;
    uint32_t ctx_id;
    uint8_t ring_idx;
    uint8_t padding[3];
};

#define VIRTIO_GPU_MAX_SCANOUTS 16

struct virtio_gpu_rect {
    uint32_t x;
    uint32_t y;
    uint32_t width;
    uint32_t height;
};

/* VIRTIO_GPU_CMD_GET_DISPLAY_INFO: request is a bare ctrl_hdr. */
struct virtio_gpu_display_one {
    struct virtio_gpu_rect r;
    uint32_t enabled;
    uint32_t flags;
};
struct virtio_gpu_resp_display_info {
    struct virtio_gpu_ctrl_hdr hdr;
    struct virtio_gpu_display_one pmodes[VIRTIO_GPU_MAX_SCANOUTS];
};

/* VIRTIO_GPU_CMD_GET_EDID */
struct virtio_gpu_cmd_get_edid {
    struct virtio_gpu_ctrl_hdr hdr;
    uint32_t scanout;
    uint32_t padding;
};
#define VIRTIO_GPU_EDID_MAX 1024
struct virtio_gpu_resp_edid {
    struct virtio_gpu_ctrl_hdr hdr;
    uint32_t size;
    uint32_t padding;
    uint8_t edid[VIRTIO_GPU_EDID_MAX];
};

/* Pixel formats (the byte order in memory is the order of the name). */
enum virtio_gpu_formats {
    VIRTIO_GPU_FORMAT_B8G8R8A8_UNORM = 1,
    VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM = 2,
    VIRTIO_GPU_FORMAT_A8R8G8B8_UNORM = 3,
    VIRTIO_GPU_FORMAT_X8R8G8B8_UNORM = 4,
    VIRTIO_GPU_FORMAT_R8G8B8A8_UNORM = 67,
    VIRTIO_GPU_FORMAT_X8B8G8R8_UNORM = 68,
    VIRTIO_GPU_FORMAT_A8B8G8R8_UNORM = 121,
    VIRTIO_GPU_FORMAT_R8G8B8X8_UNORM = 134,
};

/* VIRTIO_GPU_CMD_RESOURCE_CREATE_2D */
struct virtio_gpu_resource_create_2d {
    struct virtio_gpu_ctrl_hdr hdr;
    uint32_t resource_id;
    uint32_t format;
    uint32_t width;
    uint32_t height;
};

/* VIRTIO_GPU_CMD_RESOURCE_UNREF */
struct virtio_gpu_resource_unref {
    struct virtio_gpu_ctrl_hdr hdr;
    uint32_t resource_id;
    uint32_t padding;
};

/* VIRTIO_GPU_CMD_SET_SCANOUT (resource_id 0 disables the scanout) */
struct virtio_gpu_set_scanout {
    struct virtio_gpu_ctrl_hdr hdr;
    struct virtio_gpu_rect r;
    uint32_t scanout_id;
    uint32_t resource_id;
};

/* VIRTIO_GPU_CMD_RESOURCE_FLUSH */
struct virtio_gpu_resource_flush {
    struct virtio_gpu_ctrl_hdr hdr;
    struct virtio_gpu_rect r;
    uint32_t resource_id;
    uint32_t padding;
};

/* VIRTIO_GPU_CMD_TRANSFER_TO_HOST_2D */
struct virtio_gpu_transfer_to_host_2d {
    struct virtio_gpu_ctrl_hdr hdr;
    struct virtio_gpu_rect r;
    uint64_t offset;
    uint32_t resource_id;
    uint32_t padding;
};

/* VIRTIO_GPU_CMD_RESOURCE_ATTACH_BACKING: followed by nr_entries mem_entry */
struct virtio_gpu_resource_attach_backing {
    struct virtio_gpu_ctrl_hdr hdr;
    uint32_t resource_id;
    uint32_t nr_entries;
};
struct virtio_gpu_mem_entry {
    uint64_t addr;
    uint32_t length;
    uint32_t padding;
};

/* VIRTIO_GPU_CMD_RESOURCE_DETACH_BACKING */
struct virtio_gpu_resource_detach_backing {
    struct virtio_gpu_ctrl_hdr hdr;
    uint32_t resource_id;
    uint32_t padding;
};

/* VIRTIO_GPU_CMD_GET_CAPSET_INFO */
#define VIRTIO_GPU_CAPSET_VIRGL        1u
#define VIRTIO_GPU_CAPSET_VIRGL2       2u
#define VIRTIO_GPU_CAPSET_GFXSTREAM    3u
#define VIRTIO_GPU_CAPSET_VENUS        4u
#define VIRTIO_GPU_CAPSET_CROSS_DOMAIN 5u
struct virtio_gpu_get_capset_info {
    struct virtio_gpu_ctrl_hdr hdr;
    uint32_t capset_index;
    uint32_t padding;
};
struct virtio_gpu_resp_capset_info {
    struct virtio_gpu_ctrl_hdr hdr;
    uint32_t capset_id;
    uint32_t capset_max_version;
    uint32_t capset_max_size;
    uint32_t padding;
};

/* VIRTIO_GPU_CMD_GET_CAPSET: response is hdr + capset_max_size bytes */
struct virtio_gpu_get_capset {
    struct virtio_gpu_ctrl_hdr hdr;
    uint32_t capset_id;
    uint32_t capset_version;
};
struct virtio_gpu_resp_capset {
    struct virtio_gpu_ctrl_hdr hdr;
    /* uint8_t capset_data[]; */
};

/* VIRTIO_GPU_CMD_RESOURCE_ASSIGN_UUID */
struct virtio_gpu_resource_assign_uuid {
    struct virtio_gpu_ctrl_hdr hdr;
    uint32_t resource_id;
    uint32_t padding;
};
struct virtio_gpu_resp_resource_uuid {
    struct virtio_gpu_ctrl_hdr hdr;
    uint8_t uuid[16];
};

/* VIRTIO_GPU_CMD_RESOURCE_CREATE_BLOB: followed by nr_entries mem_entry */
#define VIRTIO_GPU_BLOB_MEM_GUEST           0x0001u
#define VIRTIO_GPU_BLOB_MEM_HOST3D          0x0002u
#define VIRTIO_GPU_BLOB_MEM_HOST3D_GUEST    0x0003u
#define VIRTIO_GPU_BLOB_FLAG_USE_MAPPABLE   0x0001u
#define VIRTIO_GPU_BLOB_FLAG_USE_SHAREABLE  0x0002u
#define VIRTIO_GPU_BLOB_FLAG_USE_CROSS_DEVICE 0x0004u
struct virtio_gpu_resource_create_blob {
    struct virtio_gpu_ctrl_hdr hdr;
    uint32_t resource_id;
    uint32_t blob_mem;
    uint32_t blob_flags;
    uint32_t nr_entries;
    uint64_t blob_id;
    uint64_t size;
};

/* VIRTIO_GPU_CMD_SET_SCANOUT_BLOB */
struct virtio_gpu_set_scanout_blob {
    struct virtio_gpu_ctrl_hdr hdr;
    struct virtio_gpu_rect r;
    uint32_t scanout_id;
    uint32_t resource_id;
    uint32_t width;
    uint32_t height;
    uint32_t format;
    uint32_t padding;
    uint32_t strides[4];
    uint32_t offsets[4];
};

/* VIRTIO_GPU_CMD_CTX_CREATE */
#define VIRTIO_GPU_CONTEXT_INIT_CAPSET_ID_MASK 0x000000ffu
struct virtio_gpu_ctx_create {
    struct virtio_gpu_ctrl_hdr hdr;
    uint32_t nlen;
    uint32_t context_init;
    char debug_name[64];
};

/* VIRTIO_GPU_CMD_CTX_DESTROY: bare ctrl_hdr with ctx_id set */
struct virtio_gpu_ctx_destroy {
    struct virtio_gpu_ctrl_hdr hdr;
};

/* VIRTIO_GPU_CMD_CTX_ATTACH_RESOURCE / CTX_DETACH_RESOURCE */
struct virtio_gpu_ctx_resource {
    struct virtio_gpu_ctrl_hdr hdr;
    uint32_t resource_id;
    uint32_t padding;
};

/* VIRTIO_GPU_CMD_RESOURCE_CREATE_3D (target/format/bind are gallium values) */
#define VIRTIO_GPU_RESOURCE_FLAG_Y_0_TOP (1u << 0)
struct virtio_gpu_resource_create_3d {
    struct virtio_gpu_ctrl_hdr hdr;
    uint32_t resource_id;
    uint32_t target;
    uint32_t format;
    uint32_t bind;
    uint32_t width;
    uint32_t height;
    uint32_t depth;
    uint32_t array_size;
    uint32_t last_level;
    uint32_t nr_samples;
    uint32_t flags;
    uint32_t padding;
};

struct virtio_gpu_box {
    uint32_t x, y, z;
    uint32_t w, h, d;
};

/* VIRTIO_GPU_CMD_TRANSFER_TO_HOST_3D / TRANSFER_FROM_HOST_3D */
struct virtio_gpu_transfer_host_3d {
    struct virtio_gpu_ctrl_hdr hdr;
    struct virtio_gpu_box box;
    uint64_t offset;
    uint32_t resource_id;
    uint32_t level;
    uint32_t stride;
    uint32_t layer_stride;
};

/* VIRTIO_GPU_CMD_SUBMIT_3D: followed by `size` bytes of command stream */
struct virtio_gpu_cmd_submit {
    struct virtio_gpu_ctrl_hdr hdr;
    uint32_t size;
    uint32_t padding;
};

/* VIRTIO_GPU_CMD_RESOURCE_MAP_BLOB / UNMAP_BLOB */
#define VIRTIO_GPU_MAP_CACHE_MASK     0x0fu
#define VIRTIO_GPU_MAP_CACHE_NONE     0x00u
#define VIRTIO_GPU_MAP_CACHE_CACHED   0x01u
#define VIRTIO_GPU_MAP_CACHE_UNCACHED 0x02u
#define VIRTIO_GPU_MAP_CACHE_WC       0x03u
struct virtio_gpu_resource_map_blob {
    struct virtio_gpu_ctrl_hdr hdr;
    uint32_t resource_id;
    uint32_t padding;
    uint64_t offset;
};
struct virtio_gpu_resp_map_info {
    struct virtio_gpu_ctrl_hdr hdr;
    uint32_t map_info;
    uint32_t padding;
};
struct virtio_gpu_resource_unmap_blob {
    struct virtio_gpu_ctrl_hdr hdr;
    uint32_t resource_id;
    uint32_t padding;
};

/* VIRTIO_GPU_CMD_UPDATE_CURSOR / MOVE_CURSOR (cursor queue, no response) */
struct virtio_gpu_cursor_pos {
    uint32_t scanout_id;
    uint32_t x;
    uint32_t y;
    uint32_t padding;
};
struct virtio_gpu_update_cursor {
    struct virtio_gpu_ctrl_hdr hdr;
    struct virtio_gpu_cursor_pos pos;
    uint32_t resource_id;
    uint32_t hot_x;
    uint32_t hot_y;
    uint32_t padding;
};

/* ---- layout checks: identical on LP64, LLP64 and ILP32 --------------- */
_Static_assert(sizeof(struct virtio_gpu_config) == 16, "config");
_Static_assert(sizeof(struct virtio_gpu_ctrl_hdr) == 24, "ctrl_hdr");
_Static_assert(sizeof(struct virtio_gpu_rect) == 16, "rect");
_Static_assert(sizeof(struct virtio_gpu_display_one) == 24, "display_one");
_Static_assert(sizeof(struct virtio_gpu_resp_display_info) == 408, "resp_display_info");
_Static_assert(sizeof(struct virtio_gpu_cmd_get_edid) == 32, "get_edid");
_Static_assert(sizeof(struct virtio_gpu_resp_edid) == 1056, "resp_edid");
_Static_assert(sizeof(struct virtio_gpu_resource_create_2d) == 40, "create_2d");
_Static_assert(sizeof(struct virtio_gpu_resource_unref) == 32, "unref");
_Static_assert(sizeof(struct virtio_gpu_set_scanout) == 48, "set_scanout");
_Static_assert(sizeof(struct virtio_gpu_resource_flush) == 48, "flush");
_Static_assert(sizeof(struct virtio_gpu_transfer_to_host_2d) == 56, "transfer_2d");
_Static_assert(sizeof(struct virtio_gpu_resource_attach_backing) == 32, "attach");
_Static_assert(sizeof(struct virtio_gpu_mem_entry) == 16, "mem_entry");
_Static_assert(sizeof(struct virtio_gpu_resource_detach_backing) == 32, "detach");
_Static_assert(sizeof(struct virtio_gpu_get_capset_info) == 32, "get_capset_info");
_Static_assert(sizeof(struct virtio_gpu_resp_capset_info) == 40, "resp_capset_info");
_Static_assert(sizeof(struct virtio_gpu_get_capset) == 32, "get_capset");
_Static_assert(sizeof(struct virtio_gpu_resp_capset) == 24, "resp_capset");
_Static_assert(sizeof(struct virtio_gpu_resource_assign_uuid) == 32, "assign_uuid");
_Static_assert(sizeof(struct virtio_gpu_resp_resource_uuid) == 40, "resp_uuid");
_Static_assert(sizeof(struct virtio_gpu_resource_create_blob) == 56, "create_blob");
_Static_assert(sizeof(struct virtio_gpu_set_scanout_blob) == 96, "scanout_blob");
_Static_assert(sizeof(struct virtio_gpu_ctx_create) == 96, "ctx_create");
_Static_assert(sizeof(struct virtio_gpu_ctx_destroy) == 24, "ctx_destroy");
_Static_assert(sizeof(struct virtio_gpu_ctx_resource) == 32, "ctx_resource");
_Static_assert(sizeof(struct virtio_gpu_resource_create_3d) == 72, "create_3d");
_Static_assert(sizeof(struct virtio_gpu_box) == 24, "box");
_Static_assert(sizeof(struct virtio_gpu_transfer_host_3d) == 72, "transfer_3d");
_Static_assert(sizeof(struct virtio_gpu_cmd_submit) == 32, "submit");
_Static_assert(sizeof(struct virtio_gpu_resource_map_blob) == 40, "map_blob");
_Static_assert(sizeof(struct virtio_gpu_resp_map_info) == 32, "map_info");
_Static_assert(sizeof(struct virtio_gpu_resource_unmap_blob) == 32, "unmap_blob");
_Static_assert(sizeof(struct virtio_gpu_cursor_pos) == 16, "cursor_pos");
_Static_assert(sizeof(struct virtio_gpu_update_cursor) == 56, "update_cursor");

#endif /* VIOGPU_VIRTIO_GPU_H */
