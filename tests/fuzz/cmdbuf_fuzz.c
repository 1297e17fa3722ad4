/*
 * cmdbuf_fuzz.c — libFuzzer target over the command buffer validator.
 * Input: a dword n (allocation-list length, taken mod 9), n host ids,
 * then the command buffer itself.  Besides the sanitizers, it checks the
 * validator's promises: success accounts for every dword, failure
 * produces no stream, and a second run over the output's own header is
 * not needed because the output carries host ids only.
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
    uint32_t ids[8] = {0};
    if (size < 4u * n)
        return 0;
    memcpy(ids, data, 4u * n);
    data += 4u * n;
    size -= 4u * n;
    struct vcb_result r;
    int rc = vcb_validate(data, (uint32_t)size, ids, n, out, sizeof(out) / 4, &r);
    if (rc == VCB_OK) {
        if (4u * r.ndwords + 16u != size || r.nrefs > r.ndwords)
            __builtin_trap();
    } else if (r.ndwords || rc < VCB_EFOREIGN || rc > VCB_EARGS) {
        __builtin_trap();
    }
    (void)vcb_strerror(rc);
    return 0;
}
