/*
 * sm4_unit — native unit tests of src/sm4 (built with ASan/UBSan): the
 * DXBC checksum against containers written by Wine's compiler, every
 * container/token/translator error path with its distinct code, messages
 * that name the offending opcode, allocation failure at every step, and
 * translation of the whole committed corpus.
 *
 *   sm4_unit DXBC_DIR     prints "ok - NAME" / "not ok - NAME: WHY"
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sm4/sm4.h"

static int failures;
static int fail_after = -1; /* allocations left before alloc fails; -1 = never */
static long live_allocs;

static void *p_alloc(void *ctx, size_t n)
{
    (void)ctx;
    if (fail_after == 0)
        return NULL;
    if (fail_after > 0)
        fail_after--;
    live_allocs++;
    return calloc(1, n ? n : 1);
}

static void p_free(void *ctx, void *p)
{
    (void)ctx;
    if (p)
        live_allocs--;
    free(p);
}

static const struct vg_platform plat = { .alloc = p_alloc, .free = p_free };

#define CHECK(name, cond, ...)                                                                     \
    do {                                                                                           \
        if (cond) {                                                                                \
            printf("ok - %s\n", name);                                                             \
        } else {                                                                                   \
            printf("not ok - %s: ", name);                                                         \
            printf(__VA_ARGS__);                                                                   \
            printf("\n");                                                                          \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

static uint8_t *load(const char *path, uint32_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static uint8_t *buf;
    buf = malloc(1 << 20);
    *size = (uint32_t)fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

/* Translates a token array with the given options; returns the code and
 * fills err (and *rast with uses_rast_cb). */
static int translate_opt(const uint32_t *tok, uint32_t n, const struct sm4_tgsi_options *opt,
                         struct sm4_error *err, char **text, bool *rast)
{
    struct sm4_program *p;
    int rc = sm4_program_parse(&plat, tok, n, &p, err);
    if (rc)
        return rc;
    struct sm4_tgsi out;
    rc = sm4_tgsi_translate(&plat, p, opt, &out, err);
    if (!rc) {
        if (text)
            *text = strdup(out.text);
        if (rast)
            *rast = out.uses_rast_cb;
        sm4_tgsi_release(&plat, &out);
    }
    sm4_program_free(&plat, p);
    return rc;
}

/* The layout sm4.h suggests: D3D cb N = CONST[N + 1], rasterizer count in CONST[15]. */
static const struct sm4_tgsi_options umd_opt = { .cb_base = 1, .rast_cb = 15 };

static int translate(const uint32_t *tok, uint32_t n, struct sm4_error *err, char **text)
{
    return translate_opt(tok, n, &umd_opt, err, text, NULL);
}

#define OPC(op, len) ((uint32_t)(op) | (uint32_t)(len) << 24)
#define PS40 0x00000040u
/* operand tokens */
#define O_TEMP_MASK(m) (0x00100002u | (m) << 4)        /* r#, 4 comps, mask */
#define O_TEMP_SEL(c) (0x0010000au | (c) << 4)         /* r#.c select1 */
#define O_OUT_MASK(m) (0x00102002u | (m) << 4)
#define O_IMM1 0x00004001u

static void test_container(const char *dir)
{
    char path[1024];
    uint32_t size;
    struct sm4_dxbc dx;

    /* Wine's d3dcompiler wrote this container and its checksum: an
     * independent implementation of the modified MD5. */
    snprintf(path, sizeof(path), "%s/hlsl_arith.dxbc", dir);
    uint8_t *b = load(path, &size);
    CHECK("dxbc checksum matches Wine-written container", b && !sm4_dxbc_parse(b, size, &dx),
          "%s: %s", path, b ? sm4_strerror(sm4_dxbc_parse(b, size, &dx)) : "missing");
    if (!b)
        return;
    CHECK("dxbc signatures parsed", dx.has_isgn && dx.has_osgn && dx.osgn.count >= 1 &&
          dx.osgn.elem[0].name_len == 9 && !memcmp(dx.osgn.elem[0].name, "SV_Target", 9),
          "osgn count %u", dx.osgn.count);
    b[size - 1] ^= 0x40;
    CHECK("dxbc flipped byte -> checksum error", sm4_dxbc_parse(b, size, &dx) == SM4_ERR_DXBC_CHECKSUM,
          "got %d", sm4_dxbc_parse(b, size, &dx));
    b[size - 1] ^= 0x40;
    CHECK("dxbc truncated header", sm4_dxbc_parse(b, 31, &dx) == SM4_ERR_DXBC_TRUNCATED, "wrong code");
    CHECK("dxbc size field mismatch", sm4_dxbc_parse(b, size - 4, &dx) == SM4_ERR_DXBC_SIZE, "wrong code");
    b[0] = 'X';
    CHECK("dxbc bad magic", sm4_dxbc_parse(b, size, &dx) == SM4_ERR_DXBC_MAGIC, "wrong code");
    b[0] = 'D';

    /* hand-made containers, checksum fixed up after each edit */
    uint8_t c[256];
    memset(c, 0, sizeof(c));
    memcpy(c, "DXBC", 4);
    uint32_t v = 1, total = 32 + 4 + 8 + 8, n = 1, off = 36;
    memcpy(c + 20, &v, 4);
    memcpy(c + 24, &total, 4);
    memcpy(c + 28, &n, 4);
    memcpy(c + 32, &off, 4);
    memcpy(c + 36, "SHDR", 4);
    uint32_t csz = 8, tok[2] = { PS40, 2 };
    memcpy(c + 40, &csz, 4);
    memcpy(c + 44, tok, 8);
    uint32_t sum[4];
    sm4_dxbc_checksum(c, total, sum);
    memcpy(c + 4, sum, 16);
    CHECK("dxbc minimal container", !sm4_dxbc_parse(c, total, &dx) && dx.shdr_dwords == 2, "rejected");
    off = 200;
    memcpy(c + 32, &off, 4);
    sm4_dxbc_checksum(c, total, sum);
    memcpy(c + 4, sum, 16);
    CHECK("dxbc chunk offset outside file", sm4_dxbc_parse(c, total, &dx) == SM4_ERR_DXBC_CHUNK, "wrong code");
    off = 36;
    memcpy(c + 32, &off, 4);
    csz = 1000;
    memcpy(c + 40, &csz, 4);
    sm4_dxbc_checksum(c, total, sum);
    memcpy(c + 4, sum, 16);
    CHECK("dxbc chunk size outside file", sm4_dxbc_parse(c, total, &dx) == SM4_ERR_DXBC_CHUNK, "wrong code");
    csz = 8;
    memcpy(c + 40, &csz, 4);
    memcpy(c + 36, "RDEF", 4);
    sm4_dxbc_checksum(c, total, sum);
    memcpy(c + 4, sum, 16);
    CHECK("dxbc without shader chunk", sm4_dxbc_parse(c, total, &dx) == SM4_ERR_DXBC_NO_SHADER, "wrong code");
    n = 0x40000000;
    memcpy(c + 28, &n, 4);
    sm4_dxbc_checksum(c, total, sum);
    memcpy(c + 4, sum, 16);
    CHECK("dxbc huge chunk count", sm4_dxbc_parse(c, total, &dx) == SM4_ERR_DXBC_TRUNCATED, "wrong code");

    /* signature element whose name runs off the chunk */
    uint8_t s[64];
    memset(s, 'A', sizeof(s));
    uint32_t hdr[8] = { 1, 8, 40, 0, 0, 3, 0, 0xf };
    memcpy(s, hdr, 32);
    struct sm4_signature sig;
    CHECK("signature name without NUL", sm4_signature_parse(s, 48, &sig) == SM4_ERR_SIGNATURE, "wrong code");
    hdr[0] = 100;
    memcpy(s, hdr, 32);
    CHECK("signature count beyond chunk", sm4_signature_parse(s, 48, &sig) == SM4_ERR_SIGNATURE, "wrong code");
    free(b);
}

static void test_tokens(void)
{
    struct sm4_error err;
    struct sm4_program *p;
    uint32_t t1[] = { PS40, 3, OPC(SM4_OP_RET, 0) };
    CHECK("tokens zero instruction length",
          sm4_program_parse(&plat, t1, 3, &p, &err) == SM4_ERR_INSN_LENGTH && err.token_off == 2, "%s", err.msg);
    uint32_t t2[] = { PS40, 3, OPC(SM4_OP_MOV, 5) };
    CHECK("tokens instruction past the end", sm4_program_parse(&plat, t2, 3, &p, &err) == SM4_ERR_TRUNCATED,
          "%s", err.msg);
    uint32_t t3[] = { PS40, 9, OPC(SM4_OP_RET, 1) };
    CHECK("tokens length token beyond stream", sm4_program_parse(&plat, t3, 3, &p, &err) == SM4_ERR_VERSION,
          "%s", err.msg);
    uint32_t t4[] = { 0x00000050, 2 };
    CHECK("tokens shader model 5 refused", sm4_program_parse(&plat, t4, 2, &p, &err) == SM4_ERR_SHADER_TYPE,
          "%s", err.msg);
    uint32_t t5[] = { 0x00030040, 2 };
    CHECK("tokens hull shader refused", sm4_program_parse(&plat, t5, 2, &p, &err) == SM4_ERR_SHADER_TYPE,
          "%s", err.msg);
    uint32_t t6[] = { PS40, 3, OPC(107, 1) };
    int rc = sm4_program_parse(&plat, t6, 3, &p, &err);
    CHECK("tokens reserved opcode 107", rc == SM4_ERR_UNKNOWN_OPCODE && err.opcode == 107, "%d %s", rc, err.msg);
    uint32_t t7[] = { PS40, 3, OPC(150, 1) };
    CHECK("tokens SM5 opcode refused", sm4_program_parse(&plat, t7, 3, &p, &err) == SM4_ERR_UNKNOWN_OPCODE,
          "%s", err.msg);
    /* mov r0.x with only the dst: operand count */
    uint32_t t8[] = { PS40, 5, OPC(SM4_OP_MOV, 3), O_TEMP_MASK(1), 0 };
    rc = sm4_program_parse(&plat, t8, 5, &p, &err);
    CHECK("tokens missing source operand", rc == SM4_ERR_TRUNCATED && strstr(err.msg, "'mov'"), "%d %s", rc, err.msg);
    /* ret with a trailing dword */
    uint32_t t9[] = { PS40, 4, OPC(SM4_OP_RET, 2), 0 };
    CHECK("tokens instruction longer than operands",
          sm4_program_parse(&plat, t9, 4, &p, &err) == SM4_ERR_OPERAND_COUNT, "%s", err.msg);
    /* customdata with length 1 */
    uint32_t t10[] = { PS40, 4, SM4_OP_CUSTOMDATA | 3u << 11, 1 };
    CHECK("tokens customdata length below 2", sm4_program_parse(&plat, t10, 4, &p, &err) == SM4_ERR_INSN_LENGTH,
          "%s", err.msg);
    /* operand with 64-bit immediate */
    uint32_t t11[] = { PS40, 8, OPC(SM4_OP_MOV, 6), O_TEMP_MASK(1), 0, 0x00005001u, 0, 0 };
    CHECK("tokens 64-bit immediate refused", sm4_program_parse(&plat, t11, 8, &p, &err) == SM4_ERR_UNSUPPORTED,
          "%s", err.msg);
    /* nested relative addressing r[r[r0.x].x] */
    uint32_t t12[] = { PS40, 12, OPC(SM4_OP_MOV, 10), O_TEMP_MASK(1), 0,
                       0x0080000au | (8u << 12) | (2u << 20) | (2u << 25) , 0, 0x0048000au, 0x0048000au, 0, 0, 0 };
    rc = sm4_program_parse(&plat, t12, 12, &p, &err);
    CHECK("tokens nested relative index refused", rc != SM4_OK, "accepted");
    if (!rc)
        sm4_program_free(&plat, p);
}

static void test_translate_errors(void)
{
    struct sm4_error err;
    /* dcl_temps 1; sampleinfo r0.xyzw, rasterizer.xyzw; ret */
    uint32_t si[] = { 0x00000041u, 9, OPC(SM4_OP_DCL_TEMPS, 2), 1,
                      OPC(SM4_OP_SAMPLE_INFO, 4), O_TEMP_MASK(0xf), 0, 0x0000ee46u, OPC(SM4_OP_RET, 1) };
    int rc = translate_opt(si, 9, NULL, &err, NULL, NULL);
    CHECK("translate rasterizer operand without rast_cb: unsupported, opcode named", rc == SM4_ERR_UNSUPPORTED &&
          strstr(err.msg, "sampleinfo") && strstr(err.msg, "rasterizer") && err.opcode == SM4_OP_SAMPLE_INFO,
          "%d %s", rc, err.msg);
    char *rt = NULL;
    bool rast = false;
    rc = translate_opt(si, 9, &umd_opt, &err, &rt, &rast);
    CHECK("translate rasterizer operand reads CONST[rast_cb][0].x", !rc && rast && rt &&
          strstr(rt, "DCL CONST[15][0..0]") && strstr(rt, "CONST[15][0].xxxx"), "%d %s", rc, rc ? err.msg : rt);
    free(rt);
    struct sm4_tgsi_options bad = { .cb_base = 1, .rast_cb = 3 };
    rc = translate_opt(si, 9, &bad, &err, NULL, NULL);
    CHECK("translate rast_cb inside the D3D cb range refused", rc == SM4_ERR_UNSUPPORTED &&
          strstr(err.msg, "overlaps"), "%d %s", rc, err.msg);
    /* endif without if */
    uint32_t ei[] = { PS40, 4, OPC(SM4_OP_ENDIF, 1), OPC(SM4_OP_RET, 1) };
    rc = translate(ei, 4, &err, NULL);
    CHECK("translate endif without if", rc == SM4_ERR_NESTING && strstr(err.msg, "endif"), "%d %s", rc, err.msg);
    /* loop without endloop */
    uint32_t lo[] = { PS40, 4, OPC(SM4_OP_LOOP, 1), OPC(SM4_OP_RET, 1) };
    rc = translate(lo, 4, &err, NULL);
    CHECK("translate unbalanced loop", rc == SM4_ERR_NESTING, "%d %s", rc, err.msg);
    /* break outside loop */
    uint32_t br[] = { PS40, 4, OPC(SM4_OP_BREAK, 1), OPC(SM4_OP_RET, 1) };
    rc = translate(br, 4, &err, NULL);
    CHECK("translate break outside loop", rc == SM4_ERR_NESTING && strstr(err.msg, "'break'"), "%d %s", rc, err.msg);
    /* undeclared temp */
    uint32_t ut[] = { PS40, 8, OPC(SM4_OP_MOV, 5), O_TEMP_MASK(1), 3, O_IMM1, 0, OPC(SM4_OP_RET, 1) };
    rc = translate(ut, 8, &err, NULL);
    CHECK("translate r# beyond dcl_temps", rc == SM4_ERR_REGISTER && strstr(err.msg, "'mov'"), "%d %s", rc, err.msg);
    /* recursive call: call l0; ret; label l0; call l0; ret */
    uint32_t rl[] = { PS40, 0, OPC(SM4_OP_CALL, 3), 0x0010a000u, 0, OPC(SM4_OP_RET, 1),
                      OPC(SM4_OP_LABEL, 3), 0x0010a000u, 0, OPC(SM4_OP_CALL, 3), 0x0010a000u, 0,
                      OPC(SM4_OP_RET, 1) };
    rl[1] = sizeof(rl) / 4;
    rc = translate(rl, sizeof(rl) / 4, &err, NULL);
    CHECK("translate recursive call", rc == SM4_ERR_LABEL && strstr(err.msg, "recursive"), "%d %s", rc, err.msg);
    /* call to a missing label */
    uint32_t ml[] = { PS40, 6, OPC(SM4_OP_CALL, 3), 0x0010a000u, 7, OPC(SM4_OP_RET, 1) };
    rc = translate(ml, 6, &err, NULL);
    CHECK("translate call to missing label", rc == SM4_ERR_LABEL, "%d %s", rc, err.msg);
    /* emit in a pixel shader */
    uint32_t em[] = { PS40, 4, OPC(SM4_OP_EMIT, 1), OPC(SM4_OP_RET, 1) };
    rc = translate(em, 4, &err, NULL);
    CHECK("translate emit outside GS", rc == SM4_ERR_UNSUPPORTED && strstr(err.msg, "'emit'"), "%d %s", rc, err.msg);
    /* cull distances and clip distances with a gap (.xz) go into the
     * packed CLIPDIST list with both counts */
    char *dt = NULL;
    uint32_t cd[] = { 0x00010040, 10, OPC(SM4_OP_DCL_OUTPUT_SIV, 4), O_OUT_MASK(0x5), 0, 2,
                      OPC(SM4_OP_DCL_OUTPUT_SIV, 4), O_OUT_MASK(0x2), 0, 3 };
    rc = translate(cd, 10, &err, &dt);
    CHECK("translate clip .xz + cull .y in one register", !rc && dt &&
          strstr(dt, "NUM_CLIPDIST_ENABLED 2") && strstr(dt, "NUM_CULLDIST_ENABLED 1") &&
          strstr(dt, "CLIPDIST[0]") && !strstr(dt, "CLIPDIST[1]"), "%d %s", rc, rc ? err.msg : dt);
    free(dt);
    /* a component declared both clip and cull distance */
    uint32_t c2[] = { 0x00010040, 10, OPC(SM4_OP_DCL_OUTPUT_SIV, 4), O_OUT_MASK(0x3), 0, 2,
                      OPC(SM4_OP_DCL_OUTPUT_SIV, 4), O_OUT_MASK(0x2), 0, 3 };
    rc = translate(c2, 10, &err, NULL);
    CHECK("translate clip/cull component declared twice refused", rc == SM4_ERR_UNSUPPORTED &&
          strstr(err.msg, "declared twice"), "%d %s", rc, err.msg);
    /* 12 distances: GL has 8 (clip + cull) */
    uint32_t c3[] = { 0x00010040, 14, OPC(SM4_OP_DCL_OUTPUT_SIV, 4), O_OUT_MASK(0xf), 0, 2,
                      OPC(SM4_OP_DCL_OUTPUT_SIV, 4), O_OUT_MASK(0xf), 1, 3,
                      OPC(SM4_OP_DCL_OUTPUT_SIV, 4), O_OUT_MASK(0xf), 2, 2 };
    rc = translate(c3, 14, &err, NULL);
    CHECK("translate more than 8 clip/cull distances refused", rc == SM4_ERR_UNSUPPORTED &&
          strstr(err.msg, "more than 8"), "%d %s", rc, err.msg);
    /* clip/cull distances read by a PS: clip v2.x, cull v2.y, clip v2.z
     * come packed clip-first (x, z, y) and are gathered back in place */
#define O_IN_MASK(m) (0x00101002u | (m) << 4)
#define DCL_PS_SIV (OPC(SM4_OP_DCL_INPUT_PS_SIV, 4) | 2u << 11)
    uint32_t pi[] = { PS40, 17, DCL_PS_SIV, O_IN_MASK(0x1), 2, 2, DCL_PS_SIV, O_IN_MASK(0x2), 2, 3,
                      DCL_PS_SIV, O_IN_MASK(0x4), 2, 2, OPC(SM4_OP_RET, 1) };
    pi[1] = sizeof(pi) / 4;
    dt = NULL;
    rc = translate(pi, sizeof(pi) / 4, &err, &dt);
    CHECK("translate PS clip .xz + cull .y inputs gathered", !rc && dt &&
          strstr(dt, "DCL IN[0], CLIPDIST[0]") && !strstr(dt, "CLIPDIST[1]") && !strstr(dt, "NUM_CLIPDIST") &&
          strstr(dt, ".x, IN[0].xxxx") && strstr(dt, ".z, IN[0].yyyy") && strstr(dt, ".y, IN[0].zzzz"),
          "%d %s", rc, rc ? err.msg : dt);
    free(dt);
    /* 12 distance inputs */
    uint32_t pi2[] = { PS40, 14, DCL_PS_SIV, O_IN_MASK(0xf), 0, 2, DCL_PS_SIV, O_IN_MASK(0xf), 1, 3,
                       DCL_PS_SIV, O_IN_MASK(0xf), 2, 2 };
    rc = translate(pi2, 14, &err, NULL);
    CHECK("translate more than 8 clip/cull distance inputs refused", rc == SM4_ERR_UNSUPPORTED &&
          strstr(err.msg, "more than 8"), "%d %s", rc, err.msg);
    /* a VS has no clip distance inputs */
    uint32_t vi[] = { 0x00010040, 6, OPC(SM4_OP_DCL_INPUT_SIV, 4), O_IN_MASK(0x1), 0, 2 };
    rc = translate(vi, 6, &err, NULL);
    CHECK("translate VS clip distance input refused", rc == SM4_ERR_UNSUPPORTED &&
          strstr(err.msg, "vertex shader input"), "%d %s", rc, err.msg);
    /* with the signature: clip v1.xy + cull v1.z written, only v1.z
     * declared, so it reads packed slot 2; a declared component missing
     * from the signature is refused */
    struct sm4_signature sig = { .count = 2 };
    sig.elem[0] = (struct sm4_sig_elem){ .system_value = SM4_NAME_CLIP_DISTANCE, .reg = 1, .mask = 0x3 };
    sig.elem[1] = (struct sm4_sig_elem){ .system_value = SM4_NAME_CULL_DISTANCE, .reg = 1, .mask = 0x4 };
    struct sm4_tgsi_options sopt = umd_opt;
    sopt.isgn = &sig;
    uint32_t ps1[] = { PS40, 7, DCL_PS_SIV, O_IN_MASK(0x4), 1, 3, OPC(SM4_OP_RET, 1) };
    dt = NULL;
    rc = translate_opt(ps1, 7, &sopt, &err, &dt, NULL);
    CHECK("translate PS distance input slot from the signature", !rc && dt && strstr(dt, ".z, IN[0].zzzz"),
          "%d %s", rc, rc ? err.msg : dt);
    free(dt);
    uint32_t ps2[] = { PS40, 7, DCL_PS_SIV, O_IN_MASK(0x8), 1, 3, OPC(SM4_OP_RET, 1) };
    rc = translate_opt(ps2, 7, &sopt, &err, NULL, NULL);
    CHECK("translate PS distance input outside the signature refused", rc == SM4_ERR_UNSUPPORTED &&
          strstr(err.msg, "not in the signature"), "%d %s", rc, err.msg);
#undef DCL_PS_SIV
#undef O_IN_MASK
    /* ishl masks the count: AND with 31 appears before SHL */
    uint32_t sh[] = { PS40, 0, OPC(SM4_OP_DCL_TEMPS, 2), 1,
                      OPC(SM4_OP_ISHL, 7), O_TEMP_MASK(1), 0, O_TEMP_SEL(0), 0, O_IMM1, 40,
                      OPC(SM4_OP_RET, 1) };
    sh[1] = sizeof(sh) / 4;
    char *text = NULL;
    rc = translate(sh, sizeof(sh) / 4, &err, &text);
    CHECK("translate ishl masks the shift count", !rc && text && strstr(text, "AND") &&
          strstr(text, "{31, 31, 31, 31}") && strstr(text, "SHL"), "%d %s", rc, rc ? err.msg : text);
    free(text);
}

/* Fails the n-th allocation for every n until translation succeeds:
 * each failure must be clean (no leak, NO_MEMORY). */
static void test_alloc_failures(const char *dir)
{
    char path[1024];
    uint32_t size;
    snprintf(path, sizeof(path), "%s/flow_call.dxbc", dir);
    uint8_t *b = load(path, &size);
    struct sm4_dxbc dx;
    if (!b || sm4_dxbc_parse(b, size, &dx)) {
        CHECK("alloc failures", 0, "cannot load %s", path);
        free(b);
        return;
    }
    bool ok = true;
    int steps = 0;
    for (int k = 0; k < 64; k++) {
        struct sm4_error err;
        fail_after = k;
        live_allocs = 0;
        int rc = translate(dx.shdr, dx.shdr_dwords, &err, NULL);
        fail_after = -1;
        if (live_allocs != 0) {
            ok = false;
            printf("# leak after failing allocation %d\n", k);
        }
        if (!rc) {
            steps = k;
            break;
        }
        if (rc != SM4_ERR_NO_MEMORY) {
            ok = false;
            printf("# allocation %d failed with %d (%s)\n", k, rc, err.msg);
        }
    }
    CHECK("allocation failure at every step is clean", ok && steps > 0, "steps %d", steps);
    free(b);
}

static void test_corpus(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        CHECK("corpus translates", 0, "no %s", dir);
        return;
    }
    struct dirent *e;
    int n = 0, bad = 0;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 6 || strcmp(e->d_name + l - 5, ".dxbc"))
            continue;
        char path[1024];
        uint32_t size;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        uint8_t *b = load(path, &size);
        struct sm4_dxbc dx;
        struct sm4_error err;
        int rc = b ? sm4_dxbc_parse(b, size, &dx) : -1;
        if (!rc) {
            rc = translate(dx.shdr, dx.shdr_dwords, &err, NULL);
            /* every strict prefix of the token stream must fail cleanly */
            for (uint32_t cut = 0; cut < dx.shdr_dwords && !rc; cut++) {
                uint32_t *copy = malloc((cut + 1) * 4);
                memcpy(copy, dx.shdr, cut * 4);
                if (cut >= 2)
                    copy[1] = cut;
                translate(copy, cut, &err, NULL);
                free(copy);
            }
        }
        if (rc) {
            bad++;
            printf("# %s: %d\n", e->d_name, rc);
        }
        n++;
        free(b);
    }
    closedir(d);
    CHECK("corpus translates (and every truncation fails cleanly)", n > 0 && !bad, "%d of %d failed", bad, n);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "tests/shaders/dxbc";
    test_container(dir);
    test_tokens();
    test_translate_errors();
    test_alloc_failures(dir);
    test_corpus(dir);
    return failures ? 1 : 0;
}
