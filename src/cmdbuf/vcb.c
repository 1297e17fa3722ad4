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
 *
 * Per-use table: what each resource slot does to its allocation, and what
 * is checked against the allocation (struct vcb_alloc) besides the slot.
 * W = the GPU writes the resource (host copy or guest backing): the list
 * entry must carry WriteOperation (VCB_EWRITE), so dxgkrnl's residency and
 * CPU-lock synchronization see the write.  B = the resource must be a
 * buffer (VCB_ETARGET).  Ranges are checked in 64-bit math (VCB_EBOUNDS,
 * VCB_EBACKING for guest memory).
 *   command                  dword  use  checks
 *   CREATE_OBJECT SURFACE      2    W    texture: level <= last_level, first <= last
 *                                        layer < layers at that level (depth for 3D);
 *                                        buffer: element range of the surface format
 *                                        inside width.  A surface exists only to be
 *                                        rendered to (framebuffer), hence W.
 *   CREATE_OBJECT SAMPLER_VIEW 2    R    texture: first <= last level <= last_level,
 *                                        first <= last layer < layers; buffer: elements
 *                                        of the view format inside width
 *   CREATE_OBJECT QUERY        4    W,B  offset + sizeof(virgl_host_query_state) <= width
 *                                        (the host writes the result there)
 *   CREATE_OBJECT SO_TARGET    2    W,B  offset + size <= width (size 0: nothing written)
 *   SET_VERTEX_BUFFERS     3,6,..   R,B  (offsets: fetch is bounds-checked by the GPU)
 *   SET_INDEX_BUFFER           1    R,B
 *   SET_UNIFORM_BUFFER         5    R,B  offset + length <= width
 *   RESOURCE_INLINE_WRITE      1    W    level, box inside the level (data is inline)
 *   BLIT                  dst  4    W    level, box inside the level
 *                         src 13    R    level, box inside the level
 *   RESOURCE_COPY_REGION  dst  1    W    level, box (src box in dst blocks) inside
 *                         src  6    R    level, box inside the level
 *   TRANSFER3D                 1    W    level, box; direction TO_HOST or FROM_HOST;
 *                                        stride/layer_stride not below the box's rows;
 *                                        data_offset + the bytes the box spans at
 *                                        those strides <= backing_size.  FROM_HOST
 *                                        writes the backing, TO_HOST the host copy:
 *                                        both change what the allocation holds.
 *   CLEAR_TEXTURE              1    W    level, box inside the level
 * Every other allowed command names no resource (only sub-context objects).
 * Writes through objects named by handle (SET_FRAMEBUFFER_STATE, CLEAR,
 * SET_STREAMOUT_TARGETS, GET_QUERY_RESULT) were checked at the object's
 * creation, where its resource slot is; this validator is stateless, so a
 * later buffer that only names the handle is not re-checked (the KMD
 * would need a per-context handle -> allocation table for that).
 */
#include "cmdbuf/vcb.h"

#include "viogpu/abi.h"
#include "viogpu/virgl_protocol.h"
#include "virgl/virgl_format.h"

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
    uint8_t write;  /* bit s: slot[s] is written by the GPU */
    uint8_t buffer; /* bit s: slot[s] must be a buffer */
};

static struct vcb_rule rule_err(int e)
{
    struct vcb_rule r = {e, 0, {0, 0}, 0, 0, 0};
    return r;
}

static struct vcb_rule rule_slots(uint8_t n, uint8_t a, uint8_t b)
{
    struct vcb_rule r = {VCB_OK, n, {a, b}, 0, 0, 0};
    return r;
}

/* The same rule with write/buffer bits (for slot 0 and slot 1). */
static struct vcb_rule use(struct vcb_rule r, uint8_t write, uint8_t buffer)
{
    if (!r.err) {
        r.write = write;
        r.buffer = buffer;
    }
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
        return len == VIRGL_SURFACE_SIZE ? use(rule_slots(1, 2, 0), 1, 0) : rule_err(VCB_ECMDSIZE);
    case VIRGL_OBJECT_QUERY:
        return len == VIRGL_QUERY_SIZE ? use(rule_slots(1, 4, 0), 1, 1) : rule_err(VCB_ECMDSIZE);
    case VIRGL_OBJECT_STREAMOUT_TARGET:
        return len == VIRGL_SO_TARGET_SIZE ? use(rule_slots(1, 2, 0), 1, 1) : rule_err(VCB_ECMDSIZE);
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
        r.every3 = 1; /* each read, each a buffer */
        return r;
    }
    case VIRGL_CCMD_DRAW_VBO: /* longer forms name indirect-draw resources */
        return plain(obj, len, len == VIRGL_DRAW_VBO_SIZE, 0, 0, 0);
    case VIRGL_CCMD_RESOURCE_INLINE_WRITE:
        return use(plain(obj, len, len >= VIRGL_INLINE_WRITE_HDR_SIZE, 1, 1, 0), 1, 0);
    case VIRGL_CCMD_SET_INDEX_BUFFER:
        return use(plain(obj, len, len == 1 || len == 3, 1, 1, 0), 0, 1);
    case VIRGL_CCMD_BLIT: /* dst, src */
        return use(plain(obj, len, len == VIRGL_BLIT_SIZE, 2, 4, 13), 1, 0);
    case VIRGL_CCMD_RESOURCE_COPY_REGION: /* dst, src */
        return use(plain(obj, len, len == VIRGL_RESOURCE_COPY_REGION_SIZE, 2, 1, 6), 1, 0);
    case VIRGL_CCMD_SET_UNIFORM_BUFFER:
        return use(plain(obj, len, len == VIRGL_SET_UNIFORM_BUFFER_SIZE, 1, 5, 0), 0, 1);
    case VIRGL_CCMD_TRANSFER3D:
        return use(plain(obj, len, len == VIRGL_TRANSFER3D_SIZE, 1, 1, 0), 1, 0);
    case VIRGL_CCMD_CLEAR_TEXTURE:
        return use(plain(obj, len, len == VIRGL_CLEAR_TEXTURE_SIZE, 1, 1, 0), 1, 0);
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

/* Replace one slot: 0 stays 0 (no resource, *used = NULL), otherwise
 * REF(i) -> host id, with the write and buffer-only rules of the slot. */
static int patch(uint32_t *slot, const struct vcb_alloc *alloc, uint32_t nalloc, int write, int buffer,
                 const struct vcb_alloc **used, struct vcb_result *res)
{
    uint32_t v = *slot;
    *used = 0;
    if (!v)
        return VCB_OK;
    if (v - 1u >= nalloc)
        return VCB_EREFINDEX;
    const struct vcb_alloc *a = &alloc[v - 1u];
    if (!a->res_id)
        return VCB_EFOREIGN;
    if (write && !a->write)
        return VCB_EWRITE;
    if (buffer && a->target != VIRGL_TARGET_BUFFER)
        return VCB_ETARGET;
    *slot = a->res_id;
    *used = a;
    res->nrefs++;
    return VCB_OK;
}

/* ---- ranges ----------------------------------------------------------- */

static uint32_t minify(uint32_t v, uint32_t level)
{
    v = level < 32 ? v >> level : 0;
    return v ? v : 1;
}

/* Block size of a virgl format: bytes per block and log2 of the block's
 * texels per side (4x4 for compressed formats: shifts keep the 64-bit math
 * free of libgcc divisions on i686); 0 when the table does not know it. */
struct vcb_fmt {
    uint32_t bytes, shift;
};
static uint64_t blocks(uint64_t texels, uint32_t shift)
{
    return (texels + (1u << shift) - 1u) >> shift;
}
static int fmt_of(uint32_t format, struct vcb_fmt *f)
{
    const struct virgl_format_desc *d = virgl_format_info(format);
    if (!d || !d->block_bytes)
        return 0;
    f->bytes = d->block_bytes;
    f->shift = (d->flags & VIRGL_FMT_COMPRESSED) ? 2u : 0u;
    return 1;
}

static uint32_t layers_at(const struct vcb_alloc *a, uint32_t level)
{
    if (a->target == VIRGL_TARGET_3D)
        return minify(a->depth, level);
    return a->array_size ? a->array_size : 1u;
}

/* Texels of `level` along x (y): rounded up to whole blocks for compressed
 * formats, since the host stores (and copies) whole blocks. */
static uint64_t level_extent(const struct vcb_alloc *a, uint32_t v, uint32_t level)
{
    uint64_t e = minify(v, level);
    struct vcb_fmt f;
    if (a->target != VIRGL_TARGET_BUFFER && fmt_of(a->format, &f))
        e = blocks(e, f.shift) << f.shift;
    return e;
}

/* A level and a box x, y, z, w, h, d (unsigned: a negative extent is
 * refused) inside the allocation. */
static int box_in(const struct vcb_alloc *a, uint32_t level, const uint32_t *box)
{
    uint64_t W, H, L;
    if (level > a->last_level)
        return VCB_EBOUNDS;
    if (a->target == VIRGL_TARGET_BUFFER) {
        if (level)
            return VCB_EBOUNDS;
        W = a->width;
        H = L = 1;
    } else {
        W = level_extent(a, a->width, level);
        H = level_extent(a, a->height, level);
        L = layers_at(a, level);
    }
    if ((uint64_t)box[0] + box[3] > W || (uint64_t)box[1] + box[4] > H || (uint64_t)box[2] + box[5] > L)
        return VCB_EBOUNDS;
    return VCB_OK;
}

/* Elements first..last of `format` inside a buffer of `width` bytes. */
static int elements_in(const struct vcb_alloc *a, uint32_t format, uint32_t first, uint32_t last)
{
    struct vcb_fmt f;
    if (!fmt_of(format, &f))
        return VCB_EFORMAT;
    if (first > last || ((uint64_t)last + 1u) * f.bytes > a->width)
        return VCB_EBOUNDS;
    return VCB_OK;
}

/* Layers first..last of `level` (0 <= first <= last < layers). */
static int layers_in(const struct vcb_alloc *a, uint32_t level, uint32_t first, uint32_t last)
{
    if (level > a->last_level || first > last || last >= layers_at(a, level))
        return VCB_EBOUNDS;
    return VCB_OK;
}

/* The guest bytes a TRANSFER3D touches: data_offset + the span of the
 * box at the given strides (0 = the level's own, as the host takes it). */
static int transfer_in(const struct vcb_alloc *a, const uint32_t *c)
{
    uint32_t level = c[2], stride = c[4], lstride = c[5], off = c[12], dir = c[13];
    const uint32_t *box = c + 6;
    if (dir != VIRGL_TRANSFER_TO_HOST && dir != VIRGL_TRANSFER_FROM_HOST)
        return VCB_EFORBIDDEN;
    int e = box_in(a, level, box);
    if (e)
        return e;
    uint64_t span;
    if (a->target == VIRGL_TARGET_BUFFER) {
        span = box[3];
    } else {
        struct vcb_fmt f;
        if (!fmt_of(a->format, &f))
            return VCB_EFORMAT;
        uint64_t row = blocks(box[3], f.shift) * f.bytes;
        uint64_t rows = blocks(box[4], f.shift);
        uint64_t s = stride, ls = lstride;
        if (!s)
            s = blocks(minify(a->width, level), f.shift) * f.bytes;
        if (!ls)
            ls = s * blocks(minify(a->height, level), f.shift);
        /* what the host refuses too: rows or layers that overlap */
        if (s < row || ls < s * rows)
            return VCB_EBACKING;
        span = (!row || !rows || !box[5]) ? 0 : ((uint64_t)box[5] - 1u) * ls + (rows - 1u) * s + row;
    }
    if (off > a->backing_size || span > a->backing_size - off)
        return VCB_EBACKING;
    return VCB_OK;
}

/* The per-use checks of the table at the top; `u[s]` is the allocation of
 * slot s (NULL when unbound: nothing to check). */
static int check_use(uint32_t hdr, const uint32_t *c, const struct vcb_alloc *const *u)
{
    uint32_t cmd = VIRGL_CMD_ID(hdr), obj = VIRGL_CMD_OBJ(hdr);
    const struct vcb_alloc *a = u[0];
    int e;
    if (!a && !u[1])
        return VCB_OK;
    switch (cmd) {
    case VIRGL_CCMD_CREATE_OBJECT:
        if (obj == VIRGL_OBJECT_SURFACE) { /* handle, res, format, level|first_el, layers|last_el */
            if (a->target == VIRGL_TARGET_BUFFER)
                return elements_in(a, c[3], c[4], c[5]);
            return layers_in(a, c[4], c[5] & 0xffffu, c[5] >> 16);
        }
        if (obj == VIRGL_OBJECT_SAMPLER_VIEW) { /* handle, res, format|target, layers|first_el, levels|last_el */
            if (a->target == VIRGL_TARGET_BUFFER)
                return elements_in(a, c[3] & 0xffffffu, c[4], c[5]);
            uint32_t fl = c[5] & 0xffu, ll = (c[5] >> 8) & 0xffu; /* the bits the host decodes */
            if (fl > ll || ll > a->last_level)
                return VCB_EBOUNDS;
            return layers_in(a, fl, c[4] & 0xffffu, c[4] >> 16);
        }
        if (obj == VIRGL_OBJECT_QUERY) /* handle, type, offset, res */
            return (uint64_t)c[3] + sizeof(struct virgl_host_query_state) > a->width ? VCB_EBOUNDS : VCB_OK;
        if (obj == VIRGL_OBJECT_STREAMOUT_TARGET) /* handle, res, offset, size */
            /* size 0 captures nothing, wherever it starts (an SO offset past
             * the end is legal in D3D and becomes such a target) */
            return c[4] && (uint64_t)c[3] + c[4] > a->width ? VCB_EBOUNDS : VCB_OK;
        return VCB_OK;
    case VIRGL_CCMD_SET_UNIFORM_BUFFER: /* shader, index, offset, length, res */
        return (uint64_t)c[3] + c[4] > a->width ? VCB_EBOUNDS : VCB_OK;
    case VIRGL_CCMD_RESOURCE_INLINE_WRITE: /* res, level, usage, stride, layer_stride, box */
    case VIRGL_CCMD_CLEAR_TEXTURE:         /* res, level, box, data */
        return box_in(a, c[2], c + (cmd == VIRGL_CCMD_CLEAR_TEXTURE ? 3 : 6));
    case VIRGL_CCMD_TRANSFER3D:
        return transfer_in(a, c);
    case VIRGL_CCMD_BLIT: /* S0, scissor x2, dst{res, level, format, box}, src{...} */
        if (a && (e = box_in(a, c[5], c + 7)))
            return e;
        return u[1] ? box_in(u[1], c[14], c + 16) : VCB_OK;
    case VIRGL_CCMD_RESOURCE_COPY_REGION: { /* dst res, level, x, y, z, src res, level, x, y, z, w, h, d */
        const struct vcb_alloc *s = u[1];
        uint32_t sbox[6] = {c[8], c[9], c[10], c[11], c[12], c[13]};
        uint32_t dbox[6] = {c[3], c[4], c[5], c[11], c[12], c[13]};
        if (s && (e = box_in(s, c[7], sbox)))
            return e;
        struct vcb_fmt sf, df;
        if (a && s && a->target != VIRGL_TARGET_BUFFER && s->target != VIRGL_TARGET_BUFFER &&
            fmt_of(s->format, &sf) && fmt_of(a->format, &df)) {
            /* the extent is the source's blocks, in destination texels
             * (a compressed <-> uncompressed copy moves one block per texel) */
            uint64_t w = blocks(c[11], sf.shift) << df.shift;
            uint64_t h = blocks(c[12], sf.shift) << df.shift;
            if (w > 0xffffffffu || h > 0xffffffffu)
                return VCB_EBOUNDS;
            dbox[3] = (uint32_t)w;
            dbox[4] = (uint32_t)h;
        }
        return a ? box_in(a, c[2], dbox) : VCB_OK;
    }
    default:
        return VCB_OK;
    }
}

static int fail(struct vcb_result *res, int err, uint32_t at)
{
    res->err_dw = at;
    res->ndwords = 0;
    return err;
}

void vcb_alloc_from_priv(struct vcb_alloc *a, const struct viogpu_alloc_priv *p, uint32_t write)
{
    a->res_id = p->res_id;
    a->write = write ? 1u : 0u;
    a->target = p->target;
    a->format = p->format;
    a->bind = p->bind;
    a->width = p->width;
    a->height = p->height;
    a->depth = p->depth;
    a->array_size = p->array_size;
    a->last_level = p->last_level;
    a->nr_samples = p->nr_samples;
    a->reserved = 0;
    a->backing_size = p->backing_size;
}

int vcb_validate(const void *buf, uint32_t len, const struct vcb_alloc *alloc, uint32_t nalloc,
                 uint32_t *out, uint32_t out_cap, struct vcb_result *res)
{
    struct vcb_result dummy; /* callers may pass NULL; no shared state (several GPU contexts) */
    if (!res)
        res = &dummy;
    res->ndwords = res->ncmds = res->nrefs = res->err_dw = 0;
    if (!buf || !out || (nalloc && !alloc))
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
        const struct vcb_alloc *used[2] = {0, 0};
        for (unsigned s = 0; s < r.nslot; s++) {
            int e = patch(&cmd[r.slot[s]], alloc, nalloc, (r.write >> s) & 1u, (r.buffer >> s) & 1u, &used[s],
                          res);
            if (e)
                return fail(res, e, at);
        }
        if (r.every3)
            for (uint32_t s = 3; s <= clen; s += 3) {
                const struct vcb_alloc *vb;
                int e = patch(&cmd[s], alloc, nalloc, 0, 1, &vb, res);
                if (e)
                    return fail(res, e, at);
            }
        int e = check_use(hdr, cmd, used);
        if (e)
            return fail(res, e, at);
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
    case VCB_EWRITE: return "written resource without WriteOperation";
    case VCB_EBOUNDS: return "level, layer, box or range outside the resource";
    case VCB_EBACKING: return "transfer outside the allocation backing";
    case VCB_ETARGET: return "buffer-only slot names a texture";
    case VCB_EFORMAT: return "format the validator cannot size";
    default: return "unknown error";
    }
}
