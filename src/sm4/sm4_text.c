/*
 * sm4_text.c — growable text buffer and a minimal formatter for the
 * disassembler, the translator and error messages.
 *
 * The translator emits many small pieces; a failed allocation is recorded
 * once (t->oom) and every later append becomes a no-op, so callers check
 * only sm4_text_finish() at the end instead of every append.
 */
#include <stdarg.h>

#include "sm4/sm4.h"

void sm4_text_init(struct sm4_text *t, const struct vg_platform *plat)
{
    t->plat = plat;
    t->buf = NULL;
    t->len = 0;
    t->cap = 0;
    t->oom = false;
}

static bool reserve(struct sm4_text *t, uint32_t extra)
{
    if (t->oom)
        return false;
    if (t->len + extra + 1 <= t->cap)
        return true;
    if (!t->plat || !t->plat->alloc || !t->plat->free || extra > (1u << 28)) {
        t->oom = true;
        return false;
    }
    uint32_t ncap = t->cap ? t->cap : 1024;
    while (ncap < t->len + extra + 1) {
        if (ncap > (1u << 29)) {
            t->oom = true;
            return false;
        }
        ncap *= 2;
    }
    char *nb = t->plat->alloc(t->plat->ctx, ncap);
    if (!nb) {
        t->oom = true;
        return false;
    }
    for (uint32_t i = 0; i < t->len; i++)
        nb[i] = t->buf[i];
    if (t->buf)
        t->plat->free(t->plat->ctx, t->buf);
    t->buf = nb;
    t->cap = ncap;
    return true;
}

void sm4_text_putc(struct sm4_text *t, char c)
{
    if (!reserve(t, 1))
        return;
    t->buf[t->len++] = c;
    t->buf[t->len] = 0;
}

void sm4_text_puts(struct sm4_text *t, const char *s)
{
    uint32_t n = 0;
    while (s[n])
        n++;
    if (!reserve(t, n))
        return;
    for (uint32_t i = 0; i < n; i++)
        t->buf[t->len++] = s[i];
    t->buf[t->len] = 0;
}

/* Shared formatting core: emits through a per-character callback. */
typedef void (*emit_fn)(void *ctx, char c);

static void fmt_uint(emit_fn emit, void *ctx, uint32_t v, uint32_t base)
{
    char tmp[12];
    int n = 0;
    do {
        uint32_t d = v % base;
        tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= base;
    } while (v);
    while (n)
        emit(ctx, tmp[--n]);
}

static void vformat(emit_fn emit, void *ctx, const char *fmt, va_list ap)
{
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            emit(ctx, *p);
            continue;
        }
        p++;
        switch (*p) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s)
                s = "(null)";
            while (*s)
                emit(ctx, *s++);
            break;
        }
        case 'c':
            emit(ctx, (char)va_arg(ap, int));
            break;
        case 'd': {
            int32_t v = va_arg(ap, int32_t);
            if (v < 0) {
                emit(ctx, '-');
                fmt_uint(emit, ctx, 0u - (uint32_t)v, 10);
            } else {
                fmt_uint(emit, ctx, (uint32_t)v, 10);
            }
            break;
        }
        case 'u':
            fmt_uint(emit, ctx, va_arg(ap, uint32_t), 10);
            break;
        case 'x':
            fmt_uint(emit, ctx, va_arg(ap, uint32_t), 16);
            break;
        case '%':
            emit(ctx, '%');
            break;
        case 0:
            return;
        default:
            emit(ctx, '%');
            emit(ctx, *p);
            break;
        }
    }
}

struct fixed_buf {
    char *dst;
    uint32_t cap, len;
};

static void emit_fixed(void *ctx, char c);

/* Formats through a stack buffer and appends once (one reserve per call
 * instead of one per character). */
void sm4_text_printf(struct sm4_text *t, const char *fmt, ...)
{
    char buf[512];
    struct fixed_buf b = { buf, sizeof(buf), 0 };
    va_list ap;
    va_start(ap, fmt);
    vformat(emit_fixed, &b, fmt, ap);
    va_end(ap);
    buf[b.len] = 0;
    sm4_text_puts(t, buf);
}

static void emit_fixed(void *ctx, char c)
{
    struct fixed_buf *b = ctx;
    if (b->len + 1 < b->cap)
        b->dst[b->len++] = c;
}

void sm4_vsnprintf(char *dst, uint32_t cap, const char *fmt, va_list ap)
{
    if (!cap)
        return;
    struct fixed_buf b = { dst, cap, 0 };
    vformat(emit_fixed, &b, fmt, ap);
    dst[b.len] = 0;
}

void sm4_snprintf(char *dst, uint32_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sm4_vsnprintf(dst, cap, fmt, ap);
    va_end(ap);
}

int sm4_text_finish(struct sm4_text *t)
{
    if (t->oom)
        return SM4_ERR_NO_MEMORY;
    if (!t->buf && !reserve(t, 0))
        return SM4_ERR_NO_MEMORY;
    t->buf[t->len] = 0;
    return SM4_OK;
}

void sm4_text_release(struct sm4_text *t)
{
    if (t->buf && t->plat && t->plat->free)
        t->plat->free(t->plat->ctx, t->buf);
    t->buf = NULL;
    t->len = t->cap = 0;
}

const char *sm4_strerror(int code)
{
    switch (code) {
    case SM4_OK: return "ok";
    case SM4_ERR_NO_MEMORY: return "out of memory";
    case SM4_ERR_DXBC_TRUNCATED: return "DXBC container truncated";
    case SM4_ERR_DXBC_MAGIC: return "not a DXBC container";
    case SM4_ERR_DXBC_SIZE: return "DXBC size field does not match the file";
    case SM4_ERR_DXBC_CHECKSUM: return "DXBC checksum mismatch";
    case SM4_ERR_DXBC_CHUNK: return "DXBC chunk outside the file";
    case SM4_ERR_DXBC_NO_SHADER: return "DXBC has no SHDR/SHEX chunk";
    case SM4_ERR_SIGNATURE: return "malformed signature chunk";
    case SM4_ERR_TRUNCATED: return "token stream truncated";
    case SM4_ERR_VERSION: return "bad version or length token";
    case SM4_ERR_SHADER_TYPE: return "not a vs/gs/ps 4.0/4.1 shader";
    case SM4_ERR_INSN_LENGTH: return "bad instruction length";
    case SM4_ERR_OPERAND: return "malformed operand";
    case SM4_ERR_OPERAND_COUNT: return "wrong operand count";
    case SM4_ERR_UNKNOWN_OPCODE: return "unknown opcode";
    case SM4_ERR_UNSUPPORTED: return "unsupported construct";
    case SM4_ERR_REGISTER: return "register index out of range";
    case SM4_ERR_NESTING: return "unbalanced or too deeply nested control flow";
    case SM4_ERR_LABEL: return "bad subroutine label";
    case SM4_ERR_OUTPUT_FULL: return "output buffer full";
    case SM4_ERR_ARGUMENT: return "bad argument";
    default: return "unknown error";
    }
}
