/*
 * sm4_bench — cost of SM4 -> TGSI translation over the shader corpus.
 *
 *   sm4_bench MODE ITER FILE.dxbc...
 * MODE: none (load files only), container (DXBC parse incl. checksum: the
 * anchor), tokens (container + token parse), translate (container + parse
 * + TGSI text), time (wall clock of translate, printed).  Run under
 * callgrind by bench/sm4_bench.sh, which subtracts the `none` baseline.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

int main(int argc, char **argv)
{
    if (argc < 4)
        return 2;
    const char *mode = argv[1];
    int iter = atoi(argv[2]);
    int n = argc - 3;
    uint32_t **data = calloc((size_t)n, sizeof(*data));
    uint32_t *size = calloc((size_t)n, sizeof(*size));
    for (int i = 0; i < n; i++) {
        FILE *f = fopen(argv[3 + i], "rb");
        if (!f)
            return 1;
        data[i] = malloc(1 << 20);
        size[i] = (uint32_t)fread(data[i], 1, 1 << 20, f);
        fclose(f);
    }
    int level = !strcmp(mode, "none") ? 0 : !strcmp(mode, "container") ? 1 : !strcmp(mode, "tokens") ? 2 : 3;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    uint64_t bytes = 0;
    for (int it = 0; it < iter; it++) {
        for (int i = 0; i < n; i++) {
            struct sm4_dxbc dx;
            if (level < 1 || sm4_dxbc_parse(data[i], size[i], &dx))
                continue;
            struct sm4_program *p;
            struct sm4_error err;
            if (level < 2 || sm4_program_parse(&plat, dx.shdr, dx.shdr_dwords, &p, &err))
                continue;
            if (level >= 3) {
                struct sm4_tgsi out;
                if (!sm4_tgsi_translate(&plat, p, NULL, &out, &err)) {
                    bytes += out.text_len;
                    sm4_tgsi_release(&plat, &out);
                }
            }
            sm4_program_free(&plat, p);
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (!strcmp(mode, "time")) {
        double us = ((double)(t1.tv_sec - t0.tv_sec) * 1e6 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e3);
        printf("%.2f us per shader (container + parse + translate), %d shaders x %d, %.0f TGSI bytes/shader\n",
               us / ((double)n * iter), n, iter, (double)bytes / ((double)n * iter));
    }
    for (int i = 0; i < n; i++)
        free(data[i]);
    free(data);
    free(size);
    return 0;
}
