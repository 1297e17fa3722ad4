/*
 * virgl_caps.h — the host's virgl capability blob (capset VIRGL v1 or
 * VIRGL2 v2) parsed into one struct, and the per-format bind support it
 * implies.  Freestanding.
 *
 * Use: fetch the blob (VIRTIO_GPU_CMD_GET_CAPSET on the device, GET_CAPS2
 * over vtest), call virgl_caps_parse() once, then query the struct or
 * virgl_caps_format_binds().  The parser never reads past `size`; a blob
 * shorter than v1 is VIRGL_EFORMAT.  Fields only v2 carries are 0 when the
 * blob is v1 (has_v2 says which).
 */
#ifndef VIRGL_CAPS_H
#define VIRGL_CAPS_H

#include <stdbool.h>
#include <stdint.h>

#include "viogpu/virgl_protocol.h"

struct virgl_caps {
    bool has_v2;
    uint32_t max_version;
    struct virgl_wire_format_mask sampler, render, depthstencil, vertexbuffer;
    struct virgl_wire_format_mask readback, scanout;          /* v2 */
    uint32_t bset;                                            /* VIRGL_BSET_* */
    uint32_t glsl_level;
    uint32_t max_texture_array_layers;
    uint32_t max_streamout_buffers;
    uint32_t max_dual_source_render_targets;
    uint32_t max_render_targets;
    uint32_t max_samples;
    uint32_t prim_mask;
    uint32_t max_tbo_size;
    uint32_t max_uniform_blocks;
    uint32_t max_viewports;
    uint32_t max_texture_gather_components;
    /* v2 */
    uint32_t max_geom_output_vertices;
    uint32_t max_geom_total_output_components;
    uint32_t max_vertex_outputs;
    uint32_t max_vertex_attribs;
    int32_t min_texel_offset, max_texel_offset;
    uint32_t uniform_buffer_offset_alignment;
    uint32_t capability_bits;                                 /* VIRGL_CAP_* */
    uint32_t capability_bits_v2;
    uint32_t max_texture_2d_size, max_texture_3d_size, max_texture_cube_size;
    uint32_t max_vertex_attrib_stride;
    float max_texture_lod_bias;
};

/* 0, or VIRGL_EFORMAT when the blob is too short or claims version 0. */
int virgl_caps_parse(struct virgl_caps *out, const void *blob, uint32_t size);
bool virgl_caps_format_in(const struct virgl_wire_format_mask *m, uint32_t format);
/* VIRGL_BIND_SAMPLER_VIEW / RENDER_TARGET / DEPTH_STENCIL / VERTEX_BUFFER
 * bits the host supports for `format` (virgl_format).  DEPTH_STENCIL is
 * reported for a depth format in the depthstencil mask or, since
 * virglrenderer 0.10 leaves that mask empty, in the sampler mask. */
uint32_t virgl_caps_format_binds(const struct virgl_caps *c, uint32_t format);

#endif /* VIRGL_CAPS_H */
