/*
 * vg_fmt.h — a small printf-style formatter for freestanding code.
 *
 * Usage: vg_snprintf(buf, sizeof buf, "res %u at %#llx", id, pa).  Like C99
 * snprintf it always NUL-terminates when size > 0 and returns the length the
 * full output would have had, so `ret >= size` means truncation.
 *
 * Supported: flags '-' '0' '+' ' ' '#', width and precision (digits or '*'),
 * length modifiers hh h l ll z j t, conversions d i u x X o c s p %.
 * %s of NULL prints "(null)".  No floating point.
 */
#ifndef VG_FMT_H
#define VG_FMT_H

#include <stdarg.h>
#include <stddef.h>

int vg_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int vg_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif /* VG_FMT_H */
