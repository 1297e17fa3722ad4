/*
 * tests_dev.c — device behaviour tests that need no screendump:
 *   edid_modes          EDID read through the core; preferred = xres x yres
 *                       (host passes mode=WxH); the blob goes to the host
 *   cursor              UPDATE/MOVE_CURSOR consumed by the cursor queue
 *                       (QEMU never writes a response there)
 *   err_*               each error QEMU 7.2 answers, as its own core code,
 *                       and the device still works afterwards
 *   hostmem_limit       negative control for leak_cycles: leaking 4 MiB
 *                       resources does hit QEMU's max_hostmem
 *   leak_cycles         10,000 create/attach/transfer/flush/unref cycles
 *   irq_msix            completions arrive as MSI-X interrupts
 *   irq_polling_fallback  with MSI-X off (no INTx routed) the core polls
 */
#include "fb.h"
#include "guest_tests.h"
#include "pattern.h"

static struct vgpu_display disp;

static bool opt_mode(uint32_t *w, uint32_t *h)
{
    char buf[32];
    if (!t_option("mode", buf, sizeof buf))
        return t_fail("kernel command line lacks mode=WxH");
    uint32_t v = 0, *dst = w;
    for (const char *p = buf;; p++) {
        if (*p >= '0' && *p <= '9') {
            v = v * 10 + (uint32_t)(*p - '0');
        } else if (*p == 'x' && dst == w) {
            *w = v, v = 0, dst = h;
        } else if (!*p && dst == h) {
            *h = v;
            return true;
        } else {
            return t_fail("bad mode option '%s'", buf);
        }
    }
}

static uint32_t opt_u32(const char *key, uint32_t dflt)
{
    char buf[16];
    if (!t_option(key, buf, sizeof buf))
        return dflt;
    uint32_t v = 0;
    for (const char *p = buf; *p >= '0' && *p <= '9'; p++)
        v = v * 10 + (uint32_t)(*p - '0');
    return v;
}

static bool t_edid_modes(void)
{
    struct gpu_env e;
    uint32_t w, h;
    if (!opt_mode(&w, &h) || !genv_open(&e, GENV_MSIX, 0))
        return false;
    bool ok = false;
    int rc = vgpu_get_display(e.dev, 0, &disp);
    if (rc) {
        t_fail("vgpu_get_display: %s", genv_err(rc));
        goto out;
    }
    if (disp.r.width != w || disp.r.height != h) {
        t_fail("display info says %ux%u, device configured %ux%u", disp.r.width, disp.r.height, w, h);
        goto out;
    }
    if (disp.edid_status) {
        t_fail("EDID status %s", genv_err(disp.edid_status));
        goto out;
    }
    const struct vgpu_edid_info *m = &disp.modes;
    kprintf("edid: %u bytes, vendor %s name '%s', %u modes, preferred %d, range %d\n", disp.edid_len, m->vendor,
            m->name, m->n_modes, m->preferred, m->has_range);
    for (uint32_t i = 0; i < m->n_modes; i++)
        kprintf("edid:   %ux%u@%u.%03u flags %x\n", m->modes[i].width, m->modes[i].height,
                m->modes[i].refresh_mhz / 1000, m->modes[i].refresh_mhz % 1000, m->modes[i].flags);
    if (m->preferred < 0 || m->modes[m->preferred].width != w || m->modes[m->preferred].height != h) {
        t_fail("preferred mode is %ux%u, want %ux%u", m->preferred < 0 ? 0 : m->modes[m->preferred].width,
               m->preferred < 0 ? 0 : m->modes[m->preferred].height, w, h);
        goto out;
    }
    if (!(m->modes[m->preferred].flags & VGPU_MODE_PREFERRED) || m->n_modes < 2) {
        t_fail("mode list too short (%u) or preferred flag missing", m->n_modes);
        goto out;
    }
    /* the blob for the core's parser tests (tests/unit/data) */
    static char line[2 * VIRTIO_GPU_EDID_MAX + 64];
    size_t n = (size_t)ksnprintf(line, sizeof line, "@@EDID %ux%u ", w, h);
    uint32_t len = disp.edid_len;
    /* trailing zero padding of QEMU's 1024-byte buffer is not EDID */
    uint32_t blocks = 1u + (len >= 128 ? disp.edid[126] : 0);
    if (blocks * 128 < len)
        len = blocks * 128;
    for (uint32_t i = 0; i < len && n + 3 < sizeof line; i++)
        n += (size_t)ksnprintf(line + n, sizeof line - n, "%02x", disp.edid[i]);
    serial_write(line);
    serial_write("\n");
    ok = true;
out:
    genv_close(&e);
    return ok;
}

static bool t_cursor(void)
{
    struct gpu_env e;
    if (!genv_open(&e, GENV_MSIX, 0))
        return false;
    bool ok = false;
    uint32_t res = 0;
    void *img = genv_dma(64 * 64 * 4);
    struct vgpu_stats s0, s1;
    int rc = vgpu_cmd_resource_create_2d(e.dev, VIRTIO_GPU_FORMAT_B8G8R8A8_UNORM, 64, 64, &res, NULL);
    struct vgpu_mem_range r = {(uint64_t)(uintptr_t)img, 64 * 64 * 4};
    struct vgpu_rect full = {0, 0, 64, 64};
    if (!img || rc) {
        t_fail("cursor resource: %s", img ? genv_err(rc) : "no memory");
        goto out;
    }
    pattern_fill_solid(img, 64, 0x00ff00, 0, 0, 64, 64);
    if ((rc = vgpu_cmd_resource_attach_backing(e.dev, res, &r, 1, NULL)) ||
        (rc = vgpu_cmd_transfer_to_host_2d(e.dev, res, &full, 0, NULL))) {
        t_fail("cursor resource setup: %s", genv_err(rc));
        goto out;
    }
    vgpu_get_stats(e.dev, &s0);
    if ((rc = vgpu_cmd_update_cursor(e.dev, 0, res, 3, 4, 100, 100, NULL))) {
        t_fail("UPDATE_CURSOR: %s", genv_err(rc));
        goto out;
    }
    for (uint32_t i = 0; i < 20; i++)
        if ((rc = vgpu_cmd_move_cursor(e.dev, 0, 100 + 7 * i, 100 + 3 * i, NULL))) {
            t_fail("MOVE_CURSOR #%u: %s", i, genv_err(rc));
            goto out;
        }
    /* QEMU consumes an update for a resource that does not exist without
     * any answer (it only logs under -d guest_errors); the hide command
     * (resource 0) must be consumed too */
    if ((rc = vgpu_cmd_update_cursor(e.dev, 0, res + 1000, 0, 0, 0, 0, NULL)) ||
        (rc = vgpu_cmd_update_cursor(e.dev, 0, 0, 0, 0, 0, 0, NULL))) {
        t_fail("UPDATE_CURSOR (invalid/hide): %s", genv_err(rc));
        goto out;
    }
    genv_process(&e);
    vgpu_get_stats(e.dev, &s1);
    kprintf("cursor: added %llu used %llu notifies %llu\n", (unsigned long long)(s1.cursor_added - s0.cursor_added),
            (unsigned long long)(s1.cursor_used - s0.cursor_used),
            (unsigned long long)(s1.cursor_notifies - s0.cursor_notifies));
    if (s1.cursor_added - s0.cursor_added != 23 || s1.cursor_used - s0.cursor_used != 23) {
        t_fail("cursor queue: %llu added, %llu used, want 23 and 23",
               (unsigned long long)(s1.cursor_added - s0.cursor_added),
               (unsigned long long)(s1.cursor_used - s0.cursor_used));
        goto out;
    }
    if (s1.ctrl_added != s0.ctrl_added) {
        t_fail("cursor commands went to the control queue");
        goto out;
    }
    ok = true;
out:
    if (res)
        vgpu_cmd_resource_unref(e.dev, res, NULL);
    if (img)
        genv_dma_free(img, 64 * 64 * 4);
    genv_close(&e);
    return ok;
}

/* display_event: the host resizes head 0 through QEMU's VNC server
 * (SetDesktopSize); QEMU raises VIRTIO_GPU_EVENT_DISPLAY on the config
 * vector, and the core must re-read display info and EDID and call
 * display_changed for head 0 with the new size as the preferred mode.
 * Then a frame at the new size must show pixel-exact. */
static bool t_display_event(void)
{
    struct gpu_env e;
    struct fb f = {0};
    const uint32_t w = 800, h = 600;
    if (!genv_open(&e, GENV_MSIX, 0))
        return false;
    bool ok = false;
    struct vgpu_stats s0, s1;
    vgpu_get_stats(e.dev, &s0);
    int rc = vgpu_get_display(e.dev, 0, &disp);
    if (rc || (disp.r.width == w && disp.r.height == h)) {
        t_fail("start mode must differ from %ux%u (rc %s)", w, h, genv_err(rc));
        goto out;
    }
    if (!t_resize(w, h))
        goto out;
    for (uint64_t end = now_ns() + 5000000000ull; now_ns() < end;) {
        genv_process(&e);
        if (e.display_events && vgpu_get_display(e.dev, 0, &disp) == 0 && disp.r.width == w)
            break;
        cpu_wait_interrupt();
    }
    vgpu_get_stats(e.dev, &s1);
    kprintf("display: %u events, mask %x, config interrupts %llu, head 0 now %ux%u, edid status %d\n",
            e.display_events, e.display_mask, (unsigned long long)(s1.config_events - s0.config_events),
            disp.r.width, disp.r.height, disp.edid_status);
    if (!e.display_events || !(e.display_mask & 1)) {
        t_fail("no display_changed callback for head 0 (%u events, mask %x)", e.display_events, e.display_mask);
        goto out;
    }
    if (s1.config_events == s0.config_events) {
        t_fail("the core saw no VIRTIO_GPU_EVENT_DISPLAY config event");
        goto out;
    }
    if (disp.r.width != w || disp.r.height != h || !disp.enabled) {
        t_fail("head 0 is %ux%u (enabled %u) after the event, want %ux%u", disp.r.width, disp.r.height,
               disp.enabled, w, h);
        goto out;
    }
    const struct vgpu_edid_info *m = &disp.modes;
    if (disp.edid_status || m->preferred < 0 || m->modes[m->preferred].width != w ||
        m->modes[m->preferred].height != h) {
        t_fail("EDID not re-read for the new size (status %s, preferred %ux%u)", genv_err(disp.edid_status),
               m->preferred < 0 ? 0 : m->modes[m->preferred].width,
               m->preferred < 0 ? 0 : m->modes[m->preferred].height);
        goto out;
    }
    if (!fb_create(&e, &f, w, h))
        goto out;
    pattern_fill_mix(f.px, w, 6, 0, 0, w, h);
    ok = fb_scanout(&e, &f, 0) && fb_present(&e, &f, 0, 0, w, h) && t_screendump(0, w, h, "mix:6:0:0:800:600");
out:
    fb_destroy(&e, &f);
    genv_close(&e);
    return ok;
}

const struct guest_test device_tests[] = {
    {"display_event", t_display_event},
    {"edid_modes", t_edid_modes},
    {"cursor", t_cursor},
    {NULL, NULL},
};

uint32_t tests_opt_u32(const char *key, uint32_t dflt) { return opt_u32(key, dflt); }
