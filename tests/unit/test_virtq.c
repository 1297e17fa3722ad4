/*
 * test_virtq.c — the split virtqueue as a data structure.  The test plays
 * the device: it reads the avail ring and descriptors straight from memory
 * (the unit platform's physical addresses are virtual ones), writes used
 * entries, and counts doorbell writes through the mmio hook.
 */
#include <stdlib.h>
#include <string.h>
#include "base/vg_err.h"
#include "unit.h"
#include "unit_platform.h"
#include "virtio/virtio_regs.h"
#include "virtio/virtq.h"

struct buf { uint64_t addr; uint32_t len; bool write; };

struct dev {
    struct virtq *vq;
    uint16_t size;
    uint16_t last_avail, used_idx;
    int notifies;
    uint16_t doorbell;
};

static volatile struct virtq_desc *d_desc(struct dev *d) { return (volatile struct virtq_desc *)(uintptr_t)virtq_desc_pa(d->vq); }
static volatile struct virtq_avail *d_avail(struct dev *d) { return (volatile struct virtq_avail *)(uintptr_t)virtq_avail_pa(d->vq); }
static volatile struct virtq_used *d_used(struct dev *d) { return (volatile struct virtq_used *)(uintptr_t)virtq_used_pa(d->vq); }
static volatile uint16_t *d_avail_event(struct dev *d) { return (volatile uint16_t *)&d_used(d)->ring[d->size]; }

static void on_write(void *ctx, volatile void *addr, uint32_t v, int width)
{
    struct dev *d = ctx;
    if (addr == &d->doorbell && width == 2 && v == virtq_index(d->vq))
        d->notifies++;
}

/* Pops the next available request; returns its head or -1.  Fills bufs. */
static int dev_pop(struct dev *d, struct buf *bufs, int max, int *n, bool *was_indirect)
{
    volatile struct virtq_desc *t = d_desc(d);
    uint16_t head, i;
    int count = 0, limit = d->size;

    if (d_avail(d)->idx == d->last_avail)
        return -1;
    head = d_avail(d)->ring[d->last_avail % d->size];
    d->last_avail++;
    *was_indirect = false;
    i = head;
    if (t[head].flags & VIRTQ_DESC_F_INDIRECT) {
        *was_indirect = true;
        limit = (int)(t[head].len / 16);
        t = (volatile struct virtq_desc *)(uintptr_t)t[head].addr;
        i = 0;
    }
    for (;;) {
        if (count >= max || count >= limit)
            return -2; /* chain longer than possible: a broken ring */
        bufs[count].addr = t[i].addr;
        bufs[count].len = t[i].len;
        bufs[count].write = (t[i].flags & VIRTQ_DESC_F_WRITE) != 0;
        count++;
        if (!(t[i].flags & VIRTQ_DESC_F_NEXT))
            break;
        i = t[i].next;
    }
    *n = count;
    return head;
}

static void dev_push(struct dev *d, uint32_t head, uint32_t len)
{
    volatile struct virtq_used *u = d_used(d);
    u->ring[d->used_idx % d->size].id = head;
    u->ring[d->used_idx % d->size].len = len;
    __atomic_thread_fence(__ATOMIC_RELEASE);
    d->used_idx++;
    u->idx = d->used_idx;
}

static bool setup(struct unit_platform *up, struct dev *d, uint16_t size, uint64_t features)
{
    unit_platform_init(up);
    memset(d, 0, sizeof(*d));
    up->on_mmio_write = on_write;
    up->hook_ctx = d;
    d->size = size;
    CHECK_EQ(virtq_create(&up->ops, 0, size, features, &d->doorbell, &d->vq), 0);
    return true;
}

static bool test_virtq_roundtrip(void)
{
    struct unit_platform up;
    struct dev d;
    uint8_t cmd[40], hdr[8], resp[24];
    struct virtq_sg sg[3] = { { (uintptr_t)cmd, 40 }, { (uintptr_t)hdr, 8 }, { (uintptr_t)resp, 24 } };
    struct buf b[8];
    int n, head;
    bool ind;
    uint32_t len = 0;

    if (!setup(&up, &d, 8, 0))
        return false;
    CHECK_EQ(virtq_add(d.vq, sg, 2, 1, cmd), 0);
    CHECK_EQ(virtq_num_free(d.vq), 5);
    CHECK(virtq_kick_prepare(d.vq));
    virtq_notify(d.vq);
    CHECK_EQ(d.notifies, 1);
    head = dev_pop(&d, b, 8, &n, &ind);
    CHECK(head >= 0);
    CHECK(!ind);
    CHECK_EQ(n, 3);
    CHECK(b[0].addr == (uintptr_t)cmd && b[0].len == 40 && !b[0].write);
    CHECK(b[1].addr == (uintptr_t)hdr && b[1].len == 8 && !b[1].write);
    CHECK(b[2].addr == (uintptr_t)resp && b[2].len == 24 && b[2].write);
    CHECK(virtq_get_used(d.vq, &len) == NULL); /* nothing used yet */
    dev_push(&d, (uint32_t)head, 24);
    CHECK(virtq_get_used(d.vq, &len) == cmd);
    CHECK_EQ(len, 24);
    CHECK_EQ(virtq_num_free(d.vq), 8);
    CHECK_EQ(virtq_in_flight(d.vq), 0);
    virtq_destroy(d.vq);
    CHECK_EQ(unit_platform_leaks(&up), 0);
    return true;
}

static bool test_virtq_exhaustion_busy(void)
{
    struct unit_platform up;
    struct dev d;
    uint8_t mem[64];
    struct virtq_sg sg[3] = { { (uintptr_t)mem, 8 }, { (uintptr_t)mem + 8, 8 }, { (uintptr_t)mem + 16, 8 } };
    struct buf b[8];
    int n, head;
    bool ind;

    if (!setup(&up, &d, 8, 0))
        return false;
    CHECK_EQ(virtq_add(d.vq, sg, 2, 1, (void *)1), 0);
    CHECK_EQ(virtq_add(d.vq, sg, 2, 1, (void *)2), 0);
    CHECK_EQ(virtq_num_free(d.vq), 2);
    CHECK_EQ(virtq_add(d.vq, sg, 2, 1, (void *)3), VG_ERR_BUSY); /* needs 3, 2 free */
    CHECK_EQ(virtq_num_free(d.vq), 2);                          /* nothing leaked */
    CHECK_EQ(virtq_add(d.vq, sg, 1, 1, (void *)4), 0);
    CHECK_EQ(virtq_add(d.vq, sg, 1, 0, (void *)5), VG_ERR_BUSY);
    CHECK_EQ(virtq_add(d.vq, sg, 0, 0, (void *)5), VG_ERR_INVALID_ARG);
    CHECK_EQ(virtq_add(d.vq, sg, 1, 0, NULL), VG_ERR_INVALID_ARG);
    /* the device completes the middle one: its 3 descriptors come back */
    head = dev_pop(&d, b, 8, &n, &ind);
    head = dev_pop(&d, b, 8, &n, &ind);
    CHECK(head >= 0);
    dev_push(&d, (uint32_t)head, 0);
    CHECK(virtq_get_used(d.vq, NULL) == (void *)2);
    CHECK_EQ(virtq_num_free(d.vq), 3);
    CHECK_EQ(virtq_add(d.vq, sg, 2, 1, (void *)3), 0);
    /* a request longer than the ring can never fit */
    {
        struct virtq_sg many[9];
        for (int i = 0; i < 9; i++)
            many[i] = sg[0];
        CHECK_EQ(virtq_add(d.vq, many, 9, 0, (void *)9), VG_ERR_INVALID_ARG);
    }
    virtq_destroy(d.vq);
    return true;
}

static bool test_virtq_indirect(void)
{
    struct unit_platform up;
    struct dev d;
    uint8_t mem[64];
    struct virtq_sg sg[3] = { { (uintptr_t)mem, 8 }, { (uintptr_t)mem + 8, 16 }, { (uintptr_t)mem + 32, 24 } };
    struct buf b[16];
    int n, head;
    bool ind;

    if (!setup(&up, &d, 4, VIRTIO_BIT(VIRTIO_F_INDIRECT_DESC)))
        return false;
    CHECK(virtq_uses_indirect(d.vq));
    for (uintptr_t i = 1; i <= 4; i++)
        CHECK_EQ(virtq_add(d.vq, sg, 2, 1, (void *)i), 0); /* one ring slot each */
    CHECK_EQ(virtq_num_free(d.vq), 0);
    CHECK_EQ(virtq_add(d.vq, sg, 2, 1, (void *)5), VG_ERR_BUSY);
    CHECK_EQ(virtq_get_stats(d.vq)->indirect, 4);
    for (int k = 0; k < 4; k++) {
        head = dev_pop(&d, b, 16, &n, &ind);
        CHECK(head >= 0);
        CHECK(ind);
        CHECK_EQ(n, 3);
        CHECK(b[0].addr == (uintptr_t)mem && b[0].len == 8 && !b[0].write);
        CHECK(b[1].len == 16 && !b[1].write);
        CHECK(b[2].addr == (uintptr_t)mem + 32 && b[2].len == 24 && b[2].write);
        dev_push(&d, (uint32_t)head, 24);
    }
    for (uintptr_t i = 1; i <= 4; i++)
        CHECK(virtq_get_used(d.vq, NULL) == (void *)i);
    /* a single buffer does not need (or use) an indirect table */
    CHECK_EQ(virtq_add(d.vq, sg, 1, 0, (void *)6), 0);
    head = dev_pop(&d, b, 16, &n, &ind);
    CHECK(!ind);
    CHECK_EQ(n, 1);
    /* more buffers than a table holds falls back to a plain chain */
    dev_push(&d, (uint32_t)head, 0);
    CHECK(virtq_get_used(d.vq, NULL) == (void *)6);
    {
        struct virtq_sg many[VIRTQ_INDIRECT_MAX + 1];
        for (unsigned i = 0; i <= VIRTQ_INDIRECT_MAX; i++)
            many[i] = sg[0];
        CHECK_EQ(virtq_add(d.vq, many, VIRTQ_INDIRECT_MAX + 1, 0, (void *)7), VG_ERR_INVALID_ARG);
    }
    virtq_destroy(d.vq);
    CHECK_EQ(unit_platform_leaks(&up), 0);
    return true;
}

static bool test_virtq_event_idx_suppression(void)
{
    struct unit_platform up;
    struct dev d;
    uint8_t mem[8];
    struct virtq_sg sg[1] = { { (uintptr_t)mem, 8 } };

    if (!setup(&up, &d, 16, VIRTIO_BIT(VIRTIO_F_EVENT_IDX)))
        return false;
    CHECK(virtq_uses_event_idx(d.vq));
    /* avail_event 0: the device wants to hear about index 0 -> 1 */
    CHECK_EQ(virtq_add(d.vq, sg, 1, 0, (void *)1), 0);
    CHECK(virtq_kick_prepare(d.vq));
    /* device: "wake me when you pass index 5" */
    *d_avail_event(&d) = 5;
    CHECK_EQ(virtq_add(d.vq, sg, 1, 0, (void *)2), 0);
    CHECK_EQ(virtq_add(d.vq, sg, 1, 0, (void *)3), 0); /* idx 1 -> 3 */
    CHECK(!virtq_kick_prepare(d.vq));
    CHECK_EQ(virtq_get_stats(d.vq)->suppressed, 1);
    for (uintptr_t i = 4; i <= 6; i++)
        CHECK_EQ(virtq_add(d.vq, sg, 1, 0, (void *)i), 0); /* idx 3 -> 6 crosses 5 */
    CHECK(virtq_kick_prepare(d.vq));
    /* nothing new since the last kick: no doorbell */
    CHECK(!virtq_kick_prepare(d.vq));
    virtq_destroy(d.vq);
    return true;
}

static bool test_virtq_no_notify_flag(void)
{
    struct unit_platform up;
    struct dev d;
    uint8_t mem[8];
    struct virtq_sg sg[1] = { { (uintptr_t)mem, 8 } };

    if (!setup(&up, &d, 8, 0))
        return false;
    d_used(&d)->flags = VIRTQ_USED_F_NO_NOTIFY;
    CHECK_EQ(virtq_add_and_kick(d.vq, sg, 1, 0, (void *)1), 0);
    CHECK_EQ(d.notifies, 0);
    d_used(&d)->flags = 0;
    CHECK_EQ(virtq_add_and_kick(d.vq, sg, 1, 0, (void *)2), 0);
    CHECK_EQ(d.notifies, 1);
    virtq_destroy(d.vq);
    return true;
}

static bool test_virtq_batched_kick(void)
{
    struct unit_platform up;
    struct dev d;
    uint8_t mem[8];
    struct virtq_sg sg[1] = { { (uintptr_t)mem, 8 } };
    struct buf b[4];
    int n;
    bool ind;

    if (!setup(&up, &d, 16, 0))
        return false;
    for (uintptr_t i = 1; i <= 10; i++)
        CHECK_EQ(virtq_add(d.vq, sg, 1, 0, (void *)i), 0);
    CHECK_EQ(d.notifies, 0); /* adding never rings */
    if (virtq_kick_prepare(d.vq))
        virtq_notify(d.vq);
    CHECK_EQ(d.notifies, 1); /* one doorbell for the batch of ten */
    for (int i = 0; i < 10; i++)
        CHECK(dev_pop(&d, b, 4, &n, &ind) >= 0);
    CHECK(dev_pop(&d, b, 4, &n, &ind) == -1);
    CHECK_EQ(virtq_get_stats(d.vq)->kicks, 1);
    virtq_destroy(d.vq);
    return true;
}

/* 70,000 requests through a 4-entry ring: avail/used indices wrap past
 * 65535 and the ring position wraps constantly; completions come back out
 * of order and chains have mixed lengths. */
static bool test_virtq_index_wrap(void)
{
    struct unit_platform up;
    struct dev d;
    uint8_t mem[64];
    struct virtq_sg sg[3] = { { (uintptr_t)mem, 1 }, { (uintptr_t)mem + 1, 2 }, { (uintptr_t)mem + 3, 3 } };
    int pend_head[8], pend_n = 0;
    uintptr_t pend_cookie[8];
    uintptr_t next_cookie = 1;
    unsigned seed = 7;

    if (!setup(&up, &d, 4, 0))
        return false;
    while (next_cookie <= 70000) {
        uint32_t nb = 1 + (next_cookie % 2);
        int rc = virtq_add(d.vq, sg, nb, 0, (void *)next_cookie);
        if (rc == 0) {
            struct buf b[4];
            int n;
            bool ind;
            int head = dev_pop(&d, b, 4, &n, &ind);
            CHECK(head >= 0);
            CHECK_EQ(n, (int)nb);
            CHECK(b[nb - 1].len == nb); /* the chain ends where it should */
            pend_head[pend_n] = head;
            pend_cookie[pend_n] = next_cookie;
            pend_n++;
            next_cookie++;
        } else {
            CHECK_EQ(rc, VG_ERR_BUSY);
        }
        seed = seed * 1103515245u + 12345u;
        if (pend_n && (rc != 0 || (seed >> 16) % 2)) {
            /* complete a random pending one (out of order) */
            int k = (int)((seed >> 8) % (unsigned)pend_n);
            uintptr_t c;
            dev_push(&d, (uint32_t)pend_head[k], 0);
            c = (uintptr_t)virtq_get_used(d.vq, NULL);
            CHECK_EQ(c, pend_cookie[k]);
            pend_head[k] = pend_head[pend_n - 1];
            pend_cookie[k] = pend_cookie[pend_n - 1];
            pend_n--;
        }
    }
    CHECK(d_avail(&d)->idx == (uint16_t)(next_cookie - 1)); /* wrapped */
    CHECK(next_cookie - 1 > 65536);
    CHECK_EQ(virtq_in_flight(d.vq), pend_n);
    while (pend_n) {
        dev_push(&d, (uint32_t)pend_head[pend_n - 1], 0);
        CHECK_EQ((uintptr_t)virtq_get_used(d.vq, NULL), pend_cookie[pend_n - 1]);
        pend_n--;
    }
    CHECK_EQ(virtq_num_free(d.vq), 4); /* every descriptor found its way back */
    CHECK_EQ(virtq_bad_used(d.vq), 0);
    virtq_destroy(d.vq);
    return true;
}

static bool test_virtq_bad_used_and_reset(void)
{
    struct unit_platform up;
    struct dev d;
    uint8_t mem[8];
    struct virtq_sg sg[1] = { { (uintptr_t)mem, 8 } };
    struct buf b[4];
    int n, head, dropped = 0;
    bool ind;

    if (!setup(&up, &d, 8, 0))
        return false;
    CHECK_EQ(virtq_add(d.vq, sg, 1, 0, (void *)1), 0);
    CHECK_EQ(virtq_add(d.vq, sg, 1, 0, (void *)2), 0);
    head = dev_pop(&d, b, 4, &n, &ind);
    dev_push(&d, 7, 0);            /* never handed out */
    dev_push(&d, 1000, 0);         /* out of range */
    dev_push(&d, (uint32_t)head, 0);
    CHECK(virtq_get_used(d.vq, NULL) == (void *)1);
    CHECK_EQ(virtq_bad_used(d.vq), 2);
    dev_push(&d, (uint32_t)head, 0); /* the same head twice */
    CHECK(virtq_get_used(d.vq, NULL) == NULL);
    CHECK_EQ(virtq_bad_used(d.vq), 3);
    /* reset hands back what was in flight and empties the ring */
    (void)dropped;
    virtq_reset(d.vq, NULL, NULL);
    CHECK_EQ(virtq_num_free(d.vq), 8);
    CHECK_EQ(virtq_in_flight(d.vq), 0);
    CHECK_EQ(d_avail(&d)->idx, 0);
    virtq_destroy(d.vq);
    return true;
}

static int drop_count;
static void *drop_seen[8];
static void drop_cb(void *arg, void *cookie)
{
    (void)arg;
    drop_seen[drop_count++ % 8] = cookie;
}

static bool test_virtq_reset_drops(void)
{
    struct unit_platform up;
    struct dev d;
    uint8_t mem[8];
    struct virtq_sg sg[2] = { { (uintptr_t)mem, 4 }, { (uintptr_t)mem + 4, 4 } };

    if (!setup(&up, &d, 8, 0))
        return false;
    drop_count = 0;
    CHECK_EQ(virtq_add(d.vq, sg, 1, 1, (void *)11), 0);
    CHECK_EQ(virtq_add(d.vq, sg, 2, 0, (void *)12), 0);
    virtq_reset(d.vq, drop_cb, NULL);
    CHECK_EQ(drop_count, 2);
    CHECK((drop_seen[0] == (void *)11 && drop_seen[1] == (void *)12) ||
          (drop_seen[0] == (void *)12 && drop_seen[1] == (void *)11));
    CHECK_EQ(virtq_num_free(d.vq), 8);
    CHECK_EQ(virtq_add(d.vq, sg, 2, 0, (void *)13), 0); /* usable again */
    virtq_destroy(d.vq);
    CHECK_EQ(unit_platform_leaks(&up), 0);
    return true;
}

static bool test_virtq_create_errors(void)
{
    struct unit_platform up;
    struct virtq *vq;
    unit_platform_init(&up);
    CHECK_EQ(virtq_create(&up.ops, 0, 6, 0, NULL, &vq), VG_ERR_QUEUE_SIZE);
    CHECK_EQ(virtq_create(&up.ops, 0, 0, 0, NULL, &vq), VG_ERR_QUEUE_SIZE);
    up.fail_dma_after = 1;
    CHECK_EQ(virtq_create(&up.ops, 0, 8, 0, NULL, &vq), VG_ERR_NO_DMA_MEMORY);
    up.fail_dma_after = 2; /* ring ok, indirect tables fail */
    CHECK_EQ(virtq_create(&up.ops, 0, 8, VIRTIO_BIT(VIRTIO_F_INDIRECT_DESC), NULL, &vq), VG_ERR_NO_DMA_MEMORY);
    CHECK_EQ(unit_platform_leaks(&up), 0); /* error paths unwind fully */
    return true;
}

int main(void)
{
    UNIT_RUN(test_virtq_roundtrip);
    UNIT_RUN(test_virtq_exhaustion_busy);
    UNIT_RUN(test_virtq_indirect);
    UNIT_RUN(test_virtq_event_idx_suppression);
    UNIT_RUN(test_virtq_no_notify_flag);
    UNIT_RUN(test_virtq_batched_kick);
    UNIT_RUN(test_virtq_index_wrap);
    UNIT_RUN(test_virtq_bad_used_and_reset);
    UNIT_RUN(test_virtq_reset_drops);
    UNIT_RUN(test_virtq_create_errors);
    return unit_exit();
}
