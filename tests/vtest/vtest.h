/*
 * vtest.h — a client of virglrenderer's vtest protocol (v2 and up, shared
 * memory backings) that runs a private virgl_test_server.  Native Linux,
 * test-only.
 *
 * How to use it:
 *   struct vtest_server *srv;
 *   struct vtest *vt;
 *   if (vtest_server_start(&srv) || vtest_connect(srv, &vt))
 *       { report vtest_error(vt) / vtest_server_log_tail(srv, 10) }
 *   struct vtest_resource rt = { .target = VIRGL_TARGET_2D, .format = ...,
 *                                .bind = VIRGL_BIND_RENDER_TARGET, .width = 64,
 *                                .height = 64, .depth = 1, .array_size = 1 };
 *   vtest_resource_create(vt, &rt);          // fills rt.handle, rt.shm, rt.shm_size
 *   struct virgl_enc *e = vtest_encoder(vt); // or vtest_submit(vt, dwords, n)
 *   ... virgl_enc_* (e, ...) ...
 *   vtest_read_level(vt, &rt, 0);            // flush, TRANSFER_GET2, wait: pixels in rt.shm
 *   vtest_close(vt);  vtest_server_stop(srv);
 *
 * The server is started with
 *   virgl_test_server --use-egl-surfaceless --socket-path=DIR/vtest.sock
 * in a fresh temporary directory, its stdout/stderr going to DIR/server.log,
 * and LP_NUM_THREADS=0 unless the caller's environment sets it.
 * The server runs in its own process group with PR_SET_PDEATHSIG, so it
 * dies with the test process even on SIGKILL.  vtest_server_stop() kills
 * the group (server + per-connection children), reaps it and removes DIR;
 * an atexit handler and SIGINT/SIGTERM/SIGHUP handlers do the same for
 * servers still running, so a crashing test never leaves one behind.  Several connections to one server are fine (the
 * server forks a renderer per connection).
 *
 * Errors: every call returns 0 or a negative VTEST_E*.  After a failure,
 * vtest_error(vt) holds one line saying what went wrong followed by the
 * last lines the server printed (e.g. "client failed:
 * VTEST_CLIENT_ERROR_COMMAND_DISPATCH" or a vrend context error), so a test
 * can print it in its "not ok" line.  A closed connection, 10 s without
 * an expected reply, or an out-of-step reply makes the connection dead:
 * every later call fails with VTEST_EDISCONNECTED; open a new one with
 * vtest_connect().  A resource whose format the caps do not list for its
 * binds is refused locally (VTEST_EINVAL, connection still usable): the
 * host would fail it without any reply.
 *
 * Transfers: vtest_write/vtest_read use the host's default layout (rows of
 * the whole level, tightly packed) starting at `offset` in the backing;
 * whole-level transfers at vtest_level_offset() match the shm layout.
 *
 * Handles: resource handles are assigned by this client (v2 protocol).
 */
#ifndef VTEST_H
#define VTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "virgl/virgl_caps.h"
#include "virgl/virgl_enc.h"

#define VTEST_ESPAWN        (-100)  /* could not start the server */
#define VTEST_ECONNECT      (-101)  /* socket never appeared / connect failed */
#define VTEST_EDISCONNECTED (-102)  /* server closed the connection (decode error, crash) */
#define VTEST_EPROTO        (-103)  /* unexpected reply */
#define VTEST_ENOMEM        (-104)
#define VTEST_EINVAL        (-105)
#define VTEST_ETIMEOUT      (-106)  /* no reply within the timeout */
#define VTEST_EVERSION      (-107)  /* server below protocol v2 */
#define VTEST_ECONTEXT      (-108)  /* host logged a context error for us (work dropped) */
#define VTEST_ESHADER       (-109)  /* host refused a shader (GLSL conversion/compile), logged only */

struct vtest_server;
struct vtest;

int vtest_server_start(struct vtest_server **out);
void vtest_server_stop(struct vtest_server *srv);          /* idempotent, NULL ok */
/* The last `max_lines` lines of the server log (static buffer, overwritten
 * by the next call). */
const char *vtest_server_log_tail(struct vtest_server *srv, unsigned max_lines);
/* True while the server main process is alive. */
bool vtest_server_alive(struct vtest_server *srv);

/* Connects, sends CREATE_RENDERER, negotiates the protocol (>= 2 required)
 * and fetches the caps (GET_CAPS2). */
int vtest_connect(struct vtest_server *srv, struct vtest **out);
void vtest_close(struct vtest *vt);                        /* NULL ok */
const char *vtest_error(const struct vtest *vt);
/* True once the connection is unusable (closed, timed out, out of step). */
bool vtest_dead(const struct vtest *vt);
uint32_t vtest_protocol_version(const struct vtest *vt);
/* Raw caps blob and its parsed form. */
const void *vtest_caps_raw(const struct vtest *vt, uint32_t *bytes);
const struct virgl_caps *vtest_caps(const struct vtest *vt);

struct vtest_resource {
    /* in */
    uint32_t target, format, bind;
    uint32_t width, height, depth, array_size, last_level, nr_samples;
    /* out */
    uint32_t handle;
    void *shm;               /* the backing, mapped; NULL when shm_size is 0 */
    uint32_t shm_size;       /* bytes: all levels/layers tightly packed */
};
/* Creates the resource with a shared-memory backing large enough for every
 * level and layer, laid out tightly (see vtest_level_offset). */
int vtest_resource_create(struct vtest *vt, struct vtest_resource *r);
int vtest_resource_unref(struct vtest *vt, struct vtest_resource *r);
/* Byte offset of a mip level in the backing, and its row pitch. */
uint32_t vtest_level_offset(const struct vtest_resource *r, uint32_t level);
uint32_t vtest_level_stride(const struct vtest_resource *r, uint32_t level);
uint32_t vtest_level_size(const struct vtest_resource *r, uint32_t level);

int vtest_submit(struct vtest *vt, const uint32_t *dw, uint32_t ndw);
/* Waits for everything submitted so far to finish (BUSY_WAIT on a private
 * fence resource); this is also where a closed connection is noticed, and
 * where a context error the host only logged (it poisons the context and
 * drops later work without closing the connection, e.g. an unknown
 * resource in SET_VERTEX_BUFFERS) becomes VTEST_ECONTEXT with the log line
 * in vtest_error(); a shader the host could not convert or compile (it
 * only logs that, and then draws nothing) becomes VTEST_ESHADER.  Either
 * way the connection is then dead: the next one starts clean.  The
 * shader lines name no context, so this assumes one connection at a time
 * per server, which is how the test hosts use it. */
int vtest_finish(struct vtest *vt);
int vtest_busy_wait(struct vtest *vt, uint32_t handle, bool wait, bool *busy);
/* shm -> resource (TRANSFER_PUT2) and resource -> shm (TRANSFER_GET2), at
 * `offset` bytes of the backing.  vtest_read also waits, so the data is
 * in r->shm when it returns 0. */
int vtest_write(struct vtest *vt, struct vtest_resource *r, uint32_t level,
                const struct virgl_box *box, uint32_t offset);
int vtest_read(struct vtest *vt, struct vtest_resource *r, uint32_t level,
               const struct virgl_box *box, uint32_t offset);
/* Asks for a query's result (GET_QUERY_RESULT) until the host has written
 * a DONE struct virgl_host_query_state at `offset` of `qbuf`'s backing.
 * The host answers GET_QUERY_RESULT only with what is ready and finishes
 * pending queries while it polls fences, so this repeats submit + wait (up
 * to ~2 s).  The query object must stay alive until this returns. */
int vtest_wait_query(struct vtest *vt, uint32_t query, struct vtest_resource *qbuf,
                     uint32_t offset);
/* Reads a whole level into the backing at its level offset. */
int vtest_read_level(struct vtest *vt, struct vtest_resource *r, uint32_t level);

/* An encoder whose flush callback submits to this connection (buffer of
 * `cap_dw` dwords owned by vt).  Flush with virgl_enc_flush(). */
struct virgl_enc *vtest_encoder(struct vtest *vt);

#endif /* VTEST_H */
