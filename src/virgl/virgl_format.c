/*
 * virgl_format.c — the DXGI_FORMAT <-> virgl format table; see
 * virgl_format.h.  DXGI numbers are those of dxgiformat.h; each row says
 * how D3D10 storage of that format maps to a host format.
 */
#include "virgl/virgl_format.h"

#define T  VIRGL_FMT_TYPELESS
#define D  VIRGL_FMT_DEPTH
#define S  VIRGL_FMT_STENCIL
#define SR VIRGL_FMT_SRGB
#define C  VIRGL_FMT_COMPRESSED
#define I  VIRGL_FMT_INTEGER
#define F  VIRGL_FMT_FLOAT
#define ALT VIRGL_FMT_STAND_IN
#define R(dx, vf, bytes, flags, nm) { dx, VIRGL_FORMAT_##vf, bytes, flags, nm }

/* Typed rows come before typeless rows of the same virgl format, so the
 * reverse lookup finds the typed name. */
static const struct virgl_format_desc table[] = {
    R(2,  R32G32B32A32_FLOAT, 16, F, "R32G32B32A32_FLOAT"),
    R(3,  R32G32B32A32_UINT, 16, I, "R32G32B32A32_UINT"),
    R(4,  R32G32B32A32_SINT, 16, I, "R32G32B32A32_SINT"),
    R(6,  R32G32B32_FLOAT, 12, F, "R32G32B32_FLOAT"),
    R(7,  R32G32B32_UINT, 12, I, "R32G32B32_UINT"),
    R(8,  R32G32B32_SINT, 12, I, "R32G32B32_SINT"),
    R(10, R16G16B16A16_FLOAT, 8, F, "R16G16B16A16_FLOAT"),
    R(11, R16G16B16A16_UNORM, 8, 0, "R16G16B16A16_UNORM"),
    R(12, R16G16B16A16_UINT, 8, I, "R16G16B16A16_UINT"),
    R(13, R16G16B16A16_SNORM, 8, 0, "R16G16B16A16_SNORM"),
    R(14, R16G16B16A16_SINT, 8, I, "R16G16B16A16_SINT"),
    R(16, R32G32_FLOAT, 8, F, "R32G32_FLOAT"),
    R(17, R32G32_UINT, 8, I, "R32G32_UINT"),
    R(18, R32G32_SINT, 8, I, "R32G32_SINT"),
    R(20, Z32_FLOAT_S8X24_UINT, 8, D | S, "D32_FLOAT_S8X24_UINT"),
    R(22, X32_S8X24_UINT, 8, I, "X32_TYPELESS_G8X24_UINT"),
    R(24, R10G10B10A2_UNORM, 4, 0, "R10G10B10A2_UNORM"),
    R(25, R10G10B10A2_UINT, 4, I, "R10G10B10A2_UINT"),
    R(26, R11G11B10_FLOAT, 4, F, "R11G11B10_FLOAT"),
    R(28, R8G8B8A8_UNORM, 4, 0, "R8G8B8A8_UNORM"),
    R(29, R8G8B8A8_SRGB, 4, SR, "R8G8B8A8_UNORM_SRGB"),
    R(30, R8G8B8A8_UINT, 4, I, "R8G8B8A8_UINT"),
    R(31, R8G8B8A8_SNORM, 4, 0, "R8G8B8A8_SNORM"),
    R(32, R8G8B8A8_SINT, 4, I, "R8G8B8A8_SINT"),
    R(34, R16G16_FLOAT, 4, F, "R16G16_FLOAT"),
    R(35, R16G16_UNORM, 4, 0, "R16G16_UNORM"),
    R(36, R16G16_UINT, 4, I, "R16G16_UINT"),
    R(37, R16G16_SNORM, 4, 0, "R16G16_SNORM"),
    R(38, R16G16_SINT, 4, I, "R16G16_SINT"),
    R(40, Z32_FLOAT, 4, D, "D32_FLOAT"),
    R(41, R32_FLOAT, 4, F, "R32_FLOAT"),
    R(42, R32_UINT, 4, I, "R32_UINT"),
    R(43, R32_SINT, 4, I, "R32_SINT"),
    R(45, Z24_UNORM_S8_UINT, 4, D | S, "D24_UNORM_S8_UINT"),
    R(46, Z24X8_UNORM, 4, T, "R24_UNORM_X8_TYPELESS"),
    R(47, X24S8_UINT, 4, I, "X24_TYPELESS_G8_UINT"),
    /* Host stand-ins (no DXGI format of their own; listed so sizes and
     * names resolve): */
    R(45, S8_UINT_Z24_UNORM, 4, D | S | ALT, "S8_UINT_Z24_UNORM"),
    R(46, X8Z24_UNORM, 4, ALT, "X8Z24_UNORM"),
    R(47, S8X24_UINT, 4, I | ALT, "S8X24_UINT"),
    R(49, R8G8_UNORM, 2, 0, "R8G8_UNORM"),
    R(50, R8G8_UINT, 2, I, "R8G8_UINT"),
    R(51, R8G8_SNORM, 2, 0, "R8G8_SNORM"),
    R(52, R8G8_SINT, 2, I, "R8G8_SINT"),
    R(54, R16_FLOAT, 2, F, "R16_FLOAT"),
    R(55, Z16_UNORM, 2, D, "D16_UNORM"),
    R(56, R16_UNORM, 2, 0, "R16_UNORM"),
    R(57, R16_UINT, 2, I, "R16_UINT"),
    R(58, R16_SNORM, 2, 0, "R16_SNORM"),
    R(59, R16_SINT, 2, I, "R16_SINT"),
    R(61, R8_UNORM, 1, 0, "R8_UNORM"),
    R(62, R8_UINT, 1, I, "R8_UINT"),
    R(63, R8_SNORM, 1, 0, "R8_SNORM"),
    R(64, R8_SINT, 1, I, "R8_SINT"),
    R(65, A8_UNORM, 1, 0, "A8_UNORM"),
    R(67, R9G9B9E5_FLOAT, 4, F, "R9G9B9E5_SHAREDEXP"),
    R(68, R8G8_B8G8_UNORM, 4, 0, "R8G8_B8G8_UNORM"),
    R(69, G8R8_G8B8_UNORM, 4, 0, "G8R8_G8B8_UNORM"),
    R(71, DXT1_RGBA, 8, C, "BC1_UNORM"),
    R(72, DXT1_SRGBA, 8, C | SR, "BC1_UNORM_SRGB"),
    R(74, DXT3_RGBA, 16, C, "BC2_UNORM"),
    R(75, DXT3_SRGBA, 16, C | SR, "BC2_UNORM_SRGB"),
    R(77, DXT5_RGBA, 16, C, "BC3_UNORM"),
    R(78, DXT5_SRGBA, 16, C | SR, "BC3_UNORM_SRGB"),
    R(80, RGTC1_UNORM, 8, C, "BC4_UNORM"),
    R(81, RGTC1_SNORM, 8, C, "BC4_SNORM"),
    R(83, RGTC2_UNORM, 16, C, "BC5_UNORM"),
    R(84, RGTC2_SNORM, 16, C, "BC5_SNORM"),
    R(85, B5G6R5_UNORM, 2, 0, "B5G6R5_UNORM"),
    R(86, B5G5R5A1_UNORM, 2, 0, "B5G5R5A1_UNORM"),
    R(87, B8G8R8A8_UNORM, 4, 0, "B8G8R8A8_UNORM"),
    R(88, B8G8R8X8_UNORM, 4, 0, "B8G8R8X8_UNORM"),
    R(91, B8G8R8A8_SRGB, 4, SR, "B8G8R8A8_UNORM_SRGB"),
    R(93, B8G8R8X8_SRGB, 4, SR, "B8G8R8X8_UNORM_SRGB"),
    R(95, BPTC_RGB_UFLOAT, 16, C | F, "BC6H_UF16"),
    R(96, BPTC_RGB_FLOAT, 16, C | F, "BC6H_SF16"),
    R(98, BPTC_RGBA_UNORM, 16, C, "BC7_UNORM"),
    R(99, BPTC_SRGBA, 16, C | SR, "BC7_UNORM_SRGB"),
    R(115, B4G4R4A4_UNORM, 2, 0, "B4G4R4A4_UNORM"),
    /* typeless: storage of the typed member */
    R(1,  R32G32B32A32_FLOAT, 16, T, "R32G32B32A32_TYPELESS"),
    R(5,  R32G32B32_FLOAT, 12, T, "R32G32B32_TYPELESS"),
    R(9,  R16G16B16A16_UNORM, 8, T, "R16G16B16A16_TYPELESS"),
    R(15, R32G32_FLOAT, 8, T, "R32G32_TYPELESS"),
    R(19, Z32_FLOAT_S8X24_UINT, 8, T, "R32G8X24_TYPELESS"),
    R(21, Z32_FLOAT_S8X24_UINT, 8, T, "R32_FLOAT_X8X24_TYPELESS"),
    R(23, R10G10B10A2_UNORM, 4, T, "R10G10B10A2_TYPELESS"),
    R(27, R8G8B8A8_UNORM, 4, T, "R8G8B8A8_TYPELESS"),
    R(33, R16G16_UNORM, 4, T, "R16G16_TYPELESS"),
    R(39, R32_FLOAT, 4, T, "R32_TYPELESS"),
    R(44, Z24_UNORM_S8_UINT, 4, T, "R24G8_TYPELESS"),
    R(48, R8G8_UNORM, 2, T, "R8G8_TYPELESS"),
    R(53, R16_UNORM, 2, T, "R16_TYPELESS"),
    R(60, R8_UNORM, 1, T, "R8_TYPELESS"),
    R(70, DXT1_RGBA, 8, C | T, "BC1_TYPELESS"),
    R(73, DXT3_RGBA, 16, C | T, "BC2_TYPELESS"),
    R(76, DXT5_RGBA, 16, C | T, "BC3_TYPELESS"),
    R(79, RGTC1_UNORM, 8, C | T, "BC4_TYPELESS"),
    R(82, RGTC2_UNORM, 16, C | T, "BC5_TYPELESS"),
    R(90, B8G8R8A8_UNORM, 4, T, "B8G8R8A8_TYPELESS"),
    R(92, B8G8R8X8_UNORM, 4, T, "B8G8R8X8_TYPELESS"),
    R(94, BPTC_RGB_UFLOAT, 16, C | T, "BC6H_TYPELESS"),
    R(97, BPTC_RGBA_UNORM, 16, C | T, "BC7_TYPELESS"),
};

#define COUNT (sizeof(table) / sizeof(table[0]))

const struct virgl_format_desc *virgl_format_from_dxgi(uint32_t dxgi)
{
    for (uint32_t i = 0; i < COUNT; i++)
        if (table[i].dxgi == dxgi)
            return &table[i];
    return NULL;
}

const struct virgl_format_desc *virgl_format_info(uint32_t vf)
{
    if (vf == VIRGL_FORMAT_NONE)
        return NULL;
    for (uint32_t i = 0; i < COUNT; i++)
        if (table[i].virgl == vf)
            return &table[i];
    return NULL;
}

uint32_t virgl_format_to_dxgi(uint32_t vf)
{
    const struct virgl_format_desc *d = virgl_format_info(vf);
    return d ? d->dxgi : 0;
}

const char *virgl_format_name(uint32_t vf)
{
    const struct virgl_format_desc *d = virgl_format_info(vf);
    return d ? d->name : NULL;
}

uint32_t virgl_format_stride(uint32_t vf, uint32_t width)
{
    const struct virgl_format_desc *d = virgl_format_info(vf);
    if (!d)
        return 0;
    if (d->flags & VIRGL_FMT_COMPRESSED)
        return ((width + 3) / 4) * d->block_bytes;
    return width * d->block_bytes;
}

uint32_t virgl_format_level_size(uint32_t vf, uint32_t width, uint32_t height)
{
    const struct virgl_format_desc *d = virgl_format_info(vf);
    if (!d)
        return 0;
    uint32_t rows = (d->flags & VIRGL_FMT_COMPRESSED) ? (height + 3) / 4 : height;
    return virgl_format_stride(vf, width) * rows;
}

/* Same-size stand-ins, tried in order when the host lacks the table's
 * format. */
static uint32_t stand_in(uint32_t vf)
{
    switch (vf) {
    case VIRGL_FORMAT_Z24_UNORM_S8_UINT:
        return VIRGL_FORMAT_S8_UINT_Z24_UNORM;
    case VIRGL_FORMAT_Z24X8_UNORM:
        return VIRGL_FORMAT_X8Z24_UNORM;
    case VIRGL_FORMAT_X24S8_UINT:
        return VIRGL_FORMAT_S8X24_UINT;
    default:
        return VIRGL_FORMAT_NONE;
    }
}

uint32_t virgl_format_for_host(const struct virgl_caps *caps, uint32_t dxgi, uint32_t bind)
{
    const struct virgl_format_desc *d = virgl_format_from_dxgi(dxgi);
    if (!d)
        return VIRGL_FORMAT_NONE;
    if ((virgl_caps_format_binds(caps, d->virgl) & bind) == bind)
        return d->virgl;
    uint32_t alt = stand_in(d->virgl);
    if (alt && (virgl_caps_format_binds(caps, alt) & bind) == bind)
        return alt;
    return VIRGL_FORMAT_NONE;
}

uint32_t virgl_format_dxgi_binds(const struct virgl_caps *caps, uint32_t dxgi)
{
    const struct virgl_format_desc *d = virgl_format_from_dxgi(dxgi);
    if (!d)
        return 0;
    uint32_t b = virgl_caps_format_binds(caps, d->virgl);
    uint32_t alt = stand_in(d->virgl);
    return alt ? b | virgl_caps_format_binds(caps, alt) : b;
}

uint32_t virgl_format_count(void)
{
    return (uint32_t)COUNT;
}

const struct virgl_format_desc *virgl_format_at(uint32_t i)
{
    return i < COUNT ? &table[i] : NULL;
}
