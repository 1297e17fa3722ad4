/*
 * virgl_render_formats.c — "clear of every render-target format the caps
 * allow": for each D3D10 format in the DXGI table whose virgl format the
 * host lists in its render (or depth/stencil) mask, create a 4x4 target,
 * clear it, read it back and decode every channel from the layout below.
 * One TAP line per format.
 *
 * Layout specs list channels from bit 0 upward (gallium naming on
 * little-endian): channel letter (R G B A X = ignored, D depth, S
 * stencil), width in bits, type (u unorm, s snorm, f float, U uint,
 * S sint, r sRGB-encoded unorm).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "virgl/virgl_format.h"

struct layout {
    uint32_t vf;
    const char *spec;
};

static const struct layout layouts[] = {
    { VIRGL_FORMAT_R32G32B32A32_FLOAT, "R32f G32f B32f A32f" },
    { VIRGL_FORMAT_R32G32B32A32_UINT, "R32U G32U B32U A32U" },
    { VIRGL_FORMAT_R32G32B32A32_SINT, "R32S G32S B32S A32S" },
    { VIRGL_FORMAT_R32G32B32_FLOAT, "R32f G32f B32f" },
    { VIRGL_FORMAT_R32G32B32_UINT, "R32U G32U B32U" },
    { VIRGL_FORMAT_R32G32B32_SINT, "R32S G32S B32S" },
    { VIRGL_FORMAT_R16G16B16A16_FLOAT, "R16f G16f B16f A16f" },
    { VIRGL_FORMAT_R16G16B16A16_UNORM, "R16u G16u B16u A16u" },
    { VIRGL_FORMAT_R16G16B16A16_UINT, "R16U G16U B16U A16U" },
    { VIRGL_FORMAT_R16G16B16A16_SNORM, "R16s G16s B16s A16s" },
    { VIRGL_FORMAT_R16G16B16A16_SINT, "R16S G16S B16S A16S" },
    { VIRGL_FORMAT_R32G32_FLOAT, "R32f G32f" },
    { VIRGL_FORMAT_R32G32_UINT, "R32U G32U" },
    { VIRGL_FORMAT_R32G32_SINT, "R32S G32S" },
    { VIRGL_FORMAT_R10G10B10A2_UNORM, "R10u G10u B10u A2u" },
    { VIRGL_FORMAT_R10G10B10A2_UINT, "R10U G10U B10U A2U" },
    { VIRGL_FORMAT_R11G11B10_FLOAT, "R11f G11f B10f" },
    { VIRGL_FORMAT_R8G8B8A8_UNORM, "R8u G8u B8u A8u" },
    { VIRGL_FORMAT_R8G8B8A8_SRGB, "R8r G8r B8r A8u" },
    { VIRGL_FORMAT_R8G8B8A8_UINT, "R8U G8U B8U A8U" },
    { VIRGL_FORMAT_R8G8B8A8_SNORM, "R8s G8s B8s A8s" },
    { VIRGL_FORMAT_R8G8B8A8_SINT, "R8S G8S B8S A8S" },
    { VIRGL_FORMAT_R16G16_FLOAT, "R16f G16f" },
    { VIRGL_FORMAT_R16G16_UNORM, "R16u G16u" },
    { VIRGL_FORMAT_R16G16_UINT, "R16U G16U" },
    { VIRGL_FORMAT_R16G16_SNORM, "R16s G16s" },
    { VIRGL_FORMAT_R16G16_SINT, "R16S G16S" },
    { VIRGL_FORMAT_R32_FLOAT, "R32f" },
    { VIRGL_FORMAT_R32_UINT, "R32U" },
    { VIRGL_FORMAT_R32_SINT, "R32S" },
    { VIRGL_FORMAT_R8G8_UNORM, "R8u G8u" },
    { VIRGL_FORMAT_R8G8_UINT, "R8U G8U" },
    { VIRGL_FORMAT_R8G8_SNORM, "R8s G8s" },
    { VIRGL_FORMAT_R8G8_SINT, "R8S G8S" },
    { VIRGL_FORMAT_R16_FLOAT, "R16f" },
    { VIRGL_FORMAT_R16_UNORM, "R16u" },
    { VIRGL_FORMAT_R16_UINT, "R16U" },
    { VIRGL_FORMAT_R16_SNORM, "R16s" },
    { VIRGL_FORMAT_R16_SINT, "R16S" },
    { VIRGL_FORMAT_R8_UNORM, "R8u" },
    { VIRGL_FORMAT_R8_UINT, "R8U" },
    { VIRGL_FORMAT_R8_SNORM, "R8s" },
    { VIRGL_FORMAT_R8_SINT, "R8S" },
    { VIRGL_FORMAT_A8_UNORM, "A8u" },
    { VIRGL_FORMAT_B5G6R5_UNORM, "B5u G6u R5u" },
    { VIRGL_FORMAT_B5G5R5A1_UNORM, "B5u G5u R5u A1u" },
    { VIRGL_FORMAT_B8G8R8A8_UNORM, "B8u G8u R8u A8u" },
    { VIRGL_FORMAT_B8G8R8X8_UNORM, "B8u G8u R8u X8u" },
    { VIRGL_FORMAT_B8G8R8A8_SRGB, "B8r G8r R8r A8u" },
    { VIRGL_FORMAT_B8G8R8X8_SRGB, "B8r G8r R8r X8u" },
    { VIRGL_FORMAT_B4G4R4A4_UNORM, "B4u G4u R4u A4u" },
    { VIRGL_FORMAT_Z32_FLOAT_S8X24_UINT, "D32f S8U X24U" },
    { VIRGL_FORMAT_Z32_FLOAT, "D32f" },
    { VIRGL_FORMAT_Z24_UNORM_S8_UINT, "D24u S8U" },
    { VIRGL_FORMAT_S8_UINT_Z24_UNORM, "S8U D24u" },
    { VIRGL_FORMAT_Z16_UNORM, "D16u" },
};

static const char *spec_of(uint32_t vf)
{
    for (size_t i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++)
        if (layouts[i].vf == vf)
            return layouts[i].spec;
    return NULL;
}

static const float CLEAR_F[4] = { 1.0f, 0.0f, 0.5f, 0.25f };
static const int32_t CLEAR_U[4] = { 1, 0, 3, 2 };
static const int32_t CLEAR_S[4] = { 1, 0, -3, 2 };
static const double CLEAR_DEPTH = 0.25;
static const uint32_t CLEAR_STENCIL = 0x5a;

static uint64_t bits_at(const uint8_t *p, uint32_t bit, uint32_t n)
{
    uint64_t v = 0;
    for (uint32_t i = 0; i < n; i++)
        v |= (uint64_t)((p[(bit + i) / 8] >> ((bit + i) % 8)) & 1) << i;
    return v;
}

/* Small unsigned floats (R11G11B10) and halves: 5-bit exponent, bias 15. */
static double small_float(uint32_t v, uint32_t mbits, bool sign)
{
    uint32_t m = v & ((1u << mbits) - 1), e = (v >> mbits) & 31;
    double r = e == 0 ? ldexp(m, -14 - (int)mbits) : ldexp(1.0 + ldexp(m, -(int)mbits), (int)e - 15);
    return sign && (v >> (mbits + 5)) & 1 ? -r : r;
}

static double srgb_encode(double l)
{
    return l <= 0.0031308 ? 12.92 * l : 1.055 * pow(l, 1 / 2.4) - 0.055;
}

/* Checks pixel `p` against the clear values; NULL when right. */
static const char *check_pixel(char *why, size_t wn, const char *spec, const uint8_t *p,
                               bool sint)
{
    uint32_t bit = 0;
    const char *c = spec;
    while (*c) {
        char ch = *c++;
        uint32_t n = (uint32_t)strtoul(c, (char **)&c, 10);
        char ty = *c++;
        while (*c == ' ')
            c++;
        uint64_t raw = bits_at(p, bit, n);
        bit += n;
        int idx = ch == 'R' ? 0 : ch == 'G' ? 1 : ch == 'B' ? 2 : ch == 'A' ? 3 : -1;
        double want, got, tol;
        if (ch == 'X')
            continue;
        if (ch == 'D') {
            want = CLEAR_DEPTH;
            got = ty == 'f' ? (double)*(const float *)&raw : (double)raw / (double)((1ull << n) - 1);
            tol = ty == 'f' ? 0 : 1.0 / (double)((1ull << n) - 1);
        } else if (ch == 'S') {
            want = CLEAR_STENCIL;
            got = (double)raw;
            tol = 0;
        } else {
            switch (ty) {
            case 'u':
            case 'r': {
                double v = CLEAR_F[idx];
                if (ty == 'r')
                    v = srgb_encode(v);
                want = round(v * (double)((1ull << n) - 1));
                got = (double)raw;
                tol = 1;
                break;
            }
            case 's': {
                int64_t sv = (int64_t)(raw << (64 - n)) >> (64 - n);
                want = round(CLEAR_F[idx] * (double)((1ull << (n - 1)) - 1));
                got = (double)sv;
                tol = 1;
                break;
            }
            case 'f':
                want = CLEAR_F[idx];
                if (n == 32) {
                    uint32_t u = (uint32_t)raw;
                    float f;
                    memcpy(&f, &u, 4);
                    got = f;
                } else {
                    got = small_float((uint32_t)raw, n == 16 ? 10 : n - 5, n == 16);
                }
                tol = n == 32 ? 0 : 1e-3;
                break;
            case 'U':
                want = (double)(uint32_t)(sint ? CLEAR_S : CLEAR_U)[idx];
                got = (double)raw;
                tol = 0;
                break;
            case 'S': {
                int64_t sv = (int64_t)(raw << (64 - n)) >> (64 - n);
                want = CLEAR_S[idx];
                got = (double)sv;
                tol = 0;
                break;
            }
            default:
                snprintf(why, wn, "bad spec %s", spec);
                return why;
            }
        }
        if (fabs(got - want) > tol) {
            snprintf(why, wn, "channel %c (%u bits, %c) reads %g, want %g", ch, n, ty, got, want);
            return why;
        }
    }
    return NULL;
}

static const char *clear_one(struct scene *s, const struct virgl_format_desc *fd, bool depth)
{
    fd = virgl_format_info(virgl_format_for_host(vtest_caps(s->vt), fd->dxgi,
                                                 depth ? VIRGL_BIND_DEPTH_STENCIL
                                                       : VIRGL_BIND_RENDER_TARGET));
    if (!fd)
        return sc_why(s, "no host format");
    const char *spec = spec_of(fd->virgl);
    if (!spec)
        return sc_why(s, "no channel layout for this format in the test");
    uint32_t surf;
    struct vtest_resource *rt = sc_res(s, VIRGL_TARGET_2D, fd->virgl,
                                       depth ? VIRGL_BIND_DEPTH_STENCIL : VIRGL_BIND_RENDER_TARGET,
                                       4, 4, 1, 0);
    if (!rt)
        return sc_why(s, "create: %s", vtest_error(s->vt));
    surf = sc_obj(s);
    virgl_enc_create_surface(s->e, surf, rt->handle, fd->virgl, 0, 0, 0);
    bool sint = strstr(fd->name, "_SINT") != NULL;
    if (depth) {
        virgl_enc_set_framebuffer_state(s->e, 0, NULL, surf);
        uint32_t zero[4] = { 0 };
        virgl_enc_clear(s->e, VIRGL_CLEAR_DEPTH | VIRGL_CLEAR_STENCIL, zero, CLEAR_DEPTH,
                        CLEAR_STENCIL);
    } else {
        virgl_enc_set_framebuffer_state(s->e, 1, &surf, 0);
        if (fd->flags & VIRGL_FMT_INTEGER)
            virgl_enc_clear(s->e, VIRGL_CLEAR_COLOR0,
                            (const uint32_t *)(sint ? CLEAR_S : CLEAR_U), 1.0, 0);
        else
            virgl_enc_clear_f(s->e, VIRGL_CLEAR_COLOR0, CLEAR_F, 1.0, 0);
    }
    virgl_enc_set_framebuffer_state(s->e, 0, NULL, 0);
    memset(rt->shm, 0xa5, rt->shm_size);   /* so a read that does nothing cannot pass */
    if (sc_read(s, rt))
        return sc_why(s, "readback: %s", vtest_error(s->vt));
    char w[256];
    for (uint32_t y = 0; y < 4; y += 3)
        for (uint32_t x = 0; x < 4; x += 3)
            if (check_pixel(w, sizeof(w), spec, sc_px(rt, x, y), sint))
                return sc_why(s, "pixel %u,%u: %s", x, y, w);
    return NULL;
}

/* Case functions take only the scene; sc_run calls them once each, in
 * order, so they take their format from this list. */
#define MAX_FORMATS 128
static const struct virgl_format_desc *fmts[MAX_FORMATS];
static bool fmt_depth[MAX_FORMATS];
static uint32_t next_fmt;

static const char *clear_case(struct scene *s)
{
    uint32_t i = next_fmt++;
    return clear_one(s, fmts[i], fmt_depth[i]);
}

int sc_run_format_clears(struct vtest_server *srv)
{
    struct vtest *vt;
    if (vtest_connect(srv, &vt)) {
        printf("not ok - clear formats: %s\n", vtest_error(vt));
        vtest_close(vt);
        return 1;
    }
    struct virgl_caps caps = *vtest_caps(vt);
    vtest_close(vt);
    static struct sc_case cases[MAX_FORMATS];
    static char names[MAX_FORMATS][96];
    uint32_t n = 0;
    bool seen[VIRGL_FORMAT_MAX] = { false };
    for (uint32_t i = 0; i < virgl_format_count() && n < MAX_FORMATS; i++) {
        const struct virgl_format_desc *fd = virgl_format_at(i);
        if (fd->flags & (VIRGL_FMT_TYPELESS | VIRGL_FMT_COMPRESSED | VIRGL_FMT_STAND_IN) ||
            fd->virgl >= VIRGL_FORMAT_MAX || seen[fd->virgl])
            continue;
        seen[fd->virgl] = true;
        bool depth = (fd->flags & VIRGL_FMT_DEPTH) != 0;
        uint32_t bind = depth ? VIRGL_BIND_DEPTH_STENCIL : VIRGL_BIND_RENDER_TARGET;
        if (!virgl_format_for_host(&caps, fd->dxgi, bind))
            continue;
        snprintf(names[n], sizeof(names[n]), "clear %s", fd->name);
        cases[n] = (struct sc_case){ names[n], clear_case };
        fmts[n] = fd;
        fmt_depth[n] = depth;
        n++;
    }
    next_fmt = 0;
    int failed = sc_run(srv, cases, n);
    if (n < 20) {
        printf("not ok - clear formats: only %u formats renderable per caps\n", n);
        failed++;
    }
    return failed;
}
