/*
 * vtest.c — vtest protocol client and private virgl_test_server runner.
 * API and rules: vtest.h.  Protocol facts (little-endian u32 everywhere):
 *   - a message is {len, id} + payload; len counts dwords, except
 *     CREATE_RENDERER whose len is the name's byte count (with NUL);
 *   - PING_PROTOCOL_VERSION {0,10} + BUSY_WAIT {2,7,0,0} probe a server
 *     that knows versions: replies {0,10} then {1,7,busy};
 *   - PROTOCOL_VERSION {1,11,v} -> {1,11,v'};
 *   - GET_CAPS2 {0,9} -> {caps_bytes+1, 2} + caps bytes;
 *   - RESOURCE_CREATE2 {11,12,...} -> (v2) an fd by SCM_RIGHTS for the shm;
 *   - TRANSFER_GET2/PUT2 {10,13|14,...} have no reply; BUSY_WAIT {2,7,h,1}
 *     -> {1,7,busy} once the host is done;
 *   - SUBMIT_CMD {n,6} + n dwords, no reply; a decode error closes the
 *     connection, which the next read sees as EOF.
 */
#define _GNU_SOURCE
#include "vtest.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "virgl/virgl_format.h"

#define VCMD_GET_CAPS2 9
#define VCMD_RESOURCE_CREATE2 12
#define VCMD_RESOURCE_UNREF 3
#define VCMD_SUBMIT_CMD 6
#define VCMD_RESOURCE_BUSY_WAIT 7
#define VCMD_CREATE_RENDERER 8
#define VCMD_PING_PROTOCOL_VERSION 10
#define VCMD_PROTOCOL_VERSION 11
#define VCMD_TRANSFER_GET2 13
#define VCMD_TRANSFER_PUT2 14

#define REPLY_TIMEOUT_MS 10000
#define ENC_DWORDS 16384

struct vtest_server {
    pid_t pid;
    char dir[64];
    char sock[96];
    char log[96];
    struct vtest_server *next;
};

struct vtest {
    struct vtest_server *srv;
    int fd;
    bool dead;
    uint32_t version;
    uint32_t next_handle;
    uint8_t *caps_raw;
    uint32_t caps_bytes;
    struct virgl_caps caps;
    struct vtest_resource fence;
    char name[64];       /* our context's name, as the server's log quotes it */
    int log_fd;          /* the server log, read from log_off for our errors */
    off_t log_off;
    char err[4096];
    struct virgl_enc enc;
    uint32_t enc_buf[ENC_DWORDS];
};

/* ---- server lifetime ------------------------------------------------------ */

static struct vtest_server *live_servers;
static bool hooks_installed;

static void stop_all(void)
{
    while (live_servers)
        vtest_server_stop(live_servers);
}

static void on_signal(int sig)
{
    /* Kill only our own children, then die of the same signal. */
    for (struct vtest_server *s = live_servers; s; s = s->next)
        if (s->pid > 0)
            kill(-s->pid, SIGKILL);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install_hooks(void)
{
    if (hooks_installed)
        return;
    hooks_installed = true;
    atexit(stop_all);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
    signal(SIGPIPE, SIG_IGN);   /* a dead server must give EPIPE, not kill us */
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int vtest_server_start(struct vtest_server **out)
{
    *out = NULL;
    install_hooks();
    struct vtest_server *s = calloc(1, sizeof(*s));
    if (!s)
        return VTEST_ENOMEM;
    snprintf(s->dir, sizeof(s->dir), "/tmp/vgvtest.XXXXXX");
    if (!mkdtemp(s->dir)) {
        free(s);
        return VTEST_ESPAWN;
    }
    snprintf(s->sock, sizeof(s->sock), "%s/vtest.sock", s->dir);
    snprintf(s->log, sizeof(s->log), "%s/server.log", s->dir);
    char sockarg[128];
    snprintf(sockarg, sizeof(sockarg), "--socket-path=%s", s->sock);

    pid_t pid = fork();
    if (pid < 0) {
        rmdir(s->dir);
        free(s);
        return VTEST_ESPAWN;
    }
    if (pid == 0) {
        /* Own process group, so stop() also reaches the renderer children
         * the server forks per connection; and die with us even if we are
         * SIGKILLed (a suite timeout). */
        setpgid(0, 0);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() == 1)
            _exit(126);
        int lfd = open(s->log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (lfd >= 0) {
            dup2(lfd, 1);
            dup2(lfd, 2);
            close(lfd);
        }
        int nfd = open("/dev/null", O_RDONLY);
        if (nfd >= 0) {
            dup2(nfd, 0);
            close(nfd);
        }
        /* One thread per draw is plenty for tests and much faster here. */
        setenv("LP_NUM_THREADS", getenv("LP_NUM_THREADS") ? getenv("LP_NUM_THREADS") : "0", 1);
        execlp("virgl_test_server", "virgl_test_server", "--use-egl-surfaceless", sockarg,
               (char *)NULL);
        fprintf(stderr, "exec virgl_test_server: %s\n", strerror(errno));
        _exit(127);
    }
    setpgid(pid, pid);   /* also here: no race with the child's own call */
    s->pid = pid;
    s->next = live_servers;
    live_servers = s;
    /* Wait for the socket to appear (the server binds before listening;
     * connect retries cover the gap). */
    double t0 = now_ms();
    struct stat st;
    while (stat(s->sock, &st) != 0) {
        int status;
        if (waitpid(pid, &status, WNOHANG) == pid) {
            s->pid = 0;
            *out = s;   /* keep it so the caller can read the log */
            return VTEST_ESPAWN;
        }
        if (now_ms() - t0 > 10000) {
            *out = s;
            return VTEST_ECONNECT;
        }
        usleep(2000);
    }
    *out = s;
    return 0;
}

bool vtest_server_alive(struct vtest_server *srv)
{
    if (!srv || srv->pid <= 0)
        return false;
    int status;
    if (waitpid(srv->pid, &status, WNOHANG) == srv->pid) {
        srv->pid = 0;
        return false;
    }
    return true;
}

void vtest_server_stop(struct vtest_server *srv)
{
    if (!srv)
        return;
    for (struct vtest_server **pp = &live_servers; *pp; pp = &(*pp)->next)
        if (*pp == srv) {
            *pp = srv->next;
            break;
        }
    if (srv->pid > 0) {
        /* The whole group: the server and its per-connection children. */
        kill(-srv->pid, SIGTERM);
        double t0 = now_ms();
        int status;
        while (waitpid(srv->pid, &status, WNOHANG) == 0) {
            if (now_ms() - t0 > 2000) {
                kill(-srv->pid, SIGKILL);
                waitpid(srv->pid, &status, 0);
                break;
            }
            usleep(2000);
        }
        kill(-srv->pid, SIGKILL);   /* stragglers of the group, if any */
        srv->pid = 0;
    }
    unlink(srv->sock);
    unlink(srv->log);
    rmdir(srv->dir);
    free(srv);
}

const char *vtest_server_log_tail(struct vtest_server *srv, unsigned max_lines)
{
    static char tail[3072];
    tail[0] = 0;
    if (!srv)
        return tail;
    FILE *f = fopen(srv->log, "rb");
    if (!f)
        return tail;
    static char buf[65536];
    if (fseek(f, 0, SEEK_END) == 0) {
        long sz = ftell(f);
        long start = sz > (long)sizeof(buf) - 1 ? sz - (long)sizeof(buf) + 1 : 0;
        fseek(f, start, SEEK_SET);
    }
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = 0;
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        buf[--n] = 0;
    /* Walk back max_lines newlines. */
    size_t i = n;
    unsigned lines = 0;
    while (i > 0) {
        if (buf[i - 1] == '\n' && ++lines >= max_lines)
            break;
        i--;
    }
    const char *src = buf + i;
    if (strlen(src) >= sizeof(tail))
        src += strlen(src) - (sizeof(tail) - 1);
    /* One line in a TAP report: newlines become " | ". */
    size_t o = 0;
    for (; *src && o + 4 < sizeof(tail); src++) {
        if (*src == '\n') {
            memcpy(tail + o, " | ", 3);
            o += 3;
        } else if (*src != '\r') {
            tail[o++] = *src;
        }
    }
    tail[o] = 0;
    return tail;
}

/* ---- connection ----------------------------------------------------------- */

static int fail(struct vtest *vt, int code, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    /* Let the server finish writing why it dropped us. */
    if (code == VTEST_EDISCONNECTED)
        usleep(20000);
    snprintf(vt->err, sizeof(vt->err), "%s; server log: %s", what,
             vtest_server_log_tail(vt->srv, 6));
    if (code == VTEST_EDISCONNECTED || code == VTEST_ETIMEOUT || code == VTEST_EPROTO)
        vt->dead = true;
    return code;
}

static int wr(struct vtest *vt, const void *p, size_t n)
{
    if (vt->dead)
        return VTEST_EDISCONNECTED;
    const char *c = p;
    while (n) {
        ssize_t r = send(vt->fd, c, n, MSG_NOSIGNAL);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return fail(vt, VTEST_EDISCONNECTED, "server closed the connection (write: %s)",
                        r < 0 ? strerror(errno) : "0 bytes");
        c += r;
        n -= (size_t)r;
    }
    return 0;
}

static int wait_readable(struct vtest *vt)
{
    struct pollfd pfd = { .fd = vt->fd, .events = POLLIN };
    for (;;) {
        int r = poll(&pfd, 1, REPLY_TIMEOUT_MS);
        if (r < 0 && errno == EINTR)
            continue;
        if (r == 0)
            return fail(vt, VTEST_ETIMEOUT, "no reply from the server in %d ms", REPLY_TIMEOUT_MS);
        return 0;
    }
}

static int rd(struct vtest *vt, void *p, size_t n)
{
    if (vt->dead)
        return VTEST_EDISCONNECTED;
    char *c = p;
    while (n) {
        int w = wait_readable(vt);
        if (w)
            return w;
        ssize_t r = recv(vt->fd, c, n, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return fail(vt, VTEST_EDISCONNECTED, "server closed the connection (%s)",
                        r < 0 ? strerror(errno) : "EOF");
        c += r;
        n -= (size_t)r;
    }
    return 0;
}

static int send_cmd(struct vtest *vt, uint32_t len, uint32_t id, const uint32_t *payload,
                    uint32_t ndw)
{
    uint32_t h[2] = { len, id };
    int r = wr(vt, h, sizeof(h));
    if (!r && ndw)
        r = wr(vt, payload, ndw * 4u);
    return r;
}

static int recv_fd(struct vtest *vt, int *out)
{
    if (vt->dead)
        return VTEST_EDISCONNECTED;
    int w = wait_readable(vt);
    if (w)
        return w;
    char c;
    struct iovec iov = { &c, 1 };
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } ctl;
    struct msghdr m = { 0 };
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = ctl.buf;
    m.msg_controllen = sizeof(ctl.buf);
    ssize_t r = recvmsg(vt->fd, &m, 0);
    if (r <= 0)
        return fail(vt, VTEST_EDISCONNECTED, "server closed the connection (waiting for shm fd)");
    struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
    if (!cm || cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS)
        return fail(vt, VTEST_EPROTO, "resource create reply carried no fd");
    memcpy(out, CMSG_DATA(cm), sizeof(int));
    return 0;
}

static int enc_flush(void *ctx, struct virgl_enc *e, const uint32_t *buf, uint32_t ndw)
{
    (void)e;
    return vtest_submit(ctx, buf, ndw);
}

static int handshake(struct vtest *vt)
{
    /* A name unique per connection, so its context errors can be told
     * apart in the shared server log. */
    static unsigned serial;
    snprintf(vt->name, sizeof(vt->name), "viogpu-vtest-%d-%u", (int)getpid(), ++serial);
    uint32_t nlen = (uint32_t)strlen(vt->name) + 1;
    uint32_t h[2] = { nlen, VCMD_CREATE_RENDERER };
    int r = wr(vt, h, 8);
    if (!r)
        r = wr(vt, vt->name, nlen);
    if (r)
        return r;
    /* Version probe, the way the server expects it. */
    uint32_t probe[6] = { 0, VCMD_PING_PROTOCOL_VERSION, 2, VCMD_RESOURCE_BUSY_WAIT, 0, 0 };
    if ((r = wr(vt, probe, sizeof(probe))))
        return r;
    uint32_t rep[3];
    if ((r = rd(vt, rep, 8)))
        return r;
    if (rep[1] != VCMD_PING_PROTOCOL_VERSION)
        return fail(vt, VTEST_EVERSION, "server does not answer PING_PROTOCOL_VERSION (got id %u)",
                    rep[1]);
    if ((r = rd(vt, rep, 12)))
        return r;
    uint32_t want = 2;
    if ((r = send_cmd(vt, 1, VCMD_PROTOCOL_VERSION, &want, 1)))
        return r;
    if ((r = rd(vt, rep, 12)))
        return r;
    if (rep[1] != VCMD_PROTOCOL_VERSION || rep[2] < 2)
        return fail(vt, VTEST_EVERSION, "server offers protocol %u, need 2", rep[2]);
    vt->version = rep[2];
    /* Caps. */
    if ((r = send_cmd(vt, 0, VCMD_GET_CAPS2, NULL, 0)))
        return r;
    if ((r = rd(vt, rep, 8)))
        return r;
    if (rep[0] < 1 || rep[0] > 1u << 20)
        return fail(vt, VTEST_EPROTO, "caps reply of %u bytes", rep[0]);
    vt->caps_bytes = rep[0] - 1;
    vt->caps_raw = malloc(vt->caps_bytes ? vt->caps_bytes : 1);
    if (!vt->caps_raw)
        return VTEST_ENOMEM;
    if ((r = rd(vt, vt->caps_raw, vt->caps_bytes)))
        return r;
    if (virgl_caps_parse(&vt->caps, vt->caps_raw, vt->caps_bytes))
        return fail(vt, VTEST_EPROTO, "caps blob of %u bytes does not parse", vt->caps_bytes);
    return 0;
}

int vtest_connect(struct vtest_server *srv, struct vtest **out)
{
    *out = NULL;
    struct vtest *vt = calloc(1, sizeof(*vt));
    if (!vt)
        return VTEST_ENOMEM;
    vt->srv = srv;
    vt->next_handle = 1;
    vt->fd = -1;
    vt->log_fd = open(srv->log, O_RDONLY | O_CLOEXEC);
    vt->log_off = vt->log_fd >= 0 ? lseek(vt->log_fd, 0, SEEK_END) : 0;
    virgl_enc_init(&vt->enc, vt->enc_buf, ENC_DWORDS, enc_flush, vt);
    *out = vt;
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    snprintf(a.sun_path, sizeof(a.sun_path), "%s", srv->sock);
    double t0 = now_ms();
    for (;;) {
        vt->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (vt->fd < 0)
            return fail(vt, VTEST_ECONNECT, "socket: %s", strerror(errno));
        if (connect(vt->fd, (struct sockaddr *)&a, sizeof(a)) == 0)
            break;
        int e = errno;
        close(vt->fd);
        vt->fd = -1;
        if (!vtest_server_alive(srv) || now_ms() - t0 > 10000) {
            vt->dead = true;
            return fail(vt, VTEST_ECONNECT, "connect %s: %s", srv->sock, strerror(e));
        }
        usleep(2000);
    }
    int r = handshake(vt);
    if (r)
        return r;
    /* A private 4-byte buffer to wait on: BUSY_WAIT needs a live handle. */
    vt->fence = (struct vtest_resource){ .target = VIRGL_TARGET_BUFFER,
                                         .format = VIRGL_FORMAT_R8_UNORM,
                                         .bind = VIRGL_BIND_CUSTOM, .width = 4, .height = 1,
                                         .depth = 1, .array_size = 1 };
    return vtest_resource_create(vt, &vt->fence);
}

void vtest_close(struct vtest *vt)
{
    if (!vt)
        return;
    if (vt->fence.shm)
        munmap(vt->fence.shm, vt->fence.shm_size);
    if (vt->fd >= 0)
        close(vt->fd);
    if (vt->log_fd >= 0)
        close(vt->log_fd);
    free(vt->caps_raw);
    free(vt);
}

bool vtest_dead(const struct vtest *vt)
{
    return !vt || vt->dead;
}

const char *vtest_error(const struct vtest *vt)
{
    return vt ? vt->err : "no connection";
}

uint32_t vtest_protocol_version(const struct vtest *vt)
{
    return vt->version;
}

const void *vtest_caps_raw(const struct vtest *vt, uint32_t *bytes)
{
    *bytes = vt->caps_bytes;
    return vt->caps_raw;
}

const struct virgl_caps *vtest_caps(const struct vtest *vt)
{
    return &vt->caps;
}

struct virgl_enc *vtest_encoder(struct vtest *vt)
{
    return &vt->enc;
}

/* ---- resources ------------------------------------------------------------ */

static uint32_t minify(uint32_t v, uint32_t level)
{
    v >>= level;
    return v ? v : 1;
}

static uint32_t layers_of(const struct vtest_resource *r, uint32_t level)
{
    uint32_t a = r->array_size ? r->array_size : 1;
    if (r->target == VIRGL_TARGET_3D)
        return minify(r->depth ? r->depth : 1, level);
    return a;
}

uint32_t vtest_level_stride(const struct vtest_resource *r, uint32_t level)
{
    if (r->target == VIRGL_TARGET_BUFFER)
        return r->width;
    return virgl_format_stride(r->format, minify(r->width, level));
}

uint32_t vtest_level_size(const struct vtest_resource *r, uint32_t level)
{
    if (r->target == VIRGL_TARGET_BUFFER)
        return r->width;
    uint32_t h = (r->target == VIRGL_TARGET_1D || r->target == VIRGL_TARGET_1D_ARRAY)
                     ? 1 : minify(r->height, level);
    return virgl_format_level_size(r->format, minify(r->width, level), h) * layers_of(r, level);
}

uint32_t vtest_level_offset(const struct vtest_resource *r, uint32_t level)
{
    uint32_t off = 0;
    for (uint32_t l = 0; l < level; l++)
        off += vtest_level_size(r, l);
    return off;
}

int vtest_resource_create(struct vtest *vt, struct vtest_resource *r)
{
    if (vt->dead)
        return VTEST_EDISCONNECTED;
    if (r->target != VIRGL_TARGET_BUFFER && !virgl_format_info(r->format))
        return fail(vt, VTEST_EINVAL, "resource format %u has no size in the format table",
                    r->format);
    uint32_t want = r->bind & (VIRGL_BIND_RENDER_TARGET | VIRGL_BIND_DEPTH_STENCIL |
                               VIRGL_BIND_SAMPLER_VIEW);
    if (r->target != VIRGL_TARGET_BUFFER && vt->caps.max_version &&
        (virgl_caps_format_binds(&vt->caps, r->format) & want) != want)
        /* The host would fail the create without a reply, leaving us to
         * time out; say why now instead. */
        return fail(vt, VTEST_EINVAL, "host caps do not list format %u (%s) for binds 0x%x",
                    r->format, virgl_format_name(r->format) ? virgl_format_name(r->format) : "?",
                    want);
    if (!r->depth)
        r->depth = 1;
    if (!r->array_size)
        r->array_size = 1;
    if (!r->height)
        r->height = 1;
    uint32_t size = vtest_level_offset(r, r->last_level + 1);
    r->handle = vt->next_handle++;
    uint32_t a[11] = { r->handle, r->target, r->format, r->bind, r->width, r->height,
                       r->depth, r->array_size, r->last_level, r->nr_samples, size };
    int e = send_cmd(vt, 11, VCMD_RESOURCE_CREATE2, a, 11);
    if (e)
        return e;
    r->shm = NULL;
    r->shm_size = size;
    if (!size)
        return 0;
    int fd = -1;
    if ((e = recv_fd(vt, &fd)))
        return e;
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return fail(vt, VTEST_ENOMEM, "mmap of a %u-byte shm: %s", size, strerror(errno));
    r->shm = p;
    return 0;
}

int vtest_resource_unref(struct vtest *vt, struct vtest_resource *r)
{
    if (r->shm)
        munmap(r->shm, r->shm_size);
    r->shm = NULL;
    if (!r->handle)
        return 0;
    uint32_t h = r->handle;
    r->handle = 0;
    return send_cmd(vt, 1, VCMD_RESOURCE_UNREF, &h, 1);
}

/* ---- submit / transfer / wait -------------------------------------------- */

int vtest_submit(struct vtest *vt, const uint32_t *dw, uint32_t ndw)
{
    if (!ndw)
        return 0;
    return send_cmd(vt, ndw, VCMD_SUBMIT_CMD, dw, ndw);
}

int vtest_busy_wait(struct vtest *vt, uint32_t handle, bool wait, bool *busy)
{
    uint32_t a[2] = { handle, wait ? 1u : 0u };
    int r = send_cmd(vt, 2, VCMD_RESOURCE_BUSY_WAIT, a, 2);
    if (r)
        return r;
    uint32_t rep[3];
    if ((r = rd(vt, rep, 12)))
        return r;
    if (rep[1] != VCMD_RESOURCE_BUSY_WAIT)
        return fail(vt, VTEST_EPROTO, "busy wait reply has id %u", rep[1]);
    if (busy)
        *busy = rep[2] != 0;
    return 0;
}

/* Some stream errors (an unknown resource in SET_VERTEX_BUFFERS, say) do
 * not close the connection: the host logs a context error, poisons the
 * context and silently drops all later work.  Look for such a line naming
 * our context in what the server logged since the last look. */
static int check_log(struct vtest *vt)
{
    struct stat st;
    if (vt->log_fd < 0 || fstat(vt->log_fd, &st) || st.st_size <= vt->log_off)
        return 0;
    size_t n = (size_t)(st.st_size - vt->log_off);
    char *buf = malloc(n + 1);
    if (!buf)
        return 0;
    ssize_t got = pread(vt->log_fd, buf, n, vt->log_off);
    if (got <= 0) {
        free(buf);
        return 0;
    }
    buf[got] = 0;
    vt->log_off += got;
    char quoted[80];
    snprintf(quoted, sizeof(quoted), "\"%s\"", vt->name);
    int r = 0;
    for (char *line = buf; line && *line;) {
        char *end = strchr(line, '\n');
        if (end)
            *end = 0;
        if (strstr(line, "context error") && strstr(line, quoted)) {
            snprintf(vt->err, sizeof(vt->err), "host reported a context error: %s", line);
            vt->dead = true;   /* the host drops everything after this */
            r = VTEST_ECONTEXT;
            break;
        }
        if (strstr(line, "failed to convert opcode") || strstr(line, "shader failed to compile") ||
            strstr(line, "dropping rendering due to missing shaders")) {
            snprintf(vt->err, sizeof(vt->err), "host refused a shader: %s", line);
            vt->dead = true;   /* later draws on this context read back nothing */
            r = VTEST_ESHADER;
            break;
        }
        line = end ? end + 1 : NULL;
    }
    free(buf);
    return r;
}

int vtest_finish(struct vtest *vt)
{
    int r = virgl_enc_flush(&vt->enc);
    if (r)
        return vt->enc.flush_error ? vt->enc.flush_error : r;
    r = vtest_busy_wait(vt, vt->fence.handle, true, NULL);
    if (!r)
        r = check_log(vt);
    return r;
}

static int transfer2(struct vtest *vt, uint32_t id, struct vtest_resource *r, uint32_t level,
                     const struct virgl_box *b, uint32_t offset)
{
    uint32_t a[10] = { r->handle, level, b->x, b->y, b->z, b->w, b->h, b->d, 0, offset };
    return send_cmd(vt, 10, id, a, 10);
}

int vtest_write(struct vtest *vt, struct vtest_resource *r, uint32_t level,
                const struct virgl_box *box, uint32_t offset)
{
    int e = virgl_enc_flush(&vt->enc);   /* keep stream order */
    if (e)
        return e;
    return transfer2(vt, VCMD_TRANSFER_PUT2, r, level, box, offset);
}

int vtest_read(struct vtest *vt, struct vtest_resource *r, uint32_t level,
               const struct virgl_box *box, uint32_t offset)
{
    int e = virgl_enc_flush(&vt->enc);
    if (e)
        return vt->enc.flush_error ? vt->enc.flush_error : e;
    if ((e = transfer2(vt, VCMD_TRANSFER_GET2, r, level, box, offset)))
        return e;
    return vtest_busy_wait(vt, r->handle, true, NULL);
}

int vtest_read_level(struct vtest *vt, struct vtest_resource *r, uint32_t level)
{
    struct virgl_box b = { 0, 0, 0, minify(r->width, level),
                           (r->target == VIRGL_TARGET_1D || r->target == VIRGL_TARGET_1D_ARRAY)
                               ? 1 : minify(r->height, level),
                           layers_of(r, level) };
    if (r->target == VIRGL_TARGET_BUFFER)
        b = (struct virgl_box){ 0, 0, 0, r->width, 1, 1 };
    return vtest_read(vt, r, level, &b, vtest_level_offset(r, level));
}

int vtest_wait_query(struct vtest *vt, uint32_t query, struct vtest_resource *qbuf,
                     uint32_t offset)
{
    if (!qbuf->shm || offset + sizeof(struct virgl_host_query_state) > qbuf->shm_size)
        return fail(vt, VTEST_EINVAL, "query buffer too small");
    volatile const struct virgl_host_query_state *st =
        (const void *)((const uint8_t *)qbuf->shm + offset);
    for (int i = 0; i < 200; i++) {
        int r = virgl_enc_get_query_result(&vt->enc, query, true);
        if (!r)
            r = vtest_finish(vt);
        if (r)
            return r;
        if (st->query_state == VIRGL_QUERY_STATE_DONE)
            return 0;
        usleep(i < 10 ? 100 : 10000);
    }
    return fail(vt, VTEST_ETIMEOUT, "query %u never finished (state %u)", query,
                st->query_state);
}
