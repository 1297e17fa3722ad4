/*
 * test_vcb.c — unit tests of the command buffer validator (src/cmdbuf),
 * run under ASan+UBSan: hand-made good buffers that must be patched right
 * and malformed ones that must each fail with their own code, then the
 * per-use checks (write access, levels/layers/boxes/element ranges, backing
 * ranges) with their accepted edge cases: exactly the last level, the last
 * layer, the last byte of the backing.
 * `--write-seeds DIR` writes the good buffers as fuzzer seeds.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdbuf/vcb.h"
#include "viogpu/abi.h"
#include "viogpu/virgl_protocol.h"

static int failures;
static char why[256];

#define CHECK_EQ(a, b)                                                                              \
    do {                                                                                            \
        long long va_ = (long long)(a), vb_ = (long long)(b);                                       \
        if (va_ != vb_) {                                                                           \
            snprintf(why, sizeof(why), "line %d: %s == %s (%lld != %lld)", __LINE__, #a, #b, va_, vb_); \
            return false;                                                                           \
        }                                                                                           \
    } while (0)

/* A buffer under construction: header + dwords. */
struct bld {
    uint32_t w[256];
    uint32_t n; /* dwords including the 4-dword header */
};

static void start(struct bld *b)
{
    b->w[0] = VIOGPU_CMDBUF_MAGIC;
    b->w[1] = VIOGPU_CMDBUF_VERSION;
    b->w[2] = sizeof(struct viogpu_cmdbuf_hdr);
    b->n = 4;
}

static void cmd(struct bld *b, uint32_t id, uint32_t obj, uint32_t len, const uint32_t *pl)
{
    b->w[b->n++] = VIRGL_CMD0(id, obj, len);
    for (uint32_t i = 0; i < len; i++)
        b->w[b->n++] = pl ? pl[i] : 0;
}

static uint32_t finish(struct bld *b)
{
    b->w[3] = b->n - 4;
    return b->n * 4;
}

/* The allocation list every test submits with (backing sizes are the
 * tight layout of all levels and layers, as vtest and the KMD make them). */
enum { A_TEX, A_FOREIGN, A_BUF, A_RBUF, A_ARRAY, A_3D, A_BC1, A_ODDFMT, NA };
static const struct vcb_alloc allocs[NA] = {
    /* 64x32 BGRA8, levels 64x32, 32x16, 16x8: 8192 + 2048 + 512 */
    [A_TEX] = {101, 1, VIRGL_TARGET_2D, VIRGL_FORMAT_B8G8R8A8_UNORM, VIRGL_BIND_RENDER_TARGET, 64, 32, 1, 1, 2, 0, 0,
               10752},
    [A_FOREIGN] = {0}, /* not this device's */
    [A_BUF] = {103, 1, VIRGL_TARGET_BUFFER, VIRGL_FORMAT_R8_UNORM, VIRGL_BIND_VERTEX_BUFFER, 256, 1, 1, 1, 0, 0, 0, 256},
    /* submitted without WriteOperation */
    [A_RBUF] = {104, 0, VIRGL_TARGET_BUFFER, VIRGL_FORMAT_R8_UNORM, VIRGL_BIND_VERTEX_BUFFER, 256, 1, 1, 1, 0, 0, 0,
                256},
    /* 16x16 RGBA8, 4 layers: 1024 each */
    [A_ARRAY] = {105, 1, VIRGL_TARGET_2D_ARRAY, VIRGL_FORMAT_R8G8B8A8_UNORM, VIRGL_BIND_SAMPLER_VIEW, 16, 16, 1, 4, 0, 0,
                 0, 4096},
    /* 8x8x8 R8, levels 512 + 64 */
    [A_3D] = {106, 1, VIRGL_TARGET_3D, VIRGL_FORMAT_R8_UNORM, VIRGL_BIND_SAMPLER_VIEW, 8, 8, 8, 1, 1, 0, 0, 576},
    /* 16x16 BC1, 5 levels: 4x4, 2x2, 1, 1, 1 blocks of 8 bytes = 128 + 32 + 8 + 8 + 8 */
    [A_BC1] = {107, 1, VIRGL_TARGET_2D, VIRGL_FORMAT_DXT1_RGBA, VIRGL_BIND_SAMPLER_VIEW, 16, 16, 1, 1, 4, 0, 0, 184},
    /* a format the table does not know */
    [A_ODDFMT] = {108, 1, VIRGL_TARGET_2D, 9999, 0, 4, 4, 1, 1, 0, 0, 0, 64},
};
static uint32_t out[256];
static struct vcb_result res;

static int run(struct bld *b)
{
    uint32_t len = finish(b);
    return vcb_validate(b->w, len, allocs, NA, out, 256, &res);
}

/* A representative good buffer: every slot kind, refs and unbinds. */
static void good(struct bld *b)
{
    start(b);
    uint32_t surf[5] = {7, VIOGPU_CMDBUF_REF(0), 1, 0, 0};
    cmd(b, VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SURFACE, 5, surf);
    uint32_t vb[6] = {16, 0, VIOGPU_CMDBUF_REF(2), 16, 0, 0};
    cmd(b, VIRGL_CCMD_SET_VERTEX_BUFFERS, 0, 6, vb);
    uint32_t fb[3] = {1, 0, 7};
    cmd(b, VIRGL_CCMD_SET_FRAMEBUFFER_STATE, 0, 3, fb);
    cmd(b, VIRGL_CCMD_DRAW_VBO, 0, VIRGL_DRAW_VBO_SIZE, NULL);
    uint32_t cr[13] = {VIOGPU_CMDBUF_REF(0), 0, 0, 0, 0, VIOGPU_CMDBUF_REF(2), 0, 0, 0, 0, 1, 1, 1};
    cmd(b, VIRGL_CCMD_RESOURCE_COPY_REGION, 0, 13, cr);
    cmd(b, VIRGL_CCMD_NOP, 0, 0, NULL);
}

static bool test_good_patched(void)
{
    struct bld b;
    good(&b);
    CHECK_EQ(run(&b), VCB_OK);
    CHECK_EQ(res.ndwords, b.n - 4);
    CHECK_EQ(res.ncmds, 6);
    CHECK_EQ(res.nrefs, 4);
    CHECK_EQ(out[2], 101);        /* surface resource */
    CHECK_EQ(out[6 + 3], 103);    /* first vertex buffer */
    CHECK_EQ(out[6 + 6], 0);      /* second vertex buffer: unbound stays 0 */
    uint32_t cr = 6 + 7 + 4 + 13; /* copy_region header */
    CHECK_EQ(out[cr + 1], 101);
    CHECK_EQ(out[cr + 6], 103);
    return true;
}

static bool test_empty_ok(void)
{
    struct bld b;
    start(&b);
    CHECK_EQ(run(&b), VCB_OK);
    CHECK_EQ(res.ndwords, 0);
    return true;
}

static bool test_unaligned_input(void)
{
    struct bld b;
    good(&b);
    uint32_t len = finish(&b);
    static uint8_t raw[1100];
    memcpy(raw + 1, b.w, len);
    CHECK_EQ(vcb_validate(raw + 1, len, allocs, NA, out, 256, &res), VCB_OK);
    CHECK_EQ(out[2], 101);
    return true;
}

static bool test_args(void)
{
    CHECK_EQ(vcb_validate(NULL, 16, allocs, NA, out, 256, &res), VCB_EARGS);
    struct bld b;
    start(&b);
    finish(&b);
    CHECK_EQ(vcb_validate(b.w, 16, NULL, 3, out, 256, &res), VCB_EARGS);
    return true;
}

static bool test_header_errors(void)
{
    struct bld b;
    good(&b);
    uint32_t len = finish(&b);
    CHECK_EQ(vcb_validate(b.w, 15, allocs, NA, out, 256, &res), VCB_ESHORT);
    CHECK_EQ(vcb_validate(b.w, len - 4, allocs, NA, out, 256, &res), VCB_ELENGTH);
    CHECK_EQ(vcb_validate(b.w, len - 1, allocs, NA, out, 256, &res), VCB_ELENGTH);
    CHECK_EQ(vcb_validate(b.w, len, allocs, NA, out, 10, &res), VCB_EOUTSPACE);
    b.w[3] = 0xffffffffu;
    CHECK_EQ(vcb_validate(b.w, len, allocs, NA, out, 256, &res), VCB_ELENGTH);
    b.w[3] = len / 4 - 4;
    b.w[2] = 20;
    CHECK_EQ(vcb_validate(b.w, len, allocs, NA, out, 256, &res), VCB_EHDRSIZE);
    b.w[2] = 16;
    b.w[1] = 2;
    CHECK_EQ(vcb_validate(b.w, len, allocs, NA, out, 256, &res), VCB_EVERSION);
    b.w[1] = 1;
    b.w[0] ^= 1;
    CHECK_EQ(vcb_validate(b.w, len, allocs, NA, out, 256, &res), VCB_EMAGIC);
    return true;
}

static bool test_truncated(void)
{
    struct bld b;
    start(&b);
    cmd(&b, VIRGL_CCMD_NOP, 0, 0, NULL);
    b.w[b.n++] = VIRGL_CMD0(VIRGL_CCMD_CLEAR, 0, VIRGL_CLEAR_SIZE); /* payload missing */
    b.w[b.n++] = 0;
    CHECK_EQ(run(&b), VCB_ETRUNC);
    CHECK_EQ(res.err_dw, 1);
    CHECK_EQ(res.ndwords, 0);
    start(&b);
    b.w[b.n++] = VIRGL_CMD0(VIRGL_CCMD_NOP, 0, 0xffff);
    CHECK_EQ(run(&b), VCB_ETRUNC);
    return true;
}

static bool test_unknown_and_forbidden(void)
{
    struct bld b;
    start(&b);
    cmd(&b, VIRGL_CCMD_COUNT, 0, 0, NULL);
    CHECK_EQ(run(&b), VCB_EUNKNOWN);
    start(&b);
    cmd(&b, 0xff, 0, 0, NULL);
    CHECK_EQ(run(&b), VCB_EUNKNOWN);
    static const uint32_t forbidden[] = {VIRGL_CCMD_SET_SUB_CTX, VIRGL_CCMD_CREATE_SUB_CTX,
                                         VIRGL_CCMD_DESTROY_SUB_CTX, VIRGL_CCMD_PIPE_RESOURCE_CREATE,
                                         VIRGL_CCMD_COPY_TRANSFER3D, VIRGL_CCMD_SET_SHADER_IMAGES,
                                         VIRGL_CCMD_GET_QUERY_RESULT_QBO, VIRGL_CCMD_SET_DEBUG_FLAGS};
    for (unsigned i = 0; i < sizeof(forbidden) / sizeof(forbidden[0]); i++) {
        start(&b);
        uint32_t one = 1;
        cmd(&b, forbidden[i], 0, 1, &one);
        CHECK_EQ(run(&b), VCB_EFORBIDDEN);
    }
    return true;
}

static bool test_cmd_size(void)
{
    struct bld b;
    start(&b);
    cmd(&b, VIRGL_CCMD_DRAW_VBO, 0, VIRGL_DRAW_VBO_SIZE + 4, NULL); /* indirect form */
    CHECK_EQ(run(&b), VCB_ECMDSIZE);
    start(&b);
    cmd(&b, VIRGL_CCMD_SET_VERTEX_BUFFERS, 0, 4, NULL);
    CHECK_EQ(run(&b), VCB_ECMDSIZE);
    start(&b);
    cmd(&b, VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SAMPLER_VIEW, 1, NULL); /* slot beyond payload */
    CHECK_EQ(run(&b), VCB_ECMDSIZE);
    start(&b);
    cmd(&b, VIRGL_CCMD_BLIT, 0, 4, NULL);
    CHECK_EQ(run(&b), VCB_ECMDSIZE);
    return true;
}

static bool test_obj_type(void)
{
    struct bld b;
    start(&b);
    cmd(&b, VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_MSAA_SURFACE, 5, NULL);
    CHECK_EQ(run(&b), VCB_EOBJTYPE);
    start(&b);
    cmd(&b, VIRGL_CCMD_BIND_OBJECT, 200, 1, NULL);
    CHECK_EQ(run(&b), VCB_EOBJTYPE);
    start(&b);
    cmd(&b, VIRGL_CCMD_DRAW_VBO, VIRGL_OBJECT_SURFACE, VIRGL_DRAW_VBO_SIZE, NULL);
    CHECK_EQ(run(&b), VCB_EOBJTYPE);
    return true;
}

static bool test_refs(void)
{
    struct bld b;
    start(&b);
    uint32_t ib[3] = {VIOGPU_CMDBUF_REF(NA), 2, 0}; /* one past the list */
    cmd(&b, VIRGL_CCMD_SET_INDEX_BUFFER, 0, 3, ib);
    CHECK_EQ(run(&b), VCB_EREFINDEX);
    start(&b);
    uint32_t t[13] = {0xffffffffu};
    cmd(&b, VIRGL_CCMD_TRANSFER3D, 0, 13, t);
    CHECK_EQ(run(&b), VCB_EREFINDEX);
    start(&b);
    uint32_t ub[5] = {0, 1, 0, 16, VIOGPU_CMDBUF_REF(1)}; /* entry 1 belongs elsewhere */
    cmd(&b, VIRGL_CCMD_SET_UNIFORM_BUFFER, 0, 5, ub);
    CHECK_EQ(run(&b), VCB_EFOREIGN);
    /* an empty allocation list: any reference is out of range */
    start(&b);
    uint32_t so[4] = {3, VIOGPU_CMDBUF_REF(0), 0, 64};
    cmd(&b, VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_STREAMOUT_TARGET, 4, so);
    uint32_t len = finish(&b);
    CHECK_EQ(vcb_validate(b.w, len, NULL, 0, out, 256, &res), VCB_EREFINDEX);
    return true;
}

static bool test_strerror_distinct(void)
{
    for (int a = VCB_ELAST; a <= VCB_OK; a++)
        for (int c = a + 1; c <= VCB_OK; c++)
            if (!strcmp(vcb_strerror(a), vcb_strerror(c))) {
                snprintf(why, sizeof(why), "codes %d and %d share a message", a, c);
                return false;
            }
    return true;
}

/* ---- per-use checks ----------------------------------------------------- */

/* One command in an otherwise empty buffer. */
static int one_cmd(uint32_t id, uint32_t obj, uint32_t len, const uint32_t *pl)
{
    struct bld b;
    start(&b);
    cmd(&b, id, obj, len, pl);
    return run(&b);
}

#define R(i) VIOGPU_CMDBUF_REF(i)
#define TO VIRGL_TRANSFER_TO_HOST
#define FROM VIRGL_TRANSFER_FROM_HOST

/* TRANSFER3D payload: res, level, usage, stride, layer_stride, box, offset, direction */
static int xfer(uint32_t ref, uint32_t level, uint32_t stride, uint32_t ls, uint32_t x, uint32_t y, uint32_t z,
                uint32_t w, uint32_t h, uint32_t d, uint32_t off, uint32_t dir)
{
    uint32_t t[13] = {ref, level, 0, stride, ls, x, y, z, w, h, d, off, dir};
    return one_cmd(VIRGL_CCMD_TRANSFER3D, 0, 13, t);
}

static bool test_write_access(void)
{
    /* the GPU writes copy/blit destinations, surfaces, SO targets, query
     * buffers, inline writes, clears and transfers (both directions) */
    uint32_t cr[13] = {R(A_RBUF), 0, 0, 0, 0, R(A_BUF), 0, 0, 0, 0, 16, 1, 1};
    CHECK_EQ(one_cmd(VIRGL_CCMD_RESOURCE_COPY_REGION, 0, 13, cr), VCB_EWRITE);
    CHECK_EQ(res.err_dw, 0);
    CHECK_EQ(res.ndwords, 0);
    cr[0] = R(A_BUF);
    cr[5] = R(A_RBUF); /* reading an entry without WriteOperation is fine */
    CHECK_EQ(one_cmd(VIRGL_CCMD_RESOURCE_COPY_REGION, 0, 13, cr), VCB_OK);
    CHECK_EQ(xfer(R(A_RBUF), 0, 0, 0, 0, 0, 0, 16, 1, 1, 0, TO), VCB_EWRITE);
    CHECK_EQ(xfer(R(A_RBUF), 0, 0, 0, 0, 0, 0, 16, 1, 1, 0, FROM), VCB_EWRITE);
    CHECK_EQ(xfer(R(A_BUF), 0, 0, 0, 0, 0, 0, 16, 1, 1, 0, FROM), VCB_OK);
    uint32_t so[4] = {3, R(A_RBUF), 0, 64};
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_STREAMOUT_TARGET, 4, so), VCB_EWRITE);
    uint32_t q[4] = {3, VIRGL_QUERY_OCCLUSION_COUNTER, 0, R(A_RBUF)};
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_QUERY, 4, q), VCB_EWRITE);
    uint32_t iw[12] = {R(A_RBUF), 0, 0, 0, 0, 0, 0, 0, 4, 1, 1, 0xabcd};
    CHECK_EQ(one_cmd(VIRGL_CCMD_RESOURCE_INLINE_WRITE, 0, 12, iw), VCB_EWRITE);
    uint32_t ct[12] = {R(A_RBUF), 0, 0, 0, 0, 4, 1, 1};
    CHECK_EQ(one_cmd(VIRGL_CCMD_CLEAR_TEXTURE, 0, 12, ct), VCB_EWRITE);
    uint32_t bl[21] = {VIRGL_MASK_RGBA, 0, 0, R(A_RBUF), 0, 0, 0, 0, 0, 8, 1, 1, R(A_BUF), 0, 0, 0, 0, 0, 8, 1, 1};
    CHECK_EQ(one_cmd(VIRGL_CCMD_BLIT, 0, 21, bl), VCB_EWRITE);
    bl[3] = R(A_BUF);
    bl[12] = R(A_RBUF);
    CHECK_EQ(one_cmd(VIRGL_CCMD_BLIT, 0, 21, bl), VCB_OK);
    /* reads: vertex, index, uniform buffers, sampler views */
    uint32_t vb[3] = {16, 0, R(A_RBUF)};
    CHECK_EQ(one_cmd(VIRGL_CCMD_SET_VERTEX_BUFFERS, 0, 3, vb), VCB_OK);
    uint32_t ib[3] = {R(A_RBUF), 2, 0};
    CHECK_EQ(one_cmd(VIRGL_CCMD_SET_INDEX_BUFFER, 0, 3, ib), VCB_OK);
    uint32_t ub[5] = {0, 1, 0, 256, R(A_RBUF)};
    CHECK_EQ(one_cmd(VIRGL_CCMD_SET_UNIFORM_BUFFER, 0, 5, ub), VCB_OK);
    uint32_t sv[6] = {9, R(A_RBUF), VIRGL_FORMAT_R32_FLOAT, 0, 63, 0};
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SAMPLER_VIEW, 6, sv), VCB_OK);
    /* a surface is a render target: written */
    struct vcb_alloc ro[1] = {allocs[A_TEX]};
    ro[0].write = 0;
    struct bld b;
    start(&b);
    uint32_t surf[5] = {7, R(0), VIRGL_FORMAT_B8G8R8A8_UNORM, 0, 0};
    cmd(&b, VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SURFACE, 5, surf);
    uint32_t len = finish(&b);
    CHECK_EQ(vcb_validate(b.w, len, ro, 1, out, 256, &res), VCB_EWRITE);
    ro[0].write = 1;
    CHECK_EQ(vcb_validate(b.w, len, ro, 1, out, 256, &res), VCB_OK);
    return true;
}

static bool test_buffer_only(void)
{
    uint32_t vb[6] = {16, 0, R(A_BUF), 16, 0, R(A_TEX)};
    CHECK_EQ(one_cmd(VIRGL_CCMD_SET_VERTEX_BUFFERS, 0, 6, vb), VCB_ETARGET);
    uint32_t ib[3] = {R(A_TEX), 2, 0};
    CHECK_EQ(one_cmd(VIRGL_CCMD_SET_INDEX_BUFFER, 0, 3, ib), VCB_ETARGET);
    uint32_t ub[5] = {0, 1, 0, 16, R(A_ARRAY)};
    CHECK_EQ(one_cmd(VIRGL_CCMD_SET_UNIFORM_BUFFER, 0, 5, ub), VCB_ETARGET);
    uint32_t so[4] = {3, R(A_TEX), 0, 64};
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_STREAMOUT_TARGET, 4, so), VCB_ETARGET);
    uint32_t q[4] = {3, 0, 0, R(A_3D)};
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_QUERY, 4, q), VCB_ETARGET);
    return true;
}

static bool test_levels_layers(void)
{
    /* surfaces: level <= last_level, layers inside (depth of the level for 3D) */
    uint32_t s[5] = {7, R(A_TEX), VIRGL_FORMAT_B8G8R8A8_UNORM, 2, 0};
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SURFACE, 5, s), VCB_OK); /* last level */
    s[3] = 3;
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SURFACE, 5, s), VCB_EBOUNDS);
    uint32_t sa[5] = {7, R(A_ARRAY), VIRGL_FORMAT_R8G8B8A8_UNORM, 0, 0 | 3u << 16};
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SURFACE, 5, sa), VCB_OK); /* to the last layer */
    sa[4] = 3 | 3u << 16;
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SURFACE, 5, sa), VCB_OK);
    sa[4] = 0 | 4u << 16;
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SURFACE, 5, sa), VCB_EBOUNDS);
    sa[4] = 2 | 1u << 16; /* first > last */
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SURFACE, 5, sa), VCB_EBOUNDS);
    uint32_t s3[5] = {7, R(A_3D), VIRGL_FORMAT_R8_UNORM, 1, 3 | 3u << 16}; /* level 1 is 4 deep */
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SURFACE, 5, s3), VCB_OK);
    s3[4] = 4 | 4u << 16;
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SURFACE, 5, s3), VCB_EBOUNDS);
    /* sampler views: first <= last level <= last_level, layers inside */
    uint32_t v[6] = {9, R(A_TEX), VIRGL_FORMAT_B8G8R8A8_UNORM | VIRGL_TARGET_2D << 24, 0, 0 | 2u << 8, 0};
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SAMPLER_VIEW, 6, v), VCB_OK);
    v[4] = 1 | 3u << 8;
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SAMPLER_VIEW, 6, v), VCB_EBOUNDS);
    v[4] = 2 | 1u << 8;
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SAMPLER_VIEW, 6, v), VCB_EBOUNDS);
    uint32_t va[6] = {9, R(A_ARRAY), VIRGL_FORMAT_R8G8B8A8_UNORM | VIRGL_TARGET_2D_ARRAY << 24, 2 | 3u << 16, 0, 0};
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SAMPLER_VIEW, 6, va), VCB_OK);
    va[3] = 2 | 4u << 16;
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SAMPLER_VIEW, 6, va), VCB_EBOUNDS);
    /* buffer views: elements of the view format */
    uint32_t vb[6] = {9, R(A_BUF), VIRGL_FORMAT_R32_FLOAT, 0, 63, 0}; /* 64 floats = 256 bytes */
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SAMPLER_VIEW, 6, vb), VCB_OK);
    vb[4] = 64;
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SAMPLER_VIEW, 6, vb), VCB_EBOUNDS);
    vb[3] = 10;
    vb[4] = 9;
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SAMPLER_VIEW, 6, vb), VCB_EBOUNDS);
    vb[3] = 0;
    vb[4] = 0xffffffffu; /* (last + 1) * size must not wrap */
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SAMPLER_VIEW, 6, vb), VCB_EBOUNDS);
    vb[2] = 9999;
    vb[4] = 0;
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SAMPLER_VIEW, 6, vb), VCB_EFORMAT);
    uint32_t sb[5] = {7, R(A_BUF), VIRGL_FORMAT_R32G32B32A32_FLOAT, 15, 15};
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SURFACE, 5, sb), VCB_OK);
    sb[4] = 16;
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SURFACE, 5, sb), VCB_EBOUNDS);
    return true;
}

static bool test_ranges(void)
{
    uint32_t so[4] = {3, R(A_BUF), 128, 128};
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_STREAMOUT_TARGET, 4, so), VCB_OK);
    so[2] = 129;
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_STREAMOUT_TARGET, 4, so), VCB_EBOUNDS);
    so[2] = 0xffffffffu;
    so[3] = 2;
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_STREAMOUT_TARGET, 4, so), VCB_EBOUNDS);
    so[3] = 0; /* an empty target past the end writes nothing */
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_STREAMOUT_TARGET, 4, so), VCB_OK);
    uint32_t q[4] = {3, 0, 240, R(A_BUF)}; /* the 16-byte result ends at 256 */
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_QUERY, 4, q), VCB_OK);
    q[2] = 241;
    CHECK_EQ(one_cmd(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_QUERY, 4, q), VCB_EBOUNDS);
    uint32_t ub[5] = {0, 1, 16, 240, R(A_BUF)};
    CHECK_EQ(one_cmd(VIRGL_CCMD_SET_UNIFORM_BUFFER, 0, 5, ub), VCB_OK);
    ub[3] = 241;
    CHECK_EQ(one_cmd(VIRGL_CCMD_SET_UNIFORM_BUFFER, 0, 5, ub), VCB_EBOUNDS);
    return true;
}

static bool test_boxes(void)
{
    /* copy region: both boxes, in each resource's own level */
    uint32_t cr[13] = {R(A_BUF), 0, 200, 0, 0, R(A_RBUF), 0, 0, 0, 0, 56, 1, 1};
    CHECK_EQ(one_cmd(VIRGL_CCMD_RESOURCE_COPY_REGION, 0, 13, cr), VCB_OK); /* to the last byte */
    cr[10] = 57;
    CHECK_EQ(one_cmd(VIRGL_CCMD_RESOURCE_COPY_REGION, 0, 13, cr), VCB_EBOUNDS);
    cr[2] = 0;
    cr[7] = 200; /* source side */
    CHECK_EQ(one_cmd(VIRGL_CCMD_RESOURCE_COPY_REGION, 0, 13, cr), VCB_EBOUNDS);
    cr[7] = 1;
    cr[10] = 0xffffffffu; /* x + w must not wrap */
    CHECK_EQ(one_cmd(VIRGL_CCMD_RESOURCE_COPY_REGION, 0, 13, cr), VCB_EBOUNDS);
    cr[7] = 0;
    cr[10] = 16;
    cr[11] = 2; /* a buffer is one row */
    CHECK_EQ(one_cmd(VIRGL_CCMD_RESOURCE_COPY_REGION, 0, 13, cr), VCB_EBOUNDS);
    uint32_t ct[13] = {R(A_TEX), 2, 0, 0, 0, 16, 8, 1}; /* the whole last level */
    CHECK_EQ(one_cmd(VIRGL_CCMD_CLEAR_TEXTURE, 0, 12, ct), VCB_OK);
    ct[1] = 1;
    ct[2] = 16;
    CHECK_EQ(one_cmd(VIRGL_CCMD_CLEAR_TEXTURE, 0, 12, ct), VCB_OK); /* 16 + 16 <= 32 */
    ct[1] = 2;
    CHECK_EQ(one_cmd(VIRGL_CCMD_CLEAR_TEXTURE, 0, 12, ct), VCB_EBOUNDS);
    ct[1] = 3;
    ct[2] = 0;
    CHECK_EQ(one_cmd(VIRGL_CCMD_CLEAR_TEXTURE, 0, 12, ct), VCB_EBOUNDS);
    /* blit: both sides; a mirrored (negative) extent is refused */
    uint32_t bl[21] = {VIRGL_MASK_RGBA, 0, 0, R(A_TEX), 0, 0, 0, 0, 0, 64, 32, 1,
                       R(A_ARRAY), 0, 0, 0, 0, 3, 16, 16, 1};
    CHECK_EQ(one_cmd(VIRGL_CCMD_BLIT, 0, 21, bl), VCB_OK);
    bl[15] = 4;
    CHECK_EQ(one_cmd(VIRGL_CCMD_BLIT, 0, 21, bl), VCB_EBOUNDS); /* layer 4 of 4 */
    bl[15] = 3;
    bl[9] = (uint32_t)-64;
    bl[6] = 64;
    CHECK_EQ(one_cmd(VIRGL_CCMD_BLIT, 0, 21, bl), VCB_EBOUNDS);
    /* inline write */
    uint32_t iw[12] = {R(A_3D), 1, 0, 0, 0, 0, 0, 3, 4, 4, 1, 0};
    CHECK_EQ(one_cmd(VIRGL_CCMD_RESOURCE_INLINE_WRITE, 0, 12, iw), VCB_OK); /* last slice of level 1 */
    iw[7] = 4;
    CHECK_EQ(one_cmd(VIRGL_CCMD_RESOURCE_INLINE_WRITE, 0, 12, iw), VCB_EBOUNDS);
    /* compressed: a 2x2 level holds one whole 4x4 block */
    CHECK_EQ(xfer(R(A_BC1), 3, 0, 0, 0, 0, 0, 4, 4, 1, 168, TO), VCB_OK);
    CHECK_EQ(xfer(R(A_BC1), 3, 0, 0, 0, 0, 0, 5, 4, 1, 168, TO), VCB_EBOUNDS);
    /* copying 4x4 BC1 blocks (16x16 texels) into a 4x4-texel region */
    uint32_t cc[13] = {R(A_TEX), 2, 12, 4, 0, R(A_BC1), 0, 0, 0, 0, 16, 16, 1};
    CHECK_EQ(one_cmd(VIRGL_CCMD_RESOURCE_COPY_REGION, 0, 13, cc), VCB_OK);
    cc[3] = 13;
    CHECK_EQ(one_cmd(VIRGL_CCMD_RESOURCE_COPY_REGION, 0, 13, cc), VCB_EBOUNDS);
    return true;
}

static bool test_transfer_backing(void)
{
    /* the whole first level, then the last level ending at the last byte */
    CHECK_EQ(xfer(R(A_TEX), 0, 256, 8192, 0, 0, 0, 64, 32, 1, 0, TO), VCB_OK);
    CHECK_EQ(xfer(R(A_TEX), 2, 64, 512, 0, 0, 0, 16, 8, 1, 10240, FROM), VCB_OK);
    CHECK_EQ(xfer(R(A_TEX), 2, 0, 0, 0, 0, 0, 16, 8, 1, 10240, FROM), VCB_OK); /* the level's strides */
    CHECK_EQ(xfer(R(A_TEX), 2, 64, 512, 0, 0, 0, 16, 8, 1, 10241, FROM), VCB_EBACKING);
    CHECK_EQ(res.err_dw, 0);
    CHECK_EQ(xfer(R(A_TEX), 2, 0, 0, 0, 0, 0, 16, 8, 1, 0xffffffffu, FROM), VCB_EBACKING);
    CHECK_EQ(xfer(R(A_TEX), 3, 0, 0, 0, 0, 0, 1, 1, 1, 0, FROM), VCB_EBOUNDS);
    /* a sub-box: only its rows count (the offset names the box origin) */
    CHECK_EQ(xfer(R(A_TEX), 0, 256, 0, 8, 4, 0, 8, 4, 1, 10752 - 3 * 256 - 32, TO), VCB_OK);
    CHECK_EQ(xfer(R(A_TEX), 0, 256, 0, 8, 4, 0, 8, 4, 1, 10752 - 3 * 256 - 31, TO), VCB_EBACKING);
    /* strides below the box's row or layer refused, as the host does */
    CHECK_EQ(xfer(R(A_TEX), 2, 60, 0, 0, 0, 0, 16, 8, 1, 0, TO), VCB_EBACKING);
    CHECK_EQ(xfer(R(A_ARRAY), 0, 64, 100, 0, 0, 0, 16, 16, 2, 0, TO), VCB_EBACKING);
    /* arrays: the last layer, ending at the last byte */
    CHECK_EQ(xfer(R(A_ARRAY), 0, 64, 1024, 0, 0, 3, 16, 16, 1, 3072, TO), VCB_OK);
    CHECK_EQ(xfer(R(A_ARRAY), 0, 64, 1024, 0, 0, 0, 16, 16, 4, 0, TO), VCB_OK);
    CHECK_EQ(xfer(R(A_ARRAY), 0, 64, 1024, 0, 0, 3, 16, 16, 1, 3073, TO), VCB_EBACKING);
    CHECK_EQ(xfer(R(A_ARRAY), 0, 64, 1024, 0, 0, 3, 16, 16, 2, 0, TO), VCB_EBOUNDS);
    /* huge strides: the span is computed in 64 bits */
    CHECK_EQ(xfer(R(A_ARRAY), 0, 0xffffffffu, 0xffffffffu, 0, 0, 0, 16, 16, 2, 0, TO), VCB_EBACKING);
    /* 3D: the last level's slices */
    CHECK_EQ(xfer(R(A_3D), 1, 4, 16, 0, 0, 0, 4, 4, 4, 512, TO), VCB_OK);
    CHECK_EQ(xfer(R(A_3D), 1, 4, 16, 0, 0, 0, 4, 4, 4, 513, TO), VCB_EBACKING);
    /* buffers: x is the resource offset, data_offset the backing's */
    CHECK_EQ(xfer(R(A_BUF), 0, 0, 0, 0, 0, 0, 256, 1, 1, 0, TO), VCB_OK);
    CHECK_EQ(xfer(R(A_BUF), 0, 0, 0, 128, 0, 0, 128, 1, 1, 128, TO), VCB_OK);
    CHECK_EQ(xfer(R(A_BUF), 0, 0, 0, 0, 0, 0, 128, 1, 1, 129, TO), VCB_EBACKING);
    CHECK_EQ(xfer(R(A_BUF), 0, 0, 0, 129, 0, 0, 128, 1, 1, 0, TO), VCB_EBOUNDS);
    CHECK_EQ(xfer(R(A_BUF), 1, 0, 0, 0, 0, 0, 1, 1, 1, 0, TO), VCB_EBOUNDS);
    /* compressed: the last 1x1 level is one 8-byte block at the end */
    CHECK_EQ(xfer(R(A_BC1), 4, 0, 0, 0, 0, 0, 1, 1, 1, 176, FROM), VCB_OK);
    CHECK_EQ(xfer(R(A_BC1), 4, 0, 0, 0, 0, 0, 1, 1, 1, 177, FROM), VCB_EBACKING);
    /* other directions, and formats the validator cannot size */
    CHECK_EQ(xfer(R(A_BUF), 0, 0, 0, 0, 0, 0, 16, 1, 1, 0, 3), VCB_EFORBIDDEN);
    CHECK_EQ(xfer(R(A_ODDFMT), 0, 0, 0, 0, 0, 0, 4, 4, 1, 0, TO), VCB_EFORMAT);
    uint32_t ct[12] = {R(A_ODDFMT), 0, 0, 0, 0, 4, 4, 1}; /* a box alone needs no size */
    CHECK_EQ(one_cmd(VIRGL_CCMD_CLEAR_TEXTURE, 0, 12, ct), VCB_OK);
    return true;
}

/* The check applies to the copy: the host id lands in out[], the use
 * checks read the copy, and an error names the offending command. */
static bool test_use_error_position(void)
{
    struct bld b;
    good(&b);
    uint32_t at = b.n - 4;
    uint32_t t[13] = {R(A_BUF), 0, 0, 0, 0, 0, 0, 0, 257, 1, 1, 0, TO};
    cmd(&b, VIRGL_CCMD_TRANSFER3D, 0, 13, t);
    CHECK_EQ(run(&b), VCB_EBOUNDS);
    CHECK_EQ(res.err_dw, at);
    CHECK_EQ(res.ndwords, 0);
    return true;
}

static bool test_alloc_from_priv(void)
{
    struct viogpu_alloc_priv p;
    memset(&p, 0, sizeof(p));
    p.width = 64;
    p.height = 32;
    p.depth = 1;
    p.array_size = 6;
    p.last_level = 6;
    p.nr_samples = 0;
    p.format = VIRGL_FORMAT_B8G8R8A8_UNORM;
    p.bind = VIRGL_BIND_SAMPLER_VIEW;
    p.target = VIRGL_TARGET_CUBE;
    p.res_id = 42;
    p.backing_size = 0x100000000ull;
    struct vcb_alloc a;
    memset(&a, 0xff, sizeof(a));
    vcb_alloc_from_priv(&a, &p, 7);
    CHECK_EQ(a.res_id, 42);
    CHECK_EQ(a.write, 1);
    CHECK_EQ(a.target, VIRGL_TARGET_CUBE);
    CHECK_EQ(a.format, VIRGL_FORMAT_B8G8R8A8_UNORM);
    CHECK_EQ(a.bind, VIRGL_BIND_SAMPLER_VIEW);
    CHECK_EQ(a.width, 64);
    CHECK_EQ(a.height, 32);
    CHECK_EQ(a.depth, 1);
    CHECK_EQ(a.array_size, 6);
    CHECK_EQ(a.last_level, 6);
    CHECK_EQ(a.reserved, 0);
    CHECK_EQ(a.backing_size, 0x100000000ll);
    vcb_alloc_from_priv(&a, &p, 0);
    CHECK_EQ(a.write, 0);
    return true;
}

static void one(const char *name, bool (*fn)(void))
{
    why[0] = 0;
    if (fn()) {
        printf("ok - %s\n", name);
    } else {
        printf("not ok - %s: %s\n", name, why);
        failures++;
    }
}

/* Every accepted use, for the fuzzer to start from. */
static void good_uses(struct bld *b)
{
    start(b);
    uint32_t t1[13] = {R(A_TEX), 2, 0, 64, 512, 0, 0, 0, 16, 8, 1, 10240, FROM};
    cmd(b, VIRGL_CCMD_TRANSFER3D, 0, 13, t1);
    uint32_t t2[13] = {R(A_ARRAY), 0, 0, 64, 1024, 0, 0, 3, 16, 16, 1, 3072, TO};
    cmd(b, VIRGL_CCMD_TRANSFER3D, 0, 13, t2);
    uint32_t t3[13] = {R(A_BC1), 4, 0, 0, 0, 0, 0, 0, 1, 1, 1, 176, TO};
    cmd(b, VIRGL_CCMD_TRANSFER3D, 0, 13, t3);
    uint32_t bl[21] = {VIRGL_MASK_RGBA, 0, 0, R(A_TEX), 0, 0, 0, 0, 0, 64, 32, 1,
                       R(A_ARRAY), 0, 0, 0, 0, 3, 16, 16, 1};
    cmd(b, VIRGL_CCMD_BLIT, 0, 21, bl);
    uint32_t cc[13] = {R(A_TEX), 2, 12, 4, 0, R(A_BC1), 0, 0, 0, 0, 16, 16, 1};
    cmd(b, VIRGL_CCMD_RESOURCE_COPY_REGION, 0, 13, cc);
    uint32_t ct[12] = {R(A_3D), 1, 0, 0, 3, 4, 4, 1};
    cmd(b, VIRGL_CCMD_CLEAR_TEXTURE, 0, 12, ct);
    uint32_t iw[12] = {R(A_BUF), 0, 0, 0, 0, 252, 0, 0, 4, 1, 1, 0x12345678};
    cmd(b, VIRGL_CCMD_RESOURCE_INLINE_WRITE, 0, 12, iw);
    uint32_t sv[6] = {9, R(A_ARRAY), VIRGL_FORMAT_R8G8B8A8_UNORM | VIRGL_TARGET_2D_ARRAY << 24, 2 | 3u << 16, 0, 0};
    cmd(b, VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SAMPLER_VIEW, 6, sv);
    uint32_t svb[6] = {10, R(A_RBUF), VIRGL_FORMAT_R32_FLOAT, 0, 63, 0};
    cmd(b, VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SAMPLER_VIEW, 6, svb);
    uint32_t s3[5] = {11, R(A_3D), VIRGL_FORMAT_R8_UNORM, 1, 3 | 3u << 16};
    cmd(b, VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SURFACE, 5, s3);
    uint32_t so[4] = {12, R(A_BUF), 128, 128};
    cmd(b, VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_STREAMOUT_TARGET, 4, so);
    uint32_t q[4] = {13, 0, 240, R(A_BUF)};
    cmd(b, VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_QUERY, 4, q);
    uint32_t ub[5] = {0, 1, 16, 240, R(A_RBUF)};
    cmd(b, VIRGL_CCMD_SET_UNIFORM_BUFFER, 0, 5, ub);
    uint32_t ib[3] = {R(A_RBUF), 2, 0};
    cmd(b, VIRGL_CCMD_SET_INDEX_BUFFER, 0, 3, ib);
}

static bool test_good_uses(void)
{
    struct bld b;
    good_uses(&b);
    CHECK_EQ(run(&b), VCB_OK);
    CHECK_EQ(res.ncmds, 14);
    CHECK_EQ(res.nrefs, 16);
    CHECK_EQ(out[1], 101);
    return true;
}

/* fuzzer input: nalloc dword, nalloc raw struct vcb_alloc, then the buffer */
static int write_seed(const char *dir, const char *name, struct bld *b)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return 1;
    uint32_t nalloc = NA;
    fwrite(&nalloc, 4, 1, f);
    fwrite(allocs, sizeof(allocs[0]), NA, f);
    fwrite(b->w, 1, finish(b), f);
    return fclose(f) != 0;
}

static int write_seeds(const char *dir)
{
    struct bld b;
    good(&b);
    int e = write_seed(dir, "good.bin", &b);
    good_uses(&b);
    return e | write_seed(dir, "good_uses.bin", &b);
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--write-seeds"))
        return write_seeds(argv[2]);
    one("vcb_good_patched", test_good_patched);
    one("vcb_empty_ok", test_empty_ok);
    one("vcb_unaligned_input", test_unaligned_input);
    one("vcb_args", test_args);
    one("vcb_header_errors", test_header_errors);
    one("vcb_truncated", test_truncated);
    one("vcb_unknown_and_forbidden", test_unknown_and_forbidden);
    one("vcb_cmd_size", test_cmd_size);
    one("vcb_obj_type", test_obj_type);
    one("vcb_refs", test_refs);
    one("vcb_strerror_distinct", test_strerror_distinct);
    one("vcb_write_access", test_write_access);
    one("vcb_buffer_only", test_buffer_only);
    one("vcb_levels_layers", test_levels_layers);
    one("vcb_ranges", test_ranges);
    one("vcb_boxes", test_boxes);
    one("vcb_transfer_backing", test_transfer_backing);
    one("vcb_use_error_position", test_use_error_position);
    one("vcb_alloc_from_priv", test_alloc_from_priv);
    one("vcb_good_uses", test_good_uses);
    return failures ? 1 : 0;
}
