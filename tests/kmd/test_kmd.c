/*
 * test_kmd.c — native unit tests (ASan+UBSan) of the portable KMD logic:
 * dirty rectangles, pointer shape conversion, mode lists and VidPN
 * choice, escape validation, allocation private data, the DMA record
 * format with backing-range merging, and in-order fence retirement.
 * Prints one "ok - NAME" / "not ok - NAME: WHY" line per case (run by
 * tests/suites/kmd-unit.sh); exit status 1 if any case failed.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/vg_err.h"
#include "kmd/kmd_alloc.h"
#include "kmd/kmd_cursor.h"
#include "kmd/kmd_dma.h"
#include "kmd/kmd_escape.h"
#include "kmd/kmd_fence.h"
#include "kmd/kmd_modes.h"
#include "kmd/kmd_rect.h"
#include "viogpu/virtio_gpu.h"

static int failures;
static char why[256];

#define CHECK(cond, ...)                                       \
    do {                                                       \
        if (!(cond)) {                                         \
            snprintf(why, sizeof(why), __VA_ARGS__);           \
            return false;                                      \
        }                                                      \
    } while (0)

static void run(const char *name, bool (*fn)(void))
{
    why[0] = 0;
    if (fn()) {
        printf("ok - %s\n", name);
    } else {
        printf("not ok - %s: %s\n", name, why);
        failures++;
    }
}

static bool rect_eq(const struct vgpu_rect *r, uint32_t x, uint32_t y, uint32_t w, uint32_t h)
{
    return r->x == x && r->y == y && r->width == w && r->height == h;
}

/* ---- rectangles ---------------------------------------------------------- */

static bool t_rect_clip(void)
{
    struct kmd_srect in[] = {
        {-10, -10, 20, 30},       /* clipped to 0,0 20x30 */
        {1000, 1000, 1100, 1100}, /* fully outside 800x600 */
        {50, 50, 40, 60},         /* inverted */
        {700, 500, 900, 700},     /* clipped to 700,500 100x100 */
        {INT_MIN, INT_MIN, INT_MAX, INT_MAX}, /* whole surface, swallows all */
    };
    struct vgpu_rect out[8];
    uint32_t n = kmd_rects_clip(in, 4, 800, 600, out, 8);
    CHECK(n == 2, "expected 2 rects, got %u", n);
    CHECK(rect_eq(&out[0], 0, 0, 20, 30), "rect0 %u,%u %ux%u", out[0].x, out[0].y, out[0].width, out[0].height);
    CHECK(rect_eq(&out[1], 700, 500, 100, 100), "rect1 %u,%u %ux%u", out[1].x, out[1].y, out[1].width,
          out[1].height);
    n = kmd_rects_clip(in, 5, 800, 600, out, 8);
    CHECK(n == 1 && rect_eq(&out[0], 0, 0, 800, 600), "full-surface rect should swallow the others (n=%u)", n);
    return true;
}

static bool t_rect_dups_and_overflow(void)
{
    struct kmd_srect in[10];
    for (int i = 0; i < 10; i++) {
        in[i].left = i * 10;
        in[i].top = 0;
        in[i].right = i * 10 + 5;
        in[i].bottom = 5;
    }
    struct vgpu_rect out[4];
    uint32_t n = kmd_rects_clip(in, 10, 800, 600, out, 4);
    CHECK(n == 1 && rect_eq(&out[0], 0, 0, 95, 5), "overflow must give the bounding box, got n=%u %u,%u %ux%u", n,
          out[0].x, out[0].y, out[0].width, out[0].height);
    struct kmd_srect dup[] = {{10, 10, 20, 20}, {10, 10, 20, 20}, {12, 12, 15, 15}};
    n = kmd_rects_clip(dup, 3, 800, 600, out, 4);
    CHECK(n == 1 && rect_eq(&out[0], 10, 10, 10, 10), "duplicates/nested not merged (n=%u)", n);
    CHECK(kmd_rects_clip(dup, 3, 0, 600, out, 4) == 0, "zero-width surface must give no rect");
    struct vgpu_rect r = {3, 2, 1, 1};
    CHECK(kmd_rect_offset(&r, 4096) == 2 * 4096 + 12, "offset wrong");
    return true;
}

/* ---- cursor -------------------------------------------------------------- */

static bool t_cursor_mono(void)
{
    /* 8x2 pointer, pitch 4: AND rows then XOR rows. Pixels 0..3 of row 0
     * take the four AND/XOR combinations. */
    uint8_t bits[16] = {0};
    bits[0] = 0xA0; /* AND row 0: pixels 0,2 set */
    bits[4] = 0xFF; /* AND row 1: all transparent */
    bits[8] = 0x60; /* XOR row 0: pixels 1,2 set */
    static uint32_t img[64 * 64];
    memset(img, 0xcc, sizeof(img));
    struct kmd_cursor_shape s = {KMD_CURSOR_MONO, 8, 2, 4, bits, sizeof(bits)};
    CHECK(kmd_cursor_convert(&s, img) == 0, "convert failed");
    CHECK(img[0] == 0x00000000u, "AND1 XOR0 must be transparent: %08x", img[0]);
    CHECK(img[1] == 0xffffffffu, "AND0 XOR1 must be white: %08x", img[1]);
    CHECK(img[2] == 0xff000000u, "AND1 XOR1 (invert) must be black: %08x", img[2]);
    CHECK(img[3] == 0xff000000u, "AND0 XOR0 must be black: %08x", img[3]);
    CHECK(img[64] == 0 && img[64 + 7] == 0, "row 1 must be transparent");
    CHECK(img[8] == 0 && img[2 * 64] == 0 && img[63 * 64 + 63] == 0, "outside the shape must be transparent");
    s.pixels_len = 15;
    CHECK(kmd_cursor_convert(&s, img) == VG_ERR_OVERFLOW, "short bitmap must be VG_ERR_OVERFLOW");
    return true;
}

static bool t_cursor_color_masked(void)
{
    uint32_t px[4] = {0x80112233u, 0x00445566u, 0xff000000u, 0xff778899u};
    static uint32_t img[64 * 64];
    struct kmd_cursor_shape s = {KMD_CURSOR_COLOR, 2, 2, 8, (const uint8_t *)px, sizeof(px)};
    CHECK(kmd_cursor_convert(&s, img) == 0, "color convert failed");
    CHECK(img[0] == 0x80112233u && img[1] == 0x00445566u && img[64] == 0xff000000u && img[65] == 0xff778899u,
          "color pixels must be copied with their alpha");
    s.kind = KMD_CURSOR_MASKED;
    CHECK(kmd_cursor_convert(&s, img) == VG_ERR_UNSUPPORTED, "alpha 0x80 in masked color must be rejected");
    px[0] = 0x00112233u;
    CHECK(kmd_cursor_convert(&s, img) == 0, "masked convert failed");
    CHECK(img[0] == 0xff112233u, "mask 0 = opaque RGB: %08x", img[0]);
    CHECK(img[64] == 0u, "mask FF with black = transparent: %08x", img[64]);
    CHECK(img[65] == 0xff778899u, "mask FF with colour = opaque approximation: %08x", img[65]);
    s.width = 65;
    CHECK(kmd_cursor_convert(&s, img) == VG_ERR_INVALID_ARG, "width 65 must be rejected");
    s.width = 2;
    s.pitch = 7;
    CHECK(kmd_cursor_convert(&s, img) == VG_ERR_INVALID_ARG, "pitch below width*4 must be rejected");
    s.pitch = 8;
    s.kind = 9;
    CHECK(kmd_cursor_convert(&s, img) == VG_ERR_INVALID_ARG, "unknown kind must be rejected");
    return true;
}

/* ---- modes and VidPN ------------------------------------------------------ */

static struct vgpu_display disp;

static bool t_modes_host(void)
{
    struct kmd_head_modes hm;
    memset(&disp, 0, sizeof(disp));
    disp.enabled = true;
    disp.r.width = 1280;
    disp.r.height = 800;
    disp.edid_status = VG_ERR_UNSUPPORTED;
    kmd_modes_build(&disp, 0, 0, 1920, 1200, &hm);
    CHECK(hm.connected, "enabled display must be connected");
    CHECK(hm.n > 5 && hm.m[0].width == 1280 && hm.m[0].height == 800, "host size must be first (n=%u, %ux%u)", hm.n,
          hm.m[0].width, hm.m[0].height);
    CHECK(hm.m[0].flags & KMD_MODE_PREFERRED, "first mode must be preferred");
    for (uint32_t i = 0; i < hm.n; i++) {
        CHECK(hm.m[i].width <= 1920 && hm.m[i].height <= 1200, "mode %ux%u beyond max", hm.m[i].width,
              hm.m[i].height);
        CHECK(hm.m[i].width >= 640 && hm.m[i].height >= 480, "mode below 640x480");
        for (uint32_t j = i + 1; j < hm.n; j++)
            CHECK(hm.m[i].width != hm.m[j].width || hm.m[i].height != hm.m[j].height, "duplicate %ux%u",
                  hm.m[i].width, hm.m[i].height);
        if (i >= 2)
            CHECK((uint64_t)hm.m[i - 1].width * hm.m[i - 1].height >= (uint64_t)hm.m[i].width * hm.m[i].height,
                  "modes after the first not sorted by area");
    }
    CHECK(kmd_mode_find(&hm, 1024, 768) >= 0, "1024x768 missing");
    CHECK(kmd_mode_find(&hm, 2560, 1440) == VG_ERR_NOT_FOUND, "2560x1440 beyond max present");
    return true;
}

static bool t_modes_edid_custom(void)
{
    struct kmd_head_modes hm;
    memset(&disp, 0, sizeof(disp));
    disp.enabled = true;
    disp.edid_status = 0;
    disp.modes.n_modes = 3;
    disp.modes.modes[0] = (struct vgpu_edid_mode){1600, 900, 75000, 0, VGPU_MODE_PREFERRED | VGPU_MODE_DETAILED};
    disp.modes.modes[1] = (struct vgpu_edid_mode){1920, 1080, 60000, 0, VGPU_MODE_INTERLACED};
    disp.modes.modes[2] = (struct vgpu_edid_mode){1152, 720, 60000, 0, VGPU_MODE_STANDARD};
    kmd_modes_build(&disp, 0, 0, 4096, 4096, &hm);
    CHECK(hm.m[0].width == 1600 && hm.m[0].height == 900 && hm.m[0].refresh_mhz == 75000,
          "EDID preferred mode must lead (%ux%u@%u)", hm.m[0].width, hm.m[0].height, hm.m[0].refresh_mhz);
    int i = kmd_mode_find(&hm, 1152, 720);
    CHECK(i >= 0 && (hm.m[i].flags & KMD_MODE_EDID), "EDID standard timing missing");
    i = kmd_mode_find(&hm, 1920, 1080);
    CHECK(i >= 0 && !(hm.m[i].flags & KMD_MODE_EDID), "interlaced EDID mode must not be taken from the EDID");
    kmd_modes_build(&disp, 1000, 700, 4096, 4096, &hm);
    CHECK(hm.m[0].width == 1000 && hm.m[0].height == 700 && (hm.m[0].flags & KMD_MODE_CUSTOM),
          "custom mode must lead");
    kmd_modes_build(NULL, 0, 0, 320, 200, &hm);
    CHECK(!hm.connected && hm.n == 1 && hm.m[0].width == 640, "tiny max must still offer 640x480 (n=%u)", hm.n);
    CHECK(kmd_mode_check_custom(639, 480, 4096, 4096) == VG_ERR_INVALID_ARG, "639 wide custom accepted");
    CHECK(kmd_mode_check_custom(4097, 480, 4096, 4096) == VG_ERR_INVALID_ARG, "over-max custom accepted");
    CHECK(kmd_mode_pitch(1366) == 5504 && kmd_mode_pitch(1024) == 4096, "pitch not 64-byte aligned");
    return true;
}

static bool t_vidpn(void)
{
    static struct kmd_head_modes heads[VIOGPU_MAX_SCANOUTS];
    memset(&disp, 0, sizeof(disp));
    for (uint32_t i = 0; i < VIOGPU_MAX_SCANOUTS; i++) {
        disp.enabled = i != 1;
        disp.r.width = 800 + 16 * i;
        disp.r.height = 600;
        kmd_modes_build(&disp, 0, 0, 4096, 4096, &heads[i]);
    }
    struct kmd_vidpn_path p[VIOGPU_MAX_SCANOUTS];
    uint32_t n = kmd_vidpn_recommend(heads, 3, p, VIOGPU_MAX_SCANOUTS);
    CHECK(n == 2 && p[0].target == 0 && p[1].target == 2 && p[1].source == 2 && p[1].width == 832,
          "recommend over 3 heads with head 1 off (n=%u)", n);
    n = kmd_vidpn_recommend(heads, VIOGPU_MAX_SCANOUTS, p, VIOGPU_MAX_SCANOUTS);
    CHECK(n == 15, "16 heads, one off: expected 15 paths, got %u", n);
    CHECK(kmd_vidpn_check(heads, VIOGPU_MAX_SCANOUTS, p, n) == 0, "recommended VidPN must pass the check");
    heads[0].connected = false;
    heads[2].connected = false;
    n = kmd_vidpn_recommend(heads, 3, p, 4);
    CHECK(n == 1 && p[0].target == 0, "nothing connected must still give head 0");
    struct kmd_vidpn_path bad[2] = {{0, 0, 800, 600}, {1, 0, 816, 600}};
    CHECK(kmd_vidpn_check(heads, 3, bad, 2) == VG_ERR_INVALID_ARG, "target used twice accepted");
    struct kmd_vidpn_path clone[2] = {{0, 0, 800, 600}, {0, 1, 1024, 768}};
    CHECK(kmd_vidpn_check(heads, 3, clone, 2) == VG_ERR_INVALID_ARG, "clone with two sizes accepted");
    struct kmd_vidpn_path nomode[1] = {{0, 0, 801, 600}};
    CHECK(kmd_vidpn_check(heads, 3, nomode, 1) == VG_ERR_NOT_FOUND, "mode outside the list accepted");
    struct kmd_vidpn_path oob[1] = {{0, 3, 800, 600}};
    CHECK(kmd_vidpn_check(heads, 3, oob, 1) == VG_ERR_INVALID_ARG, "target beyond the heads accepted");
    struct kmd_vidpn_path unpinned[1] = {{2, 2, 0, 0}};
    CHECK(kmd_vidpn_check(heads, 3, unpinned, 1) == 0, "unpinned path must be accepted");
    return true;
}

/* ---- escapes -------------------------------------------------------------- */

static uint32_t cm_calls, cm_scanout, cm_w, cm_h;
static int set_cm(void *ctx, uint32_t s, uint32_t w, uint32_t h)
{
    (void)ctx;
    cm_calls++;
    cm_scanout = s;
    cm_w = w;
    cm_h = h;
    return VIOGPU_ESC_OK;
}

static void env_init(struct kmd_escape_env *env)
{
    memset(env, 0, sizeof(*env));
    env->active = true;
    env->info.magic = VIOGPU_ABI_MAGIC;
    env->info.abi_version = VIOGPU_ABI_VERSION;
    env->info.num_scanouts = 2;
    env->num_scanouts = 2;
    env->scanout[1].enabled = 1;
    env->scanout[1].width = 1024;
    env->max_width = env->max_height = 4096;
    env->set_custom_mode = set_cm;
}

static bool t_escape(void)
{
    struct kmd_escape_env env;
    env_init(&env);
    struct viogpu_esc_get_info gi;
    memset(&gi, 0, sizeof(gi));
    gi.hdr = (struct viogpu_escape_hdr){VIOGPU_ESC_GET_INFO, 1, sizeof(gi), 99};
    CHECK(kmd_escape(&env, &gi, sizeof(gi)) == VIOGPU_ESC_OK && gi.hdr.status == 0, "GET_INFO failed");
    CHECK(gi.info.magic == VIOGPU_ABI_MAGIC && gi.info.num_scanouts == 2, "GET_INFO payload not filled");
    CHECK(kmd_escape(&env, &gi, sizeof(gi) - 4) == VIOGPU_ESC_EBADSIZE && gi.hdr.status == VIOGPU_ESC_EBADSIZE,
          "short GET_INFO accepted");
    gi.hdr.size = sizeof(gi) + 4;
    CHECK(kmd_escape(&env, &gi, sizeof(gi)) == VIOGPU_ESC_EBADSIZE, "hdr.size mismatch accepted");
    gi.hdr.size = sizeof(gi);
    gi.hdr.version = 2;
    CHECK(kmd_escape(&env, &gi, sizeof(gi)) == VIOGPU_ESC_EBADVERSION, "version 2 accepted");
    gi.hdr.version = 1;
    gi.hdr.code = 77;
    CHECK(kmd_escape(&env, &gi, sizeof(gi)) == VIOGPU_ESC_EBADCODE && gi.hdr.status == VIOGPU_ESC_EBADCODE,
          "unknown code accepted");
    uint8_t tiny[8] = {1, 0, 0, 0, 1, 0, 0, 0};
    CHECK(kmd_escape(&env, tiny, sizeof(tiny)) == VIOGPU_ESC_EBADSIZE, "8-byte buffer accepted");
    CHECK(kmd_escape(&env, NULL, 64) == VIOGPU_ESC_EBADSIZE, "NULL buffer accepted");
    gi.hdr.code = VIOGPU_ESC_GET_INFO;
    env.active = false;
    CHECK(kmd_escape(&env, &gi, sizeof(gi)) == VIOGPU_ESC_ENODEV, "inactive adapter answered");
    env.active = true;

    struct viogpu_esc_display_info di;
    memset(&di, 0xee, sizeof(di));
    di.hdr = (struct viogpu_escape_hdr){VIOGPU_ESC_GET_DISPLAY_INFO, 1, sizeof(di), 0};
    CHECK(kmd_escape(&env, &di, sizeof(di)) == 0, "GET_DISPLAY_INFO failed");
    CHECK(di.num_scanouts == 2 && di.scanout[1].enabled == 1 && di.scanout[1].width == 1024 &&
              di.scanout[5].width == 0,
          "display info not copied / not cleared");

    struct viogpu_esc_custom_mode cm = {{VIOGPU_ESC_SET_CUSTOM_MODE, 1, sizeof(struct viogpu_esc_custom_mode), 0},
                                        1, 1000, 700, 0};
    cm_calls = 0;
    CHECK(kmd_escape(&env, &cm, sizeof(cm)) == 0 && cm_calls == 1 && cm_scanout == 1 && cm_w == 1000 && cm_h == 700,
          "custom mode not applied");
    cm.scanout = 2;
    CHECK(kmd_escape(&env, &cm, sizeof(cm)) == VIOGPU_ESC_EINVAL, "scanout 2 of 2 accepted");
    cm.scanout = 0;
    cm.width = 100;
    CHECK(kmd_escape(&env, &cm, sizeof(cm)) == VIOGPU_ESC_EINVAL, "100 wide accepted");
    cm.width = 800;
    cm.reserved = 1;
    CHECK(kmd_escape(&env, &cm, sizeof(cm)) == VIOGPU_ESC_EINVAL, "reserved field accepted");
    CHECK(cm_calls == 1, "rejected escapes must not reach the callback");
    return true;
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)rng;
}

static bool t_escape_random(void)
{
    struct kmd_escape_env env;
    env_init(&env);
    for (int it = 0; it < 20000; it++) {
        uint32_t size = rnd() % 700;
        uint8_t *buf = malloc(size ? size : 1);
        for (uint32_t i = 0; i < size; i++)
            buf[i] = (uint8_t)rnd();
        if (size >= 16 && (rnd() & 1)) {
            struct viogpu_escape_hdr h = {1 + rnd() % 4, 1 + (rnd() & 1 ? 0 : 1), size, 0};
            memcpy(buf, &h, sizeof(h));
        }
        int s = kmd_escape(&env, buf, size);
        free(buf);
        CHECK(s <= 0 && s >= VIOGPU_ESC_ENODEV, "status %d out of range", s);
    }
    return true;
}

/* ---- allocations ---------------------------------------------------------- */

static bool t_alloc_standard(void)
{
    struct viogpu_alloc_priv p;
    CHECK(kmd_alloc_standard(KMD_STD_SHAREDPRIMARY, 1024, 768, KMD_D3DFMT_A8R8G8B8, 0, 3, &p) == 0, "primary");
    CHECK(p.kind == VIOGPU_ALLOC_KIND_PRIMARY && p.pitch == 4096 && p.backing_size == 4096u * 768 &&
              p.vidpn_source == 3 && p.format == VIRTIO_GPU_FORMAT_B8G8R8A8_UNORM,
          "primary description wrong (pitch %u size %llu)", p.pitch, (unsigned long long)p.backing_size);
    struct kmd_alloc_desc d;
    CHECK(kmd_alloc_validate(&p, sizeof(p), &d) == 0, "standard private data must validate");
    CHECK(d.width == 1024 && d.height == 768 && d.pitch == 4096 && d.size == 4096u * 768 && d.vidpn_source == 3,
          "validated description differs");
    CHECK(kmd_alloc_standard(KMD_STD_STAGING, 1366, 3, 0, 0, 0, &p) == 0 && p.pitch == 5504 &&
              p.backing_size == 20480,
          "staging: pitch %u size %llu", p.pitch, (unsigned long long)p.backing_size);
    CHECK(kmd_alloc_standard(KMD_STD_SHADOW, 800, 600, 23, 0, 0, &p) == VG_ERR_INVALID_ARG, "R5G6B5 shadow accepted");
    CHECK(kmd_alloc_standard(KMD_STD_GDI, 0, 600, KMD_D3DFMT_X8R8G8B8, 0, 0, &p) == VG_ERR_INVALID_ARG, "0 wide");
    CHECK(kmd_alloc_standard(9, 10, 10, KMD_D3DFMT_X8R8G8B8, 0, 0, &p) == VG_ERR_UNSUPPORTED, "type 9 accepted");
    CHECK(kmd_alloc_standard(KMD_STD_GDI, 100, 10, KMD_D3DFMT_X8R8G8B8, 399, 0, &p) == VG_ERR_INVALID_ARG,
          "pitch hint below width*4 accepted");
    return true;
}

static bool t_alloc_validate(void)
{
    struct viogpu_alloc_priv good, p;
    struct kmd_alloc_desc d;
    CHECK(kmd_alloc_standard(KMD_STD_GDI, 640, 480, KMD_D3DFMT_X8R8G8B8, 0, 0, &good) == 0, "setup");
    CHECK(kmd_alloc_validate(&good, sizeof(good) - 1, &d) == VG_ERR_INVALID_ARG, "short private data accepted");
    CHECK(kmd_alloc_validate(NULL, sizeof(good), &d) == VG_ERR_INVALID_ARG, "NULL accepted");
    p = good;
    p.abi_version = VIOGPU_ABI_VERSION + 1;
    CHECK(kmd_alloc_validate(&p, sizeof(p), &d) == VG_ERR_INVALID_ARG, "a future ABI version accepted");
    p = good;
    p.reserved[3] = 1;
    CHECK(kmd_alloc_validate(&p, sizeof(p), &d) == VG_ERR_INVALID_ARG, "reserved word accepted");
    p = good;
    p.kind = VIOGPU_ALLOC_KIND_RESOURCE;
    CHECK(kmd_alloc_validate(&p, sizeof(p), &d) == VG_ERR_UNSUPPORTED, "3D resource must be unsupported for now");
    p = good;
    p.pitch = 639 * 4;
    CHECK(kmd_alloc_validate(&p, sizeof(p), &d) == VG_ERR_INVALID_ARG, "pitch below width*4 accepted");
    p = good;
    p.format = VIRTIO_GPU_FORMAT_R8G8B8A8_UNORM;
    CHECK(kmd_alloc_validate(&p, sizeof(p), &d) == VG_ERR_UNSUPPORTED, "RGBA format accepted for 2D");
    p = good;
    p.width = 16385;
    CHECK(kmd_alloc_validate(&p, sizeof(p), &d) == VG_ERR_INVALID_ARG, "16385 wide accepted");
    p = good;
    p.kind = VIOGPU_ALLOC_KIND_PRIMARY;
    p.vidpn_source = 16;
    CHECK(kmd_alloc_validate(&p, sizeof(p), &d) == VG_ERR_INVALID_ARG, "source 16 accepted");
    p = good;
    p.width = p.height = 16384;
    p.pitch = 0;
    CHECK(kmd_alloc_validate(&p, sizeof(p), &d) == 0 && d.size == 65536ull * 16384, "16384^2 must fit (%llu)",
          (unsigned long long)d.size);
    return true;
}

/* ---- DMA records and backing ranges -------------------------------------- */

static bool t_dma_roundtrip(void)
{
    uint32_t buf[256];
    uint32_t off = 0;
    struct vgpu_rect r[2] = {{0, 0, 10, 10}, {5, 5, 20, 1}};
    CHECK(kmd_dma_put_present(buf, sizeof(buf), &off, 7, 1, 800, 600, 3200, r, 2) == 0, "put present");
    CHECK(kmd_dma_put_attach(buf, sizeof(buf), &off, 7, 0x1234567890ull) == 0, "put attach");
    CHECK(kmd_dma_put_detach(buf, sizeof(buf), &off, 7) == 0, "put detach");
    uint32_t end = off, roff = 0;
    const struct kmd_dma_hdr *h;
    CHECK(kmd_dma_next(buf, end, &roff, &h) == 1 && h->op == KMD_DMA_PRESENT, "read present");
    const struct kmd_dma_present *p = (const void *)h;
    CHECK(p->res_id == 7 && p->scanout == 1 && p->nrects == 2 && rect_eq(&p->rects[1], 5, 5, 20, 1), "present body");
    CHECK(kmd_dma_next(buf, end, &roff, &h) == 1 && h->op == KMD_DMA_ATTACH &&
              ((const struct kmd_dma_attach *)h)->alloc_cookie == 0x1234567890ull,
          "read attach");
    CHECK(kmd_dma_next(buf, end, &roff, &h) == 1 && h->op == KMD_DMA_DETACH, "read detach");
    CHECK(kmd_dma_next(buf, end, &roff, &h) == 0, "end of buffer");
    off = 0;
    CHECK(kmd_dma_put_present(buf, 40, &off, 7, 1, 800, 600, 3200, r, 2) == VG_ERR_OVERFLOW && off == 0,
          "overflow must leave the offset alone");
    CHECK(kmd_dma_put_present(buf, sizeof(buf), &off, 7, 1, 800, 600, 3200, r, 0) == VG_ERR_INVALID_ARG,
          "zero rects accepted");
    return true;
}

static bool t_dma_malformed(void)
{
    uint32_t buf[64];
    uint32_t off = 0, roff;
    const struct kmd_dma_hdr *h;
    struct vgpu_rect r = {790, 0, 20, 10}; /* beyond an 800 wide surface */
    CHECK(kmd_dma_put_present(buf, sizeof(buf), &off, 1, 0, 800, 600, 3200, &r, 1) == 0, "setup");
    roff = 0;
    CHECK(kmd_dma_next(buf, off, &roff, &h) == VG_ERR_INVALID_ARG, "rect outside the surface accepted");
    r.x = 0;
    off = 0;
    kmd_dma_put_present(buf, sizeof(buf), &off, 1, 0, 800, 600, 3200, &r, 1);
    roff = 0;
    CHECK(kmd_dma_next(buf, off - 4, &roff, &h) == VG_ERR_INVALID_ARG, "truncated record accepted");
    buf[1] = 6; /* size not a multiple of 4 */
    roff = 0;
    CHECK(kmd_dma_next(buf, off, &roff, &h) == VG_ERR_INVALID_ARG, "odd size accepted");
    buf[0] = 99;
    buf[1] = 8;
    roff = 0;
    CHECK(kmd_dma_next(buf, off, &roff, &h) == VG_ERR_INVALID_ARG, "unknown op accepted");
    buf[0] = KMD_DMA_DETACH;
    buf[1] = 0;
    roff = 0;
    CHECK(kmd_dma_next(buf, off, &roff, &h) == VG_ERR_INVALID_ARG, "zero size accepted (would loop)");
    /* random buffers: never crash, never read past len (ASan) */
    for (int it = 0; it < 20000; it++) {
        uint32_t len = (rnd() % 32) * 4;
        uint32_t *b = malloc(len ? len : 4);
        for (uint32_t i = 0; i < len / 4; i++)
            b[i] = (rnd() & 3) ? rnd() % 200 : rnd();
        roff = 0;
        int rc, guard = 0;
        while ((rc = kmd_dma_next(b, len, &roff, &h)) == 1 && guard++ < 64)
            ;
        free(b);
        CHECK(rc == 0 || rc == VG_ERR_INVALID_ARG, "bad return %d", rc);
    }
    return true;
}

static bool t_ranges(void)
{
    struct vgpu_mem_range out[8];
    uint64_t contig[4] = {100, 101, 102, 103};
    uint32_t n = kmd_pfns_to_ranges(contig, 4, 0, 4 * 4096, out, 8);
    CHECK(n == 1 && out[0].pa == 100 * 4096ull && out[0].len == 4 * 4096, "contiguous pages must merge (n=%u)", n);
    uint64_t mixed[5] = {10, 11, 50, 51, 9};
    n = kmd_pfns_to_ranges(mixed, 5, 0, 5 * 4096, out, 8);
    CHECK(n == 3 && out[0].len == 8192 && out[1].pa == 50 * 4096ull && out[2].pa == 9 * 4096ull, "mixed (n=%u)", n);
    n = kmd_pfns_to_ranges(contig, 2, 100, 4096, out, 8);
    CHECK(n == 1 && out[0].pa == 100 * 4096ull + 100 && out[0].len == 4096, "offset/len partial pages (n=%u)", n);
    CHECK(kmd_pfns_to_ranges(mixed, 5, 0, 5 * 4096, out, 2) == 0, "more ranges than cap accepted");
    CHECK(kmd_pfns_to_ranges(contig, 4, 0, 2 * 4096, out, 8) == 0, "page count inconsistent with length accepted");
    CHECK(kmd_pfns_to_ranges(contig, 4, 4096, 3 * 4096, out, 8) == 0, "offset of a whole page accepted");
    return true;
}

/* ---- fences ---------------------------------------------------------------- */

static bool t_fences(void)
{
    static struct kmd_fence_ring r;
    uint32_t s0, s1, s2;
    kmd_fence_init(&r, 10);
    CHECK(kmd_fence_push(&r, 11, &s0) == 0 && kmd_fence_push(&r, 12, &s1) == 0 && kmd_fence_push(&r, 13, &s2) == 0,
          "push");
    CHECK(!kmd_fence_ready(&r, s2) && r.completed == 10, "a later fence must not overtake");
    CHECK(kmd_fence_ready(&r, s0) && r.completed == 11, "oldest retires");
    CHECK(kmd_fence_ready(&r, s1) && r.completed == 13, "retiring the gap releases the later one");
    CHECK(!kmd_fence_ready(&r, s1) && kmd_fence_outstanding(&r) == 0, "double retire must be ignored");
    uint32_t s;
    for (uint32_t i = 0; i < KMD_FENCE_RING; i++)
        CHECK(kmd_fence_push(&r, 100 + i, &s) == 0, "push %u", i);
    CHECK(kmd_fence_push(&r, 999, &s) == VG_ERR_BUSY, "full ring accepted a push");
    kmd_fence_flush(&r);
    CHECK(r.completed == 100 + KMD_FENCE_RING - 1 && kmd_fence_outstanding(&r) == 0, "flush");
    return true;
}

int main(void)
{
    run("rect-clip", t_rect_clip);
    run("rect-dups-overflow", t_rect_dups_and_overflow);
    run("cursor-mono", t_cursor_mono);
    run("cursor-color-masked", t_cursor_color_masked);
    run("modes-host", t_modes_host);
    run("modes-edid-custom", t_modes_edid_custom);
    run("vidpn-16-heads", t_vidpn);
    run("escape-validation", t_escape);
    run("escape-random", t_escape_random);
    run("alloc-standard", t_alloc_standard);
    run("alloc-validate", t_alloc_validate);
    run("dma-roundtrip", t_dma_roundtrip);
    run("dma-malformed", t_dma_malformed);
    run("backing-ranges", t_ranges);
    run("fence-order", t_fences);
    return failures ? 1 : 0;
}
