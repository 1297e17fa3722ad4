/*
 * vgpu_state.c — the core's own records of what it created on the host
 * (resources + backing, contexts + attachments, scanouts, cursor) and the
 * replay that rebuilds them after a device reset.
 *
 * Records are created when a command is submitted (so the id is reserved
 * at once) and confirmed or dropped by the command's completion hook; they
 * are looked up through a small hash on the resource id.  Ids come from
 * vg_ida and go back only when the device confirmed the unref/destroy.
 */
#include "gpu/vgpu_internal.h"

uintptr_t vgpu_state_lock(struct vgpu_dev *d) { return d->p->lock_acquire(d->p->ctx, d->state_lock); }
void vgpu_state_unlock(struct vgpu_dev *d, uintptr_t t) { d->p->lock_release(d->p->ctx, d->state_lock, t); }

int vgpu_state_init(struct vgpu_dev *d)
{
    int rc;

    for (uint32_t i = 0; i < VGPU_RES_HASH; i++)
        vg_list_init(&d->res_hash[i]);
    vg_list_init(&d->ctxs);
    d->state_lock = d->p->lock_create(d->p->ctx);
    if (!d->state_lock)
        return VG_ERR_NO_MEMORY;
    if ((rc = vg_ida_init(&d->res_ids, d->p, 1, VGPU_RES_ID_MAX)))
        goto destroy_lock;
    if ((rc = vg_ida_init(&d->ctx_ids, d->p, 1, VGPU_CTX_ID_MAX)))
        goto fini_res_ids;
    return 0;

fini_res_ids:
    vg_ida_fini(&d->res_ids);
destroy_lock:
    d->p->lock_destroy(d->p->ctx, d->state_lock);
    d->state_lock = NULL;
    return rc;
}

void vgpu_state_fini(struct vgpu_dev *d)
{
    struct vg_list *pos, *tmp;

    for (uint32_t i = 0; i < VGPU_RES_HASH; i++) {
        vg_list_for_each_safe(pos, tmp, &d->res_hash[i])
            vgpu_res_delete(d, VG_CONTAINER_OF(pos, struct vgpu_res, node));
    }
    vg_list_for_each_safe(pos, tmp, &d->ctxs) {
        struct vgpu_ctx *c = VG_CONTAINER_OF(pos, struct vgpu_ctx, node);
        vg_list_del(pos);
        if (c->res)
            d->p->free(d->p->ctx, c->res);
        d->p->free(d->p->ctx, c);
    }
    vg_ida_fini(&d->ctx_ids);
    vg_ida_fini(&d->res_ids);
    if (d->state_lock)
        d->p->lock_destroy(d->p->ctx, d->state_lock);
    d->state_lock = NULL;
}

struct vgpu_res *vgpu_res_find(struct vgpu_dev *d, uint32_t id)
{
    struct vg_list *pos;
    vg_list_for_each(pos, &d->res_hash[id % VGPU_RES_HASH]) {
        struct vgpu_res *r = VG_CONTAINER_OF(pos, struct vgpu_res, node);
        if (r->id == id)
            return r;
    }
    return NULL;
}

int vgpu_res_new(struct vgpu_dev *d, struct vgpu_res **out)
{
    struct vgpu_res *res = d->p->alloc(d->p->ctx, sizeof(*res));
    uintptr_t t;
    int rc;

    if (!res)
        return VG_ERR_NO_MEMORY;
    t = vgpu_state_lock(d);
    rc = vg_ida_alloc(&d->res_ids, &res->id);
    if (!rc) {
        vg_list_add_tail(&d->res_hash[res->id % VGPU_RES_HASH], &res->node);
        d->n_res++;
    }
    vgpu_state_unlock(d, t);
    if (rc) {
        d->p->free(d->p->ctx, res);
        return rc;
    }
    *out = res;
    return 0;
}

void vgpu_res_delete(struct vgpu_dev *d, struct vgpu_res *res)
{
    vg_list_del(&res->node);
    vg_ida_free(&d->res_ids, res->id);
    d->n_res--;
    if (res->backing)
        d->p->free(d->p->ctx, res->backing);
    d->p->free(d->p->ctx, res);
}

struct vgpu_ctx *vgpu_ctx_find(struct vgpu_dev *d, uint32_t id)
{
    struct vg_list *pos;
    vg_list_for_each(pos, &d->ctxs) {
        struct vgpu_ctx *c = VG_CONTAINER_OF(pos, struct vgpu_ctx, node);
        if (c->id == id)
            return c;
    }
    return NULL;
}

bool vgpu_resource_is_live(struct vgpu_dev *d, uint32_t res_id)
{
    uintptr_t t = vgpu_state_lock(d);
    bool live = vgpu_res_find(d, res_id) != NULL;
    vgpu_state_unlock(d, t);
    return live;
}

uint32_t vgpu_resource_count(struct vgpu_dev *d)
{
    uintptr_t t = vgpu_state_lock(d);
    uint32_t n = d->n_res;
    vgpu_state_unlock(d, t);
    return n;
}

/* Replay runs synchronously with nothing else in flight (vgpu.h), so it
 * reads the records without holding the state lock across commands. */
int vgpu_replay(struct vgpu_dev *d)
{
    struct vg_list *pos;
    int rc, first_err = 0;

#define NOTE(x) do { rc = (x); if (rc && !first_err) first_err = rc; } while (0)
    for (uint32_t i = 0; i < VGPU_RES_HASH; i++) {
        vg_list_for_each(pos, &d->res_hash[i]) {
            struct vgpu_res *r = VG_CONTAINER_OF(pos, struct vgpu_res, node);
            if (!r->created)
                continue;
            if (r->is_3d)
                NOTE(vgpu_enc_resource_create_3d(d, r->id, &r->p3d, true, NULL));
            else
                NOTE(vgpu_enc_resource_create_2d(d, r->id, r->format, r->width, r->height, true, NULL));
            if (!rc && r->n_backing)
                NOTE(vgpu_enc_attach_backing(d, r->id, r->backing, r->n_backing, true, NULL));
            /* the host copy of a 2D resource came back empty: refill it
             * from the backing, which still holds the guest's pixels
             * (a scanout or cursor would otherwise show black) */
            if (!rc && r->n_backing && !r->is_3d) {
                struct vgpu_rect all = { 0, 0, r->width, r->height };
                NOTE(vgpu_cmd_transfer_to_host_2d(d, r->id, &all, 0, NULL));
            }
        }
    }
    vg_list_for_each(pos, &d->ctxs) {
        struct vgpu_ctx *c = VG_CONTAINER_OF(pos, struct vgpu_ctx, node);
        if (!c->created)
            continue;
        NOTE(vgpu_enc_ctx_create(d, c->id, c->context_init, c->name, true, NULL));
        for (uint32_t k = 0; !rc && k < c->n_res; k++)
            NOTE(vgpu_enc_ctx_resource(d, VIRTIO_GPU_CMD_CTX_ATTACH_RESOURCE, c->id, c->res[k], true, NULL));
    }
    for (uint32_t s = 0; s < d->num_scanouts; s++) {
        struct vgpu_scanout_rec sc = d->scanouts[s];
        if (sc.res_id) {
            NOTE(vgpu_cmd_set_scanout(d, s, sc.res_id, &sc.r, NULL));
            if (!rc)
                NOTE(vgpu_cmd_resource_flush(d, sc.res_id, &sc.r, NULL));
        }
    }
    if (d->cursor_rec.valid) {
        struct vgpu_cursor_rec c = d->cursor_rec;
        NOTE(vgpu_cmd_update_cursor(d, c.scanout, c.res_id, c.hot_x, c.hot_y, c.x, c.y, NULL));
    }
#undef NOTE
    return first_err;
}
