/*
 * sm4_fuzz — libFuzzer target over everything src/sm4 does with untrusted
 * bytes: DXBC container parsing (checksum, chunks, signatures), token
 * parsing, disassembly and translation to TGSI.
 *
 * The first input byte picks the mode: even = a whole DXBC container (the
 * checksum is recomputed first so that mutations reach the chunk parser),
 * odd = a raw token stream as the D3D10 DDI hands it over.
 */
#include <stdlib.h>
#include <string.h>

#include "sm4/sm4.h"

static void *p_alloc(void *ctx, size_t n)
{
    (void)ctx;
    return calloc(1, n ? n : 1);
}

static void p_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

static const struct vg_platform plat = { .alloc = p_alloc, .free = p_free };

static void run_tokens(const uint32_t *tok, uint32_t n, const struct sm4_signature *isgn)
{
    struct sm4_program *p;
    struct sm4_error err;
    if (sm4_program_parse(&plat, tok, n, &p, &err))
        return;
    struct sm4_text t;
    sm4_text_init(&t, &plat);
    sm4_disassemble(p, &t);
    sm4_text_release(&t);
    struct sm4_tgsi out;
    /* reach the rasterizer and signature-packed clip/cull paths too */
    struct sm4_tgsi_options opt = { .cb_base = 1, .rast_cb = 15, .isgn = isgn };
    if (!sm4_tgsi_translate(&plat, p, &opt, &out, &err))
        sm4_tgsi_release(&plat, &out);
    sm4_program_free(&plat, p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > (1u << 20))
        return 0;
    uint8_t mode = data[0];
    size--;
    uint32_t *buf = malloc(size + 4);
    memcpy(buf, data + 1, size);
    if (mode & 1) {
        run_tokens(buf, (uint32_t)(size / 4), NULL);
    } else {
        struct sm4_dxbc dx;
        /* exercise the checksum check on the raw input, then fix it up */
        sm4_dxbc_parse(buf, (uint32_t)size, &dx);
        if (size >= 32) {
            uint32_t sum[4];
            uint32_t sz = (uint32_t)size;
            memcpy((uint8_t *)buf + 24, &sz, 4);
            sm4_dxbc_checksum(buf, sz, sum);
            memcpy((uint8_t *)buf + 4, sum, 16);
            if (!sm4_dxbc_parse(buf, sz, &dx)) {
                struct sm4_text t;
                sm4_text_init(&t, &plat);
                sm4_dis_signature(&t, ".input", &dx.isgn);
                sm4_dis_signature(&t, ".output", &dx.osgn);
                sm4_text_release(&t);
                run_tokens(dx.shdr, dx.shdr_dwords, dx.has_isgn ? &dx.isgn : NULL);
            }
        }
    }
    free(buf);
    return 0;
}
