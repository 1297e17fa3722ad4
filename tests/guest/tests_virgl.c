/*
 * tests_virgl.c — the device core's 3D path on virtio-gpu-gl-pci (QEMU +
 * virglrenderer + llvmpipe), driven with the virgl encoder (src/virgl) the
 * UMD uses, all built for the guest with the Windows x64 ABI:
 *   virgl_caps    VIRGL/VIRGL2 capsets are listed and the VIRGL2 blob
 *                 parses (virgl_caps_parse) into plausible limits
 *   virgl_clear   CTX_CREATE, RESOURCE_CREATE_3D (64x64 B8G8R8A8 render
 *                 target), ATTACH_BACKING, CTX_ATTACH_RESOURCE, SUBMIT_3D of
 *                 create-surface + set-framebuffer + clear, then
 *                 TRANSFER_FROM_HOST_3D into the pre-filled backing: every
 *                 pixel must be the clear colour, read back in the guest
 *                 (screendump has no surface with a GL display)
 * The suite runs them with SDL_VIDEODRIVER=offscreen -display sdl,gl=on.
 */
#include "gpu_env.h"
#include "virgl/virgl_caps.h"
#include "virgl/virgl_enc.h"

static bool open_virgl(struct gpu_env *e)
{
    if (!genv_open(e, GENV_MSIX, 0))
        return false;
    struct vgpu_info info;
    vgpu_get_info(e->dev, &info);
    if (!info.virgl) {
        genv_close(e);
        return t_fail("VIRGL not negotiated: run on virtio-gpu-gl-pci");
    }
    return true;
}

static bool t_virgl_caps(void)
{
    struct gpu_env e;
    if (!open_virgl(&e))
        return false;
    bool ok = false, have2 = false;
    uint32_t v2_ver = 0, v2_size = 0;
    static uint8_t blob[4096];
    static struct virgl_caps caps;
    struct vgpu_info info;
    vgpu_get_info(e.dev, &info);
    for (uint32_t i = 0; i < info.num_capsets; i++) {
        uint32_t id = 0, ver = 0, size = 0;
        int rc = vgpu_cmd_get_capset_info(e.dev, i, &id, &ver, &size, NULL);
        if (rc) {
            t_fail("GET_CAPSET_INFO %u: %s", i, genv_err(rc));
            goto out;
        }
        kprintf("virgl: capset %u: id %u max version %u size %u\n", i, id, ver, size);
        if (id == VIRTIO_GPU_CAPSET_VIRGL2)
            have2 = true, v2_ver = ver, v2_size = size;
    }
    if (!have2 || v2_size == 0 || v2_size > sizeof blob) {
        t_fail("no usable VIRGL2 capset among %u (size %u)", info.num_capsets, v2_size);
        goto out;
    }
    uint32_t got = 0;
    int rc = vgpu_cmd_get_capset(e.dev, VIRTIO_GPU_CAPSET_VIRGL2, v2_ver, blob, sizeof blob, &got, NULL);
    if (rc || got < v2_size) {
        t_fail("GET_CAPSET VIRGL2 v%u: %s, %u of %u bytes", v2_ver, genv_err(rc), got, v2_size);
        goto out;
    }
    if ((rc = virgl_caps_parse(&caps, blob, got))) {
        t_fail("virgl_caps_parse: %d", rc);
        goto out;
    }
    kprintf("virgl: caps v2 %d glsl %u max_rt %u max_samples %u max_tex2d %u\n", caps.has_v2, caps.glsl_level,
            caps.max_render_targets, caps.max_samples, caps.max_texture_2d_size);
    if (!caps.has_v2 || caps.glsl_level < 130 || caps.max_render_targets < 1 || caps.max_render_targets > 32 ||
        !(virgl_caps_format_binds(&caps, VIRGL_FORMAT_B8G8R8A8_UNORM) & VIRGL_BIND_RENDER_TARGET)) {
        t_fail("implausible caps: v2 %d glsl %u max_rt %u", caps.has_v2, caps.glsl_level, caps.max_render_targets);
        goto out;
    }
    ok = true;
out:
    genv_close(&e);
    return ok;
}

struct submit_ctx {
    struct gpu_env *e;
    uint32_t ctx_id;
    uint32_t *dma;      /* the encoder writes straight into DMA memory */
    int status;
};

static int submit(void *arg, struct virgl_enc *enc, const uint32_t *buf, uint32_t ndw)
{
    struct submit_ctx *s = arg;
    (void)enc;
    struct vgpu_mem_range r = {(uint64_t)(uintptr_t)buf, (uint64_t)ndw * 4};
    s->status = vgpu_cmd_submit_3d(s->e->dev, s->ctx_id, &r, 1, NULL);
    return s->status ? -100 : 0;
}

static bool t_virgl_clear(void)
{
    struct gpu_env e;
    if (!open_virgl(&e))
        return false;
    bool ok = false;
    const uint32_t W = 64, H = 64;
    uint32_t ctx = 0, res = 0;
    uint32_t *px = genv_dma(W * H * 4), *cmd = genv_dma(4096);
    int rc;
    if (!px || !cmd) {
        t_fail("no DMA memory");
        goto out;
    }
    for (uint32_t i = 0; i < W * H; i++)
        px[i] = 0xdeadbeefu;
    struct vgpu_res_3d p3 = {
        .target = VIRGL_TARGET_2D, .format = VIRGL_FORMAT_B8G8R8A8_UNORM,
        .bind = VIRGL_BIND_RENDER_TARGET | VIRGL_BIND_SAMPLER_VIEW,
        .width = W, .height = H, .depth = 1, .array_size = 1,
    };
    struct vgpu_mem_range back = {(uint64_t)(uintptr_t)px, W * H * 4};
    if ((rc = vgpu_cmd_ctx_create(e.dev, 0, "guest-virgl", &ctx, NULL)) ||
        (rc = vgpu_cmd_resource_create_3d(e.dev, &p3, &res, NULL)) ||
        (rc = vgpu_cmd_resource_attach_backing(e.dev, res, &back, 1, NULL)) ||
        (rc = vgpu_cmd_ctx_attach_resource(e.dev, ctx, res, NULL))) {
        t_fail("3D setup: %s (ctx %u res %u)", genv_err(rc), ctx, res);
        goto out;
    }
    struct submit_ctx sc = {&e, ctx, cmd, 0};
    struct virgl_enc enc;
    const float rgba[4] = {1.0f, 0.5f, 0.0f, 1.0f};
    virgl_enc_init(&enc, cmd, 1024, submit, &sc);
    virgl_enc_create_surface(&enc, 1, res, VIRGL_FORMAT_B8G8R8A8_UNORM, 0, 0, 0);
    virgl_enc_set_framebuffer_state(&enc, 1, (const uint32_t[]){1}, 0);
    virgl_enc_clear_f(&enc, VIRGL_CLEAR_COLOR0, rgba, 1.0, 0);
    rc = virgl_enc_flush(&enc);
    if (rc || virgl_enc_error(&enc)) {
        t_fail("SUBMIT_3D: encoder %d, device %s", virgl_enc_error(&enc), genv_err(sc.status));
        goto out;
    }
    struct vgpu_transfer_3d t = {
        .ctx_id = ctx, .res_id = res, .w = W, .h = H, .d = 1, .stride = W * 4,
    };
    if ((rc = vgpu_cmd_transfer_from_host_3d(e.dev, &t, NULL))) {
        t_fail("TRANSFER_FROM_HOST_3D: %s", genv_err(rc));
        goto out;
    }
    /* B8G8R8A8 of (1, 0.5, 0, 1): bytes 00 80 ff ff; 0.5 may round to 7f */
    uint32_t bad = 0, first = 0;
    for (uint32_t i = 0; i < W * H; i++)
        if (px[i] != 0xffff8000u && px[i] != 0xffff7f00u && !bad++)
            first = i;
    if (bad) {
        t_fail("%u of %u pixels not the clear colour, first (%u,%u) = %08x", bad, W * H, first % W, first / W,
               px[first]);
        goto out;
    }
    ok = true;
out:
    if (res) {
        if (ctx)
            vgpu_cmd_ctx_detach_resource(e.dev, ctx, res, NULL);
        vgpu_cmd_resource_unref(e.dev, res, NULL);
    }
    if (ctx)
        vgpu_cmd_ctx_destroy(e.dev, ctx, NULL);
    if (px)
        genv_dma_free(px, W * H * 4);
    if (cmd)
        genv_dma_free(cmd, 4096);
    genv_close(&e);
    return ok;
}

const struct guest_test virgl_tests[] = {
    {"virgl_caps", t_virgl_caps},
    {"virgl_clear", t_virgl_clear},
    {NULL, NULL},
};
