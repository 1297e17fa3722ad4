/*
 * vg_ida.h — id allocator over a bitmap, for host resource and context ids.
 *
 * Usage: vg_ida_init(&ida, platform, first, last) reserves bitmap storage
 * for ids first..last (first >= 1 when 0 means "none" on the wire);
 * vg_ida_alloc() returns a free id in *out or VG_ERR_EXHAUSTED;
 * vg_ida_free() releases it (VG_ERR_NOT_FOUND if it was not live).
 * Allocation continues after the last id handed out (round-robin), so a
 * just-freed id is the last to be reused: a stale reference still in flight
 * on the host cannot alias a new object soon.  An id is never returned while
 * it is live.  vg_ida_mark() claims a specific id (state replay).
 * No locking: the owner serialises access.
 */
#ifndef VG_IDA_H
#define VG_IDA_H

#include <stdbool.h>
#include <stdint.h>
#include "base/vg_platform.h"

struct vg_ida {
    const struct vg_platform *p;
    uint64_t *bits;   /* bit (id - first) set = live */
    uint32_t first;
    uint32_t last;
    uint32_t next;    /* where the next search starts */
    uint32_t live;    /* number of live ids */
};

int vg_ida_init(struct vg_ida *ida, const struct vg_platform *p, uint32_t first, uint32_t last);
void vg_ida_fini(struct vg_ida *ida);
int vg_ida_alloc(struct vg_ida *ida, uint32_t *out);
int vg_ida_mark(struct vg_ida *ida, uint32_t id);
int vg_ida_free(struct vg_ida *ida, uint32_t id);
bool vg_ida_is_live(const struct vg_ida *ida, uint32_t id);

#endif /* VG_IDA_H */
