/*
 * vcb.c — the command buffer validator (see vcb.h and the cmdbuf section
 * of include/viogpu/abi.h).
 *
 * Policy is an allowlist: a virgl command passes only if we know where its
 * resource handles are (so none can slip through unpatched) or know it has
 * none.  Commands that carry resource handles we do not map (compute,
 * images, indirect draws, QBO results), and commands whose target is
 * owned by the KMD (sub-contexts, resource creation, debug/tweak state)
 * are refused instead of guessed about.
 */
#include "cmdbuf/vcb.h"

#include "viogpu/abi.h"
#include "viogpu/virgl_protocol.h"

/* Byte-wise little-endian read: the runtime's buffer carries no alignment
 * promise we want to depend on, and this is the single read of the byte. */
static uint32_t rd32(const volatile uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* At most two fixed slots per command, plus the vertex-buffer stride form. */
struct vcb_rule {
    int err;        /* VCB_OK when the command is acceptable */
    uint8_t nslot;
    uint8_t slot[2];
    uint8_t every3; /* SET_VERTEX_BUFFERS: dwords 3, 6, 9, ... */
};

static struct vcb_rule rule_err(int e)
{
    struct vcb_rule r = {e, 0, {0, 0}, 0};
    return r;
}

static struct vcb_rule rule_slots(uint8_t n, uint8_t a, uint8_t b)
{
    struct vcb_rule r = {VCB_OK, n, {a, b}, 0};
    return r;
}

/* Non-object commands carry object type 0; anything else is malformed. */
static struct vcb_rule plain(uint32_t obj, uint32_t len, int len_ok, uint8_t n, uint8_t a, uint8_t b)
{
    if (obj)
        return rule_err(VCB_EOBJTYPE);
    if (!len_ok)
        return rule_err(VCB_ECMDSIZE);
    (void)len;
    return rule_slots(n, a, b);
}

static struct vcb_rule create_rule(uint32_t obj, uint32_t len)
{
    switch (obj) {
    case VIRGL_OBJECT_BLEND:
    case VIRGL_OBJECT_RASTERIZER:
    case VIRGL_OBJECT_DSA:
    case VIRGL_OBJECT_SHADER:
    case VIRGL_OBJECT_VERTEX_ELEMENTS:
    case VIRGL_OBJECT_SAMPLER_STATE:
        /* Objects without resources: the host checks their payload against
         * its own sub-context; we only insist on the handle dword. */
        return len >= 1 ? rule_slots(0, 0, 0) : rule_err(VCB_ECMDSIZE);
    case VIRGL_OBJECT_SAMPLER_VIEW:
        return len == VIRGL_SAMPLER_VIEW_SIZE ? rule_slots(1, 2, 0) : rule_err(VCB_ECMDSIZE);
    case VIRGL_OBJECT_SURFACE:
        return len == VIRGL_SURFACE_SIZE ? rule_slots(1, 2, 0) : rule_err(VCB_ECMDSIZE);
    case VIRGL_OBJECT_QUERY:
        return len == VIRGL_QUERY_SIZE ? rule_slots(1, 4, 0) : rule_err(VCB_ECMDSIZE);
    case VIRGL_OBJECT_STREAMOUT_TARGET:
        return len == VIRGL_SO_TARGET_SIZE ? rule_slots(1, 2, 0) : rule_err(VCB_ECMDSIZE);
    default: /* NULL, MSAA_SURFACE (carries a resource we do not map), unknown */
        return rule_err(VCB_EOBJTYPE);
    }
}

static struct vcb_rule rule_for(uint32_t hdr)
{
    uint32_t cmd = VIRGL_CMD_ID(hdr), obj = VIRGL_CMD_OBJ(hdr), len = VIRGL_CMD_LEN(hdr);
    switch (cmd) {
    case VIRGL_CCMD_CREATE_OBJECT:
        return create_rule(obj, len);
    case VIRGL_CCMD_BIND_OBJECT:
    case VIRGL_CCMD_DESTROY_OBJECT:
        if (obj == VIRGL_OBJECT_NULL || obj == VIRGL_OBJECT_MSAA_SURFACE || obj >= VIRGL_OBJECT_COUNT)
            return rule_err(VCB_EOBJTYPE);
        return len == 1 ? rule_slots(0, 0, 0) : rule_err(VCB_ECMDSIZE);
    /* No resource handles: only objects of the device's own sub-context. */
    case VIRGL_CCMD_NOP:
    case VIRGL_CCMD_SET_VIEWPORT_STATE:
    case VIRGL_CCMD_SET_FRAMEBUFFER_STATE:
    case VIRGL_CCMD_CLEAR:
    case VIRGL_CCMD_SET_SAMPLER_VIEWS:
    case VIRGL_CCMD_SET_CONSTANT_BUFFER:
    case VIRGL_CCMD_SET_STENCIL_REF:
    case VIRGL_CCMD_SET_BLEND_COLOR:
    case VIRGL_CCMD_SET_SCISSOR_STATE:
    case VIRGL_CCMD_BIND_SAMPLER_STATES:
    case VIRGL_CCMD_BEGIN_QUERY:
    case VIRGL_CCMD_END_QUERY:
    case VIRGL_CCMD_GET_QUERY_RESULT:
    case VIRGL_CCMD_SET_POLYGON_STIPPLE:
    case VIRGL_CCMD_SET_CLIP_STATE:
    case VIRGL_CCMD_SET_SAMPLE_MASK:
    case VIRGL_CCMD_SET_STREAMOUT_TARGETS:
    case VIRGL_CCMD_SET_RENDER_CONDITION:
    case VIRGL_CCMD_BIND_SHADER:
    case VIRGL_CCMD_SET_TESS_STATE:
    case VIRGL_CCMD_SET_MIN_SAMPLES:
    case VIRGL_CCMD_MEMORY_BARRIER:
    case VIRGL_CCMD_SET_FRAMEBUFFER_STATE_NO_ATTACH:
    case VIRGL_CCMD_TEXTURE_BARRIER:
    case VIRGL_CCMD_END_TRANSFERS:
    case VIRGL_CCMD_SEND_STRING_MARKER:
    case VIRGL_CCMD_LINK_SHADER:
        return plain(obj, len, 1, 0, 0, 0);
    /* Resource slots at fixed dwords (header = dword 0). */
    case VIRGL_CCMD_SET_VERTEX_BUFFERS: {
        struct vcb_rule r = plain(obj, len, len % 3u == 0, 0, 0, 0);
        r.every3 = 1;
        return r;
    }
    case VIRGL_CCMD_DRAW_VBO: /* longer forms name indirect-draw resources */
        return plain(obj, len, len == VIRGL_DRAW_VBO_SIZE, 0, 0, 0);
    case VIRGL_CCMD_RESOURCE_INLINE_WRITE:
        return plain(obj, len, len >= VIRGL_INLINE_WRITE_HDR_SIZE, 1, 1, 0);
    case VIRGL_CCMD_SET_INDEX_BUFFER:
        return plain(obj, len, len == 1 || len == 3, 1, 1, 0);
    case VIRGL_CCMD_BLIT:
        return plain(obj, len, len == VIRGL_BLIT_SIZE, 2, 4, 13);
    case VIRGL_CCMD_RESOURCE_COPY_REGION:
        return plain(obj, len, len == VIRGL_RESOURCE_COPY_REGION_SIZE, 2, 1, 6);
    case VIRGL_CCMD_SET_UNIFORM_BUFFER:
        return plain(obj, len, len == VIRGL_SET_UNIFORM_BUFFER_SIZE, 1, 5, 0);
    case VIRGL_CCMD_TRANSFER3D:
        return plain(obj, len, len == VIRGL_TRANSFER3D_SIZE, 1, 1, 0);
    case VIRGL_CCMD_CLEAR_TEXTURE:
        return plain(obj, len, len == VIRGL_CLEAR_TEXTURE_SIZE, 1, 1, 0);
    /* Owned by the KMD, or naming resources we cannot map. */
    case VIRGL_CCMD_SET_SUB_CTX:
    case VIRGL_CCMD_CREATE_SUB_CTX:
    case VIRGL_CCMD_DESTROY_SUB_CTX:
    case VIRGL_CCMD_SET_DEBUG_FLAGS:
    case VIRGL_CCMD_SET_TWEAKS:
    case VIRGL_CCMD_PIPE_RESOURCE_CREATE:
    case VIRGL_CCMD_PIPE_RESOURCE_SET_TYPE:
    case VIRGL_CCMD_COPY_TRANSFER3D:
    case VIRGL_CCMD_GET_MEMORY_INFO:
    case VIRGL_CCMD_SET_SHADER_BUFFERS:
    case VIRGL_CCMD_SET_SHADER_IMAGES:
    case VIRGL_CCMD_SET_ATOMIC_BUFFERS:
    case VIRGL_CCMD_LAUNCH_GRID:
    case VIRGL_CCMD_GET_QUERY_RESULT_QBO:
        return rule_err(VCB_EFORBIDDEN);
    default:
        return rule_err(VCB_EUNKNOWN);
    }
}

/* Replace one slot: 0 stays 0 (no resource), otherwise REF(i) -> host id. */
static int patch(uint32_t *slot, const uint32_t *alloc_res, uint32_t nalloc, struct vcb_result *res)
{
    uint32_t v = *slot;
    if (!v)
        return VCB_OK;
    if (v - 1u >= nalloc)
        return VCB_EREFINDEX;
    uint32_t id = alloc_res[v - 1u];
    if (!id)
        return VCB_EFOREIGN;
    *slot = id;
    res->nrefs++;
    return VCB_OK;
}

static int fail(struct vcb_result *res, int err, uint32_t at)
{
    res->err_dw = at;
    res->ndwords = 0;
    return err;
}

int vcb_validate(const void *buf, uint32_t len, const uint32_t *alloc_res, uint32_t nalloc,
                 uint32_t *out, uint32_t out_cap, struct vcb_result *res)
{
    struct vcb_result dummy; /* callers may pass NULL; no shared state (several GPU contexts) */
    if (!res)
        res = &dummy;
    res->ndwords = res->ncmds = res->nrefs = res->err_dw = 0;
    if (!buf || !out || (nalloc && !alloc_res))
        return VCB_EARGS;
    const volatile uint8_t *p = buf;
    if (len < sizeof(struct viogpu_cmdbuf_hdr))
        return fail(res, VCB_ESHORT, 0);
    if (rd32(p) != VIOGPU_CMDBUF_MAGIC)
        return fail(res, VCB_EMAGIC, 0);
    if (rd32(p + 4) != VIOGPU_CMDBUF_VERSION)
        return fail(res, VCB_EVERSION, 0);
    if (rd32(p + 8) != sizeof(struct viogpu_cmdbuf_hdr))
        return fail(res, VCB_EHDRSIZE, 0);
    uint32_t ndw = rd32(p + 12);
    /* Exact match, compared without forming 4*ndw for a huge ndw. */
    uint32_t body = len - (uint32_t)sizeof(struct viogpu_cmdbuf_hdr);
    if (ndw > VIOGPU_CMDBUF_MAX_DWORDS || (body & 3u) || body / 4u != ndw)
        return fail(res, VCB_ELENGTH, 0);
    if (ndw > out_cap)
        return fail(res, VCB_EOUTSPACE, 0);
    p += sizeof(struct viogpu_cmdbuf_hdr);
    /* The single read of the user buffer; all checks below use `out`. */
    for (uint32_t i = 0; i < ndw; i++)
        out[i] = rd32(p + 4u * i);

    uint32_t at = 0;
    while (at < ndw) {
        uint32_t hdr = out[at], clen = VIRGL_CMD_LEN(hdr);
        if (clen > ndw - at - 1u)
            return fail(res, VCB_ETRUNC, at);
        struct vcb_rule r = rule_for(hdr);
        if (r.err)
            return fail(res, r.err, at);
        uint32_t *cmd = out + at;
        for (unsigned s = 0; s < r.nslot; s++) {
            int e = patch(&cmd[r.slot[s]], alloc_res, nalloc, res);
            if (e)
                return fail(res, e, at);
        }
        if (r.every3)
            for (uint32_t s = 3; s <= clen; s += 3) {
                int e = patch(&cmd[s], alloc_res, nalloc, res);
                if (e)
                    return fail(res, e, at);
            }
        res->ncmds++;
        at += 1u + clen;
    }
    res->ndwords = ndw;
    return VCB_OK;
}

const char *vcb_strerror(int err)
{
    switch (err) {
    case VCB_OK: return "ok";
    case VCB_EARGS: return "bad arguments";
    case VCB_ESHORT: return "buffer shorter than the header";
    case VCB_EMAGIC: return "bad magic";
    case VCB_EVERSION: return "unknown format version";
    case VCB_EHDRSIZE: return "bad header size";
    case VCB_ELENGTH: return "num_dwords disagrees with the buffer length";
    case VCB_EOUTSPACE: return "output buffer too small";
    case VCB_ETRUNC: return "virgl command runs past the end";
    case VCB_EUNKNOWN: return "unknown virgl command";
    case VCB_EFORBIDDEN: return "forbidden virgl command";
    case VCB_ECMDSIZE: return "bad virgl command length";
    case VCB_EOBJTYPE: return "bad virgl object type";
    case VCB_EREFINDEX: return "allocation index outside the list";
    case VCB_EFOREIGN: return "allocation not a resource of this device";
    default: return "unknown error";
    }
}
