/*
 * cmdbuf_fuzz.c — libFuzzer target over the command buffer validator.
 * Input: a dword n (allocation-list length, taken mod 9), n raw
 * struct vcb_alloc (host id, WriteOperation, the allocation's description
 * and backing size: every field hostile too), then the command buffer
 * itself.  The seeds (test_vcb --write-seeds) carry a consistent table and
 * buffers that reach every per-use check.  Besides the sanitizers, it
 * checks the validator's promises: success accounts for every dword,
 * failure produces no stream and a known code, and a second run over the
 * same input gives the same answer (no hidden state).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cmdbuf/vcb.h"

static uint32_t out[1 << 14];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4)
        return 0;
    uint32_t n;
    memcpy(&n, data, 4);
    n %= 9;
    data += 4;
    size -= 4;
    struct vcb_alloc al[8];
    memset(al, 0, sizeof(al));
    if (size < sizeof(al[0]) * n)
        return 0;
    memcpy(al, data, sizeof(al[0]) * n);
    data += sizeof(al[0]) * n;
    size -= sizeof(al[0]) * n;
    struct vcb_result r, r2;
    int rc = vcb_validate(data, (uint32_t)size, al, n, out, sizeof(out) / 4, &r);
    if (rc == VCB_OK) {
        if (4u * r.ndwords + 16u != size || r.nrefs > r.ndwords)
            __builtin_trap();
    } else if (r.ndwords || rc < VCB_ELAST || rc > VCB_EARGS) {
        __builtin_trap();
    }
    int rc2 = vcb_validate(data, (uint32_t)size, al, n, out, sizeof(out) / 4, &r2);
    if (rc2 != rc || r2.ncmds != r.ncmds || r2.nrefs != r.nrefs || r2.err_dw != r.err_dw)
        __builtin_trap();
    (void)vcb_strerror(rc);
    return 0;
}
