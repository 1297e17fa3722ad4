/*
 * vg_list.h — intrusive circular doubly linked lists.
 *
 * Usage: embed `struct vg_list node` in your object, keep a `struct
 * vg_list head` initialised with vg_list_init(), then vg_list_add_tail(),
 * vg_list_del(), and walk with
 *     vg_list_for_each_safe(pos, tmp, &head) {
 *         struct obj *o = VG_CONTAINER_OF(pos, struct obj, node); ... }
 * A deleted node points to itself, so vg_list_del() twice is harmless.
 * No locking: the owner serialises access.
 */
#ifndef VG_LIST_H
#define VG_LIST_H

#include <stdbool.h>
#include "base/vg_util.h"

struct vg_list {
    struct vg_list *next;
    struct vg_list *prev;
};

static inline void vg_list_init(struct vg_list *h) { h->next = h->prev = h; }
static inline bool vg_list_empty(const struct vg_list *h) { return h->next == h; }

static inline void vg_list_insert_(struct vg_list *n, struct vg_list *prev, struct vg_list *next)
{
    n->prev = prev;
    n->next = next;
    prev->next = n;
    next->prev = n;
}
static inline void vg_list_add_head(struct vg_list *h, struct vg_list *n) { vg_list_insert_(n, h, h->next); }
static inline void vg_list_add_tail(struct vg_list *h, struct vg_list *n) { vg_list_insert_(n, h->prev, h); }
static inline void vg_list_del(struct vg_list *n)
{
    n->prev->next = n->next;
    n->next->prev = n->prev;
    n->next = n->prev = n;
}
/* First node or NULL when empty. */
static inline struct vg_list *vg_list_first(const struct vg_list *h)
{
    return vg_list_empty(h) ? NULL : h->next;
}

#define vg_list_for_each(pos, head) \
    for ((pos) = (head)->next; (pos) != (head); (pos) = (pos)->next)
#define vg_list_for_each_safe(pos, tmp, head) \
    for ((pos) = (head)->next, (tmp) = (pos)->next; (pos) != (head); (pos) = (tmp), (tmp) = (pos)->next)

#endif /* VG_LIST_H */
