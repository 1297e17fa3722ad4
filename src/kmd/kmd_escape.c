/*
 * kmd_escape.c — see kmd_escape.h.
 */
#include "kmd/kmd_escape.h"
#include "kmd/kmd_modes.h"
#include "base/vg_util.h"

/* Payload size for each (code, version); 0 = unknown version. */
static uint32_t expected_size(uint32_t code, uint32_t version, int *status)
{
    uint32_t sz;
    switch (code) {
    case VIOGPU_ESC_GET_INFO:
        sz = sizeof(struct viogpu_esc_get_info);
        break;
    case VIOGPU_ESC_GET_DISPLAY_INFO:
        sz = sizeof(struct viogpu_esc_display_info);
        break;
    case VIOGPU_ESC_SET_CUSTOM_MODE:
        sz = sizeof(struct viogpu_esc_custom_mode);
        break;
    default:
        *status = VIOGPU_ESC_EBADCODE;
        return 0;
    }
    if (version != 1) {
        *status = VIOGPU_ESC_EBADVERSION;
        return 0;
    }
    return sz;
}

static int finish(void *buf, uint32_t size, int status)
{
    if (buf && size >= sizeof(struct viogpu_escape_hdr))
        ((struct viogpu_escape_hdr *)buf)->status = status;
    return status;
}

int kmd_escape(const struct kmd_escape_env *env, void *buf, uint32_t size)
{
    if (!buf || size < sizeof(struct viogpu_escape_hdr))
        return VIOGPU_ESC_EBADSIZE;
    struct viogpu_escape_hdr hdr;
    vg_memcpy(&hdr, buf, sizeof(hdr));
    int status = VIOGPU_ESC_OK;
    uint32_t want = expected_size(hdr.code, hdr.version, &status);
    if (!want)
        return finish(buf, size, status);
    if (hdr.size != size || size != want)
        return finish(buf, size, VIOGPU_ESC_EBADSIZE);
    if (!env->active)
        return finish(buf, size, VIOGPU_ESC_ENODEV);
    switch (hdr.code) {
    case VIOGPU_ESC_GET_INFO: {
        struct viogpu_esc_get_info *e = buf;
        e->info = env->info;
        break;
    }
    case VIOGPU_ESC_GET_DISPLAY_INFO: {
        struct viogpu_esc_display_info *e = buf;
        uint32_t n = env->num_scanouts > VIOGPU_MAX_SCANOUTS ? VIOGPU_MAX_SCANOUTS : env->num_scanouts;
        e->num_scanouts = n;
        e->reserved = 0;
        vg_memset(e->scanout, 0, sizeof(e->scanout));
        for (uint32_t i = 0; i < n; i++)
            e->scanout[i] = env->scanout[i];
        break;
    }
    case VIOGPU_ESC_SET_CUSTOM_MODE: {
        const struct viogpu_esc_custom_mode *e = buf;
        if (e->scanout >= env->num_scanouts || e->reserved != 0 ||
            kmd_mode_check_custom(e->width, e->height, env->max_width, env->max_height) != 0)
            return finish(buf, size, VIOGPU_ESC_EINVAL);
        if (!env->set_custom_mode)
            return finish(buf, size, VIOGPU_ESC_ENODEV);
        status = env->set_custom_mode(env->ctx, e->scanout, e->width, e->height);
        break;
    }
    }
    return finish(buf, size, status);
}
