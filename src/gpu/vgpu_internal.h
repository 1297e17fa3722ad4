/*
 * vgpu_internal.h — private state of the device core, shared by the
 * src/gpu/vgpu_*.c files.  Not for embeddings (use vgpu.h).
 *
 * Request slots: each queue owns a pool of request slots carved from one
 * DMA buffer.  A slot holds the command (cmd), the response (resp) and an
 * extension area (ext) for mem entries; commands that need more (large
 * backing lists, capsets) get a dedicated DMA buffer in `big`.  Encoders
 * fill slot->cmd, then req_submit() assigns the fence under the queue lock
 * and hands it to the virtqueue.  Completion (req_complete) decodes the
 * response, runs the request's `post` hook (record keeping), then wakes the
 * synchronous waiter or calls the asynchronous callback.
 */
#ifndef VGPU_INTERNAL_H
#define VGPU_INTERNAL_H

#include "base/vg_ida.h"
#include "base/vg_list.h"
#include "base/vg_log.h"
#include "base/vg_util.h"
#include "gpu/vgpu.h"
#include "gpu/vgpu_fence.h"
#include "virtio/virtio_regs.h"
#include "virtio/virtq.h"
#include "virtio/vpci.h"

#define VGPU_SLOT_SIZE      4096u
#define VGPU_SLOT_CMD_OFF   0u
#define VGPU_SLOT_CMD_MAX   256u
#define VGPU_SLOT_RESP_OFF  256u
#define VGPU_SLOT_RESP_MAX  1280u   /* >= sizeof(virtio_gpu_resp_edid) */
#define VGPU_SLOT_EXT_OFF   1536u
#define VGPU_SLOT_EXT_MAX   2560u   /* 160 mem entries */
#define VGPU_CTRL_SLOTS_MAX 64u
#define VGPU_CURSOR_SLOTS_MAX 16u
#define VGPU_RES_HASH 256u
#define VGPU_RES_ID_MAX 0x0003ffffu  /* 256K ids: a 32 KiB bitmap */
#define VGPU_CTX_ID_MAX 0x0000ffffu
#define VGPU_DEFAULT_TIMEOUT_NS 5000000000ull

#define VGPU_PENDING_QUEUE  0x1u
#define VGPU_PENDING_CONFIG 0x2u

struct vgpu_dev;
struct vgpu_req;
typedef void (*vgpu_post_fn)(struct vgpu_req *r);

struct vgpu_req {
    struct vg_list node;          /* on the queue's free list */
    struct vgpu_dev *dev;
    struct vgpu_queue *q;
    uint8_t *cmd, *resp, *ext;
    uint64_t cmd_pa, resp_pa, ext_pa;
    vg_dma_buf big;               /* optional, freed with the request */
    uint32_t cmd_len;             /* bytes of cmd sent */
    uint32_t resp_len;            /* response buffer size offered */
    uint32_t resp_min;            /* bytes a valid response must have */
    uint32_t resp_written;        /* used.len from the device */
    uint32_t expect;              /* expected OK response type */
    uint64_t fence;
    int status;
    bool sync, completed, abandoned, replay;
    vgpu_done_fn done;
    void *arg;
    vgpu_post_fn post;            /* record keeping, runs before done */
    uint32_t u[6];                /* post-hook scratch (ids, scanout, ...) */
    void *ptr;                    /* post-hook scratch (allocated ranges) */
    struct virtq_sg sg[VGPU_SUBMIT_MAX_RANGES + 3];
    uint32_t n_out, n_in;
};

struct vgpu_queue {
    struct virtq *vq;
    void *lock;
    vg_dma_buf pool;
    struct vgpu_req *reqs;
    uint32_t n_reqs;
    struct vg_list free;
    bool cursor;
    bool unkicked;                /* something queued with no_kick */
};

struct vgpu_res {
    struct vg_list node;          /* hash bucket */
    uint32_t id;
    bool is_3d, created;
    uint32_t format, width, height;
    struct vgpu_res_3d p3d;
    struct vgpu_mem_range *backing;   /* as attached, merged */
    uint32_t n_backing;
};

struct vgpu_ctx {
    struct vg_list node;
    uint32_t id, context_init;
    bool created;
    char name[64];
    uint32_t *res;
    uint32_t n_res, cap_res;
};

struct vgpu_scanout_rec {
    uint32_t res_id;
    struct vgpu_rect r;
};

struct vgpu_cursor_rec {
    bool valid;
    uint32_t scanout, res_id, hot_x, hot_y, x, y;
};

struct vgpu_dev {
    const struct vg_platform *p;
    struct vgpu_params prm;
    struct vg_log log;
    struct vpci t;
    uint64_t features;
    uint32_t num_scanouts, num_capsets;
    struct vgpu_queue ctrl, cursor;
    struct vgpu_fence_tl fences;  /* protected by ctrl.lock */
    uint32_t pending;             /* VGPU_PENDING_*, atomic */
    bool needs_reset;
    bool inited;
    bool suspended;               /* vgpu_suspend() until vgpu_reset_and_restore() */

    void *state_lock;             /* records + displays */
    struct vg_ida res_ids, ctx_ids;
    struct vg_list res_hash[VGPU_RES_HASH];
    uint32_t n_res;
    struct vg_list ctxs;
    struct vgpu_scanout_rec scanouts[VIRTIO_GPU_MAX_SCANOUTS];
    struct vgpu_cursor_rec cursor_rec;
    struct vgpu_display displays[VIRTIO_GPU_MAX_SCANOUTS];

    /* asynchronous display refresh after VIRTIO_GPU_EVENT_DISPLAY */
    uint32_t refresh_outstanding; /* state_lock */
    uint32_t refresh_changed;
    bool refresh_wanted;          /* retry from the next vgpu_process */

    struct vgpu_stats stats;
};

/* vgpu_req.c */
int vgpu_queue_init(struct vgpu_dev *d, struct vgpu_queue *q, uint16_t index, uint16_t max, bool cursor);
void vgpu_queue_fini(struct vgpu_dev *d, struct vgpu_queue *q);
/* A free slot, or NULL.  a == NULL (synchronous caller): waits, bounded by
 * the sync timeout, for one to come back. */
struct vgpu_req *vgpu_req_get(struct vgpu_dev *d, struct vgpu_queue *q, const struct vgpu_async *a);
void vgpu_req_put(struct vgpu_req *r);
/* Allocates a dedicated DMA buffer for a request whose ext or response does
 * not fit in the slot; returns its va (zeroed) and sets *pa. */
void *vgpu_req_big(struct vgpu_req *r, uint64_t size, uint64_t *pa);
/* Fills the header (type, ctx) of r->cmd. */
struct virtio_gpu_ctrl_hdr *vgpu_req_hdr(struct vgpu_req *r, uint32_t type, uint32_t ctx_id);
/* Standard ctrl layout: cmd (cmd_len) [+ extra out ranges] + resp. */
void vgpu_req_layout(struct vgpu_req *r, uint32_t cmd_len, uint32_t resp_len, uint32_t expect);
void vgpu_req_add_out(struct vgpu_req *r, uint64_t pa, uint32_t len); /* before resp */
/* Queues and (sync) waits; consumes r in every case.  For sync, when
 * copy_out != NULL the response (up to copy_len) is copied out first. */
int vgpu_req_submit(struct vgpu_req *r, const struct vgpu_async *a, void *copy_out, uint32_t copy_len);
/* Same; *written (sync only) gets the bytes the device wrote. */
int vgpu_req_submit_ex(struct vgpu_req *r, const struct vgpu_async *a, void *copy_out, uint32_t copy_len,
                       uint32_t *written);
/* For a failure before any request slot was obtained: runs `post` on a
 * stand-in request (status rc, scratch u[0..nu), ptr) and returns rc. */
int vgpu_req_fail(struct vgpu_dev *d, vgpu_post_fn post, const uint32_t *u, uint32_t nu,
                  void *ptr, bool replay, int rc);
int vgpu_decode_resp(uint32_t type);
void vgpu_process_queue(struct vgpu_dev *d, struct vgpu_queue *q);
void vgpu_cancel_all(struct vgpu_dev *d);

/* vgpu_display.c */
void vgpu_display_event(struct vgpu_dev *d);
void vgpu_display_update_info(struct vgpu_dev *d, const struct virtio_gpu_resp_display_info *ri,
                              uint32_t *changed);
void vgpu_display_update_edid(struct vgpu_dev *d, uint32_t scanout, int status,
                              const struct virtio_gpu_resp_edid *re, uint32_t written);

/* vgpu_state.c */
int vgpu_state_init(struct vgpu_dev *d);
void vgpu_state_fini(struct vgpu_dev *d);
struct vgpu_res *vgpu_res_find(struct vgpu_dev *d, uint32_t id);   /* state_lock held */
int vgpu_res_new(struct vgpu_dev *d, struct vgpu_res **out);        /* allocs id, inserts */
void vgpu_res_delete(struct vgpu_dev *d, struct vgpu_res *res);     /* state_lock held */
struct vgpu_ctx *vgpu_ctx_find(struct vgpu_dev *d, uint32_t id);   /* state_lock held */
int vgpu_replay(struct vgpu_dev *d);
uintptr_t vgpu_state_lock(struct vgpu_dev *d);
void vgpu_state_unlock(struct vgpu_dev *d, uintptr_t tok);

/* vgpu_cmd_2d.c / vgpu_cmd_3d.c: encoders with explicit ids, for replay */
int vgpu_enc_resource_create_2d(struct vgpu_dev *d, uint32_t id, uint32_t format, uint32_t w,
                                uint32_t h, bool replay, const struct vgpu_async *a);
int vgpu_enc_attach_backing(struct vgpu_dev *d, uint32_t id, const struct vgpu_mem_range *m,
                            uint32_t n, bool replay, const struct vgpu_async *a);
int vgpu_enc_resource_create_3d(struct vgpu_dev *d, uint32_t id, const struct vgpu_res_3d *prm,
                                bool replay, const struct vgpu_async *a);
int vgpu_enc_ctx_create(struct vgpu_dev *d, uint32_t id, uint32_t context_init, const char *name,
                        bool replay, const struct vgpu_async *a);
int vgpu_enc_ctx_resource(struct vgpu_dev *d, uint32_t type, uint32_t ctx_id, uint32_t res_id,
                          bool replay, const struct vgpu_async *a);

#endif /* VGPU_INTERNAL_H */
