/*
 * mem.c — physical memory for the test kernel.
 *
 * mem_init reads the multiboot memory map once; every usable page above the
 * kernel image and the loader's multiboot data becomes allocatable.  Memory
 * is identity-mapped (virtual == physical), so a page's address is both the
 * pointer the kernel uses and the DMA address the device sees.
 *   page_alloc/page_free  contiguous zeroed pages (DMA buffers, big heap
 *                         blocks); a first-fit bitmap, enough for a test.
 *   heap_alloc/heap_free  small blocks from power-of-two size classes.
 * mem_get_stats lets leak tests compare live counts before and after.
 */
#include "kernel.h"

#define PAGE 4096ull
#define MAX_PAGES (1u << 20) /* 4 GiB of RAM at most */

extern char __bss_end[];
extern uint64_t boot_pml4[];

static uint64_t bitmap[MAX_PAGES / 64]; /* bit set = page in use */
static uint64_t npages;                 /* pages covered (highest usable + 1) */
static uint64_t total_free, nfree, hint;
static char cmdline[2048];
/* Multiboot modules (QEMU -initrd "a,b"): QEMU places them after the
 * multiboot info, so their pages must never be handed out. */
#define MAX_MODULES 4
static struct mem_module modules[MAX_MODULES];
static uint32_t nmodules;

static bool used(uint64_t pg) { return bitmap[pg / 64] >> (pg % 64) & 1; }
static void set_used(uint64_t pg) { bitmap[pg / 64] |= 1ull << (pg % 64); }
static void set_free(uint64_t pg) { bitmap[pg / 64] &= ~(1ull << (pg % 64)); }

const char *mem_cmdline(void) { return cmdline; }

void mem_init(uint32_t mbi_pa)
{
    const uint32_t *mbi = (const uint32_t *)(uintptr_t)mbi_pa;
    uint64_t reserved = (uint64_t)(uintptr_t)__bss_end;
    uint64_t top = mbi_pa + 128ull;

    if (mbi[0] & (1u << 2)) { /* cmdline */
        const char *c = (const char *)(uintptr_t)mbi[4];
        size_t n = strlen(c);
        if (n >= sizeof cmdline)
            n = sizeof cmdline - 1;
        memcpy(cmdline, c, n);
        cmdline[n] = 0;
        if (mbi[4] + n + 1 > top)
            top = mbi[4] + n + 1;
    }
    if (mbi[0] & (1u << 3)) { /* mods_count, mods_addr */
        const uint32_t *m = (const uint32_t *)(uintptr_t)mbi[6];
        if (mbi[6] + 16ull * mbi[5] > top)
            top = mbi[6] + 16ull * mbi[5];
        for (uint32_t i = 0; i < mbi[5]; i++, m += 4) {
            if (m[1] > top)
                top = m[1];
            if (nmodules < MAX_MODULES) {
                const char *nm = (const char *)(uintptr_t)m[2];
                size_t n = m[2] ? strlen(nm) : 0;
                if (n >= sizeof modules[0].name)
                    n = sizeof modules[0].name - 1;
                memcpy(modules[nmodules].name, nm, n);
                modules[nmodules].name[n] = 0;
                if (m[2] && m[2] + n + 1 > top)
                    top = m[2] + n + 1;
                modules[nmodules].data = (const void *)(uintptr_t)m[0];
                modules[nmodules].len = m[1] - m[0];
                nmodules++;
            }
        }
    }
    memset(bitmap, 0xff, sizeof bitmap);
    if (!(mbi[0] & (1u << 6))) {
        kprintf("mem: no multiboot memory map\n");
        return;
    }
    uint32_t mmap = mbi[12], len = mbi[11];
    if (mmap + len > top)
        top = mmap + len;
    if (top > reserved)
        reserved = top;
    reserved = (reserved + PAGE - 1) & ~(PAGE - 1);
    for (uint32_t off = 0; off < len;) {
        const uint8_t *e = (const uint8_t *)(uintptr_t)(mmap + off);
        uint32_t esize;
        uint64_t base, elen;
        uint32_t type;
        memcpy(&esize, e, 4);
        memcpy(&base, e + 4, 8);
        memcpy(&elen, e + 12, 8);
        memcpy(&type, e + 20, 4);
        off += esize + 4;
        if (type != 1)
            continue;
        uint64_t lo = (base + PAGE - 1) & ~(PAGE - 1), hi = (base + elen) & ~(PAGE - 1);
        if (lo < reserved)
            lo = reserved;
        if (hi > (uint64_t)MAX_PAGES * PAGE)
            hi = (uint64_t)MAX_PAGES * PAGE;
        for (uint64_t pa = lo; pa < hi; pa += PAGE) {
            set_free(pa / PAGE);
            total_free++;
        }
        if (hi / PAGE > npages)
            npages = hi / PAGE;
    }
    nfree = total_free;
    hint = reserved / PAGE;
}

void *page_alloc(uint64_t bytes, uint64_t align)
{
    uint64_t n = (bytes + PAGE - 1) / PAGE, step = align > PAGE ? align / PAGE : 1;
    if (!n || n > nfree)
        return NULL;
    uint64_t f = read_flags();
    irq_off();
    void *ret = NULL;
    /* two passes: from the hint, then from the bottom */
    for (int pass = 0; pass < 2 && !ret; pass++) {
        uint64_t pg = pass == 0 ? (hint + step - 1) / step * step : 0;
        while (pg + n <= npages) {
            uint64_t i = 0;
            while (i < n && !used(pg + i))
                i++;
            if (i == n) {
                for (i = 0; i < n; i++)
                    set_used(pg + i);
                nfree -= n;
                hint = pg + n;
                ret = (void *)(uintptr_t)(pg * PAGE);
                break;
            }
            pg = (pg + i + 1 + step - 1) / step * step;
        }
    }
    if (f & 0x200)
        irq_on();
    if (ret)
        memset(ret, 0, n * PAGE);
    return ret;
}

void page_free(void *p, uint64_t bytes)
{
    uint64_t pg = (uintptr_t)p / PAGE, n = (bytes + PAGE - 1) / PAGE;
    uint64_t f = read_flags();
    irq_off();
    for (uint64_t i = 0; i < n; i++) {
        if (!used(pg + i))
            kprintf("mem: double free of page %llx\n", (unsigned long long)(pg + i));
        set_free(pg + i);
    }
    nfree += n;
    if (pg < hint)
        hint = pg;
    if (f & 0x200)
        irq_on();
}

/* ---- heap: block = 16-byte header + payload ---- */
#define HDR 16u
#define NCLASS 8 /* 32 .. 4096 byte blocks */
#define HEAP_MAGIC 0x4845415048454150ull
struct hdr {
    uint64_t size; /* block bytes incl. header; > 4096 means whole pages */
    uint64_t magic;
};
static void *free_list[NCLASS];
static uint64_t live_blocks, live_bytes;

static int size_class(size_t total)
{
    for (int c = 0; c < NCLASS; c++)
        if (total <= (32u << c))
            return c;
    return -1;
}

void *heap_alloc(size_t size)
{
    size_t total = size + HDR;
    int c = size_class(total);
    struct hdr *h;
    uint64_t f = read_flags();
    irq_off();
    if (c < 0) {
        h = page_alloc(total, PAGE);
        if (h)
            h->size = (total + PAGE - 1) & ~(PAGE - 1);
    } else {
        if (!free_list[c]) {
            uint8_t *pg = page_alloc(PAGE, PAGE);
            if (pg) {
                uint32_t bs = 32u << c;
                for (uint32_t o = 0; o + bs <= PAGE; o += bs) {
                    *(void **)(pg + o) = free_list[c];
                    free_list[c] = pg + o;
                }
            }
        }
        h = free_list[c];
        if (h) {
            free_list[c] = *(void **)h;
            h->size = 32u << c;
        }
    }
    if (h) {
        h->magic = HEAP_MAGIC;
        live_blocks++;
        live_bytes += h->size;
    }
    if (f & 0x200)
        irq_on();
    if (!h)
        return NULL;
    memset(h + 1, 0, size);
    return h + 1;
}

void heap_free(void *p)
{
    if (!p)
        return;
    struct hdr *h = (struct hdr *)p - 1;
    if (h->magic != HEAP_MAGIC) {
        kprintf("heap: bad free %p\n", p);
        return;
    }
    h->magic = 0;
    uint64_t f = read_flags();
    irq_off();
    live_blocks--;
    live_bytes -= h->size;
    if (h->size > PAGE) {
        page_free(h, h->size);
    } else {
        int c = size_class(h->size);
        *(void **)h = free_list[c];
        free_list[c] = h;
    }
    if (f & 0x200)
        irq_on();
}

void mem_get_stats(struct mem_stats *s)
{
    s->pages_total = total_free;
    s->pages_free = nfree;
    s->heap_live_blocks = live_blocks;
    s->heap_live_bytes = live_bytes;
}

/* ---- identity mapping above the boot-time 4 GiB ---- */
static uint64_t *next_table(uint64_t *tbl, unsigned idx)
{
    if (!(tbl[idx] & 1)) {
        uint64_t *n = page_alloc(PAGE, PAGE);
        if (!n)
            return NULL;
        tbl[idx] = (uint64_t)(uintptr_t)n | 3;
    }
    return (uint64_t *)(uintptr_t)(tbl[idx] & 0x000ffffffffff000ull);
}

bool mem_map_identity(uint64_t pa, uint64_t len)
{
    for (uint64_t a = pa & ~((1ull << 21) - 1); a < pa + len; a += 1ull << 21) {
        if (a < (4ull << 30))
            continue;
        uint64_t *pdpt = next_table(boot_pml4, (a >> 39) & 511);
        uint64_t *pd = pdpt ? next_table(pdpt, (a >> 30) & 511) : NULL;
        if (!pd)
            return false;
        pd[(a >> 21) & 511] = a | 0x9b; /* present, rw, PWT|PCD (MMIO), 2 MiB */
        __asm__ volatile("invlpg (%0)" ::"r"(a) : "memory");
    }
    return true;
}

/* ---- multiboot modules ---- */
const struct mem_module *mem_module_find(const char *suffix)
{
    size_t sl = strlen(suffix);
    for (uint32_t i = 0; i < nmodules; i++) {
        /* the module string is "path [args]": match the path's end */
        const char *n = modules[i].name;
        size_t l = 0;
        while (n[l] && n[l] != ' ')
            l++;
        if (l >= sl && !memcmp(n + l - sl, suffix, sl))
            return &modules[i];
    }
    return NULL;
}

/* ---- 4 KiB mappings outside the identity map (loaded images) ---- */
static uint64_t *walk(uint64_t va, bool create)
{
    uint64_t *t = boot_pml4;
    for (int shift = 39; shift > 12; shift -= 9) {
        unsigned idx = (va >> shift) & 511;
        if (!(t[idx] & 1)) {
            if (!create)
                return NULL;
            if (!next_table(t, idx))
                return NULL;
        } else if (t[idx] & 0x80) {
            return NULL; /* a large page: not ours to split */
        }
        t = (uint64_t *)(uintptr_t)(t[idx] & 0x000ffffffffff000ull);
    }
    return &t[(va >> 12) & 511];
}

void mem_enable_nx(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(0xC0000080u));
    lo |= 1u << 11; /* EFER.NXE: bit 63 of a PTE means no-execute */
    __asm__ volatile("wrmsr" ::"a"(lo), "d"(hi), "c"(0xC0000080u));
}

bool mem_map_4k(uint64_t va, uint64_t pa, uint64_t flags)
{
    uint64_t *pte = walk(va, true);
    if (!pte)
        return false;
    *pte = (pa & 0x000ffffffffff000ull) | flags | 1;
    __asm__ volatile("invlpg (%0)" ::"r"(va) : "memory");
    return true;
}

void mem_unmap_4k(uint64_t va)
{
    uint64_t *pte = walk(va, false);
    if (pte) {
        *pte = 0;
        __asm__ volatile("invlpg (%0)" ::"r"(va) : "memory");
    }
}

uint64_t mem_pte(uint64_t va)
{
    uint64_t *pte = walk(va, false);
    return pte ? *pte : 0;
}

uint64_t mem_virt_to_phys(uint64_t va)
{
    if (va < (4ull << 30))
        return va; /* identity map */
    uint64_t *pte = walk(va, false);
    if (pte && (*pte & 1))
        return (*pte & 0x000ffffffffff000ull) | (va & 0xfff);
    return va; /* identity-mapped MMIO above 4 GiB (mem_map_identity) */
}
