/*
 * vg_log.h — levelled logging over vg_platform.log.
 *
 * Usage: a core keeps one `struct vg_log` (platform, threshold, prefix) and
 * calls vg_logf(&log, VG_LOG_INFO, "fmt", ...).  Messages above `level` are
 * dropped before formatting; the rest are formatted into one line (at most
 * VG_LOG_LINE bytes, truncated otherwise) prefixed with `prefix` and handed
 * to the platform sink, which may filter again (registry level on Windows).
 * A NULL platform or NULL log entry makes logging a no-op.
 */
#ifndef VG_LOG_H
#define VG_LOG_H

#include "base/vg_platform.h"

#define VG_LOG_LINE 192

struct vg_log {
    const struct vg_platform *p;
    int level;          /* highest VG_LOG_* that is emitted */
    const char *prefix; /* e.g. "vgpu: "; may be NULL */
};

void vg_logf(const struct vg_log *log, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define vg_err(l, ...)   vg_logf((l), VG_LOG_ERROR, __VA_ARGS__)
#define vg_warn(l, ...)  vg_logf((l), VG_LOG_WARN, __VA_ARGS__)
#define vg_info(l, ...)  vg_logf((l), VG_LOG_INFO, __VA_ARGS__)
#define vg_debug(l, ...) vg_logf((l), VG_LOG_DEBUG, __VA_ARGS__)
#define vg_trace(l, ...) vg_logf((l), VG_LOG_TRACE, __VA_ARGS__)

#endif /* VG_LOG_H */
