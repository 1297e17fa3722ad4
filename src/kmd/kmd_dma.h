/*
 * kmd_dma.h — the KMD's private DMA-buffer command format (portable).
 *
 * WDDM schedules all GPU work as DMA buffers: DxgkDdiPresent and
 * DxgkDdiBuildPagingBuffer *write* commands into a buffer dxgkrnl owns,
 * and DxgkDdiSubmitCommand later *executes* the buffer with a fence.  For
 * the 2D node those commands are records of this format:
 *   struct kmd_dma_hdr { op, size }  followed by the op's payload;
 *   size covers header + payload, is a multiple of 4 and >= 8.
 * Writers (kmd_dma_put_*) return VG_ERR_OVERFLOW when the record does not
 * fit, so the DDI can ask dxgkrnl for another buffer (multipass).
 * The reader (kmd_dma_next) validates every record against the submitted
 * length before SubmitCommand acts on it; a malformed buffer stops with
 * VG_ERR_INVALID_ARG rather than being half executed.
 *
 * Backing: kmd_pfns_to_ranges() turns an MDL's page frame list into
 * merged guest-physical ranges for RESOURCE_ATTACH_BACKING, so physically
 * contiguous pages cost one entry.
 */
#ifndef KMD_DMA_H
#define KMD_DMA_H

#include <stdint.h>
#include "gpu/vgpu.h"

enum kmd_dma_op {
    KMD_DMA_PRESENT = 1, /* TRANSFER_TO_HOST_2D + RESOURCE_FLUSH of rects */
    KMD_DMA_ATTACH = 2,  /* RESOURCE_ATTACH_BACKING from an allocation's ranges */
    KMD_DMA_DETACH = 3,  /* RESOURCE_DETACH_BACKING */
};

#define KMD_DMA_MAX_RECTS 64u

struct kmd_dma_hdr {
    uint32_t op;
    uint32_t size;
};

struct kmd_dma_present {
    struct kmd_dma_hdr hdr;
    uint32_t res_id;   /* source resource (its backing holds the pixels) */
    uint32_t scanout;  /* scanout showing the result, ~0u = none */
    uint32_t width, height; /* source surface size, for the scanout rect */
    uint32_t pitch;    /* source bytes per row */
    uint32_t nrects;   /* 1..KMD_DMA_MAX_RECTS */
    struct vgpu_rect rects[]; /* already clipped to width x height */
};

struct kmd_dma_attach {
    struct kmd_dma_hdr hdr;
    uint32_t res_id;
    uint32_t reserved;
    uint64_t alloc_cookie; /* KMD allocation object whose ranges to attach */
};

struct kmd_dma_detach {
    struct kmd_dma_hdr hdr;
    uint32_t res_id;
    uint32_t reserved;
};

/* Appends a record at *off in buf[0..cap); advances *off. */
int kmd_dma_put_present(void *buf, uint32_t cap, uint32_t *off, uint32_t res_id, uint32_t scanout,
                        uint32_t width, uint32_t height, uint32_t pitch, const struct vgpu_rect *rects,
                        uint32_t nrects);
int kmd_dma_put_attach(void *buf, uint32_t cap, uint32_t *off, uint32_t res_id, uint64_t cookie);
int kmd_dma_put_detach(void *buf, uint32_t cap, uint32_t *off, uint32_t res_id);

/* Reads the record at *off in buf[0..len): 1 with *rec set and *off
 * advanced, 0 at the end, VG_ERR_INVALID_ARG for a malformed record (bad
 * size, unknown op, rect count or rect outside the surface). */
int kmd_dma_next(const void *buf, uint32_t len, uint32_t *off, const struct kmd_dma_hdr **rec);

/* Merges pages pfns[0..npages) (4 KiB each) into ranges; the first range
 * starts `first_offset` bytes into the first page and the total is `len`
 * bytes.  Returns the number of ranges (<= cap), or 0 when they do not fit
 * / the arguments are inconsistent. */
uint32_t kmd_pfns_to_ranges(const uint64_t *pfns, uint32_t npages, uint32_t first_offset, uint64_t len,
                            struct vgpu_mem_range *out, uint32_t cap);

#endif /* KMD_DMA_H */
