/*
 * umd_query.c — queries and predication on virgl query objects.
 *
 * The runtime calls CalcPrivateQuerySize + CreateQuery, then QueryBegin /
 * QueryEnd around the work to measure (End only for EVENT and TIMESTAMP),
 * then polls QueryGetData until it stops reporting
 * DXGI_DDI_ERR_WASSTILLDRAWING; SetPredication(query, value) makes later
 * draws and clears skip while the predicate's result equals `value`.
 *
 * A host query writes a struct virgl_host_query_state into its own small
 * buffer (one per host query: the host ignores CREATE_QUERY's offset)
 * when the stream asks GET_QUERY_RESULT; GetData submits that
 * request plus a transfer of the state into the allocation's backing and
 * reads it through pfnLockCb.  TIMESTAMPDISJOINT
 * needs no host object: host timestamps are GL's, in nanoseconds, and the
 * counter never changes frequency.  STREAMOUTPUTSTATS is two host queries
 * (primitives written, primitives generated).
 *
 * STREAMOVERFLOWPREDICATE is the host's SO overflow predicate of stream 0
 * (GL_ARB_transform_feedback_overflow_query, caps bit TF_OVERFLOW_QUERY),
 * usable with SetPredication.  Without that bit it is derived from the two
 * STREAMOUTPUTSTATS queries (overflowed = generated > written); GetData
 * works, SetPredication on it reports E_NOTIMPL (GL cannot predicate on a
 * comparison of two queries).
 *
 * PIPELINESTATS is eight host queries, one per counter (virgl
 * PIPELINE_STATISTICS with the counter in the query index, which the host
 * maps onto GL_ARB_pipeline_statistics_query).  Hosts that advertise it set
 * VIRGL_CAP_V2_PIPELINE_STATISTICS_QUERY; virglrenderer 0.10.4 (the test
 * host) has no such query at all (it creates an object with no GL target),
 * so without the bit CreateQuery reports E_NOTIMPL through pfnSetErrorCb.
 */
#include "umd_priv.h"

/* Host queries behind one D3D10 query at most: PIPELINESTATS's eight. */
#define UMD_QUERY_SUBS 8
/* virglrenderer's pipeline-statistics counter indices (its virgl_hw.h
 * VIRGL_STAT_QUERY_*): IA vertices .. PS invocations are 0..7, the order
 * of D3D10_DDI_QUERY_DATA_PIPELINE_STATISTICS's members. */
#define UMD_STAT_COUNTERS 8
/* capability_bits_v2 bit of hosts with GL_ARB_pipeline_statistics_query. */
#define UMD_CAP_V2_PIPELINE_STATISTICS_QUERY (1u << 13)

struct umd_query {
    uint32_t kind;          /* D3D10DDI_QUERY */
    uint32_t handle;        /* first virgl query object, 0 for local queries */
    uint32_t nsub;          /* host queries handle, handle + 1, ... */
    /* the buffer each host query writes its state into (virglrenderer
     * ignores CREATE_QUERY's offset: one buffer per query) */
    uint32_t res_id[UMD_QUERY_SUBS];
    D3DKMT_HANDLE halloc[UMD_QUERY_SUBS];
    bool ended;
    bool derived_overflow;  /* STREAMOVERFLOWPREDICATE from written/generated */
};

static SIZE_T APIENTRY umd_calc_query(D3D10DDI_HDEVICE hd, const D3D10DDIARG_CREATEQUERY *a)
{
    (void)hd;
    (void)a;
    return sizeof(struct umd_query);
}

/* virgl query types (and query indices) behind a D3D10 query, how many;
 * 0 if the host has no path.  STREAMOUTPUTSTATS is two GL core queries
 * (written, and generated = storage needed); a virgl state holds one
 * result each. */
static uint32_t virgl_query_types(const struct virgl_caps *c, uint32_t kind, uint32_t *t, uint32_t *idx)
{
    for (uint32_t i = 0; i < UMD_QUERY_SUBS; i++)
        idx[i] = 0;
    switch (kind) {
    case D3D10DDI_QUERY_EVENT: t[0] = VIRGL_QUERY_TIMESTAMP; return 1; /* done = everything before it ran */
    case D3D10DDI_QUERY_OCCLUSION: t[0] = VIRGL_QUERY_OCCLUSION_COUNTER; return 1;
    case D3D10DDI_QUERY_OCCLUSIONPREDICATE: t[0] = VIRGL_QUERY_OCCLUSION_PREDICATE; return 1;
    case D3D10DDI_QUERY_TIMESTAMP: t[0] = VIRGL_QUERY_TIMESTAMP; return 1;
    case D3D10DDI_QUERY_STREAMOUTPUTSTATS:
        t[0] = VIRGL_QUERY_PRIMITIVES_EMITTED;
        t[1] = VIRGL_QUERY_PRIMITIVES_GENERATED;
        return 2;
    case D3D10DDI_QUERY_STREAMOVERFLOWPREDICATE:
        if (c->bset & VIRGL_BSET_TF_OVERFLOW_QUERY) {
            t[0] = VIRGL_QUERY_SO_OVERFLOW_PREDICATE; /* index 0: stream 0, D3D10's only one */
            return 1;
        }
        t[0] = VIRGL_QUERY_PRIMITIVES_EMITTED;
        t[1] = VIRGL_QUERY_PRIMITIVES_GENERATED;
        return 2;
    case D3D10DDI_QUERY_PIPELINESTATS:
        if (!(c->capability_bits_v2 & UMD_CAP_V2_PIPELINE_STATISTICS_QUERY))
            return 0;
        for (uint32_t i = 0; i < UMD_STAT_COUNTERS; i++) {
            t[i] = VIRGL_QUERY_PIPELINE_STATISTICS;
            idx[i] = i;
        }
        return UMD_STAT_COUNTERS;
    default: return 0;
    }
}

static VOID APIENTRY umd_create_query(D3D10DDI_HDEVICE hd, const D3D10DDIARG_CREATEQUERY *a, D3D10DDI_HQUERY hq,
                                      D3D10DDI_HRTQUERY hrt)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_query *q = hq.pDrvPrivate;
    (void)hrt;
    *q = (struct umd_query){0};
    q->kind = a->Query;
    if (a->Query == D3D10DDI_QUERY_TIMESTAMPDISJOINT)
        return;
    uint32_t types[UMD_QUERY_SUBS], index[UMD_QUERY_SUBS];
    uint32_t nsub = virgl_query_types(&d->adapter->caps, a->Query, types, index);
    q->derived_overflow = a->Query == D3D10DDI_QUERY_STREAMOVERFLOWPREDICATE && nsub == 2;
    if (!nsub || (types[0] == VIRGL_QUERY_OCCLUSION_PREDICATE && !(d->adapter->caps.bset & VIRGL_BSET_OCCLUSION_QUERY))) {
        umd_set_error(d, E_NOTIMPL);
        return;
    }
    for (uint32_t i = 0; i < nsub; i++) {
        struct viogpu_alloc_priv priv = {0};
        priv.abi_version = VIOGPU_ABI_VERSION;
        priv.size = sizeof(priv);
        priv.kind = VIOGPU_ALLOC_KIND_RESOURCE;
        priv.width = sizeof(struct virgl_host_query_state);
        priv.height = priv.depth = priv.array_size = 1;
        priv.format = VIRGL_FORMAT_R8_UNORM;
        /* The host keeps query state in host memory (CUSTOM storage, the
         * only kind vrend_create_query accepts) and copies it to our
         * backing on a TRANSFER FROM_HOST. */
        priv.bind = VIRGL_BIND_CUSTOM;
        priv.target = VIRGL_TARGET_BUFFER;
        D3DDDI_ALLOCATIONINFO ai = {0};
        ai.pPrivateDriverData = &priv;
        ai.PrivateDriverDataSize = sizeof(priv);
        D3DDDICB_ALLOCATE al = {0};
        al.NumAllocations = 1;
        al.pAllocationInfo = &ai;
        HRESULT hr = d->kt->pfnAllocateCb(d->hrt.handle, &al);
        if (FAILED(hr) || !priv.res_id || priv.backing_size < sizeof(struct virgl_host_query_state)) {
            umd_set_error(d, FAILED(hr) ? hr : E_OUTOFMEMORY);
            return; /* DestroyQuery frees what was made */
        }
        q->halloc[i] = ai.hAllocation;
        q->res_id[i] = priv.res_id;
        uint32_t h = umd_new_handle(d); /* consecutive: handle + i */
        if (!i)
            q->handle = h;
        q->nsub = i + 1;
        virgl_enc_create_query(&d->enc, h, types[i], index[i], umd_ref_alloc(d, ai.hAllocation), 0);
    }
    umd_check_enc(d);
}

static VOID APIENTRY umd_destroy_query(D3D10DDI_HDEVICE hd, D3D10DDI_HQUERY hq)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_query *q = hq.pDrvPrivate;
    if (d->predicate == q) {
        virgl_enc_set_render_condition(&d->enc, 0, false, 0);
        d->predicate = NULL;
    }
    for (uint32_t i = 0; q->handle && i < q->nsub; i++)
        virgl_enc_destroy_object(&d->enc, VIRGL_OBJECT_QUERY, q->handle + i);
    if (q->halloc[0])
        umd_submit(d); /* the host must drop the queries before their buffers */
    for (uint32_t i = 0; i < UMD_QUERY_SUBS; i++)
        if (q->halloc[i]) {
            D3DDDICB_DEALLOCATE da = {.NumAllocations = 1, .HandleList = &q->halloc[i]};
            d->kt->pfnDeallocateCb(d->hrt.handle, &da);
        }
    *q = (struct umd_query){0};
}

static VOID APIENTRY umd_query_begin(D3D10DDI_HDEVICE hd, D3D10DDI_HQUERY hq)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_query *q = hq.pDrvPrivate;
    q->ended = false;
    /* EVENT and TIMESTAMP are end-only (D3D10 never calls Begin on them). */
    for (uint32_t i = 0; q->handle && q->kind != D3D10DDI_QUERY_EVENT && q->kind != D3D10DDI_QUERY_TIMESTAMP &&
                         i < q->nsub; i++)
        virgl_enc_begin_query(&d->enc, q->handle + i);
    umd_check_enc(d);
}

static VOID APIENTRY umd_query_end(D3D10DDI_HDEVICE hd, D3D10DDI_HQUERY hq)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_query *q = hq.pDrvPrivate;
    for (uint32_t i = 0; q->handle && i < q->nsub; i++)
        virgl_enc_end_query(&d->enc, q->handle + i);
    q->ended = true;
    umd_check_enc(d);
}

/* Reads the host's state for `q`; false while the result is not there. */
static bool fetch(struct umd_device *d, struct umd_query *q, bool donotwait, uint64_t *result)
{
    /* wait=1: the host blocks in GL until the result exists, so one
     * round trip answers; DONOTWAIT polls the allocation instead. */
    const struct virgl_box box = {0, 0, 0, sizeof(struct virgl_host_query_state), 1, 1};
    for (uint32_t i = 0; i < q->nsub; i++) {
        virgl_enc_get_query_result(&d->enc, q->handle + i, !donotwait);
        virgl_enc_transfer3d(&d->enc, umd_ref_alloc(d, q->halloc[i]), 0, 0, &box, 0, 0, 0, VIRGL_TRANSFER_FROM_HOST);
    }
    if (umd_submit(d))
        return false;
    bool done = true;
    for (uint32_t i = 0; i < q->nsub; i++) {
        D3DDDICB_LOCK lk = {0};
        lk.hAllocation = q->halloc[i];
        lk.Flags.DonotWait = donotwait;
        lk.Flags.LockEntire = 1;
        lk.Flags.ReadOnly = 1;
        if (FAILED(d->kt->pfnLockCb(d->hrt.handle, &lk)))
            return false;
        const volatile struct virgl_host_query_state *st = lk.pData;
        done = done && st->query_state == VIRGL_QUERY_STATE_DONE;
        result[i] = st->result;
        D3DDDICB_UNLOCK ul = {.NumAllocations = 1, .phAllocations = &q->halloc[i]};
        d->kt->pfnUnlockCb(d->hrt.handle, &ul);
    }
    return done;
}

static VOID APIENTRY umd_query_get_data(D3D10DDI_HDEVICE hd, D3D10DDI_HQUERY hq, VOID *data, UINT size, UINT flags)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_query *q = hq.pDrvPrivate;
    (void)flags; /* DO_NOT_FLUSH: the result needs the stream submitted anyway */
    uint64_t r[UMD_QUERY_SUBS] = {0};
    if (!q->ended) {
        umd_set_error(d, DXGI_DDI_ERR_WASSTILLDRAWING);
        return;
    }
    if (q->kind != D3D10DDI_QUERY_TIMESTAMPDISJOINT && !fetch(d, q, false, r)) {
        umd_set_error(d, DXGI_DDI_ERR_WASSTILLDRAWING);
        return;
    }
    if (!data)
        return;
    switch (q->kind) {
    case D3D10DDI_QUERY_EVENT:
    case D3D10DDI_QUERY_OCCLUSIONPREDICATE:
    case D3D10DDI_QUERY_STREAMOVERFLOWPREDICATE:
        if (size < sizeof(BOOL))
            break;
        /* derived overflow: more primitives needed storage than were written */
        *(BOOL *)data = q->kind == D3D10DDI_QUERY_EVENT ? TRUE : q->derived_overflow ? r[1] > r[0] : r[0] != 0;
        return;
    case D3D10DDI_QUERY_PIPELINESTATS: /* the eight UINT64 counters, in member order */
        if (size < UMD_STAT_COUNTERS * sizeof(UINT64))
            break;
        for (uint32_t i = 0; i < UMD_STAT_COUNTERS; i++)
            ((UINT64 *)data)[i] = r[i];
        return;
    case D3D10DDI_QUERY_OCCLUSION:
    case D3D10DDI_QUERY_TIMESTAMP:
        if (size < sizeof(UINT64))
            break;
        *(UINT64 *)data = r[0];
        return;
    case D3D10DDI_QUERY_STREAMOUTPUTSTATS: /* NumPrimitivesWritten, PrimitivesStorageNeeded */
        if (size < 2 * sizeof(UINT64))
            break;
        ((UINT64 *)data)[0] = r[0];
        ((UINT64 *)data)[1] = r[1];
        return;
    case D3D10DDI_QUERY_TIMESTAMPDISJOINT: {
        if (size < 16)
            break;
        UINT64 freq = 1000000000ull; /* GL_TIMESTAMP counts nanoseconds */
        BOOL disjoint = FALSE;
        uint8_t *o = data;
        for (unsigned i = 0; i < 8; i++)
            o[i] = ((const uint8_t *)&freq)[i];
        for (unsigned i = 0; i < sizeof(BOOL); i++)
            o[8 + i] = ((const uint8_t *)&disjoint)[i];
        return;
    }
    default:
        break;
    }
    umd_set_error(d, E_INVALIDARG);
}

static VOID APIENTRY umd_set_predication(D3D10DDI_HDEVICE hd, D3D10DDI_HQUERY hq, BOOL value)
{
    struct umd_device *d = umd_dev(hd);
    struct umd_query *q = hq.pDrvPrivate;
    /* Gallium skips rendering when the result equals `condition`, which
     * is D3D's PredicateValue; WAIT mode, as D3D predicates never guess.
     * The host maps this onto glBegin/EndConditionalRender, which refuse
     * to nest or to end what is not begun: end the old one first, once. */
    if (q && q->derived_overflow) {
        umd_set_error(d, E_NOTIMPL); /* GL predicates on one query, not on a comparison */
        return;
    }
    if (d->predicate) {
        virgl_enc_set_render_condition(&d->enc, 0, false, VIRGL_RENDER_COND_WAIT);
        d->predicate = NULL;
    }
    if (q && q->handle) {
        virgl_enc_set_render_condition(&d->enc, q->handle, value != FALSE, VIRGL_RENDER_COND_WAIT);
        d->predicate = q;
    }
    umd_check_enc(d);
}

void umd_query_funcs(D3D10DDI_DEVICEFUNCS *f)
{
    f->pfnCalcPrivateQuerySize = umd_calc_query;
    f->pfnCreateQuery = umd_create_query;
    f->pfnDestroyQuery = umd_destroy_query;
    f->pfnQueryBegin = umd_query_begin;
    f->pfnQueryEnd = umd_query_end;
    f->pfnQueryGetData = umd_query_get_data;
    f->pfnSetPredication = umd_set_predication;
}
