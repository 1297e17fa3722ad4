/*
 * virgl_fuzz.c — libFuzzer target for the parsers of outside input in
 * src/virgl: the stream disassembler (any dwords, e.g. a hostile command
 * buffer being logged) and the caps blob parser.  The first byte picks the
 * parser; invariants are checked with __builtin_trap so a violation is a
 * crash the fuzzer reports.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "virgl/virgl_caps.h"
#include "virgl/virgl_dis.h"
#include "virgl/virgl_enc.h"
#include "virgl/virgl_format.h"

static uint32_t lines;

static void sink(void *ctx, const char *line)
{
    (void)ctx;
    if (strlen(line) >= 1024)   /* the line buffer is 1024 bytes */
        __builtin_trap();
    lines++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t which = data[0];
    data++;
    size--;
    if (which & 1) {
        struct virgl_caps c;
        if (virgl_caps_parse(&c, data, (uint32_t)size) == 0) {
            if (size < 308)
                __builtin_trap();
            for (uint32_t f = 0; f < 600; f++)
                (void)virgl_caps_format_binds(&c, f);
            for (uint32_t d = 0; d < 140; d++)
                (void)virgl_format_for_host(&c, d, VIRGL_BIND_RENDER_TARGET);
        }
        return 0;
    }
    uint32_t n = (uint32_t)(size / 4);
    uint32_t dw[4096];
    if (n > 4096)
        n = 4096;
    memcpy(dw, data, n * 4);
    lines = 0;
    int r = virgl_dis(dw, n, VIRGL_DIS_OFFSETS, sink, NULL);
    if (r != 0 && r != VIRGL_ETRUNC)
        __builtin_trap();
    if (n && !lines)
        __builtin_trap();
    return 0;
}
