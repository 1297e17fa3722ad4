/*
 * scene_priv.h — what the scene interpreter's files share (scene.c:
 * parsing, state and draw directives, probes; scene_query.c: queries and
 * predication; scene_so.c: stream output; scene_map.c: dynamic buffers;
 * scene_tex.c: render-target textures, MRT, copies).  Not an API: scene.h is.
 */
#ifndef TESTS_SCENE_PRIV_H
#define TESTS_SCENE_PRIV_H

#include <stdbool.h>
#include "scene.h"
#include "d3d10rt.h"
#include "png.h"
#include "virgl/virgl_format.h"

#define MAX_TOK 4096
#define MAX_PROBES 256
#define MAX_ELEMS 16

struct probe {
    unsigned x, y, tol, line;
    int rgba[4];
};

struct elem {
    char name[32];
    unsigned index, offset, slot, step;
    DXGI_FORMAT fmt;
};

struct scene {
    struct d3drt *rt;
    const D3D10_1DDI_DEVICEFUNCS *f;
    D3D10DDI_HDEVICE dev;
    const char *path;
    char dir[1024];
    unsigned line;
    struct scene_result *res;

    unsigned w, h;
    DXGI_FORMAT rt_fmt;
    D3D10DDI_HRESOURCE target;
    D3D10DDI_HRENDERTARGETVIEW rtv;
    D3D10DDI_HDEPTHSTENCILVIEW dsv;
    struct sm4_dxbc vs_dx;
    bool have_vs;
    void *shader_mem[8];
    unsigned nshader_mem;
    struct elem elems[MAX_ELEMS];
    unsigned nelems;
    bool layout_dirty;
    D3D10DDI_HRESOURCE cbs[2][14];
    D3D10DDI_HRESOURCE dyncbs[2][14];
    unsigned dyncb_size[2][14];
    struct probe probes[MAX_PROBES];
    unsigned nprobes;
    /* scene_query.c: named queries and the query probes' tally */
    struct scene_query {
        char name[32];
        D3D10DDI_HQUERY h;
        D3D10DDI_QUERY kind;
    } queries[16];
    unsigned nqueries, qprobes, qfailed;
    D3D10DDI_HRESOURCE sobuf; /* scene_so.c: the stream-output buffer */
    /* scene_map.c: the dynamic ring vertex buffer */
    D3D10DDI_HRESOURCE ring;
    unsigned ring_size, ring_stride, ring_pos, ring_waits0;
    bool ring_plain_write; /* "ringmode write": the stalling negative control */
    /* scene_tex.c: named render-target textures */
    struct scene_rtt {
        char name[32];
        unsigned w, h;
        D3D10DDI_HRESOURCE res;
        D3D10DDI_HRENDERTARGETVIEW rtv;
        D3D10DDI_HSHADERRESOURCEVIEW srv;
    } rtts[8];
    unsigned nrtt;
    bool probe_screen; /* scene_dxgi.c: probes read the presented screen */
    /* scene_res.c: fields of the resource directives go here */
    unsigned res_waits0; /* d3drt_lock_waits at the first dynwrite */
    bool res_waits_set;
    /* scene_shared.c: fields of the shared-resource directives go here */
    /* The per-device part of the state above, of the device not selected
     * (`device A|B` swaps it in), and the shared textures by name. */
    struct scene_devstate {
        bool made;
        D3D10DDI_HRESOURCE target;
        D3D10DDI_HRENDERTARGETVIEW rtv;
        D3D10DDI_HDEPTHSTENCILVIEW dsv;
        struct sm4_dxbc vs_dx;
        bool have_vs;
        struct elem elems[MAX_ELEMS];
        unsigned nelems;
        bool layout_dirty;
        D3D10DDI_HRESOURCE cbs[2][14], dyncbs[2][14];
        unsigned dyncb_size[2][14];
        struct scene_rtt rtts[8];
        unsigned nrtt;
    } other_dev;
    unsigned cur_dev; /* 0: A, 1: B */
    struct scene_share {
        char name[32];
        D3DKMT_HANDLE km; /* kernel resource handle */
        unsigned w, h;
        DXGI_FORMAT fmt;
    } shares[8];
    unsigned nshares;
};

/* Fails the scene with "PATH:LINE: message"; returns -1. */
int scene_fail(struct scene *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool scene_parse_uint(const char *t, unsigned *v);
/* Query directives (query, begin, end, predicate, queryprobe): 1 when `c`
 * is not one of them, else the directive's result (0 or -1). */
int scene_query_directive(struct scene *s, char **tok, int n);

/* Stream-output directives (gsso, vsso, sobuffer, sotargets, nogs, vbso,
 * drawauto), same contract as scene_query_directive. */
int scene_so_directive(struct scene *s, char **tok, int n);
/* Dynamic-buffer directives (ring, ringmode, ringdraw, maxwaits), same
 * contract as scene_query_directive. */
int scene_map_directive(struct scene *s, char **tok, int n);
/* Named-texture directives (rtt, targets, cleartex, srvtex, copyregion). */
int scene_tex_directive(struct scene *s, char **tok, int n);
/* DXGI directives (present, rotate, blt, probescreen, dxgimisc). */
int scene_dxgi_directive(struct scene *s, char **tok, int n);
/* Resource directives (scene_res.c), same contract as scene_query_directive. */
int scene_res_directive(struct scene *s, char **tok, int n);
/* Shared-resource / second-device / primary directives (scene_shared.c:
 * device, shared, open, primary, setdisplaymode, flip), same contract. */
int scene_shared_directive(struct scene *s, char **tok, int n);
/* Buffer directives around bound buffer RTVs (scene_cover.c: bufsrv,
 * bufcopy, bufcopyregion, bufupdate, bufmap), same contract. */
int scene_cover_directive(struct scene *s, char **tok, int n);
/* The screen as RGBA8 (malloc'd, w x h of the main target), NULL on error. */
uint8_t *scene_dxgi_screen(struct scene *s);
/* NAME of an rtt or "main": its resource (pDrvPrivate NULL if unknown). */
D3D10DDI_HRESOURCE scene_tex_named(struct scene *s, const char *name);
/* An SRV of `r` (buffers: `count` elements; Texture3D: `mips` levels; 2D:
 * `mips` levels of `count` slices), and binding one to slot SLOT of the VS
 * (stage 0) or PS. */
D3D10DDI_HSHADERRESOURCEVIEW scene_srv(struct scene *s, D3D10DDI_HRESOURCE r, DXGI_FORMAT fmt, D3D10DDIRESOURCE_TYPE dim,
                                       unsigned mips, unsigned count);
void scene_bind_srv(struct scene *s, int stage, unsigned slot, D3D10DDI_HSHADERRESOURCEVIEW srv);
/* A DEFAULT buffer with `bytes` of initial data (NULL: zeros). */
D3D10DDI_HRESOURCE scene_make_buffer(struct scene *s, UINT bind, const void *data, unsigned bytes);
int scene_read_file(struct scene *s, const char *rel, void **data, uint32_t *size);
/* Input layout against the bound VS, created before a draw. */
int scene_flush_layout(struct scene *s);

#endif
