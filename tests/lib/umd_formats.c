/*
 * umd_formats.c — texture format round trips for umd-api: for each of 21
 * formats, a DEFAULT 2D texture gets a byte pattern through
 * UpdateSubresourceUP, the host copies it (ResourceCopy) into a STAGING
 * texture, Map(READ) brings it back, and the bytes must be identical.
 * Every upload, copy and readback runs on the real virgl_test_server.
 * A format the host lacks fails its test (no silent skip); a last round
 * trip compares against a pattern with one byte changed and must notice.
 * A BC1 texture then gets a partial UpdateSubresourceUP of two 4x4 blocks:
 * exactly those blocks change (the source holds rows of blocks, not of
 * texels).
 *
 *   umd_format_roundtrips(srv, report);   // report(name, ok, why) per format
 */
#include <stdio.h>
#include <string.h>

#include "lib/d3d10rt.h"
#include "virgl/virgl_format.h"

enum { W = 8, H = 4 };

static D3D10DDI_HRESOURCE tex2d(struct d3drt *rt, DXGI_FORMAT fmt, UINT bind, UINT usage, UINT map)
{
    D3D10DDI_MIPINFO mip = {W, H, 1, W, H, 1};
    D3D10DDIARG_CREATERESOURCE a = d3drt_desc(&mip, D3D10DDIRESOURCE_TEXTURE2D, usage, bind, fmt);
    a.MapFlags = map;
    return d3drt_resource(rt, &a);
}

/* One round trip; `corrupt` changes one expected byte. */
static bool roundtrip(struct d3drt *rt, const struct virgl_format_desc *fd, unsigned k, bool corrupt, char *why,
                      size_t whylen)
{
    const D3D10_1DDI_DEVICEFUNCS *f = d3drt_funcs(rt);
    D3D10DDI_HDEVICE d = d3drt_dev(rt);
    unsigned pitch = W * fd->block_bytes;
    uint8_t src[W * H * 16];
    /* Bytes below 0x40: no float NaN/Inf patterns the host might touch. */
    for (unsigned i = 0; i < pitch * H; i++)
        src[i] = (uint8_t)((i * 37u + k * 11u + 5u) & 0x3f);
    D3D10DDI_HRESOURCE t = tex2d(rt, (DXGI_FORMAT)fd->dxgi, D3D10_DDI_BIND_SHADER_RESOURCE, D3D10_DDI_USAGE_DEFAULT, 0);
    D3D10DDI_HRESOURCE st = tex2d(rt, (DXGI_FORMAT)fd->dxgi, 0, D3D10_DDI_USAGE_STAGING, D3D10_DDI_CPU_ACCESS_READ);
    D3D10DDI_MAPPED_SUBRESOURCE m = {0};
    if (t.pDrvPrivate && st.pDrvPrivate && !d3drt_failed(rt)) {
        f->pfnResourceUpdateSubresourceUP(d, t, 0, NULL, src, pitch, pitch * H);
        f->pfnResourceCopy(d, st, t);
        f->pfnStagingResourceMap(d, st, 0, D3D10_DDI_MAP_READ, 0, &m);
    }
    if (corrupt)
        src[5] ^= 0x80;
    bool good = false;
    unsigned bad = 0;
    uint8_t got = 0;
    if (m.pData && !d3drt_failed(rt)) {
        good = true;
        for (unsigned y = 0; y < H && good; y++)
            for (unsigned x = 0; x < pitch && good; x++) {
                got = ((const uint8_t *)m.pData)[y * m.RowPitch + x];
                if (got != src[y * pitch + x]) {
                    bad = y * pitch + x;
                    good = false;
                }
            }
        f->pfnStagingResourceUnmap(d, st, 0);
    }
    snprintf(why, whylen, "%s; byte %u: want 0x%02x, got 0x%02x", d3drt_error(rt), bad, src[bad], got);
    return good;
}

/* 16x16 BC1 (8 bytes per 4x4 block, 4 block rows of 32 bytes): zeros,
 * then the box (4,4)-(12,8) = blocks (1,1) and (2,1) from one source row
 * of blocks with a 24-byte pitch (8 bytes of padding the driver must not
 * copy); read back, every other block must still be zero. */
static bool bc1_partial_update(struct d3drt *rt, char *why, size_t whylen)
{
    const D3D10_1DDI_DEVICEFUNCS *f = d3drt_funcs(rt);
    D3D10DDI_HDEVICE d = d3drt_dev(rt);
    D3D10DDI_MIPINFO mip = {16, 16, 1, 16, 16, 1};
    D3D10DDIARG_CREATERESOURCE a = {0};
    a.pMipInfoList = &mip;
    a.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
    a.Usage = D3D10_DDI_USAGE_DEFAULT;
    a.BindFlags = D3D10_DDI_BIND_SHADER_RESOURCE;
    a.Format = (DXGI_FORMAT)71; /* DXGI_FORMAT_BC1_UNORM */
    a.SampleDesc.Count = 1;
    a.MipLevels = a.ArraySize = 1;
    D3D10DDI_HRESOURCE t = d3drt_resource(rt, &a);
    a.BindFlags = 0;
    a.Usage = D3D10_DDI_USAGE_STAGING;
    a.MapFlags = D3D10_DDI_CPU_ACCESS_READ;
    D3D10DDI_HRESOURCE st = d3drt_resource(rt, &a);
    static const uint8_t zeros[4 * 32];
    uint8_t blocks[24];
    for (unsigned i = 0; i < 24; i++)
        blocks[i] = i < 16 ? (uint8_t)(0x11 * (i + 1)) : 0xee;
    D3D10_DDI_BOX box = {4, 4, 0, 12, 8, 1};
    D3D10DDI_MAPPED_SUBRESOURCE m = {0};
    if (t.pDrvPrivate && st.pDrvPrivate && !d3drt_failed(rt)) {
        f->pfnResourceUpdateSubresourceUP(d, t, 0, NULL, zeros, 32, sizeof(zeros));
        f->pfnResourceUpdateSubresourceUP(d, t, 0, &box, blocks, 24, 24);
        f->pfnResourceCopy(d, st, t);
        f->pfnStagingResourceMap(d, st, 0, D3D10_DDI_MAP_READ, 0, &m);
    }
    if (!m.pData || d3drt_failed(rt)) {
        snprintf(why, whylen, "no read-back: %s", d3drt_error(rt));
        return false;
    }
    bool good = true;
    for (unsigned by = 0; by < 4 && good; by++)
        for (unsigned i = 0; i < 32 && good; i++) {
            uint8_t got = ((const uint8_t *)m.pData)[by * m.RowPitch + i];
            uint8_t want = by == 1 && i >= 8 && i < 24 ? blocks[i - 8] : 0;
            if (got != want) {
                snprintf(why, whylen, "block row %u byte %u: want 0x%02x, got 0x%02x", by, i, want, got);
                good = false;
            }
        }
    f->pfnStagingResourceUnmap(d, st, 0);
    /* Boxes past the level or off the block grid are refused, not written. */
    static const D3D10_DDI_BOX bad[2] = {{12, 12, 0, 20, 16, 1}, {2, 0, 0, 6, 4, 1}};
    for (unsigned i = 0; i < 2 && good; i++) {
        d3drt_clear_errors(rt);
        f->pfnResourceUpdateSubresourceUP(d, t, 0, &bad[i], blocks, 24, 24);
        if (d3drt_first_error(rt) != E_INVALIDARG) {
            snprintf(why, whylen, "bad box %u: first error 0x%08x, want E_INVALIDARG", i,
                     (unsigned)d3drt_first_error(rt));
            good = false;
        }
    }
    d3drt_clear_errors(rt);
    return good;
}

int umd_format_roundtrips(struct vtest_server *srv, void (*report)(const char *, int, const char *))
{
    /* By name through the format table (d3d10umddi.h declares only the
     * DXGI values the UMD itself names). */
    static const char *const fmts[] = {
        "R8G8B8A8_UNORM",     "R8G8B8A8_UNORM_SRGB", "B8G8R8A8_UNORM",     "R8G8B8A8_SNORM", "R8G8B8A8_UINT",
        "R8_UNORM",           "R8G8_UNORM",          "R8_UINT",            "R16_UNORM",      "R16G16_UNORM",
        "R16G16B16A16_UNORM", "R16_UINT",            "R16G16_SINT",        "R16_FLOAT",      "R16G16B16A16_FLOAT",
        "R32_FLOAT",          "R32G32_FLOAT",        "R32G32B32A32_FLOAT", "R32_UINT",       "R32G32B32A32_UINT",
        "R10G10B10A2_UNORM",
    };
    struct d3drt *rt;
    char name[96], why[256];
    int failed = 0;
    if (d3drt_open(&rt, srv, 0)) {
        report("format_roundtrips_runtime", 0, d3drt_error(rt));
        d3drt_close(rt);
        return 1;
    }
    const struct virgl_format_desc *first = NULL;
    for (unsigned k = 0; k < sizeof(fmts) / sizeof(fmts[0]); k++) {
        const struct virgl_format_desc *fd = NULL;
        for (uint32_t i = 0; i < virgl_format_count() && !fd; i++)
            if (virgl_format_at(i)->name && !strcmp(virgl_format_at(i)->name, fmts[k]))
                fd = virgl_format_at(i);
        snprintf(name, sizeof(name), "format_roundtrip_%s", fmts[k]);
        d3drt_clear_errors(rt);
        if (!fd || !fd->block_bytes || fd->block_bytes > 16) {
            report(name, 0, "format not in the table");
            failed++;
            continue;
        }
        if (!first)
            first = fd;
        bool good = roundtrip(rt, fd, k, false, why, sizeof(why));
        report(name, good, why);
        failed += !good;
    }
    d3drt_clear_errors(rt);
    bool caught = first && !roundtrip(rt, first, 0, true, why, sizeof(why)) && !d3drt_failed(rt);
    report("format_roundtrip_detects_a_changed_byte", caught, "a changed expected byte went unnoticed");
    d3drt_clear_errors(rt);
    bool bc1 = bc1_partial_update(rt, why, sizeof(why));
    report("bc1_partial_update_blocks", bc1, why);
    d3drt_close(rt);
    return failed + !caught + !bc1;
}
