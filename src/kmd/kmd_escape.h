/*
 * kmd_escape.h — validation and dispatch of DxgkDdiEscape buffers
 * (portable, no OS).
 *
 * The buffer is the private driver data dxgkrnl copied into kernel memory
 * from D3DKMTEscape; it is hostile input.  kmd_escape() checks the header
 * (struct viogpu_escape_hdr in include/viogpu/abi.h): hdr.size must equal
 * the buffer size, (code, version) must be known and the size must be
 * exactly the documented payload size; only then is the payload read or
 * written.  The result is returned and, when the buffer holds at least a
 * header, also stored in hdr.status.  The NT thunk maps it to an NTSTATUS.
 */
#ifndef KMD_ESCAPE_H
#define KMD_ESCAPE_H

#include <stdbool.h>
#include <stdint.h>
#include "viogpu/abi.h"

struct kmd_escape_env {
    bool active;                        /* adapter started and in D0 */
    struct viogpu_adapter_info info;    /* VIOGPU_ESC_GET_INFO answer */
    uint32_t num_scanouts;
    struct viogpu_esc_scanout scanout[VIOGPU_MAX_SCANOUTS];
    uint32_t max_width, max_height;
    void *ctx;
    /* Applies a validated custom mode; returns a VIOGPU_ESC_* status. */
    int (*set_custom_mode)(void *ctx, uint32_t scanout, uint32_t width, uint32_t height);
};

/* Returns VIOGPU_ESC_OK or a negative VIOGPU_ESC_E* status. */
int kmd_escape(const struct kmd_escape_env *env, void *buf, uint32_t size);

#endif /* KMD_ESCAPE_H */
