/*
 * tests_2d.c — 2D scanout tests on virtio-gpu-pci, checked on the host by
 * pixel-exact QMP screendumps (see pattern.h for the images).
 *   scanout_full         whole frame, mode from GET_DISPLAY_INFO
 *   screendump_mismatch  negative control: a wrong expectation must fail
 *   dirty_rect           64x64 update in the middle keeps the rest
 *   dirty_rect_corner    update at the far bottom-right corner of a mode
 *                        whose size is not a multiple of 16
 *   four_heads           max_outputs=4: each head its own size and pattern
 *   reset_restore        the TDR path: reset + replay of the core's records
 *   scanout_subrect      a head showing a window of a larger resource
 *   scatter_backing      backing of 63 scattered pages, one entry each
 * Each test brings the device up itself (genv_open) so tests are
 * independent; vgpu_fini resets the device, which drops its resources.
 */
#include "fb.h"
#include "pattern.h"

static struct vgpu_display disp; /* big (EDID + modes): not on the stack */

static bool head_mode(struct gpu_env *e, uint32_t head, uint32_t *w, uint32_t *h)
{
    int rc = vgpu_get_display(e->dev, head, &disp);
    CHECK(!rc, "vgpu_get_display(%u): %s", head, genv_err(rc));
    CHECK(disp.enabled && disp.r.width && disp.r.height, "head %u not enabled in display info", head);
    *w = disp.r.width;
    *h = disp.r.height;
    return true;
}

/* Full frame of mix:seed on head 0; leaves env and fb open for the caller. */
static bool full_frame(struct gpu_env *e, struct fb *f, uint32_t seed, char *layers, size_t lsize)
{
    uint32_t w = 0, h = 0;
    if (!head_mode(e, 0, &w, &h) || !fb_create(e, f, w, h))
        return false;
    pattern_fill_mix(f->px, w, seed, 0, 0, w, h);
    if (!fb_scanout(e, f, 0) || !fb_present(e, f, 0, 0, w, h))
        return false;
    ksnprintf(layers, lsize, "mix:%u:0:0:%u:%u", seed, w, h);
    return true;
}

static bool t_scanout_full(void)
{
    struct gpu_env e;
    struct fb f = {0};
    char layers[128];
    bool ok = genv_open(&e, GENV_MSIX, 0) && full_frame(&e, &f, 1, layers, sizeof layers) &&
              t_screendump(0, f.w, f.h, layers);
    fb_destroy(&e, &f);
    genv_close(&e);
    return ok;
}

static bool t_screendump_mismatch(void)
{
    struct gpu_env e;
    struct fb f = {0};
    char layers[128], ans[256];
    bool ok = genv_open(&e, GENV_MSIX, 0) && full_frame(&e, &f, 3, layers, sizeof layers);
    if (ok) {
        /* one pixel of difference must be caught: expect a solid dot that
         * was never drawn */
        kprintf("@@SCREENDUMP 0 %u %u %s;solid:fe0000:%u:%u:1:1\n", f.w, f.h, layers, f.w / 2, f.h / 2);
        if (!serial_readline(ans, sizeof ans, 60ull * 1000000000ull))
            ok = t_fail("no screendump answer from host");
        else if (strncmp(ans, "@@R FAIL", 8))
            ok = t_fail("host accepted a screen that differs in one pixel: '%s'", ans);
    }
    fb_destroy(&e, &f);
    genv_close(&e);
    return ok;
}

/* Full frame of seed 1, then the whole backing redrawn with seed 2 but only
 * (x,y,w,h) transferred and flushed: the screen must show seed 2 there and
 * seed 1 everywhere else. */
static bool dirty(int corner)
{
    struct gpu_env e;
    struct fb f = {0};
    char layers[256];
    bool ok = genv_open(&e, GENV_MSIX, 0) && full_frame(&e, &f, 1, layers, sizeof layers);
    if (ok) {
        uint32_t rw = 64, rh = 64, x = f.w / 2 - 20, y = f.h / 3 - 10;
        if (corner) {
            /* odd-sized rectangle ending exactly at the last pixel */
            rw = 37;
            rh = 29;
            x = f.w - rw;
            y = f.h - rh;
            if (f.w % 16 == 0 && f.h % 16 == 0)
                ok = t_fail("mode %ux%u is a multiple of 16: run with e.g. xres=1366,yres=766", f.w, f.h);
        }
        pattern_fill_mix(f.px, f.w, 2, 0, 0, f.w, f.h);
        size_t n = strlen(layers);
        ksnprintf(layers + n, sizeof layers - n, ";mix:2:%u:%u:%u:%u", x, y, rw, rh);
        ok = ok && fb_present(&e, &f, x, y, rw, rh) && t_screendump(0, f.w, f.h, layers);
    }
    fb_destroy(&e, &f);
    genv_close(&e);
    return ok;
}

static bool t_dirty_rect(void) { return dirty(0); }
static bool t_dirty_rect_corner(void) { return dirty(1); }

static bool t_four_heads(void)
{
    static const uint32_t size[4][2] = {{640, 480}, {320, 240}, {400, 300}, {250, 170}};
    struct gpu_env e;
    struct fb f[4] = {{0}};
    bool ok = genv_open(&e, GENV_MSIX, 0);
    struct vgpu_info info;
    if (ok) {
        vgpu_get_info(e.dev, &info);
        if (info.num_scanouts != 4)
            ok = t_fail("device reports %u scanouts, want 4 (max_outputs=4)", info.num_scanouts);
    }
    for (uint32_t i = 0; ok && i < 4; i++) {
        ok = fb_create(&e, &f[i], size[i][0], size[i][1]);
        if (ok) {
            pattern_fill_mix(f[i].px, f[i].w, 10 + i, 0, 0, f[i].w, f[i].h);
            ok = fb_scanout(&e, &f[i], i) && fb_present(&e, &f[i], 0, 0, f[i].w, f[i].h);
        }
    }
    /* check every head only after all are set, so one head's update
     * cannot have overwritten another's */
    for (uint32_t i = 0; ok && i < 4; i++) {
        char layers[64];
        ksnprintf(layers, sizeof layers, "mix:%u:0:0:%u:%u", 10 + i, f[i].w, f[i].h);
        ok = t_screendump(i, f[i].w, f[i].h, layers);
    }
    for (int i = 0; i < 4; i++)
        fb_destroy(&e, &f[i]);
    genv_close(&e);
    return ok;
}

/* reset_restore: vgpu_reset_and_restore (the TDR / D3->D0 path) resets the
 * device, which drops every host resource, and replays the core's records:
 * create, attach backing, refill the host copy from the backing, set the
 * scanout and flush.  Right after it the whole old frame must be back on
 * the screen (a reset device shows nothing); then a rectangle presented
 * from new backing contents shows on top of it, so the resource is live
 * with its backing. */
static bool t_reset_restore(void)
{
    struct gpu_env e;
    struct fb f = {0};
    char layers[256];
    bool ok = genv_open(&e, GENV_MSIX, 0) && full_frame(&e, &f, 4, layers, sizeof layers);
    if (ok) {
        uint32_t n0 = vgpu_resource_count(e.dev);
        int rc = vgpu_reset_and_restore(e.dev);
        if (rc)
            ok = t_fail("vgpu_reset_and_restore: %s", genv_err(rc));
        else if (vgpu_resource_count(e.dev) != n0)
            ok = t_fail("resource records %u -> %u across the reset", n0, vgpu_resource_count(e.dev));
    }
    ok = ok && t_screendump(0, f.w, f.h, layers);
    if (ok) {
        uint32_t x = f.w / 3, y = f.h / 4;
        pattern_fill_mix(f.px, f.w, 5, 0, 0, f.w, f.h);
        ksnprintf(layers, sizeof layers, "mix:4:0:0:%u:%u;mix:5:%u:%u:64:64", f.w, f.h, x, y);
        ok = fb_present(&e, &f, x, y, 64, 64) && t_screendump(0, f.w, f.h, layers);
    }
    fb_destroy(&e, &f);
    genv_close(&e);
    return ok;
}

/* scanout_subrect: SET_SCANOUT of a 640x480 window at (96,40) inside an
 * 800x600 resource: the head shows exactly that part of the resource. */
static bool t_scanout_subrect(void)
{
    struct gpu_env e;
    struct fb f = {0};
    bool ok = genv_open(&e, GENV_MSIX, 0) && fb_create(&e, &f, 800, 600);
    if (ok) {
        struct vgpu_rect win = {96, 40, 640, 480};
        pattern_fill_mix(f.px, f.w, 8, 0, 0, f.w, f.h);
        int rc = vgpu_cmd_set_scanout(e.dev, 0, f.res, &win, NULL);
        if (rc)
            ok = t_fail("SET_SCANOUT window: %s", genv_err(rc));
        ok = ok && fb_present(&e, &f, 0, 0, f.w, f.h) && t_screendump(0, 640, 480, "mixo:8/96/40:0:0:640:480");
    }
    fb_destroy(&e, &f);
    genv_close(&e);
    return ok;
}

/* scatter_backing: a 320x200 resource whose backing is 63 single pages
 * that are not physically adjacent, listed in descending address order
 * (the way an MDL of a fragmented buffer looks): one mem entry per page,
 * more than fit in a request slot.  The frame must still be exact. */
static bool t_scatter_backing(void)
{
    enum { W = 320, H = 200, BYTES = W * H * 4, NPG = (BYTES + 4095) / 4096 };
    static uint8_t *pages[NPG], *spacers[NPG];
    static struct vgpu_mem_range ranges[NPG];
    struct gpu_env e;
    uint32_t res = 0;
    bool ok = genv_open(&e, GENV_MSIX, 0);
    for (int i = 0; i < NPG; i++) {
        pages[i] = spacers[i] = NULL;
        if (ok) {
            /* a spacer page between two backing pages keeps them apart */
            pages[i] = genv_dma(4096);
            spacers[i] = genv_dma(4096);
            if (!pages[i] || !spacers[i])
                ok = t_fail("out of pages");
        }
    }
    for (int i = 0; ok && i < NPG; i++) { /* page i of the list: highest address first */
        uint8_t *pg = pages[NPG - 1 - i];
        ranges[i].pa = (uint64_t)(uintptr_t)pg;
        ranges[i].len = i == NPG - 1 ? BYTES - 4096u * (NPG - 1) : 4096;
        for (uint32_t o = 0; o < ranges[i].len; o += 4) {
            uint32_t px = (uint32_t)(i * 4096 + o) / 4;
            uint32_t v = pattern_mix(px % W, px / W, 11);
            memcpy(pg + o, &v, 4);
        }
    }
    int rc = 0;
    if (ok && (rc = vgpu_cmd_resource_create_2d(e.dev, VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM, W, H, &res, NULL)))
        ok = t_fail("RESOURCE_CREATE_2D: %s", genv_err(rc));
    if (ok && (rc = vgpu_cmd_resource_attach_backing(e.dev, res, ranges, NPG, NULL)))
        ok = t_fail("ATTACH_BACKING of %d scattered pages: %s", NPG, genv_err(rc));
    struct vgpu_rect r = {0, 0, W, H};
    if (ok && ((rc = vgpu_cmd_set_scanout(e.dev, 0, res, &r, NULL)) ||
               (rc = vgpu_cmd_transfer_to_host_2d(e.dev, res, &r, 0, NULL)) ||
               (rc = vgpu_cmd_resource_flush(e.dev, res, &r, NULL))))
        ok = t_fail("scanout of the scattered resource: %s", genv_err(rc));
    ok = ok && t_screendump(0, W, H, "mix:11:0:0:320:200");
    if (res)
        vgpu_cmd_resource_unref(e.dev, res, NULL);
    for (int i = 0; i < NPG; i++) {
        if (pages[i])
            genv_dma_free(pages[i], 4096);
        if (spacers[i])
            genv_dma_free(spacers[i], 4096);
    }
    genv_close(&e);
    return ok;
}

const struct guest_test scanout_tests[] = {
    {"scanout_subrect", t_scanout_subrect},
    {"scatter_backing", t_scatter_backing},
    {"reset_restore", t_reset_restore},
    {"scanout_full", t_scanout_full},
    {"screendump_mismatch", t_screendump_mismatch},
    {"dirty_rect", t_dirty_rect},
    {"dirty_rect_corner", t_dirty_rect_corner},
    {"four_heads", t_four_heads},
    {NULL, NULL},
};
