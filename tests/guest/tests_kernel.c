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

/* bar_high: with enough other PCI memory (the suite adds a 1 GiB ivshmem on
 * q35) SeaBIOS places the device's 64-bit BAR above 4 GiB, outside the
 * boot-time identity map; the device tests that follow in the same boot
 * then go through mem_map_identity's on-demand page tables. */
static bool t_bar_high(void)
{
    struct pci_dev d;
    uint64_t base = 0, size = 0;
    CHECK(pci_find(0x1af4, 0x1050, &d), "no virtio-gpu function");
    for (uint32_t bar = 0; bar < 6; bar++) {
        uint64_t b, sz;
        if (pci_bar(&d, bar, &b, &sz) && b > base)
            base = b, size = sz;
    }
    kprintf("pci: highest virtio-gpu BAR at 0x%llx size 0x%llx\n", (unsigned long long)base, (unsigned long long)size);
    CHECK(base >= (4ull << 30), "highest BAR at 0x%llx is below 4 GiB: the high-mapping path is not exercised",
          (unsigned long long)base);
    CHECK(mem_map_identity(base, size), "cannot map the BAR");
    volatile uint8_t *p = (volatile uint8_t *)(uintptr_t)base;
    uint8_t v = p[0]; /* virtio common cfg: must be readable, not fault */
    (void)v;
    return true;
}

/* kernel_hang: never returns (interrupts on, halting); only the host
 * runner's timeout ends it.  The suite uses it to prove the runner kills
 * QEMU and reports the test as timed out. */
static bool t_hang(void)
{
    for (;;)
        cpu_wait_interrupt();
    return false;
}

const struct guest_test kernel_tests[] = {
    {"kernel_hang", t_hang},
    {"bar_high", t_bar_high},
    {"kernel_timer", t_timer},
    {"kernel_pages", t_pages},
    {"kernel_exception", t_exception},
    {NULL, NULL},
};
