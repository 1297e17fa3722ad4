/*
 * virtq.c — split virtqueue, driver side (see virtq.h for the call order).
 *
 * The free list lives in a private shadow array (free_next[]) instead of
 * the device-visible descriptor table: the device cannot corrupt it, and a
 * chain's links survive in it while the chain is in flight, so reaping a
 * chain needs no read of device-writable memory.  Each head descriptor owns
 * one preallocated indirect table, so adding a request never allocates.
 */
#include "virtio/virtq.h"

#include "base/vg_err.h"
#include "base/vg_util.h"
#include "virtio/virtio_regs.h"

struct virtq_slot {
    void *cookie;    /* non-NULL while the head is in flight */
    uint16_t ndesc;  /* ring descriptors the request holds */
};

struct virtq {
    const struct vg_platform *p;
    uint16_t index, size, mask;
    bool indirect, event_idx, cb_enabled;
    vg_dma_buf ring;
    vg_dma_buf ind;               /* size * VIRTQ_INDIRECT_MAX descriptors */
    volatile struct virtq_desc *desc;
    volatile struct virtq_avail *avail;
    volatile struct virtq_used *used;
    volatile uint16_t *used_event;  /* avail->ring[size] */
    volatile uint16_t *avail_event; /* used->ring[size] */
    uint64_t desc_off, avail_off, used_off;
    uint16_t *free_next;
    struct virtq_slot *slots;
    uint16_t free_head;
    uint32_t num_free;
    uint32_t in_flight;
    uint16_t avail_idx;   /* our copy of avail->idx */
    uint16_t kicked_idx;  /* avail_idx at the last kick_prepare */
    uint16_t last_used;
    uint32_t bad_used;
    volatile void *notify;
    struct virtq_stats stats;
};

static void init_rings(struct virtq *vq)
{
    vg_memset(vq->ring.va, 0, (size_t)vq->ring.size);
    for (uint32_t i = 0; i < vq->size; i++)
        vq->free_next[i] = (uint16_t)(i + 1 == vq->size ? 0 : i + 1);
    vg_memset(vq->slots, 0, sizeof(*vq->slots) * vq->size);
    vq->free_head = 0;
    vq->num_free = vq->size;
    vq->in_flight = 0;
    vq->avail_idx = vq->kicked_idx = vq->last_used = 0;
    vq->cb_enabled = true;
}

int virtq_create(const struct vg_platform *p, uint16_t index, uint16_t size,
                 uint64_t features, volatile void *notify_addr, struct virtq **out)
{
    struct virtq *vq;
    uint64_t avail_sz, used_sz;
    int rc;

    *out = NULL;
    if (!p || !p->alloc || !p->free || !p->dma_alloc || !p->dma_free || !p->mmio_write16)
        return VG_ERR_NO_PLATFORM_OP;
    if (size == 0 || size > VIRTQ_MAX_SIZE || (size & (size - 1)))
        return VG_ERR_QUEUE_SIZE;
    vq = p->alloc(p->ctx, sizeof(*vq));
    if (!vq)
        return VG_ERR_NO_MEMORY;
    vq->p = p;
    vq->index = index;
    vq->size = size;
    vq->mask = (uint16_t)(size - 1);
    vq->indirect = (features & VIRTIO_BIT(VIRTIO_F_INDIRECT_DESC)) != 0;
    vq->event_idx = (features & VIRTIO_BIT(VIRTIO_F_EVENT_IDX)) != 0;
    vq->notify = notify_addr;

    vq->free_next = p->alloc(p->ctx, sizeof(uint16_t) * size);
    vq->slots = p->alloc(p->ctx, sizeof(struct virtq_slot) * size);
    if (!vq->free_next || !vq->slots) {
        rc = VG_ERR_NO_MEMORY;
        goto free_arrays;
    }
    /* desc table (align 16), avail ring (align 2), used ring (align 4);
     * the used ring starts on its own 64-byte line to avoid false sharing */
    avail_sz = 4 + 2ull * size + 2;
    used_sz = 4 + 8ull * size + 2;
    vq->desc_off = 0;
    vq->avail_off = 16ull * size;
    vq->used_off = VG_ALIGN_UP(vq->avail_off + avail_sz, 64ull);
    rc = p->dma_alloc(p->ctx, vq->used_off + used_sz, 4096, &vq->ring);
    if (rc) {
        rc = VG_ERR_NO_DMA_MEMORY;
        goto free_arrays;
    }
    if (vq->indirect) {
        rc = p->dma_alloc(p->ctx, 16ull * VIRTQ_INDIRECT_MAX * size, 4096, &vq->ind);
        if (rc) {
            rc = VG_ERR_NO_DMA_MEMORY;
            goto free_ring;
        }
    }
    vq->desc = (volatile struct virtq_desc *)((uint8_t *)vq->ring.va + vq->desc_off);
    vq->avail = (volatile struct virtq_avail *)((uint8_t *)vq->ring.va + vq->avail_off);
    vq->used = (volatile struct virtq_used *)((uint8_t *)vq->ring.va + vq->used_off);
    vq->used_event = &vq->avail->ring[size];
    vq->avail_event = (volatile uint16_t *)&vq->used->ring[size];
    init_rings(vq);
    *out = vq;
    return 0;

free_ring:
    p->dma_free(p->ctx, &vq->ring);
free_arrays:
    if (vq->free_next)
        p->free(p->ctx, vq->free_next);
    if (vq->slots)
        p->free(p->ctx, vq->slots);
    p->free(p->ctx, vq);
    return rc;
}

void virtq_destroy(struct virtq *vq)
{
    const struct vg_platform *p;

    if (!vq)
        return;
    p = vq->p;
    if (vq->ind.va)
        p->dma_free(p->ctx, &vq->ind);
    p->dma_free(p->ctx, &vq->ring);
    p->free(p->ctx, vq->free_next);
    p->free(p->ctx, vq->slots);
    p->free(p->ctx, vq);
}

void virtq_reset(struct virtq *vq, void (*drop)(void *arg, void *cookie), void *arg)
{
    for (uint32_t i = 0; i < vq->size; i++) {
        if (vq->slots[i].cookie && drop)
            drop(arg, vq->slots[i].cookie);
    }
    init_rings(vq);
}

uint64_t virtq_desc_pa(const struct virtq *vq) { return vq->ring.pa + vq->desc_off; }
uint64_t virtq_avail_pa(const struct virtq *vq) { return vq->ring.pa + vq->avail_off; }
uint64_t virtq_used_pa(const struct virtq *vq) { return vq->ring.pa + vq->used_off; }
uint16_t virtq_size(const struct virtq *vq) { return vq->size; }
uint16_t virtq_index(const struct virtq *vq) { return vq->index; }
void virtq_set_notify_addr(struct virtq *vq, volatile void *a) { vq->notify = a; }
uint32_t virtq_num_free(const struct virtq *vq) { return vq->num_free; }
uint32_t virtq_bad_used(const struct virtq *vq) { return vq->bad_used; }
uint32_t virtq_in_flight(const struct virtq *vq) { return vq->in_flight; }
const struct virtq_stats *virtq_get_stats(const struct virtq *vq) { return &vq->stats; }
bool virtq_uses_indirect(const struct virtq *vq) { return vq->indirect; }
bool virtq_uses_event_idx(const struct virtq *vq) { return vq->event_idx; }

static bool use_indirect(const struct virtq *vq, uint32_t n)
{
    return vq->indirect && n > 1 && n <= VIRTQ_INDIRECT_MAX;
}

uint32_t virtq_descs_needed(const struct virtq *vq, uint32_t n)
{
    return use_indirect(vq, n) ? 1 : n;
}

int virtq_add(struct virtq *vq, const struct virtq_sg *sg, uint32_t n_out, uint32_t n_in, void *cookie)
{
    uint32_t n = n_out + n_in;
    uint16_t head, cur = 0;

    if (!cookie || n == 0 || n < n_out)
        return VG_ERR_INVALID_ARG;
    if (!use_indirect(vq, n) && n > vq->size)
        return VG_ERR_INVALID_ARG;
    if (vq->num_free < virtq_descs_needed(vq, n))
        return VG_ERR_BUSY;

    head = vq->free_head;
    if (use_indirect(vq, n)) {
        volatile struct virtq_desc *t =
            (volatile struct virtq_desc *)((uint8_t *)vq->ind.va + 16ull * VIRTQ_INDIRECT_MAX * head);
        for (uint32_t i = 0; i < n; i++) {
            t[i].addr = vg_cpu_to_le64(sg[i].pa);
            t[i].len = vg_cpu_to_le32(sg[i].len);
            t[i].flags = vg_cpu_to_le16((uint16_t)((i >= n_out ? VIRTQ_DESC_F_WRITE : 0) |
                                                   (i + 1 < n ? VIRTQ_DESC_F_NEXT : 0)));
            t[i].next = vg_cpu_to_le16((uint16_t)(i + 1 < n ? i + 1 : 0));
        }
        vq->desc[head].addr = vg_cpu_to_le64(vq->ind.pa + 16ull * VIRTQ_INDIRECT_MAX * head);
        vq->desc[head].len = vg_cpu_to_le32(16u * n);
        vq->desc[head].flags = vg_cpu_to_le16(VIRTQ_DESC_F_INDIRECT);
        vq->desc[head].next = 0;
        vq->free_head = vq->free_next[head];
        vq->slots[head].ndesc = 1;
        vq->stats.indirect++;
    } else {
        cur = head;
        for (uint32_t i = 0; i < n; i++) {
            vq->desc[cur].addr = vg_cpu_to_le64(sg[i].pa);
            vq->desc[cur].len = vg_cpu_to_le32(sg[i].len);
            vq->desc[cur].flags = vg_cpu_to_le16((uint16_t)((i >= n_out ? VIRTQ_DESC_F_WRITE : 0) |
                                                            (i + 1 < n ? VIRTQ_DESC_F_NEXT : 0)));
            vq->desc[cur].next = vg_cpu_to_le16(i + 1 < n ? vq->free_next[cur] : 0);
            if (i + 1 < n)
                cur = vq->free_next[cur];
        }
        vq->free_head = vq->free_next[cur];
        vq->slots[head].ndesc = (uint16_t)n;
    }
    vq->num_free -= vq->slots[head].ndesc;
    vq->slots[head].cookie = cookie;
    vq->in_flight++;

    vq->avail->ring[vq->avail_idx & vq->mask] = vg_cpu_to_le16(head);
    /* descriptors and ring entry must be visible before the index */
    vg_wmb();
    vq->avail_idx++;
    vq->avail->idx = vg_cpu_to_le16(vq->avail_idx);
    vq->stats.added++;
    return 0;
}

bool virtq_kick_prepare(struct virtq *vq)
{
    uint16_t old = vq->kicked_idx, new_idx = vq->avail_idx;
    bool need;

    /* the avail index store must be visible before we read the device's
     * suppression state, or we could miss a wakeup */
    vg_mb();
    if (old == new_idx)
        return false;
    vq->kicked_idx = new_idx;
    vq->stats.kicks++;
    if (vq->event_idx)
        need = virtq_need_event(vg_le16_to_cpu(*vq->avail_event), new_idx, old);
    else
        need = !(vg_le16_to_cpu(vq->used->flags) & VIRTQ_USED_F_NO_NOTIFY);
    if (!need)
        vq->stats.suppressed++;
    return need;
}

void virtq_notify(struct virtq *vq)
{
    vq->stats.notifies++;
    if (vq->notify)
        vq->p->mmio_write16(vq->p->ctx, vq->notify, vq->index);
}

int virtq_add_and_kick(struct virtq *vq, const struct virtq_sg *sg, uint32_t n_out, uint32_t n_in, void *cookie)
{
    int rc = virtq_add(vq, sg, n_out, n_in, cookie);
    if (rc)
        return rc;
    if (virtq_kick_prepare(vq))
        virtq_notify(vq);
    return 0;
}

bool virtq_has_used(const struct virtq *vq)
{
    return vg_le16_to_cpu(vq->used->idx) != vq->last_used;
}

void *virtq_get_used(struct virtq *vq, uint32_t *len)
{
    while (virtq_has_used(vq)) {
        volatile struct virtq_used_elem *e;
        uint32_t id, ulen;
        uint16_t tail;
        void *cookie;

        /* read the entry only after seeing the index that covers it */
        vg_rmb();
        e = &vq->used->ring[vq->last_used & vq->mask];
        id = vg_le32_to_cpu(e->id);
        ulen = vg_le32_to_cpu(e->len);
        vq->last_used++;
        if (vq->event_idx && vq->cb_enabled)
            *vq->used_event = vg_cpu_to_le16(vq->last_used);
        if (id >= vq->size || !vq->slots[id].cookie) {
            vq->bad_used++;
            continue;
        }
        cookie = vq->slots[id].cookie;
        tail = (uint16_t)id;
        for (uint32_t k = 1; k < vq->slots[id].ndesc; k++)
            tail = vq->free_next[tail];
        vq->free_next[tail] = vq->free_head;
        vq->free_head = (uint16_t)id;
        vq->num_free += vq->slots[id].ndesc;
        vq->slots[id].cookie = NULL;
        vq->slots[id].ndesc = 0;
        vq->in_flight--;
        vq->stats.used++;
        if (len)
            *len = ulen;
        return cookie;
    }
    return NULL;
}

void virtq_disable_cb(struct virtq *vq)
{
    vq->cb_enabled = false;
    if (vq->event_idx)
        *vq->used_event = vg_cpu_to_le16((uint16_t)(vq->last_used - 1 + 0x8000u));
    else
        vq->avail->flags = vg_cpu_to_le16(VIRTQ_AVAIL_F_NO_INTERRUPT);
}

bool virtq_enable_cb(struct virtq *vq)
{
    vq->cb_enabled = true;
    if (vq->event_idx)
        *vq->used_event = vg_cpu_to_le16(vq->last_used);
    else
        vq->avail->flags = 0;
    vg_mb();
    return !virtq_has_used(vq);
}
