/*
 * vgpu_cmd_2d.c — encoders for the 2D, scanout and cursor commands, one per
 * wire command (see vgpu.h for the sync/async convention).
 *
 * Each encoder takes a request slot, writes the little-endian command into
 * it, attaches a `post` hook that keeps the core's records in step with
 * what the device accepted, and submits.  The post hook runs exactly once,
 * whatever the outcome (also when the ring was full).
 */
#include "gpu/vgpu_internal.h"

/* Largest length one mem entry can describe, kept page aligned. */
#define MAX_ENTRY_LEN 0xfffff000ull
#define PAGE 4096ull

static void rect_to_wire(struct virtio_gpu_rect *w, const struct vgpu_rect *r)
{
    w->x = vg_cpu_to_le32(r->x);
    w->y = vg_cpu_to_le32(r->y);
    w->width = vg_cpu_to_le32(r->width);
    w->height = vg_cpu_to_le32(r->height);
}

/* NULL rect = the whole resource, from the record. */
static int full_rect(struct vgpu_dev *d, uint32_t res_id, const struct vgpu_rect *in, struct vgpu_rect *out)
{
    struct vgpu_res *res;
    uintptr_t t;

    if (in) {
        *out = *in;
        return 0;
    }
    t = vgpu_state_lock(d);
    res = vgpu_res_find(d, res_id);
    if (res) {
        out->x = out->y = 0;
        out->width = res->width;
        out->height = res->height;
    }
    vgpu_state_unlock(d, t);
    return res ? 0 : VG_ERR_NOT_FOUND;
}

/* ---- RESOURCE_CREATE_2D ---- */

static void post_create(struct vgpu_req *r)
{
    struct vgpu_dev *d = r->dev;
    uintptr_t t = vgpu_state_lock(d);
    struct vgpu_res *res = vgpu_res_find(d, r->u[0]);

    if (res) {
        if (r->status == 0)
            res->created = true;
        else if (!r->replay && !res->created)
            vgpu_res_delete(d, res); /* the id is free again */
    }
    vgpu_state_unlock(d, t);
}

int vgpu_enc_resource_create_2d(struct vgpu_dev *d, uint32_t id, uint32_t format, uint32_t w,
                                uint32_t h, bool replay, const struct vgpu_async *a)
{
    struct vgpu_req *r = vgpu_req_get(d, &d->ctrl, a);
    struct virtio_gpu_resource_create_2d *c;

    if (!r)
        return vgpu_req_fail(d, post_create, &id, 1, NULL, replay, VG_ERR_BUSY);
    c = (struct virtio_gpu_resource_create_2d *)r->cmd;
    vgpu_req_hdr(r, VIRTIO_GPU_CMD_RESOURCE_CREATE_2D, 0);
    c->resource_id = vg_cpu_to_le32(id);
    c->format = vg_cpu_to_le32(format);
    c->width = vg_cpu_to_le32(w);
    c->height = vg_cpu_to_le32(h);
    vgpu_req_layout(r, sizeof(*c), sizeof(struct virtio_gpu_ctrl_hdr), VIRTIO_GPU_RESP_OK_NODATA);
    r->post = post_create;
    r->u[0] = id;
    r->replay = replay;
    return vgpu_req_submit(r, a, NULL, 0);
}

int vgpu_cmd_resource_create_2d(struct vgpu_dev *d, uint32_t format, uint32_t width,
                                uint32_t height, uint32_t *res_id, const struct vgpu_async *a)
{
    struct vgpu_res *res;
    uint32_t id;
    int rc;

    if (!res_id)
        return VG_ERR_INVALID_ARG;
    *res_id = 0;
    if ((rc = vgpu_res_new(d, &res)))
        return rc;
    res->format = format;
    res->width = width;
    res->height = height;
    id = res->id;
    *res_id = id;
    /* the record may be gone when this returns (failed create): use id */
    return vgpu_enc_resource_create_2d(d, id, format, width, height, false, a);
}

/* ---- RESOURCE_UNREF ---- */

static void post_unref(struct vgpu_req *r)
{
    struct vgpu_dev *d = r->dev;
    uintptr_t t;
    struct vgpu_res *res;

    if (r->status)
        return;
    t = vgpu_state_lock(d);
    res = vgpu_res_find(d, r->u[0]);
    if (res)
        vgpu_res_delete(d, res);
    for (uint32_t s = 0; s < VIRTIO_GPU_MAX_SCANOUTS; s++)
        if (d->scanouts[s].res_id == r->u[0])
            d->scanouts[s].res_id = 0;
    if (d->cursor_rec.valid && d->cursor_rec.res_id == r->u[0])
        d->cursor_rec.valid = false;
    vgpu_state_unlock(d, t);
}

/* RESOURCE_UNREF and RESOURCE_DETACH_BACKING share one wire layout (a
 * resource id and padding) and an OK_NODATA answer; `post` updates the
 * records once the device has accepted the command. */
_Static_assert(sizeof(struct virtio_gpu_resource_unref) == sizeof(struct virtio_gpu_resource_detach_backing),
               "UNREF and DETACH_BACKING share a layout");
static int resource_id_cmd(struct vgpu_dev *d, uint32_t type, uint32_t res_id, vgpu_post_fn post,
                           const struct vgpu_async *a)
{
    struct vgpu_req *r = vgpu_req_get(d, &d->ctrl, a);
    struct virtio_gpu_resource_unref *c;

    if (!r)
        return VG_ERR_BUSY;
    c = (struct virtio_gpu_resource_unref *)r->cmd;
    vgpu_req_hdr(r, type, 0);
    c->resource_id = vg_cpu_to_le32(res_id);
    vgpu_req_layout(r, sizeof(*c), sizeof(struct virtio_gpu_ctrl_hdr), VIRTIO_GPU_RESP_OK_NODATA);
    r->post = post;
    r->u[0] = res_id;
    return vgpu_req_submit(r, a, NULL, 0);
}

int vgpu_cmd_resource_unref(struct vgpu_dev *d, uint32_t res_id, const struct vgpu_async *a)
{
    return resource_id_cmd(d, VIRTIO_GPU_CMD_RESOURCE_UNREF, res_id, post_unref, a);
}

/* ---- RESOURCE_ATTACH_BACKING ---- */

/* Merges physically adjacent ranges (each entry stays <= MAX_ENTRY_LEN);
 * returns the number of merged ranges written to out (which may be NULL to
 * only count). */
static uint32_t merge_ranges(const struct vgpu_mem_range *in, uint32_t n, struct vgpu_mem_range *out)
{
    uint32_t m = 0;
    struct vgpu_mem_range cur = { 0, 0 };

    for (uint32_t i = 0; i < n; i++) {
        uint64_t pa = in[i].pa, len = in[i].len;
        while (len) {
            uint64_t take;
            if (cur.len && cur.pa + cur.len == pa && cur.len < MAX_ENTRY_LEN) {
                take = VG_MIN(len, MAX_ENTRY_LEN - cur.len);
                cur.len += take;
            } else {
                if (cur.len) {
                    if (out)
                        out[m] = cur;
                    m++;
                }
                take = VG_MIN(len, MAX_ENTRY_LEN);
                cur.pa = pa;
                cur.len = take;
            }
            pa += take;
            len -= take;
        }
    }
    if (cur.len) {
        if (out)
            out[m] = cur;
        m++;
    }
    return m;
}

static void post_attach(struct vgpu_req *r)
{
    struct vgpu_dev *d = r->dev;
    uintptr_t t;
    struct vgpu_res *res;

    if (r->status || r->replay)
        return; /* r->ptr is freed with the request */
    t = vgpu_state_lock(d);
    res = vgpu_res_find(d, r->u[0]);
    if (res) {
        if (res->backing)
            d->p->free(d->p->ctx, res->backing);
        res->backing = r->ptr; /* keep the merged list for replay */
        res->n_backing = r->u[1];
        r->ptr = NULL;
    }
    vgpu_state_unlock(d, t);
}

int vgpu_enc_attach_backing(struct vgpu_dev *d, uint32_t id, const struct vgpu_mem_range *m,
                            uint32_t n, bool replay, const struct vgpu_async *a)
{
    struct vgpu_mem_range *merged;
    struct virtio_gpu_resource_attach_backing *c;
    struct virtio_gpu_mem_entry *e;
    struct vgpu_req *r;
    uint32_t nm, u[2];
    uint64_t bytes, pa;

    if (!m || !n)
        return VG_ERR_INVALID_ARG;
    nm = merge_ranges(m, n, NULL);
    merged = d->p->alloc(d->p->ctx, sizeof(*merged) * nm);
    if (!merged)
        return VG_ERR_NO_MEMORY;
    merge_ranges(m, n, merged);
    u[0] = id;
    u[1] = nm;
    r = vgpu_req_get(d, &d->ctrl, a);
    if (!r)
        return vgpu_req_fail(d, post_attach, u, 2, merged, replay, VG_ERR_BUSY);
    r->ptr = merged;
    r->u[0] = id;
    r->u[1] = nm;
    r->replay = replay;
    r->post = post_attach;
    bytes = (uint64_t)nm * sizeof(*e);
    if (bytes <= VGPU_SLOT_EXT_MAX) {
        e = (struct virtio_gpu_mem_entry *)r->ext;
        pa = r->ext_pa;
    } else {
        e = vgpu_req_big(r, bytes, &pa);
        if (!e) {
            r->status = VG_ERR_NO_DMA_MEMORY;
            post_attach(r);
            vgpu_req_put(r);
            return VG_ERR_NO_DMA_MEMORY;
        }
    }
    for (uint32_t i = 0; i < nm; i++) {
        e[i].addr = vg_cpu_to_le64(merged[i].pa);
        e[i].length = vg_cpu_to_le32((uint32_t)merged[i].len);
        e[i].padding = 0;
    }
    c = (struct virtio_gpu_resource_attach_backing *)r->cmd;
    vgpu_req_hdr(r, VIRTIO_GPU_CMD_RESOURCE_ATTACH_BACKING, 0);
    c->resource_id = vg_cpu_to_le32(id);
    c->nr_entries = vg_cpu_to_le32(nm);
    vgpu_req_layout(r, sizeof(*c), sizeof(struct virtio_gpu_ctrl_hdr), VIRTIO_GPU_RESP_OK_NODATA);
    vgpu_req_add_out(r, pa, (uint32_t)bytes);
    return vgpu_req_submit(r, a, NULL, 0);
}

int vgpu_cmd_resource_attach_backing(struct vgpu_dev *d, uint32_t res_id,
                                     const struct vgpu_mem_range *ranges, uint32_t n,
                                     const struct vgpu_async *a)
{
    for (uint32_t i = 0; ranges && i < n; i++)
        if (!ranges[i].len || ranges[i].pa + ranges[i].len < ranges[i].pa)
            return VG_ERR_INVALID_ARG;
    return vgpu_enc_attach_backing(d, res_id, ranges, n, false, a);
}

/* Walks the pages of [va, va+len) and emits one range per physically
 * contiguous run (count only when out == NULL). */
static uint32_t va_runs(struct vgpu_dev *d, const void *va, uint64_t len, struct vgpu_mem_range *out)
{
    uintptr_t p = (uintptr_t)va, end = (uintptr_t)va + (uintptr_t)len;
    uint32_t n = 0;
    struct vgpu_mem_range cur = { 0, 0 };

    while (p < end) {
        uintptr_t next = (p & ~(uintptr_t)(PAGE - 1)) + (uintptr_t)PAGE;
        uint64_t chunk = (next < end ? next : end) - p;
        uint64_t pa = d->p->virt_to_phys(d->p->ctx, (const void *)p);
        if (cur.len && cur.pa + cur.len == pa) {
            cur.len += chunk;
        } else {
            if (cur.len) {
                if (out)
                    out[n] = cur;
                n++;
            }
            cur.pa = pa;
            cur.len = chunk;
        }
        p += chunk;
    }
    if (cur.len) {
        if (out)
            out[n] = cur;
        n++;
    }
    return n;
}

int vgpu_cmd_resource_attach_backing_va(struct vgpu_dev *d, uint32_t res_id, const void *va,
                                        uint64_t len, const struct vgpu_async *a)
{
    struct vgpu_mem_range *runs;
    uint32_t n;
    int rc;

    if (!d->p->virt_to_phys)
        return VG_ERR_NO_PLATFORM_OP;
    if (!va || !len || (uintptr_t)va + (uintptr_t)len < (uintptr_t)va)
        return VG_ERR_INVALID_ARG;
    n = va_runs(d, va, len, NULL);
    runs = d->p->alloc(d->p->ctx, sizeof(*runs) * n);
    if (!runs)
        return VG_ERR_NO_MEMORY;
    va_runs(d, va, len, runs);
    rc = vgpu_enc_attach_backing(d, res_id, runs, n, false, a);
    d->p->free(d->p->ctx, runs);
    return rc;
}

/* ---- RESOURCE_DETACH_BACKING ---- */

static void post_detach(struct vgpu_req *r)
{
    struct vgpu_dev *d = r->dev;
    uintptr_t t;
    struct vgpu_res *res;

    if (r->status)
        return;
    t = vgpu_state_lock(d);
    res = vgpu_res_find(d, r->u[0]);
    if (res && res->backing) {
        d->p->free(d->p->ctx, res->backing);
        res->backing = NULL;
        res->n_backing = 0;
    }
    vgpu_state_unlock(d, t);
}

int vgpu_cmd_resource_detach_backing(struct vgpu_dev *d, uint32_t res_id, const struct vgpu_async *a)
{
    return resource_id_cmd(d, VIRTIO_GPU_CMD_RESOURCE_DETACH_BACKING, res_id, post_detach, a);
}

/* ---- SET_SCANOUT ---- */

static void post_set_scanout(struct vgpu_req *r)
{
    struct vgpu_dev *d = r->dev;
    uintptr_t t;

    if (r->status || r->u[0] >= VIRTIO_GPU_MAX_SCANOUTS)
        return;
    t = vgpu_state_lock(d);
    d->scanouts[r->u[0]].res_id = r->u[1];
    d->scanouts[r->u[0]].r.x = r->u[2];
    d->scanouts[r->u[0]].r.y = r->u[3];
    d->scanouts[r->u[0]].r.width = r->u[4];
    d->scanouts[r->u[0]].r.height = r->u[5];
    vgpu_state_unlock(d, t);
}

int vgpu_cmd_set_scanout(struct vgpu_dev *d, uint32_t scanout_id, uint32_t res_id,
                         const struct vgpu_rect *rect, const struct vgpu_async *a)
{
    struct vgpu_rect rr = { 0, 0, 0, 0 };
    struct virtio_gpu_set_scanout *c;
    struct vgpu_req *r;

    if (res_id && full_rect(d, res_id, rect, &rr))
        rr = rect ? *rect : rr; /* unknown id: let the device judge it */
    r = vgpu_req_get(d, &d->ctrl, a);
    if (!r)
        return VG_ERR_BUSY;
    c = (struct virtio_gpu_set_scanout *)r->cmd;
    vgpu_req_hdr(r, VIRTIO_GPU_CMD_SET_SCANOUT, 0);
    rect_to_wire(&c->r, &rr);
    c->scanout_id = vg_cpu_to_le32(scanout_id);
    c->resource_id = vg_cpu_to_le32(res_id);
    vgpu_req_layout(r, sizeof(*c), sizeof(struct virtio_gpu_ctrl_hdr), VIRTIO_GPU_RESP_OK_NODATA);
    r->post = post_set_scanout;
    r->u[0] = scanout_id;
    r->u[1] = res_id;
    r->u[2] = rr.x;
    r->u[3] = rr.y;
    r->u[4] = rr.width;
    r->u[5] = rr.height;
    return vgpu_req_submit(r, a, NULL, 0);
}

/* ---- TRANSFER_TO_HOST_2D ---- */

int vgpu_cmd_transfer_to_host_2d(struct vgpu_dev *d, uint32_t res_id, const struct vgpu_rect *rect,
                                 uint64_t offset, const struct vgpu_async *a)
{
    struct vgpu_rect rr = { 0, 0, 0, 0 };
    struct virtio_gpu_transfer_to_host_2d *c;
    struct vgpu_req *r;

    if (full_rect(d, res_id, rect, &rr))
        return VG_ERR_NOT_FOUND;
    r = vgpu_req_get(d, &d->ctrl, a);
    if (!r)
        return VG_ERR_BUSY;
    c = (struct virtio_gpu_transfer_to_host_2d *)r->cmd;
    vgpu_req_hdr(r, VIRTIO_GPU_CMD_TRANSFER_TO_HOST_2D, 0);
    rect_to_wire(&c->r, &rr);
    c->offset = vg_cpu_to_le64(offset);
    c->resource_id = vg_cpu_to_le32(res_id);
    vgpu_req_layout(r, sizeof(*c), sizeof(struct virtio_gpu_ctrl_hdr), VIRTIO_GPU_RESP_OK_NODATA);
    return vgpu_req_submit(r, a, NULL, 0);
}

/* ---- RESOURCE_FLUSH ---- */

int vgpu_cmd_resource_flush(struct vgpu_dev *d, uint32_t res_id, const struct vgpu_rect *rect,
                            const struct vgpu_async *a)
{
    struct vgpu_rect rr = { 0, 0, 0, 0 };
    struct virtio_gpu_resource_flush *c;
    struct vgpu_req *r;

    if (full_rect(d, res_id, rect, &rr))
        return VG_ERR_NOT_FOUND;
    r = vgpu_req_get(d, &d->ctrl, a);
    if (!r)
        return VG_ERR_BUSY;
    c = (struct virtio_gpu_resource_flush *)r->cmd;
    vgpu_req_hdr(r, VIRTIO_GPU_CMD_RESOURCE_FLUSH, 0);
    rect_to_wire(&c->r, &rr);
    c->resource_id = vg_cpu_to_le32(res_id);
    vgpu_req_layout(r, sizeof(*c), sizeof(struct virtio_gpu_ctrl_hdr), VIRTIO_GPU_RESP_OK_NODATA);
    return vgpu_req_submit(r, a, NULL, 0);
}

/* ---- cursor queue ---- */

static int cursor_cmd(struct vgpu_dev *d, uint32_t type, uint32_t scanout_id, uint32_t res_id,
                      uint32_t hot_x, uint32_t hot_y, uint32_t x, uint32_t y, const struct vgpu_async *a)
{
    struct vgpu_req *r = vgpu_req_get(d, &d->cursor, a);
    struct virtio_gpu_update_cursor *c;
    uintptr_t t;

    if (!r)
        return VG_ERR_BUSY;
    c = (struct virtio_gpu_update_cursor *)r->cmd;
    vgpu_req_hdr(r, type, 0);
    c->pos.scanout_id = vg_cpu_to_le32(scanout_id);
    c->pos.x = vg_cpu_to_le32(x);
    c->pos.y = vg_cpu_to_le32(y);
    c->resource_id = vg_cpu_to_le32(res_id);
    c->hot_x = vg_cpu_to_le32(hot_x);
    c->hot_y = vg_cpu_to_le32(hot_y);
    /* no response buffer: QEMU 7.2 consumes cursor commands silently */
    vgpu_req_layout(r, sizeof(*c), 0, 0);
    /* the device never reports failure here, so record at submit time */
    t = vgpu_state_lock(d);
    if (type == VIRTIO_GPU_CMD_UPDATE_CURSOR) {
        d->cursor_rec.valid = res_id != 0;
        d->cursor_rec.scanout = scanout_id;
        d->cursor_rec.res_id = res_id;
        d->cursor_rec.hot_x = hot_x;
        d->cursor_rec.hot_y = hot_y;
    }
    d->cursor_rec.x = x;
    d->cursor_rec.y = y;
    vgpu_state_unlock(d, t);
    return vgpu_req_submit(r, a, NULL, 0);
}

int vgpu_cmd_update_cursor(struct vgpu_dev *d, uint32_t scanout_id, uint32_t res_id,
                           uint32_t hot_x, uint32_t hot_y, uint32_t x, uint32_t y,
                           const struct vgpu_async *a)
{
    return cursor_cmd(d, VIRTIO_GPU_CMD_UPDATE_CURSOR, scanout_id, res_id, hot_x, hot_y, x, y, a);
}

int vgpu_cmd_move_cursor(struct vgpu_dev *d, uint32_t scanout_id, uint32_t x, uint32_t y,
                         const struct vgpu_async *a)
{
    return cursor_cmd(d, VIRTIO_GPU_CMD_MOVE_CURSOR, scanout_id, 0, 0, 0, x, y, a);
}

/* ---- raw commands (tests) ---- */

int vgpu_submit_raw(struct vgpu_dev *d, const void *cmd, uint32_t cmd_len, void *resp,
                    uint32_t resp_len, uint32_t *resp_type)
{
    struct virtio_gpu_ctrl_hdr h;
    uint8_t buf[VGPU_SLOT_RESP_MAX];
    struct vgpu_req *r;
    int rc;

    if (resp_type)
        *resp_type = 0;
    if (!cmd || cmd_len < sizeof(h) || cmd_len > VGPU_SLOT_CMD_MAX)
        return VG_ERR_INVALID_ARG;
    r = vgpu_req_get(d, &d->ctrl, NULL);
    if (!r)
        return VG_ERR_BUSY;
    vg_memcpy(r->cmd, cmd, cmd_len);
    vgpu_req_layout(r, cmd_len, VGPU_SLOT_RESP_MAX, 0);
    r->resp_min = sizeof(h);
    vg_memset(buf, 0, sizeof(h));
    rc = vgpu_req_submit(r, NULL, buf, sizeof(buf));
    vg_memcpy(&h, buf, sizeof(h));
    if (resp_type)
        *resp_type = vg_le32_to_cpu(h.type);
    if (resp && resp_len)
        vg_memcpy(resp, buf, VG_MIN(resp_len, (uint32_t)sizeof(buf)));
    return rc;
}
