/*
 * vcb.h — validator/patcher of the 3D command buffer format of
 * include/viogpu/abi.h (struct viogpu_cmdbuf_hdr + virgl dwords whose
 * resource slots are allocation-list references).
 *
 * Portable and freestanding (no libc, no allocation): the vtest host
 * (tests/lib) runs every submission through it today; the KMD's
 * DxgkDdiRender is meant to run the same code.  Every byte of the input is
 * treated as hostile.  The input is read exactly once, dword by dword, and
 * everything is checked on the copy in `out`, so a user-mode thread that
 * rewrites the buffer during validation cannot change what was checked.
 *
 * Besides the framing, each resource slot is checked against the use the
 * command makes of it (vcb.c has the table): a slot the GPU writes needs
 * an allocation-list entry submitted with WriteOperation, and every level,
 * layer, box, element range and backing range must lie inside the
 * allocation as the KMD created it.
 *
 * Use (the KMD's Render, or the mini runtime's pfnRenderCb):
 *     struct vcb_alloc al[n];       // one per allocation-list entry
 *     for (i...) vcb_alloc_from_priv(&al[i], &priv_of(list[i]), list[i].WriteOperation);
 *         // (res_id 0 for an entry that is not a resource of this device)
 *     int e = vcb_validate(cmdbuf, len, al, n, out, out_cap, &res);
 *     if (e) reject(vcb_strerror(e)); else submit(out, res.ndwords);
 * Needs virgl_format_info (src/virgl/virgl_format.c): link libvirgl too.
 */
#ifndef VCB_H
#define VCB_H

#include <stdint.h>

#include "viogpu/abi.h"

/* Distinct codes, one per way a buffer can be wrong. */
enum {
    VCB_OK = 0,
    VCB_EARGS = -1,      /* caller error: NULL pointers */
    VCB_ESHORT = -2,     /* buffer smaller than the header */
    VCB_EMAGIC = -3,     /* header magic */
    VCB_EVERSION = -4,   /* unknown format version */
    VCB_EHDRSIZE = -5,   /* hdr_size is not ours */
    VCB_ELENGTH = -6,    /* num_dwords disagrees with the buffer length */
    VCB_EOUTSPACE = -7,  /* output buffer too small for the stream */
    VCB_ETRUNC = -8,     /* a virgl command runs past the end of the stream */
    VCB_EUNKNOWN = -9,   /* virgl command id we do not know */
    VCB_EFORBIDDEN = -10,/* virgl command the KMD owns or cannot check */
    VCB_ECMDSIZE = -11,  /* payload length wrong for that command */
    VCB_EOBJTYPE = -12,  /* object type invalid for that command */
    VCB_EREFINDEX = -13, /* resource slot names an index outside the allocation list */
    VCB_EFOREIGN = -14,  /* allocation-list entry not a resource of this device */
    VCB_EWRITE = -15,    /* the GPU writes the slot's resource, entry lacks WriteOperation */
    VCB_EBOUNDS = -16,   /* level, layer, box or element range outside the resource */
    VCB_EBACKING = -17,  /* transfer range outside the allocation's backing */
    VCB_ETARGET = -18,   /* a buffer-only slot (vertex, index, uniform, SO, query) names a texture */
    VCB_EFORMAT = -19,   /* a format the validator cannot size (transfer, buffer view) */
};
#define VCB_ELAST VCB_EFORMAT /* lowest code: codes run VCB_ELAST..VCB_OK */

/*
 * One allocation-list entry as the KMD knows it: the description it
 * validated at DxgkDdiCreateAllocation (struct viogpu_alloc_priv, virgl
 * terms) plus the list entry's WriteOperation.  res_id 0 means the entry
 * is not a resource of the submitting device (any use fails).
 */
struct vcb_alloc {
    uint32_t res_id;      /* host resource id */
    uint32_t write;       /* nonzero: submitted with WriteOperation set */
    uint32_t target;      /* VIRGL_TARGET_* */
    uint32_t format;      /* virgl format */
    uint32_t bind;        /* VIRGL_BIND_* */
    uint32_t width;       /* bytes for buffers */
    uint32_t height;
    uint32_t depth;
    uint32_t array_size;
    uint32_t last_level;
    uint32_t nr_samples;
    uint32_t reserved;
    uint64_t backing_size; /* bytes of guest backing */
};

/* Fills *a from the private data of a created allocation. */
void vcb_alloc_from_priv(struct vcb_alloc *a, const struct viogpu_alloc_priv *p, uint32_t write);

struct vcb_result {
    uint32_t ndwords;  /* dwords written to out (the stream to submit) */
    uint32_t ncmds;    /* virgl commands seen */
    uint32_t nrefs;    /* resource slots patched */
    uint32_t err_dw;   /* on error: dword offset (in the virgl stream) of the
                          offending command header, or 0 for header errors */
};

/*
 * Validate `len` bytes at `buf` and write the virgl stream to submit into
 * out[0..out_cap) with every resource slot replaced by its host id.
 * alloc[i] describes allocation-list entry i as the caller resolved it.
 * Returns VCB_OK or one VCB_E* code; `res` is always filled.
 */
int vcb_validate(const void *buf, uint32_t len, const struct vcb_alloc *alloc, uint32_t nalloc,
                 uint32_t *out, uint32_t out_cap, struct vcb_result *res);

/* Name of a VCB_* code, for logs and test messages. */
const char *vcb_strerror(int err);

#endif /* VCB_H */
