/*
 * vgpu_cmd_3d.c — encoders for the virgl (3D) commands and capsets, one per
 * wire command.  All of them fail with VG_ERR_UNSUPPORTED unless
 * VIRTIO_GPU_F_VIRGL was negotiated.  Context ids come from their own id
 * allocator; contexts and their attached resources are recorded for
 * replay after a reset.
 */
#include "gpu/vgpu_internal.h"

static bool has_virgl(struct vgpu_dev *d)
{
    return (d->features & VIRTIO_BIT(VIRTIO_GPU_F_VIRGL)) != 0;
}

/* ---- GET_CAPSET_INFO ---- */

int vgpu_cmd_get_capset_info(struct vgpu_dev *d, uint32_t index, uint32_t *capset_id,
                             uint32_t *max_version, uint32_t *max_size, const struct vgpu_async *a)
{
    struct virtio_gpu_resp_capset_info resp;
    struct virtio_gpu_get_capset_info *c;
    struct vgpu_req *r;
    int rc;

    if (!has_virgl(d))
        return VG_ERR_UNSUPPORTED;
    if (index >= d->num_capsets)
        return VG_ERR_INVALID_ARG;
    r = vgpu_req_get(d, &d->ctrl, a);
    if (!r)
        return VG_ERR_BUSY;
    c = (struct virtio_gpu_get_capset_info *)r->cmd;
    vgpu_req_hdr(r, VIRTIO_GPU_CMD_GET_CAPSET_INFO, 0);
    c->capset_index = vg_cpu_to_le32(index);
    vgpu_req_layout(r, sizeof(*c), sizeof(resp), VIRTIO_GPU_RESP_OK_CAPSET_INFO);
    vg_memset(&resp, 0, sizeof(resp));
    rc = vgpu_req_submit(r, a, a ? NULL : &resp, sizeof(resp));
    if (!a && rc == 0) {
        if (capset_id)
            *capset_id = vg_le32_to_cpu(resp.capset_id);
        if (max_version)
            *max_version = vg_le32_to_cpu(resp.capset_max_version);
        if (max_size)
            *max_size = vg_le32_to_cpu(resp.capset_max_size);
    }
    return rc;
}

/* ---- GET_CAPSET ---- */

int vgpu_cmd_get_capset(struct vgpu_dev *d, uint32_t capset_id, uint32_t version, void *buf,
                        uint32_t buf_len, uint32_t *out_len, const struct vgpu_async *a)
{
    struct virtio_gpu_get_capset *c;
    struct vgpu_req *r;
    uint64_t pa;
    uint32_t resp_len;
    void *big;
    int rc;

    if (out_len)
        *out_len = 0;
    if (!has_virgl(d))
        return VG_ERR_UNSUPPORTED;
    /* capsets are small (QEMU's VIRGL2 is 1376 bytes); bound what we accept */
    if (buf_len > 65536)
        return VG_ERR_INVALID_ARG;
    r = vgpu_req_get(d, &d->ctrl, a);
    if (!r)
        return VG_ERR_BUSY;
    resp_len = (uint32_t)sizeof(struct virtio_gpu_resp_capset) + buf_len;
    if (resp_len > VGPU_SLOT_RESP_MAX) {
        big = vgpu_req_big(r, resp_len, &pa);
        if (!big) {
            vgpu_req_put(r);
            return VG_ERR_NO_DMA_MEMORY;
        }
    }
    c = (struct virtio_gpu_get_capset *)r->cmd;
    vgpu_req_hdr(r, VIRTIO_GPU_CMD_GET_CAPSET, 0);
    c->capset_id = vg_cpu_to_le32(capset_id);
    c->capset_version = vg_cpu_to_le32(version);
    vgpu_req_layout(r, sizeof(*c), resp_len, VIRTIO_GPU_RESP_OK_CAPSET);
    r->resp_min = sizeof(struct virtio_gpu_resp_capset);
    if (a)
        return vgpu_req_submit(r, a, NULL, 0);
    {
        /* copy hdr + data through a caller-sized window: data lands at buf */
        uint8_t *tmp = d->p->alloc(d->p->ctx, resp_len);
        uint32_t written = 0, data;
        if (!tmp) {
            vgpu_req_put(r);
            return VG_ERR_NO_MEMORY;
        }
        rc = vgpu_req_submit_ex(r, NULL, tmp, resp_len, &written);
        if (rc == 0) {
            /* resp_min guarantees written >= the header */
            data = written - (uint32_t)sizeof(struct virtio_gpu_resp_capset);
            if (buf)
                vg_memcpy(buf, tmp + sizeof(struct virtio_gpu_resp_capset), VG_MIN(data, buf_len));
            if (out_len)
                *out_len = data;
        }
        d->p->free(d->p->ctx, tmp);
    }
    return rc;
}

/* ---- CTX_CREATE / CTX_DESTROY ---- */

static void post_ctx_create(struct vgpu_req *r)
{
    struct vgpu_dev *d = r->dev;
    uintptr_t t = vgpu_state_lock(d);
    struct vgpu_ctx *c = vgpu_ctx_find(d, r->u[0]);

    if (c) {
        if (r->status == 0) {
            c->created = true;
        } else if (!r->replay && !c->created) {
            vg_list_del(&c->node);
            vg_ida_free(&d->ctx_ids, c->id);
            d->p->free(d->p->ctx, c);
        }
    }
    vgpu_state_unlock(d, t);
}

int vgpu_enc_ctx_create(struct vgpu_dev *d, uint32_t id, uint32_t context_init, const char *name,
                        bool replay, const struct vgpu_async *a)
{
    struct vgpu_req *r = vgpu_req_get(d, &d->ctrl, a);
    struct virtio_gpu_ctx_create *c;
    uint32_t n;

    if (!r)
        return vgpu_req_fail(d, post_ctx_create, &id, 1, NULL, replay, VG_ERR_BUSY);
    c = (struct virtio_gpu_ctx_create *)r->cmd;
    vgpu_req_hdr(r, VIRTIO_GPU_CMD_CTX_CREATE, id);
    n = name ? (uint32_t)vg_strnlen(name, sizeof(c->debug_name) - 1) : 0;
    vg_memcpy(c->debug_name, name ? name : "", n);
    c->nlen = vg_cpu_to_le32(n);
    c->context_init = vg_cpu_to_le32(context_init);
    vgpu_req_layout(r, sizeof(*c), sizeof(struct virtio_gpu_ctrl_hdr), VIRTIO_GPU_RESP_OK_NODATA);
    r->post = post_ctx_create;
    r->u[0] = id;
    r->replay = replay;
    return vgpu_req_submit(r, a, NULL, 0);
}

int vgpu_cmd_ctx_create(struct vgpu_dev *d, uint32_t context_init, const char *debug_name,
                        uint32_t *ctx_id, const struct vgpu_async *a)
{
    struct vgpu_ctx *c;
    uintptr_t t;
    uint32_t id;
    int rc;

    if (!ctx_id)
        return VG_ERR_INVALID_ARG;
    *ctx_id = 0;
    if (!has_virgl(d))
        return VG_ERR_UNSUPPORTED;
    c = d->p->alloc(d->p->ctx, sizeof(*c));
    if (!c)
        return VG_ERR_NO_MEMORY;
    c->context_init = context_init;
    if (debug_name)
        vg_strlcpy(c->name, debug_name, sizeof(c->name));
    t = vgpu_state_lock(d);
    rc = vg_ida_alloc(&d->ctx_ids, &c->id);
    if (!rc)
        vg_list_add_tail(&d->ctxs, &c->node);
    vgpu_state_unlock(d, t);
    if (rc) {
        d->p->free(d->p->ctx, c);
        return rc;
    }
    id = c->id;
    *ctx_id = id;
    return vgpu_enc_ctx_create(d, id, context_init, debug_name, false, a);
}

static void post_ctx_destroy(struct vgpu_req *r)
{
    struct vgpu_dev *d = r->dev;
    uintptr_t t;
    struct vgpu_ctx *c;

    if (r->status)
        return;
    t = vgpu_state_lock(d);
    c = vgpu_ctx_find(d, r->u[0]);
    if (c) {
        vg_list_del(&c->node);
        vg_ida_free(&d->ctx_ids, c->id);
        if (c->res)
            d->p->free(d->p->ctx, c->res);
        d->p->free(d->p->ctx, c);
    }
    vgpu_state_unlock(d, t);
}

int vgpu_cmd_ctx_destroy(struct vgpu_dev *d, uint32_t ctx_id, const struct vgpu_async *a)
{
    struct vgpu_req *r;

    if (!has_virgl(d))
        return VG_ERR_UNSUPPORTED;
    r = vgpu_req_get(d, &d->ctrl, a);
    if (!r)
        return VG_ERR_BUSY;
    vgpu_req_hdr(r, VIRTIO_GPU_CMD_CTX_DESTROY, ctx_id);
    vgpu_req_layout(r, sizeof(struct virtio_gpu_ctx_destroy), sizeof(struct virtio_gpu_ctrl_hdr),
                    VIRTIO_GPU_RESP_OK_NODATA);
    r->post = post_ctx_destroy;
    r->u[0] = ctx_id;
    return vgpu_req_submit(r, a, NULL, 0);
}

/* ---- CTX_ATTACH_RESOURCE / CTX_DETACH_RESOURCE ---- */

static void post_ctx_resource(struct vgpu_req *r)
{
    struct vgpu_dev *d = r->dev;
    uintptr_t t;
    struct vgpu_ctx *c;

    if (r->status || r->replay)
        return;
    t = vgpu_state_lock(d);
    c = vgpu_ctx_find(d, r->u[0]);
    if (c) {
        uint32_t k;
        for (k = 0; k < c->n_res && c->res[k] != r->u[1]; k++)
            ;
        if (r->u[2] == VIRTIO_GPU_CMD_CTX_DETACH_RESOURCE) {
            if (k < c->n_res)
                c->res[k] = c->res[--c->n_res];
        } else if (k == c->n_res) {
            if (c->n_res == c->cap_res) {
                uint32_t cap = c->cap_res ? c->cap_res * 2 : 16;
                uint32_t *n = d->p->alloc(d->p->ctx, sizeof(*n) * cap);
                if (n) {
                    if (c->res) {
                        vg_memcpy(n, c->res, sizeof(*n) * c->n_res);
                        d->p->free(d->p->ctx, c->res);
                    }
                    c->res = n;
                    c->cap_res = cap;
                }
            }
            if (c->n_res < c->cap_res)
                c->res[c->n_res++] = r->u[1];
            else
                vg_warn(&d->log, "ctx %u: no memory to record resource %u", c->id, r->u[1]);
        }
    }
    vgpu_state_unlock(d, t);
}

int vgpu_enc_ctx_resource(struct vgpu_dev *d, uint32_t type, uint32_t ctx_id, uint32_t res_id,
                          bool replay, const struct vgpu_async *a)
{
    struct vgpu_req *r;
    struct virtio_gpu_ctx_resource *c;

    if (!has_virgl(d))
        return VG_ERR_UNSUPPORTED;
    r = vgpu_req_get(d, &d->ctrl, a);
    if (!r)
        return VG_ERR_BUSY;
    c = (struct virtio_gpu_ctx_resource *)r->cmd;
    vgpu_req_hdr(r, type, ctx_id);
    c->resource_id = vg_cpu_to_le32(res_id);
    vgpu_req_layout(r, sizeof(*c), sizeof(struct virtio_gpu_ctrl_hdr), VIRTIO_GPU_RESP_OK_NODATA);
    r->post = post_ctx_resource;
    r->u[0] = ctx_id;
    r->u[1] = res_id;
    r->u[2] = type;
    r->replay = replay;
    return vgpu_req_submit(r, a, NULL, 0);
}

int vgpu_cmd_ctx_attach_resource(struct vgpu_dev *d, uint32_t ctx_id, uint32_t res_id,
                                 const struct vgpu_async *a)
{
    return vgpu_enc_ctx_resource(d, VIRTIO_GPU_CMD_CTX_ATTACH_RESOURCE, ctx_id, res_id, false, a);
}

int vgpu_cmd_ctx_detach_resource(struct vgpu_dev *d, uint32_t ctx_id, uint32_t res_id,
                                 const struct vgpu_async *a)
{
    return vgpu_enc_ctx_resource(d, VIRTIO_GPU_CMD_CTX_DETACH_RESOURCE, ctx_id, res_id, false, a);
}

/* ---- RESOURCE_CREATE_3D ---- */

static void post_create_3d(struct vgpu_req *r)
{
    struct vgpu_dev *d = r->dev;
    uintptr_t t = vgpu_state_lock(d);
    struct vgpu_res *res = vgpu_res_find(d, r->u[0]);

    if (res) {
        if (r->status == 0)
            res->created = true;
        else if (!r->replay && !res->created)
            vgpu_res_delete(d, res);
    }
    vgpu_state_unlock(d, t);
}

int vgpu_enc_resource_create_3d(struct vgpu_dev *d, uint32_t id, const struct vgpu_res_3d *p,
                                bool replay, const struct vgpu_async *a)
{
    struct vgpu_req *r = vgpu_req_get(d, &d->ctrl, a);
    struct virtio_gpu_resource_create_3d *c;

    if (!r)
        return vgpu_req_fail(d, post_create_3d, &id, 1, NULL, replay, VG_ERR_BUSY);
    c = (struct virtio_gpu_resource_create_3d *)r->cmd;
    vgpu_req_hdr(r, VIRTIO_GPU_CMD_RESOURCE_CREATE_3D, 0);
    c->resource_id = vg_cpu_to_le32(id);
    c->target = vg_cpu_to_le32(p->target);
    c->format = vg_cpu_to_le32(p->format);
    c->bind = vg_cpu_to_le32(p->bind);
    c->width = vg_cpu_to_le32(p->width);
    c->height = vg_cpu_to_le32(p->height);
    c->depth = vg_cpu_to_le32(p->depth);
    c->array_size = vg_cpu_to_le32(p->array_size);
    c->last_level = vg_cpu_to_le32(p->last_level);
    c->nr_samples = vg_cpu_to_le32(p->nr_samples);
    c->flags = vg_cpu_to_le32(p->flags);
    vgpu_req_layout(r, sizeof(*c), sizeof(struct virtio_gpu_ctrl_hdr), VIRTIO_GPU_RESP_OK_NODATA);
    r->post = post_create_3d;
    r->u[0] = id;
    r->replay = replay;
    return vgpu_req_submit(r, a, NULL, 0);
}

int vgpu_cmd_resource_create_3d(struct vgpu_dev *d, const struct vgpu_res_3d *prm,
                                uint32_t *res_id, const struct vgpu_async *a)
{
    struct vgpu_res *res;
    uint32_t id;
    int rc;

    if (!res_id || !prm)
        return VG_ERR_INVALID_ARG;
    *res_id = 0;
    if (!has_virgl(d))
        return VG_ERR_UNSUPPORTED;
    if ((rc = vgpu_res_new(d, &res)))
        return rc;
    res->is_3d = true;
    res->p3d = *prm;
    res->format = prm->format;
    res->width = prm->width;
    res->height = prm->height;
    id = res->id;
    *res_id = id;
    return vgpu_enc_resource_create_3d(d, id, prm, false, a);
}

/* ---- TRANSFER_TO_HOST_3D / TRANSFER_FROM_HOST_3D ---- */

static int transfer_3d(struct vgpu_dev *d, uint32_t type, const struct vgpu_transfer_3d *t,
                       const struct vgpu_async *a)
{
    struct virtio_gpu_transfer_host_3d *c;
    struct vgpu_req *r;

    if (!t)
        return VG_ERR_INVALID_ARG;
    if (!has_virgl(d))
        return VG_ERR_UNSUPPORTED;
    r = vgpu_req_get(d, &d->ctrl, a);
    if (!r)
        return VG_ERR_BUSY;
    c = (struct virtio_gpu_transfer_host_3d *)r->cmd;
    vgpu_req_hdr(r, type, t->ctx_id);
    c->box.x = vg_cpu_to_le32(t->x);
    c->box.y = vg_cpu_to_le32(t->y);
    c->box.z = vg_cpu_to_le32(t->z);
    c->box.w = vg_cpu_to_le32(t->w);
    c->box.h = vg_cpu_to_le32(t->h);
    c->box.d = vg_cpu_to_le32(t->d);
    c->offset = vg_cpu_to_le64(t->offset);
    c->resource_id = vg_cpu_to_le32(t->res_id);
    c->level = vg_cpu_to_le32(t->level);
    c->stride = vg_cpu_to_le32(t->stride);
    c->layer_stride = vg_cpu_to_le32(t->layer_stride);
    vgpu_req_layout(r, sizeof(*c), sizeof(struct virtio_gpu_ctrl_hdr), VIRTIO_GPU_RESP_OK_NODATA);
    return vgpu_req_submit(r, a, NULL, 0);
}

int vgpu_cmd_transfer_to_host_3d(struct vgpu_dev *d, const struct vgpu_transfer_3d *t,
                                 const struct vgpu_async *a)
{
    return transfer_3d(d, VIRTIO_GPU_CMD_TRANSFER_TO_HOST_3D, t, a);
}

int vgpu_cmd_transfer_from_host_3d(struct vgpu_dev *d, const struct vgpu_transfer_3d *t,
                                   const struct vgpu_async *a)
{
    return transfer_3d(d, VIRTIO_GPU_CMD_TRANSFER_FROM_HOST_3D, t, a);
}

/* ---- SUBMIT_3D ---- */

int vgpu_cmd_submit_3d(struct vgpu_dev *d, uint32_t ctx_id, const struct vgpu_mem_range *stream,
                       uint32_t n, const struct vgpu_async *a)
{
    struct virtio_gpu_cmd_submit *c;
    struct vgpu_req *r;
    uint64_t total = 0;

    if (!has_virgl(d))
        return VG_ERR_UNSUPPORTED;
    if (n > VGPU_SUBMIT_MAX_RANGES || (n && !stream))
        return VG_ERR_INVALID_ARG;
    for (uint32_t i = 0; i < n; i++) {
        if (!stream[i].len || stream[i].len > 0xffffffffull)
            return VG_ERR_INVALID_ARG;
        total += stream[i].len;
    }
    if (total > 0xffffffffull)
        return VG_ERR_INVALID_ARG;
    r = vgpu_req_get(d, &d->ctrl, a);
    if (!r)
        return VG_ERR_BUSY;
    c = (struct virtio_gpu_cmd_submit *)r->cmd;
    vgpu_req_hdr(r, VIRTIO_GPU_CMD_SUBMIT_3D, ctx_id);
    c->size = vg_cpu_to_le32((uint32_t)total);
    vgpu_req_layout(r, sizeof(*c), sizeof(struct virtio_gpu_ctrl_hdr), VIRTIO_GPU_RESP_OK_NODATA);
    for (uint32_t i = 0; i < n; i++)
        vgpu_req_add_out(r, stream[i].pa, (uint32_t)stream[i].len);
    return vgpu_req_submit(r, a, NULL, 0);
}
