/*
 * vgpu.h — the virtio-gpu device core: one object per PCI function.
 *
 * Life cycle (the embedding is the KMD, the test guest or a unit test):
 *     struct vgpu_params prm = { .msix_vectors = n, .client = me,
 *                                .display_changed = cb, ... };
 *     struct vgpu_dev *dev;
 *     rc = vgpu_init(&platform, &prm, &dev);   probe, negotiate, queues,
 *                                              DRIVER_OK, read displays+EDID
 *     ISR:  if (vgpu_isr(dev, msix_vector_or_VGPU_ISR_INTX)) queue the DPC;
 *     DPC:  vgpu_process(dev);                 reap used rings, run
 *                                              completion callbacks, handle
 *                                              VIRTIO_GPU_EVENT_DISPLAY
 *     vgpu_fini(dev);
 * With msix_vectors = 0 the device uses INTx and vgpu_isr reads (and so
 * clears) the ISR register: it returns false for a shared interrupt that
 * was not ours.  vgpu_isr never takes a lock held by vgpu_process callbacks
 * and does no more than a register read and an atomic OR.
 *
 * Commands: one function per wire command, vgpu_cmd_<command>().  The last
 * argument selects the mode:
 *   a == NULL  synchronous: the call queues the command (waiting for a
 *              free slot / ring space if needed), kicks, and waits for the
 *              device's answer, each wait bounded by params.timeout_ns
 *              (no room in time: VG_ERR_BUSY; no answer in time:
 *              VG_ERR_TIMEOUT, the request is then abandoned and its slot
 *              freed when the device eventually returns it).  The wait
 *              calls vg_platform.wait_a_little with no lock held and polls
 *              the used ring itself, so it works with interrupts off.
 *              Must not be called from vgpu_process callbacks.
 *   a != NULL  asynchronous: returns 0 once queued (VG_ERR_BUSY when the
 *              ring or the request pool is full — retry after a completion),
 *              and a->done runs later from vgpu_process.  With a->fence the
 *              command carries VIRTIO_GPU_FLAG_FENCE and a new 64-bit fence
 *              id, assigned under the queue lock once its ring slot is known,
 *              so fence ids reach the device in increasing order.
 *   a->no_kick queues without ringing the doorbell; vgpu_kick() rings once
 *              for everything queued (batched doorbells).
 * Device error responses come back as VG_ERR_DEV_* (one per RESP_ERR_*), a
 * response of the wrong type as VG_ERR_DEV_UNKNOWN_RESPONSE, a response
 * shorter than its type needs as VG_ERR_DEV_SHORT_RESPONSE.
 *
 * Records: the core keeps what it created (resources with their format,
 * size and backing ranges, contexts and their attached resources, scanouts,
 * cursor), updated on successful completion, so vgpu_reset_and_restore()
 * can reset the device (TDR, D3->D0) and replay that state.  Resource and
 * context ids come from an id allocator and are never reused while live.
 *
 * Locking: the core is safe to call from several threads; callbacks run
 * from vgpu_process (or the synchronous waiter's polling) with no core lock
 * held and may issue asynchronous commands.
 */
#ifndef VGPU_H
#define VGPU_H

#include <stdbool.h>
#include <stdint.h>
#include "base/vg_err.h"
#include "base/vg_platform.h"
#include "gpu/edid.h"
#include "viogpu/virtio_gpu.h"

struct vgpu_dev;

/* vgpu_isr vector value for line-based (INTx) interrupts. */
#define VGPU_ISR_INTX 0xffffffffu

/* params.flags */
#define VGPU_INIT_NO_VIRGL      0x01u /* do not negotiate VIRTIO_GPU_F_VIRGL */
#define VGPU_INIT_NO_EDID       0x02u /* do not negotiate VIRTIO_GPU_F_EDID */
#define VGPU_INIT_NO_INDIRECT   0x04u /* do not negotiate VIRTIO_F_INDIRECT_DESC */
#define VGPU_INIT_NO_EVENT_IDX  0x08u /* do not negotiate VIRTIO_F_EVENT_IDX */
#define VGPU_INIT_NO_DISPLAY_READ 0x10u /* skip the initial display info/EDID read */
#define VGPU_INIT_MSIX_FALLBACK 0x20u /* vector refused: disable MSI-X, use INTx */

struct vgpu_params {
    /* MSI-X vectors the embedding has programmed and enabled in the MSI-X
     * table (0 = INTx).  >= 3: config 0, control queue 1, cursor queue 2;
     * 2: config 0, both queues 1; 1: everything on 0.  More than the
     * device's MSI-X table holds: VG_ERR_INVALID_ARG (VG_ERR_UNSUPPORTED
     * without an MSI-X capability).  If the device refuses a vector
     * (reads back NO_VECTOR) vgpu_init fails with VG_ERR_MSIX_REJECTED, or,
     * with VGPU_INIT_MSIX_FALLBACK, clears the MSI-X enable bit itself and
     * continues on INTx (vgpu_get_info reports msix_vectors 0; the
     * embedding then services the line interrupt with VGPU_ISR_INTX). */
    uint32_t msix_vectors;
    uint32_t flags;              /* VGPU_INIT_* */
    uint64_t timeout_ns;         /* synchronous command timeout; 0 = 5 s */
    int log_level;               /* VG_LOG_*; messages above are dropped */
    uint16_t ctrl_queue_max;     /* 0 = device maximum */
    uint16_t cursor_queue_max;   /* 0 = device maximum */

    void *client;                /* first argument of the callbacks below */
    /* Display configuration changed (VIRTIO_GPU_EVENT_DISPLAY): display info
     * and EDID have been re-read; changed_mask has bit i for scanout i. */
    void (*display_changed)(void *client, uint32_t changed_mask);
    /* The fence timeline advanced to `completed` (every id <= it is done).
     * When completions are reaped on two CPUs at once the calls may arrive
     * out of order: keep the maximum (or read vgpu_fence_last_completed). */
    void (*fence_done)(void *client, uint64_t completed);
    /* The device needs a reset (DEVICE_NEEDS_RESET) or failed. */
    void (*device_error)(void *client, int err);
};

/* Completion of an asynchronous command.  status is 0 or a VG_ERR_*; resp
 * points at the device's response (resp_len bytes written by the device),
 * valid only during the call; fence is the command's fence id or 0. */
typedef void (*vgpu_done_fn)(void *arg, int status, uint64_t fence,
                             const void *resp, uint32_t resp_len);

struct vgpu_async {
    vgpu_done_fn done;     /* may be NULL (fire and forget) */
    void *arg;
    bool fence;            /* attach a new 64-bit fence id */
    bool no_kick;          /* leave the doorbell to vgpu_kick() */
    uint64_t *fence_out;   /* receives the fence id (or 0) before return */
};

struct vgpu_rect {
    uint32_t x, y, width, height;
};

/* A guest-physical range of backing memory. */
struct vgpu_mem_range {
    uint64_t pa;
    uint64_t len;
};

struct vgpu_info {
    uint64_t features;           /* negotiated feature bits */
    uint32_t num_scanouts;
    uint32_t num_capsets;
    bool virgl, edid, indirect, event_idx;
    uint32_t msix_vectors;       /* 0 = INTx */
    uint16_t ctrl_queue_size, cursor_queue_size;
};

struct vgpu_stats {
    uint64_t ctrl_added, ctrl_notifies, ctrl_used;
    uint64_t cursor_added, cursor_notifies, cursor_used;
    uint64_t interrupts, config_events, timeouts, bad_used;
    uint64_t bytes_out;          /* command bytes handed to the device */
};

/* What the core knows about one scanout. */
struct vgpu_display {
    bool enabled;
    struct vgpu_rect r;          /* from GET_DISPLAY_INFO */
    uint32_t flags;
    int edid_status;             /* 0, VG_ERR_UNSUPPORTED (no EDID feature),
                                    a device error, or a VG_ERR_EDID_* */
    uint32_t edid_len;
    uint8_t edid[VIRTIO_GPU_EDID_MAX];
    struct vgpu_edid_info modes; /* parsed EDID (valid when edid_status 0) */
};

/* ---- life cycle ---- */
int vgpu_init(const struct vg_platform *p, const struct vgpu_params *prm, struct vgpu_dev **out);
void vgpu_fini(struct vgpu_dev *dev);
void vgpu_get_info(struct vgpu_dev *dev, struct vgpu_info *out);
void vgpu_get_stats(struct vgpu_dev *dev, struct vgpu_stats *out);
const char *vgpu_cmd_name(uint32_t type);

/* ---- interrupts ---- */
bool vgpu_isr(struct vgpu_dev *dev, uint32_t vector);
void vgpu_process(struct vgpu_dev *dev);
/* Rings the doorbells of queues with commands queued with no_kick. */
void vgpu_kick(struct vgpu_dev *dev);

/* ---- fences ---- */
uint64_t vgpu_fence_last_completed(struct vgpu_dev *dev);
uint64_t vgpu_fence_last_emitted(struct vgpu_dev *dev);
/* Waits (bounded by timeout_ns, 0 = params.timeout_ns) until fence is done. */
int vgpu_fence_wait(struct vgpu_dev *dev, uint64_t fence, uint64_t timeout_ns);

/* ---- display ---- */
/* Synchronously re-reads display info and, with EDID, each scanout's EDID. */
int vgpu_refresh_displays(struct vgpu_dev *dev);
int vgpu_get_display(struct vgpu_dev *dev, uint32_t scanout, struct vgpu_display *out);

/* ---- 2D and display commands ---- */
/* out may be NULL (the core's own copy in vgpu_get_display is updated). */
int vgpu_cmd_get_display_info(struct vgpu_dev *dev, struct virtio_gpu_resp_display_info *out,
                              const struct vgpu_async *a);
/* Copies min(edid size, buf_len) bytes; *edid_len gets the device's size. */
int vgpu_cmd_get_edid(struct vgpu_dev *dev, uint32_t scanout, uint8_t *buf, uint32_t buf_len,
                      uint32_t *edid_len, const struct vgpu_async *a);
/* Allocates the resource id (*res_id set before return, also for async). */
int vgpu_cmd_resource_create_2d(struct vgpu_dev *dev, uint32_t format, uint32_t width,
                                uint32_t height, uint32_t *res_id, const struct vgpu_async *a);
/* Frees the id (and the record) once the device answered OK. */
int vgpu_cmd_resource_unref(struct vgpu_dev *dev, uint32_t res_id, const struct vgpu_async *a);
/* Physically adjacent ranges are merged into one mem entry. */
int vgpu_cmd_resource_attach_backing(struct vgpu_dev *dev, uint32_t res_id,
                                     const struct vgpu_mem_range *ranges, uint32_t n,
                                     const struct vgpu_async *a);
/* Same, for a resident virtual range: pages are translated with
 * vg_platform.virt_to_phys and contiguous pages merged. */
int vgpu_cmd_resource_attach_backing_va(struct vgpu_dev *dev, uint32_t res_id, const void *va,
                                        uint64_t len, const struct vgpu_async *a);
int vgpu_cmd_resource_detach_backing(struct vgpu_dev *dev, uint32_t res_id, const struct vgpu_async *a);
/* res_id 0 disables the scanout. */
int vgpu_cmd_set_scanout(struct vgpu_dev *dev, uint32_t scanout_id, uint32_t res_id,
                         const struct vgpu_rect *r, const struct vgpu_async *a);
int vgpu_cmd_transfer_to_host_2d(struct vgpu_dev *dev, uint32_t res_id, const struct vgpu_rect *r,
                                 uint64_t offset, const struct vgpu_async *a);
int vgpu_cmd_resource_flush(struct vgpu_dev *dev, uint32_t res_id, const struct vgpu_rect *r,
                            const struct vgpu_async *a);

/* ---- cursor queue (QEMU never writes a response; completion = used) ---- */
/* res_id 0 hides the cursor.  The resource is a 64x64 B8G8R8A8 2D resource
 * with the image already transferred. */
int vgpu_cmd_update_cursor(struct vgpu_dev *dev, uint32_t scanout_id, uint32_t res_id,
                           uint32_t hot_x, uint32_t hot_y, uint32_t x, uint32_t y,
                           const struct vgpu_async *a);
int vgpu_cmd_move_cursor(struct vgpu_dev *dev, uint32_t scanout_id, uint32_t x, uint32_t y,
                         const struct vgpu_async *a);

/* ---- 3D (virgl) commands: VG_ERR_UNSUPPORTED without VIRTIO_GPU_F_VIRGL ---- */
int vgpu_cmd_get_capset_info(struct vgpu_dev *dev, uint32_t index, uint32_t *capset_id,
                             uint32_t *max_version, uint32_t *max_size, const struct vgpu_async *a);
/* Copies min(size, buf_len) bytes of capset data; *out_len = bytes returned. */
int vgpu_cmd_get_capset(struct vgpu_dev *dev, uint32_t capset_id, uint32_t version, void *buf,
                        uint32_t buf_len, uint32_t *out_len, const struct vgpu_async *a);
/* Allocates the context id (*ctx_id set before return). */
int vgpu_cmd_ctx_create(struct vgpu_dev *dev, uint32_t context_init, const char *debug_name,
                        uint32_t *ctx_id, const struct vgpu_async *a);
int vgpu_cmd_ctx_destroy(struct vgpu_dev *dev, uint32_t ctx_id, const struct vgpu_async *a);
int vgpu_cmd_ctx_attach_resource(struct vgpu_dev *dev, uint32_t ctx_id, uint32_t res_id,
                                 const struct vgpu_async *a);
int vgpu_cmd_ctx_detach_resource(struct vgpu_dev *dev, uint32_t ctx_id, uint32_t res_id,
                                 const struct vgpu_async *a);

struct vgpu_res_3d {
    uint32_t target, format, bind;     /* gallium pipe_texture_target etc. */
    uint32_t width, height, depth;
    uint32_t array_size, last_level, nr_samples, flags;
};
int vgpu_cmd_resource_create_3d(struct vgpu_dev *dev, const struct vgpu_res_3d *prm,
                                uint32_t *res_id, const struct vgpu_async *a);

struct vgpu_transfer_3d {
    uint32_t ctx_id, res_id;
    uint32_t x, y, z, w, h, d;         /* box */
    uint64_t offset;                   /* into the backing */
    uint32_t level, stride, layer_stride;
};
int vgpu_cmd_transfer_to_host_3d(struct vgpu_dev *dev, const struct vgpu_transfer_3d *t,
                                 const struct vgpu_async *a);
int vgpu_cmd_transfer_from_host_3d(struct vgpu_dev *dev, const struct vgpu_transfer_3d *t,
                                   const struct vgpu_async *a);
/* The command stream lives in DMA memory given as (pa, len) ranges
 * (at most VGPU_SUBMIT_MAX_RANGES); its total size goes in the header. */
#define VGPU_SUBMIT_MAX_RANGES 8u
int vgpu_cmd_submit_3d(struct vgpu_dev *dev, uint32_t ctx_id, const struct vgpu_mem_range *stream,
                       uint32_t n, const struct vgpu_async *a);

/* ---- raw access for tests: any command bytes (cmd_len <= 256), response
 * copied to resp (may be NULL); returns the decoded status and, in
 * *resp_type, the response type the device wrote (0 if none). */
int vgpu_submit_raw(struct vgpu_dev *dev, const void *cmd, uint32_t cmd_len, void *resp,
                    uint32_t resp_len, uint32_t *resp_type);

/* ---- state records and recovery ---- */
bool vgpu_resource_is_live(struct vgpu_dev *dev, uint32_t res_id);
uint32_t vgpu_resource_count(struct vgpu_dev *dev);
/* Resets the device, cancels everything in flight (callbacks get
 * VG_ERR_CANCELLED), re-initialises the queues and replays the records:
 * resources (create + backing), contexts (+ attached resources), scanouts,
 * cursor.  Must be called with no other command in progress. */
int vgpu_reset_and_restore(struct vgpu_dev *dev);
/* Releases the device for a low-power state (D3): resets it, so the host
 * drops every object it held and stops touching guest memory, cancels
 * whatever is still in flight (callbacks get VG_ERR_CANCELLED) and keeps
 * the records.  Until vgpu_reset_and_restore() brings everything back,
 * commands fail with VG_ERR_SUSPENDED and interrupts are not claimed.
 * Must be called with no other command in progress. */
int vgpu_suspend(struct vgpu_dev *dev);
bool vgpu_is_suspended(struct vgpu_dev *dev);
/* True once the device has flagged DEVICE_NEEDS_RESET (or failed). */
bool vgpu_needs_reset(struct vgpu_dev *dev);

#endif /* VGPU_H */
