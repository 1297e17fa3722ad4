/*
 * tests_err.c — every error QEMU 7.2's 2D device reports, each surfacing
 * from the core as its own VG_ERR_DEV_* code (what QEMU answers was
 * checked against the device; see docs/testing.md):
 *   err_invalid_resource   TRANSFER/FLUSH/SET_SCANOUT on a resource id the
 *                          device does not know -> ERR_INVALID_RESOURCE_ID
 *   err_invalid_scanout    SET_SCANOUT on scanout 7 of 1 -> ERR_INVALID_SCANOUT_ID
 *   err_bad_format         RESOURCE_CREATE_2D format 77 -> ERR_INVALID_PARAMETER
 *   err_rect_out_of_bounds TRANSFER/FLUSH/SET_SCANOUT rectangles outside the
 *                          resource -> ERR_INVALID_PARAMETER
 *   err_backing_twice      second ATTACH_BACKING -> ERR_UNSPEC
 *   err_unknown_command    command type 0x777 -> ERR_UNSPEC
 * Requests are sent raw (vgpu_submit_raw) where the typed API might refuse
 * them itself, so the device, not the core, answers; the wire response
 * type is checked too.  After
 * each error the device must still answer a good command.
 */
#include "fb.h"

#define EXPECT_RC(call, want, what) \
    do { \
        int rc_ = (call); \
        if (rc_ != (want)) \
            return t_fail("%s: got %s (%d), want %s", what, genv_err(rc_), rc_, genv_err(want)); \
    } while (0)

static bool still_alive(struct gpu_env *e)
{
    int rc = vgpu_cmd_get_display_info(e->dev, NULL, NULL);
    CHECK(!rc, "device no longer answers GET_DISPLAY_INFO after the error: %s", genv_err(rc));
    return true;
}

/* Sends a raw command; checks the core status and the wire response type. */
static bool raw_expect(struct gpu_env *e, const void *cmd, uint32_t len, int want, uint32_t want_type,
                       const char *what)
{
    uint8_t resp[64];
    uint32_t type = 0;
    int rc = vgpu_submit_raw(e->dev, cmd, len, resp, sizeof resp, &type);
    kprintf("err: %s -> %s (%d), response 0x%x\n", what, genv_err(rc), rc, type);
    CHECK(rc == want, "%s: got %s (%d), want %s", what, genv_err(rc), rc, genv_err(want));
    CHECK(type == want_type, "%s: response type 0x%x, want 0x%x", what, type, want_type);
    return still_alive(e);
}

static void hdr(struct virtio_gpu_ctrl_hdr *h, uint32_t type)
{
    memset(h, 0, sizeof *h);
    h->type = type;
}

static bool with_env(bool (*body)(struct gpu_env *e, struct fb *f))
{
    struct gpu_env e;
    struct fb f = {0};
    bool ok = genv_open(&e, GENV_MSIX, 0) && fb_create(&e, &f, 64, 48) && body(&e, &f);
    fb_destroy(&e, &f);
    genv_close(&e);
    return ok;
}

static bool invalid_resource(struct gpu_env *e, struct fb *f)
{
    const uint32_t bogus = 0x7777;
    (void)f;
    struct virtio_gpu_transfer_to_host_2d t;
    memset(&t, 0, sizeof t);
    hdr(&t.hdr, VIRTIO_GPU_CMD_TRANSFER_TO_HOST_2D);
    t.r.width = 16, t.r.height = 16, t.resource_id = bogus;
    if (!raw_expect(e, &t, sizeof t, VG_ERR_DEV_INVALID_RESOURCE_ID, VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID,
                    "TRANSFER_TO_HOST_2D unknown resource"))
        return false;
    struct virtio_gpu_resource_flush fl;
    memset(&fl, 0, sizeof fl);
    hdr(&fl.hdr, VIRTIO_GPU_CMD_RESOURCE_FLUSH);
    fl.r.width = 16, fl.r.height = 16, fl.resource_id = bogus;
    if (!raw_expect(e, &fl, sizeof fl, VG_ERR_DEV_INVALID_RESOURCE_ID, VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID,
                    "RESOURCE_FLUSH unknown resource"))
        return false;
    struct virtio_gpu_set_scanout so;
    memset(&so, 0, sizeof so);
    hdr(&so.hdr, VIRTIO_GPU_CMD_SET_SCANOUT);
    so.r.width = 16, so.r.height = 16, so.resource_id = bogus;
    if (!raw_expect(e, &so, sizeof so, VG_ERR_DEV_INVALID_RESOURCE_ID, VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID,
                    "SET_SCANOUT unknown resource"))
        return false;
    /* the typed API passes the id through and surfaces the device's code */
    struct vgpu_rect r = {0, 0, 16, 16};
    EXPECT_RC(vgpu_cmd_transfer_to_host_2d(e->dev, bogus, &r, 0, NULL), VG_ERR_DEV_INVALID_RESOURCE_ID,
              "vgpu_cmd_transfer_to_host_2d on an id the core never created");
    return still_alive(e);
}

static bool invalid_scanout(struct gpu_env *e, struct fb *f)
{
    struct vgpu_rect r = {0, 0, f->w, f->h};
    struct virtio_gpu_set_scanout so;
    memset(&so, 0, sizeof so);
    hdr(&so.hdr, VIRTIO_GPU_CMD_SET_SCANOUT);
    so.scanout_id = 7, so.r.width = f->w, so.r.height = f->h, so.resource_id = f->res;
    if (!raw_expect(e, &so, sizeof so, VG_ERR_DEV_INVALID_SCANOUT_ID, VIRTIO_GPU_RESP_ERR_INVALID_SCANOUT_ID,
                    "SET_SCANOUT scanout 7"))
        return false;
    /* and through the typed API, unless the core refuses it up front */
    int rc = vgpu_cmd_set_scanout(e->dev, 7, f->res, &r, NULL);
    kprintf("err: vgpu_cmd_set_scanout(7) -> %s\n", genv_err(rc));
    CHECK(rc == VG_ERR_DEV_INVALID_SCANOUT_ID || rc == VG_ERR_INVALID_ARG,
          "vgpu_cmd_set_scanout(7): %s", genv_err(rc));
    return still_alive(e);
}

static bool bad_format(struct gpu_env *e, struct fb *f)
{
    uint32_t res = 0;
    (void)f;
    EXPECT_RC(vgpu_cmd_resource_create_2d(e->dev, 77, 64, 64, &res, NULL), VG_ERR_DEV_INVALID_PARAMETER,
              "RESOURCE_CREATE_2D format 77");
    CHECK(!res || !vgpu_resource_is_live(e->dev, res), "core kept a record of the refused resource %u", res);
    return still_alive(e);
}

static bool rect_oob(struct gpu_env *e, struct fb *f)
{
    struct vgpu_rect past = {f->w - 8, 0, 16, 8};   /* 8 columns beyond the right edge */
    struct vgpu_rect below = {0, f->h, 4, 1};       /* first row below the resource */
    EXPECT_RC(vgpu_cmd_transfer_to_host_2d(e->dev, f->res, &past, (uint64_t)(f->w - 8) * 4, NULL),
              VG_ERR_DEV_INVALID_PARAMETER, "TRANSFER_TO_HOST_2D past the right edge");
    EXPECT_RC(vgpu_cmd_resource_flush(e->dev, f->res, &below, NULL), VG_ERR_DEV_INVALID_PARAMETER,
              "RESOURCE_FLUSH below the bottom");
    struct vgpu_rect big = {0, 0, f->w + 1, f->h};
    EXPECT_RC(vgpu_cmd_set_scanout(e->dev, 0, f->res, &big, NULL), VG_ERR_DEV_INVALID_PARAMETER,
              "SET_SCANOUT wider than the resource");
    /* the in-bounds edge case is accepted */
    struct vgpu_rect edge = {f->w - 8, f->h - 1, 8, 1};
    EXPECT_RC(vgpu_cmd_transfer_to_host_2d(e->dev, f->res, &edge, ((uint64_t)(f->h - 1) * f->w + f->w - 8) * 4, NULL),
              0, "TRANSFER_TO_HOST_2D of the last 8 pixels");
    return still_alive(e);
}

static bool backing_twice(struct gpu_env *e, struct fb *f)
{
    struct vgpu_mem_range r = {(uint64_t)(uintptr_t)f->px, f->bytes};
    int rc = vgpu_cmd_resource_attach_backing(e->dev, f->res, &r, 1, NULL);
    kprintf("err: second ATTACH_BACKING -> %s\n", genv_err(rc));
    CHECK(rc == VG_ERR_DEV_UNSPEC, "second ATTACH_BACKING: got %s (%d), want VG_ERR_DEV_UNSPEC", genv_err(rc), rc);
    /* detach, then attaching again is fine */
    EXPECT_RC(vgpu_cmd_resource_detach_backing(e->dev, f->res, NULL), 0, "DETACH_BACKING");
    EXPECT_RC(vgpu_cmd_resource_attach_backing(e->dev, f->res, &r, 1, NULL), 0, "ATTACH_BACKING after detach");
    return still_alive(e);
}

static bool unknown_command(struct gpu_env *e, struct fb *f)
{
    struct virtio_gpu_ctrl_hdr h;
    (void)f;
    hdr(&h, 0x777);
    return raw_expect(e, &h, sizeof h, VG_ERR_DEV_UNSPEC, VIRTIO_GPU_RESP_ERR_UNSPEC, "command type 0x777");
}

static bool t_invalid_resource(void) { return with_env(invalid_resource); }
static bool t_invalid_scanout(void) { return with_env(invalid_scanout); }
static bool t_bad_format(void) { return with_env(bad_format); }
static bool t_rect_oob(void) { return with_env(rect_oob); }
static bool t_backing_twice(void) { return with_env(backing_twice); }
static bool t_unknown_command(void) { return with_env(unknown_command); }

const struct guest_test error_tests[] = {
    {"err_invalid_resource", t_invalid_resource},
    {"err_invalid_scanout", t_invalid_scanout},
    {"err_bad_format", t_bad_format},
    {"err_rect_out_of_bounds", t_rect_oob},
    {"err_backing_twice", t_backing_twice},
    {"err_unknown_command", t_unknown_command},
    {NULL, NULL},
};
