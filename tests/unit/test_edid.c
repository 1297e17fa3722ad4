/*
 * test_edid.c — the EDID parser on hand-made blocks (valid and malformed,
 * one defect each) and on real QEMU EDID blobs from tests/unit/data.
 *
 * `test_edid --write-seeds DIR` writes the hand-made blocks as files, the
 * seed corpus of the EDID fuzzer (tests/suites/fuzz-edid.sh).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/vg_err.h"
#include "gpu/edid.h"
#include "unit.h"

static void fix_sum(uint8_t *b)
{
    uint8_t s = 0;
    for (int i = 0; i < 127; i++)
        s = (uint8_t)(s + b[i]);
    b[127] = (uint8_t)(0x100 - s);
}

/* Detailed timing descriptor from its parameters. */
static void put_dtd(uint8_t *d, uint32_t clk_10khz, uint32_t hact, uint32_t hbl, uint32_t vact,
                    uint32_t vbl, uint32_t wmm, uint32_t hmm, bool interlaced)
{
    memset(d, 0, 18);
    d[0] = (uint8_t)clk_10khz;
    d[1] = (uint8_t)(clk_10khz >> 8);
    d[2] = (uint8_t)hact;
    d[3] = (uint8_t)hbl;
    d[4] = (uint8_t)(((hact >> 8) << 4) | (hbl >> 8));
    d[5] = (uint8_t)vact;
    d[6] = (uint8_t)vbl;
    d[7] = (uint8_t)(((vact >> 8) << 4) | (vbl >> 8));
    d[8] = 88;
    d[9] = 44;
    d[10] = 0x45;
    d[12] = (uint8_t)wmm;
    d[13] = (uint8_t)hmm;
    d[14] = (uint8_t)(((wmm >> 8) << 4) | (hmm >> 8));
    d[17] = (uint8_t)(0x1e | (interlaced ? 0x80 : 0));
}

static void put_text(uint8_t *d, uint8_t tag, const char *s)
{
    size_t n = strlen(s);
    memset(d, 0, 18);
    d[3] = tag;
    memset(d + 5, ' ', 13);
    memcpy(d + 5, s, n);
    if (n < 13)
        d[5 + n] = 0x0a;
}

/* A valid EDID 1.4 base block:
 *   DTD1 1920x1080@60 (preferred), range limits, name "Test Monitor",
 *   DTD4 1280x720@60; standard 1280x1024@60, 1920x1080@60 (duplicate of the
 *   preferred), 1024x768@60; established 640x480@60, 800x600@60,
 *   1024x768@60 (duplicate of the standard one). */
static void make_base(uint8_t *e)
{
    static const uint8_t hdr[8] = { 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0 };
    memset(e, 0, 128);
    memcpy(e, hdr, 8);
    e[8] = 0x49; /* "RHT" */
    e[9] = 0x14;
    e[10] = 0x34;
    e[11] = 0x12;
    e[12] = 0x78;
    e[13] = 0x56;
    e[18] = 1;
    e[19] = 4;
    e[20] = 0xa5;
    e[21] = 53;
    e[22] = 30;
    e[35] = 0x21;
    e[36] = 0x08;
    for (int i = 38; i < 54; i++)
        e[i] = 0x01;
    e[38] = 0x81; e[39] = 0x80; /* 1280x1024 (5:4) @60 */
    e[40] = 0xd1; e[41] = 0xc0; /* 1920x1080 (16:9) @60 */
    e[42] = 0x61; e[43] = 0x40; /* 1024x768 (4:3) @60 */
    put_dtd(e + 54, 14850, 1920, 280, 1080, 45, 527, 296, false);
    memset(e + 72, 0, 18);
    e[72 + 3] = 0xfd;
    e[72 + 5] = 50;
    e[72 + 6] = 75;
    e[72 + 7] = 30;
    e[72 + 8] = 160;
    e[72 + 9] = 17;
    put_text(e + 90, 0xfc, "Test Monitor");
    put_dtd(e + 108, 7425, 1280, 370, 720, 30, 0, 0, false);
    fix_sum(e);
}

/* A CTA-861 extension block with `n` DTDs of distinct sizes from `w0`. */
static void make_cta(uint8_t *b, int n, uint32_t w0)
{
    memset(b, 0, 128);
    b[0] = 0x02;
    b[1] = 0x03;
    b[2] = 4; /* no data blocks, DTDs start at 4 */
    for (int i = 0; i < n && 4 + 18 * (i + 1) <= 127; i++)
        put_dtd(b + 4 + 18 * i, 10000, w0 + 8u * (uint32_t)i, 160, 600, 30, 0, 0, false);
    fix_sum(b);
}

static bool has_mode(const struct vgpu_edid_info *in, uint32_t w, uint32_t h, uint32_t hz, uint32_t flags)
{
    for (uint32_t i = 0; i < in->n_modes; i++)
        if (in->modes[i].width == w && in->modes[i].height == h &&
            (in->modes[i].refresh_mhz + 500) / 1000 == hz && (in->modes[i].flags & flags) == flags)
            return true;
    return false;
}

static bool test_edid_valid_base(void)
{
    uint8_t e[128];
    struct vgpu_edid_info in;

    make_base(e);
    CHECK_EQ(vgpu_edid_parse(e, sizeof(e), &in), 0);
    CHECK_STR(in.vendor, "RHT");
    CHECK_EQ(in.product, 0x1234);
    CHECK_STR(in.name, "Test Monitor");
    CHECK_EQ(in.version, 1);
    CHECK_EQ(in.revision, 4);
    CHECK(in.has_range);
    CHECK_EQ(in.min_vfreq_hz, 50);
    CHECK_EQ(in.max_vfreq_hz, 75);
    CHECK_EQ(in.min_hfreq_khz, 30);
    CHECK_EQ(in.max_hfreq_khz, 160);
    CHECK_EQ(in.max_pixclk_mhz, 170);
    CHECK_EQ(in.width_mm, 527);
    CHECK_EQ(in.height_mm, 296);
    CHECK_EQ(in.preferred, 0);
    CHECK_EQ(in.modes[0].width, 1920);
    CHECK_EQ(in.modes[0].height, 1080);
    CHECK_EQ(in.modes[0].refresh_mhz, 60000); /* 148.5 MHz / (2200 * 1125) */
    CHECK_EQ(in.modes[0].pixel_clock_khz, 148500);
    /* the duplicate standard timing folded into the preferred mode */
    CHECK_EQ(in.modes[0].flags, VGPU_MODE_PREFERRED | VGPU_MODE_DETAILED | VGPU_MODE_STANDARD);
    CHECK(has_mode(&in, 1280, 720, 60, VGPU_MODE_DETAILED));
    CHECK(has_mode(&in, 1280, 1024, 60, VGPU_MODE_STANDARD));
    CHECK(has_mode(&in, 1024, 768, 60, VGPU_MODE_STANDARD | VGPU_MODE_ESTABLISHED));
    CHECK(has_mode(&in, 640, 480, 60, VGPU_MODE_ESTABLISHED));
    CHECK(has_mode(&in, 800, 600, 60, VGPU_MODE_ESTABLISHED));
    CHECK_EQ(in.n_modes, 6); /* 8 sources, 2 duplicates */
    for (uint32_t i = 1; i < in.n_modes; i++)
        CHECK(!(in.modes[i].flags & VGPU_MODE_PREFERRED));
    CHECK_EQ(vgpu_edid_find_mode(&in, 1280, 720) > 0, 1);
    CHECK_EQ(vgpu_edid_find_mode(&in, 1, 1), -1);
    return true;
}

static bool test_edid_bad_header(void)
{
    uint8_t e[128];
    struct vgpu_edid_info in;
    make_base(e);
    e[3] = 0xfe;
    fix_sum(e);
    CHECK_EQ(vgpu_edid_parse(e, sizeof(e), &in), VG_ERR_EDID_HEADER);
    CHECK_EQ(in.n_modes, 0);
    return true;
}

static bool test_edid_bad_checksum(void)
{
    uint8_t e[128];
    struct vgpu_edid_info in;
    make_base(e);
    e[127] ^= 1;
    CHECK_EQ(vgpu_edid_parse(e, sizeof(e), &in), VG_ERR_EDID_CHECKSUM);
    return true;
}

static bool test_edid_truncated(void)
{
    uint8_t e[128];
    struct vgpu_edid_info in;
    make_base(e);
    /* exactly as long as needed: copy to a heap buffer so ASan sees overreads */
    for (size_t len = 0; len < 128; len += 31) {
        uint8_t *h = malloc(len ? len : 1);
        memcpy(h, e, len);
        CHECK_EQ(vgpu_edid_parse(h, len, &in), VG_ERR_EDID_TRUNCATED);
        free(h);
    }
    CHECK_EQ(vgpu_edid_parse(NULL, 128, &in), VG_ERR_EDID_TRUNCATED);
    CHECK_EQ(vgpu_edid_parse(e, 128, NULL), VG_ERR_INVALID_ARG);
    return true;
}

static bool test_edid_version(void)
{
    uint8_t e[128];
    struct vgpu_edid_info in;
    make_base(e);
    e[18] = 2;
    fix_sum(e);
    CHECK_EQ(vgpu_edid_parse(e, sizeof(e), &in), VG_ERR_EDID_VERSION);
    return true;
}

static bool test_edid_zero_clock_preferred(void)
{
    uint8_t e[128];
    struct vgpu_edid_info in;
    make_base(e);
    e[54] = e[55] = 0; /* preferred timing with pixel clock 0 */
    fix_sum(e);
    CHECK_EQ(vgpu_edid_parse(e, sizeof(e), &in), VG_ERR_EDID_ZERO_CLOCK);
    return true;
}

static bool test_edid_zero_active(void)
{
    uint8_t e[128];
    struct vgpu_edid_info in;
    make_base(e);
    put_dtd(e + 108, 7425, 0, 370, 720, 30, 0, 0, false); /* hactive 0 */
    fix_sum(e);
    CHECK_EQ(vgpu_edid_parse(e, sizeof(e), &in), VG_ERR_EDID_TIMING);
    return true;
}

static bool test_edid_bad_descriptor(void)
{
    uint8_t e[128];
    struct vgpu_edid_info in;
    make_base(e);
    e[90 + 2] = 0x33; /* reserved byte of the name descriptor */
    fix_sum(e);
    CHECK_EQ(vgpu_edid_parse(e, sizeof(e), &in), VG_ERR_EDID_DESCRIPTOR);
    return true;
}

static bool test_edid_bogus_ext_count(void)
{
    uint8_t e[256];
    struct vgpu_edid_info in;
    make_base(e);
    e[126] = 3; /* claims three extensions, we pass one block */
    fix_sum(e);
    CHECK_EQ(vgpu_edid_parse(e, 128, &in), VG_ERR_EDID_EXT_COUNT);
    e[126] = 0xff;
    fix_sum(e);
    CHECK_EQ(vgpu_edid_parse(e, 128, &in), VG_ERR_EDID_EXT_COUNT);
    /* one extension claimed and present, but its checksum is wrong */
    make_base(e);
    e[126] = 1;
    fix_sum(e);
    make_cta(e + 128, 1, 1000);
    e[255] ^= 0x10;
    CHECK_EQ(vgpu_edid_parse(e, 256, &in), VG_ERR_EDID_EXT_CHECKSUM);
    return true;
}

static bool test_edid_cta_extension(void)
{
    uint8_t e[256];
    struct vgpu_edid_info in;
    make_base(e);
    e[126] = 1;
    fix_sum(e);
    make_cta(e + 128, 2, 1000);
    CHECK_EQ(vgpu_edid_parse(e, sizeof(e), &in), 0);
    CHECK_EQ(in.n_ext, 1);
    CHECK(has_mode(&in, 1000, 600, 0, VGPU_MODE_DETAILED) || vgpu_edid_find_mode(&in, 1000, 600) >= 0);
    CHECK(vgpu_edid_find_mode(&in, 1008, 600) >= 0);
    CHECK_EQ(in.n_modes, 8);
    /* a DTD offset inside the header is malformed */
    e[128 + 2] = 2;
    fix_sum(e + 128);
    CHECK_EQ(vgpu_edid_parse(e, sizeof(e), &in), VG_ERR_EDID_EXT_OFFSET);
    /* the offset pointing at the checksum byte leaves no room: no DTDs */
    e[128 + 2] = 127;
    fix_sum(e + 128);
    CHECK_EQ(vgpu_edid_parse(e, sizeof(e), &in), 0);
    CHECK_EQ(in.n_modes, 6);
    return true;
}

static bool test_edid_cta_svd(void)
{
    uint8_t e[256];
    struct vgpu_edid_info in;
    uint8_t *b = e + 128;
    make_base(e);
    e[126] = 1;
    fix_sum(e);
    memset(b, 0, 128);
    b[0] = 0x02;
    b[1] = 0x03;
    b[2] = 4 + 1 + 4; /* one video data block of 4 SVDs, then DTDs */
    b[4] = (2 << 5) | 4;
    b[5] = 16 | 0x80; /* VIC 16 1080p60 marked native: folds into the preferred */
    b[6] = 97;        /* 3840x2160@60 */
    b[7] = 5;         /* 1080i60 */
    b[8] = 250;       /* unknown VIC: skipped */
    fix_sum(b);
    CHECK_EQ(vgpu_edid_parse(e, sizeof(e), &in), 0);
    CHECK(has_mode(&in, 3840, 2160, 60, VGPU_MODE_CTA));
    CHECK(has_mode(&in, 1920, 1080, 60, VGPU_MODE_CTA | VGPU_MODE_INTERLACED));
    CHECK(in.modes[0].flags & VGPU_MODE_CTA); /* folded into the preferred mode */
    CHECK_EQ(in.n_modes, 8);
    /* a data block longer than the collection */
    b[4] = (2 << 5) | 9;
    fix_sum(b);
    CHECK_EQ(vgpu_edid_parse(e, sizeof(e), &in), VG_ERR_EDID_EXT_OFFSET);
    return true;
}

static bool test_edid_interlaced(void)
{
    uint8_t e[128];
    struct vgpu_edid_info in;
    make_base(e);
    /* 1920x1080i: 540 lines a field, 22 blank lines a field */
    put_dtd(e + 108, 7425, 1920, 280, 540, 22, 0, 0, true);
    fix_sum(e);
    CHECK_EQ(vgpu_edid_parse(e, sizeof(e), &in), 0);
    CHECK(has_mode(&in, 1920, 1080, 60, VGPU_MODE_DETAILED | VGPU_MODE_INTERLACED));
    /* the progressive preferred mode stays separate */
    CHECK_EQ(in.modes[0].flags & VGPU_MODE_INTERLACED, 0);
    return true;
}

static bool test_edid_mode_overflow(void)
{
    enum { NEXT = 12 };
    uint8_t *e = malloc(128 * (NEXT + 1));
    struct vgpu_edid_info in;
    int rc;
    make_base(e);
    e[126] = NEXT;
    fix_sum(e);
    for (int i = 0; i < NEXT; i++)
        make_cta(e + 128 * (i + 1), 6, 2000 + 48u * (uint32_t)i);
    rc = vgpu_edid_parse(e, 128 * (NEXT + 1), &in);
    free(e);
    CHECK_EQ(rc, 0);
    CHECK_EQ(in.n_modes, VGPU_EDID_MAX_MODES);
    CHECK_EQ(in.n_dropped, 6 + 6 * NEXT - VGPU_EDID_MAX_MODES);
    CHECK_EQ(in.preferred, 0);
    return true;
}

/* ---- real QEMU EDID blobs: tests/unit/data/qemu-edid-WxH.bin ---- */

/* Modes QEMU 7.2's EDID generator advertises whatever xres/yres is:
 * standard timings, established I/II and III at 60 Hz, and CTA-861 VICs
 * (125, 101, 96, 89, 31, 97) in its extension block.  The preferred mode
 * (xres x yres at QEMU's 75 Hz) comes on top, so nothing folds. */
static const struct { uint32_t w, h, hz; } qemu_modes[] = {
    { 2048, 1152, 60 }, { 1920, 1080, 60 }, { 1920, 1200, 60 }, { 1600, 1200, 60 },
    { 1680, 1050, 60 }, { 1440, 900, 60 },  { 1280, 1024, 60 }, { 1280, 960, 60 },
    { 640, 480, 60 },   { 800, 600, 60 },   { 1024, 768, 60 },  { 1280, 768, 60 },
    { 1360, 768, 60 },  { 1400, 1050, 60 }, { 1792, 1344, 60 }, { 1856, 1392, 60 },
    { 1920, 1440, 60 }, { 5120, 2160, 50 }, { 4096, 2160, 50 }, { 3840, 2160, 50 },
    { 2560, 1080, 50 }, { 1920, 1080, 50 }, { 3840, 2160, 60 },
};

static int qemu_blobs;

static bool check_qemu_blob(const char *path, uint32_t xres, uint32_t yres)
{
    uint8_t buf[1024];
    struct vgpu_edid_info in;
    size_t n;
    FILE *f = fopen(path, "rb");
    uint32_t expect = 1;

    CHECK(f != NULL);
    n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    CHECK(n >= 128);
    CHECK_EQ(vgpu_edid_parse(buf, n, &in), 0);
    CHECK_STR(in.vendor, "RHT");
    CHECK_STR(in.name, "QEMU Monitor");
    CHECK(in.has_range);
    CHECK_EQ(in.preferred, 0);
    CHECK_EQ(in.modes[0].width, xres);
    CHECK_EQ(in.modes[0].height, yres);
    CHECK(in.modes[0].flags & VGPU_MODE_PREFERRED);
    CHECK(in.modes[0].refresh_mhz > 74000 && in.modes[0].refresh_mhz < 76000);
    for (size_t i = 0; i < sizeof(qemu_modes) / sizeof(qemu_modes[0]); i++) {
        if (!has_mode(&in, qemu_modes[i].w, qemu_modes[i].h, qemu_modes[i].hz, 0)) {
            snprintf(unit_why, sizeof(unit_why), "%.200s: %ux%u@%u missing", path, qemu_modes[i].w,
                     qemu_modes[i].h, qemu_modes[i].hz);
            return false;
        }
        expect++;
    }
    CHECK_EQ(in.n_modes, expect); /* and nothing else */
    return true;
}

static bool test_edid_qemu_blobs(void)
{
    DIR *dir = opendir("tests/unit/data");
    struct dirent *de;
    qemu_blobs = 0;
    CHECK(dir != NULL);
    while ((de = readdir(dir))) {
        unsigned x, y;
        char path[512];
        if (sscanf(de->d_name, "qemu-edid-%ux%u.bin", &x, &y) != 2)
            continue;
        snprintf(path, sizeof(path), "tests/unit/data/%s", de->d_name);
        if (!check_qemu_blob(path, x, y)) {
            closedir(dir);
            return false;
        }
        qemu_blobs++;
    }
    closedir(dir);
    CHECK(qemu_blobs > 0);
    printf("# %d QEMU EDID blobs checked\n", qemu_blobs);
    return true;
}

/* ---- seed corpus for the fuzzer ---- */

static int write_seed(const char *dir, const char *name, const uint8_t *b, size_t n)
{
    char path[512];
    FILE *f;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "wb");
    if (!f)
        return 1;
    fwrite(b, 1, n, f);
    fclose(f);
    return 0;
}

static int write_seeds(const char *dir)
{
    uint8_t e[256];
    int rc = 0;
    make_base(e);
    rc |= write_seed(dir, "base.bin", e, 128);
    e[126] = 1;
    fix_sum(e);
    make_cta(e + 128, 3, 1000);
    rc |= write_seed(dir, "cta.bin", e, 256);
    make_base(e);
    put_dtd(e + 108, 7425, 1920, 280, 540, 22, 0, 0, true);
    fix_sum(e);
    rc |= write_seed(dir, "interlaced.bin", e, 128);
    make_base(e);
    e[54] = e[55] = 0;
    fix_sum(e);
    rc |= write_seed(dir, "zero-clock.bin", e, 128);
    make_base(e);
    e[126] = 1;
    fix_sum(e);
    make_cta(e + 128, 2, 1200);
    memmove(e + 128 + 9, e + 128 + 4, 36); /* room for a video data block */
    e[128 + 2] = 9;
    e[128 + 4] = (2 << 5) | 4;
    e[128 + 5] = 16 | 0x80;
    e[128 + 6] = 97;
    e[128 + 7] = 5;
    e[128 + 8] = 125;
    fix_sum(e + 128);
    rc |= write_seed(dir, "cta-svd.bin", e, 256);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--write-seeds"))
        return write_seeds(argv[2]);
    UNIT_RUN(test_edid_valid_base);
    UNIT_RUN(test_edid_bad_header);
    UNIT_RUN(test_edid_bad_checksum);
    UNIT_RUN(test_edid_truncated);
    UNIT_RUN(test_edid_version);
    UNIT_RUN(test_edid_zero_clock_preferred);
    UNIT_RUN(test_edid_zero_active);
    UNIT_RUN(test_edid_bad_descriptor);
    UNIT_RUN(test_edid_bogus_ext_count);
    UNIT_RUN(test_edid_cta_extension);
    UNIT_RUN(test_edid_cta_svd);
    UNIT_RUN(test_edid_interlaced);
    UNIT_RUN(test_edid_mode_overflow);
    UNIT_RUN(test_edid_qemu_blobs);
    return unit_exit();
}
