/*
 * vg_ida.c — bitmap id allocator with round-robin reuse (see vg_ida.h).
 */
#include "base/vg_ida.h"
#include "base/vg_err.h"
#include "base/vg_util.h"

int vg_ida_init(struct vg_ida *ida, const struct vg_platform *p, uint32_t first, uint32_t last)
{
    uint64_t n;

    vg_memset(ida, 0, sizeof(*ida));
    if (!p || !p->alloc || !p->free)
        return VG_ERR_NO_PLATFORM_OP;
    if (last < first || last == 0xffffffffu)
        return VG_ERR_INVALID_ARG;
    n = (uint64_t)last - first + 1;
    ida->bits = p->alloc(p->ctx, (size_t)((n + 63) / 64 * 8));
    if (!ida->bits)
        return VG_ERR_NO_MEMORY;
    ida->p = p;
    ida->first = first;
    ida->last = last;
    ida->next = first;
    return 0;
}

void vg_ida_fini(struct vg_ida *ida)
{
    if (ida->bits)
        ida->p->free(ida->p->ctx, ida->bits);
    ida->bits = NULL;
    ida->live = 0;
}

static bool test_bit(const struct vg_ida *ida, uint32_t id)
{
    uint32_t i = id - ida->first;
    return (ida->bits[i / 64] >> (i % 64)) & 1;
}

bool vg_ida_is_live(const struct vg_ida *ida, uint32_t id)
{
    if (!ida->bits || id < ida->first || id > ida->last)
        return false;
    return test_bit(ida, id);
}

static void set_bit(struct vg_ida *ida, uint32_t id, bool on)
{
    uint32_t i = id - ida->first;
    if (on)
        ida->bits[i / 64] |= 1ull << (i % 64);
    else
        ida->bits[i / 64] &= ~(1ull << (i % 64));
}

int vg_ida_alloc(struct vg_ida *ida, uint32_t *out)
{
    uint64_t n, id;

    if (!ida->bits)
        return VG_ERR_STATE;
    n = (uint64_t)ida->last - ida->first + 1;
    if (ida->live >= n)
        return VG_ERR_EXHAUSTED;
    id = ida->next;
    for (uint64_t k = 0; k < n; k++) {
        uint32_t i = (uint32_t)id - ida->first;
        /* skip a full word of live ids at once */
        if (i % 64 == 0 && ida->bits[i / 64] == ~0ull && id + 63 <= ida->last) {
            k += 63;
            id += 64;
            if (id > ida->last)
                id = ida->first;
            continue;
        }
        if (!test_bit(ida, (uint32_t)id)) {
            set_bit(ida, (uint32_t)id, true);
            ida->live++;
            ida->next = id == ida->last ? ida->first : (uint32_t)id + 1;
            *out = (uint32_t)id;
            return 0;
        }
        id = id == ida->last ? ida->first : id + 1;
    }
    return VG_ERR_EXHAUSTED;
}

int vg_ida_mark(struct vg_ida *ida, uint32_t id)
{
    if (!ida->bits)
        return VG_ERR_STATE;
    if (id < ida->first || id > ida->last)
        return VG_ERR_INVALID_ARG;
    if (test_bit(ida, id))
        return VG_ERR_IN_USE;
    set_bit(ida, id, true);
    ida->live++;
    return 0;
}

int vg_ida_free(struct vg_ida *ida, uint32_t id)
{
    if (!ida->bits)
        return VG_ERR_STATE;
    if (id < ida->first || id > ida->last || !test_bit(ida, id))
        return VG_ERR_NOT_FOUND;
    set_bit(ida, id, false);
    ida->live--;
    return 0;
}
