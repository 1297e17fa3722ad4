/*
 * sm4-dis — prints a DXBC shader as an fxc-style listing (default) or as
 * the TGSI text our translator produces for it (--tgsi).
 *
 *   sm4-dis [--tgsi | --shdr] [--tokens] FILE.dxbc
 *
 * --shdr writes the raw SHDR/SHEX token stream of the container (binary)
 * to stdout, e.g. to compare two containers' code or seed a fuzzer.
 * --tokens treats FILE as a raw SHDR token stream (what the D3D10 DDI
 * hands CreateVertexShader) instead of a DXBC container.  Exit status 0 on
 * success; on malformed or unsupported input a message on stderr and
 * status 1 (usage errors: 2).
 */
#include <stdio.h>
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

static void *read_file(const char *path, uint32_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (n == cap) {
            if (cap >= (1u << 30))
                break;
            cap *= 2;
            buf = realloc(buf, cap);
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        if (!r)
            break;
        n += r;
    }
    fclose(f);
    *size = (uint32_t)n;
    return buf;
}

int main(int argc, char **argv)
{
    bool tgsi = false, raw = false, shdr = false;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--tgsi"))
            tgsi = true;
        else if (!strcmp(argv[i], "--shdr"))
            shdr = true;
        else if (!strcmp(argv[i], "--tokens"))
            raw = true;
        else if (!path && argv[i][0] != '-')
            path = argv[i];
        else {
            fprintf(stderr, "usage: sm4-dis [--tgsi | --shdr] [--tokens] FILE\n");
            return 2;
        }
    }
    if (!path) {
        fprintf(stderr, "usage: sm4-dis [--tgsi | --shdr] [--tokens] FILE\n");
        return 2;
    }
    uint32_t size;
    void *data = read_file(path, &size);
    if (!data) {
        fprintf(stderr, "sm4-dis: %s: cannot read\n", path);
        return 1;
    }
    struct vg_platform plat = { .alloc = p_alloc, .free = p_free };
    struct sm4_dxbc dx;
    const uint32_t *tokens;
    uint32_t ntokens;
    int rc;
    if (raw) {
        tokens = data;
        ntokens = size / 4;
    } else {
        rc = sm4_dxbc_parse(data, size, &dx);
        if (rc) {
            fprintf(stderr, "sm4-dis: %s: %s\n", path, sm4_strerror(rc));
            free(data);
            return 1;
        }
        tokens = dx.shdr;
        ntokens = dx.shdr_dwords;
    }
    if (shdr) {
        int ok = fwrite(tokens, 4, ntokens, stdout) == ntokens;
        free(data);
        return ok ? 0 : 1;
    }
    struct sm4_program *prog;
    struct sm4_error err;
    rc = sm4_program_parse(&plat, tokens, ntokens, &prog, &err);
    if (rc) {
        fprintf(stderr, "sm4-dis: %s: %s\n", path, err.msg[0] ? err.msg : sm4_strerror(rc));
        free(data);
        return 1;
    }
    int status = 0;
    if (tgsi) {
        struct sm4_tgsi out;
        /* the layout sm4.h suggests: D3D cb N = CONST[N + 1], the rasterizer's
         * sample count in CONST[15] */
        struct sm4_tgsi_options opt = { .cb_base = 1, .rast_cb = 15 };
        if (!raw && dx.has_isgn)
            opt.isgn = &dx.isgn; /* packed clip/cull distance input slots */
        rc = sm4_tgsi_translate(&plat, prog, &opt, &out, &err);
        if (rc) {
            fprintf(stderr, "sm4-dis: %s: %s\n", path, err.msg[0] ? err.msg : sm4_strerror(rc));
            status = 1;
        } else {
            fputs(out.text, stdout);
            for (uint32_t u = 0; u < out.nunits; u++) {
                if (out.unit_samp[u] == 0xffffffff)
                    printf("// unit %u: t%u\n", u, out.unit_res[u]);
                else
                    printf("// unit %u: t%u s%u\n", u, out.unit_res[u], out.unit_samp[u]);
            }
            sm4_tgsi_release(&plat, &out);
        }
    } else {
        struct sm4_text t;
        sm4_text_init(&t, &plat);
        if (!raw) {
            sm4_dis_signature(&t, ".input", &dx.isgn);
            sm4_dis_signature(&t, ".output", &dx.osgn);
        }
        rc = sm4_disassemble(prog, &t);
        if (rc) {
            fprintf(stderr, "sm4-dis: %s: %s\n", path, sm4_strerror(rc));
            status = 1;
        } else {
            fputs(t.buf, stdout);
        }
        sm4_text_release(&t);
    }
    sm4_program_free(&plat, prog);
    free(data);
    return status;
}
