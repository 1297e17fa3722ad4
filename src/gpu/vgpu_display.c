/*
 * vgpu_display.c — GET_DISPLAY_INFO and GET_EDID, the core's per-scanout
 * display records, and the asynchronous refresh that follows a
 * VIRTIO_GPU_EVENT_DISPLAY.
 *
 * The refresh runs entirely from completion callbacks (no waiting in the
 * DPC): display info first, then one GET_EDID per scanout, and when the
 * last answer is in, params.display_changed(client, changed_mask).  An
 * event arriving while a refresh is running schedules one more round.
 */
#include "gpu/vgpu_internal.h"

void vgpu_display_update_info(struct vgpu_dev *d, const struct virtio_gpu_resp_display_info *ri,
                              uint32_t *changed)
{
    uint32_t mask = 0;
    uintptr_t t = vgpu_state_lock(d);

    for (uint32_t i = 0; i < d->num_scanouts; i++) {
        struct vgpu_display *disp = &d->displays[i];
        const struct virtio_gpu_display_one *w = &ri->pmodes[i];
        bool en = vg_le32_to_cpu(w->enabled) != 0;
        struct vgpu_rect r = { vg_le32_to_cpu(w->r.x), vg_le32_to_cpu(w->r.y),
                               vg_le32_to_cpu(w->r.width), vg_le32_to_cpu(w->r.height) };
        if (en != disp->enabled || vg_memcmp(&r, &disp->r, sizeof(r)))
            mask |= 1u << i;
        disp->enabled = en;
        disp->r = r;
        disp->flags = vg_le32_to_cpu(w->flags);
    }
    d->refresh_changed |= mask;
    vgpu_state_unlock(d, t);
    if (changed)
        *changed = mask;
}

void vgpu_display_update_edid(struct vgpu_dev *d, uint32_t scanout, int status,
                              const struct virtio_gpu_resp_edid *re, uint32_t written)
{
    struct vgpu_display *disp;
    uintptr_t t;

    if (scanout >= VIRTIO_GPU_MAX_SCANOUTS)
        return;
    t = vgpu_state_lock(d);
    disp = &d->displays[scanout];
    if (status == 0 && re) {
        uint32_t size = vg_le32_to_cpu(re->size);
        uint32_t avail = written > 32 ? written - 32 : 0;
        /* never trust the size field beyond what the device wrote */
        if (size > VIRTIO_GPU_EDID_MAX)
            size = VIRTIO_GPU_EDID_MAX;
        if (size > avail)
            size = avail;
        if (size != disp->edid_len || vg_memcmp(disp->edid, re->edid, size))
            d->refresh_changed |= 1u << scanout;
        vg_memcpy(disp->edid, re->edid, size);
        disp->edid_len = size;
        disp->edid_status = vgpu_edid_parse(disp->edid, size, &disp->modes);
    } else {
        disp->edid_status = status ? status : VG_ERR_UNSUPPORTED;
        disp->edid_len = 0;
        vg_memset(&disp->modes, 0, sizeof(disp->modes));
        disp->modes.preferred = -1;
    }
    vgpu_state_unlock(d, t);
}

/* ---- GET_DISPLAY_INFO ---- */

static void post_display_info(struct vgpu_req *r)
{
    if (r->status == 0)
        vgpu_display_update_info(r->dev, (const struct virtio_gpu_resp_display_info *)r->resp, NULL);
}

int vgpu_cmd_get_display_info(struct vgpu_dev *d, struct virtio_gpu_resp_display_info *out,
                              const struct vgpu_async *a)
{
    struct vgpu_req *r = vgpu_req_get(d, &d->ctrl, a);

    if (!r)
        return VG_ERR_BUSY;
    vgpu_req_hdr(r, VIRTIO_GPU_CMD_GET_DISPLAY_INFO, 0);
    vgpu_req_layout(r, sizeof(struct virtio_gpu_ctrl_hdr), sizeof(struct virtio_gpu_resp_display_info),
                    VIRTIO_GPU_RESP_OK_DISPLAY_INFO);
    r->post = post_display_info;
    return vgpu_req_submit(r, a, out, out ? sizeof(*out) : 0);
}

/* ---- GET_EDID ---- */

static void post_edid(struct vgpu_req *r)
{
    vgpu_display_update_edid(r->dev, r->u[0], r->status,
                             r->status ? NULL : (const struct virtio_gpu_resp_edid *)r->resp,
                             r->resp_written);
}

int vgpu_cmd_get_edid(struct vgpu_dev *d, uint32_t scanout, uint8_t *buf, uint32_t buf_len,
                      uint32_t *edid_len, const struct vgpu_async *a)
{
    struct vgpu_req *r;
    struct virtio_gpu_cmd_get_edid *c;
    int rc;

    if (edid_len)
        *edid_len = 0;
    if (!(d->features & VIRTIO_BIT(VIRTIO_GPU_F_EDID)))
        return VG_ERR_UNSUPPORTED;
    r = vgpu_req_get(d, &d->ctrl, a);
    if (!r)
        return VG_ERR_BUSY;
    c = (struct virtio_gpu_cmd_get_edid *)r->cmd;
    vgpu_req_hdr(r, VIRTIO_GPU_CMD_GET_EDID, 0);
    c->scanout = vg_cpu_to_le32(scanout);
    vgpu_req_layout(r, sizeof(*c), sizeof(struct virtio_gpu_resp_edid), VIRTIO_GPU_RESP_OK_EDID);
    r->resp_min = 32; /* hdr + size + padding; the blob may be shorter */
    r->post = post_edid;
    r->u[0] = scanout;
    rc = vgpu_req_submit(r, a, NULL, 0);
    if (!a && rc == 0 && scanout < VIRTIO_GPU_MAX_SCANOUTS) {
        /* the post hook stored it in the display record: copy from there */
        uintptr_t t = vgpu_state_lock(d);
        uint32_t n = d->displays[scanout].edid_len;
        if (buf)
            vg_memcpy(buf, d->displays[scanout].edid, VG_MIN(n, buf_len));
        if (edid_len)
            *edid_len = n;
        vgpu_state_unlock(d, t);
    }
    return rc;
}

/* ---- synchronous refresh ---- */

int vgpu_refresh_displays(struct vgpu_dev *d)
{
    int rc, first = 0;

    rc = vgpu_cmd_get_display_info(d, NULL, NULL);
    if (rc)
        return rc;
    for (uint32_t i = 0; i < d->num_scanouts; i++) {
        if (d->features & VIRTIO_BIT(VIRTIO_GPU_F_EDID)) {
            rc = vgpu_cmd_get_edid(d, i, NULL, 0, NULL, NULL);
            if (rc && !first)
                first = rc;
        } else {
            vgpu_display_update_edid(d, i, VG_ERR_UNSUPPORTED, NULL, 0);
        }
    }
    return first;
}

int vgpu_get_display(struct vgpu_dev *d, uint32_t scanout, struct vgpu_display *out)
{
    uintptr_t t;

    if (scanout >= d->num_scanouts)
        return VG_ERR_INVALID_ARG;
    t = vgpu_state_lock(d);
    vg_memcpy(out, &d->displays[scanout], sizeof(*out));
    vgpu_state_unlock(d, t);
    return 0;
}

/* ---- asynchronous refresh after a display event ---- */

static void refresh_finish_one(struct vgpu_dev *d)
{
    uint32_t changed = 0;
    bool last;
    uintptr_t t = vgpu_state_lock(d);

    last = --d->refresh_outstanding == 0;
    if (last) {
        changed = d->refresh_changed;
        d->refresh_changed = 0;
    }
    vgpu_state_unlock(d, t);
    if (last && d->prm.display_changed)
        d->prm.display_changed(d->prm.client, changed);
}

static void on_edid(void *arg, int status, uint64_t fence, const void *resp, uint32_t len)
{
    (void)status; (void)fence; (void)resp; (void)len; /* post_edid stored it */
    refresh_finish_one(arg);
}

static void on_info(void *arg, int status, uint64_t fence, const void *resp, uint32_t len)
{
    struct vgpu_dev *d = arg;
    struct vgpu_async a = { .done = on_edid, .arg = d };

    (void)fence; (void)resp; (void)len;
    if (status == 0 && (d->features & VIRTIO_BIT(VIRTIO_GPU_F_EDID))) {
        for (uint32_t i = 0; i < d->num_scanouts; i++) {
            uintptr_t t = vgpu_state_lock(d);
            d->refresh_outstanding++;
            vgpu_state_unlock(d, t);
            if (vgpu_cmd_get_edid(d, i, NULL, 0, NULL, &a)) {
                t = vgpu_state_lock(d);
                d->refresh_outstanding--;
                d->refresh_wanted = true; /* ring full: try again later */
                vgpu_state_unlock(d, t);
            }
        }
    } else if (status && status != VG_ERR_CANCELLED) {
        d->refresh_wanted = true;
    }
    refresh_finish_one(d);
}

void vgpu_display_event(struct vgpu_dev *d)
{
    struct vgpu_async a = { .done = on_info, .arg = d };
    uintptr_t t = vgpu_state_lock(d);

    if (d->refresh_outstanding) {
        d->refresh_wanted = true;
        vgpu_state_unlock(d, t);
        return;
    }
    d->refresh_outstanding = 1;
    d->refresh_wanted = false;
    d->refresh_changed = 0; /* only what this round finds (not the initial read) */
    vgpu_state_unlock(d, t);
    if (vgpu_cmd_get_display_info(d, NULL, &a)) {
        t = vgpu_state_lock(d);
        d->refresh_outstanding = 0;
        d->refresh_wanted = true;
        vgpu_state_unlock(d, t);
    }
}
