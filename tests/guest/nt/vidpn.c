/*
 * vidpn.c — VidPN, topology and mode set objects behind the interfaces a
 * miniport calls (see vidpn.h).  Semantics follow the DXGK_VIDPN_INTERFACE,
 * DXGK_VIDPNTOPOLOGY_INTERFACE and DXGK_VIDPN{SOURCE,TARGET}MODESET_INTERFACE
 * pages: Acquire* hands out an object the caller must Release*; a
 * CreateNew object becomes the set's by Add or Assign, otherwise the caller
 * releases it; iteration ends with STATUS_GRAPHICS_NO_MORE_ELEMENTS_IN_DATASET
 * and an empty set answers STATUS_GRAPHICS_DATASET_IS_EMPTY.
 */
#include "vidpn.h"
#include "../kernel.h"
#include "nt_shim.h"

#define VIDPN_MAGIC 0x4e506456u
#define SET_MAGIC 0x54455356u

struct modeset {
    uint32_t magic;
    struct vidpn *owner;
    bool target;          /* target mode set (else source) */
    uint32_t id;          /* source / target id */
    bool assigned;        /* part of the VidPN (else created, pending) */
    bool in_use;          /* slot allocated */
    uint32_t acquired;    /* outstanding Acquire/CreateNew handles */
    uint32_t n;
    int pinned;           /* index into modes, -1 = none */
    uint32_t next_id;
    union {
        D3DKMDT_VIDPN_SOURCE_MODE s;
        D3DKMDT_VIDPN_TARGET_MODE t;
    } modes[VIDPN_MAX_MODES];
    /* mode infos handed out: created (not yet added) or acquired */
    union {
        D3DKMDT_VIDPN_SOURCE_MODE s;
        D3DKMDT_VIDPN_TARGET_MODE t;
    } out[4];
    bool out_used[4];
};

struct vidpn {
    uint32_t magic;
    uint32_t npaths;
    D3DKMDT_VIDPN_PRESENT_PATH paths[VIDPN_MAX_PATHS];
    D3DKMDT_VIDPN_PRESENT_PATH out[4]; /* path infos handed out */
    bool out_used[4];
    struct modeset sets[2 * VIDPN_MAX_PATHS + 4];
};

static struct vidpn *from_h(const void *h)
{
    struct vidpn *v = (struct vidpn *)h;
    if (!v || v->magic != VIDPN_MAGIC) {
        nt_shim_violate("VidPN interface called with a bad VidPN/topology handle %p", h);
        return NULL;
    }
    return v;
}

static struct modeset *set_from_h(const void *h, bool target)
{
    struct modeset *s = (struct modeset *)h;
    if (!s || s->magic != SET_MAGIC || !s->in_use || s->target != target) {
        nt_shim_violate("mode set interface called with a bad %s mode set handle %p", target ? "target" : "source", h);
        return NULL;
    }
    return s;
}

struct vidpn *vidpn_new(void)
{
    struct vidpn *v = page_alloc(sizeof(struct vidpn), 4096);
    if (v)
        v->magic = VIDPN_MAGIC;
    return v;
}
void vidpn_free(struct vidpn *v)
{
    if (v) {
        v->magic = 0;
        page_free(v, sizeof(*v));
    }
}
D3DKMDT_HVIDPN vidpn_handle(struct vidpn *v) { return (D3DKMDT_HVIDPN)v; }
uint32_t vidpn_num_paths(const struct vidpn *v) { return v->npaths; }
const D3DKMDT_VIDPN_PRESENT_PATH *vidpn_path(const struct vidpn *v, uint32_t i) { return &v->paths[i]; }

static struct modeset *find_set(struct vidpn *v, bool target, uint32_t id)
{
    for (unsigned i = 0; i < sizeof v->sets / sizeof v->sets[0]; i++)
        if (v->sets[i].in_use && v->sets[i].assigned && v->sets[i].target == target && v->sets[i].id == id)
            return &v->sets[i];
    return NULL;
}

static struct modeset *new_set(struct vidpn *v, bool target, uint32_t id, bool assigned)
{
    for (unsigned i = 0; i < sizeof v->sets / sizeof v->sets[0]; i++)
        if (!v->sets[i].in_use) {
            struct modeset *s = &v->sets[i];
            memset(s, 0, sizeof(*s));
            s->magic = SET_MAGIC;
            s->owner = v;
            s->target = target;
            s->id = id;
            s->assigned = assigned;
            s->in_use = true;
            s->pinned = -1;
            s->next_id = 1;
            return s;
        }
    nt_shim_violate("VidPN: out of mode sets (a driver leaking CreateNew*ModeSet?)");
    return NULL;
}

/* ---- mode set interfaces (source and target share the code) ---- */
static NTSTATUS ms_get_num(const void *h, SIZE_T *n, bool target)
{
    struct modeset *s = set_from_h(h, target);
    if (!s || !n)
        return STATUS_INVALID_PARAMETER;
    *n = s->n;
    return STATUS_SUCCESS;
}

static void *ms_out(struct modeset *s, const void *src)
{
    for (int i = 0; i < 4; i++)
        if (!s->out_used[i]) {
            s->out_used[i] = true;
            if (src)
                memcpy(&s->out[i], src, sizeof(s->out[i]));
            else
                memset(&s->out[i], 0, sizeof(s->out[i]));
            return &s->out[i];
        }
    nt_shim_violate("mode set: more than 4 mode infos outstanding");
    return NULL;
}

static bool ms_release_out(struct modeset *s, const void *m)
{
    for (int i = 0; i < 4; i++)
        if (s->out_used[i] && (const void *)&s->out[i] == m) {
            s->out_used[i] = false;
            return true;
        }
    nt_shim_violate("ReleaseModeInfo(%p): not a mode info handed out by this set", m);
    return false;
}

static NTSTATUS ms_acquire_pinned(const void *h, const void **out, bool target)
{
    struct modeset *s = set_from_h(h, target);
    if (!s || !out)
        return STATUS_INVALID_PARAMETER;
    if (s->pinned < 0) {
        *out = NULL;
        return STATUS_GRAPHICS_MODE_NOT_PINNED; /* success code, NULL mode */
    }
    *out = ms_out(s, &s->modes[s->pinned]);
    return *out ? STATUS_SUCCESS : STATUS_NO_MEMORY;
}

static NTSTATUS ms_release(const void *h, const void *m, bool target)
{
    struct modeset *s = set_from_h(h, target);
    if (!s)
        return STATUS_INVALID_PARAMETER;
    return ms_release_out(s, m) ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}

static NTSTATUS ms_create(const void *h, void **out, bool target)
{
    struct modeset *s = set_from_h(h, target);
    if (!s || !out)
        return STATUS_INVALID_PARAMETER;
    void *m = ms_out(s, NULL);
    if (!m)
        return STATUS_NO_MEMORY;
    /* the OS assigns the mode id */
    *(UINT *)m = s->next_id++;
    *out = m;
    return STATUS_SUCCESS;
}

static NTSTATUS ms_add(void *h, const void *m, bool target)
{
    struct modeset *s = set_from_h(h, target);
    if (!s)
        return STATUS_INVALID_PARAMETER;
    if (s->n == VIDPN_MAX_MODES)
        return STATUS_NO_MEMORY; /* caller must release the mode info */
    const void *copy = m;
    for (uint32_t i = 0; i < s->n; i++)
        if (*(const UINT *)&s->modes[i] == *(const UINT *)m)
            return STATUS_GRAPHICS_MODE_ALREADY_IN_MODESET;
    if (!ms_release_out(s, m))
        return STATUS_INVALID_PARAMETER;
    memcpy(&s->modes[s->n++], copy, sizeof(s->modes[0])); /* out[] slot still holds the bytes */
    return STATUS_SUCCESS;
}

static NTSTATUS ms_pin(void *h, UINT id, bool target)
{
    struct modeset *s = set_from_h(h, target);
    if (!s)
        return STATUS_INVALID_PARAMETER;
    for (uint32_t i = 0; i < s->n; i++)
        if (*(const UINT *)&s->modes[i] == id) {
            s->pinned = (int)i;
            return STATUS_SUCCESS;
        }
    return STATUS_INVALID_PARAMETER; /* no mode with that id in the set */
}

static NTSTATUS APIENTRY sms_get_num(const D3DKMDT_HVIDPNSOURCEMODESET h, SIZE_T *n) { return ms_get_num(h, n, false); }
static NTSTATUS APIENTRY sms_acquire_pinned(const D3DKMDT_HVIDPNSOURCEMODESET h, const D3DKMDT_VIDPN_SOURCE_MODE **m)
{
    return ms_acquire_pinned(h, (const void **)m, false);
}
static NTSTATUS APIENTRY sms_release(const D3DKMDT_HVIDPNSOURCEMODESET h, const D3DKMDT_VIDPN_SOURCE_MODE *m)
{
    return ms_release(h, m, false);
}
static NTSTATUS APIENTRY sms_create(const D3DKMDT_HVIDPNSOURCEMODESET h, D3DKMDT_VIDPN_SOURCE_MODE **m)
{
    return ms_create(h, (void **)m, false);
}
static NTSTATUS APIENTRY sms_add(D3DKMDT_HVIDPNSOURCEMODESET h, const D3DKMDT_VIDPN_SOURCE_MODE *m) { return ms_add(h, m, false); }
static NTSTATUS APIENTRY sms_pin(D3DKMDT_HVIDPNSOURCEMODESET h, const D3DKMDT_VIDEO_PRESENT_SOURCE_MODE_ID id)
{
    return ms_pin(h, id, false);
}
static const DXGK_VIDPNSOURCEMODESET_INTERFACE sms_if = {
    sms_get_num, NULL, NULL, sms_acquire_pinned, sms_release, sms_create, sms_add, sms_pin,
};

static NTSTATUS APIENTRY tms_get_num(const D3DKMDT_HVIDPNTARGETMODESET h, SIZE_T *n) { return ms_get_num(h, n, true); }
static NTSTATUS APIENTRY tms_acquire_pinned(const D3DKMDT_HVIDPNTARGETMODESET h, const D3DKMDT_VIDPN_TARGET_MODE **m)
{
    return ms_acquire_pinned(h, (const void **)m, true);
}
static NTSTATUS APIENTRY tms_release(const D3DKMDT_HVIDPNTARGETMODESET h, const D3DKMDT_VIDPN_TARGET_MODE *m)
{
    return ms_release(h, m, true);
}
static NTSTATUS APIENTRY tms_create(const D3DKMDT_HVIDPNTARGETMODESET h, D3DKMDT_VIDPN_TARGET_MODE **m)
{
    return ms_create(h, (void **)m, true);
}
static NTSTATUS APIENTRY tms_add(D3DKMDT_HVIDPNTARGETMODESET h, const D3DKMDT_VIDPN_TARGET_MODE *m) { return ms_add(h, m, true); }
static NTSTATUS APIENTRY tms_pin(D3DKMDT_HVIDPNTARGETMODESET h, const D3DKMDT_VIDEO_PRESENT_TARGET_MODE_ID id)
{
    return ms_pin(h, id, true);
}
static const DXGK_VIDPNTARGETMODESET_INTERFACE tms_if = {
    tms_get_num, NULL, NULL, tms_acquire_pinned, tms_release, tms_create, tms_add, tms_pin,
};

/* ---- topology ---- */
static NTSTATUS APIENTRY top_get_num(const D3DKMDT_HVIDPNTOPOLOGY h, SIZE_T *n)
{
    struct vidpn *v = from_h(h);
    if (!v || !n)
        return STATUS_INVALID_PARAMETER;
    *n = v->npaths;
    return STATUS_SUCCESS;
}

static D3DKMDT_VIDPN_PRESENT_PATH *path_out(struct vidpn *v, const D3DKMDT_VIDPN_PRESENT_PATH *src)
{
    for (int i = 0; i < 4; i++)
        if (!v->out_used[i]) {
            v->out_used[i] = true;
            if (src)
                v->out[i] = *src;
            else
                memset(&v->out[i], 0, sizeof(v->out[i]));
            return &v->out[i];
        }
    nt_shim_violate("topology: more than 4 path infos outstanding");
    return NULL;
}

static int path_out_index(struct vidpn *v, const D3DKMDT_VIDPN_PRESENT_PATH *p)
{
    for (int i = 0; i < 4; i++)
        if (v->out_used[i] && &v->out[i] == p)
            return i;
    return -1;
}

static NTSTATUS APIENTRY top_first(const D3DKMDT_HVIDPNTOPOLOGY h, const D3DKMDT_VIDPN_PRESENT_PATH **out)
{
    struct vidpn *v = from_h(h);
    if (!v || !out)
        return STATUS_INVALID_PARAMETER;
    *out = NULL;
    if (!v->npaths)
        return STATUS_GRAPHICS_DATASET_IS_EMPTY;
    *out = path_out(v, &v->paths[0]);
    return *out ? STATUS_SUCCESS : STATUS_NO_MEMORY;
}

static NTSTATUS APIENTRY top_next(const D3DKMDT_HVIDPNTOPOLOGY h, const D3DKMDT_VIDPN_PRESENT_PATH *cur,
                                  const D3DKMDT_VIDPN_PRESENT_PATH **out)
{
    struct vidpn *v = from_h(h);
    if (!v || !out || path_out_index(v, cur) < 0)
        return STATUS_INVALID_PARAMETER;
    *out = NULL;
    for (uint32_t i = 0; i + 1 < v->npaths; i++)
        if (v->paths[i].VidPnSourceId == cur->VidPnSourceId && v->paths[i].VidPnTargetId == cur->VidPnTargetId) {
            *out = path_out(v, &v->paths[i + 1]);
            return *out ? STATUS_SUCCESS : STATUS_NO_MEMORY;
        }
    return STATUS_GRAPHICS_NO_MORE_ELEMENTS_IN_DATASET;
}

static NTSTATUS APIENTRY top_update_support(const D3DKMDT_HVIDPNTOPOLOGY h, const D3DKMDT_VIDPN_PRESENT_PATH *p)
{
    struct vidpn *v = from_h(h);
    if (!v || !p)
        return STATUS_INVALID_PARAMETER;
    for (uint32_t i = 0; i < v->npaths; i++)
        if (v->paths[i].VidPnSourceId == p->VidPnSourceId && v->paths[i].VidPnTargetId == p->VidPnTargetId) {
            v->paths[i].ContentTransformation.ScalingSupport = p->ContentTransformation.ScalingSupport;
            v->paths[i].ContentTransformation.RotationSupport = p->ContentTransformation.RotationSupport;
            return STATUS_SUCCESS;
        }
    return STATUS_GRAPHICS_PATH_NOT_IN_TOPOLOGY;
}

static NTSTATUS APIENTRY top_release(const D3DKMDT_HVIDPNTOPOLOGY h, const D3DKMDT_VIDPN_PRESENT_PATH *p)
{
    struct vidpn *v = from_h(h);
    int i = v ? path_out_index(v, p) : -1;
    if (i < 0) {
        nt_shim_violate("ReleasePathInfo(%p): not a path info handed out (double release?)", (const void *)p);
        return STATUS_INVALID_PARAMETER;
    }
    v->out_used[i] = false;
    return STATUS_SUCCESS;
}

static NTSTATUS APIENTRY top_create(const D3DKMDT_HVIDPNTOPOLOGY h, D3DKMDT_VIDPN_PRESENT_PATH **out)
{
    struct vidpn *v = from_h(h);
    if (!v || !out)
        return STATUS_INVALID_PARAMETER;
    *out = path_out(v, NULL);
    return *out ? STATUS_SUCCESS : STATUS_NO_MEMORY;
}

static NTSTATUS APIENTRY top_add(D3DKMDT_HVIDPNTOPOLOGY h, const D3DKMDT_VIDPN_PRESENT_PATH *p)
{
    struct vidpn *v = from_h(h);
    int i = v ? path_out_index(v, p) : -1;
    if (i < 0)
        return STATUS_INVALID_PARAMETER;
    if (v->npaths == VIDPN_MAX_PATHS)
        return STATUS_NO_MEMORY;
    for (uint32_t k = 0; k < v->npaths; k++)
        if (v->paths[k].VidPnTargetId == p->VidPnTargetId)
            return STATUS_GRAPHICS_PATH_ALREADY_IN_TOPOLOGY;
    v->paths[v->npaths++] = *p;
    v->out_used[i] = false; /* the topology owns it now */
    return STATUS_SUCCESS;
}

static const DXGK_VIDPNTOPOLOGY_INTERFACE top_if = {
    top_get_num, NULL, NULL, NULL, NULL, top_first, top_next, top_update_support, top_release, top_create, top_add, NULL,
};

/* ---- the VidPN ---- */
static NTSTATUS APIENTRY vi_get_topology(const D3DKMDT_HVIDPN h, D3DKMDT_HVIDPNTOPOLOGY *top,
                                         const DXGK_VIDPNTOPOLOGY_INTERFACE **ti)
{
    struct vidpn *v = from_h(h);
    if (!v || !top || !ti)
        return STATUS_INVALID_PARAMETER;
    *top = (D3DKMDT_HVIDPNTOPOLOGY)v;
    *ti = &top_if;
    return STATUS_SUCCESS;
}

static NTSTATUS acquire_set(const void *h, uint32_t id, bool target, void **out)
{
    struct vidpn *v = from_h(h);
    if (!v || !out)
        return STATUS_INVALID_PARAMETER;
    struct modeset *s = find_set(v, target, id);
    if (!s)
        s = new_set(v, target, id, true); /* empty set of a source not yet described */
    if (!s)
        return STATUS_NO_MEMORY;
    s->acquired++;
    *out = s;
    return STATUS_SUCCESS;
}

static NTSTATUS release_set(const void *h, const void *set, bool target)
{
    struct vidpn *v = from_h(h);
    struct modeset *s = set_from_h(set, target);
    if (!v || !s || s->owner != v)
        return STATUS_INVALID_PARAMETER;
    if (!s->acquired) {
        nt_shim_violate("Release%sModeSet(%p): not acquired", target ? "Target" : "Source", set);
        return STATUS_INVALID_PARAMETER;
    }
    s->acquired--;
    if (!s->assigned && !s->acquired)
        s->in_use = false; /* a created set never assigned goes away */
    return STATUS_SUCCESS;
}

static NTSTATUS create_set(const void *h, uint32_t id, bool target, void **out)
{
    struct vidpn *v = from_h(h);
    if (!v || !out)
        return STATUS_INVALID_PARAMETER;
    struct modeset *s = new_set(v, target, id, false);
    if (!s)
        return STATUS_NO_MEMORY;
    s->acquired = 1;
    *out = s;
    return STATUS_SUCCESS;
}

static NTSTATUS assign_set(void *h, uint32_t id, const void *set, bool target)
{
    struct vidpn *v = from_h(h);
    struct modeset *s = set_from_h(set, target);
    if (!v || !s || s->owner != v || s->assigned || s->id != id)
        return STATUS_INVALID_PARAMETER; /* documented: caller releases on failure */
    struct modeset *old = find_set(v, target, id);
    if (old) {
        if (old->acquired)
            nt_shim_violate("Assign%sModeSet replaces a set that is still acquired", target ? "Target" : "Source");
        old->in_use = false;
    }
    s->assigned = true;
    s->acquired = 0; /* documented: after a successful assign the handle is the VidPN's */
    return STATUS_SUCCESS;
}

static NTSTATUS APIENTRY vi_acq_src(const D3DKMDT_HVIDPN h, const D3DDDI_VIDEO_PRESENT_SOURCE_ID id,
                                    D3DKMDT_HVIDPNSOURCEMODESET *s, const DXGK_VIDPNSOURCEMODESET_INTERFACE **si)
{
    *si = &sms_if;
    return acquire_set(h, id, false, (void **)s);
}
static NTSTATUS APIENTRY vi_rel_src(const D3DKMDT_HVIDPN h, const D3DKMDT_HVIDPNSOURCEMODESET s)
{
    return release_set(h, s, false);
}
static NTSTATUS APIENTRY vi_new_src(const D3DKMDT_HVIDPN h, const D3DDDI_VIDEO_PRESENT_SOURCE_ID id,
                                    D3DKMDT_HVIDPNSOURCEMODESET *s, const DXGK_VIDPNSOURCEMODESET_INTERFACE **si)
{
    *si = &sms_if;
    return create_set(h, id, false, (void **)s);
}
static NTSTATUS APIENTRY vi_assign_src(D3DKMDT_HVIDPN h, const D3DDDI_VIDEO_PRESENT_SOURCE_ID id,
                                       const D3DKMDT_HVIDPNSOURCEMODESET s)
{
    return assign_set(h, id, s, false);
}
static NTSTATUS APIENTRY vi_acq_tgt(const D3DKMDT_HVIDPN h, const D3DDDI_VIDEO_PRESENT_TARGET_ID id,
                                    D3DKMDT_HVIDPNTARGETMODESET *s, const DXGK_VIDPNTARGETMODESET_INTERFACE **ti)
{
    *ti = &tms_if;
    return acquire_set(h, id, true, (void **)s);
}
static NTSTATUS APIENTRY vi_rel_tgt(const D3DKMDT_HVIDPN h, const D3DKMDT_HVIDPNTARGETMODESET s)
{
    return release_set(h, s, true);
}
static NTSTATUS APIENTRY vi_new_tgt(const D3DKMDT_HVIDPN h, const D3DDDI_VIDEO_PRESENT_TARGET_ID id,
                                    D3DKMDT_HVIDPNTARGETMODESET *s, const DXGK_VIDPNTARGETMODESET_INTERFACE **ti)
{
    *ti = &tms_if;
    return create_set(h, id, true, (void **)s);
}
static NTSTATUS APIENTRY vi_assign_tgt(D3DKMDT_HVIDPN h, const D3DDDI_VIDEO_PRESENT_TARGET_ID id,
                                       const D3DKMDT_HVIDPNTARGETMODESET s)
{
    return assign_set(h, id, s, true);
}

static const DXGK_VIDPN_INTERFACE vidpn_if = {
    DXGK_VIDPN_INTERFACE_VERSION_V1, vi_get_topology, vi_acq_src, vi_rel_src, vi_new_src, vi_assign_src, NULL,
    vi_acq_tgt, vi_rel_tgt, vi_new_tgt, vi_assign_tgt,
};

NTSTATUS APIENTRY vidpn_query_interface(const D3DKMDT_HVIDPN h, const DXGK_VIDPN_INTERFACE_VERSION ver,
                                        const DXGK_VIDPN_INTERFACE **out)
{
    if (!out)
        return STATUS_INVALID_PARAMETER;
    *out = NULL;
    if (ver != DXGK_VIDPN_INTERFACE_VERSION_V1)
        return STATUS_NOT_SUPPORTED;
    if (!from_h(h))
        return STATUS_INVALID_PARAMETER;
    *out = &vidpn_if;
    return STATUS_SUCCESS;
}

bool vidpn_add_pinned_path(struct vidpn *v, uint32_t source, uint32_t target, uint32_t sw, uint32_t sh, uint32_t tw,
                           uint32_t th)
{
    if (v->npaths == VIDPN_MAX_PATHS)
        return false;
    D3DKMDT_VIDPN_PRESENT_PATH *p = &v->paths[v->npaths++];
    memset(p, 0, sizeof(*p));
    p->VidPnSourceId = source;
    p->VidPnTargetId = target;
    p->ImportanceOrdinal = D3DKMDT_VPPI_PRIMARY;
    p->ContentTransformation.Scaling = D3DKMDT_VPPS_IDENTITY;
    p->ContentTransformation.Rotation = D3DKMDT_VPPR_IDENTITY;
    struct modeset *s = new_set(v, false, source, true), *t = new_set(v, true, target, true);
    if (!s || !t)
        return false;
    D3DKMDT_VIDPN_SOURCE_MODE *sm = &s->modes[0].s;
    sm->Id = 1;
    sm->Type = D3DKMDT_RMT_GRAPHICS;
    sm->Format.Graphics.PrimSurfSize.cx = sw;
    sm->Format.Graphics.PrimSurfSize.cy = sh;
    sm->Format.Graphics.VisibleRegionSize = sm->Format.Graphics.PrimSurfSize;
    sm->Format.Graphics.Stride = sw * 4;
    sm->Format.Graphics.PixelFormat = D3DDDIFMT_A8R8G8B8;
    s->n = 1;
    s->pinned = 0;
    D3DKMDT_VIDPN_TARGET_MODE *tm = &t->modes[0].t;
    tm->Id = 1;
    tm->VideoSignalInfo.ActiveSize.cx = tm->VideoSignalInfo.TotalSize.cx = tw;
    tm->VideoSignalInfo.ActiveSize.cy = tm->VideoSignalInfo.TotalSize.cy = th;
    tm->VideoSignalInfo.VSyncFreq.Numerator = 60;
    tm->VideoSignalInfo.VSyncFreq.Denominator = 1;
    t->n = 1;
    t->pinned = 0;
    return true;
}

bool vidpn_pinned_source(const struct vidpn *v, uint32_t source, uint32_t *w, uint32_t *h)
{
    struct modeset *s = find_set((struct vidpn *)v, false, source);
    if (!s || s->pinned < 0)
        return false;
    *w = s->modes[s->pinned].s.Format.Graphics.PrimSurfSize.cx;
    *h = s->modes[s->pinned].s.Format.Graphics.PrimSurfSize.cy;
    return true;
}

bool vidpn_pinned_target(const struct vidpn *v, uint32_t target, uint32_t *w, uint32_t *h)
{
    struct modeset *s = find_set((struct vidpn *)v, true, target);
    if (!s || s->pinned < 0)
        return false;
    *w = s->modes[s->pinned].t.VideoSignalInfo.ActiveSize.cx;
    *h = s->modes[s->pinned].t.VideoSignalInfo.ActiveSize.cy;
    return true;
}

uint32_t vidpn_num_source_modes(const struct vidpn *v, uint32_t source)
{
    struct modeset *s = find_set((struct vidpn *)v, false, source);
    return s ? s->n : 0;
}

bool vidpn_check_released(const struct vidpn *v, const char *ddi)
{
    for (int i = 0; i < 4; i++)
        if (v->out_used[i]) {
            nt_shim_violate("%s returned with a path info still acquired", ddi);
            return false;
        }
    for (unsigned i = 0; i < sizeof v->sets / sizeof v->sets[0]; i++) {
        const struct modeset *s = &v->sets[i];
        if (!s->in_use)
            continue;
        if (s->acquired) {
            nt_shim_violate("%s returned with a %s mode set (id %u) still acquired", ddi, s->target ? "target" : "source",
                            s->id);
            return false;
        }
        for (int k = 0; k < 4; k++)
            if (s->out_used[k]) {
                nt_shim_violate("%s returned with a mode info of %s set %u still acquired", ddi,
                                s->target ? "target" : "source", s->id);
                return false;
            }
    }
    return true;
}

/* ---- monitor source mode set (DxgkDdiRecommendMonitorModes) ---- */
struct monitor_set {
    uint32_t magic;
    uint32_t n, next_id;
    D3DKMDT_MONITOR_SOURCE_MODE modes[VIDPN_MAX_MODES];
    D3DKMDT_MONITOR_SOURCE_MODE out[4];
    bool out_used[4];
};
#define MON_MAGIC 0x4e4f4d56u

struct monitor_set *monitor_set_new(void)
{
    struct monitor_set *m = page_alloc(sizeof(*m), 4096);
    if (m) {
        m->magic = MON_MAGIC;
        m->next_id = 1;
    }
    return m;
}
void monitor_set_free(struct monitor_set *m)
{
    if (m)
        page_free(m, sizeof(*m));
}
D3DKMDT_HMONITORSOURCEMODESET monitor_set_handle(struct monitor_set *m) { return (D3DKMDT_HMONITORSOURCEMODESET)m; }
uint32_t monitor_set_num(const struct monitor_set *m) { return m->n; }
const D3DKMDT_MONITOR_SOURCE_MODE *monitor_set_mode(const struct monitor_set *m, uint32_t i) { return &m->modes[i]; }

static struct monitor_set *mon(const void *h)
{
    struct monitor_set *m = (struct monitor_set *)h;
    if (!m || m->magic != MON_MAGIC) {
        nt_shim_violate("monitor source mode set interface with a bad handle %p", h);
        return NULL;
    }
    return m;
}
static int mon_out(struct monitor_set *m, const D3DKMDT_MONITOR_SOURCE_MODE *p)
{
    for (int i = 0; i < 4; i++)
        if (m->out_used[i] && &m->out[i] == p)
            return i;
    return -1;
}
static NTSTATUS APIENTRY mon_num(const D3DKMDT_HMONITORSOURCEMODESET h, SIZE_T *n)
{
    struct monitor_set *m = mon(h);
    if (!m || !n)
        return STATUS_INVALID_PARAMETER;
    *n = m->n;
    return STATUS_SUCCESS;
}
static NTSTATUS APIENTRY mon_create(const D3DKMDT_HMONITORSOURCEMODESET h, D3DKMDT_MONITOR_SOURCE_MODE **out)
{
    struct monitor_set *m = mon(h);
    if (!m || !out)
        return STATUS_INVALID_PARAMETER;
    for (int i = 0; i < 4; i++)
        if (!m->out_used[i]) {
            m->out_used[i] = true;
            memset(&m->out[i], 0, sizeof(m->out[i]));
            m->out[i].Id = m->next_id++;
            *out = &m->out[i];
            return STATUS_SUCCESS;
        }
    nt_shim_violate("monitor mode set: more than 4 mode infos outstanding");
    return STATUS_NO_MEMORY;
}
static NTSTATUS APIENTRY mon_add(const D3DKMDT_HMONITORSOURCEMODESET h, const D3DKMDT_MONITOR_SOURCE_MODE *p)
{
    struct monitor_set *m = mon(h);
    int i = m ? mon_out(m, p) : -1;
    if (i < 0)
        return STATUS_INVALID_PARAMETER;
    if (m->n == VIDPN_MAX_MODES)
        return STATUS_NO_MEMORY;
    m->modes[m->n++] = *p;
    m->out_used[i] = false;
    return STATUS_SUCCESS;
}
static NTSTATUS APIENTRY mon_release(const D3DKMDT_HMONITORSOURCEMODESET h, const D3DKMDT_MONITOR_SOURCE_MODE *p)
{
    struct monitor_set *m = mon(h);
    int i = m ? mon_out(m, p) : -1;
    if (i < 0) {
        nt_shim_violate("monitor ReleaseModeInfo(%p): not handed out", (const void *)p);
        return STATUS_INVALID_PARAMETER;
    }
    m->out_used[i] = false;
    return STATUS_SUCCESS;
}
const DXGK_MONITORSOURCEMODESET_INTERFACE monitor_set_interface = {
    mon_num, NULL, NULL, NULL, mon_create, mon_add, mon_release,
};
bool monitor_set_check_released(const struct monitor_set *m, const char *ddi)
{
    for (int i = 0; i < 4; i++)
        if (m->out_used[i]) {
            nt_shim_violate("%s returned with a monitor mode info still outstanding", ddi);
            return false;
        }
    return true;
}
