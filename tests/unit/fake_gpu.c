/*
 * fake_gpu.c — simulated virtio-gpu PCI device (see fake_gpu.h).
 * Hosted test code; the layout follows virtio 1.2 4.1.4 and 5.7.
 */
#include "fake_gpu.h"

#include <string.h>
#include "virtio/virtio_regs.h"

#define COMMON 0x0000u
#define ISR 0x1000u
#define DEVCFG 0x2000u
#define NOTIFY 0x3000u

static void put_cap(uint8_t *cfg, uint8_t at, uint8_t next, uint8_t len, uint8_t type, uint32_t off)
{
    cfg[at] = PCI_CAP_ID_VNDR;
    cfg[at + 1] = next;
    cfg[at + 2] = len;
    cfg[at + 3] = type;
    cfg[at + 4] = 4; /* BAR 4 */
    memcpy(cfg + at + 8, &off, 4);
    uint32_t l = 0x1000;
    memcpy(cfg + at + 12, &l, 4);
}

struct fake_res *fake_gpu_res(struct fake_gpu *g, uint32_t id)
{
    for (int i = 0; i < FAKE_MAX_RES; i++)
        if (g->res[i].id && g->res[i].id == id)
            return &g->res[i];
    return NULL;
}

uint32_t fake_gpu_res_count(const struct fake_gpu *g)
{
    uint32_t n = 0;
    for (int i = 0; i < FAKE_MAX_RES; i++)
        n += g->res[i].id != 0;
    return n;
}

void fake_gpu_wipe(struct fake_gpu *g)
{
    memset(g->res, 0, sizeof(g->res));
    memset(g->scanout_res, 0, sizeof(g->scanout_res));
    memset(g->ctx_ids, 0, sizeof(g->ctx_ids));
    memset(&g->last_cursor, 0, sizeof(g->last_cursor));
}

static void reset_device(struct fake_gpu *g)
{
    g->status = 0;
    g->driver_features = 0;
    g->isr = 0;
    g->config_msix = VIRTIO_MSI_NO_VECTOR;
    for (int i = 0; i < 2; i++) {
        struct fake_queue *q = &g->q[i];
        uint16_t max = q->max;
        uint32_t n = q->notifies;
        memset(q, 0, sizeof(*q));
        q->max = q->size = max;
        q->msix = VIRTIO_MSI_NO_VECTOR;
        q->notifies = n;
    }
    fake_gpu_wipe(g); /* QEMU drops every resource on reset */
}

static void make_edid(uint8_t *e, uint32_t w, uint32_t h)
{
    static const uint8_t hdr[8] = { 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0 };
    uint32_t clk = (w + 160) * (h + 30) * 60 / 10000;
    uint8_t *d = e + 54;
    uint8_t sum = 0;

    memset(e, 0, 128);
    memcpy(e, hdr, 8);
    e[8] = 0x49;
    e[9] = 0x14;
    e[18] = 1;
    e[19] = 4;
    d[0] = (uint8_t)clk;
    d[1] = (uint8_t)(clk >> 8);
    d[2] = (uint8_t)w;
    d[3] = 160;
    d[4] = (uint8_t)((w >> 8) << 4);
    d[5] = (uint8_t)h;
    d[6] = 30;
    d[7] = (uint8_t)((h >> 8) << 4);
    for (int k = 1; k < 4; k++)
        e[54 + 18 * k + 3] = 0x10; /* dummy descriptors */
    for (int i = 0; i < 127; i++)
        sum = (uint8_t)(sum + e[i]);
    e[127] = (uint8_t)(0x100 - sum);
}

/* Executes one control command; returns the response length. */
static uint32_t ctrl_cmd(struct fake_gpu *g, const uint8_t *req, uint32_t len, uint8_t *resp)
{
    struct virtio_gpu_ctrl_hdr hdr, *rh = (struct virtio_gpu_ctrl_hdr *)resp;
    uint32_t rlen = sizeof(*rh), err = 0;

    memset(resp, 0, 4096);
    if (len < sizeof(hdr))
        return 0;
    memcpy(&hdr, req, sizeof(hdr));
    g->cmds++;
    g->last_cmd_type = hdr.type;
    switch (hdr.type) {
    case VIRTIO_GPU_CMD_GET_DISPLAY_INFO: {
        struct virtio_gpu_resp_display_info *di = (void *)resp;
        for (uint32_t i = 0; i < g->num_scanouts && i < 4; i++) {
            di->pmodes[i].r = g->scanout_rect[i];
            di->pmodes[i].enabled = g->scanout_enabled[i];
        }
        rh->type = VIRTIO_GPU_RESP_OK_DISPLAY_INFO;
        rlen = sizeof(*di);
        break;
    }
    case VIRTIO_GPU_CMD_GET_EDID: {
        const struct virtio_gpu_cmd_get_edid *c = (const void *)req;
        struct virtio_gpu_resp_edid *re = (void *)resp;
        if (c->scanout >= g->num_scanouts) {
            err = VIRTIO_GPU_RESP_ERR_INVALID_PARAMETER;
            break;
        }
        make_edid(re->edid, g->scanout_rect[c->scanout].width, g->scanout_rect[c->scanout].height);
        re->size = 128;
        rh->type = VIRTIO_GPU_RESP_OK_EDID;
        rlen = sizeof(*re);
        break;
    }
    case VIRTIO_GPU_CMD_RESOURCE_CREATE_2D: {
        const struct virtio_gpu_resource_create_2d *c = (const void *)req;
        struct fake_res *r = NULL;
        if (c->resource_id == 0 || fake_gpu_res(g, c->resource_id)) {
            err = VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID;
            break;
        }
        if (c->format != VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM && c->format != VIRTIO_GPU_FORMAT_B8G8R8A8_UNORM) {
            err = VIRTIO_GPU_RESP_ERR_INVALID_PARAMETER;
            break;
        }
        for (int i = 0; i < FAKE_MAX_RES && !r; i++)
            if (!g->res[i].id)
                r = &g->res[i];
        if (!r) {
            err = VIRTIO_GPU_RESP_ERR_OUT_OF_MEMORY;
            break;
        }
        memset(r, 0, sizeof(*r));
        r->id = c->resource_id;
        r->format = c->format;
        r->width = c->width;
        r->height = c->height;
        break;
    }
    case VIRTIO_GPU_CMD_RESOURCE_UNREF: {
        const struct virtio_gpu_resource_unref *c = (const void *)req;
        struct fake_res *r = fake_gpu_res(g, c->resource_id);
        if (!r)
            err = VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID;
        else
            memset(r, 0, sizeof(*r));
        break;
    }
    case VIRTIO_GPU_CMD_RESOURCE_ATTACH_BACKING: {
        const struct virtio_gpu_resource_attach_backing *c = (const void *)req;
        struct fake_res *r = fake_gpu_res(g, c->resource_id);
        const struct virtio_gpu_mem_entry *e = (const void *)(req + sizeof(*c));
        if (!r) {
            err = VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID;
            break;
        }
        if (r->backing || c->nr_entries > FAKE_MAX_ENTRIES ||
            len < sizeof(*c) + c->nr_entries * sizeof(*e)) {
            err = VIRTIO_GPU_RESP_ERR_UNSPEC;
            break;
        }
        r->backing = true;
        r->n_entries = c->nr_entries;
        for (uint32_t i = 0; i < c->nr_entries; i++) {
            r->addr[i] = e[i].addr;
            r->len[i] = e[i].length;
        }
        break;
    }
    case VIRTIO_GPU_CMD_RESOURCE_DETACH_BACKING: {
        const struct virtio_gpu_resource_detach_backing *c = (const void *)req;
        struct fake_res *r = fake_gpu_res(g, c->resource_id);
        if (!r)
            err = VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID;
        else
            r->backing = false, r->n_entries = 0;
        break;
    }
    case VIRTIO_GPU_CMD_SET_SCANOUT: {
        const struct virtio_gpu_set_scanout *c = (const void *)req;
        if (c->scanout_id >= g->num_scanouts)
            err = VIRTIO_GPU_RESP_ERR_INVALID_SCANOUT_ID;
        else if (c->resource_id && !fake_gpu_res(g, c->resource_id))
            err = VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID;
        else
            g->scanout_res[c->scanout_id] = c->resource_id;
        break;
    }
    case VIRTIO_GPU_CMD_TRANSFER_TO_HOST_2D:
    case VIRTIO_GPU_CMD_RESOURCE_FLUSH: {
        const struct virtio_gpu_resource_flush *f = (const void *)req;
        const struct virtio_gpu_transfer_to_host_2d *t = (const void *)req;
        uint32_t id = hdr.type == VIRTIO_GPU_CMD_RESOURCE_FLUSH ? f->resource_id : t->resource_id;
        const struct virtio_gpu_rect *rc = hdr.type == VIRTIO_GPU_CMD_RESOURCE_FLUSH ? &f->r : &t->r;
        struct fake_res *r = fake_gpu_res(g, id);
        if (!r)
            err = VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID;
        else if ((uint64_t)rc->x + rc->width > r->width || (uint64_t)rc->y + rc->height > r->height)
            err = VIRTIO_GPU_RESP_ERR_INVALID_PARAMETER;
        break;
    }
    case VIRTIO_GPU_CMD_GET_CAPSET_INFO: {
        const struct virtio_gpu_get_capset_info *c = (const void *)req;
        struct virtio_gpu_resp_capset_info *ri = (void *)resp;
        if (!g->num_capsets || c->capset_index >= g->num_capsets) {
            err = VIRTIO_GPU_RESP_ERR_INVALID_PARAMETER;
            break;
        }
        ri->capset_id = c->capset_index + 1;
        ri->capset_max_version = c->capset_index + 1;
        ri->capset_max_size = c->capset_index ? 1376 : 308;
        rh->type = VIRTIO_GPU_RESP_OK_CAPSET_INFO;
        rlen = sizeof(*ri);
        break;
    }
    case VIRTIO_GPU_CMD_GET_CAPSET: {
        const struct virtio_gpu_get_capset *c = (const void *)req;
        uint32_t size = c->capset_id == 2 ? 1376 : c->capset_id == 1 ? 308 : 0;
        if (!size || !g->num_capsets) {
            err = VIRTIO_GPU_RESP_ERR_INVALID_PARAMETER;
            break;
        }
        for (uint32_t i = 0; i < size; i++)
            resp[sizeof(*rh) + i] = (uint8_t)(i * 7 + c->capset_id);
        rh->type = VIRTIO_GPU_RESP_OK_CAPSET;
        rlen = (uint32_t)sizeof(*rh) + size;
        break;
    }
    case VIRTIO_GPU_CMD_CTX_CREATE:
    case VIRTIO_GPU_CMD_CTX_DESTROY:
    case VIRTIO_GPU_CMD_CTX_ATTACH_RESOURCE:
    case VIRTIO_GPU_CMD_CTX_DETACH_RESOURCE:
    case VIRTIO_GPU_CMD_SUBMIT_3D:
    case VIRTIO_GPU_CMD_TRANSFER_TO_HOST_3D:
    case VIRTIO_GPU_CMD_TRANSFER_FROM_HOST_3D: {
        int slot = -1, free_slot = -1;
        if (!g->num_capsets) {
            err = VIRTIO_GPU_RESP_ERR_UNSPEC; /* 2D device: unknown command */
            break;
        }
        for (int i = 0; i < 8; i++) {
            if (g->ctx_ids[i] == hdr.ctx_id && hdr.ctx_id)
                slot = i;
            if (!g->ctx_ids[i] && free_slot < 0)
                free_slot = i;
        }
        if (hdr.type == VIRTIO_GPU_CMD_CTX_CREATE) {
            if (slot >= 0 || free_slot < 0 || !hdr.ctx_id)
                err = VIRTIO_GPU_RESP_ERR_INVALID_CONTEXT_ID;
            else
                g->ctx_ids[free_slot] = hdr.ctx_id, g->ctx_attached[free_slot] = 0;
            break;
        }
        if (slot < 0) {
            err = VIRTIO_GPU_RESP_ERR_INVALID_CONTEXT_ID;
            break;
        }
        if (hdr.type == VIRTIO_GPU_CMD_CTX_DESTROY) {
            g->ctx_ids[slot] = 0;
        } else if (hdr.type == VIRTIO_GPU_CMD_CTX_ATTACH_RESOURCE ||
                   hdr.type == VIRTIO_GPU_CMD_CTX_DETACH_RESOURCE) {
            const struct virtio_gpu_ctx_resource *c = (const void *)req;
            if (!fake_gpu_res(g, c->resource_id))
                err = VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID;
            else if (hdr.type == VIRTIO_GPU_CMD_CTX_ATTACH_RESOURCE)
                g->ctx_attached[slot]++;
            else
                g->ctx_attached[slot]--;
        } else if (hdr.type == VIRTIO_GPU_CMD_SUBMIT_3D) {
            const struct virtio_gpu_cmd_submit *c = (const void *)req;
            if (len < sizeof(*c) + c->size) {
                err = VIRTIO_GPU_RESP_ERR_INVALID_PARAMETER;
                break;
            }
            g->submits++;
            g->submit_size = c->size;
            if (c->size >= 4)
                memcpy(&g->submit_first_dword, req + sizeof(*c), 4);
        } else {
            const struct virtio_gpu_transfer_host_3d *t = (const void *)req;
            if (!fake_gpu_res(g, t->resource_id))
                err = VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID;
            else
                g->transfers_3d++;
        }
        break;
    }
    case VIRTIO_GPU_CMD_RESOURCE_CREATE_3D: {
        const struct virtio_gpu_resource_create_3d *c = (const void *)req;
        struct fake_res *r = NULL;
        if (!g->num_capsets || c->resource_id == 0 || fake_gpu_res(g, c->resource_id)) {
            err = VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID;
            break;
        }
        for (int i = 0; i < FAKE_MAX_RES && !r; i++)
            if (!g->res[i].id)
                r = &g->res[i];
        if (!r) {
            err = VIRTIO_GPU_RESP_ERR_OUT_OF_MEMORY;
            break;
        }
        memset(r, 0, sizeof(*r));
        r->id = c->resource_id;
        r->format = c->format;
        r->width = c->width;
        r->height = c->height;
        break;
    }
    default:
        err = VIRTIO_GPU_RESP_ERR_UNSPEC;
        break;
    }
    if (err) {
        memset(resp, 0, 64);
        rh->type = err;
        rlen = sizeof(*rh);
    } else if (!rh->type) {
        rh->type = VIRTIO_GPU_RESP_OK_NODATA;
    }
    if (hdr.flags & VIRTIO_GPU_FLAG_FENCE) {
        rh->flags = VIRTIO_GPU_FLAG_FENCE;
        rh->fence_id = g->echo_fence32 ? (uint32_t)hdr.fence_id : hdr.fence_id;
        g->last_fence = hdr.fence_id;
    }
    if (g->wrong_response)
        rh->type = VIRTIO_GPU_RESP_OK_DISPLAY_INFO;
    if (g->short_response)
        rlen = 10;
    return rlen;
}

static void process_queue(struct fake_gpu *g, int qi)
{
    struct fake_queue *q = &g->q[qi];
    volatile struct virtq_avail *avail;
    volatile struct virtq_used *used;
    static uint8_t req[8192], resp[4096];

    if (!q->enable || g->dead || !(g->status & VIRTIO_STATUS_DRIVER_OK))
        return;
    avail = (volatile struct virtq_avail *)(uintptr_t)q->avail;
    used = (volatile struct virtq_used *)(uintptr_t)q->used;
    while (q->last_avail != avail->idx) {
        volatile struct virtq_desc *t = (volatile struct virtq_desc *)(uintptr_t)q->desc;
        uint16_t head = avail->ring[q->last_avail % q->size], i = head;
        uint32_t rlen = 0, limit = q->size, n = 0, written = 0;
        uint64_t in_addr = 0;
        uint32_t in_len = 0;

        __atomic_thread_fence(__ATOMIC_ACQUIRE);
        q->last_avail++;
        if (t[head].flags & VIRTQ_DESC_F_INDIRECT) {
            limit = t[head].len / 16;
            t = (volatile struct virtq_desc *)(uintptr_t)t[head].addr;
            i = 0;
        }
        for (;;) {
            if (n++ >= limit)
                break;
            if (t[i].flags & VIRTQ_DESC_F_WRITE) {
                if (!in_addr) {
                    in_addr = t[i].addr;
                    in_len = t[i].len;
                }
            } else if (rlen + t[i].len <= sizeof(req)) {
                memcpy(req + rlen, (const void *)(uintptr_t)t[i].addr, t[i].len);
                rlen += t[i].len;
            }
            if (!(t[i].flags & VIRTQ_DESC_F_NEXT))
                break;
            i = t[i].next;
        }
        if (qi == 0) {
            uint32_t out = ctrl_cmd(g, req, rlen, resp);
            written = out < in_len ? out : in_len;
            if (in_addr)
                memcpy((void *)(uintptr_t)in_addr, resp, written);
        } else {
            g->cursor_cmds++;
            if (rlen >= sizeof(g->last_cursor))
                memcpy(&g->last_cursor, req, sizeof(g->last_cursor));
            written = 0; /* like QEMU 7.2: no response on the cursor queue */
        }
        used->ring[q->used_idx % q->size].id = head;
        used->ring[q->used_idx % q->size].len = written;
        __atomic_thread_fence(__ATOMIC_RELEASE);
        q->used_idx++;
        used->idx = q->used_idx;
        /* EVENT_IDX: ask for a doorbell on the next new entry */
        *(volatile uint16_t *)&used->ring[q->size] = q->last_avail;
        g->isr |= VIRTIO_ISR_QUEUE;
    }
}

uint32_t fake_gpu_run(struct fake_gpu *g)
{
    uint32_t before = g->cmds + g->cursor_cmds;
    process_queue(g, 0);
    process_queue(g, 1);
    return g->cmds + g->cursor_cmds - before;
}

void fake_gpu_hotplug(struct fake_gpu *g, uint32_t w, uint32_t h)
{
    g->scanout_rect[0].width = w;
    g->scanout_rect[0].height = h;
    g->events_read |= VIRTIO_GPU_EVENT_DISPLAY;
    g->generation++;
    g->isr |= VIRTIO_ISR_CONFIG;
}

static struct fake_queue *selq(struct fake_gpu *g) { return &g->q[g->qsel < 2 ? g->qsel : 0]; }

static uint32_t common_read(struct fake_gpu *g, uint32_t off)
{
    struct fake_queue *q = selq(g);
    switch (off) {
    case VIRTIO_PCI_COMMON_DFSELECT: return g->dfselect;
    case VIRTIO_PCI_COMMON_DF:
        return g->dfselect == 0 ? (uint32_t)g->offered : g->dfselect == 1 ? (uint32_t)(g->offered >> 32) : 0;
    case VIRTIO_PCI_COMMON_GFSELECT: return g->gfselect;
    case VIRTIO_PCI_COMMON_GF:
        return g->gfselect == 0 ? (uint32_t)g->driver_features : (uint32_t)(g->driver_features >> 32);
    case VIRTIO_PCI_COMMON_MSIX: return g->config_msix;
    case VIRTIO_PCI_COMMON_NUMQ: return 2;
    case VIRTIO_PCI_COMMON_STATUS: return g->status;
    case VIRTIO_PCI_COMMON_CFGGENERATION: return g->generation;
    case VIRTIO_PCI_COMMON_Q_SELECT: return g->qsel;
    case VIRTIO_PCI_COMMON_Q_SIZE: return g->qsel < 2 ? q->size : 0;
    case VIRTIO_PCI_COMMON_Q_MSIX: return q->msix;
    case VIRTIO_PCI_COMMON_Q_ENABLE: return q->enable;
    case VIRTIO_PCI_COMMON_Q_NOFF: return g->qsel;
    case VIRTIO_PCI_COMMON_Q_DESCLO: return (uint32_t)q->desc;
    case VIRTIO_PCI_COMMON_Q_DESCHI: return (uint32_t)(q->desc >> 32);
    default: return 0;
    }
}

static void set_half(uint64_t *v, bool hi, uint32_t x)
{
    if (hi)
        *v = (*v & 0xffffffffull) | ((uint64_t)x << 32);
    else
        *v = (*v & ~0xffffffffull) | x;
}

static void common_write(struct fake_gpu *g, uint32_t off, uint32_t v)
{
    struct fake_queue *q = selq(g);
    switch (off) {
    case VIRTIO_PCI_COMMON_DFSELECT: g->dfselect = v; break;
    case VIRTIO_PCI_COMMON_GFSELECT: g->gfselect = v; break;
    case VIRTIO_PCI_COMMON_GF:
        if (g->gfselect < 2)
            set_half(&g->driver_features, g->gfselect == 1, v);
        break;
    case VIRTIO_PCI_COMMON_MSIX:
        g->config_msix = (v == VIRTIO_MSI_NO_VECTOR || v < g->msix_vectors) ? (uint16_t)v : VIRTIO_MSI_NO_VECTOR;
        break;
    case VIRTIO_PCI_COMMON_STATUS:
        if (v == 0) {
            reset_device(g);
            break;
        }
        if ((v & VIRTIO_STATUS_FEATURES_OK) && g->reject_features)
            v &= ~VIRTIO_STATUS_FEATURES_OK;
        g->status = (uint8_t)v;
        break;
    case VIRTIO_PCI_COMMON_Q_SELECT: g->qsel = (uint16_t)v; break;
    case VIRTIO_PCI_COMMON_Q_SIZE: q->size = (uint16_t)v; break;
    case VIRTIO_PCI_COMMON_Q_MSIX:
        q->msix = (v == VIRTIO_MSI_NO_VECTOR || v < g->msix_vectors) ? (uint16_t)v : VIRTIO_MSI_NO_VECTOR;
        break;
    case VIRTIO_PCI_COMMON_Q_ENABLE: q->enable = (uint16_t)v; break;
    case VIRTIO_PCI_COMMON_Q_DESCLO: set_half(&q->desc, false, v); break;
    case VIRTIO_PCI_COMMON_Q_DESCHI: set_half(&q->desc, true, v); break;
    case VIRTIO_PCI_COMMON_Q_AVAILLO: set_half(&q->avail, false, v); break;
    case VIRTIO_PCI_COMMON_Q_AVAILHI: set_half(&q->avail, true, v); break;
    case VIRTIO_PCI_COMMON_Q_USEDLO: set_half(&q->used, false, v); break;
    case VIRTIO_PCI_COMMON_Q_USEDHI: set_half(&q->used, true, v); break;
    default: break;
    }
}

static uint32_t on_read(void *ctx, volatile void *addr, int width, int *handled)
{
    struct fake_gpu *g = ctx;
    uintptr_t off = (uintptr_t)addr - (uintptr_t)g->bar4;
    (void)width;
    if (off >= sizeof(g->bar4))
        return 0;
    *handled = 1;
    if (off < ISR)
        return common_read(g, (uint32_t)off);
    if (off < DEVCFG) {
        uint8_t v = g->isr;
        g->isr = 0; /* read to clear */
        return v;
    }
    if (off < NOTIFY) {
        switch (off - DEVCFG) {
        case VIRTIO_GPU_CONFIG_EVENTS_READ: return g->events_read;
        case VIRTIO_GPU_CONFIG_NUM_SCANOUTS: return g->num_scanouts;
        case VIRTIO_GPU_CONFIG_NUM_CAPSETS: return g->num_capsets;
        default: return 0;
        }
    }
    return 0;
}

static void on_write(void *ctx, volatile void *addr, uint32_t v, int width)
{
    struct fake_gpu *g = ctx;
    uintptr_t off = (uintptr_t)addr - (uintptr_t)g->bar4;
    (void)width;
    if (off >= sizeof(g->bar4))
        return;
    if (off < ISR) {
        common_write(g, (uint32_t)off, v);
    } else if (off >= DEVCFG && off < NOTIFY) {
        if (off - DEVCFG == VIRTIO_GPU_CONFIG_EVENTS_CLEAR)
            g->events_read &= ~v;
    } else if (off >= NOTIFY) {
        uint32_t qi = (uint32_t)(off - NOTIFY) / 4;
        if (qi < 2 && v == qi) {
            g->q[qi].notifies++;
            if (!g->deferred)
                process_queue(g, (int)qi);
        }
    }
}

void fake_gpu_init(struct fake_gpu *g, struct unit_platform *up)
{
    uint16_t ids[2] = { 0x1af4, 0x1050 }, st = PCI_STATUS_CAP_LIST, msix_ctrl = 2;
    uint32_t mult = 4;

    memset(g, 0, sizeof(*g));
    g->up = up;
    memcpy(up->cfg, ids, 4);
    memcpy(up->cfg + PCI_CFG_STATUS, &st, 2);
    up->cfg[PCI_CFG_CAP_PTR] = 0x40;
    put_cap(up->cfg, 0x40, 0x54, 16, VIRTIO_PCI_CAP_COMMON_CFG, COMMON);
    put_cap(up->cfg, 0x54, 0x64, 16, VIRTIO_PCI_CAP_ISR_CFG, ISR);
    put_cap(up->cfg, 0x64, 0x74, 16, VIRTIO_PCI_CAP_DEVICE_CFG, DEVCFG);
    put_cap(up->cfg, 0x74, 0x88, 20, VIRTIO_PCI_CAP_NOTIFY_CFG, NOTIFY);
    memcpy(up->cfg + 0x74 + 16, &mult, 4);
    up->cfg[0x88] = PCI_CAP_ID_MSIX;
    up->cfg[0x89] = 0;
    memcpy(up->cfg + 0x8a, &msix_ctrl, 2);
    up->bars[4] = g->bar4;
    up->bar_len[4] = sizeof(g->bar4);
    up->on_mmio_read = on_read;
    up->on_mmio_write = on_write;
    up->hook_ctx = g;
    g->offered = VIRTIO_BIT(VIRTIO_F_VERSION_1) | VIRTIO_BIT(VIRTIO_GPU_F_EDID) |
                 VIRTIO_BIT(VIRTIO_F_INDIRECT_DESC) | VIRTIO_BIT(VIRTIO_F_EVENT_IDX);
    g->msix_vectors = 3;
    g->num_scanouts = 2;
    g->scanout_rect[0].width = 1024;
    g->scanout_rect[0].height = 768;
    g->scanout_enabled[0] = true;
    g->scanout_rect[1].width = 800;
    g->scanout_rect[1].height = 600;
    g->q[0].max = 64;
    g->q[1].max = 16;
    reset_device(g);
}

void fake_gpu_enable_virgl(struct fake_gpu *g)
{
    g->offered |= VIRTIO_BIT(VIRTIO_GPU_F_VIRGL);
    g->num_capsets = 2;
}

uint32_t fake_gpu_ctx_count(const struct fake_gpu *g)
{
    uint32_t n = 0;
    for (int i = 0; i < 8; i++)
        n += g->ctx_ids[i] != 0;
    return n;
}
