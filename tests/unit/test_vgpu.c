/*
 * test_vgpu.c — the transport (src/virtio/vpci.c) and the device core
 * (src/gpu) against the simulated device of fake_gpu.c: bring-up and
 * feature negotiation, MSI-X, every 2D command, error responses, fences
 * and callbacks, batching, ring-full, timeouts, display events, reset and
 * replay, and leak-free churn.
 */
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include "base/vg_err.h"
#include "fake_gpu.h"
#include "gpu/vgpu.h"
#include "gpu/vgpu_internal.h"
#include "unit.h"
#include "unit_platform.h"
#include "virtio/virtio_regs.h"

static struct unit_platform up;
static struct fake_gpu g;

/* callback recorders */
static uint32_t display_masks, display_calls;
static uint64_t fence_seen;
static int error_seen;
static int done_calls, done_status[128];
static uint64_t done_fence[128];

static void on_display(void *c, uint32_t mask) { (void)c; display_calls++; display_masks |= mask; }
static void on_fence(void *c, uint64_t f) { (void)c; fence_seen = f; }
static void on_error(void *c, int err) { (void)c; error_seen = err; }
static void on_done(void *arg, int status, uint64_t fence, const void *resp, uint32_t len)
{
    (void)arg; (void)resp; (void)len;
    if (done_calls < 128) {
        done_status[done_calls] = status;
        done_fence[done_calls] = fence;
    }
    done_calls++;
}

static struct vgpu_params params(void)
{
    struct vgpu_params p;
    memset(&p, 0, sizeof(p));
    p.msix_vectors = 3;
    p.timeout_ns = 200000000ull;
    p.log_level = VG_LOG_WARN;
    p.display_changed = on_display;
    p.fence_done = on_fence;
    p.device_error = on_error;
    return p;
}

static void fresh(void)
{
    unit_platform_init(&up);
    fake_gpu_init(&g, &up);
    display_masks = display_calls = 0;
    fence_seen = 0;
    error_seen = 0;
    done_calls = 0;
}

static bool test_vgpu_init_negotiation(void)
{
    struct vgpu_params p = params();
    struct vgpu_dev *d;
    struct vgpu_info info;
    struct vgpu_display disp;

    fresh();
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), 0);
    vgpu_get_info(d, &info);
    /* what was offered and wanted, and nothing else (VIRGL not offered) */
    CHECK_EQ(g.driver_features, VIRTIO_BIT(VIRTIO_F_VERSION_1) | VIRTIO_BIT(VIRTIO_GPU_F_EDID) |
                                    VIRTIO_BIT(VIRTIO_F_INDIRECT_DESC) | VIRTIO_BIT(VIRTIO_F_EVENT_IDX));
    CHECK(g.status & VIRTIO_STATUS_FEATURES_OK);
    CHECK(g.status & VIRTIO_STATUS_DRIVER_OK);
    CHECK(!info.virgl);
    CHECK(info.edid && info.indirect && info.event_idx);
    CHECK_EQ(info.num_scanouts, 2);
    CHECK_EQ(info.ctrl_queue_size, 64);
    CHECK_EQ(info.cursor_queue_size, 16);
    /* MSI-X: config on 0, one vector per queue, all accepted */
    CHECK_EQ(g.config_msix, 0);
    CHECK_EQ(g.q[0].msix, 1);
    CHECK_EQ(g.q[1].msix, 2);
    CHECK_EQ(g.q[0].enable, 1);
    /* the initial display read happened and the EDID parsed */
    CHECK_EQ(vgpu_get_display(d, 0, &disp), 0);
    CHECK(disp.enabled);
    CHECK_EQ(disp.r.width, 1024);
    CHECK_EQ(disp.edid_status, 0);
    CHECK_EQ(disp.modes.preferred, 0);
    CHECK_EQ(disp.modes.modes[0].width, 1024);
    CHECK_EQ(disp.modes.modes[0].height, 768);
    CHECK_EQ(vgpu_get_display(d, 1, &disp), 0);
    CHECK(!disp.enabled);
    CHECK_EQ(disp.modes.modes[0].width, 800);
    CHECK_EQ(vgpu_get_display(d, 2, &disp), VG_ERR_INVALID_ARG);
    vgpu_fini(d);
    CHECK_EQ(g.status, 0); /* fini resets the device */
    CHECK_EQ(unit_platform_leaks(&up), 0);
    return true;
}

static bool test_vgpu_init_failures(void)
{
    struct vgpu_params p = params();
    struct vgpu_dev *d;

    fresh();
    g.reject_features = true;
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), VG_ERR_FEATURES_REJECTED);
    CHECK(!(g.status & VIRTIO_STATUS_DRIVER_OK));
    CHECK_EQ(unit_platform_leaks(&up), 0);

    fresh();
    g.offered &= ~VIRTIO_BIT(VIRTIO_F_VERSION_1);
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), VG_ERR_NO_VERSION_1);
    CHECK_EQ(unit_platform_leaks(&up), 0);

    fresh();
    g.msix_vectors = 1; /* accepts vector 0 only: queue vectors come back NO_VECTOR */
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), VG_ERR_MSIX_REJECTED);
    CHECK_EQ(unit_platform_leaks(&up), 0);

    fresh();
    g.msix_vectors = 1;
    up.cfg[0x8b] |= 0x80; /* MSI-X enabled by the embedding */
    p.flags = VGPU_INIT_MSIX_FALLBACK;
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), 0);
    {
        struct vgpu_info info;
        vgpu_get_info(d, &info);
        CHECK_EQ(info.msix_vectors, 0);
        CHECK_EQ(g.config_msix, VIRTIO_MSI_NO_VECTOR);
        CHECK_EQ(g.q[0].msix, VIRTIO_MSI_NO_VECTOR);
        CHECK_EQ(up.cfg[0x8b] & 0x80, 0); /* MSI-X switched off for INTx */
        CHECK_EQ(vgpu_cmd_get_display_info(d, NULL, NULL), 0);
    }
    vgpu_fini(d);
    p.flags = 0;
    CHECK_EQ(unit_platform_leaks(&up), 0);

    fresh();
    p.msix_vectors = 4; /* the device's MSI-X table has 3 entries */
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), VG_ERR_INVALID_ARG);
    p.msix_vectors = 3;
    CHECK_EQ(unit_platform_leaks(&up), 0);

    fresh();
    up.cfg[2] = 0x00; /* device id 0x1000: transitional, not modern */
    up.cfg[3] = 0x10;
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), VG_ERR_NOT_VIRTIO);

    fresh();
    up.cfg[0x64 + 1] = 0x40; /* capability list loops back */
    up.cfg[0x74 + 3] = 0;
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), VG_ERR_BAD_CAP);

    fresh();
    up.cfg[0x54 + 3] = 0x7f; /* ISR cap turned into an unknown type */
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), VG_ERR_NO_ISR_CFG);

    fresh();
    up.ops.dma_alloc = NULL;
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), VG_ERR_NO_PLATFORM_OP);
    CHECK_EQ(unit_platform_leaks(&up), 0);
    return true;
}

static bool test_vgpu_intx_mode(void)
{
    struct vgpu_params p = params();
    struct vgpu_dev *d;

    fresh();
    p.msix_vectors = 0;
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), 0);
    CHECK_EQ(g.config_msix, VIRTIO_MSI_NO_VECTOR);
    CHECK_EQ(g.q[0].msix, VIRTIO_MSI_NO_VECTOR);
    g.isr = 0;
    CHECK(!vgpu_isr(d, VGPU_ISR_INTX)); /* shared line, not ours */
    g.isr = VIRTIO_ISR_QUEUE;
    CHECK(vgpu_isr(d, VGPU_ISR_INTX));
    CHECK_EQ(g.isr, 0); /* reading the ISR cleared it */
    vgpu_fini(d);
    CHECK_EQ(unit_platform_leaks(&up), 0);
    return true;
}

static bool test_vgpu_2d_pipeline(void)
{
    struct vgpu_params p = params();
    struct vgpu_dev *d;
    uint32_t id = 0;
    struct fake_res *fr;
    struct vgpu_rect r = { 8, 8, 16, 16 };
    /* three ranges, the first two physically adjacent: two entries */
    struct vgpu_mem_range m[3] = { { 0x100000, 0x1000 }, { 0x101000, 0x3000 }, { 0x200000, 0x1000 } };

    fresh();
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), 0);
    CHECK_EQ(vgpu_cmd_resource_create_2d(d, VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM, 64, 48, &id, NULL), 0);
    CHECK(id != 0);
    CHECK(vgpu_resource_is_live(d, id));
    fr = fake_gpu_res(&g, id);
    CHECK(fr != NULL);
    CHECK_EQ(fr->width, 64);
    CHECK_EQ(fr->height, 48);
    CHECK_EQ(vgpu_cmd_resource_attach_backing(d, id, m, 3, NULL), 0);
    CHECK_EQ(fr->n_entries, 2);
    CHECK_EQ(fr->addr[0], 0x100000);
    CHECK_EQ(fr->len[0], 0x4000);
    CHECK_EQ(fr->addr[1], 0x200000);
    CHECK_EQ(vgpu_cmd_set_scanout(d, 0, id, NULL, NULL), 0);
    CHECK_EQ(g.scanout_res[0], id);
    CHECK_EQ(vgpu_cmd_transfer_to_host_2d(d, id, &r, 0, NULL), 0);
    CHECK_EQ(vgpu_cmd_transfer_to_host_2d(d, id, NULL, 0, NULL), 0); /* whole resource */
    CHECK_EQ(vgpu_cmd_resource_flush(d, id, &r, NULL), 0);
    CHECK_EQ(vgpu_cmd_resource_detach_backing(d, id, NULL), 0);
    CHECK(!fr->backing);
    CHECK_EQ(vgpu_cmd_set_scanout(d, 0, 0, NULL, NULL), 0);
    CHECK_EQ(vgpu_cmd_resource_unref(d, id, NULL), 0);
    CHECK(!vgpu_resource_is_live(d, id));
    CHECK_EQ(fake_gpu_res_count(&g), 0);
    {
        /* a VA range: identity virt_to_phys in the unit platform = 1 entry */
        uint8_t *buf = malloc(3 * 4096 + 100);
        CHECK_EQ(vgpu_cmd_resource_create_2d(d, VIRTIO_GPU_FORMAT_B8G8R8A8_UNORM, 8, 8, &id, NULL), 0);
        CHECK_EQ(vgpu_cmd_resource_attach_backing_va(d, id, buf + 100, 3 * 4096, NULL), 0);
        fr = fake_gpu_res(&g, id);
        CHECK_EQ(fr->n_entries, 1);
        CHECK_EQ(fr->addr[0], (uint64_t)(uintptr_t)(buf + 100));
        CHECK_EQ(fr->len[0], 3 * 4096);
        free(buf);
    }
    vgpu_fini(d);
    CHECK_EQ(unit_platform_leaks(&up), 0);
    return true;
}

static bool test_vgpu_error_responses(void)
{
    struct vgpu_params p = params();
    struct vgpu_dev *d;
    uint32_t id = 0, id2 = 0, type = 0;
    struct vgpu_rect big = { 0, 0, 64, 1 };
    struct virtio_gpu_ctrl_hdr raw;
    struct vgpu_mem_range m = { 0x100000, 0x1000 };

    fresh();
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), 0);
    CHECK_EQ(vgpu_cmd_resource_flush(d, 99, &big, NULL), VG_ERR_DEV_INVALID_RESOURCE_ID);
    CHECK_EQ(vgpu_cmd_set_scanout(d, 7, 0, NULL, NULL), VG_ERR_DEV_INVALID_SCANOUT_ID);
    CHECK_EQ(vgpu_cmd_resource_create_2d(d, 77, 64, 64, &id, NULL), VG_ERR_DEV_INVALID_PARAMETER);
    CHECK(id != 0);
    CHECK(!vgpu_resource_is_live(d, id)); /* the failed create gave its id back */
    CHECK_EQ(vgpu_cmd_resource_create_2d(d, VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM, 64, 64, &id2, NULL), 0);
    CHECK_EQ(vgpu_cmd_transfer_to_host_2d(d, id2, &big, 0, NULL), 0);
    big.y = 64;
    CHECK_EQ(vgpu_cmd_transfer_to_host_2d(d, id2, &big, 0, NULL), VG_ERR_DEV_INVALID_PARAMETER);
    CHECK_EQ(vgpu_cmd_resource_attach_backing(d, id2, &m, 1, NULL), 0);
    CHECK_EQ(vgpu_cmd_resource_attach_backing(d, id2, &m, 1, NULL), VG_ERR_DEV_UNSPEC); /* twice */
    memset(&raw, 0, sizeof(raw));
    raw.type = 0x777;
    CHECK_EQ(vgpu_submit_raw(d, &raw, sizeof(raw), NULL, 0, &type), VG_ERR_DEV_UNSPEC);
    CHECK_EQ(type, VIRTIO_GPU_RESP_ERR_UNSPEC);
    raw.type = VIRTIO_GPU_CMD_CTX_DESTROY; /* a 3D command on the 2D device */
    CHECK_EQ(vgpu_submit_raw(d, &raw, sizeof(raw), NULL, 0, &type), VG_ERR_DEV_UNSPEC);
    {
        /* the device's resource table fills up: OUT_OF_MEMORY, id returned */
        uint32_t ids[FAKE_MAX_RES], extra = 0;
        int n = 0, rc = 0;
        while (n < FAKE_MAX_RES + 1) {
            rc = vgpu_cmd_resource_create_2d(d, VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM, 4, 4, &extra, NULL);
            if (rc)
                break;
            ids[n++] = extra;
        }
        CHECK_EQ(rc, VG_ERR_DEV_OUT_OF_MEMORY);
        CHECK_EQ(n, FAKE_MAX_RES - 1); /* id2 holds one slot */
        CHECK(!vgpu_resource_is_live(d, extra));
        for (int i = 0; i < n; i++)
            CHECK_EQ(vgpu_cmd_resource_unref(d, ids[i], NULL), 0);
    }
    raw.type = VIRTIO_GPU_CMD_GET_DISPLAY_INFO;
    CHECK_EQ(vgpu_submit_raw(d, &raw, sizeof(raw), NULL, 0, &type), 0);
    CHECK_EQ(type, VIRTIO_GPU_RESP_OK_DISPLAY_INFO);
    g.short_response = true;
    CHECK_EQ(vgpu_cmd_resource_flush(d, id2, NULL, NULL), VG_ERR_DEV_SHORT_RESPONSE);
    g.short_response = false;
    g.wrong_response = true;
    CHECK_EQ(vgpu_cmd_resource_flush(d, id2, NULL, NULL), VG_ERR_DEV_UNKNOWN_RESPONSE);
    g.wrong_response = false;
    /* the core refuses what it can check itself, without a round trip */
    CHECK_EQ(vgpu_cmd_resource_flush(d, 12345, NULL, NULL), VG_ERR_NOT_FOUND);
    CHECK_EQ(vgpu_cmd_ctx_create(d, 0, "x", &id, NULL), VG_ERR_UNSUPPORTED); /* no VIRGL */
    vgpu_fini(d);
    CHECK_EQ(unit_platform_leaks(&up), 0);
    return true;
}

static bool test_vgpu_async_fences(void)
{
    struct vgpu_params p = params();
    struct vgpu_dev *d;
    uint32_t id;
    uint64_t f[5];

    fresh();
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), 0);
    CHECK_EQ(vgpu_cmd_resource_create_2d(d, VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM, 32, 32, &id, NULL), 0);
    g.deferred = true;
    for (int i = 0; i < 5; i++) {
        struct vgpu_async a = { .done = on_done, .fence = true, .fence_out = &f[i] };
        CHECK_EQ(vgpu_cmd_resource_flush(d, id, NULL, &a), 0);
        CHECK_EQ(f[i], (uint64_t)i + 1); /* increasing, assigned at submit */
    }
    CHECK_EQ(vgpu_fence_last_emitted(d), 5);
    vgpu_process(d);
    CHECK_EQ(done_calls, 0); /* the device has not run yet */
    CHECK_EQ(vgpu_fence_last_completed(d), 0);
    CHECK_EQ(fake_gpu_run(&g), 5);
    CHECK_EQ(g.last_fence, 5);
    CHECK(vgpu_isr(d, 1));
    vgpu_process(d);
    CHECK_EQ(done_calls, 5);
    for (int i = 0; i < 5; i++) {
        CHECK_EQ(done_status[i], 0);
        CHECK_EQ(done_fence[i], (uint64_t)i + 1);
    }
    CHECK_EQ(fence_seen, 5);
    CHECK_EQ(vgpu_fence_last_completed(d), 5);
    CHECK_EQ(vgpu_fence_wait(d, 5, 0), 0);
    CHECK_EQ(vgpu_fence_wait(d, 6, 0), VG_ERR_INVALID_ARG); /* never emitted */
    /* an async error arrives through the callback, not the return value */
    {
        struct vgpu_async a = { .done = on_done, .fence = true };
        CHECK_EQ(vgpu_cmd_set_scanout(d, 9, 0, NULL, &a), 0);
        fake_gpu_run(&g);
        vgpu_process(d);
        CHECK_EQ(done_calls, 6);
        CHECK_EQ(done_status[5], VG_ERR_DEV_INVALID_SCANOUT_ID);
        CHECK_EQ(done_fence[5], 6);
        CHECK_EQ(fence_seen, 6); /* an error still completes its fence */
    }
    vgpu_fini(d);
    CHECK_EQ(unit_platform_leaks(&up), 0);
    return true;
}

static bool test_vgpu_fence_wrap32_device(void)
{
    struct vgpu_params p = params();
    struct vgpu_dev *d;
    uint32_t id;
    uint64_t f = 0;

    fresh();
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), 0);
    CHECK_EQ(vgpu_cmd_resource_create_2d(d, VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM, 32, 32, &id, NULL), 0);
    vgpu_fence_init(&d->fences, 0xfffffffdull); /* as if 4 billion fences had passed */
    g.echo_fence32 = true;                       /* the host keeps only 32 bits */
    for (int i = 0; i < 6; i++) {
        struct vgpu_async a = { .done = on_done, .fence = true, .fence_out = &f };
        CHECK_EQ(vgpu_cmd_resource_flush(d, id, NULL, &a), 0);
        vgpu_process(d);
        CHECK_EQ(vgpu_fence_last_completed(d), f);
        CHECK_EQ(fence_seen, f);
    }
    CHECK_EQ(f, 0x100000003ull);
    CHECK_EQ(done_fence[5], 0x100000003ull);
    vgpu_fini(d);
    return true;
}

static bool test_vgpu_batched_doorbell(void)
{
    struct vgpu_params p = params();
    struct vgpu_dev *d;
    uint32_t id, before;
    struct vgpu_stats st;

    fresh();
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), 0);
    CHECK_EQ(vgpu_cmd_resource_create_2d(d, VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM, 32, 32, &id, NULL), 0);
    before = g.q[0].notifies;
    for (int i = 0; i < 10; i++) {
        struct vgpu_async a = { .done = on_done, .no_kick = true };
        struct vgpu_rect r = { 0, (uint32_t)i, 32, 1 };
        CHECK_EQ(vgpu_cmd_transfer_to_host_2d(d, id, &r, 0, &a), 0);
    }
    CHECK_EQ(g.q[0].notifies, before); /* nothing rung yet */
    vgpu_kick(d);
    CHECK_EQ(g.q[0].notifies, before + 1); /* one doorbell for ten commands */
    vgpu_process(d);
    CHECK_EQ(done_calls, 10);
    vgpu_get_stats(d, &st);
    CHECK_EQ(st.ctrl_notifies, g.q[0].notifies);
    vgpu_fini(d);
    return true;
}

static bool test_vgpu_ring_full_busy(void)
{
    struct vgpu_params p = params();
    struct vgpu_dev *d;
    uint32_t id;
    int queued = 0, rc = 0;

    fresh();
    p.timeout_ns = 50000000ull;
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), 0);
    CHECK_EQ(vgpu_cmd_resource_create_2d(d, VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM, 32, 32, &id, NULL), 0);
    g.deferred = true;
    for (int i = 0; i < 200; i++) {
        struct vgpu_async a = { .done = on_done, .fence = true };
        rc = vgpu_cmd_resource_flush(d, id, NULL, &a);
        if (rc)
            break;
        queued++;
    }
    CHECK_EQ(rc, VG_ERR_BUSY); /* a full ring is "busy", never a wait or a crash */
    CHECK_EQ(queued, 64);
    CHECK_EQ(vgpu_fence_last_emitted(d), 64); /* the refused one took no fence */
    {
        /* a synchronous caller waits for room, but not forever */
        uint64_t t0 = up.ops.now_ns(up.ops.ctx);
        CHECK_EQ(vgpu_cmd_resource_flush(d, id, NULL, NULL), VG_ERR_BUSY);
        CHECK(up.ops.now_ns(up.ops.ctx) - t0 >= p.timeout_ns);
    }
    fake_gpu_run(&g);
    vgpu_process(d);
    CHECK_EQ(done_calls, 64);
    {
        struct vgpu_async a = { .done = on_done, .fence = true };
        CHECK_EQ(vgpu_cmd_resource_flush(d, id, NULL, &a), 0);
    }
    vgpu_fini(d);
    CHECK_EQ(unit_platform_leaks(&up), 0);
    return true;
}

static bool test_vgpu_timeout(void)
{
    struct vgpu_params p = params();
    struct vgpu_dev *d;
    uint32_t id;
    struct vgpu_stats st;

    fresh();
    p.timeout_ns = 30000000ull; /* 30 ms */
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), 0);
    CHECK_EQ(vgpu_cmd_resource_create_2d(d, VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM, 32, 32, &id, NULL), 0);
    g.dead = true;
    CHECK_EQ(vgpu_cmd_resource_flush(d, id, NULL, NULL), VG_ERR_TIMEOUT);
    vgpu_get_stats(d, &st);
    CHECK_EQ(st.timeouts, 1);
    /* the device wakes up later: the abandoned request is reaped and freed */
    g.dead = false;
    fake_gpu_run(&g);
    vgpu_process(d);
    CHECK_EQ(virtq_in_flight(d->ctrl.vq), 0);
    CHECK_EQ(vgpu_cmd_resource_flush(d, id, NULL, NULL), 0);
    /* the device breaks and its config interrupt is lost: the waiter
     * notices DEVICE_NEEDS_RESET when its time runs out */
    g.dead = true;
    g.status |= VIRTIO_STATUS_DEVICE_NEEDS_RESET;
    CHECK_EQ(vgpu_cmd_resource_flush(d, id, NULL, NULL), VG_ERR_DEVICE_NEEDS_RESET);
    CHECK(vgpu_needs_reset(d));
    g.dead = false;
    CHECK_EQ(vgpu_reset_and_restore(d), 0);
    CHECK_EQ(vgpu_cmd_resource_flush(d, id, NULL, NULL), 0);
    vgpu_fini(d);
    CHECK_EQ(unit_platform_leaks(&up), 0);
    return true;
}

/* Interrupts as the device would raise them: one queue interrupt + DPC
 * per round, until the asynchronous chain has settled. */
static void pump(struct vgpu_dev *d)
{
    for (int i = 0; i < 8; i++) {
        vgpu_isr(d, 1);
        vgpu_process(d);
    }
}

static bool test_vgpu_display_event(void)
{
    struct vgpu_params p = params();
    struct vgpu_dev *d;
    struct vgpu_display disp;
    struct vgpu_stats st;

    fresh();
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), 0);
    CHECK_EQ(display_calls, 0);
    fake_gpu_hotplug(&g, 1280, 800);
    CHECK(vgpu_isr(d, 0)); /* MSI-X vector 0 = config change */
    vgpu_process(d);       /* re-reads display info, then EDIDs, asynchronously */
    CHECK_EQ(display_calls, 0);
    pump(d);
    CHECK_EQ(display_calls, 1);
    CHECK_EQ(display_masks, 1); /* only scanout 0 changed */
    CHECK_EQ(g.events_read, 0); /* acknowledged via events_clear */
    CHECK_EQ(vgpu_get_display(d, 0, &disp), 0);
    CHECK_EQ(disp.r.width, 1280);
    CHECK_EQ(disp.r.height, 800);
    CHECK_EQ(disp.edid_status, 0);
    CHECK_EQ(disp.modes.modes[disp.modes.preferred].width, 1280);
    CHECK_EQ(disp.modes.modes[disp.modes.preferred].height, 800);
    vgpu_get_stats(d, &st);
    CHECK_EQ(st.config_events, 1);
    /* an interrupt on a queue vector does not look at the config */
    fake_gpu_hotplug(&g, 640, 480);
    pump(d);
    CHECK_EQ(display_calls, 1);
    CHECK(vgpu_isr(d, 0));
    vgpu_process(d);
    pump(d);
    CHECK_EQ(display_calls, 2);
    vgpu_fini(d);
    CHECK_EQ(unit_platform_leaks(&up), 0);
    return true;
}

static bool test_vgpu_cursor(void)
{
    struct vgpu_params p = params();
    struct vgpu_dev *d;
    uint32_t id;

    fresh();
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), 0);
    CHECK_EQ(vgpu_cmd_resource_create_2d(d, VIRTIO_GPU_FORMAT_B8G8R8A8_UNORM, 64, 64, &id, NULL), 0);
    CHECK_EQ(vgpu_cmd_update_cursor(d, 0, id, 3, 4, 100, 200, NULL), 0); /* no response: completes on use */
    CHECK_EQ(g.last_cursor.hdr.type, VIRTIO_GPU_CMD_UPDATE_CURSOR);
    CHECK_EQ(g.last_cursor.resource_id, id);
    CHECK_EQ(g.last_cursor.hot_x, 3);
    CHECK_EQ(g.last_cursor.pos.y, 200);
    CHECK_EQ(vgpu_cmd_move_cursor(d, 0, 10, 20, NULL), 0);
    CHECK_EQ(g.last_cursor.hdr.type, VIRTIO_GPU_CMD_MOVE_CURSOR);
    CHECK_EQ(g.last_cursor.pos.x, 10);
    CHECK_EQ(g.cursor_cmds, 2);
    vgpu_fini(d);
    return true;
}

static bool test_vgpu_reset_and_restore(void)
{
    struct vgpu_params p = params();
    struct vgpu_dev *d;
    uint32_t a, b;
    struct vgpu_mem_range m[2] = { { 0x300000, 0x2000 }, { 0x302000, 0x2000 } };
    struct fake_res *fr;

    fresh();
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), 0);
    CHECK_EQ(vgpu_cmd_resource_create_2d(d, VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM, 640, 480, &a, NULL), 0);
    CHECK_EQ(vgpu_cmd_resource_attach_backing(d, a, m, 2, NULL), 0);
    CHECK_EQ(vgpu_cmd_resource_create_2d(d, VIRTIO_GPU_FORMAT_B8G8R8A8_UNORM, 64, 64, &b, NULL), 0);
    CHECK_EQ(vgpu_cmd_set_scanout(d, 0, a, NULL, NULL), 0);
    CHECK_EQ(vgpu_cmd_update_cursor(d, 0, b, 1, 1, 5, 5, NULL), 0);
    /* the device loses everything (what QEMU does on a reset) */
    g.status |= VIRTIO_STATUS_DEVICE_NEEDS_RESET;
    g.isr |= VIRTIO_ISR_CONFIG;
    CHECK(vgpu_isr(d, 0));
    vgpu_process(d);
    CHECK_EQ(error_seen, VG_ERR_DEVICE_NEEDS_RESET);
    CHECK(vgpu_needs_reset(d));
    CHECK_EQ(vgpu_cmd_resource_flush(d, a, NULL, NULL), VG_ERR_DEVICE_NEEDS_RESET);
    CHECK_EQ(vgpu_reset_and_restore(d), 0);
    CHECK(!vgpu_needs_reset(d));
    CHECK(g.status & VIRTIO_STATUS_DRIVER_OK);
    CHECK_EQ(fake_gpu_res_count(&g), 2);
    fr = fake_gpu_res(&g, a);
    CHECK(fr && fr->width == 640 && fr->backing);
    CHECK_EQ(fr->n_entries, 1); /* replayed from the merged record */
    CHECK_EQ(fr->len[0], 0x4000);
    CHECK(fake_gpu_res(&g, b) != NULL);
    CHECK_EQ(g.scanout_res[0], a);
    CHECK_EQ(g.last_cursor.resource_id, b);
    CHECK_EQ(vgpu_cmd_resource_flush(d, a, NULL, NULL), 0);
    vgpu_fini(d);
    CHECK_EQ(unit_platform_leaks(&up), 0);
    return true;
}

/* D3: the device is released (reset, so the host drops its objects) while
 * the records stay; D0 brings back the same resources, backing, scanout
 * and cursor.  Commands in between fail with their own code. */
static bool test_vgpu_suspend_resume(void)
{
    struct vgpu_params p = params();
    struct vgpu_dev *d;
    uint32_t a, b, c;
    struct vgpu_mem_range m = { 0x300000, 0x4000 };
    struct fake_res *fr;

    fresh();
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), 0);
    CHECK_EQ(vgpu_cmd_resource_create_2d(d, VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM, 64, 64, &a, NULL), 0);
    CHECK_EQ(vgpu_cmd_resource_attach_backing(d, a, &m, 1, NULL), 0);
    CHECK_EQ(vgpu_cmd_resource_create_2d(d, VIRTIO_GPU_FORMAT_B8G8R8A8_UNORM, 64, 64, &b, NULL), 0);
    CHECK_EQ(vgpu_cmd_set_scanout(d, 0, a, NULL, NULL), 0);
    CHECK_EQ(vgpu_cmd_update_cursor(d, 0, b, 2, 3, 10, 20, NULL), 0);
    CHECK(!vgpu_is_suspended(d));
    CHECK_EQ(vgpu_suspend(d), 0);
    CHECK(vgpu_is_suspended(d));
    CHECK_EQ(g.status, 0);                 /* the device was reset ... */
    CHECK_EQ(fake_gpu_res_count(&g), 0);   /* ... and holds nothing */
    CHECK_EQ(vgpu_suspend(d), 0);          /* idempotent */
    CHECK_EQ(vgpu_cmd_resource_flush(d, a, NULL, NULL), VG_ERR_SUSPENDED);
    CHECK_EQ(vgpu_cmd_resource_create_2d(d, VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM, 8, 8, &c, NULL),
             VG_ERR_SUSPENDED);
    CHECK_EQ(vgpu_resource_count(d), 2);   /* the records survive */
    g.isr |= VIRTIO_ISR_QUEUE;
    CHECK(!vgpu_isr(d, VGPU_ISR_INTX));    /* a shared line is not claimed */
    g.isr = 0;
    CHECK_EQ(vgpu_reset_and_restore(d), 0);
    CHECK(!vgpu_is_suspended(d));
    CHECK(g.status & VIRTIO_STATUS_DRIVER_OK);
    CHECK_EQ(fake_gpu_res_count(&g), 2);
    fr = fake_gpu_res(&g, a);
    CHECK(fr && fr->width == 64 && fr->backing);
    CHECK_EQ(g.scanout_res[0], a);
    CHECK_EQ(g.last_cursor.resource_id, b);
    CHECK_EQ(vgpu_cmd_resource_flush(d, a, NULL, NULL), 0);
    vgpu_fini(d);
    CHECK_EQ(unit_platform_leaks(&up), 0);
    return true;
}

static bool test_vgpu_reset_cancels_in_flight(void)
{
    struct vgpu_params p = params();
    struct vgpu_dev *d;
    uint32_t id;

    fresh();
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), 0);
    CHECK_EQ(vgpu_cmd_resource_create_2d(d, VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM, 32, 32, &id, NULL), 0);
    g.deferred = true;
    for (int i = 0; i < 3; i++) {
        struct vgpu_async a = { .done = on_done, .fence = true };
        CHECK_EQ(vgpu_cmd_resource_flush(d, id, NULL, &a), 0);
    }
    g.deferred = false;
    CHECK_EQ(vgpu_reset_and_restore(d), 0);
    CHECK_EQ(done_calls, 3);
    for (int i = 0; i < 3; i++)
        CHECK_EQ(done_status[i], VG_ERR_CANCELLED);
    CHECK(fake_gpu_res(&g, id) != NULL); /* replayed */
    vgpu_fini(d);
    CHECK_EQ(unit_platform_leaks(&up), 0);
    return true;
}

static bool test_vgpu_churn_no_leak(void)
{
    struct vgpu_params p = params();
    struct vgpu_dev *d;
    long allocs_before;

    fresh();
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), 0);
    allocs_before = up.allocs;
    for (int i = 0; i < 10000; i++) {
        uint32_t id;
        struct vgpu_mem_range m = { 0x400000 + 0x1000ull * (uint64_t)(i % 7), 0x1000 };
        CHECK_EQ(vgpu_cmd_resource_create_2d(d, VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM, 16, 16, &id, NULL), 0);
        CHECK_EQ(vgpu_cmd_resource_attach_backing(d, id, &m, 1, NULL), 0);
        CHECK_EQ(vgpu_cmd_resource_flush(d, id, NULL, NULL), 0);
        CHECK_EQ(vgpu_cmd_resource_unref(d, id, NULL), 0);
    }
    CHECK_EQ(vgpu_resource_count(d), 0);
    CHECK_EQ(fake_gpu_res_count(&g), 0);
    CHECK_EQ(up.allocs, allocs_before);
    vgpu_fini(d);
    CHECK_EQ(unit_platform_leaks(&up), 0);
    return true;
}

static bool test_vgpu_virgl_3d(void)
{
    struct vgpu_params p = params();
    struct vgpu_dev *d;
    struct vgpu_info info;
    uint32_t cid = 0, cid2 = 0, max_ver = 0, max_size = 0, got = 0, ctx, ctx2, res;
    uint8_t caps[1376];
    uint32_t *stream;
    vg_dma_buf sbuf;
    struct vgpu_mem_range sr[2];
    struct vgpu_res_3d r3 = { .target = 2, .format = 1, .bind = 2, .width = 64, .height = 64,
                              .depth = 1, .array_size = 1 };
    struct vgpu_transfer_3d t = { .w = 64, .h = 64, .d = 1, .stride = 256 };

    fresh();
    fake_gpu_enable_virgl(&g);
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), 0);
    vgpu_get_info(d, &info);
    CHECK(info.virgl);
    CHECK_EQ(info.num_capsets, 2);
    CHECK_EQ(vgpu_cmd_get_capset_info(d, 1, &cid, &max_ver, &max_size, NULL), 0);
    CHECK_EQ(cid, 2);
    CHECK_EQ(max_ver, 2);
    CHECK_EQ(max_size, 1376);
    CHECK_EQ(vgpu_cmd_get_capset_info(d, 2, &cid2, NULL, NULL, NULL), VG_ERR_INVALID_ARG);
    /* 1376 + 24 bytes do not fit a request slot: a dedicated DMA buffer */
    memset(caps, 0, sizeof(caps));
    CHECK_EQ(vgpu_cmd_get_capset(d, cid, max_ver, caps, sizeof(caps), &got, NULL), 0);
    CHECK_EQ(got, 1376);
    CHECK_EQ(caps[0], 2);
    CHECK_EQ(caps[1375], (uint8_t)(1375 * 7 + 2));
    CHECK_EQ(vgpu_cmd_get_capset(d, 1, 1, caps, 308, &got, NULL), 0);
    CHECK_EQ(got, 308);
    CHECK_EQ(caps[100], (uint8_t)(100 * 7 + 1));

    CHECK_EQ(vgpu_cmd_ctx_create(d, 0, "test-ctx", &ctx, NULL), 0);
    CHECK_EQ(vgpu_cmd_ctx_create(d, 0, NULL, &ctx2, NULL), 0);
    CHECK(ctx != ctx2 && ctx && ctx2);
    CHECK_EQ(fake_gpu_ctx_count(&g), 2);
    CHECK_EQ(vgpu_cmd_resource_create_3d(d, &r3, &res, NULL), 0);
    CHECK(fake_gpu_res(&g, res) != NULL);
    CHECK_EQ(vgpu_cmd_ctx_attach_resource(d, ctx, res, NULL), 0);
    CHECK_EQ(vgpu_cmd_ctx_attach_resource(d, ctx, 4242, NULL), VG_ERR_DEV_INVALID_RESOURCE_ID);
    t.ctx_id = ctx;
    t.res_id = res;
    CHECK_EQ(vgpu_cmd_transfer_to_host_3d(d, &t, NULL), 0);
    CHECK_EQ(vgpu_cmd_transfer_from_host_3d(d, &t, NULL), 0);
    CHECK_EQ(g.transfers_3d, 2);
    /* a command stream split over two DMA ranges, with a fence */
    CHECK_EQ(up.ops.dma_alloc(up.ops.ctx, 4096, 4096, &sbuf), 0);
    stream = sbuf.va;
    stream[0] = 0xc0ffee01;
    sr[0].pa = sbuf.pa;
    sr[0].len = 64;
    sr[1].pa = sbuf.pa + 1024;
    sr[1].len = 32;
    {
        uint64_t f = 0;
        struct vgpu_async a = { .done = on_done, .fence = true, .fence_out = &f };
        CHECK_EQ(vgpu_cmd_submit_3d(d, ctx, sr, 2, &a), 0);
        vgpu_process(d);
        CHECK_EQ(done_calls, 1);
        CHECK_EQ(done_status[0], 0);
        CHECK_EQ(vgpu_fence_last_completed(d), f);
    }
    CHECK_EQ(g.submits, 1);
    CHECK_EQ(g.submit_size, 96);
    CHECK_EQ(g.submit_first_dword, 0xc0ffee01);
    CHECK_EQ(vgpu_cmd_submit_3d(d, 999, sr, 1, NULL), VG_ERR_DEV_INVALID_CONTEXT_ID);
    /* replay after a reset recreates contexts and their attachments */
    CHECK_EQ(vgpu_reset_and_restore(d), 0);
    CHECK_EQ(fake_gpu_ctx_count(&g), 2);
    CHECK(fake_gpu_res(&g, res) != NULL);
    CHECK_EQ(g.ctx_attached[0] + g.ctx_attached[1], 1);
    CHECK_EQ(vgpu_cmd_ctx_detach_resource(d, ctx, res, NULL), 0);
    CHECK_EQ(vgpu_cmd_ctx_destroy(d, ctx2, NULL), 0);
    CHECK_EQ(fake_gpu_ctx_count(&g), 1);
    CHECK_EQ(vgpu_cmd_ctx_destroy(d, ctx2, NULL), VG_ERR_DEV_INVALID_CONTEXT_ID);
    up.ops.dma_free(up.ops.ctx, &sbuf);
    vgpu_fini(d);
    CHECK_EQ(unit_platform_leaks(&up), 0);
    return true;
}

/* ---- threads: submitters, a "DPC" and the device all at once ---- */

#define THR_N 1500
static struct vgpu_dev *thr_dev;
static uint32_t thr_res;
static int thr_stop, thr_async_done, thr_async_bad, thr_sync_bad;
static uint64_t thr_fence_max;

static void thr_on_done(void *arg, int status, uint64_t fence, const void *resp, uint32_t len)
{
    (void)arg; (void)resp; (void)len;
    if (status || !fence)
        __atomic_fetch_add(&thr_async_bad, 1, __ATOMIC_SEQ_CST);
    __atomic_fetch_add(&thr_async_done, 1, __ATOMIC_SEQ_CST);
}

static void thr_on_fence(void *c, uint64_t f)
{
    uint64_t cur = __atomic_load_n(&thr_fence_max, __ATOMIC_SEQ_CST);
    (void)c;
    while (f > cur && !__atomic_compare_exchange_n(&thr_fence_max, &cur, f, false, __ATOMIC_SEQ_CST,
                                                   __ATOMIC_SEQ_CST))
        ;
}

/* The device and its interrupt path: process rings, then ISR + DPC. */
static void *thr_device(void *arg)
{
    (void)arg;
    while (!__atomic_load_n(&thr_stop, __ATOMIC_SEQ_CST)) {
        struct vgpu_dev *d = __atomic_load_n(&thr_dev, __ATOMIC_SEQ_CST);
        if (fake_gpu_run(&g) && d && vgpu_isr(d, 1))
            vgpu_process(d);
        sched_yield();
    }
    return NULL;
}

static void *thr_sync(void *arg)
{
    (void)arg;
    for (int i = 0; i < THR_N; i++) {
        struct vgpu_rect r = { 0, (uint32_t)(i % 32), 32, 1 };
        if (vgpu_cmd_resource_flush(thr_dev, thr_res, &r, NULL))
            __atomic_fetch_add(&thr_sync_bad, 1, __ATOMIC_SEQ_CST);
    }
    return NULL;
}

static void *thr_async(void *arg)
{
    (void)arg;
    for (int i = 0; i < THR_N; i++) {
        struct vgpu_async a = { .done = thr_on_done, .fence = true };
        int rc;
        while ((rc = vgpu_cmd_transfer_to_host_2d(thr_dev, thr_res, NULL, 0, &a)) == VG_ERR_BUSY)
            sched_yield(); /* full ring: retry after completions */
        if (rc)
            __atomic_fetch_add(&thr_async_bad, 1, __ATOMIC_SEQ_CST);
    }
    return NULL;
}

static bool test_vgpu_threads(void)
{
    struct vgpu_params p = params();
    pthread_t dev_t, s_t, a_t, a2_t;
    struct vgpu_dev *d;

    fresh();
    up.real_locks = true;
    g.deferred = true; /* only the device thread touches the rings */
    p.fence_done = thr_on_fence;
    p.timeout_ns = 10000000000ull;
    thr_stop = thr_async_done = thr_async_bad = thr_sync_bad = 0;
    thr_fence_max = 0;
    thr_dev = NULL;
    pthread_create(&dev_t, NULL, thr_device, NULL);
    CHECK_EQ(vgpu_init(&up.ops, &p, &d), 0);
    CHECK_EQ(vgpu_cmd_resource_create_2d(d, VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM, 32, 32, &thr_res, NULL), 0);
    __atomic_store_n(&thr_dev, d, __ATOMIC_SEQ_CST);
    pthread_create(&s_t, NULL, thr_sync, NULL);
    pthread_create(&a_t, NULL, thr_async, NULL);
    pthread_create(&a2_t, NULL, thr_async, NULL);
    pthread_join(s_t, NULL);
    pthread_join(a_t, NULL);
    pthread_join(a2_t, NULL);
    for (int i = 0; i < 2000000 && __atomic_load_n(&thr_async_done, __ATOMIC_SEQ_CST) < 2 * THR_N; i++)
        sched_yield();
    __atomic_store_n(&thr_stop, 1, __ATOMIC_SEQ_CST);
    pthread_join(dev_t, NULL);
    CHECK_EQ(thr_sync_bad, 0);
    CHECK_EQ(thr_async_bad, 0);
    CHECK_EQ(thr_async_done, 2 * THR_N);
    CHECK_EQ(vgpu_fence_last_emitted(d), 2 * THR_N);
    CHECK_EQ(vgpu_fence_last_completed(d), 2 * THR_N);
    CHECK_EQ(thr_fence_max, 2 * THR_N);
    CHECK_EQ(virtq_in_flight(d->ctrl.vq), 0);
    vgpu_fini(d);
    CHECK_EQ(unit_platform_leaks(&up), 0);
    return true;
}

int main(void)
{
    UNIT_RUN(test_vgpu_init_negotiation);
    UNIT_RUN(test_vgpu_init_failures);
    UNIT_RUN(test_vgpu_intx_mode);
    UNIT_RUN(test_vgpu_2d_pipeline);
    UNIT_RUN(test_vgpu_error_responses);
    UNIT_RUN(test_vgpu_async_fences);
    UNIT_RUN(test_vgpu_fence_wrap32_device);
    UNIT_RUN(test_vgpu_batched_doorbell);
    UNIT_RUN(test_vgpu_ring_full_busy);
    UNIT_RUN(test_vgpu_timeout);
    UNIT_RUN(test_vgpu_display_event);
    UNIT_RUN(test_vgpu_cursor);
    UNIT_RUN(test_vgpu_reset_and_restore);
    UNIT_RUN(test_vgpu_suspend_resume);
    UNIT_RUN(test_vgpu_reset_cancels_in_flight);
    UNIT_RUN(test_vgpu_churn_no_leak);
    UNIT_RUN(test_vgpu_virgl_3d);
    UNIT_RUN(test_vgpu_threads);
    return unit_exit();
}
