/*
 * virgl_bench.c — encoder cost and submit round trips, each next to an
 * anchor measured the same way in the same run.
 *
 *   virgl_bench churn N     encode N state-churn draws (what a D3D10 app
 *                           changing most state per draw costs the UMD);
 *                           prints dwords per draw
 *   virgl_bench memcpy N    anchor for churn: copy the same number of
 *                           dwords per draw with memcpy
 *   virgl_bench roundtrip N  vtest: N x (SUBMIT of a clear + draw, then
 *                           BUSY_WAIT) against N x (BUSY_WAIT alone), on a
 *                           private virgl_test_server; prints both rates
 * bench/virgl_bench.sh runs churn/memcpy under callgrind at two N and
 * takes the difference, so start-up cost cancels out.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "virgl/virgl_enc.h"
#include "vtest/vtest.h"

static uint32_t buf[65536];
static uint64_t flushed;

static int discard(void *ctx, struct virgl_enc *e, const uint32_t *b, uint32_t n)
{
    (void)ctx;
    (void)e;
    (void)b;
    flushed += n;
    return 0;
}

/* One draw with the state a D3D10 app typically changes between draws. */
static void churn_draw(struct virgl_enc *e, uint32_t i)
{
    struct virgl_vertex_buffer vb[2] = { { 32, i * 32, 10 + (i & 3) }, { 16, 0, 20 } };
    uint32_t views[2] = { 100 + (i & 7), 108 };
    uint32_t samp[1] = { 200 + (i & 1) };
    uint32_t consts[16];
    for (uint32_t k = 0; k < 16; k++)
        consts[k] = i + k;
    struct virgl_viewport vp = { { 320, 240, 0.5f }, { 320, 240, 0.5f } };
    struct virgl_scissor sc = { 0, 0, 640, 480 };
    struct virgl_draw_info d = { .start = 0, .count = 36, .mode = VIRGL_PRIM_TRIANGLES,
                                 .indexed = 1, .instance_count = 1, .index_bias = (int32_t)i,
                                 .max_index = 35 };
    virgl_enc_bind_shader(e, 300 + (i & 3), VIRGL_SHADER_VERTEX);
    virgl_enc_bind_shader(e, 400 + (i & 3), VIRGL_SHADER_FRAGMENT);
    virgl_enc_bind_object(e, VIRGL_OBJECT_BLEND, 500 + (i & 1));
    virgl_enc_bind_object(e, VIRGL_OBJECT_DSA, 510 + (i & 1));
    virgl_enc_bind_object(e, VIRGL_OBJECT_RASTERIZER, 520);
    virgl_enc_bind_object(e, VIRGL_OBJECT_VERTEX_ELEMENTS, 530 + (i & 1));
    virgl_enc_set_vertex_buffers(e, 2, vb);
    virgl_enc_set_index_buffer(e, 30, 2, i * 72);
    virgl_enc_set_uniform_buffer(e, VIRGL_SHADER_VERTEX, 1, i * 256, 256, 40);
    virgl_enc_set_constant_buffer(e, VIRGL_SHADER_FRAGMENT, 0, 16, consts);
    virgl_enc_set_sampler_views(e, VIRGL_SHADER_FRAGMENT, 0, 2, views);
    virgl_enc_bind_sampler_states(e, VIRGL_SHADER_FRAGMENT, 0, 1, samp);
    virgl_enc_set_viewport_states(e, 0, 1, &vp);
    virgl_enc_set_scissor_states(e, 0, 1, &sc);
    virgl_enc_set_stencil_ref(e, (uint8_t)i, (uint8_t)i);
    virgl_enc_draw_vbo(e, &d);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int roundtrip(uint32_t n)
{
    struct vtest_server *srv;
    struct vtest *vt;
    if (vtest_server_start(&srv) || vtest_connect(srv, &vt)) {
        fprintf(stderr, "server: %s\n", vtest_server_log_tail(srv, 5));
        return 1;
    }
    struct vtest_resource rt = { .target = VIRGL_TARGET_2D, .format = VIRGL_FORMAT_B8G8R8A8_UNORM,
                                 .bind = VIRGL_BIND_RENDER_TARGET, .width = 64, .height = 64 };
    if (vtest_resource_create(vt, &rt))
        return 1;
    struct virgl_enc *e = vtest_encoder(vt);
    uint32_t surf = 1;
    float c[4] = { 0.2f, 0.4f, 0.6f, 1 };
    virgl_enc_create_surface(e, surf, rt.handle, rt.format, 0, 0, 0);
    virgl_enc_set_framebuffer_state(e, 1, &surf, 0);
    if (vtest_finish(vt))
        return 1;
    /* warm up */
    for (int i = 0; i < 100; i++) {
        virgl_enc_clear_f(e, VIRGL_CLEAR_COLOR0, c, 1.0, 0);
        vtest_finish(vt);
    }
    double t0 = now();
    for (uint32_t i = 0; i < n; i++)
        if (vtest_busy_wait(vt, rt.handle, true, NULL))
            return 1;
    double t1 = now();
    for (uint32_t i = 0; i < n; i++) {
        c[0] = (float)(i & 255) / 255.0f;
        virgl_enc_clear_f(e, VIRGL_CLEAR_COLOR0, c, 1.0, 0);
        if (vtest_finish(vt))
            return 1;
    }
    double t2 = now();
    printf("busy_wait alone (anchor): %.0f round trips/s (%.1f us)\n", n / (t1 - t0),
           (t1 - t0) / n * 1e6);
    printf("submit clear + busy_wait: %.0f round trips/s (%.1f us)\n", n / (t2 - t1),
           (t2 - t1) / n * 1e6);
    vtest_close(vt);
    vtest_server_stop(srv);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3)
        return fprintf(stderr, "usage: virgl_bench churn|memcpy|roundtrip N\n"), 2;
    uint32_t n = (uint32_t)strtoul(argv[2], NULL, 10);
    if (!strcmp(argv[1], "roundtrip"))
        return roundtrip(n);
    struct virgl_enc e;
    virgl_enc_init(&e, buf, 65536, discard, NULL);
    /* dwords one churn draw takes */
    churn_draw(&e, 0);
    uint32_t per = e.used;
    virgl_enc_reset(&e);
    if (!strcmp(argv[1], "churn")) {
        for (uint32_t i = 0; i < n; i++)
            churn_draw(&e, i);
        virgl_enc_flush(&e);
        printf("churn: %u draws, %u dwords per draw, %llu dwords flushed\n", n, per,
               (unsigned long long)flushed);
        return e.error ? 1 : 0;
    }
    if (!strcmp(argv[1], "memcpy")) {
        static uint32_t src[256];
        uint32_t used = 0;
        for (uint32_t i = 0; i < per; i++)
            src[i] = i * 2654435761u;
        for (uint32_t i = 0; i < n; i++) {
            if (used + per > 65536)
                used = 0;
            src[0] = i;
            memcpy(buf + used, src, per * 4);
            used += per;
            __asm__ volatile("" ::: "memory");   /* keep the copy */
        }
        printf("memcpy: %u draws x %u dwords\n", n, per);
        return 0;
    }
    return 2;
}
