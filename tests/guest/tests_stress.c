/*
 * tests_stress.c — volume, interrupt and benchmark cases:
 *   hostmem_limit       negative control: 4 MiB resources created and never
 *                       freed run into QEMU's 256 MiB max_hostmem
 *                       (ERR_OUT_OF_MEMORY) within 65 creates
 *   leak_cycles         cycles=N (default 10000) of create (1024x1024, 4 MiB
 *                       on the host) / attach / transfer / flush / unref,
 *                       batched with one doorbell per cycle; a leak on either
 *                       side fails: the host with OUT_OF_MEMORY after ~64
 *                       cycles, the guest by its own counters
 *   irq_msix            commands complete through MSI-X interrupts
 *   irq_polling_fallback  MSI-X off, no INTx routed: the core's polling
 *                       alone completes commands and no interrupt is taken
 *   irq_intx            MSI-X off, INTx routed through the I/O APIC: the
 *                       core's INTx path (ISR read-to-clear) takes them
 *   fences              200 fenced presents queued in batches: fence ids
 *                       grow by one, vgpu_fence_wait on the last returns,
 *                       completions arrive in order
 *   features_minimal    with INDIRECT_DESC and EVENT_IDX not negotiated
 *                       (descriptor chains, no event suppression) a frame
 *                       still reaches the screen pixel-exact
 *   bench_present       bench=N presents at the current mode, full frame
 *                       then a moving 64x64 rectangle, with @@MARKs for
 *                       host wall-clock timing and @@STAT counters
 */
#include "fb.h"
#include "guest_tests.h"
#include "pattern.h"

#define BIG 1024u /* 1024x1024x4 = 4 MiB per resource on the host */

struct batch {
    uint32_t done, failed;
    int first_err;
    uint32_t first_cmd;
};

static void on_done(void *arg, int status, uint64_t fence, const void *resp, uint32_t len)
{
    struct batch *b = arg;
    (void)fence, (void)resp, (void)len;
    b->done++;
    if (status && !b->failed++) {
        b->first_err = status;
        b->first_cmd = b->done;
    }
}

static bool wait_batch(struct gpu_env *e, struct batch *b, uint32_t want)
{
    uint64_t end = now_ns() + 5000000000ull;
    while (b->done < want) {
        genv_process(e);
        if (b->done >= want)
            break;
        if (now_ns() > end)
            return t_fail("only %u of %u commands completed in 5 s", b->done, want);
        if (e->nvec)
            cpu_wait_interrupt(); /* MSI-X or the timer tick wakes us */
    }
    return true;
}

static bool t_hostmem_limit(void)
{
    struct gpu_env e;
    if (!genv_open(&e, GENV_MSIX, 0))
        return false;
    uint32_t ids[80], n = 0;
    int rc = 0;
    while (n < 80) {
        rc = vgpu_cmd_resource_create_2d(e.dev, VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM, BIG, BIG, &ids[n], NULL);
        if (rc)
            break;
        n++;
    }
    kprintf("hostmem: %u resources of 4 MiB created, then %s\n", n, genv_err(rc));
    for (uint32_t i = 0; i < n; i++)
        vgpu_cmd_resource_unref(e.dev, ids[i], NULL);
    bool ok = rc == VG_ERR_DEV_OUT_OF_MEMORY && n >= 32 && n <= 64;
    if (!ok)
        t_fail("leaking 4 MiB resources: %u created, then %s; want OUT_OF_MEMORY at about 64", n, genv_err(rc));
    if (ok) { /* and everything freed, creation works again */
        uint32_t id;
        rc = vgpu_cmd_resource_create_2d(e.dev, VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM, BIG, BIG, &id, NULL);
        if (rc)
            ok = t_fail("create after freeing everything: %s", genv_err(rc));
        else
            vgpu_cmd_resource_unref(e.dev, id, NULL);
    }
    genv_close(&e);
    return ok;
}

static bool t_leak_cycles(void)
{
    uint32_t cycles = tests_opt_u32("cycles", 10000);
    struct gpu_env e;
    if (!genv_open(&e, GENV_MSIX, 0))
        return false;
    bool ok = false;
    uint64_t bytes = (uint64_t)BIG * BIG * 4;
    void *backing = genv_dma(bytes);
    struct mem_stats m0, m1;
    struct vgpu_stats s0, s1;
    struct batch b = {0, 0, 0, 0};
    uint32_t res_before = vgpu_resource_count(e.dev);
    if (!backing) {
        t_fail("no DMA memory for the backing");
        goto out;
    }
    /* warm-up cycle so lazily created core state is not counted as a leak */
    mem_get_stats(&m0);
    vgpu_get_stats(e.dev, &s0);
    uint64_t t0 = now_ns();
    for (uint32_t i = 0; i < cycles; i++) {
        uint32_t res = 0;
        struct vgpu_async a = {.done = on_done, .arg = &b, .no_kick = true};
        struct vgpu_mem_range r = {(uint64_t)(uintptr_t)backing, bytes};
        struct vgpu_rect rect = {(i * 64) % BIG, (i * 16) % BIG, 64, 16};
        uint64_t off = ((uint64_t)rect.y * BIG + rect.x) * 4;
        int rc;
        uint32_t want = b.done + 5;
        if ((rc = vgpu_cmd_resource_create_2d(e.dev, VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM, BIG, BIG, &res, &a)) ||
            (rc = vgpu_cmd_resource_attach_backing(e.dev, res, &r, 1, &a)) ||
            (rc = vgpu_cmd_transfer_to_host_2d(e.dev, res, &rect, off, &a)) ||
            (rc = vgpu_cmd_resource_flush(e.dev, res, &rect, &a)) ||
            (rc = vgpu_cmd_resource_unref(e.dev, res, &a))) {
            t_fail("cycle %u: queueing failed: %s", i, genv_err(rc));
            goto out;
        }
        vgpu_kick(e.dev);
        if (!wait_batch(&e, &b, want))
            goto out;
        if (b.failed) {
            t_fail("cycle %u: command %u of the run failed with %s", i, b.first_cmd, genv_err(b.first_err));
            goto out;
        }
    }
    uint64_t t1 = now_ns();
    genv_process(&e);
    vgpu_get_stats(e.dev, &s1);
    mem_get_stats(&m1);
    kprintf("@@STAT leak_cycles cycles=%u guest_ms=%llu ctrl_added=%llu ctrl_used=%llu notifies=%llu irqs=%llu\n",
            cycles, (unsigned long long)((t1 - t0) / 1000000), (unsigned long long)(s1.ctrl_added - s0.ctrl_added),
            (unsigned long long)(s1.ctrl_used - s0.ctrl_used),
            (unsigned long long)(s1.ctrl_notifies - s0.ctrl_notifies), (unsigned long long)e.irqs);
    if (vgpu_resource_count(e.dev) != res_before) {
        t_fail("core still records %u resources (had %u)", vgpu_resource_count(e.dev), res_before);
        goto out;
    }
    if (s1.ctrl_added - s0.ctrl_added != 5ull * cycles || s1.ctrl_used != s1.ctrl_added) {
        t_fail("control queue: %llu added, %llu used over %u cycles",
               (unsigned long long)(s1.ctrl_added - s0.ctrl_added), (unsigned long long)(s1.ctrl_used - s0.ctrl_used),
               cycles);
        goto out;
    }
    if (m1.heap_live_blocks != m0.heap_live_blocks || m1.pages_free != m0.pages_free) {
        t_fail("guest memory leaked: heap blocks %llu -> %llu, free pages %llu -> %llu",
               (unsigned long long)m0.heap_live_blocks, (unsigned long long)m1.heap_live_blocks,
               (unsigned long long)m0.pages_free, (unsigned long long)m1.pages_free);
        goto out;
    }
    ok = true;
out:
    if (backing)
        genv_dma_free(backing, bytes);
    genv_close(&e);
    return ok;
}

static bool irq_run(uint32_t mode)
{
    struct gpu_env e;
    if (!genv_open(&e, mode, 0))
        return false;
    bool ok = false;
    struct vgpu_info info;
    vgpu_get_info(e.dev, &info);
    uint64_t dev_irqs0 = irq_count(VEC_INTX);
    for (uint32_t v = 0; v < 3; v++)
        dev_irqs0 += irq_count(VEC_DEVICE_BASE + v);
    struct fb f = {0};
    for (int i = 0; i < 20; i++) {
        int rc = vgpu_cmd_get_display_info(e.dev, NULL, NULL);
        if (rc) {
            t_fail("GET_DISPLAY_INFO #%d: %s", i, genv_err(rc));
            goto out;
        }
    }
    if (!fb_create(&e, &f, 128, 96))
        goto out;
    pattern_fill_mix(f.px, f.w, 5, 0, 0, f.w, f.h);
    if (!fb_present(&e, &f, 0, 0, f.w, f.h))
        goto out;
    genv_process(&e);
    uint64_t dev_irqs = irq_count(VEC_INTX);
    for (uint32_t v = 0; v < 3; v++)
        dev_irqs += irq_count(VEC_DEVICE_BASE + v);
    dev_irqs -= dev_irqs0;
    struct vgpu_stats s;
    vgpu_get_stats(e.dev, &s);
    kprintf("irq: mode %s, core msix_vectors %u, device interrupts %llu (core saw %llu), ctrl used %llu, "
            "halts %llu\n",
            mode == GENV_POLLING ? "polling" : mode == GENV_INTX ? "intx" : "msix", info.msix_vectors, (unsigned long long)dev_irqs,
            (unsigned long long)s.interrupts, (unsigned long long)s.ctrl_used, (unsigned long long)e.halts);
    if (mode == GENV_POLLING) {
        if (info.msix_vectors != 0 || dev_irqs != 0) {
            t_fail("polling mode took %llu device interrupts (core msix_vectors %u)", (unsigned long long)dev_irqs,
                   info.msix_vectors);
            goto out;
        }
    } else if (mode == GENV_INTX) {
        if (info.msix_vectors != 0 || irq_count(VEC_INTX) == 0 || e.isr_true == 0) {
            t_fail("INTx mode: core msix_vectors %u, %llu interrupts on line %u, %llu claimed by vgpu_isr",
                   info.msix_vectors, (unsigned long long)irq_count(VEC_INTX), e.intx_pin,
                   (unsigned long long)e.isr_true);
            goto out;
        }
    } else {
        if (info.msix_vectors != 3) {
            t_fail("core uses %u MSI-X vectors, want 3 (config, control, cursor)", info.msix_vectors);
            goto out;
        }
        /* every command completed: each used buffer should have raised
         * the control queue's vector (QEMU does not suppress them here) */
        if (irq_count(VEC_DEVICE_BASE + 1) == 0 || e.isr_true == 0) {
            t_fail("no MSI-X interrupt on the control-queue vector (%llu device interrupts)",
                   (unsigned long long)dev_irqs);
            goto out;
        }
    }
    ok = true;
out:
    fb_destroy(&e, &f);
    genv_close(&e);
    return ok;
}

static bool t_irq_msix(void) { return irq_run(GENV_MSIX); }
static bool t_irq_polling(void) { return irq_run(GENV_POLLING); }
static bool t_irq_intx(void) { return irq_run(GENV_INTX); }

static bool bench_phase(struct gpu_env *e, struct fb *f, const char *name, uint32_t n, uint32_t rw, uint32_t rh)
{
    struct vgpu_stats s0, s1;
    vgpu_get_stats(e->dev, &s0);
    uint64_t irq0 = e->irqs, t0 = now_ns();
    kprintf("@@MARK %s_start\n", name);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t x = rw == f->w ? 0 : (i * 97) % (f->w - rw), y = rh == f->h ? 0 : (i * 61) % (f->h - rh);
        if (!fb_present(e, f, x, y, rw, rh))
            return false;
    }
    kprintf("@@MARK %s_end\n", name);
    uint64_t t1 = now_ns();
    vgpu_get_stats(e->dev, &s1);
    kprintf("@@STAT %s presents=%u rect=%ux%u pixel_bytes_per_present=%u cmd_bytes_per_present=%llu "
            "doorbells_per_present=%llu.%02llu irqs_per_present=%llu.%02llu guest_us_per_present=%llu\n",
            name, n, rw, rh, rw * rh * 4, (unsigned long long)((s1.bytes_out - s0.bytes_out) / n),
            (unsigned long long)((s1.ctrl_notifies - s0.ctrl_notifies) / n),
            (unsigned long long)((s1.ctrl_notifies - s0.ctrl_notifies) * 100 / n % 100),
            (unsigned long long)((e->irqs - irq0) / n), (unsigned long long)((e->irqs - irq0) * 100 / n % 100),
            (unsigned long long)((t1 - t0) / 1000 / n));
    return true;
}

static bool t_bench_present(void)
{
    uint32_t n = tests_opt_u32("bench", 200);
    struct gpu_env e;
    struct fb f = {0};
    struct vgpu_display *d = heap_alloc(sizeof *d);
    bool ok = d && genv_open(&e, GENV_MSIX, 0);
    if (ok && vgpu_get_display(e.dev, 0, d))
        ok = t_fail("no display info");
    ok = ok && fb_create(&e, &f, d->r.width, d->r.height);
    if (ok) {
        pattern_fill_mix(f.px, f.w, 7, 0, 0, f.w, f.h);
        ok = fb_scanout(&e, &f, 0) && bench_phase(&e, &f, "full", n, f.w, f.h) &&
             bench_phase(&e, &f, "rect64", n, 64, 64);
    }
    fb_destroy(&e, &f);
    if (d)
        genv_close(&e);
    /* the same 64x64 presents with MSI-X off: completion found by polling */
    ok = ok && genv_open(&e, GENV_POLLING, 0) && fb_create(&e, &f, d->r.width, d->r.height);
    if (ok) {
        pattern_fill_mix(f.px, f.w, 7, 0, 0, f.w, f.h);
        ok = fb_scanout(&e, &f, 0) && bench_phase(&e, &f, "rect64_poll", n, 64, 64);
        fb_destroy(&e, &f);
        genv_close(&e);
    }
    heap_free(d);
    return ok;
}

struct fence_log {
    uint32_t n, bad_order, failed;
    uint64_t last;
};

static void on_fenced(void *arg, int status, uint64_t fence, const void *resp, uint32_t len)
{
    struct fence_log *l = arg;
    (void)resp, (void)len;
    if (status)
        l->failed++;
    if (fence <= l->last)
        l->bad_order++;
    l->last = fence;
    l->n++;
}

static bool t_fences(void)
{
    struct gpu_env e;
    struct fb f = {0};
    struct fence_log log = {0, 0, 0, 0};
    bool ok = genv_open(&e, GENV_MSIX, 0) && fb_create(&e, &f, 256, 128);
    uint64_t first = 0, prev = 0, fid = 0;
    for (uint32_t i = 0; ok && i < 200; i++) {
        struct vgpu_rect r = {(i * 8) % 192, (i * 4) % 96, 64, 32};
        struct vgpu_async a = {.done = on_fenced, .arg = &log, .fence = true, .no_kick = (i % 10) != 9,
                               .fence_out = &fid};
        int rc = vgpu_cmd_resource_flush(e.dev, f.res, &r, &a);
        if (rc == VG_ERR_BUSY) { /* ring full: let the device drain it */
            vgpu_kick(e.dev);
            genv_process(&e);
            i--;
            continue;
        }
        if (rc)
            ok = t_fail("fenced RESOURCE_FLUSH #%u: %s", i, genv_err(rc));
        else if (prev && fid != prev + 1)
            ok = t_fail("fence ids not consecutive: %llu after %llu", (unsigned long long)fid,
                        (unsigned long long)prev);
        if (!first)
            first = fid;
        prev = fid;
    }
    if (ok) {
        vgpu_kick(e.dev);
        int rc = vgpu_fence_wait(e.dev, prev, 5000000000ull);
        genv_process(&e);
        if (rc)
            ok = t_fail("vgpu_fence_wait(%llu): %s", (unsigned long long)prev, genv_err(rc));
        else if (vgpu_fence_last_completed(e.dev) < prev || vgpu_fence_last_emitted(e.dev) != prev)
            ok = t_fail("fence timeline: completed %llu emitted %llu, want %llu",
                        (unsigned long long)vgpu_fence_last_completed(e.dev),
                        (unsigned long long)vgpu_fence_last_emitted(e.dev), (unsigned long long)prev);
        else if (log.n != 200 || log.bad_order || log.failed || log.last != prev)
            ok = t_fail("callbacks: %u of 200, %u out of order, %u failed, last fence %llu", log.n, log.bad_order,
                        log.failed, (unsigned long long)log.last);
    }
    kprintf("fences: first %llu last %llu callbacks %u\n", (unsigned long long)first, (unsigned long long)prev,
            log.n);
    fb_destroy(&e, &f);
    genv_close(&e);
    return ok;
}

static bool t_features_minimal(void)
{
    struct gpu_env e;
    struct fb f = {0};
    bool ok = genv_open(&e, GENV_MSIX, VGPU_INIT_NO_INDIRECT | VGPU_INIT_NO_EVENT_IDX);
    if (ok) {
        struct vgpu_info info;
        vgpu_get_info(e.dev, &info);
        if (info.indirect || info.event_idx)
            ok = t_fail("negotiated indirect %d event_idx %d although asked not to", info.indirect, info.event_idx);
    }
    ok = ok && fb_create(&e, &f, 320, 200);
    if (ok) {
        pattern_fill_mix(f.px, f.w, 9, 0, 0, f.w, f.h);
        ok = fb_scanout(&e, &f, 0) && fb_present(&e, &f, 0, 0, f.w, f.h) &&
             t_screendump(0, f.w, f.h, "mix:9:0:0:320:200");
    }
    fb_destroy(&e, &f);
    genv_close(&e);
    return ok;
}

static bool t_features_default(void)
{
    struct gpu_env e;
    if (!genv_open(&e, GENV_MSIX, 0))
        return false;
    struct vgpu_info info;
    vgpu_get_info(e.dev, &info);
    kprintf("features: %llx edid %d indirect %d event_idx %d queues %u/%u\n", (unsigned long long)info.features,
            info.edid, info.indirect, info.event_idx, info.ctrl_queue_size, info.cursor_queue_size);
    genv_close(&e);
    /* QEMU 7.2 offers all three to a 2D device */
    CHECK(info.edid && info.indirect && info.event_idx, "expected EDID, INDIRECT_DESC and EVENT_IDX negotiated");
    return true;
}

const struct guest_test stress_tests[] = {
    {"fences", t_fences},
    {"features_default", t_features_default},
    {"features_minimal", t_features_minimal},
    {"hostmem_limit", t_hostmem_limit},
    {"leak_cycles", t_leak_cycles},
    {"irq_msix", t_irq_msix},
    {"irq_polling_fallback", t_irq_polling},
    {"irq_intx", t_irq_intx},
    {"bench_present", t_bench_present},
    {NULL, NULL},
};
