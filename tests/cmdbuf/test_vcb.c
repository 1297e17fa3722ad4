/*
 * test_vcb.c — unit tests of the command buffer validator (src/cmdbuf),
 * run under ASan+UBSan: hand-made good buffers that must be patched right
 * and malformed ones that must each fail with their own code.
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

static const uint32_t host_ids[3] = {101, 0 /* not this device's */, 103};
static uint32_t out[256];
static struct vcb_result res;

static int run(struct bld *b)
{
    uint32_t len = finish(b);
    return vcb_validate(b->w, len, host_ids, 3, out, 256, &res);
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
    CHECK_EQ(vcb_validate(raw + 1, len, host_ids, 3, out, 256, &res), VCB_OK);
    CHECK_EQ(out[2], 101);
    return true;
}

static bool test_args(void)
{
    CHECK_EQ(vcb_validate(NULL, 16, host_ids, 3, out, 256, &res), VCB_EARGS);
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
    CHECK_EQ(vcb_validate(b.w, 15, host_ids, 3, out, 256, &res), VCB_ESHORT);
    CHECK_EQ(vcb_validate(b.w, len - 4, host_ids, 3, out, 256, &res), VCB_ELENGTH);
    CHECK_EQ(vcb_validate(b.w, len - 1, host_ids, 3, out, 256, &res), VCB_ELENGTH);
    CHECK_EQ(vcb_validate(b.w, len, host_ids, 3, out, 10, &res), VCB_EOUTSPACE);
    b.w[3] = 0xffffffffu;
    CHECK_EQ(vcb_validate(b.w, len, host_ids, 3, out, 256, &res), VCB_ELENGTH);
    b.w[3] = len / 4 - 4;
    b.w[2] = 20;
    CHECK_EQ(vcb_validate(b.w, len, host_ids, 3, out, 256, &res), VCB_EHDRSIZE);
    b.w[2] = 16;
    b.w[1] = 2;
    CHECK_EQ(vcb_validate(b.w, len, host_ids, 3, out, 256, &res), VCB_EVERSION);
    b.w[1] = 1;
    b.w[0] ^= 1;
    CHECK_EQ(vcb_validate(b.w, len, host_ids, 3, out, 256, &res), VCB_EMAGIC);
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
    uint32_t ib[3] = {VIOGPU_CMDBUF_REF(3), 2, 0}; /* list has 3 entries */
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
    for (int a = VCB_EFOREIGN; a <= VCB_OK; a++)
        for (int c = a + 1; c <= VCB_OK; c++)
            if (!strcmp(vcb_strerror(a), vcb_strerror(c))) {
                snprintf(why, sizeof(why), "codes %d and %d share a message", a, c);
                return false;
            }
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

static int write_seeds(const char *dir)
{
    struct bld b;
    good(&b);
    char path[512];
    snprintf(path, sizeof(path), "%s/good.bin", dir);
    FILE *f = fopen(path, "wb");
    if (!f)
        return 1;
    uint32_t nalloc = 3;
    /* fuzzer input: nalloc dword, host ids, then the buffer */
    fwrite(&nalloc, 4, 1, f);
    fwrite(host_ids, 4, 3, f);
    fwrite(b.w, 1, finish(&b), f);
    return fclose(f) != 0;
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
    return failures ? 1 : 0;
}
