/*
 * vg_log.c — levelled log lines over vg_platform.log (see vg_log.h).
 */
#include "base/vg_log.h"
#include "base/vg_fmt.h"
#include "base/vg_util.h"

void vg_logf(const struct vg_log *log, int level, const char *fmt, ...)
{
    char line[VG_LOG_LINE];
    size_t n = 0;
    va_list ap;

    if (!log || !log->p || !log->p->log || level > log->level)
        return;
    if (log->prefix) {
        n = vg_strlcpy(line, log->prefix, sizeof(line));
        if (n >= sizeof(line))
            n = sizeof(line) - 1;
    }
    va_start(ap, fmt);
    vg_vsnprintf(line + n, sizeof(line) - n, fmt, ap);
    va_end(ap);
    log->p->log(log->p->ctx, level, line);
}
