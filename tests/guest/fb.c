/* fb.c — see fb.h. */
#include "fb.h"

bool fb_create(struct gpu_env *e, struct fb *f, uint32_t w, uint32_t h)
{
    memset(f, 0, sizeof *f);
    f->w = w;
    f->h = h;
    f->bytes = (uint64_t)w * h * 4;
    f->px = genv_dma(f->bytes);
    if (!f->px)
        return t_fail("no %llu bytes of DMA memory for a %ux%u framebuffer", (unsigned long long)f->bytes, w, h);
    int rc = vgpu_cmd_resource_create_2d(e->dev, VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM, w, h, &f->res, NULL);
    if (rc)
        return t_fail("RESOURCE_CREATE_2D %ux%u: %s", w, h, genv_err(rc));
    struct vgpu_mem_range r = {(uint64_t)(uintptr_t)f->px, f->bytes};
    rc = vgpu_cmd_resource_attach_backing(e->dev, f->res, &r, 1, NULL);
    if (rc)
        return t_fail("RESOURCE_ATTACH_BACKING res %u: %s", f->res, genv_err(rc));
    return true;
}

bool fb_scanout(struct gpu_env *e, struct fb *f, uint32_t head)
{
    struct vgpu_rect r = {0, 0, f->w, f->h};
    int rc = vgpu_cmd_set_scanout(e->dev, head, f->res, &r, NULL);
    if (rc)
        return t_fail("SET_SCANOUT head %u res %u: %s", head, f->res, genv_err(rc));
    return true;
}

struct async_status {
    bool done;
    int status;
};

static void on_done(void *arg, int status, uint64_t fence, const void *resp, uint32_t len)
{
    struct async_status *st = arg;
    (void)fence, (void)resp, (void)len;
    st->status = status;
    st->done = true;
}

bool fb_present(struct gpu_env *e, struct fb *f, uint32_t x, uint32_t y, uint32_t w, uint32_t h)
{
    struct vgpu_rect r = {x, y, w, h};
    /* the device reads row i of the rectangle at offset + i * stride */
    uint64_t off = (uint64_t)y * f->w * 4 + (uint64_t)x * 4;
    struct async_status st = {false, 0};
    struct vgpu_async a = {.done = on_done, .arg = &st, .no_kick = true};
    int rc = vgpu_cmd_transfer_to_host_2d(e->dev, f->res, &r, off, &a);
    if (rc)
        return t_fail("TRANSFER_TO_HOST_2D queue: %s", genv_err(rc));
    rc = vgpu_cmd_resource_flush(e->dev, f->res, &r, NULL);
    if (rc)
        return t_fail("RESOURCE_FLUSH %u,%u %ux%u: %s", x, y, w, h, genv_err(rc));
    /* the device answers in order: the transfer is used before the flush */
    for (uint64_t end = now_ns() + 5000000000ull; !st.done && now_ns() < end;)
        genv_process(e);
    if (!st.done)
        return t_fail("TRANSFER_TO_HOST_2D never completed although the later flush did");
    if (st.status)
        return t_fail("TRANSFER_TO_HOST_2D %u,%u %ux%u: %s", x, y, w, h, genv_err(st.status));
    return true;
}

void fb_destroy(struct gpu_env *e, struct fb *f)
{
    if (f->res && e->dev)
        vgpu_cmd_resource_unref(e->dev, f->res, NULL);
    if (f->px)
        genv_dma_free(f->px, f->bytes);
    memset(f, 0, sizeof *f);
}
