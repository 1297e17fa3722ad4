/*
 * virgl-dis — prints a virgl command stream as text, one line per command.
 *
 *   virgl-dis [-o] [FILE]     FILE (or stdin): raw little-endian dwords,
 *                             e.g. the payload of a SUBMIT_3D or a vtest
 *                             SUBMIT_CMD; -o prefixes dword offsets.
 * Exit status: 0 when the whole stream decoded, 1 when a command runs past
 * the end (the last line says TRUNCATED), 2 on a usage or I/O error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virgl/virgl_dis.h"

static void out(void *ctx, const char *line)
{
    (void)ctx;
    puts(line);
}

int main(int argc, char **argv)
{
    uint32_t flags = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o"))
            flags |= VIRGL_DIS_OFFSETS;
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fprintf(stdout, "usage: virgl-dis [-o] [FILE]\n");
            return 0;
        } else if (!path)
            path = argv[i];
        else {
            fprintf(stderr, "usage: virgl-dis [-o] [FILE]\n");
            return 2;
        }
    }
    FILE *f = path ? fopen(path, "rb") : stdin;
    if (!f) {
        perror(path);
        return 2;
    }
    size_t cap = 1 << 16, n = 0;
    unsigned char *buf = malloc(cap);
    for (;;) {
        if (!buf) {
            fprintf(stderr, "virgl-dis: out of memory\n");
            return 2;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    if (ferror(f)) {
        perror(path ? path : "stdin");
        return 2;
    }
    if (path)
        fclose(f);
    if (n % 4)
        fprintf(stderr, "virgl-dis: %zu trailing bytes ignored\n", n % 4);
    uint32_t ndw = (uint32_t)(n / 4);
    uint32_t *dw = malloc((ndw ? ndw : 1) * sizeof(uint32_t));
    if (!dw)
        return 2;
    for (uint32_t i = 0; i < ndw; i++)
        dw[i] = (uint32_t)buf[4 * i] | ((uint32_t)buf[4 * i + 1] << 8) |
                ((uint32_t)buf[4 * i + 2] << 16) | ((uint32_t)buf[4 * i + 3] << 24);
    int r = virgl_dis(dw, ndw, flags, out, NULL);
    free(dw);
    free(buf);
    return r ? 1 : 0;
}
