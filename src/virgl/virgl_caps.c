/*
 * virgl_caps.c — parses the capability blob; see virgl_caps.h.
 * The blob is read dword by dword with bounds checks rather than cast to
 * the wire struct, so a short or unaligned blob is safe.
 */
#include "virgl/virgl_caps.h"
#include "virgl/virgl_enc.h"

/* The wire structs must match the host's layout on every toolchain. */
_Static_assert(sizeof(struct virgl_wire_caps_v1) == VIRGL_WIRE_CAPS_V1_BYTES, "caps v1 size");
_Static_assert(sizeof(struct virgl_wire_caps_v2) == VIRGL_WIRE_CAPS_V2_BYTES, "caps v2 size");
_Static_assert(sizeof(struct virgl_host_query_state) == 16, "query state size");


static uint32_t rd(const uint8_t *b, uint32_t dw)
{
    const uint8_t *p = b + 4 * dw;
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
           ((uint32_t)p[3] << 24);
}

static void rd_mask(struct virgl_wire_format_mask *m, const uint8_t *b, uint32_t dw)
{
    for (uint32_t i = 0; i < 16; i++)
        m->bitmask[i] = rd(b, dw + i);
}

static float f_of(uint32_t u)
{
    union { uint32_t u; float f; } c;
    c.u = u;
    return c.f;
}

/* Dword offsets inside the v2 struct (after the 77 v1 dwords). */
#define OFF(field) ((uint32_t)(__builtin_offsetof(struct virgl_wire_caps_v2, field) / 4))

int virgl_caps_parse(struct virgl_caps *out, const void *blob, uint32_t size)
{
    const uint8_t *b = blob;
    uint8_t *z = (uint8_t *)out;
    for (uint32_t i = 0; i < sizeof(*out); i++)
        z[i] = 0;
    if (!blob || size < VIRGL_WIRE_CAPS_V1_BYTES)
        return VIRGL_EFORMAT;
    out->max_version = rd(b, 0);
    if (out->max_version == 0)
        return VIRGL_EFORMAT;
    rd_mask(&out->sampler, b, 1);
    rd_mask(&out->render, b, 17);
    rd_mask(&out->depthstencil, b, 33);
    rd_mask(&out->vertexbuffer, b, 49);
    out->bset = rd(b, 65);
    out->glsl_level = rd(b, 66);
    out->max_texture_array_layers = rd(b, 67);
    out->max_streamout_buffers = rd(b, 68);
    out->max_dual_source_render_targets = rd(b, 69);
    out->max_render_targets = rd(b, 70);
    out->max_samples = rd(b, 71);
    out->prim_mask = rd(b, 72);
    out->max_tbo_size = rd(b, 73);
    out->max_uniform_blocks = rd(b, 74);
    out->max_viewports = rd(b, 75);
    out->max_texture_gather_components = rd(b, 76);
    /* A v2 blob says max_version >= 2 and is long enough for the v2 struct. */
    if (out->max_version < 2 || size < VIRGL_WIRE_CAPS_V2_BYTES)
        return 0;
    out->has_v2 = true;
    out->max_texture_lod_bias = f_of(rd(b, OFF(max_texture_lod_bias)));
    out->max_geom_output_vertices = rd(b, OFF(max_geom_output_vertices));
    out->max_geom_total_output_components = rd(b, OFF(max_geom_total_output_components));
    out->max_vertex_outputs = rd(b, OFF(max_vertex_outputs));
    out->max_vertex_attribs = rd(b, OFF(max_vertex_attribs));
    out->min_texel_offset = (int32_t)rd(b, OFF(min_texel_offset));
    out->max_texel_offset = (int32_t)rd(b, OFF(max_texel_offset));
    out->uniform_buffer_offset_alignment = rd(b, OFF(uniform_buffer_offset_alignment));
    out->capability_bits = rd(b, OFF(capability_bits));
    out->max_vertex_attrib_stride = rd(b, OFF(max_vertex_attrib_stride));
    out->max_texture_2d_size = rd(b, OFF(max_texture_2d_size));
    out->max_texture_3d_size = rd(b, OFF(max_texture_3d_size));
    out->max_texture_cube_size = rd(b, OFF(max_texture_cube_size));
    rd_mask(&out->readback, b, OFF(supported_readback_formats));
    rd_mask(&out->scanout, b, OFF(scanout));
    out->capability_bits_v2 = rd(b, OFF(capability_bits_v2));
    return 0;
}

bool virgl_caps_format_in(const struct virgl_wire_format_mask *m, uint32_t format)
{
    if (format == VIRGL_FORMAT_NONE || format >= 16 * 32)
        return false;
    return (m->bitmask[format / 32] >> (format % 32)) & 1u;
}

/* Formats a depth-stencil surface can have. */
static bool is_zs(uint32_t f)
{
    switch (f) {
    case VIRGL_FORMAT_Z16_UNORM:
    case VIRGL_FORMAT_Z32_UNORM:
    case VIRGL_FORMAT_Z32_FLOAT:
    case VIRGL_FORMAT_Z24_UNORM_S8_UINT:
    case VIRGL_FORMAT_S8_UINT_Z24_UNORM:
    case VIRGL_FORMAT_Z24X8_UNORM:
    case VIRGL_FORMAT_X8Z24_UNORM:
    case VIRGL_FORMAT_S8_UINT:
    case VIRGL_FORMAT_Z32_FLOAT_S8X24_UINT:
        return true;
    default:
        return false;
    }
}

uint32_t virgl_caps_format_binds(const struct virgl_caps *c, uint32_t format)
{
    uint32_t b = 0;
    /* virglrenderer 0.10 leaves the depthstencil mask empty and lists the
     * depth formats it can create in the sampler mask only (as Mesa's virgl
     * driver assumes), so a sampleable depth format counts as DS-capable. */
    if (is_zs(format) && virgl_caps_format_in(&c->sampler, format))
        b |= VIRGL_BIND_DEPTH_STENCIL;
    if (virgl_caps_format_in(&c->sampler, format))
        b |= VIRGL_BIND_SAMPLER_VIEW;
    if (virgl_caps_format_in(&c->render, format))
        b |= VIRGL_BIND_RENDER_TARGET;
    if (virgl_caps_format_in(&c->depthstencil, format))
        b |= VIRGL_BIND_DEPTH_STENCIL;
    if (virgl_caps_format_in(&c->vertexbuffer, format))
        b |= VIRGL_BIND_VERTEX_BUFFER;
    return b;
}
