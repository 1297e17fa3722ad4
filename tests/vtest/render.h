/*
 * render.h — small scene helpers shared by the render test files
 * (virgl_render*.c): one connection per group of cases, each case in its
 * own sub-context with its own resources, pixel readback and checks.
 *
 * A case is a function `const char *fn(struct scene *s)` returning NULL on
 * success or a reason (static or from sc_why()); the runner prints
 * "ok - NAME" / "not ok - NAME: REASON" and, when the connection died,
 * appends the server's message and reconnects for the next case.
 */
#ifndef RENDER_H
#define RENDER_H

#include <stdbool.h>
#include <stdint.h>

#include "vtest.h"

#define SC_MAX_RES 32

struct scene {
    struct vtest *vt;
    struct virgl_enc *e;
    uint32_t next_obj;
    uint32_t sub;
    struct vtest_resource res[SC_MAX_RES];
    uint32_t nres;
    char why[1024];
};

/* Formats a failure reason into s->why and returns it. */
const char *sc_why(struct scene *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
uint32_t sc_obj(struct scene *s);
/* A resource owned by the case (released by the runner). */
struct vtest_resource *sc_res(struct scene *s, uint32_t target, uint32_t format, uint32_t bind,
                              uint32_t w, uint32_t h, uint32_t depth_or_layers,
                              uint32_t last_level);
/* A 2D render target + its surface handle. */
struct vtest_resource *sc_rt(struct scene *s, uint32_t format, uint32_t w, uint32_t h,
                             uint32_t *surf);
/* Blend off (mask RGBA), DSA off, rasterizer (depth clip, half-pixel,
 * optional extra S0 bits), viewport over w x h, framebuffer. */
int sc_basic_state(struct scene *s, uint32_t w, uint32_t h, uint32_t ncbufs,
                   const uint32_t *cbufs, uint32_t zsurf, uint32_t rs_extra);
/* Creates and binds a VS and FS from TGSI text (gs optional). */
int sc_shaders(struct scene *s, const char *vs, const char *gs, const char *fs);
/* The pass-through shaders for sc_vertices(): POSITION = IN[0],
 * GENERIC[0] = IN[1]; FS writes GENERIC[0] to COLOR[0]. */
extern const char *const sc_vs_pass, *const sc_fs_color;
/* Uploads vertices (n x nattrs float4) by encoded TRANSFER3D, creates the
 * vertex elements and sets vertex buffer 0. */
int sc_vertices(struct scene *s, const float *v, uint32_t n, uint32_t nattrs);
/* Buffer resource filled with `data` (uploaded by encoded TRANSFER3D). */
struct vtest_resource *sc_buffer(struct scene *s, uint32_t bind, const void *data,
                                 uint32_t size);
int sc_draw(struct scene *s, uint32_t mode, uint32_t start, uint32_t count);
/* Flushes, waits and reads level 0 of `r` into r->shm. */
int sc_read(struct scene *s, struct vtest_resource *r);
/* Pixel address in a read-back 2D resource. */
const uint8_t *sc_px(const struct vtest_resource *r, uint32_t x, uint32_t y);
/* Compares a BGRA8 pixel with b,g,r,a within tol; NULL when equal. */
const char *sc_expect_bgra(struct scene *s, const struct vtest_resource *r, uint32_t x,
                           uint32_t y, int b, int g, int rr, int a, int tol);

typedef const char *(*sc_case_fn)(struct scene *s);
struct sc_case {
    const char *name;
    sc_case_fn fn;
};
/* Runs cases on one server; returns the number of failures. */
int sc_run(struct vtest_server *srv, const struct sc_case *cases, uint32_t n);

/* Case lists of the other files. */
extern const struct sc_case sc_draw_cases[];
extern const uint32_t sc_draw_case_count;
/* Clear-every-format: runs its own per-format lines. */
int sc_run_format_clears(struct vtest_server *srv);
/* The quad-helper cases (virgl_render_vtq.c). */
int sc_run_vtq_cases(struct vtest_server *srv);

#endif /* RENDER_H */
