/*
 * vg_fmt.c — printf-style formatting without a C library (see vg_fmt.h).
 *
 * Output goes through a small sink that counts every character but stores
 * only what fits, which gives C99 snprintf's return value for free.
 */
#include "base/vg_fmt.h"

#include <stdint.h>
#include "base/vg_util.h"

struct sink {
    char *buf;
    size_t size;
    size_t len; /* characters produced so far (may exceed size) */
};

static void put(struct sink *s, char c)
{
    if (s->len + 1 < s->size)
        s->buf[s->len] = c;
    s->len++;
}

static void pad(struct sink *s, char c, int n)
{
    while (n-- > 0)
        put(s, c);
}

enum { F_LEFT = 1, F_ZERO = 2, F_PLUS = 4, F_SPACE = 8, F_ALT = 16 };

/* Emits one integer: sign/prefix, zero or space padding, digits. */
static void put_num(struct sink *s, uint64_t v, bool neg, unsigned base, bool upper,
                    int flags, int width, int prec, const char *prefix)
{
    char digits[24];
    const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    int nd = 0, plen = 0, zeros, total;
    char sign = 0;

    while (v) {
        digits[nd++] = set[v % base];
        v /= base;
    }
    if (prec < 0 && nd == 0)
        digits[nd++] = '0';
    if (neg)
        sign = '-';
    else if (flags & F_PLUS)
        sign = '+';
    else if (flags & F_SPACE)
        sign = ' ';
    if (prefix)
        plen = (int)vg_strlen(prefix);
    zeros = prec > nd ? prec - nd : 0;
    total = nd + zeros + plen + (sign ? 1 : 0);
    if ((flags & F_ZERO) && !(flags & F_LEFT) && prec < 0 && width > total) {
        zeros += width - total;
        total = width;
    }
    if (!(flags & F_LEFT))
        pad(s, ' ', width - total);
    if (sign)
        put(s, sign);
    for (int i = 0; i < plen; i++)
        put(s, prefix[i]);
    pad(s, '0', zeros);
    while (nd)
        put(s, digits[--nd]);
    if (flags & F_LEFT)
        pad(s, ' ', width - total);
}

int vg_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct sink s = { buf, size, 0 };

    while (*fmt) {
        int flags = 0, width = 0, prec = -1, lng = 0;
        char c = *fmt++;

        if (c != '%') {
            put(&s, c);
            continue;
        }
        for (;; fmt++) {
            if (*fmt == '-') flags |= F_LEFT;
            else if (*fmt == '0') flags |= F_ZERO;
            else if (*fmt == '+') flags |= F_PLUS;
            else if (*fmt == ' ') flags |= F_SPACE;
            else if (*fmt == '#') flags |= F_ALT;
            else break;
        }
        if (*fmt == '*') {
            width = va_arg(ap, int);
            if (width < 0) {
                flags |= F_LEFT;
                width = -width;
            }
            fmt++;
        } else {
            while (*fmt >= '0' && *fmt <= '9')
                width = width * 10 + (*fmt++ - '0');
        }
        if (*fmt == '.') {
            fmt++;
            prec = 0;
            if (*fmt == '*') {
                prec = va_arg(ap, int);
                fmt++;
            } else {
                while (*fmt >= '0' && *fmt <= '9')
                    prec = prec * 10 + (*fmt++ - '0');
            }
        }
        /* lng: 0 int, 1 long, 2 long long, 3 size_t, 4 intmax, 5 ptrdiff, -1 short, -2 char */
        for (;; fmt++) {
            if (*fmt == 'l') lng = lng == 1 ? 2 : 1;
            else if (*fmt == 'h') lng = lng == -1 ? -2 : -1;
            else if (*fmt == 'z') lng = 3;
            else if (*fmt == 'j') lng = 4;
            else if (*fmt == 't') lng = 5;
            else break;
        }
        c = *fmt;
        if (!c)
            break;
        fmt++;
        switch (c) {
        case 'd':
        case 'i': {
            int64_t v;
            switch (lng) {
            case 1: v = va_arg(ap, long); break;
            case 2: v = va_arg(ap, long long); break;
            case 3: v = (int64_t)va_arg(ap, size_t); break;
            case 4: v = va_arg(ap, intmax_t); break;
            case 5: v = va_arg(ap, ptrdiff_t); break;
            case -1: v = (short)va_arg(ap, int); break;
            case -2: v = (signed char)va_arg(ap, int); break;
            default: v = va_arg(ap, int); break;
            }
            /* negate in unsigned arithmetic so INT64_MIN is fine */
            put_num(&s, v < 0 ? 0 - (uint64_t)v : (uint64_t)v, v < 0, 10, false, flags, width, prec, NULL);
            break;
        }
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
            uint64_t v;
            unsigned base = c == 'u' ? 10 : c == 'o' ? 8 : 16;
            const char *prefix = NULL;
            switch (lng) {
            case 1: v = va_arg(ap, unsigned long); break;
            case 2: v = va_arg(ap, unsigned long long); break;
            case 3: v = va_arg(ap, size_t); break;
            case 4: v = va_arg(ap, uintmax_t); break;
            case 5: v = (uint64_t)va_arg(ap, ptrdiff_t); break;
            case -1: v = (unsigned short)va_arg(ap, unsigned); break;
            case -2: v = (unsigned char)va_arg(ap, unsigned); break;
            default: v = va_arg(ap, unsigned); break;
            }
            if ((flags & F_ALT) && v) {
                if (c == 'x') prefix = "0x";
                else if (c == 'X') prefix = "0X";
                else if (c == 'o') prefix = "0";
            }
            put_num(&s, v, false, base, c == 'X', flags & ~(F_PLUS | F_SPACE), width, prec, prefix);
            break;
        }
        case 'p': {
            uintptr_t v = (uintptr_t)va_arg(ap, void *);
            put_num(&s, v, false, 16, false, flags & F_LEFT, width, prec, "0x");
            break;
        }
        case 'c': {
            char ch = (char)va_arg(ap, int);
            if (!(flags & F_LEFT))
                pad(&s, ' ', width - 1);
            put(&s, ch);
            if (flags & F_LEFT)
                pad(&s, ' ', width - 1);
            break;
        }
        case 's': {
            const char *str = va_arg(ap, const char *);
            int n;
            if (!str)
                str = "(null)";
            n = (int)(prec >= 0 ? vg_strnlen(str, (size_t)prec) : vg_strlen(str));
            if (!(flags & F_LEFT))
                pad(&s, ' ', width - n);
            for (int i = 0; i < n; i++)
                put(&s, str[i]);
            if (flags & F_LEFT)
                pad(&s, ' ', width - n);
            break;
        }
        case '%':
            put(&s, '%');
            break;
        default:
            /* unknown conversion: print it verbatim so the mistake shows */
            put(&s, '%');
            put(&s, c);
            break;
        }
    }
    if (size)
        buf[s.len < size ? s.len : size - 1] = 0;
    return (int)s.len;
}

int vg_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vg_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
