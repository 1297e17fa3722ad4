/*
 * vgpu_core.c — device bring-up, teardown, reset + replay, info/stats
 * (see vgpu.h for the life cycle).
 *
 * Bring-up follows virtio 1.2 3.1.1: reset, ACKNOWLEDGE, DRIVER, features
 * (negotiated before FEATURES_OK and verified), MSI-X vectors, queues,
 * DRIVER_OK; only then are commands sent (the initial display read).
 */
#include "gpu/vgpu_internal.h"

static bool platform_ok(const struct vg_platform *p)
{
    return p && p->alloc && p->free && p->dma_alloc && p->dma_free && p->lock_create &&
           p->lock_destroy && p->lock_acquire && p->lock_release && p->now_ns &&
           p->wait_a_little && p->pci_cfg_read && p->map_bar && p->mmio_read8 &&
           p->mmio_read16 && p->mmio_read32 && p->mmio_write8 && p->mmio_write16 && p->mmio_write32;
}

static uint64_t wanted_features(const struct vgpu_params *prm)
{
    /* ACCESS_PLATFORM: the addresses we hand out are the platform's
     * device-visible ones (vg_dma_buf.pa), so accept it when offered, as
     * the spec asks; a device that requires it rejects FEATURES_OK otherwise */
    uint64_t f = VIRTIO_BIT(VIRTIO_F_VERSION_1) | VIRTIO_BIT(VIRTIO_F_ACCESS_PLATFORM);
    if (!(prm->flags & VGPU_INIT_NO_VIRGL))
        f |= VIRTIO_BIT(VIRTIO_GPU_F_VIRGL);
    if (!(prm->flags & VGPU_INIT_NO_EDID))
        f |= VIRTIO_BIT(VIRTIO_GPU_F_EDID);
    if (!(prm->flags & VGPU_INIT_NO_INDIRECT))
        f |= VIRTIO_BIT(VIRTIO_F_INDIRECT_DESC);
    if (!(prm->flags & VGPU_INIT_NO_EVENT_IDX))
        f |= VIRTIO_BIT(VIRTIO_F_EVENT_IDX);
    return f;
}

/* Everything between reset and DRIVER_OK that is the same for the first
 * start and for a restart after a reset. */
static int negotiate(struct vgpu_dev *d, uint64_t wanted, uint64_t *accepted)
{
    int rc;

    if ((rc = vpci_reset(&d->t)))
        return rc;
    if ((rc = vpci_negotiate(&d->t, wanted, accepted)))
        return rc;
    return vpci_setup_msix(&d->t, d->prm.msix_vectors);
}

/* Reset, features, MSI-X, both queues; undoes its queues on failure. */
static int bring_up(struct vgpu_dev *d)
{
    const struct vgpu_params *prm = &d->prm;
    int rc;

    if ((rc = negotiate(d, wanted_features(prm), &d->features)))
        return rc;
    d->num_scanouts = vpci_cfg_read32(&d->t, VIRTIO_GPU_CONFIG_NUM_SCANOUTS);
    if (d->num_scanouts > VIRTIO_GPU_MAX_SCANOUTS)
        d->num_scanouts = VIRTIO_GPU_MAX_SCANOUTS;
    d->num_capsets = vpci_cfg_read32(&d->t, VIRTIO_GPU_CONFIG_NUM_CAPSETS);
    if ((rc = vgpu_queue_init(d, &d->ctrl, VIRTIO_GPU_QUEUE_CONTROL, prm->ctrl_queue_max, false)))
        return rc;
    if ((rc = vgpu_queue_init(d, &d->cursor, VIRTIO_GPU_QUEUE_CURSOR, prm->cursor_queue_max, true))) {
        vgpu_queue_fini(d, &d->ctrl);
        return rc;
    }
    return 0;
}

int vgpu_init(const struct vg_platform *p, const struct vgpu_params *prm, struct vgpu_dev **out)
{
    struct vgpu_dev *d;
    int rc;

    if (!out || !prm)
        return VG_ERR_INVALID_ARG;
    *out = NULL;
    if (!platform_ok(p))
        return VG_ERR_NO_PLATFORM_OP;
    d = p->alloc(p->ctx, sizeof(*d));
    if (!d)
        return VG_ERR_NO_MEMORY;
    d->p = p;
    d->prm = *prm;
    d->log.p = p;
    d->log.level = prm->log_level;
    d->log.prefix = "vgpu: ";
    if ((rc = vgpu_state_init(d)))
        goto free_dev;
    if ((rc = vpci_probe(&d->t, p, VIRTIO_GPU_PCI_DEVICE_ID)))
        goto fini_state;
    /* more vectors than the MSI-X table has cannot all be programmed */
    if (prm->msix_vectors && prm->msix_vectors > d->t.msix_table_size) {
        rc = d->t.msix_cap ? VG_ERR_INVALID_ARG : VG_ERR_UNSUPPORTED;
        goto remove;
    }
    rc = bring_up(d);
    if (rc == VG_ERR_MSIX_REJECTED && (prm->flags & VGPU_INIT_MSIX_FALLBACK)) {
        /* the device refused a vector: turn MSI-X off so the INTx line
         * works again, and start over on the ISR register */
        uint16_t ctrl;
        vg_warn(&d->log, "MSI-X vector rejected: falling back to INTx");
        if (d->t.msix_cap && p->pci_cfg_write && !p->pci_cfg_read(p->ctx, d->t.msix_cap + 2u, &ctrl, 2)) {
            ctrl &= (uint16_t)~PCI_MSIX_FLAGS_ENABLE;
            p->pci_cfg_write(p->ctx, d->t.msix_cap + 2u, &ctrl, 2);
        }
        d->prm.msix_vectors = 0;
        rc = bring_up(d);
    }
    if (rc)
        goto remove;
    vgpu_fence_init(&d->fences, 0);
    /* an event raised before we were listening is covered by the read below */
    vpci_cfg_write32(&d->t, VIRTIO_GPU_CONFIG_EVENTS_CLEAR, VIRTIO_GPU_EVENT_DISPLAY);
    vpci_driver_ok(&d->t);
    d->inited = true;
    vg_info(&d->log, "features %#llx, %u scanouts, %u capsets, %u MSI-X vectors, queues %u/%u%s%s",
            (unsigned long long)d->features, d->num_scanouts, d->num_capsets, d->t.n_vectors,
            virtq_size(d->ctrl.vq), virtq_size(d->cursor.vq),
            virtq_uses_indirect(d->ctrl.vq) ? ", indirect" : "",
            virtq_uses_event_idx(d->ctrl.vq) ? ", event-idx" : "");
    if (!(prm->flags & VGPU_INIT_NO_DISPLAY_READ)) {
        rc = vgpu_refresh_displays(d);
        if (rc)
            vg_warn(&d->log, "initial display read failed: %s", vg_strerror(rc));
    }
    *out = d;
    return 0;

remove:
    vpci_remove(&d->t);
fini_state:
    vgpu_state_fini(d);
free_dev:
    p->free(p->ctx, d);
    return rc;
}

void vgpu_fini(struct vgpu_dev *d)
{
    if (!d)
        return;
    d->inited = false;
    if (d->t.probed)
        vpci_reset(&d->t); /* the device stops touching our memory */
    vgpu_cancel_all(d);
    vgpu_queue_fini(d, &d->cursor);
    vgpu_queue_fini(d, &d->ctrl);
    vpci_remove(&d->t);
    vgpu_state_fini(d);
    d->p->free(d->p->ctx, d);
}

int vgpu_reset_and_restore(struct vgpu_dev *d)
{
    uint64_t accepted = 0;
    int rc;

    if (!d || !d->t.probed)
        return VG_ERR_STATE;
    vg_info(&d->log, "reset and restore: %u resources", d->n_res);
    d->inited = false;
    d->suspended = false;
    vpci_reset(&d->t);
    vgpu_cancel_all(d);
    __atomic_store_n(&d->pending, 0, __ATOMIC_SEQ_CST);
    d->needs_reset = false;
    d->refresh_wanted = false;
    d->refresh_outstanding = 0;
    if ((rc = negotiate(d, d->features, &accepted)))
        goto failed;
    if (accepted != d->features) {
        rc = VG_ERR_FEATURES_REJECTED; /* the records assume the old features */
        goto failed;
    }
    if ((rc = vpci_queue_reprogram(&d->t, d->ctrl.vq)) || (rc = vpci_queue_reprogram(&d->t, d->cursor.vq)))
        goto failed;
    vpci_driver_ok(&d->t);
    d->inited = true;
    rc = vgpu_replay(d);
    if (rc)
        vg_err(&d->log, "replay failed: %s", vg_strerror(rc));
    return rc;

failed:
    d->needs_reset = true;
    vg_err(&d->log, "device restart failed: %s", vg_strerror(rc));
    return rc;
}

int vgpu_suspend(struct vgpu_dev *d)
{
    if (!d || !d->t.probed)
        return VG_ERR_STATE;
    if (d->suspended)
        return 0;
    vg_info(&d->log, "suspend: releasing the device, keeping %u resource records", d->n_res);
    /* stop claiming interrupts and taking commands before the reset, so
     * nothing is queued to a device that no longer runs its queues */
    d->suspended = true;
    d->inited = false;
    vpci_reset(&d->t);
    vgpu_cancel_all(d);
    __atomic_store_n(&d->pending, 0, __ATOMIC_SEQ_CST);
    d->refresh_wanted = false;
    d->refresh_outstanding = 0;
    return 0;
}

bool vgpu_is_suspended(struct vgpu_dev *d) { return d && d->suspended; }

bool vgpu_needs_reset(struct vgpu_dev *d) { return d->needs_reset; }

void vgpu_get_info(struct vgpu_dev *d, struct vgpu_info *o)
{
    vg_memset(o, 0, sizeof(*o));
    o->features = d->features;
    o->num_scanouts = d->num_scanouts;
    o->num_capsets = d->num_capsets;
    o->virgl = (d->features & VIRTIO_BIT(VIRTIO_GPU_F_VIRGL)) != 0;
    o->edid = (d->features & VIRTIO_BIT(VIRTIO_GPU_F_EDID)) != 0;
    o->indirect = d->ctrl.vq && virtq_uses_indirect(d->ctrl.vq);
    o->event_idx = d->ctrl.vq && virtq_uses_event_idx(d->ctrl.vq);
    o->msix_vectors = d->t.n_vectors;
    o->ctrl_queue_size = d->ctrl.vq ? virtq_size(d->ctrl.vq) : 0;
    o->cursor_queue_size = d->cursor.vq ? virtq_size(d->cursor.vq) : 0;
}

void vgpu_get_stats(struct vgpu_dev *d, struct vgpu_stats *o)
{
    *o = d->stats;
    if (d->ctrl.vq) {
        const struct virtq_stats *s = virtq_get_stats(d->ctrl.vq);
        o->ctrl_added = s->added;
        o->ctrl_notifies = s->notifies;
        o->ctrl_used = s->used;
        o->bad_used += virtq_bad_used(d->ctrl.vq);
    }
    if (d->cursor.vq) {
        const struct virtq_stats *s = virtq_get_stats(d->cursor.vq);
        o->cursor_added = s->added;
        o->cursor_notifies = s->notifies;
        o->cursor_used = s->used;
        o->bad_used += virtq_bad_used(d->cursor.vq);
    }
}

uint64_t vgpu_fence_last_completed(struct vgpu_dev *d)
{
    uintptr_t t = d->p->lock_acquire(d->p->ctx, d->ctrl.lock);
    uint64_t v = d->fences.completed;
    d->p->lock_release(d->p->ctx, d->ctrl.lock, t);
    return v;
}

uint64_t vgpu_fence_last_emitted(struct vgpu_dev *d)
{
    uintptr_t t = d->p->lock_acquire(d->p->ctx, d->ctrl.lock);
    uint64_t v = d->fences.last_emitted;
    d->p->lock_release(d->p->ctx, d->ctrl.lock, t);
    return v;
}

int vgpu_fence_wait(struct vgpu_dev *d, uint64_t fence, uint64_t timeout_ns)
{
    uint64_t start = d->p->now_ns(d->p->ctx);

    if (!timeout_ns)
        timeout_ns = d->prm.timeout_ns ? d->prm.timeout_ns : VGPU_DEFAULT_TIMEOUT_NS;
    if (fence > vgpu_fence_last_emitted(d))
        return VG_ERR_INVALID_ARG; /* would wait for something never sent */
    for (;;) {
        vgpu_process_queue(d, &d->ctrl);
        if (vgpu_fence_last_completed(d) >= fence)
            return 0;
        if (d->needs_reset)
            return VG_ERR_DEVICE_NEEDS_RESET;
        if (d->p->now_ns(d->p->ctx) - start > timeout_ns)
            return VG_ERR_TIMEOUT;
        d->p->wait_a_little(d->p->ctx, 100000);
    }
}

const char *vgpu_cmd_name(uint32_t type)
{
    switch (type) {
    case VIRTIO_GPU_CMD_GET_DISPLAY_INFO: return "GET_DISPLAY_INFO";
    case VIRTIO_GPU_CMD_RESOURCE_CREATE_2D: return "RESOURCE_CREATE_2D";
    case VIRTIO_GPU_CMD_RESOURCE_UNREF: return "RESOURCE_UNREF";
    case VIRTIO_GPU_CMD_SET_SCANOUT: return "SET_SCANOUT";
    case VIRTIO_GPU_CMD_RESOURCE_FLUSH: return "RESOURCE_FLUSH";
    case VIRTIO_GPU_CMD_TRANSFER_TO_HOST_2D: return "TRANSFER_TO_HOST_2D";
    case VIRTIO_GPU_CMD_RESOURCE_ATTACH_BACKING: return "RESOURCE_ATTACH_BACKING";
    case VIRTIO_GPU_CMD_RESOURCE_DETACH_BACKING: return "RESOURCE_DETACH_BACKING";
    case VIRTIO_GPU_CMD_GET_CAPSET_INFO: return "GET_CAPSET_INFO";
    case VIRTIO_GPU_CMD_GET_CAPSET: return "GET_CAPSET";
    case VIRTIO_GPU_CMD_GET_EDID: return "GET_EDID";
    case VIRTIO_GPU_CMD_CTX_CREATE: return "CTX_CREATE";
    case VIRTIO_GPU_CMD_CTX_DESTROY: return "CTX_DESTROY";
    case VIRTIO_GPU_CMD_CTX_ATTACH_RESOURCE: return "CTX_ATTACH_RESOURCE";
    case VIRTIO_GPU_CMD_CTX_DETACH_RESOURCE: return "CTX_DETACH_RESOURCE";
    case VIRTIO_GPU_CMD_RESOURCE_CREATE_3D: return "RESOURCE_CREATE_3D";
    case VIRTIO_GPU_CMD_TRANSFER_TO_HOST_3D: return "TRANSFER_TO_HOST_3D";
    case VIRTIO_GPU_CMD_TRANSFER_FROM_HOST_3D: return "TRANSFER_FROM_HOST_3D";
    case VIRTIO_GPU_CMD_SUBMIT_3D: return "SUBMIT_3D";
    case VIRTIO_GPU_CMD_UPDATE_CURSOR: return "UPDATE_CURSOR";
    case VIRTIO_GPU_CMD_MOVE_CURSOR: return "MOVE_CURSOR";
    default: return "CMD_?";
    }
}
