/*
 * tests_kmd_cursor.c — hardware pointer through the shipped driver:
 * DxgkDdiSetPointerShape with each documented bitmap kind
 * (DXGK_POINTERFLAGS Color: 32 bpp ARGB with alpha; Monochrome: 1 bpp AND
 * mask then 1 bpp XOR mask, Height rows each; MaskedColor: 32 bpp whose
 * high byte 0x00 means "replace the screen with RGB" and 0xFF "XOR RGB into
 * it"), then DxgkDdiSetPointerPosition.  The cursor resource's contents are
 * read back from its backing — the 64x64 B8G8R8A8 buffer the driver
 * attached to the host cursor resource (its only 16 KiB contiguous
 * allocation) — and compared with what the documented semantics require of
 * a straight-alpha hardware cursor.
 */
#include "dxgk.h"
#include "nt_shim.h"

#define DIM 64u

/* The driver owns several 16 KiB contiguous buffers (rings, ...); the
 * cursor backing is the one that holds the first shape, and every later
 * shape must land in that same buffer. */
static const uint32_t *cursor_buf;

static bool matches(const uint32_t *img, uint32_t (*want)(uint32_t x, uint32_t y), uint32_t *bx, uint32_t *by)
{
    for (uint32_t y = 0; y < DIM; y++)
        for (uint32_t x = 0; x < DIM; x++) {
            uint32_t w = want(x, y);
            if (w != 0x12345678u && img[y * DIM + x] != w) {
                *bx = x;
                *by = y;
                return false;
            }
        }
    return true;
}

static NTSTATUS shape(struct dxgk *k, UINT flags, UINT w, UINT h, UINT pitch, const void *px, UINT hx, UINT hy)
{
    DXGKARG_SETPOINTERSHAPE a;
    memset(&a, 0, sizeof a);
    a.Flags.Value = flags;
    a.Width = w;
    a.Height = h;
    a.Pitch = pitch;
    a.pPixels = px;
    a.XHot = hx;
    a.YHot = hy;
    NTSTATUS st = k->ddi.DxgkDdiSetPointerShape(k->ctx, &a);
    nt_pump();
    return st;
}

static bool expect_image(const char *what, uint32_t (*want)(uint32_t x, uint32_t y))
{
    uint32_t x = 0, y = 0;
    if (cursor_buf) {
        if (!matches(cursor_buf, want, &x, &y))
            return t_fail("%s cursor pixel (%u,%u) = 0x%08x, want 0x%08x", what, x, y, cursor_buf[y * DIM + x],
                          want(x, y));
        return true;
    }
    void *cand[16];
    uint32_t n = nt_contig_list(DIM * DIM * 4, cand, 16), hits = 0;
    for (uint32_t i = 0; i < n; i++)
        if (matches(cand[i], want, &x, &y)) {
            cursor_buf = cand[i];
            hits++;
        }
    CHECK(hits == 1, "%s shape: %u of the driver's %u 64x64x4 buffers hold the expected cursor image", what, hits, n);
    return true;
}

/* 24x20 color pointer: ARGB with a varying alpha */
static uint32_t color_px(uint32_t x, uint32_t y)
{
    return (x * 10u) << 24 | (x * 7u + y) << 16 | (y * 11u) << 8 | (x ^ y);
}
static uint32_t want_color(uint32_t x, uint32_t y)
{
    return x < 24 && y < 20 ? color_px(x, y) : 0;
}

/* 32x32 monochrome: quadrants AND/XOR = 00 black, 01 white, 10 transparent,
 * 11 invert (no alpha-cursor equivalent: not asserted) */
static uint32_t want_mono(uint32_t x, uint32_t y)
{
    if (x >= 32 || y >= 32)
        return 0;
    bool and = x >= 16, xor = y >= 16;
    if (and && xor)
        return 0x12345678u;
    if (and)
        return 0; /* screen shows through */
    return xor ? 0xFFFFFFFFu : 0xFF000000u;
}

/* 16x16 masked color: left half 0x00 (replace with RGB), right half 0xFF
 * with RGB 0 (XOR with 0 = screen unchanged) */
static uint32_t want_masked(uint32_t x, uint32_t y)
{
    if (x >= 16 || y >= 16)
        return 0;
    return x < 8 ? 0xFF000000u | (x * 16u) << 16 | (y * 16u) << 8 | 0x40u : 0;
}

static bool cursor(struct dxgk *k)
{
    cursor_buf = NULL;
    static uint32_t px[64 * 64];
    static uint8_t mono[2 * 32 * 4];

    for (uint32_t y = 0; y < 20; y++)
        for (uint32_t x = 0; x < 24; x++)
            px[y * 24 + x] = color_px(x, y);
    NTSTATUS st = shape(k, 2 /* Color */, 24, 20, 24 * 4, px, 3, 4);
    CHECK(st == STATUS_SUCCESS, "SetPointerShape(color 24x20): 0x%08x", (unsigned)st);
    if (!expect_image("color", want_color))
        return false;

    /* AND mask rows 0..31 then XOR mask rows 0..31, 4 bytes per row, MSB first */
    memset(mono, 0, sizeof mono);
    for (uint32_t y = 0; y < 32; y++) {
        mono[y * 4 + 2] = mono[y * 4 + 3] = 0xFF;    /* AND = 1 for x >= 16 */
        if (y >= 16)
            memset(&mono[(32 + y) * 4], 0xFF, 4);    /* XOR = 1 for y >= 16 */
    }
    st = shape(k, 1 /* Monochrome */, 32, 32, 4, mono, 0, 0);
    CHECK(st == STATUS_SUCCESS, "SetPointerShape(monochrome 32x32): 0x%08x", (unsigned)st);
    if (!expect_image("monochrome", want_mono))
        return false;

    for (uint32_t y = 0; y < 16; y++)
        for (uint32_t x = 0; x < 16; x++)
            px[y * 16 + x] = x < 8 ? ((x * 16u) << 16 | (y * 16u) << 8 | 0x40u) : 0xFF000000u;
    st = shape(k, 4 /* MaskedColor */, 16, 16, 16 * 4, px, 15, 15);
    CHECK(st == STATUS_SUCCESS, "SetPointerShape(masked color 16x16): 0x%08x", (unsigned)st);
    if (!expect_image("masked color", want_masked))
        return false;

    /* a shape larger than the 64x64 hardware cursor cannot be accepted */
    st = shape(k, 2, 65, 8, 65 * 4, px, 0, 0);
    CHECK(st != STATUS_SUCCESS, "SetPointerShape accepted a 65-pixel-wide pointer");

    DXGKARG_SETPOINTERPOSITION pos;
    memset(&pos, 0, sizeof pos);
    pos.VidPnSourceId = 0;
    pos.X = 100;
    pos.Y = 50;
    pos.Flags.Visible = 1;
    st = k->ddi.DxgkDdiSetPointerPosition(k->ctx, &pos);
    CHECK(st == STATUS_SUCCESS, "SetPointerPosition(100,50 visible): 0x%08x", (unsigned)st);
    pos.X = -10; /* partly off the top-left: documented as allowed */
    pos.Y = -5;
    st = k->ddi.DxgkDdiSetPointerPosition(k->ctx, &pos);
    CHECK(st == STATUS_SUCCESS, "SetPointerPosition(-10,-5): 0x%08x", (unsigned)st);
    pos.Flags.Visible = 0;
    st = k->ddi.DxgkDdiSetPointerPosition(k->ctx, &pos);
    CHECK(st == STATUS_SUCCESS, "SetPointerPosition(hide): 0x%08x", (unsigned)st);
    pos.VidPnSourceId = 9;
    st = k->ddi.DxgkDdiSetPointerPosition(k->ctx, &pos);
    CHECK(st != STATUS_SUCCESS, "SetPointerPosition on source 9 of %u accepted", (unsigned)k->nsrc);
    nt_pump();
    return dxgk_no_violation("pointer");
}

static bool t_kmd_pointer(void)
{
    struct dxgk *k = &dxgk_global;
    if (!kmdt_bring_up(k))
        return false;
    bool ok = cursor(k);
    return dxgk_stop(k) && ok && kmdt_no_leaks("after Stop/Remove/Unload");
}

const struct guest_test kmd_cursor_tests[] = {
    {"kmd_pointer", t_kmd_pointer},
    {NULL, NULL},
};
