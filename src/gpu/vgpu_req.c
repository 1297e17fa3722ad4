/*
 * vgpu_req.c — request slots, submission, synchronous waits, completion,
 * interrupts and the DPC-side reaping (see vgpu_internal.h).
 *
 * Locking: each queue has one spin lock protecting its virtqueue and its
 * free slots; the fence timeline is protected by the control queue's lock,
 * so a fence id is taken only once the ring slot is known to be free and
 * ids reach the ring in increasing order.  Completions run with no lock.
 */
#include "gpu/vgpu_internal.h"

#define REAP_BATCH 16u
#define WAIT_SLICE_NS 100000ull

static uintptr_t qlock(struct vgpu_dev *d, struct vgpu_queue *q) { return d->p->lock_acquire(d->p->ctx, q->lock); }
static void qunlock(struct vgpu_dev *d, struct vgpu_queue *q, uintptr_t t) { d->p->lock_release(d->p->ctx, q->lock, t); }

int vgpu_queue_init(struct vgpu_dev *d, struct vgpu_queue *q, uint16_t index, uint16_t max, bool cursor)
{
    const struct vg_platform *p = d->p;
    uint32_t n;
    int rc;

    q->cursor = cursor;
    vg_list_init(&q->free);
    rc = vpci_queue_setup(&d->t, index, max, &q->vq);
    if (rc)
        return rc;
    n = virtq_size(q->vq);
    if (n > (cursor ? VGPU_CURSOR_SLOTS_MAX : VGPU_CTRL_SLOTS_MAX))
        n = cursor ? VGPU_CURSOR_SLOTS_MAX : VGPU_CTRL_SLOTS_MAX;
    q->n_reqs = n;
    q->lock = p->lock_create(p->ctx);
    if (!q->lock) {
        rc = VG_ERR_NO_MEMORY;
        goto destroy_vq;
    }
    q->reqs = p->alloc(p->ctx, sizeof(*q->reqs) * n);
    if (!q->reqs) {
        rc = VG_ERR_NO_MEMORY;
        goto destroy_lock;
    }
    if (p->dma_alloc(p->ctx, (uint64_t)VGPU_SLOT_SIZE * n, 4096, &q->pool)) {
        rc = VG_ERR_NO_DMA_MEMORY;
        goto free_reqs;
    }
    for (uint32_t i = 0; i < n; i++) {
        struct vgpu_req *r = &q->reqs[i];
        uint64_t off = (uint64_t)VGPU_SLOT_SIZE * i;
        r->dev = d;
        r->q = q;
        r->cmd = (uint8_t *)q->pool.va + off + VGPU_SLOT_CMD_OFF;
        r->resp = (uint8_t *)q->pool.va + off + VGPU_SLOT_RESP_OFF;
        r->ext = (uint8_t *)q->pool.va + off + VGPU_SLOT_EXT_OFF;
        r->cmd_pa = q->pool.pa + off + VGPU_SLOT_CMD_OFF;
        r->resp_pa = q->pool.pa + off + VGPU_SLOT_RESP_OFF;
        r->ext_pa = q->pool.pa + off + VGPU_SLOT_EXT_OFF;
        vg_list_add_tail(&q->free, &r->node);
    }
    return 0;

free_reqs:
    p->free(p->ctx, q->reqs);
    q->reqs = NULL;
destroy_lock:
    p->lock_destroy(p->ctx, q->lock);
    q->lock = NULL;
destroy_vq:
    virtq_destroy(q->vq);
    q->vq = NULL;
    return rc;
}

void vgpu_queue_fini(struct vgpu_dev *d, struct vgpu_queue *q)
{
    const struct vg_platform *p = d->p;

    if (q->reqs) {
        for (uint32_t i = 0; i < q->n_reqs; i++) {
            if (q->reqs[i].big.va)
                p->dma_free(p->ctx, &q->reqs[i].big);
            if (q->reqs[i].ptr)
                p->free(p->ctx, q->reqs[i].ptr);
        }
        p->free(p->ctx, q->reqs);
        q->reqs = NULL;
    }
    if (q->pool.va)
        p->dma_free(p->ctx, &q->pool);
    q->pool.va = NULL;
    if (q->lock)
        p->lock_destroy(p->ctx, q->lock);
    q->lock = NULL;
    virtq_destroy(q->vq);
    q->vq = NULL;
}

static uint64_t sync_timeout(struct vgpu_dev *d)
{
    return d->prm.timeout_ns ? d->prm.timeout_ns : VGPU_DEFAULT_TIMEOUT_NS;
}

static struct vg_list *take_free(struct vgpu_dev *d, struct vgpu_queue *q)
{
    uintptr_t t = qlock(d, q);
    struct vg_list *n = vg_list_first(&q->free);
    if (n)
        vg_list_del(n);
    qunlock(d, q, t);
    return n;
}

struct vgpu_req *vgpu_req_get(struct vgpu_dev *d, struct vgpu_queue *q, const struct vgpu_async *a)
{
    struct vg_list *n;
    struct vgpu_req *r;

    if (!q->vq)
        return NULL;
    n = take_free(d, q);
    if (!n && !a) {
        /* synchronous callers wait (bounded) for a slot to come back */
        uint64_t start = d->p->now_ns(d->p->ctx);
        while (!n && !d->needs_reset && d->p->now_ns(d->p->ctx) - start <= sync_timeout(d)) {
            vgpu_process_queue(d, q);
            n = take_free(d, q);
            if (!n)
                d->p->wait_a_little(d->p->ctx, WAIT_SLICE_NS);
        }
    }
    if (!n)
        return NULL;
    r = VG_CONTAINER_OF(n, struct vgpu_req, node);
    r->cmd_len = r->resp_len = r->resp_min = r->resp_written = r->expect = 0;
    r->fence = 0;
    r->status = 0;
    r->sync = r->completed = r->abandoned = r->replay = false;
    r->done = NULL;
    r->arg = NULL;
    r->post = NULL;
    vg_memset(r->u, 0, sizeof(r->u));
    r->ptr = NULL;
    r->n_out = r->n_in = 0;
    vg_memset(r->cmd, 0, VGPU_SLOT_CMD_MAX);
    vg_memset(r->resp, 0, sizeof(struct virtio_gpu_ctrl_hdr));
    return r;
}

void vgpu_req_put(struct vgpu_req *r)
{
    struct vgpu_dev *d = r->dev;
    uintptr_t t;

    if (r->big.va)
        d->p->dma_free(d->p->ctx, &r->big);
    r->big.va = NULL;
    if (r->ptr)
        d->p->free(d->p->ctx, r->ptr);
    r->ptr = NULL;
    t = qlock(d, r->q);
    vg_list_add_tail(&r->q->free, &r->node);
    qunlock(d, r->q, t);
}

void *vgpu_req_big(struct vgpu_req *r, uint64_t size, uint64_t *pa)
{
    const struct vg_platform *p = r->dev->p;

    if (r->big.va || p->dma_alloc(p->ctx, size, 4096, &r->big))
        return NULL;
    *pa = r->big.pa;
    return r->big.va;
}

struct virtio_gpu_ctrl_hdr *vgpu_req_hdr(struct vgpu_req *r, uint32_t type, uint32_t ctx_id)
{
    struct virtio_gpu_ctrl_hdr *h = (struct virtio_gpu_ctrl_hdr *)r->cmd;
    h->type = vg_cpu_to_le32(type);
    h->ctx_id = vg_cpu_to_le32(ctx_id);
    return h;
}

void vgpu_req_layout(struct vgpu_req *r, uint32_t cmd_len, uint32_t resp_len, uint32_t expect)
{
    r->cmd_len = cmd_len;
    r->sg[0].pa = r->cmd_pa;
    r->sg[0].len = cmd_len;
    r->n_out = 1;
    r->resp_len = resp_len;
    r->resp_min = resp_len;
    r->expect = expect;
}

void vgpu_req_add_out(struct vgpu_req *r, uint64_t pa, uint32_t len)
{
    r->sg[r->n_out].pa = pa;
    r->sg[r->n_out].len = len;
    r->n_out++;
    r->cmd_len += len;
}

int vgpu_decode_resp(uint32_t type)
{
    switch (type) {
    case VIRTIO_GPU_RESP_ERR_UNSPEC: return VG_ERR_DEV_UNSPEC;
    case VIRTIO_GPU_RESP_ERR_OUT_OF_MEMORY: return VG_ERR_DEV_OUT_OF_MEMORY;
    case VIRTIO_GPU_RESP_ERR_INVALID_SCANOUT_ID: return VG_ERR_DEV_INVALID_SCANOUT_ID;
    case VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID: return VG_ERR_DEV_INVALID_RESOURCE_ID;
    case VIRTIO_GPU_RESP_ERR_INVALID_CONTEXT_ID: return VG_ERR_DEV_INVALID_CONTEXT_ID;
    case VIRTIO_GPU_RESP_ERR_INVALID_PARAMETER: return VG_ERR_DEV_INVALID_PARAMETER;
    default: return VG_ERR_DEV_UNKNOWN_RESPONSE;
    }
}

static int wait_sync(struct vgpu_req *r, void *copy_out, uint32_t copy_len, uint32_t *written)
{
    struct vgpu_dev *d = r->dev;
    struct vgpu_queue *q = r->q;
    uint64_t timeout = sync_timeout(d);
    uint64_t start = d->p->now_ns(d->p->ctx);
    int status;

    for (;;) {
        uintptr_t t;
        int give_up = 0;

        /* poll ourselves: progress even with interrupts off or masked */
        vgpu_process_queue(d, q);
        t = qlock(d, q);
        if (r->completed) {
            qunlock(d, q, t);
            break;
        }
        if (d->needs_reset)
            give_up = VG_ERR_DEVICE_NEEDS_RESET;
        else if (d->p->now_ns(d->p->ctx) - start > timeout)
            /* a lost config interrupt must not hide a broken device */
            give_up = vpci_needs_reset(&d->t) ? VG_ERR_DEVICE_NEEDS_RESET : VG_ERR_TIMEOUT;
        if (give_up == VG_ERR_DEVICE_NEEDS_RESET)
            d->needs_reset = true;
        if (give_up) {
            /* the device still owns the slot; completion frees it later */
            r->abandoned = true;
            qunlock(d, q, t);
            __atomic_fetch_add(&d->stats.timeouts, 1, __ATOMIC_RELAXED);
            vg_warn(&d->log, "%s timed out or device failed (%s)",
                    vgpu_cmd_name(vg_le32_to_cpu(((struct virtio_gpu_ctrl_hdr *)r->cmd)->type)),
                    vg_strerror(give_up));
            return give_up;
        }
        qunlock(d, q, t);
        d->p->wait_a_little(d->p->ctx, WAIT_SLICE_NS);
    }
    status = r->status;
    if (written)
        *written = r->resp_written;
    if (copy_out && copy_len) {
        uint32_t n = VG_MIN(copy_len, r->resp_written);
        const uint8_t *src = r->big.va && r->resp_len > VGPU_SLOT_RESP_MAX ? (const uint8_t *)r->big.va : r->resp;
        vg_memcpy(copy_out, src, n);
    }
    vgpu_req_put(r);
    return status;
}

/* The post hook runs exactly once per request, also when it never reached
 * the ring, so record keeping has a single place to undo a reservation. */
static int req_fail_put(struct vgpu_req *r, int rc)
{
    r->status = rc;
    if (r->post)
        r->post(r);
    vgpu_req_put(r);
    return rc;
}

int vgpu_req_fail(struct vgpu_dev *d, vgpu_post_fn post, const uint32_t *u, uint32_t nu,
                  void *ptr, bool replay, int rc)
{
    struct vgpu_req fake;

    vg_memset(&fake, 0, sizeof(fake));
    fake.dev = d;
    fake.status = rc;
    fake.replay = replay;
    fake.ptr = ptr;
    for (uint32_t i = 0; i < nu && i < VG_ARRAY_SIZE(fake.u); i++)
        fake.u[i] = u[i];
    if (post)
        post(&fake);
    if (fake.ptr)
        d->p->free(d->p->ctx, fake.ptr);
    return rc;
}

int vgpu_req_submit(struct vgpu_req *r, const struct vgpu_async *a, void *copy_out, uint32_t copy_len)
{
    return vgpu_req_submit_ex(r, a, copy_out, copy_len, NULL);
}

int vgpu_req_submit_ex(struct vgpu_req *r, const struct vgpu_async *a, void *copy_out, uint32_t copy_len,
                       uint32_t *written)
{
    struct vgpu_dev *d = r->dev;
    struct vgpu_queue *q = r->q;
    struct virtio_gpu_ctrl_hdr *h = (struct virtio_gpu_ctrl_hdr *)r->cmd;
    bool kick = false;
    uint32_t n;
    uintptr_t t;
    int rc;

    if (d->suspended)
        return req_fail_put(r, VG_ERR_SUSPENDED);
    if (d->needs_reset)
        return req_fail_put(r, VG_ERR_DEVICE_NEEDS_RESET);
    if (r->resp_len) {
        uint64_t pa = r->resp_len > VGPU_SLOT_RESP_MAX ? r->big.pa : r->resp_pa;
        r->sg[r->n_out].pa = pa;
        r->sg[r->n_out].len = r->resp_len;
        r->n_in = 1;
    }
    n = r->n_out + r->n_in;
    r->sync = (a == NULL);
    if (a) {
        r->done = a->done;
        r->arg = a->arg;
    }
    t = qlock(d, q);
    if (virtq_num_free(q->vq) < virtq_descs_needed(q->vq, n)) {
        /* async: "busy" at once; sync: wait (bounded) for ring space */
        uint64_t start = d->p->now_ns(d->p->ctx);
        do {
            qunlock(d, q, t);
            if (a || d->needs_reset || d->p->now_ns(d->p->ctx) - start > sync_timeout(d))
                return req_fail_put(r, VG_ERR_BUSY);
            d->p->wait_a_little(d->p->ctx, WAIT_SLICE_NS);
            vgpu_process_queue(d, q);
            t = qlock(d, q);
        } while (virtq_num_free(q->vq) < virtq_descs_needed(q->vq, n));
    }
    if (a && a->fence && !q->cursor) {
        r->fence = vgpu_fence_emit(&d->fences);
        h->flags |= vg_cpu_to_le32(VIRTIO_GPU_FLAG_FENCE);
        h->fence_id = vg_cpu_to_le64(r->fence);
    }
    if (a && a->fence_out)
        *a->fence_out = r->fence;
    rc = virtq_add(q->vq, r->sg, r->n_out, r->n_in, r);
    if (rc) {
        qunlock(d, q, t);
        return req_fail_put(r, rc);
    }
    __atomic_fetch_add(&d->stats.bytes_out, r->cmd_len, __ATOMIC_RELAXED); /* two queue locks */
    if (a && a->no_kick)
        q->unkicked = true;
    else {
        q->unkicked = false;
        kick = virtq_kick_prepare(q->vq);
    }
    qunlock(d, q, t);
    if (kick)
        virtq_notify(q->vq);
    if (a)
        return 0; /* r may already be completed and recycled: do not touch */
    return wait_sync(r, copy_out, copy_len, written);
}

static void fence_done(struct vgpu_dev *d, struct vgpu_req *r)
{
    const struct virtio_gpu_ctrl_hdr *h = (const struct virtio_gpu_ctrl_hdr *)r->resp;
    bool advanced;
    uint64_t completed;
    uintptr_t t;

    t = qlock(d, &d->ctrl);
    /* trust the device's (32-bit significant) echo when it wrote one, and
     * our own record when it did not; both are extended monotonically */
    if (r->resp_written >= sizeof(*h) && (vg_le32_to_cpu(h->flags) & VIRTIO_GPU_FLAG_FENCE) &&
        vgpu_fence_extend(&d->fences, (uint32_t)vg_le64_to_cpu(h->fence_id)) == r->fence)
        advanced = vgpu_fence_complete32(&d->fences, (uint32_t)vg_le64_to_cpu(h->fence_id));
    else
        advanced = vgpu_fence_complete64(&d->fences, r->fence);
    completed = d->fences.completed;
    qunlock(d, &d->ctrl, t);
    if (advanced && d->prm.fence_done)
        d->prm.fence_done(d->prm.client, completed);
}

static void req_complete(struct vgpu_dev *d, struct vgpu_req *r, bool cancelled)
{
    struct vgpu_queue *q = r->q;
    uintptr_t t;

    if (cancelled) {
        r->status = VG_ERR_CANCELLED;
    } else if (q->cursor || r->resp_len == 0) {
        r->status = 0; /* QEMU's cursor queue never writes a response */
    } else {
        const uint8_t *resp = r->resp_len > VGPU_SLOT_RESP_MAX ? (const uint8_t *)r->big.va : r->resp;
        uint32_t type = vg_le32_to_cpu(((const struct virtio_gpu_ctrl_hdr *)resp)->type);
        if (r->resp_written < sizeof(struct virtio_gpu_ctrl_hdr))
            r->status = VG_ERR_DEV_SHORT_RESPONSE;
        else if (r->expect == 0 && type >= VIRTIO_GPU_RESP_OK_NODATA && type < VIRTIO_GPU_RESP_ERR_UNSPEC)
            r->status = 0; /* raw command: any OK response */
        else if (type == r->expect)
            r->status = r->resp_written < r->resp_min ? VG_ERR_DEV_SHORT_RESPONSE : 0;
        else
            r->status = vgpu_decode_resp(type);
    }
    if (r->fence)
        fence_done(d, r);
    if (r->post)
        r->post(r);

    t = qlock(d, q);
    if (r->sync && !r->abandoned) {
        r->completed = true; /* the waiter copies the response and frees r */
        qunlock(d, q, t);
        return;
    }
    qunlock(d, q, t);
    if (!r->sync && r->done) {
        const void *resp = r->resp_len > VGPU_SLOT_RESP_MAX ? r->big.va : r->resp;
        r->done(r->arg, r->status, r->fence, resp, r->resp_written);
    }
    vgpu_req_put(r);
}

void vgpu_process_queue(struct vgpu_dev *d, struct vgpu_queue *q)
{
    struct vgpu_req *batch[REAP_BATCH];
    uint32_t n;

    if (!q->vq)
        return;
    do {
        uintptr_t t = qlock(d, q);
        n = 0;
        while (n < REAP_BATCH) {
            uint32_t len = 0;
            struct vgpu_req *r = virtq_get_used(q->vq, &len);
            if (!r)
                break;
            r->resp_written = len > r->resp_len ? r->resp_len : len;
            batch[n++] = r;
        }
        qunlock(d, q, t);
        for (uint32_t i = 0; i < n; i++)
            req_complete(d, batch[i], false);
    } while (n == REAP_BATCH);
}

struct cancel_list {
    struct vgpu_req *reqs[VGPU_CTRL_SLOTS_MAX];
    uint32_t n;
};

static void drop_one(void *arg, void *cookie)
{
    struct cancel_list *cl = arg;
    if (cl->n < VG_ARRAY_SIZE(cl->reqs))
        cl->reqs[cl->n++] = cookie;
}

void vgpu_cancel_all(struct vgpu_dev *d)
{
    struct vgpu_queue *qs[2] = { &d->ctrl, &d->cursor };

    for (int i = 0; i < 2; i++) {
        struct cancel_list cl;
        uintptr_t t;

        if (!qs[i]->vq)
            continue;
        cl.n = 0;
        t = qlock(d, qs[i]);
        virtq_reset(qs[i]->vq, drop_one, &cl);
        qs[i]->unkicked = false;
        qunlock(d, qs[i], t);
        for (uint32_t k = 0; k < cl.n; k++)
            req_complete(d, cl.reqs[k], true);
    }
}

/* ---- interrupts ---- */

bool vgpu_isr(struct vgpu_dev *d, uint32_t vector)
{
    uint32_t bits;

    if (!d || !d->inited)
        return false;
    if (vector == VGPU_ISR_INTX) {
        uint8_t isr = vpci_isr_read(&d->t); /* read-to-clear deasserts the line */
        if (!isr || isr == 0xff)
            return false;
        bits = ((isr & VIRTIO_ISR_QUEUE) ? VGPU_PENDING_QUEUE : 0) |
               ((isr & VIRTIO_ISR_CONFIG) ? VGPU_PENDING_CONFIG : 0);
    } else if (d->t.n_vectors <= 1) {
        bits = VGPU_PENDING_QUEUE | VGPU_PENDING_CONFIG;
    } else {
        bits = vector == 0 ? VGPU_PENDING_CONFIG : VGPU_PENDING_QUEUE;
    }
    __atomic_fetch_or(&d->pending, bits, __ATOMIC_SEQ_CST);
    __atomic_fetch_add(&d->stats.interrupts, 1, __ATOMIC_RELAXED);
    return true;
}

static void handle_config(struct vgpu_dev *d)
{
    uint32_t events;

    if (vpci_needs_reset(&d->t)) {
        bool first = !d->needs_reset;
        d->needs_reset = true;
        vg_err(&d->log, "device needs reset (status %#x)", vpci_get_status(&d->t));
        if (first && d->prm.device_error)
            d->prm.device_error(d->prm.client, VG_ERR_DEVICE_NEEDS_RESET);
        return;
    }
    events = vpci_cfg_read32(&d->t, VIRTIO_GPU_CONFIG_EVENTS_READ);
    if (events & VIRTIO_GPU_EVENT_DISPLAY) {
        vpci_cfg_write32(&d->t, VIRTIO_GPU_CONFIG_EVENTS_CLEAR, VIRTIO_GPU_EVENT_DISPLAY);
        __atomic_fetch_add(&d->stats.config_events, 1, __ATOMIC_RELAXED);
        vg_info(&d->log, "display event");
        vgpu_display_event(d);
    }
}

void vgpu_process(struct vgpu_dev *d)
{
    uint32_t bits;

    if (!d || !d->inited)
        return;
    bits = __atomic_exchange_n(&d->pending, 0, __ATOMIC_SEQ_CST);
    vgpu_process_queue(d, &d->ctrl);
    vgpu_process_queue(d, &d->cursor);
    if (bits & VGPU_PENDING_CONFIG)
        handle_config(d);
    if (d->refresh_wanted)
        vgpu_display_event(d);
}

void vgpu_kick(struct vgpu_dev *d)
{
    struct vgpu_queue *qs[2] = { &d->ctrl, &d->cursor };

    for (int i = 0; i < 2; i++) {
        bool kick = false;
        uintptr_t t;
        if (!qs[i]->vq)
            continue;
        t = qlock(d, qs[i]);
        if (qs[i]->unkicked) {
            qs[i]->unkicked = false;
            kick = virtq_kick_prepare(qs[i]->vq);
        }
        qunlock(d, qs[i], t);
        if (kick)
            virtq_notify(qs[i]->vq);
    }
}
