/*
 * sm4_run — executes DXBC shaders on a real virgl_test_server: each DXBC
 * is parsed and translated by src/sm4, then drawn through the vtest quad
 * helper (tests/vtest/vtq.h).  It computes nothing itself: it prints the
 * raw result dwords and run_corpus.py compares them with values it
 * computes independently.
 *
 * Input (a job file, or stdin), one directive per line:
 *   draw NAME                 start a draw (resets everything below)
 *   vs|gs|ps PATH.dxbc        shaders (vs is required; ps optional)
 *   size W H                  render target size (default 4 4)
 *   rt u32|f32                render target format (default u32)
 *   rts N                     number of render targets (default 1)
 *   cb vs|gs|ps SLOT HEX...   D3D constant buffer SLOT contents (dwords)
 *   tex T# TARGET FORMAT W H D LEVELS FILTER WRAP HEX...
 *                             PS resource t# (texture data as dwords);
 *                             bound to every unit that samples t#
 *                             (TARGET 0 = buffer SRV of W elements)
 *   texcmp T# FUNC            comparison sampling for t# (PIPE_FUNC_*)
 *   texms T# SAMPLES [MASK HEX HEX HEX HEX]
 *                             t# is multisampled; every sample is cleared
 *                             to the first 4 data dwords, then the samples
 *                             in MASK (hex) get the 4 dwords given here
 *   depth FUNC CLEAR          Z32_FLOAT depth attachment cleared to CLEAR
 *                             (float), depth test FUNC (PIPE_FUNC_*)
 *   verts PRIM NV NATTR HEX...  custom vertices (float4 attrs, as bits)
 *   instances N
 *   so STRIDE_DW REG:START:COUNT:OFFSET ...   stream output of o# REG (buffer 0)
 *   sosize BYTES
 *   discard                   rasterizer discard
 *   clipenable HEXMASK        rasterizer clip_plane_enable
 *   rast N                    the sample count a UMD reports for the
 *                             rasterizer operand (sm4_tgsi_options.rast_cb);
 *                             the target itself stays single-sampled
 *   probe X Y                 print every render target's pixel (x, y)
 *   go                        run the draw
 * Output, per draw: "ok NAME" then "px NAME X Y RT h0 h1 h2 h3" per probe
 * (plus "dp NAME X Y h" with a depth attachment) and "so NAME PRIMS h..."
 * for stream output; or "err NAME: reason".
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sm4/sm4.h"
#include "../vtest/vtest.h"
#include "../vtest/vtq.h"

static void *p_alloc(void *ctx, size_t n)
{
    (void)ctx;
    return calloc(1, n ? n : 1);
}

static void p_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

static const struct vg_platform plat = { .alloc = p_alloc, .free = p_free };
static struct vtest_server *g_srv;

/* Refused shaders and context errors need nothing here: vtest_finish turns
 * the host's log lines for them into a failed draw (VTEST_ESHADER /
 * VTEST_ECONTEXT) and vtq reconnects before the next draw.  A failed draw
 * prints the server's last log lines too, since a GLSL compile error's
 * details are logged on the lines before "shader failed to compile". */
static void print_flat(const char *s)
{
    for (const char *c = s; *c; c++)
        putchar(*c == '\n' ? '|' : *c);
}

#define MAXP 64
#define MAXTEX 8
#define RAST_CB 15 /* TGSI constant buffer of the rasterizer sample count */

struct shader {
    char path[512];
    struct sm4_tgsi tg;
    bool loaded;
};

struct job {
    char name[128];
    struct shader sh[3]; /* vs, gs, ps */
    uint32_t w, h, rt_fmt, num_rts;
    uint32_t *cb[3][14];
    uint32_t cb_dw[3][14];
    struct {
        bool used;
        uint32_t target, format, w, h, d, levels, filter, wrap, cmp_func, samples;
        uint32_t ms_mask, ms_val[4];
        bool cmp;
        uint32_t *data;
    } tex[MAXTEX];
    float *verts;
    uint32_t prim, nv, nattr, instances;
    struct virgl_so_info so;
    bool has_so;
    uint32_t so_bytes;
    bool discard;
    uint32_t clip_enable;
    uint32_t rast[4];     /* CONST[RAST_CB][0] of every stage (the render target's sample count) */
    uint32_t depth_func;
    float clear_depth;
    bool has_depth;
    uint32_t probes[MAXP][2];
    uint32_t nprobes;
};

static void job_reset(struct job *j)
{
    for (int s = 0; s < 3; s++) {
        if (j->sh[s].loaded)
            sm4_tgsi_release(&plat, &j->sh[s].tg);
        for (int b = 0; b < 14; b++)
            free(j->cb[s][b]);
    }
    for (int t = 0; t < MAXTEX; t++)
        free(j->tex[t].data);
    free(j->verts);
    memset(j, 0, sizeof(*j));
    j->w = j->h = 4;
    j->rt_fmt = VIRGL_FORMAT_R32G32B32A32_UINT;
    j->num_rts = 1;
}

static int load_shader(struct shader *s, char *why, size_t cap)
{
    FILE *f = fopen(s->path, "rb");
    if (!f) {
        snprintf(why, cap, "cannot open %s", s->path);
        return -1;
    }
    static uint32_t buf[1 << 18];
    size_t n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    struct sm4_dxbc dx;
    int rc = sm4_dxbc_parse(buf, (uint32_t)n, &dx);
    if (rc) {
        snprintf(why, cap, "%s: %s", s->path, sm4_strerror(rc));
        return -1;
    }
    struct sm4_program *p;
    struct sm4_error err;
    rc = sm4_program_parse(&plat, dx.shdr, dx.shdr_dwords, &p, &err);
    if (rc) {
        snprintf(why, cap, "%s: %s", s->path, err.msg);
        return -1;
    }
    /* D3D cb N is CONST[N + 1]; the render target's sample count (the
     * rasterizer operand) goes in CONST[15], after D3D's 14 slots */
    struct sm4_tgsi_options opt = { .cb_base = 1, .rast_cb = RAST_CB, .isgn = dx.has_isgn ? &dx.isgn : NULL };
    rc = sm4_tgsi_translate(&plat, p, &opt, &s->tg, &err);
    sm4_program_free(&plat, p);
    if (rc) {
        snprintf(why, cap, "%s: %s", s->path, err.msg);
        return -1;
    }
    s->loaded = true;
    return 0;
}

static uint32_t *hexlist(char *s, uint32_t *n)
{
    uint32_t cap = 64, k = 0;
    uint32_t *v = malloc(cap * 4);
    for (char *tok = strtok(s, " \t\n"); tok; tok = strtok(NULL, " \t\n")) {
        if (k == cap)
            v = realloc(v, (cap *= 2) * 4);
        v[k++] = (uint32_t)strtoul(tok, NULL, 16);
    }
    *n = k;
    return v;
}

static int stage_idx(const char *s)
{
    return !strcmp(s, "vs") ? 0 : !strcmp(s, "gs") ? 1 : !strcmp(s, "ps") ? 2 : -1;
}

static const uint32_t virgl_stage[3] = { VIRGL_SHADER_VERTEX, VIRGL_SHADER_GEOMETRY,
                                         VIRGL_SHADER_FRAGMENT };

static void run(struct vtq *q, struct job *j)
{
    char why[1024];
    for (int s = 0; s < 3; s++)
        if (j->sh[s].path[0] && load_shader(&j->sh[s], why, sizeof(why))) {
            printf("err %s: translate %s\n", j->name, why);
            return;
        }
    if (!j->sh[0].loaded) {
        printf("err %s: no vs\n", j->name);
        return;
    }
    struct vtq_desc d;
    memset(&d, 0, sizeof(d));
    d.vs = j->sh[0].tg.text;
    d.gs = j->sh[1].loaded ? j->sh[1].tg.text : NULL;
    d.fs = j->sh[2].loaded ? j->sh[2].tg.text : NULL;
    d.width = j->w;
    d.height = j->h;
    d.rt_format = j->rt_fmt;
    d.num_rts = j->num_rts;
    d.clear_is_int = j->rt_fmt == VIRGL_FORMAT_R32G32B32A32_UINT;
    for (int c = 0; c < 4; c++)
        d.clear_u[c] = 0xdeadbeef;
    for (int s = 0; s < 3; s++)
        for (int b = 0; b < 14 && b + 1 < VTQ_MAX_UBO; b++)
            if (j->cb[s][b]) {
                d.ubo[virgl_stage[s]][b + 1].data = j->cb[s][b];
                d.ubo[virgl_stage[s]][b + 1].size = j->cb_dw[s][b] * 4;
            }
    for (int s = 0; s < 3; s++)
        if (j->sh[s].loaded && j->sh[s].tg.uses_rast_cb) {
            d.ubo[virgl_stage[s]][RAST_CB].data = j->rast;
            d.ubo[virgl_stage[s]][RAST_CB].size = sizeof(j->rast);
        }
    /* textures: one vtq texture per unit that uses a given t# */
    for (int s = 0; s < 3; s++) {
        if (!j->sh[s].loaded)
            continue;
        const struct sm4_tgsi *tg = &j->sh[s].tg;
        for (uint32_t u = 0; u < tg->nunits; u++) {
            uint32_t t = tg->unit_res[u];
            if (t >= MAXTEX || !j->tex[t].used) {
                printf("err %s: shader samples t%u, not given\n", j->name, t);
                return;
            }
            if (d.num_tex >= VTQ_MAX_TEX)
                break;
            struct vtq_texture *vt = &d.tex[d.num_tex++];
            vt->stage = virgl_stage[s];
            vt->slot = u;
            vt->target = j->tex[t].target;
            vt->format = j->tex[t].format;
            vt->width = j->tex[t].w;
            vt->height = j->tex[t].h;
            vt->depth = j->tex[t].d;
            vt->levels = j->tex[t].levels;
            vt->data = j->tex[t].data;
            vt->samples = j->tex[t].samples;
            vt->sample_mask = j->tex[t].ms_mask;
            vt->mask_data = j->tex[t].ms_val;
            vt->sampler.min_img_filter = vt->sampler.mag_img_filter = (uint8_t)j->tex[t].filter;
            vt->sampler.min_mip_filter = j->tex[t].levels > 1 ? VIRGL_MIPFILTER_NEAREST : VIRGL_MIPFILTER_NONE;
            vt->sampler.wrap_s = vt->sampler.wrap_t = vt->sampler.wrap_r = (uint8_t)j->tex[t].wrap;
            vt->sampler.max_lod = 1000.0f;
            vt->sampler.compare_mode = j->tex[t].cmp ? 1 : 0; /* R_TO_TEXTURE */
            vt->sampler.compare_func = (uint8_t)j->tex[t].cmp_func;
        }
    }
    if (j->verts) {
        d.vertices = j->verts;
        d.num_vertices = j->nv;
        d.num_attrs = j->nattr;
        d.prim = j->prim;
    }
    d.instances = j->instances;
    if (j->has_so) {
        /* o# registers -> TGSI OUT indices of the last vertex stage */
        const struct sm4_tgsi *tg = j->sh[1].loaded ? &j->sh[1].tg : &j->sh[0].tg;
        for (uint32_t i = 0; i < j->so.num_outputs; i++) {
            uint32_t reg = j->so.output[i].register_index;
            if (reg >= 32 || tg->out_map[reg] == 0xff) {
                printf("err %s: stream output of unwritten o%u\n", j->name, reg);
                return;
            }
            j->so.output[i].register_index = tg->out_map[reg];
        }
        d.so = &j->so;
        d.so_size[0] = j->so_bytes;
    }
    d.rasterizer_discard = j->discard;
    d.clip_plane_enable = (uint8_t)j->clip_enable;
    if (j->has_depth) {
        d.depth_format = VIRGL_FORMAT_Z32_FLOAT;
        d.depth_func = j->depth_func;
        d.clear_depth = j->clear_depth;
    }
    struct vtq_result r;
    if (vtq_draw(q, &d, &r)) {
        printf("err %s: draw: ", j->name);
        print_flat(vtq_error(q));
        const char *tail = vtest_server_log_tail(g_srv, 6);
        if (tail && !strstr(vtq_error(q), "server log")) {
            printf(" | server log: ");
            print_flat(tail);
        }
        putchar('\n');
        return;
    }
    printf("ok %s\n", j->name);
    for (uint32_t p = 0; p < j->nprobes; p++)
        for (uint32_t rt = 0; rt < r.num_rts; rt++) {
            const uint32_t *px = vtq_pixel(&r, rt, j->probes[p][0], j->probes[p][1]);
            printf("px %s %u %u %u %08x %08x %08x %08x\n", j->name, j->probes[p][0], j->probes[p][1], rt,
                   px[0], px[1], px[2], px[3]);
        }
    for (uint32_t p = 0; r.depth && p < j->nprobes; p++) {
        const uint32_t *z = vtq_depth(&r, j->probes[p][0], j->probes[p][1]);
        printf("dp %s %u %u %08x\n", j->name, j->probes[p][0], j->probes[p][1], z[0]);
    }
    if (j->has_so && r.so[0]) {
        printf("so %s %llu", j->name, (unsigned long long)r.so_prims);
        for (uint32_t i = 0; i + 4 <= r.so_size[0]; i += 4) {
            uint32_t v;
            memcpy(&v, r.so[0] + i, 4);
            printf(" %08x", v);
        }
        printf("\n");
    }
    vtq_result_free(&r);
}

int main(int argc, char **argv)
{
    FILE *in = stdin;
    if (argc > 1 && !(in = fopen(argv[1], "r"))) {
        fprintf(stderr, "sm4_run: cannot open %s\n", argv[1]);
        return 2;
    }
    bool tgsi_only = argc > 2 && !strcmp(argv[2], "--tgsi");
    struct vtq *q = NULL;
    if (!tgsi_only && (vtest_server_start(&g_srv) || vtq_open_on(&q, g_srv))) {
        printf("err server: %s\n", vtq_error(q));
        vtq_close(q);
        return 1;
    }
    static struct job j;
    job_reset(&j);
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, in) > 0) {
        char cmd[32] = "", a[512] = "", b[64] = "";
        int off = 0;
        if (sscanf(line, "%31s%n", cmd, &off) < 1 || cmd[0] == '#')
            continue;
        char *rest = line + off;
        if (!strcmp(cmd, "draw")) {
            job_reset(&j);
            sscanf(rest, "%127s", j.name);
        } else if (!strcmp(cmd, "vs") || !strcmp(cmd, "gs") || !strcmp(cmd, "ps")) {
            sscanf(rest, "%511s", j.sh[stage_idx(cmd)].path);
        } else if (!strcmp(cmd, "size")) {
            sscanf(rest, "%u %u", &j.w, &j.h);
        } else if (!strcmp(cmd, "rt")) {
            sscanf(rest, "%63s", b);
            j.rt_fmt = !strcmp(b, "f32") ? VIRGL_FORMAT_R32G32B32A32_FLOAT : VIRGL_FORMAT_R32G32B32A32_UINT;
        } else if (!strcmp(cmd, "rts")) {
            sscanf(rest, "%u", &j.num_rts);
        } else if (!strcmp(cmd, "cb")) {
            unsigned slot;
            int n2 = 0;
            if (sscanf(rest, "%63s %u%n", b, &slot, &n2) == 2 && stage_idx(b) >= 0 && slot < 14) {
                int s = stage_idx(b);
                free(j.cb[s][slot]);
                j.cb[s][slot] = hexlist(rest + n2, &j.cb_dw[s][slot]);
            }
        } else if (!strcmp(cmd, "tex")) {
            unsigned t, tg, fmt, w, h, d, lv, filt, wrap;
            int n2 = 0;
            if (sscanf(rest, "%u %u %u %u %u %u %u %u %u%n", &t, &tg, &fmt, &w, &h, &d, &lv, &filt, &wrap,
                       &n2) == 9 && t < MAXTEX) {
                uint32_t n;
                j.tex[t].used = true;
                j.tex[t].target = tg;
                j.tex[t].format = fmt;
                j.tex[t].w = w;
                j.tex[t].h = h;
                j.tex[t].d = d;
                j.tex[t].levels = lv;
                j.tex[t].filter = filt;
                j.tex[t].wrap = wrap;
                free(j.tex[t].data);
                j.tex[t].data = hexlist(rest + n2, &n);
            }
        } else if (!strcmp(cmd, "texcmp")) {
            unsigned t, func;
            if (sscanf(rest, "%u %u", &t, &func) == 2 && t < MAXTEX) {
                j.tex[t].cmp = true;
                j.tex[t].cmp_func = func;
            }
        } else if (!strcmp(cmd, "texms")) {
            unsigned t, n, m, v[4];
            int got = sscanf(rest, "%u %u %x %x %x %x %x", &t, &n, &m, &v[0], &v[1], &v[2], &v[3]);
            if (got >= 2 && t < MAXTEX)
                j.tex[t].samples = n;
            if (got == 7 && t < MAXTEX) {
                j.tex[t].ms_mask = m;
                memcpy(j.tex[t].ms_val, v, sizeof(v));
            }
        } else if (!strcmp(cmd, "depth")) {
            if (sscanf(rest, "%u %f", &j.depth_func, &j.clear_depth) == 2)
                j.has_depth = true;
        } else if (!strcmp(cmd, "verts")) {
            int n2 = 0;
            uint32_t n;
            if (sscanf(rest, "%u %u %u%n", &j.prim, &j.nv, &j.nattr, &n2) == 3) {
                free(j.verts);
                j.verts = (float *)hexlist(rest + n2, &n);
            }
        } else if (!strcmp(cmd, "instances")) {
            sscanf(rest, "%u", &j.instances);
        } else if (!strcmp(cmd, "so")) {
            unsigned stride;
            int n2 = 0;
            if (sscanf(rest, "%u%n", &stride, &n2) == 1) {
                j.has_so = true;
                j.so.stride[0] = stride;
                char *p = rest + n2;
                unsigned reg, st, cnt, dst;
                int n3;
                while (sscanf(p, " %u:%u:%u:%u%n", &reg, &st, &cnt, &dst, &n3) == 4 &&
                       j.so.num_outputs < VIRGL_MAX_SO_OUTPUTS) {
                    struct virgl_so_output *o = &j.so.output[j.so.num_outputs++];
                    o->register_index = (uint8_t)reg;
                    o->start_component = (uint8_t)st;
                    o->num_components = (uint8_t)cnt;
                    o->dst_offset = (uint16_t)dst;
                    p += n3;
                }
            }
        } else if (!strcmp(cmd, "sosize")) {
            sscanf(rest, "%u", &j.so_bytes);
        } else if (!strcmp(cmd, "rast")) {
            sscanf(rest, "%u", &j.rast[0]);
        } else if (!strcmp(cmd, "clipenable")) {
            sscanf(rest, "%x", &j.clip_enable);
        } else if (!strcmp(cmd, "discard")) {
            j.discard = true;
        } else if (!strcmp(cmd, "probe")) {
            if (j.nprobes < MAXP && sscanf(rest, "%u %u", &j.probes[j.nprobes][0], &j.probes[j.nprobes][1]) == 2)
                j.nprobes++;
        } else if (!strcmp(cmd, "go")) {
            if (tgsi_only) {
                char why[1024];
                for (int s = 0; s < 3; s++)
                    if (j.sh[s].path[0]) {
                        if (load_shader(&j.sh[s], why, sizeof(why)))
                            printf("err %s: %s\n", j.name, why);
                        else
                            printf("== %s %s\n%s", j.name, j.sh[s].path, j.sh[s].tg.text);
                    }
            } else {
                run(q, &j);
            }
            fflush(stdout);
            job_reset(&j);
        }
        (void)a;
    }
    free(line);
    job_reset(&j);
    vtq_close(q);
    vtest_server_stop(g_srv);
    if (in != stdin)
        fclose(in);
    return 0;
}
