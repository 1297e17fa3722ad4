/*
 * edid.c — EDID 1.x parser (see edid.h for what it accepts and produces).
 *
 * Every read goes through the block pointers validated up front: the base
 * block is 128 bytes checked against len, and an extension block is
 * touched only after its full 128 bytes were found inside len.  Offsets
 * taken from the data (CTA DTD offset) are bounded by the block size.
 */
#include "gpu/edid.h"

#include "base/vg_err.h"
#include "base/vg_util.h"

static const uint8_t edid_header[8] = { 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00 };

/* Established timings I/II (bytes 35, 36, bit 7 first) and byte 37 bit 7. */
static const struct { uint16_t w, h, hz; } established[17] = {
    { 720, 400, 70 }, { 720, 400, 88 }, { 640, 480, 60 }, { 640, 480, 67 },
    { 640, 480, 72 }, { 640, 480, 75 }, { 800, 600, 56 }, { 800, 600, 60 },
    { 800, 600, 72 }, { 800, 600, 75 }, { 832, 624, 75 }, { 1024, 768, 87 },
    { 1024, 768, 60 }, { 1024, 768, 70 }, { 1024, 768, 75 }, { 1280, 1024, 75 },
    { 1152, 870, 75 },
};

/* Established timings III (0xF7 descriptor bytes 6..11, bit 7 first). */
static const struct { uint16_t w, h, hz; } established3[44] = {
    { 640, 350, 85 }, { 640, 400, 85 }, { 720, 400, 85 }, { 640, 480, 85 },
    { 848, 480, 60 }, { 800, 600, 85 }, { 1024, 768, 85 }, { 1152, 864, 75 },
    { 1280, 768, 60 }, { 1280, 768, 60 }, { 1280, 768, 75 }, { 1280, 768, 85 },
    { 1280, 960, 60 }, { 1280, 960, 85 }, { 1280, 1024, 60 }, { 1280, 1024, 85 },
    { 1360, 768, 60 }, { 1440, 900, 60 }, { 1440, 900, 60 }, { 1440, 900, 75 },
    { 1440, 900, 85 }, { 1400, 1050, 60 }, { 1400, 1050, 60 }, { 1400, 1050, 75 },
    { 1400, 1050, 85 }, { 1680, 1050, 60 }, { 1680, 1050, 60 }, { 1680, 1050, 75 },
    { 1680, 1050, 85 }, { 1600, 1200, 60 }, { 1600, 1200, 65 }, { 1600, 1200, 70 },
    { 1600, 1200, 75 }, { 1600, 1200, 85 }, { 1792, 1344, 60 }, { 1792, 1344, 75 },
    { 1856, 1392, 60 }, { 1856, 1392, 75 }, { 1920, 1200, 60 }, { 1920, 1200, 60 },
    { 1920, 1200, 75 }, { 1920, 1200, 85 }, { 1920, 1440, 60 }, { 1920, 1440, 75 },
};

/* CTA-861 video identification codes we decode (CTA-861-G table 1):
 * the common 4:3/16:9 formats 1..64, 2560x1080 (86..92), 3840x2160
 * (93..97, 103..107 for 64:27), 4096x2160 (98..102) and 5120x2160
 * (121..127).  Pixel-repeated and 64:27 duplicates of a size share it. */
static const struct { uint8_t vic; uint16_t w, h; uint8_t hz; bool il; } cta_vics[] = {
    { 1, 640, 480, 60, false },    { 2, 720, 480, 60, false },    { 3, 720, 480, 60, false },
    { 4, 1280, 720, 60, false },   { 5, 1920, 1080, 60, true },   { 6, 1440, 480, 60, true },
    { 7, 1440, 480, 60, true },    { 14, 1440, 480, 60, false },  { 15, 1440, 480, 60, false },
    { 16, 1920, 1080, 60, false }, { 17, 720, 576, 50, false },   { 18, 720, 576, 50, false },
    { 19, 1280, 720, 50, false },  { 20, 1920, 1080, 50, true },  { 21, 1440, 576, 50, true },
    { 22, 1440, 576, 50, true },   { 29, 1440, 576, 50, false },  { 30, 1440, 576, 50, false },
    { 31, 1920, 1080, 50, false }, { 32, 1920, 1080, 24, false }, { 33, 1920, 1080, 25, false },
    { 34, 1920, 1080, 30, false }, { 39, 1920, 1080, 50, true },  { 40, 1920, 1080, 100, true },
    { 41, 1280, 720, 100, false }, { 42, 720, 576, 100, false },  { 43, 720, 576, 100, false },
    { 46, 1920, 1080, 120, true }, { 47, 1280, 720, 120, false }, { 48, 720, 480, 120, false },
    { 49, 720, 480, 120, false },  { 60, 1280, 720, 24, false },  { 61, 1280, 720, 25, false },
    { 62, 1280, 720, 30, false },  { 63, 1920, 1080, 120, false }, { 64, 1920, 1080, 100, false },
    { 86, 2560, 1080, 24, false }, { 87, 2560, 1080, 25, false }, { 88, 2560, 1080, 30, false },
    { 89, 2560, 1080, 50, false }, { 90, 2560, 1080, 60, false }, { 91, 2560, 1080, 100, false },
    { 92, 2560, 1080, 120, false }, { 93, 3840, 2160, 24, false }, { 94, 3840, 2160, 25, false },
    { 95, 3840, 2160, 30, false }, { 96, 3840, 2160, 50, false }, { 97, 3840, 2160, 60, false },
    { 98, 4096, 2160, 24, false }, { 99, 4096, 2160, 25, false }, { 100, 4096, 2160, 30, false },
    { 101, 4096, 2160, 50, false }, { 102, 4096, 2160, 60, false }, { 103, 3840, 2160, 24, false },
    { 104, 3840, 2160, 25, false }, { 105, 3840, 2160, 30, false }, { 106, 3840, 2160, 50, false },
    { 107, 3840, 2160, 60, false }, { 121, 5120, 2160, 24, false }, { 122, 5120, 2160, 25, false },
    { 123, 5120, 2160, 30, false }, { 124, 5120, 2160, 48, false }, { 125, 5120, 2160, 50, false },
    { 126, 5120, 2160, 60, false }, { 127, 5120, 2160, 100, false },
};

static bool block_sum_ok(const uint8_t *b)
{
    uint8_t sum = 0;
    for (uint32_t i = 0; i < VGPU_EDID_BLOCK; i++)
        sum = (uint8_t)(sum + b[i]);
    return sum == 0;
}

/* Adds a mode, folding duplicates (same size and refresh to 1 Hz). */
static void add_mode(struct vgpu_edid_info *info, uint32_t w, uint32_t h, uint32_t mhz,
                     uint32_t clk_khz, uint32_t flags)
{
    uint32_t hz = (mhz + 500) / 1000;

    if (!w || !h)
        return;
    for (uint32_t i = 0; i < info->n_modes; i++) {
        struct vgpu_edid_mode *m = &info->modes[i];
        if (m->width == w && m->height == h && (m->refresh_mhz + 500) / 1000 == hz &&
            (m->flags & VGPU_MODE_INTERLACED) == (flags & VGPU_MODE_INTERLACED)) {
            m->flags |= flags & ~VGPU_MODE_PREFERRED;
            if (!m->pixel_clock_khz)
                m->pixel_clock_khz = clk_khz;
            return;
        }
    }
    if (info->n_modes >= VGPU_EDID_MAX_MODES) {
        info->n_dropped++;
        return;
    }
    info->modes[info->n_modes].width = w;
    info->modes[info->n_modes].height = h;
    info->modes[info->n_modes].refresh_mhz = mhz;
    info->modes[info->n_modes].pixel_clock_khz = clk_khz;
    info->modes[info->n_modes].flags = flags;
    if (flags & VGPU_MODE_PREFERRED)
        info->preferred = (int32_t)info->n_modes;
    info->n_modes++;
}

/* 18-byte detailed timing descriptor with a non-zero clock. */
static int parse_dtd(struct vgpu_edid_info *info, const uint8_t *d, bool preferred)
{
    uint32_t clk_khz = vg_get_le16(d) * 10u;
    uint32_t hact = d[2] | ((d[4] & 0xf0u) << 4);
    uint32_t hbl = d[3] | ((d[4] & 0x0fu) << 8);
    uint32_t vact = d[5] | ((d[7] & 0xf0u) << 4);
    uint32_t vbl = d[6] | ((d[7] & 0x0fu) << 8);
    bool interlaced = (d[17] & 0x80) != 0;
    uint64_t total, mhz;
    uint32_t flags = VGPU_MODE_DETAILED | (preferred ? VGPU_MODE_PREFERRED : 0);

    if (!hact || !vact)
        return VG_ERR_EDID_TIMING;
    if (interlaced) {
        vact *= 2; /* the descriptor gives one field */
        flags |= VGPU_MODE_INTERLACED;
    }
    /* interlaced: lines per field, so the rate is fields per second (1080i60) */
    total = (uint64_t)(hact + hbl) * (interlaced ? (vact / 2 + vbl) : (vact + vbl));
    mhz = total ? (uint64_t)clk_khz * 1000000ull / total : 0;
    if (preferred && !info->width_mm) {
        info->width_mm = d[12] | ((d[14] & 0xf0u) << 4);
        info->height_mm = d[13] | ((d[14] & 0x0fu) << 8);
    }
    add_mode(info, hact, vact, (uint32_t)mhz, clk_khz, flags);
    return 0;
}

/* Two-byte standard timing identifier (bytes 38..53, 0xFA descriptors). */
static void parse_std(struct vgpu_edid_info *info, const uint8_t *s)
{
    uint32_t w, h;

    if ((s[0] == 0x01 && s[1] == 0x01) || s[0] == 0x00)
        return; /* unused slot */
    w = (s[0] + 31u) * 8u;
    switch (s[1] >> 6) {
    case 0: h = (info->version == 1 && info->revision < 3) ? w : w * 10 / 16; break;
    case 1: h = w * 3 / 4; break;
    case 2: h = w * 4 / 5; break;
    default: h = w * 9 / 16; break;
    }
    add_mode(info, w, h, ((s[1] & 0x3fu) + 60u) * 1000u, 0, VGPU_MODE_STANDARD);
}

static void parse_name(struct vgpu_edid_info *info, const uint8_t *d)
{
    uint32_t n = 0;
    /* up to 13 characters, terminated by 0x0A and padded with spaces */
    for (uint32_t i = 5; i < 18 && d[i] != 0x0a; i++) {
        char c = (char)d[i];
        info->name[n++] = (c >= 0x20 && c < 0x7f) ? c : '?';
    }
    while (n && info->name[n - 1] == ' ')
        n--;
    info->name[n] = 0;
}

static void parse_range(struct vgpu_edid_info *info, const uint8_t *d)
{
    uint8_t off = d[4]; /* EDID 1.4 rate offsets: +255 for min/max */
    info->has_range = true;
    info->min_vfreq_hz = d[5] + ((off & 0x01) ? 255u : 0u);
    info->max_vfreq_hz = d[6] + ((off & 0x02) ? 255u : 0u);
    info->min_hfreq_khz = d[7] + ((off & 0x04) ? 255u : 0u);
    info->max_hfreq_khz = d[8] + ((off & 0x08) ? 255u : 0u);
    info->max_pixclk_mhz = d[9] * 10u;
}

/* One of the four 18-byte descriptors of the base block. */
static int parse_descriptor(struct vgpu_edid_info *info, const uint8_t *d, uint32_t index)
{
    if (d[0] || d[1])
        return parse_dtd(info, d, index == 0);
    if (index == 0 && info->version == 1 && info->revision >= 3)
        return VG_ERR_EDID_ZERO_CLOCK; /* 1.3+: descriptor 1 is the preferred timing */
    if (d[2] != 0)
        return VG_ERR_EDID_DESCRIPTOR;
    switch (d[3]) {
    case 0xfc: parse_name(info, d); break;
    case 0xfd: parse_range(info, d); break;
    case 0xfa:
        for (uint32_t i = 5; i + 1 < 17; i += 2)
            parse_std(info, d + i);
        break;
    case 0xf7:
        for (uint32_t i = 0; i < VG_ARRAY_SIZE(established3); i++)
            if (d[6 + i / 8] & (0x80 >> (i % 8)))
                add_mode(info, established3[i].w, established3[i].h, established3[i].hz * 1000u, 0,
                         VGPU_MODE_ESTABLISHED);
        break;
    default: break; /* serial, text, colour, dummy: nothing for modes */
    }
    return 0;
}

/* Short video descriptors of a CTA video data block. */
static void parse_svds(struct vgpu_edid_info *info, const uint8_t *svd, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        /* 129..192 are VICs 1..64 with the "native" bit set */
        uint8_t vic = (svd[i] >= 129 && svd[i] <= 192) ? (uint8_t)(svd[i] & 0x7f) : svd[i];
        for (uint32_t k = 0; k < VG_ARRAY_SIZE(cta_vics); k++) {
            if (cta_vics[k].vic == vic) {
                add_mode(info, cta_vics[k].w, cta_vics[k].h, cta_vics[k].hz * 1000u, 0,
                         VGPU_MODE_CTA | (cta_vics[k].il ? VGPU_MODE_INTERLACED : 0));
                break;
            }
        }
    }
}

static int parse_cta(struct vgpu_edid_info *info, const uint8_t *b)
{
    uint8_t dtd = b[2];

    if (dtd == 0)
        return 0; /* no DTDs and no data blocks */
    if (dtd < 4 || dtd > 127)
        return VG_ERR_EDID_EXT_OFFSET;
    /* data block collection: bytes 4 .. dtd-1, each block inside it */
    for (uint32_t o = 4; o < dtd;) {
        uint32_t tag = b[o] >> 5, n = b[o] & 0x1fu;
        if (o + 1 + n > dtd)
            return VG_ERR_EDID_EXT_OFFSET;
        if (tag == 2)
            parse_svds(info, b + o + 1, n);
        o += 1 + n;
    }
    /* DTDs run from `dtd` to the checksum byte, ending at a zero clock */
    for (uint32_t o = dtd; o + 18 <= 127; o += 18) {
        int rc;
        if (!b[o] && !b[o + 1])
            break;
        rc = parse_dtd(info, b + o, false);
        if (rc)
            return rc;
    }
    return 0;
}

int vgpu_edid_parse(const uint8_t *data, size_t len, struct vgpu_edid_info *info)
{
    uint32_t n_ext;
    uint16_t mfg;
    int rc;

    if (!info)
        return VG_ERR_INVALID_ARG;
    vg_memset(info, 0, sizeof(*info));
    info->preferred = -1;
    if (!data || len < VGPU_EDID_BLOCK)
        return VG_ERR_EDID_TRUNCATED;
    if (vg_memcmp(data, edid_header, sizeof(edid_header)))
        return VG_ERR_EDID_HEADER;
    if (!block_sum_ok(data))
        return VG_ERR_EDID_CHECKSUM;
    info->version = data[18];
    info->revision = data[19];
    if (info->version != 1)
        return VG_ERR_EDID_VERSION;
    n_ext = data[126];
    if ((uint64_t)(n_ext + 1) * VGPU_EDID_BLOCK > len)
        return VG_ERR_EDID_EXT_COUNT;

    mfg = (uint16_t)((data[8] << 8) | data[9]); /* big-endian, 5 bits a letter */
    info->vendor[0] = (char)('A' - 1 + ((mfg >> 10) & 0x1f));
    info->vendor[1] = (char)('A' - 1 + ((mfg >> 5) & 0x1f));
    info->vendor[2] = (char)('A' - 1 + (mfg & 0x1f));
    info->vendor[3] = 0;
    info->product = vg_get_le16(data + 10);
    info->serial = vg_get_le32(data + 12);

    /* preferred first, so it heads the list and wins duplicate folding */
    for (uint32_t i = 0; i < 4; i++) {
        rc = parse_descriptor(info, data + 54 + 18 * i, i);
        if (rc)
            return rc;
    }
    for (uint32_t i = 0; i < 8; i++)
        parse_std(info, data + 38 + 2 * i);
    for (uint32_t i = 0; i < 17; i++) {
        uint8_t byte = data[35 + i / 8];
        if (byte & (0x80 >> (i % 8)))
            add_mode(info, established[i].w, established[i].h, established[i].hz * 1000u, 0,
                     VGPU_MODE_ESTABLISHED | (i == 11 ? VGPU_MODE_INTERLACED : 0));
    }
    if (!info->width_mm) {
        info->width_mm = data[21] * 10u;
        info->height_mm = data[22] * 10u;
    }

    for (uint32_t e = 1; e <= n_ext; e++) {
        const uint8_t *b = data + (size_t)e * VGPU_EDID_BLOCK;
        if (!block_sum_ok(b))
            return VG_ERR_EDID_EXT_CHECKSUM;
        if (b[0] == 0x02) { /* CTA-861 */
            rc = parse_cta(info, b);
            if (rc)
                return rc;
        }
        /* other tags (DisplayID 0x70, block map 0xF0, ...) carry no modes we use */
    }
    info->n_ext = (uint8_t)n_ext;
    return 0;
}

int vgpu_edid_find_mode(const struct vgpu_edid_info *info, uint32_t width, uint32_t height)
{
    for (uint32_t i = 0; i < info->n_modes; i++)
        if (info->modes[i].width == width && info->modes[i].height == height)
            return (int)i;
    return -1;
}
