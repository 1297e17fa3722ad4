/* png.c — see png.h.  CRC-32 and Adler-32 computed here; no zlib. */
#include "png.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t crc_table[256];

static uint32_t crc32_update(uint32_t c, const uint8_t *p, size_t n)
{
    if (!crc_table[1])
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t v = i;
            for (int k = 0; k < 8; k++)
                v = (v & 1) ? 0xedb88320u ^ (v >> 1) : v >> 1;
            crc_table[i] = v;
        }
    for (size_t i = 0; i < n; i++)
        c = crc_table[(c ^ p[i]) & 0xff] ^ (c >> 8);
    return c;
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static int chunk(FILE *f, const char *type, const uint8_t *data, uint32_t len)
{
    uint8_t hdr[8];
    put32(hdr, len);
    memcpy(hdr + 4, type, 4);
    uint32_t c = crc32_update(0xffffffffu, hdr + 4, 4);
    c = crc32_update(c, data, len) ^ 0xffffffffu;
    uint8_t crc[4];
    put32(crc, c);
    return fwrite(hdr, 1, 8, f) == 8 && (len == 0 || fwrite(data, 1, len, f) == len) &&
                   fwrite(crc, 1, 4, f) == 4
               ? 0
               : -1;
}

int png_write_rgba(const char *path, uint32_t w, uint32_t h, const uint8_t *rgba)
{
    size_t raw_len = (size_t)h * (1 + (size_t)w * 4);
    size_t nblocks = raw_len / 65535 + 1;
    size_t z_len = 2 + raw_len + nblocks * 5 + 4;
    uint8_t *raw = malloc(raw_len), *z = malloc(z_len);
    FILE *f = NULL;
    int rc = -1;
    if (!raw || !z)
        goto out;
    for (uint32_t y = 0; y < h; y++) {
        raw[y * (1 + (size_t)w * 4)] = 0; /* filter: none */
        memcpy(raw + y * (1 + (size_t)w * 4) + 1, rgba + (size_t)y * w * 4, (size_t)w * 4);
    }
    size_t o = 0, i = 0;
    z[o++] = 0x78;
    z[o++] = 0x01;
    uint32_t a = 1, b = 0;
    for (size_t k = 0; k < raw_len; k++) {
        a = (a + raw[k]) % 65521;
        b = (b + a) % 65521;
    }
    do {
        size_t n = raw_len - i > 65535 ? 65535 : raw_len - i;
        z[o++] = (i + n == raw_len) ? 1 : 0;
        z[o++] = (uint8_t)n;
        z[o++] = (uint8_t)(n >> 8);
        z[o++] = (uint8_t)~n;
        z[o++] = (uint8_t)(~n >> 8);
        memcpy(z + o, raw + i, n);
        o += n;
        i += n;
    } while (i < raw_len);
    put32(z + o, (b << 16) | a);
    o += 4;
    uint8_t ihdr[13];
    put32(ihdr, w);
    put32(ihdr + 4, h);
    ihdr[8] = 8;  /* bit depth */
    ihdr[9] = 6;  /* RGBA */
    ihdr[10] = ihdr[11] = ihdr[12] = 0;
    f = fopen(path, "wb");
    if (!f)
        goto out;
    if (fwrite("\x89PNG\r\n\x1a\n", 1, 8, f) != 8 || chunk(f, "IHDR", ihdr, 13) ||
        chunk(f, "IDAT", z, (uint32_t)o) || chunk(f, "IEND", NULL, 0))
        goto out;
    rc = 0;
out:
    if (f && fclose(f))
        rc = -1;
    free(raw);
    free(z);
    return rc;
}
