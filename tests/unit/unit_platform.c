/*
 * unit_platform.c — native vg_platform + the test harness (see unit.h,
 * unit_platform.h).  Hosted code: it may use libc freely.
 */
#define _GNU_SOURCE
#include "unit_platform.h"
#include "unit.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

char unit_why[512];
int unit_failures;

void unit_run(const char *name, bool (*fn)(void))
{
    unit_why[0] = 0;
    if (fn()) {
        printf("ok - %s\n", name);
    } else {
        printf("not ok - %s: %s\n", name, unit_why[0] ? unit_why : "failed");
        unit_failures++;
    }
    fflush(stdout);
}

int unit_exit(void) { return unit_failures ? 1 : 0; }

#define UP(ctx) ((struct unit_platform *)(ctx))

static uint32_t rd(void *ctx, volatile void *addr, int width)
{
    struct unit_platform *up = UP(ctx);
    if (up->on_mmio_read) {
        int handled = 0;
        uint32_t v = up->on_mmio_read(up->hook_ctx, addr, width, &handled);
        if (handled)
            return v;
    }
    switch (width) {
    case 1: return *(volatile uint8_t *)addr;
    case 2: return *(volatile uint16_t *)addr;
    default: return *(volatile uint32_t *)addr;
    }
}

static void wr(void *ctx, volatile void *addr, uint32_t v, int width)
{
    struct unit_platform *up = UP(ctx);
    if (up->on_mmio_write) {
        up->on_mmio_write(up->hook_ctx, addr, v, width);
        return;
    }
    switch (width) {
    case 1: *(volatile uint8_t *)addr = (uint8_t)v; break;
    case 2: *(volatile uint16_t *)addr = (uint16_t)v; break;
    default: *(volatile uint32_t *)addr = v; break;
    }
}

static uint8_t r8(void *c, volatile void *a) { return (uint8_t)rd(c, a, 1); }
static uint16_t r16(void *c, volatile void *a) { return (uint16_t)rd(c, a, 2); }
static uint32_t r32(void *c, volatile void *a) { return rd(c, a, 4); }
static void w8(void *c, volatile void *a, uint8_t v) { wr(c, a, v, 1); }
static void w16(void *c, volatile void *a, uint16_t v) { wr(c, a, v, 2); }
static void w32(void *c, volatile void *a, uint32_t v) { wr(c, a, v, 4); }

static int cfg_read(void *ctx, uint32_t off, void *buf, uint32_t len)
{
    if (off + len > 256)
        return -2;
    memcpy(buf, UP(ctx)->cfg + off, len);
    return 0;
}

static int cfg_write(void *ctx, uint32_t off, const void *buf, uint32_t len)
{
    if (off + len > 256)
        return -2;
    memcpy(UP(ctx)->cfg + off, buf, len);
    return 0;
}

static volatile void *map_bar(void *ctx, uint32_t bar, uint64_t off, uint64_t len)
{
    struct unit_platform *up = UP(ctx);
    if (bar >= 6 || !up->bars[bar] || off + len > up->bar_len[bar] || off + len < off)
        return NULL;
    return up->bars[bar] + off;
}

static void unmap_bar(void *ctx, volatile void *va, uint64_t len) { (void)ctx; (void)va; (void)len; }

static void *p_alloc(void *ctx, size_t size)
{
    void *p = calloc(1, size ? size : 1);
    if (p)
        UP(ctx)->allocs++;
    return p;
}

static void p_free(void *ctx, void *p)
{
    if (p)
        UP(ctx)->allocs--;
    free(p);
}

static int dma_alloc(void *ctx, uint64_t size, uint64_t align, vg_dma_buf *out)
{
    struct unit_platform *up = UP(ctx);
    void *p;
    if (up->fail_dma_after > 0 && --up->fail_dma_after == 0)
        return -4;
    if (align < 16)
        align = 16;
    p = aligned_alloc(align, (size + align - 1) / align * align);
    if (!p)
        return -4;
    memset(p, 0, size);
    out->va = p;
    out->pa = (uint64_t)(uintptr_t)p;
    out->size = size;
    out->cookie = NULL;
    up->dma_allocs++;
    return 0;
}

static void dma_free(void *ctx, vg_dma_buf *b)
{
    if (b->va) {
        UP(ctx)->dma_allocs--;
        free(b->va);
    }
    b->va = NULL;
}

static uint64_t v2p(void *ctx, const void *va) { (void)ctx; return (uint64_t)(uintptr_t)va; }

struct ulock {
    pthread_mutex_t m;
    int held;
};
static __thread int locks_held; /* by the calling thread */

static void *lock_create(void *ctx)
{
    struct ulock *l = p_alloc(ctx, sizeof(*l));
    if (l)
        pthread_mutex_init(&l->m, NULL);
    return l;
}
static void lock_destroy(void *ctx, void *l)
{
    pthread_mutex_destroy(&((struct ulock *)l)->m);
    p_free(ctx, l);
}
static uintptr_t lock_acquire(void *ctx, void *lv)
{
    struct ulock *l = lv;
    if (UP(ctx)->real_locks) {
        pthread_mutex_lock(&l->m);
    } else if (l->held) {
        abort(); /* recursive acquire: a deadlock on a real spin lock */
    }
    l->held = 1;
    locks_held++;
    return 0x5a;
}
static void lock_release(void *ctx, void *lv, uintptr_t tok)
{
    struct ulock *l = lv;
    if (!l->held || tok != 0x5a)
        abort();
    l->held = 0;
    locks_held--;
    if (UP(ctx)->real_locks)
        pthread_mutex_unlock(&l->m);
}

static uint64_t now_ns(void *ctx)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec + UP(ctx)->fake_time_ns;
}

static void wait_a_little(void *ctx, uint64_t max_ns)
{
    struct unit_platform *up = UP(ctx);
    if (locks_held)
        abort(); /* waits must not hold a core lock */
    if (up->real_locks) {
        sched_yield();
    } else if (up->on_wait) {
        up->on_wait(up->hook_ctx);
    } else {
        struct timespec ts = { 0, (long)(max_ns < 1000000 ? max_ns : 1000000) };
        nanosleep(&ts, NULL);
    }
}

static void log_line(void *ctx, int level, const char *msg)
{
    if (level <= UP(ctx)->log_level)
        fprintf(stderr, "[%d] %s\n", level, msg);
}

void unit_platform_init(struct unit_platform *up)
{
    memset(up, 0, sizeof(*up));
    up->log_level = VG_LOG_WARN;
    up->ops.ctx = up;
    up->ops.mmio_read8 = r8;
    up->ops.mmio_read16 = r16;
    up->ops.mmio_read32 = r32;
    up->ops.mmio_write8 = w8;
    up->ops.mmio_write16 = w16;
    up->ops.mmio_write32 = w32;
    up->ops.pci_cfg_read = cfg_read;
    up->ops.pci_cfg_write = cfg_write;
    up->ops.map_bar = map_bar;
    up->ops.unmap_bar = unmap_bar;
    up->ops.alloc = p_alloc;
    up->ops.free = p_free;
    up->ops.dma_alloc = dma_alloc;
    up->ops.dma_free = dma_free;
    up->ops.virt_to_phys = v2p;
    up->ops.lock_create = lock_create;
    up->ops.lock_destroy = lock_destroy;
    up->ops.lock_acquire = lock_acquire;
    up->ops.lock_release = lock_release;
    up->ops.now_ns = now_ns;
    up->ops.wait_a_little = wait_a_little;
    up->ops.log = log_line;
}

long unit_platform_leaks(const struct unit_platform *up)
{
    return up->allocs + up->dma_allocs;
}
