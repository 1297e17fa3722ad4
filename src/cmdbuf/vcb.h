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
 */
#ifndef VCB_H
#define VCB_H

#include <stdint.h>

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
};

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
 * alloc_res[i] is the host resource id of allocation-list entry i as the
 * caller resolved it (0: the entry is not a resource of the submitting
 * device).  Returns VCB_OK or one VCB_E* code; `res` is always filled.
 */
int vcb_validate(const void *buf, uint32_t len, const uint32_t *alloc_res, uint32_t nalloc,
                 uint32_t *out, uint32_t out_cap, struct vcb_result *res);

/* Name of a VCB_* code, for logs and test messages. */
const char *vcb_strerror(int err);

#endif /* VCB_H */
