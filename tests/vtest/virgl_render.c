/*
 * virgl_render.c — render tests through a real virgl_test_server
 * (llvmpipe): the runner and scene helpers (render.h), the caps check,
 * the negative controls, and main().  Draw cases are in
 * virgl_render_draw.c, the clear-every-format cases in
 * virgl_render_formats.c.  One server for the whole run; each case its own
 * TAP line.
 */
#define _GNU_SOURCE
#include "render.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virgl/virgl_format.h"
#include "vtq.h"

const char *const sc_vs_pass =
    "VERT\n"
    "DCL IN[0]\n"
    "DCL IN[1]\n"
    "DCL OUT[0], POSITION\n"
    "DCL OUT[1], GENERIC[0]\n"
    "  0: MOV OUT[0], IN[0]\n"
    "  1: MOV OUT[1], IN[1]\n"
    "  2: END\n";
const char *const sc_fs_color =
    "FRAG\n"
    "DCL IN[0], GENERIC[0], LINEAR\n"
    "DCL OUT[0], COLOR\n"
    "  0: MOV OUT[0], IN[0]\n"
    "  1: END\n";

const char *sc_why(struct scene *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->why, sizeof(s->why), fmt, ap);
    va_end(ap);
    return s->why;
}

uint32_t sc_obj(struct scene *s)
{
    return s->next_obj++;
}

struct vtest_resource *sc_res(struct scene *s, uint32_t target, uint32_t format, uint32_t bind,
                              uint32_t w, uint32_t h, uint32_t dl, uint32_t last_level)
{
    if (s->nres >= SC_MAX_RES)
        return NULL;
    struct vtest_resource *r = &s->res[s->nres];
    *r = (struct vtest_resource){ .target = target, .format = format, .bind = bind,
                                  .width = w, .height = h, .last_level = last_level,
                                  .depth = target == VIRGL_TARGET_3D ? dl : 1,
                                  .array_size = target == VIRGL_TARGET_3D ? 1 : dl };
    if (vtest_resource_create(s->vt, r))
        return NULL;
    s->nres++;
    return r;
}

struct vtest_resource *sc_rt(struct scene *s, uint32_t format, uint32_t w, uint32_t h,
                             uint32_t *surf)
{
    const struct virgl_format_desc *d = virgl_format_info(format);
    uint32_t bind = (d && (d->flags & VIRGL_FMT_DEPTH)) ? VIRGL_BIND_DEPTH_STENCIL
                                                        : VIRGL_BIND_RENDER_TARGET;
    struct vtest_resource *r = sc_res(s, VIRGL_TARGET_2D, format,
                                      bind | VIRGL_BIND_SAMPLER_VIEW, w, h, 1, 0);
    if (!r)
        return NULL;
    *surf = sc_obj(s);
    if (virgl_enc_create_surface(s->e, *surf, r->handle, format, 0, 0, 0))
        return NULL;
    return r;
}

int sc_basic_state(struct scene *s, uint32_t w, uint32_t h, uint32_t ncbufs,
                   const uint32_t *cbufs, uint32_t zsurf, uint32_t rs_extra)
{
    struct virgl_enc *e = s->e;
    struct virgl_blend_state bl = { 0 };
    for (int i = 0; i < VIRGL_MAX_COLOR_BUFS; i++)
        bl.rt[i].colormask = VIRGL_MASK_RGBA;
    uint32_t h1 = sc_obj(s), h2 = sc_obj(s), h3 = sc_obj(s);
    struct virgl_dsa_state dsa = { 0 };
    struct virgl_rasterizer_state rs = {
        .s0 = VIRGL_RS_S0_DEPTH_CLIP | VIRGL_RS_S0_HALF_PIXEL_CENTER | rs_extra,
        .point_size = 1.0f, .line_width = 1.0f };
    struct virgl_viewport vp = { { w / 2.0f, h / 2.0f, 0.5f }, { w / 2.0f, h / 2.0f, 0.5f } };
    virgl_enc_create_blend(e, h1, &bl);
    virgl_enc_bind_object(e, VIRGL_OBJECT_BLEND, h1);
    virgl_enc_create_dsa(e, h2, &dsa);
    virgl_enc_bind_object(e, VIRGL_OBJECT_DSA, h2);
    virgl_enc_create_rasterizer(e, h3, &rs);
    virgl_enc_bind_object(e, VIRGL_OBJECT_RASTERIZER, h3);
    virgl_enc_set_viewport_states(e, 0, 1, &vp);
    return virgl_enc_set_framebuffer_state(e, ncbufs, cbufs, zsurf);
}

int sc_shaders(struct scene *s, const char *vs, const char *gs, const char *fs)
{
    uint32_t hv = sc_obj(s), hg = sc_obj(s), hf = sc_obj(s);
    virgl_enc_create_shader_str(s->e, hv, VIRGL_SHADER_VERTEX, vs, NULL);
    virgl_enc_bind_shader(s->e, hv, VIRGL_SHADER_VERTEX);
    if (gs) {
        virgl_enc_create_shader_str(s->e, hg, VIRGL_SHADER_GEOMETRY, gs, NULL);
        virgl_enc_bind_shader(s->e, hg, VIRGL_SHADER_GEOMETRY);
    }
    virgl_enc_create_shader_str(s->e, hf, VIRGL_SHADER_FRAGMENT, fs, NULL);
    return virgl_enc_bind_shader(s->e, hf, VIRGL_SHADER_FRAGMENT);
}

struct vtest_resource *sc_buffer(struct scene *s, uint32_t bind, const void *data, uint32_t size)
{
    struct vtest_resource *r = sc_res(s, VIRGL_TARGET_BUFFER, VIRGL_FORMAT_R8_UNORM, bind, size,
                                      1, 1, 0);
    if (!r)
        return NULL;
    if (data)
        memcpy(r->shm, data, size);
    else
        memset(r->shm, 0, size);
    struct virgl_box b = { 0, 0, 0, size, 1, 1 };
    if (virgl_enc_transfer3d(s->e, r->handle, 0, 0, &b, 0, 0, 0, VIRGL_TRANSFER_TO_HOST))
        return NULL;
    return r;
}

int sc_vertices(struct scene *s, const float *v, uint32_t n, uint32_t nattrs)
{
    struct vtest_resource *vb = sc_buffer(s, VIRGL_BIND_VERTEX_BUFFER, v, n * nattrs * 16);
    if (!vb)
        return -1;
    struct virgl_vertex_element ve[8];
    for (uint32_t i = 0; i < nattrs; i++)
        ve[i] = (struct virgl_vertex_element){ 16 * i, 0, 0, VIRGL_FORMAT_R32G32B32A32_FLOAT };
    uint32_t h = sc_obj(s);
    virgl_enc_create_vertex_elements(s->e, h, nattrs, ve);
    virgl_enc_bind_object(s->e, VIRGL_OBJECT_VERTEX_ELEMENTS, h);
    struct virgl_vertex_buffer b = { 16 * nattrs, 0, vb->handle };
    return virgl_enc_set_vertex_buffers(s->e, 1, &b);
}

int sc_draw(struct scene *s, uint32_t mode, uint32_t start, uint32_t count)
{
    struct virgl_draw_info d = { .start = start, .count = count, .mode = mode,
                                 .instance_count = 1, .max_index = start + count - 1 };
    return virgl_enc_draw_vbo(s->e, &d);
}

int sc_read(struct scene *s, struct vtest_resource *r)
{
    return vtest_read_level(s->vt, r, 0);
}

const uint8_t *sc_px(const struct vtest_resource *r, uint32_t x, uint32_t y)
{
    return (const uint8_t *)r->shm + (size_t)y * vtest_level_stride(r, 0) +
           (size_t)x * (vtest_level_stride(r, 0) / r->width);
}

const char *sc_expect_bgra(struct scene *s, const struct vtest_resource *r, uint32_t x,
                           uint32_t y, int b, int g, int rr, int a, int tol)
{
    const uint8_t *p = sc_px(r, x, y);
    int want[4] = { b, g, rr, a };
    for (int i = 0; i < 4; i++)
        if (want[i] >= 0 && abs(p[i] - want[i]) > tol)
            return sc_why(s, "pixel (%u,%u) is BGRA %u,%u,%u,%u, want %d,%d,%d,%d", x, y, p[0],
                          p[1], p[2], p[3], b, g, rr, a);
    return NULL;
}

/* ---- runner --------------------------------------------------------------- */

static int connect_scene(struct vtest_server *srv, struct scene *s)
{
    vtest_close(s->vt);
    s->vt = NULL;
    if (vtest_connect(srv, &s->vt))
        return -1;
    s->e = vtest_encoder(s->vt);
    return 0;
}

static void release(struct scene *s)
{
    for (uint32_t i = 0; i < s->nres; i++)
        vtest_resource_unref(s->vt, &s->res[i]);
    s->nres = 0;
}

int sc_run(struct vtest_server *srv, const struct sc_case *cases, uint32_t n)
{
    static struct scene s;
    int failed = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (!s.vt || vtest_dead(s.vt)) {
            if (connect_scene(srv, &s)) {
                printf("not ok - %s: cannot connect: %s\n", cases[i].name, vtest_error(s.vt));
                failed++;
                continue;
            }
            s.next_obj = 1;
        }
        s.why[0] = 0;
        s.sub = ++s.next_obj;
        virgl_enc_reset(s.e);
        virgl_enc_create_sub_ctx(s.e, s.sub);
        virgl_enc_set_sub_ctx(s.e, s.sub);
        const char *why = cases[i].fn(&s);
        if (!why && virgl_enc_error(s.e))
            why = sc_why(&s, "encoder error %d", virgl_enc_error(s.e));
        /* Tear the sub-context down whatever happened, so a failed case
         * leaves nothing bound for the next one. */
        if (!vtest_dead(s.vt)) {
            s.e->error = 0;
            virgl_enc_set_sub_ctx(s.e, 0);
            virgl_enc_destroy_sub_ctx(s.e, s.sub);
            if (vtest_finish(s.vt) && !why)
                why = "finish failed";
        }
        if (vtest_dead(s.vt)) {
            printf("not ok - %s: %s; connection: %s\n", cases[i].name, why ? why : "",
                   vtest_error(s.vt));
            failed++;
        } else if (why) {
            printf("not ok - %s: %s\n", cases[i].name, why);
            failed++;
        } else {
            printf("ok - %s\n", cases[i].name);
        }
        fflush(stdout);
        if (!vtest_dead(s.vt)) {
            virgl_enc_reset(s.e);
            release(&s);
        } else {
            s.nres = 0;   /* the server dropped them with the connection */
        }
        /* Each case starts with a clean encoder error. */
        s.e->error = 0;
    }
    vtest_close(s.vt);
    s.vt = NULL;
    return failed;
}

/* ---- caps and negative controls -------------------------------------------- */

static int caps_checks(struct vtest_server *srv)
{
    struct vtest *vt;
    int failed = 0;
    if (vtest_connect(srv, &vt)) {
        printf("not ok - vtest handshake and caps: %s\n", vtest_error(vt));
        vtest_close(vt);
        return 1;
    }
    const struct virgl_caps *c = vtest_caps(vt);
    uint32_t bytes;
    vtest_caps_raw(vt, &bytes);
    if (vtest_protocol_version(vt) < 2 || !c->has_v2 || c->max_version < 2 ||
        c->glsl_level < 330 || c->max_render_targets < 8 ||
        !(virgl_caps_format_binds(c, VIRGL_FORMAT_B8G8R8A8_UNORM) & VIRGL_BIND_RENDER_TARGET) ||
        !virgl_format_for_host(c, 45 /* D24_UNORM_S8_UINT */, VIRGL_BIND_DEPTH_STENCIL) ||
        !(c->bset & VIRGL_BSET_OCCLUSION_QUERY)) {
        printf("not ok - vtest handshake and caps: protocol %u, %u caps bytes, max_version %u, "
               "glsl %u, %u RTs\n", vtest_protocol_version(vt), bytes, c->max_version,
               c->glsl_level, c->max_render_targets);
        failed++;
    } else {
        printf("ok - vtest handshake and caps (protocol %u, %u caps bytes, glsl %u, %u RTs)\n",
               vtest_protocol_version(vt), bytes, c->glsl_level, c->max_render_targets);
    }
    vtest_close(vt);
    return failed;
}

/* A stream the host cannot decode must come back as a failure carrying the
 * server's own words, and must not hide behind a later success. */
static int negative_controls(struct vtest_server *srv)
{
    int failed = 0;
    struct vtest *vt;
    if (vtest_connect(srv, &vt)) {
        printf("not ok - negative control: corrupted stream: %s\n", vtest_error(vt));
        vtest_close(vt);
        return 1;
    }
    /* CLEAR with a 7-dword payload (the host wants 8). */
    uint32_t bad[8] = { VIRGL_CMD0(VIRGL_CCMD_CLEAR, 0, 7), VIRGL_CLEAR_COLOR0, 0, 0, 0, 0, 0, 0 };
    int r = vtest_submit(vt, bad, 8);
    if (!r)
        r = vtest_finish(vt);
    const char *msg = vtest_error(vt);
    if (r == VTEST_EDISCONNECTED && strstr(msg, "COMMAND_DISPATCH")) {
        const char *p = strstr(msg, "server log:");
        printf("ok - negative control: corrupted stream reported (%.160s)\n", p ? p : msg);
    } else {
        printf("not ok - negative control: corrupted stream: result %d, message: %s\n", r, msg);
        failed++;
    }
    vtest_close(vt);

    /* A stream error the host only logs: the connection stays open but
     * the context is poisoned; vtest_finish must still fail with the log
     * line. */
    if (vtest_connect(srv, &vt)) {
        printf("not ok - negative control: logged context error: %s\n", vtest_error(vt));
        failed++;
    } else {
        struct virgl_vertex_buffer vb = { 16, 0, 4242 };
        virgl_enc_set_vertex_buffers(vtest_encoder(vt), 1, &vb);
        r = vtest_finish(vt);
        msg = vtest_error(vt);
        if (r == VTEST_ECONTEXT && strstr(msg, "4242")) {
            printf("ok - negative control: logged context error reported (%.160s)\n", msg);
        } else {
            printf("not ok - negative control: logged context error: result %d, message: %s\n", r,
                   msg);
            failed++;
        }
    }
    vtest_close(vt);

    /* Bad TGSI through the quad helper: the failure carries the compiler's
     * complaint, and the next draw on the same helper works again. */
    struct vtq *q;
    if (vtq_open(&q)) {
        printf("not ok - negative control: bad shader: %s\n", vtq_error(q));
        return failed + 1;
    }
    struct vtq_desc d = { .fs = "FRAG\nDCL OUT[0], COLOR\n  0: FROB OUT[0], IN[9]\n  1: END\n",
                          .width = 4, .height = 4 };
    struct vtq_result res;
    r = vtq_draw(q, &d, &res);
    if (r && strstr(vtq_error(q), "failed to dispatch")) {
        printf("ok - negative control: bad shader reported\n");
    } else {
        printf("not ok - negative control: bad shader: draw returned %d: %s\n", r, vtq_error(q));
        failed++;
        if (!r)
            vtq_result_free(&res);
    }
    /* TGSI the host parses but cannot turn into GLSL (virglrenderer 0.10.4
     * has no SWITCH): it only logs that and draws nothing, so without the
     * log check this draw would "succeed" with an empty render target. */
    d.fs = "FRAG\nDCL OUT[0], COLOR\nIMM[0] INT32 {1, 0, 0, 0}\n"
           "  0: SWITCH IMM[0].xxxx\n  1: CASE IMM[0].xxxx\n  2: MOV OUT[0], IMM[0]\n"
           "  3: BRK\n  4: ENDSWITCH\n  5: END\n";
    r = vtq_draw(q, &d, &res);
    if (r == VTEST_ESHADER && strstr(vtq_error(q), "refused a shader")) {
        printf("ok - negative control: shader the host refuses is reported (%.120s)\n", vtq_error(q));
    } else {
        printf("not ok - negative control: refused shader: draw returned %d: %s\n", r, vtq_error(q));
        failed++;
        if (!r)
            vtq_result_free(&res);
    }
    d.fs = NULL;
    r = vtq_draw(q, &d, &res);
    const uint8_t *px = r ? NULL : vtq_pixel(&res, 0, 2, 2);
    if (px && px[0] == 0 && px[1] == 0 && px[2] == 0 && px[3] == 255) {
        printf("ok - quad helper recovers after a failed draw\n");
    } else {
        printf("not ok - quad helper recovers after a failed draw: %d %s\n", r, vtq_error(q));
        failed++;
    }
    if (!r)
        vtq_result_free(&res);
    vtq_close(q);
    return failed;
}

int main(void)
{
    struct vtest_server *srv;
    int r = vtest_server_start(&srv);
    if (r) {
        printf("not ok - start virgl_test_server: error %d; log: %s\n", r,
               vtest_server_log_tail(srv, 10));
        vtest_server_stop(srv);
        return 1;
    }
    int failed = caps_checks(srv);
    failed += sc_run(srv, sc_draw_cases, sc_draw_case_count);
    failed += sc_run_vtq_cases(srv);
    failed += sc_run_format_clears(srv);
    failed += negative_controls(srv);
    if (!vtest_server_alive(srv)) {
        printf("not ok - server survived the run: %s\n", vtest_server_log_tail(srv, 10));
        failed++;
    }
    vtest_server_stop(srv);
    return failed ? 1 : 0;
}
