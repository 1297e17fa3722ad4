/*
 * edid.h — EDID 1.x parser producing a deduplicated mode list.
 *
 * Usage: struct vgpu_edid_info info; int rc = vgpu_edid_parse(buf, len, &info);
 * rc is 0 or a VG_ERR_EDID_* code naming the first defect found.  The parser
 * never reads outside buf[0..len), whatever the bytes claim (extension
 * count, CTA DTD offset, descriptor tags).  It validates the base block
 * (header, checksum, version), then each extension block the base block
 * announces (present in full and checksummed), and collects modes from:
 * detailed timings (base block and CTA-861 extensions), standard timings
 * (bytes 38..53 and 0xFA descriptors), established timings I, II and
 * III (0xF7 descriptor) and CTA-861 short video descriptors (the VICs of
 * the common 4:3/16:9 formats up to 5120x2160; unknown VICs are skipped).
 * A CTA data block running past the DTD offset is VG_ERR_EDID_EXT_OFFSET.
 * The first detailed timing is the preferred mode (EDID 1.3+); it comes
 * first in modes[] with VGPU_MODE_PREFERRED.  Duplicates (same width,
 * height and refresh rounded to 1 Hz) collapse into the first entry, whose
 * flags gain the duplicate's source flags.  Interlaced detailed timings
 * are listed with VGPU_MODE_INTERLACED.
 */
#ifndef VGPU_EDID_H
#define VGPU_EDID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VGPU_EDID_BLOCK 128u
#define VGPU_EDID_MAX_MODES 64u

#define VGPU_MODE_PREFERRED   0x01u
#define VGPU_MODE_DETAILED    0x02u
#define VGPU_MODE_STANDARD    0x04u
#define VGPU_MODE_ESTABLISHED 0x08u
#define VGPU_MODE_INTERLACED  0x10u
#define VGPU_MODE_CTA         0x20u /* CTA-861 short video descriptor (VIC) */

struct vgpu_edid_mode {
    uint32_t width;
    uint32_t height;
    uint32_t refresh_mhz;     /* vertical refresh in milli-Hz (60000 = 60 Hz) */
    uint32_t pixel_clock_khz; /* 0 when not known (standard/established) */
    uint32_t flags;           /* VGPU_MODE_* */
};

struct vgpu_edid_info {
    char vendor[4];           /* PNP id, e.g. "RHT" for QEMU */
    uint16_t product;
    uint32_t serial;
    uint8_t version, revision;
    uint8_t n_ext;            /* extension blocks (validated) */
    uint32_t width_mm, height_mm; /* from the preferred timing, else byte 21/22 in cm*10 */
    char name[14];            /* monitor name descriptor (0xFC), NUL-terminated, "" if none */
    bool has_range;           /* range limits descriptor (0xFD) found */
    uint32_t min_vfreq_hz, max_vfreq_hz;
    uint32_t min_hfreq_khz, max_hfreq_khz;
    uint32_t max_pixclk_mhz;  /* 0 if not given */
    int32_t preferred;        /* index in modes[] or -1 */
    uint32_t n_modes;
    uint32_t n_dropped;       /* modes that did not fit in modes[] */
    struct vgpu_edid_mode modes[VGPU_EDID_MAX_MODES];
};

int vgpu_edid_parse(const uint8_t *data, size_t len, struct vgpu_edid_info *out);
/* Index of a mode with this size (any refresh) or -1. */
int vgpu_edid_find_mode(const struct vgpu_edid_info *info, uint32_t width, uint32_t height);

#endif /* VGPU_EDID_H */
