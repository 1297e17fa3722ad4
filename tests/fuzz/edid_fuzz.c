/*
 * edid_fuzz.c — libFuzzer target for the EDID parser (vgpu_edid_parse).
 *
 * libFuzzer hands us a heap buffer of exactly `size` bytes, so ASan flags
 * any read past it.  Beyond "no crash", each accepted input must give a
 * self-consistent mode list; a violation traps so the fuzzer reports it.
 * Built by mk/core.mk with clang -fsanitize=fuzzer,address,undefined;
 * run by tests/suites/fuzz-edid.sh.
 */
#include <stddef.h>
#include <stdint.h>
#include "base/vg_err.h"
#include "gpu/edid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct vgpu_edid_info in;
    int rc = vgpu_edid_parse(data, size, &in);

    if (rc > 0 || rc < VG_ERR_EDID_EXT_OFFSET)
        if (rc != VG_ERR_INVALID_ARG)
            __builtin_trap(); /* only documented codes */
    if (in.n_modes > VGPU_EDID_MAX_MODES)
        __builtin_trap();
    if (in.preferred >= (int32_t)in.n_modes || in.preferred < -1)
        __builtin_trap();
    if (in.preferred >= 0 && !(in.modes[in.preferred].flags & VGPU_MODE_PREFERRED))
        __builtin_trap();
    if (in.name[sizeof(in.name) - 1] != 0)
        __builtin_trap();
    for (uint32_t i = 0; i < in.n_modes; i++) {
        if (!in.modes[i].width || !in.modes[i].height)
            __builtin_trap();
        for (uint32_t k = i + 1; k < in.n_modes; k++)
            if (in.modes[i].width == in.modes[k].width && in.modes[i].height == in.modes[k].height &&
                (in.modes[i].refresh_mhz + 500) / 1000 == (in.modes[k].refresh_mhz + 500) / 1000 &&
                (in.modes[i].flags & VGPU_MODE_INTERLACED) == (in.modes[k].flags & VGPU_MODE_INTERLACED))
                __builtin_trap(); /* duplicates must have folded */
    }
    return 0;
}
