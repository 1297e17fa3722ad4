/*
 * kmd_fuzz.c — libFuzzer target for the KMD parsers that see input from
 * outside the kernel: the escape buffer (from D3DKMTEscape), allocation
 * private data (from the UMD through CreateAllocation), pointer shapes and
 * the DMA record reader.  The first input byte picks the parser; the rest
 * is the buffer, copied into an exactly sized heap block so ASan catches
 * any read past its end.  Invariants are checked with __builtin_trap.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "base/vg_err.h"
#include "kmd/kmd_alloc.h"
#include "kmd/kmd_cursor.h"
#include "kmd/kmd_dma.h"
#include "kmd/kmd_escape.h"

static int set_mode(void *ctx, uint32_t s, uint32_t w, uint32_t h)
{
    (void)ctx;
    if (s >= 2 || w < 640 || h < 480 || w > 4096 || h > 4096)
        __builtin_trap(); /* the validator let an out-of-range mode through */
    return VIOGPU_ESC_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 65536)
        return 0;
    uint8_t sel = data[0];
    size_t n = size - 1;
    uint8_t *buf = malloc(n ? n : 1);
    if (!buf)
        return 0;
    memcpy(buf, data + 1, n);
    switch (sel % 4) {
    case 0: {
        struct kmd_escape_env env;
        memset(&env, 0, sizeof(env));
        env.active = (sel & 0x80) == 0;
        env.num_scanouts = 2;
        env.max_width = env.max_height = 4096;
        env.set_custom_mode = set_mode;
        int s = kmd_escape(&env, buf, (uint32_t)n);
        if (s > 0 || s < VIOGPU_ESC_ENODEV)
            __builtin_trap();
        break;
    }
    case 1: {
        struct kmd_alloc_desc d;
        if (kmd_alloc_validate(buf, (uint32_t)n, &d) == 0 &&
            ((uint64_t)d.pitch * d.height > d.size || d.pitch < d.width * 4u || d.width == 0))
            __builtin_trap();
        break;
    }
    case 2: {
        static uint32_t img[KMD_CURSOR_DIM * KMD_CURSOR_DIM];
        if (n < 16)
            break;
        struct kmd_cursor_shape s;
        uint32_t hdr[4];
        memcpy(hdr, buf, sizeof(hdr));
        s.kind = hdr[0] % 5;
        s.width = hdr[1] % 80;
        s.height = hdr[2] % 80;
        s.pitch = hdr[3] % 400;
        s.pixels = buf + 16;
        s.pixels_len = n - 16;
        kmd_cursor_convert(&s, img);
        break;
    }
    case 3: {
        uint32_t off = 0;
        const struct kmd_dma_hdr *h;
        int rc, guard = 0;
        /* The reader needs 4-byte aligned records: use an aligned copy. */
        uint32_t *al = malloc((n / 4) * 4 + 4);
        if (!al)
            break;
        memcpy(al, buf, (n / 4) * 4);
        while ((rc = kmd_dma_next(al, (uint32_t)(n / 4) * 4, &off, &h)) == 1)
            if (++guard > 100000 || off > n)
                __builtin_trap();
        if (rc != 0 && rc != VG_ERR_INVALID_ARG)
            __builtin_trap();
        free(al);
        break;
    }
    }
    free(buf);
    return 0;
}
