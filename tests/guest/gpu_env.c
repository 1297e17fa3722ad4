/*
 * gpu_env.c — struct vg_platform for the bare-metal guest, and device
 * bring-up for tests (see gpu_env.h).  Everything is identity-mapped, so
 * virt_to_phys is the identity and a BAR's "mapping" is its physical
 * address (mapped on demand when above 4 GiB).  Locks are "interrupts off"
 * on this single CPU; the token is the previous RFLAGS.
 */
#include "gpu_env.h"
#include "base/vg_err.h"

static uint8_t m_rd8(void *c, volatile void *a) { (void)c; return *(volatile uint8_t *)a; }
static uint16_t m_rd16(void *c, volatile void *a) { (void)c; return *(volatile uint16_t *)a; }
static uint32_t m_rd32(void *c, volatile void *a) { (void)c; return *(volatile uint32_t *)a; }
static void m_wr8(void *c, volatile void *a, uint8_t v) { (void)c; *(volatile uint8_t *)a = v; }
static void m_wr16(void *c, volatile void *a, uint16_t v) { (void)c; *(volatile uint16_t *)a = v; }
static void m_wr32(void *c, volatile void *a, uint32_t v) { (void)c; *(volatile uint32_t *)a = v; }

static int cfg_read(void *c, uint32_t off, void *buf, uint32_t len)
{
    struct gpu_env *e = c;
    uint8_t *b = buf;
    if (off + len > 256 || off + len < off)
        return VG_ERR_INVALID_ARG;
    while (len) {
        if (!(off & 3) && len >= 4) {
            uint32_t v = pci_read32(&e->pci, off);
            memcpy(b, &v, 4);
            off += 4, b += 4, len -= 4;
        } else if (!(off & 1) && len >= 2) {
            uint16_t v = pci_read16(&e->pci, off);
            memcpy(b, &v, 2);
            off += 2, b += 2, len -= 2;
        } else {
            *b++ = pci_read8(&e->pci, off++);
            len--;
        }
    }
    return 0;
}

static int cfg_write(void *c, uint32_t off, const void *buf, uint32_t len)
{
    struct gpu_env *e = c;
    const uint8_t *b = buf;
    if (off + len > 256 || off + len < off)
        return VG_ERR_INVALID_ARG;
    while (len) {
        if (!(off & 3) && len >= 4) {
            uint32_t v;
            memcpy(&v, b, 4);
            pci_write32(&e->pci, off, v);
            off += 4, b += 4, len -= 4;
        } else if (!(off & 1) && len >= 2) {
            uint16_t v;
            memcpy(&v, b, 2);
            pci_write16(&e->pci, off, v);
            off += 2, b += 2, len -= 2;
        } else {
            pci_write8(&e->pci, off++, *b++);
            len--;
        }
    }
    return 0;
}

static volatile void *map_bar(void *c, uint32_t bar, uint64_t off, uint64_t len)
{
    struct gpu_env *e = c;
    uint64_t base, size;
    if (!pci_bar(&e->pci, bar, &base, &size) || off > size || len > size - off)
        return NULL;
    if (!mem_map_identity(base + off, len))
        return NULL;
    return (volatile void *)(uintptr_t)(base + off);
}

static void unmap_bar(void *c, volatile void *va, uint64_t len) { (void)c, (void)va, (void)len; }
static void *p_alloc(void *c, size_t n) { (void)c; return heap_alloc(n); }
static void p_free(void *c, void *p) { (void)c; heap_free(p); }

static int p_dma_alloc(void *c, uint64_t size, uint64_t align, vg_dma_buf *out)
{
    (void)c;
    void *p = page_alloc(size, align > 4096 ? align : 4096);
    if (!p)
        return VG_ERR_NO_DMA_MEMORY;
    out->va = p;
    out->pa = (uint64_t)(uintptr_t)p;
    out->size = size;
    out->cookie = NULL;
    return 0;
}

static void p_dma_free(void *c, vg_dma_buf *b)
{
    (void)c;
    if (b && b->va)
        page_free(b->va, b->size);
}

static uint64_t v2p(void *c, const void *va) { (void)c; return (uint64_t)(uintptr_t)va; }
static void *lk_create(void *c) { (void)c; return heap_alloc(8); }
static void lk_destroy(void *c, void *l) { (void)c; heap_free(l); }

static uintptr_t lk_acquire(void *c, void *l)
{
    (void)c, (void)l;
    uint64_t f = read_flags();
    irq_off();
    return (uintptr_t)f;
}

static void lk_release(void *c, void *l, uintptr_t tok)
{
    (void)c, (void)l;
    if (tok & 0x200)
        irq_on();
}

static uint64_t p_now(void *c) { (void)c; return now_ns(); }

static void run_dpc(struct gpu_env *e)
{
    if (e && e->dev && e->pending && !e->in_process) {
        e->pending = false;
        e->in_process = true;
        vgpu_process(e->dev);
        e->in_process = false;
    }
}

/* Called by the core's wait loops with no core lock held.  With MSI-X the
 * CPU halts (sti;hlt) until the device's interrupt or the next timer tick:
 * the completion the core waits for raises the interrupt that wakes us.
 * An interrupt taken since the previous wait returned may be the one the
 * core is waiting for (it arrived after the core's last poll), so then we
 * return at once instead of halting; cli before the check and the sti;hlt
 * pair close the lost-wakeup window.  When no device interrupt can come
 * (polling mode, INTx before it is routed) nothing but the tick would wake
 * a halt, so short waits spin for max_ns instead. */
static void p_wait(void *c, uint64_t max_ns)
{
    struct gpu_env *e = c;
    /* INTx is routed only once vgpu_init has returned: spin until then */
    bool no_irq = e->mode == GENV_POLLING || (e->mode == GENV_INTX && !e->dev);
    if (no_irq && max_ns < timer_tick_ns()) {
        uint64_t end = now_ns() + max_ns;
        irq_on();
        while (now_ns() < end)
            cpu_relax();
        return;
    }
    uint64_t f = read_flags();
    irq_off();
    if (e->irqs == e->irqs_seen) {
        e->halts++;
        __asm__ volatile("sti; hlt; cli" ::: "memory");
    }
    e->irqs_seen = e->irqs;
    if (f & 0x200)
        irq_on();
}

static void p_log(void *c, int level, const char *msg)
{
    (void)c;
    static const char *const names[] = {"error", "warn", "info", "debug", "trace"};
    kprintf("core %s: %s\n", level >= 0 && level <= 4 ? names[level] : "?", msg);
}

static void on_msix(void *arg, uint32_t vector)
{
    struct gpu_env *e = arg;
    e->irqs++;
    if (e->dev && vgpu_isr(e->dev, vector - VEC_DEVICE_BASE)) {
        e->isr_true++;
        e->pending = true;
    }
}

static void on_display(void *client, uint32_t changed_mask)
{
    struct gpu_env *e = client;
    e->display_events++;
    e->display_mask |= changed_mask;
}

static void on_intx(void *arg, uint32_t vector)
{
    struct gpu_env *e = arg;
    (void)vector;
    e->irqs++;
    if (e->dev && vgpu_isr(e->dev, VGPU_ISR_INTX)) {
        e->isr_true++;
        e->pending = true;
    }
}

void *genv_dma(uint64_t bytes) { return page_alloc(bytes, 4096); }
void genv_dma_free(void *p, uint64_t bytes) { page_free(p, bytes); }
const char *genv_err(int rc) { return vg_strerror(rc); }

void genv_poll(struct gpu_env *e) { run_dpc(e); }

void genv_process(struct gpu_env *e)
{
    e->pending = true;
    run_dpc(e);
}

bool genv_open(struct gpu_env *e, uint32_t mode, uint32_t vgpu_flags)
{
    memset(e, 0, sizeof *e);
    if (!pci_find(0x1af4, VIRTIO_GPU_PCI_DEVICE_ID, &e->pci))
        return t_fail("no virtio-gpu PCI function (1af4:1050)");
    e->plat = (struct vg_platform){
        .ctx = e,
        .mmio_read8 = m_rd8, .mmio_read16 = m_rd16, .mmio_read32 = m_rd32,
        .mmio_write8 = m_wr8, .mmio_write16 = m_wr16, .mmio_write32 = m_wr32,
        .pci_cfg_read = cfg_read, .pci_cfg_write = cfg_write,
        .map_bar = map_bar, .unmap_bar = unmap_bar,
        .alloc = p_alloc, .free = p_free,
        .dma_alloc = p_dma_alloc, .dma_free = p_dma_free,
        .virt_to_phys = v2p,
        .lock_create = lk_create, .lock_destroy = lk_destroy,
        .lock_acquire = lk_acquire, .lock_release = lk_release,
        .now_ns = p_now, .wait_a_little = p_wait, .log = p_log,
    };
    /* bus mastering and memory decoding, also in polling mode */
    pci_write16(&e->pci, 0x04, (uint16_t)(pci_read16(&e->pci, 0x04) | 0x6u));
    e->mode = mode;
    if (mode == GENV_MSIX) {
        e->nvec = msix_setup(&e->pci, 3, on_msix, e);
        if (!e->nvec)
            return t_fail("device has no usable MSI-X table");
    } else {
        msix_disable(&e->pci);
        /* INTx must not be disabled in the command register (bit 10) */
        pci_write16(&e->pci, 0x04, (uint16_t)(pci_read16(&e->pci, 0x04) & ~0x400u));
        if (mode == GENV_INTX) {
            uint32_t pin = pci_read8(&e->pci, 0x3C);
            if (pin == 0 || pin >= ioapic_pins())
                return t_fail("no usable INTx line (config 0x3C = %u)", pin);
            e->intx_pin = pin;
            ioapic_mask(pin); /* level mode now: see ioapic.c */
        }
    }
    struct vgpu_params prm = {
        .msix_vectors = e->nvec,
        .flags = vgpu_flags,
        .timeout_ns = 5000000000ull,
        .log_level = VG_LOG_WARN,
        .client = e,
        .display_changed = on_display,
    };
    int rc = vgpu_init(&e->plat, &prm, &e->dev);
    if (rc) {
        e->dev = NULL;
        genv_close(e);
        return t_fail("vgpu_init: %s (%d)", vg_strerror(rc), rc);
    }
    if (mode == GENV_INTX && !ioapic_route(e->intx_pin, VEC_INTX, on_intx, e)) {
        genv_close(e);
        return t_fail("cannot route INTx line %u through the I/O APIC", e->intx_pin);
    }
    return true;
}

/* Idempotent; also undoes a genv_open that failed half-way.  The handlers
 * are cleared so that no late interrupt reaches this (stack) env. */
void genv_close(struct gpu_env *e)
{
    if (e->mode == GENV_INTX && e->intx_pin)
        ioapic_mask(e->intx_pin);
    if (e->dev) {
        run_dpc(e);
        vgpu_fini(e->dev);
        e->dev = NULL;
    }
    if (e->pci.vendor)
        msix_disable(&e->pci);
    for (uint32_t i = 0; i < e->nvec; i++)
        irq_set_handler(VEC_DEVICE_BASE + i, NULL, NULL);
    if (e->mode == GENV_INTX)
        irq_set_handler(VEC_INTX, NULL, NULL);
    e->nvec = 0;
}
