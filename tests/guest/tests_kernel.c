/*
 * tests_kernel.c — self-tests of the kernel services the device tests rely
 * on: the timer advances at the calibrated rate and wakes hlt, the page
 * allocator returns contiguous zeroed memory and takes it back, and a CPU
 * exception is caught (only when asked: it ends the run on purpose).
 */
#include "guest_tests.h"

static bool t_timer(void)
{
    uint64_t t0 = now_ns(), k0 = timer_ticks();
    uint64_t last = t0;
    for (int i = 0; i < 20; i++) {
        cpu_wait_interrupt();
        uint64_t t = now_ns();
        CHECK(t >= last, "time ran backwards: %llu < %llu", (unsigned long long)t, (unsigned long long)last);
        last = t;
    }
    uint64_t k1 = timer_ticks();
    CHECK(k1 > k0, "no timer interrupt arrived during 20 hlt");
    CHECK(last > t0, "now_ns did not advance");
    return true;
}

static bool t_pages(void)
{
    struct mem_stats a, b;
    heap_free(heap_alloc(100)); /* the size class's first slab page stays: take it now */
    mem_get_stats(&a);
    uint8_t *p = page_alloc(3 << 20, 1 << 21);
    CHECK(p, "page_alloc(3 MiB) failed");
    CHECK(((uintptr_t)p & ((1 << 21) - 1)) == 0, "alignment not honoured: %p", p);
    for (size_t i = 0; i < (3u << 20); i += 4096)
        CHECK(p[i] == 0, "page not zeroed at +%zu", i);
    p[0] = 1;
    page_free(p, 3 << 20);
    void *h = heap_alloc(100), *g = heap_alloc(9000);
    CHECK(h && g, "heap_alloc failed");
    heap_free(h);
    heap_free(g);
    mem_get_stats(&b);
    CHECK(a.pages_free == b.pages_free, "pages leaked: %llu -> %llu", (unsigned long long)a.pages_free,
          (unsigned long long)b.pages_free + 0);
    CHECK(a.heap_live_blocks == b.heap_live_blocks, "heap blocks leaked");
    return true;
}

static bool t_exception(void)
{
    /* deliberately fault: the host expects this test to FAIL with the vector */
    volatile uint64_t *bad = (volatile uint64_t *)(uintptr_t)0x0000800000000000ull; /* non-canonical */
    return *bad == 0;
}

const struct guest_test kernel_tests[] = {
    {"kernel_timer", t_timer},
    {"kernel_pages", t_pages},
    {"kernel_exception", t_exception},
    {NULL, NULL},
};
