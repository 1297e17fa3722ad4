/*
 * kmd_dma.c — see kmd_dma.h.
 */
#include "kmd/kmd_dma.h"
#include "base/vg_err.h"
#include "base/vg_util.h"

static void *reserve(void *buf, uint32_t cap, uint32_t *off, uint32_t size)
{
    if (!buf || *off > cap || size > cap - *off || (*off & 3u))
        return NULL;
    void *p = (uint8_t *)buf + *off;
    *off += size;
    return p;
}

int kmd_dma_put_present(void *buf, uint32_t cap, uint32_t *off, uint32_t res_id, uint32_t scanout,
                        uint32_t width, uint32_t height, uint32_t pitch, const struct vgpu_rect *rects,
                        uint32_t nrects)
{
    if (nrects == 0 || nrects > KMD_DMA_MAX_RECTS)
        return VG_ERR_INVALID_ARG;
    uint32_t size = (uint32_t)(sizeof(struct kmd_dma_present) + nrects * sizeof(struct vgpu_rect));
    struct kmd_dma_present *p = reserve(buf, cap, off, size);
    if (!p)
        return VG_ERR_OVERFLOW;
    p->hdr.op = KMD_DMA_PRESENT;
    p->hdr.size = size;
    p->res_id = res_id;
    p->scanout = scanout;
    p->width = width;
    p->height = height;
    p->pitch = pitch;
    p->nrects = nrects;
    vg_memcpy(p->rects, rects, nrects * sizeof(struct vgpu_rect));
    return 0;
}

int kmd_dma_put_attach(void *buf, uint32_t cap, uint32_t *off, uint32_t res_id, uint64_t cookie)
{
    struct kmd_dma_attach *a = reserve(buf, cap, off, sizeof(*a));
    if (!a)
        return VG_ERR_OVERFLOW;
    a->hdr.op = KMD_DMA_ATTACH;
    a->hdr.size = sizeof(*a);
    a->res_id = res_id;
    a->reserved = 0;
    a->alloc_cookie = cookie;
    return 0;
}

int kmd_dma_put_detach(void *buf, uint32_t cap, uint32_t *off, uint32_t res_id)
{
    struct kmd_dma_detach *d = reserve(buf, cap, off, sizeof(*d));
    if (!d)
        return VG_ERR_OVERFLOW;
    d->hdr.op = KMD_DMA_DETACH;
    d->hdr.size = sizeof(*d);
    d->res_id = res_id;
    d->reserved = 0;
    return 0;
}

static int check_present(const struct kmd_dma_present *p, uint32_t size)
{
    if (size < sizeof(*p) || p->nrects == 0 || p->nrects > KMD_DMA_MAX_RECTS ||
        size != sizeof(*p) + p->nrects * sizeof(struct vgpu_rect))
        return VG_ERR_INVALID_ARG;
    if (p->width == 0 || p->height == 0 || p->pitch < (uint64_t)p->width * 4u)
        return VG_ERR_INVALID_ARG;
    for (uint32_t i = 0; i < p->nrects; i++) {
        const struct vgpu_rect *r = &p->rects[i];
        if (r->width == 0 || r->height == 0 || (uint64_t)r->x + r->width > p->width ||
            (uint64_t)r->y + r->height > p->height)
            return VG_ERR_INVALID_ARG;
    }
    return 0;
}

int kmd_dma_next(const void *buf, uint32_t len, uint32_t *off, const struct kmd_dma_hdr **rec)
{
    if (*off == len)
        return 0;
    if (!buf || *off > len || len - *off < sizeof(struct kmd_dma_hdr) || (*off & 3u))
        return VG_ERR_INVALID_ARG;
    const struct kmd_dma_hdr *h = (const void *)((const uint8_t *)buf + *off);
    if (h->size < sizeof(*h) || (h->size & 3u) || h->size > len - *off)
        return VG_ERR_INVALID_ARG;
    int rc;
    switch (h->op) {
    case KMD_DMA_PRESENT:
        rc = check_present((const void *)h, h->size);
        break;
    case KMD_DMA_ATTACH:
        rc = h->size == sizeof(struct kmd_dma_attach) ? 0 : VG_ERR_INVALID_ARG;
        break;
    case KMD_DMA_DETACH:
        rc = h->size == sizeof(struct kmd_dma_detach) ? 0 : VG_ERR_INVALID_ARG;
        break;
    default:
        rc = VG_ERR_INVALID_ARG;
    }
    if (rc)
        return rc;
    *off += h->size;
    *rec = h;
    return 1;
}

uint32_t kmd_pfns_to_ranges(const uint64_t *pfns, uint32_t npages, uint32_t first_offset, uint64_t len,
                            struct vgpu_mem_range *out, uint32_t cap)
{
    const uint64_t page = 4096u;
    if (!npages || !len || first_offset >= page || cap == 0)
        return 0;
    /* The pages must cover exactly first_offset + len bytes, rounded up. */
    if ((first_offset + len + page - 1) / page != npages)
        return 0;
    uint32_t n = 0;
    uint64_t left = len;
    for (uint32_t i = 0; i < npages; i++) {
        uint64_t start = pfns[i] * page + (i == 0 ? first_offset : 0);
        uint64_t chunk = page - (i == 0 ? first_offset : 0);
        if (chunk > left)
            chunk = left;
        if (n && out[n - 1].pa + out[n - 1].len == start) {
            out[n - 1].len += chunk;
        } else {
            if (n == cap)
                return 0;
            out[n].pa = start;
            out[n].len = chunk;
            n++;
        }
        left -= chunk;
    }
    return n;
}
