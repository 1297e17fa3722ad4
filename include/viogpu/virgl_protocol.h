/*
 * virgl_protocol.h — the virgl command stream as virglrenderer 0.10.x
 * decodes it: command and object ids, payload sizes and field offsets,
 * the gallium-derived enums the payloads carry, the resource formats and
 * bind flags, and the capability blob (capset VIRGL / VIRGL2) layout.
 *
 * Use: the encoder (src/virgl/virgl_enc.h) and the disassembler
 * (tools/virgl-dis) both build on these numbers; nothing else here has
 * behaviour.  Every command is one header dword
 *     VIRGL_CMD0(cmd, object_type, payload_dwords)
 * followed by payload_dwords little-endian dwords.  Offsets named *_Fn
 * below count from the header (the header is dword 0), the way the host's
 * decoder indexes them.
 *
 * Written from the public descriptions of the protocol (virglrenderer's
 * src/virgl_protocol.h, src/virgl_hw.h and Mesa's gallium p_defines.h);
 * the names are ours.
 */
#ifndef VIOGPU_VIRGL_PROTOCOL_H
#define VIOGPU_VIRGL_PROTOCOL_H

#include <stdint.h>

/* ---- command header ---------------------------------------------------- */
#define VIRGL_CMD0(cmd, obj, len) \
    ((uint32_t)(cmd) | ((uint32_t)(obj) << 8) | ((uint32_t)(len) << 16))
#define VIRGL_CMD_ID(hdr)   ((hdr) & 0xffu)
#define VIRGL_CMD_OBJ(hdr)  (((hdr) >> 8) & 0xffu)
#define VIRGL_CMD_LEN(hdr)  ((hdr) >> 16)
#define VIRGL_CMD_MAX_LEN   0xffffu   /* payload dwords one header can carry */

enum virgl_object_type {
    VIRGL_OBJECT_NULL = 0,
    VIRGL_OBJECT_BLEND = 1,
    VIRGL_OBJECT_RASTERIZER = 2,
    VIRGL_OBJECT_DSA = 3,
    VIRGL_OBJECT_SHADER = 4,
    VIRGL_OBJECT_VERTEX_ELEMENTS = 5,
    VIRGL_OBJECT_SAMPLER_VIEW = 6,
    VIRGL_OBJECT_SAMPLER_STATE = 7,
    VIRGL_OBJECT_SURFACE = 8,
    VIRGL_OBJECT_QUERY = 9,
    VIRGL_OBJECT_STREAMOUT_TARGET = 10,
    VIRGL_OBJECT_MSAA_SURFACE = 11,
    VIRGL_OBJECT_COUNT = 12,
};

enum virgl_ccmd {
    VIRGL_CCMD_NOP = 0,
    VIRGL_CCMD_CREATE_OBJECT = 1,
    VIRGL_CCMD_BIND_OBJECT = 2,
    VIRGL_CCMD_DESTROY_OBJECT = 3,
    VIRGL_CCMD_SET_VIEWPORT_STATE = 4,
    VIRGL_CCMD_SET_FRAMEBUFFER_STATE = 5,
    VIRGL_CCMD_SET_VERTEX_BUFFERS = 6,
    VIRGL_CCMD_CLEAR = 7,
    VIRGL_CCMD_DRAW_VBO = 8,
    VIRGL_CCMD_RESOURCE_INLINE_WRITE = 9,
    VIRGL_CCMD_SET_SAMPLER_VIEWS = 10,
    VIRGL_CCMD_SET_INDEX_BUFFER = 11,
    VIRGL_CCMD_SET_CONSTANT_BUFFER = 12,
    VIRGL_CCMD_SET_STENCIL_REF = 13,
    VIRGL_CCMD_SET_BLEND_COLOR = 14,
    VIRGL_CCMD_SET_SCISSOR_STATE = 15,
    VIRGL_CCMD_BLIT = 16,
    VIRGL_CCMD_RESOURCE_COPY_REGION = 17,
    VIRGL_CCMD_BIND_SAMPLER_STATES = 18,
    VIRGL_CCMD_BEGIN_QUERY = 19,
    VIRGL_CCMD_END_QUERY = 20,
    VIRGL_CCMD_GET_QUERY_RESULT = 21,
    VIRGL_CCMD_SET_POLYGON_STIPPLE = 22,
    VIRGL_CCMD_SET_CLIP_STATE = 23,
    VIRGL_CCMD_SET_SAMPLE_MASK = 24,
    VIRGL_CCMD_SET_STREAMOUT_TARGETS = 25,
    VIRGL_CCMD_SET_RENDER_CONDITION = 26,
    VIRGL_CCMD_SET_UNIFORM_BUFFER = 27,
    VIRGL_CCMD_SET_SUB_CTX = 28,
    VIRGL_CCMD_CREATE_SUB_CTX = 29,
    VIRGL_CCMD_DESTROY_SUB_CTX = 30,
    VIRGL_CCMD_BIND_SHADER = 31,
    VIRGL_CCMD_SET_TESS_STATE = 32,
    VIRGL_CCMD_SET_MIN_SAMPLES = 33,
    VIRGL_CCMD_SET_SHADER_BUFFERS = 34,
    VIRGL_CCMD_SET_SHADER_IMAGES = 35,
    VIRGL_CCMD_MEMORY_BARRIER = 36,
    VIRGL_CCMD_LAUNCH_GRID = 37,
    VIRGL_CCMD_SET_FRAMEBUFFER_STATE_NO_ATTACH = 38,
    VIRGL_CCMD_TEXTURE_BARRIER = 39,
    VIRGL_CCMD_SET_ATOMIC_BUFFERS = 40,
    VIRGL_CCMD_SET_DEBUG_FLAGS = 41,
    VIRGL_CCMD_GET_QUERY_RESULT_QBO = 42,
    VIRGL_CCMD_TRANSFER3D = 43,
    VIRGL_CCMD_END_TRANSFERS = 44,
    VIRGL_CCMD_COPY_TRANSFER3D = 45,
    VIRGL_CCMD_SET_TWEAKS = 46,
    VIRGL_CCMD_CLEAR_TEXTURE = 47,
    VIRGL_CCMD_PIPE_RESOURCE_CREATE = 48,
    VIRGL_CCMD_PIPE_RESOURCE_SET_TYPE = 49,
    VIRGL_CCMD_GET_MEMORY_INFO = 50,
    VIRGL_CCMD_SEND_STRING_MARKER = 51,
    VIRGL_CCMD_LINK_SHADER = 52,
    VIRGL_CCMD_COUNT = 53,
};

/* ---- payload sizes (dwords after the header) and field offsets ---------- */
#define VIRGL_MAX_COLOR_BUFS     8
#define VIRGL_MAX_CLIP_PLANES    8
#define VIRGL_MAX_SO_BUFFERS     4
#define VIRGL_MAX_SO_OUTPUTS     64
#define VIRGL_MAX_VIEWPORTS      16

/* CREATE_OBJECT / BIND_OBJECT / DESTROY_OBJECT: F1 is always the handle. */
#define VIRGL_OBJ_HANDLE_F       1
#define VIRGL_BIND_OBJECT_SIZE   1
#define VIRGL_DESTROY_OBJECT_SIZE 1

/* BLEND: handle, S0, S1, S2[8] */
#define VIRGL_BLEND_SIZE         (VIRGL_MAX_COLOR_BUFS + 3)
#define VIRGL_BLEND_S0_INDEPENDENT   (1u << 0)
#define VIRGL_BLEND_S0_LOGICOP_ENABLE (1u << 1)
#define VIRGL_BLEND_S0_DITHER        (1u << 2)
#define VIRGL_BLEND_S0_ALPHA_TO_COVERAGE (1u << 3)
#define VIRGL_BLEND_S0_ALPHA_TO_ONE  (1u << 4)
#define VIRGL_BLEND_S1_LOGICOP_FUNC(x) ((uint32_t)(x) & 0xfu)
#define VIRGL_BLEND_S2_ENABLE        (1u << 0)
#define VIRGL_BLEND_S2_RGB_FUNC(x)   (((uint32_t)(x) & 0x7u) << 1)
#define VIRGL_BLEND_S2_RGB_SRC(x)    (((uint32_t)(x) & 0x1fu) << 4)
#define VIRGL_BLEND_S2_RGB_DST(x)    (((uint32_t)(x) & 0x1fu) << 9)
#define VIRGL_BLEND_S2_ALPHA_FUNC(x) (((uint32_t)(x) & 0x7u) << 14)
#define VIRGL_BLEND_S2_ALPHA_SRC(x)  (((uint32_t)(x) & 0x1fu) << 17)
#define VIRGL_BLEND_S2_ALPHA_DST(x)  (((uint32_t)(x) & 0x1fu) << 22)
#define VIRGL_BLEND_S2_COLORMASK(x)  (((uint32_t)(x) & 0xfu) << 27)

/* DSA: handle, S0, S1 (front stencil), S2 (back stencil), alpha_ref (float) */
#define VIRGL_DSA_SIZE           5
#define VIRGL_DSA_S0_DEPTH_ENABLE    (1u << 0)
#define VIRGL_DSA_S0_DEPTH_WRITEMASK (1u << 1)
#define VIRGL_DSA_S0_DEPTH_FUNC(x)   (((uint32_t)(x) & 0x7u) << 2)
#define VIRGL_DSA_S0_ALPHA_ENABLE    (1u << 8)
#define VIRGL_DSA_S0_ALPHA_FUNC(x)   (((uint32_t)(x) & 0x7u) << 9)
#define VIRGL_DSA_S1_ENABLE          (1u << 0)
#define VIRGL_DSA_S1_FUNC(x)         (((uint32_t)(x) & 0x7u) << 1)
#define VIRGL_DSA_S1_FAIL_OP(x)      (((uint32_t)(x) & 0x7u) << 4)
#define VIRGL_DSA_S1_ZPASS_OP(x)     (((uint32_t)(x) & 0x7u) << 7)
#define VIRGL_DSA_S1_ZFAIL_OP(x)     (((uint32_t)(x) & 0x7u) << 10)
#define VIRGL_DSA_S1_VALUEMASK(x)    (((uint32_t)(x) & 0xffu) << 13)
#define VIRGL_DSA_S1_WRITEMASK(x)    (((uint32_t)(x) & 0xffu) << 21)

/* RASTERIZER: handle, S0, point_size, sprite_coord_enable, S3, line_width,
 * offset_units, offset_scale, offset_clamp */
#define VIRGL_RS_SIZE            9
#define VIRGL_RS_S0_FLATSHADE        (1u << 0)
#define VIRGL_RS_S0_DEPTH_CLIP       (1u << 1)
#define VIRGL_RS_S0_CLIP_HALFZ       (1u << 2)
#define VIRGL_RS_S0_RASTERIZER_DISCARD (1u << 3)
#define VIRGL_RS_S0_FLATSHADE_FIRST  (1u << 4)
#define VIRGL_RS_S0_LIGHT_TWOSIDE    (1u << 5)
#define VIRGL_RS_S0_SPRITE_COORD_MODE (1u << 6)
#define VIRGL_RS_S0_POINT_QUAD_RAST  (1u << 7)
#define VIRGL_RS_S0_CULL_FACE(x)     (((uint32_t)(x) & 0x3u) << 8)
#define VIRGL_RS_S0_FILL_FRONT(x)    (((uint32_t)(x) & 0x3u) << 10)
#define VIRGL_RS_S0_FILL_BACK(x)     (((uint32_t)(x) & 0x3u) << 12)
#define VIRGL_RS_S0_SCISSOR          (1u << 14)
#define VIRGL_RS_S0_FRONT_CCW        (1u << 15)
#define VIRGL_RS_S0_CLAMP_VERTEX_COLOR (1u << 16)
#define VIRGL_RS_S0_CLAMP_FRAGMENT_COLOR (1u << 17)
#define VIRGL_RS_S0_OFFSET_LINE      (1u << 18)
#define VIRGL_RS_S0_OFFSET_POINT     (1u << 19)
#define VIRGL_RS_S0_OFFSET_TRI       (1u << 20)
#define VIRGL_RS_S0_POLY_SMOOTH      (1u << 21)
#define VIRGL_RS_S0_POLY_STIPPLE     (1u << 22)
#define VIRGL_RS_S0_POINT_SMOOTH     (1u << 23)
#define VIRGL_RS_S0_POINT_SIZE_PER_VERTEX (1u << 24)
#define VIRGL_RS_S0_MULTISAMPLE      (1u << 25)
#define VIRGL_RS_S0_LINE_SMOOTH      (1u << 26)
#define VIRGL_RS_S0_LINE_STIPPLE     (1u << 27)
#define VIRGL_RS_S0_LINE_LAST_PIXEL  (1u << 28)
#define VIRGL_RS_S0_HALF_PIXEL_CENTER (1u << 29)
#define VIRGL_RS_S0_BOTTOM_EDGE_RULE (1u << 30)
#define VIRGL_RS_S0_FORCE_PERSAMPLE_INTERP (1u << 31)
#define VIRGL_RS_S3_LINE_STIPPLE_PATTERN(x) ((uint32_t)(x) & 0xffffu)
#define VIRGL_RS_S3_LINE_STIPPLE_FACTOR(x)  (((uint32_t)(x) & 0xffu) << 16)
#define VIRGL_RS_S3_CLIP_PLANE_ENABLE(x)    (((uint32_t)(x) & 0xffu) << 24)

/* SHADER: handle, type, offlen, num_tokens, so_num_outputs,
 *   [so_stride[4], so_output{desc, stream}[n]] (first chunk only, n > 0),
 *   NUL-terminated TGSI text, zero padded to a dword.
 * offlen of a first chunk is the whole text length in bytes (with the NUL);
 * a text longer than the chunk continues in further CREATE_OBJECT(SHADER)
 * commands whose offlen is the byte offset | VIRGL_SHADER_OFFLEN_CONT and
 * whose so_num_outputs is 0. */
#define VIRGL_SHADER_HDR_SIZE(nso)   (5u + ((nso) ? 2u * (nso) + 4u : 0u))
#define VIRGL_SHADER_OFFLEN_CONT     (1u << 31)
#define VIRGL_SHADER_SO_OUTPUT(reg, start, ncomp, buf, dst_off) \
    (((uint32_t)(reg) & 0xffu) | (((uint32_t)(start) & 0x3u) << 8) | \
     (((uint32_t)(ncomp) & 0x7u) << 10) | (((uint32_t)(buf) & 0x7u) << 13) | \
     (((uint32_t)(dst_off) & 0xffffu) << 16))

/* VERTEX_ELEMENTS: handle, {src_offset, instance_divisor, vb_index, format}[n] */
#define VIRGL_VE_SIZE(n)             (4u * (n) + 1u)
/* SAMPLER_VIEW: handle, res, format | target << 24,
 *   texture: first_layer | last_layer << 16, first_level | last_level << 8
 *   buffer:  first_element,                  last_element
 *   swizzle r | g << 3 | b << 6 | a << 9 */
#define VIRGL_SAMPLER_VIEW_SIZE      6
#define VIRGL_SWIZZLE(r, g, b, a) \
    (((uint32_t)(r) & 7u) | (((uint32_t)(g) & 7u) << 3) | \
     (((uint32_t)(b) & 7u) << 6) | (((uint32_t)(a) & 7u) << 9))
/* SAMPLER_STATE: handle, S0, lod_bias, min_lod, max_lod, border_color[4] */
#define VIRGL_SAMPLER_STATE_SIZE     9
#define VIRGL_SAMP_S0_WRAP_S(x)      ((uint32_t)(x) & 0x7u)
#define VIRGL_SAMP_S0_WRAP_T(x)      (((uint32_t)(x) & 0x7u) << 3)
#define VIRGL_SAMP_S0_WRAP_R(x)      (((uint32_t)(x) & 0x7u) << 6)
#define VIRGL_SAMP_S0_MIN_IMG_FILTER(x) (((uint32_t)(x) & 0x3u) << 9)
#define VIRGL_SAMP_S0_MIN_MIP_FILTER(x) (((uint32_t)(x) & 0x3u) << 11)
#define VIRGL_SAMP_S0_MAG_IMG_FILTER(x) (((uint32_t)(x) & 0x3u) << 13)
#define VIRGL_SAMP_S0_COMPARE_MODE(x) (((uint32_t)(x) & 0x1u) << 15)
#define VIRGL_SAMP_S0_COMPARE_FUNC(x) (((uint32_t)(x) & 0x7u) << 16)
#define VIRGL_SAMP_S0_SEAMLESS_CUBE  (1u << 19)
#define VIRGL_SAMP_S0_MAX_ANISO(x)   (((uint32_t)(x) & 0x3fu) << 20)
/* SURFACE: handle, res, format, texture: level, first_layer | last_layer << 16
 *                               buffer:  first_element, last_element */
#define VIRGL_SURFACE_SIZE           5
/* QUERY: handle, type | index << 16, offset, result resource */
#define VIRGL_QUERY_SIZE             4
/* STREAMOUT_TARGET: handle, res, buffer_offset, buffer_size */
#define VIRGL_SO_TARGET_SIZE         4

/* State. */
#define VIRGL_SET_VIEWPORT_SIZE(n)   (6u * (n) + 1u)   /* start, {scale[3], translate[3]}[n] */
#define VIRGL_SET_FRAMEBUFFER_SIZE(n) ((n) + 2u)       /* nr_cbufs, zsurf, cbuf[n] */
#define VIRGL_SET_VERTEX_BUFFERS_SIZE(n) (3u * (n))    /* {stride, offset, res}[n] */
#define VIRGL_SET_INDEX_BUFFER_SIZE(bound) ((bound) ? 3u : 1u) /* res[, index_size, offset] */
#define VIRGL_SET_CONSTANT_BUFFER_SIZE(ndw) ((ndw) + 2u) /* shader, index, data[ndw] */
#define VIRGL_SET_UNIFORM_BUFFER_SIZE 5                /* shader, index, offset, length, res */
#define VIRGL_SET_SAMPLER_VIEWS_SIZE(n) ((n) + 2u)     /* shader, start, handle[n] */
#define VIRGL_BIND_SAMPLER_STATES_SIZE(n) ((n) + 2u)   /* shader, start, handle[n] */
#define VIRGL_SET_STENCIL_REF_SIZE   1                 /* front | back << 8 */
#define VIRGL_STENCIL_REF(f, b)      (((uint32_t)(f) & 0xffu) | (((uint32_t)(b) & 0xffu) << 8))
#define VIRGL_SET_BLEND_COLOR_SIZE   4                 /* float rgba */
#define VIRGL_SET_SCISSOR_SIZE(n)    (2u * (n) + 1u)   /* start, {minx|miny<<16, maxx|maxy<<16}[n] */
#define VIRGL_SET_SAMPLE_MASK_SIZE   1
#define VIRGL_SET_CLIP_STATE_SIZE    32                /* float plane[8][4] */
#define VIRGL_SET_SO_TARGETS_SIZE(n) ((n) + 1u)        /* append_bitmask, handle[n] */
#define VIRGL_SET_RENDER_CONDITION_SIZE 3              /* query, condition, mode */
#define VIRGL_SUB_CTX_SIZE           1                 /* sub_ctx id (create/set/destroy) */
#define VIRGL_BIND_SHADER_SIZE       2                 /* handle, type */

/* Actions. */
#define VIRGL_CLEAR_SIZE             8  /* buffers, color[4], depth (double, lo/hi), stencil */
#define VIRGL_DRAW_VBO_SIZE          12 /* start, count, mode, indexed, instance_count,
                                           index_bias, start_instance, primitive_restart,
                                           restart_index, min_index, max_index, count_from_so */
#define VIRGL_BLIT_SIZE              21 /* S0, scissor min, scissor max,
                                           dst{res, level, format, x, y, z, w, h, d},
                                           src{res, level, format, x, y, z, w, h, d} */
#define VIRGL_BLIT_S0_MASK(x)        ((uint32_t)(x) & 0xffu)
#define VIRGL_BLIT_S0_FILTER(x)      (((uint32_t)(x) & 0x3u) << 8)
#define VIRGL_BLIT_S0_SCISSOR_ENABLE (1u << 10)
#define VIRGL_BLIT_S0_RENDER_CONDITION (1u << 11)
#define VIRGL_BLIT_S0_ALPHA_BLEND    (1u << 12)
#define VIRGL_RESOURCE_COPY_REGION_SIZE 13 /* dst res, level, x, y, z,
                                              src res, level, x, y, z, w, h, d */
#define VIRGL_BEGIN_QUERY_SIZE       1
#define VIRGL_END_QUERY_SIZE         1
#define VIRGL_GET_QUERY_RESULT_SIZE  2  /* handle, wait */
#define VIRGL_TRANSFER3D_SIZE        13 /* res, level, usage, stride, layer_stride,
                                           x, y, z, w, h, d, data_offset, direction */
#define VIRGL_TRANSFER_TO_HOST       1
#define VIRGL_TRANSFER_FROM_HOST     2
#define VIRGL_INLINE_WRITE_HDR_SIZE  11 /* res, level, usage, stride, layer_stride,
                                           x, y, z, w, h, d, then data */
#define VIRGL_CLEAR_TEXTURE_SIZE     12 /* res, level, x, y, z, w, h, d, data[4]: one
                                           texel packed in the resource's format */

/* The host writes this into a query's result resource (at the query's
 * offset) on GET_QUERY_RESULT. */
#define VIRGL_QUERY_STATE_NEW        0
#define VIRGL_QUERY_STATE_DONE       1
#define VIRGL_QUERY_STATE_WAIT_HOST  2
struct virgl_host_query_state {
    uint32_t query_state;
    uint32_t result_size;
    uint64_t result;
};

/* ---- gallium enums carried in payloads --------------------------------- */
enum virgl_shader_type {
    VIRGL_SHADER_VERTEX = 0,
    VIRGL_SHADER_FRAGMENT = 1,
    VIRGL_SHADER_GEOMETRY = 2,
    VIRGL_SHADER_TESS_CTRL = 3,
    VIRGL_SHADER_TESS_EVAL = 4,
    VIRGL_SHADER_COMPUTE = 5,
    VIRGL_SHADER_TYPES = 6,
};

enum virgl_texture_target {
    VIRGL_TARGET_BUFFER = 0,
    VIRGL_TARGET_1D = 1,
    VIRGL_TARGET_2D = 2,
    VIRGL_TARGET_3D = 3,
    VIRGL_TARGET_CUBE = 4,
    VIRGL_TARGET_RECT = 5,
    VIRGL_TARGET_1D_ARRAY = 6,
    VIRGL_TARGET_2D_ARRAY = 7,
    VIRGL_TARGET_CUBE_ARRAY = 8,
};

enum virgl_prim {
    VIRGL_PRIM_POINTS = 0,
    VIRGL_PRIM_LINES = 1,
    VIRGL_PRIM_LINE_LOOP = 2,
    VIRGL_PRIM_LINE_STRIP = 3,
    VIRGL_PRIM_TRIANGLES = 4,
    VIRGL_PRIM_TRIANGLE_STRIP = 5,
    VIRGL_PRIM_TRIANGLE_FAN = 6,
    VIRGL_PRIM_QUADS = 7,
    VIRGL_PRIM_QUAD_STRIP = 8,
    VIRGL_PRIM_POLYGON = 9,
    VIRGL_PRIM_LINES_ADJ = 10,
    VIRGL_PRIM_LINE_STRIP_ADJ = 11,
    VIRGL_PRIM_TRIANGLES_ADJ = 12,
    VIRGL_PRIM_TRIANGLE_STRIP_ADJ = 13,
    VIRGL_PRIM_PATCHES = 14,
};

enum virgl_blend_func {
    VIRGL_BLEND_ADD = 0,
    VIRGL_BLEND_SUBTRACT = 1,
    VIRGL_BLEND_REVERSE_SUBTRACT = 2,
    VIRGL_BLEND_MIN = 3,
    VIRGL_BLEND_MAX = 4,
};

enum virgl_blend_factor {
    VIRGL_BLENDFACTOR_ONE = 0x01,
    VIRGL_BLENDFACTOR_SRC_COLOR = 0x02,
    VIRGL_BLENDFACTOR_SRC_ALPHA = 0x03,
    VIRGL_BLENDFACTOR_DST_ALPHA = 0x04,
    VIRGL_BLENDFACTOR_DST_COLOR = 0x05,
    VIRGL_BLENDFACTOR_SRC_ALPHA_SATURATE = 0x06,
    VIRGL_BLENDFACTOR_CONST_COLOR = 0x07,
    VIRGL_BLENDFACTOR_CONST_ALPHA = 0x08,
    VIRGL_BLENDFACTOR_SRC1_COLOR = 0x09,
    VIRGL_BLENDFACTOR_SRC1_ALPHA = 0x0a,
    VIRGL_BLENDFACTOR_ZERO = 0x11,
    VIRGL_BLENDFACTOR_INV_SRC_COLOR = 0x12,
    VIRGL_BLENDFACTOR_INV_SRC_ALPHA = 0x13,
    VIRGL_BLENDFACTOR_INV_DST_ALPHA = 0x14,
    VIRGL_BLENDFACTOR_INV_DST_COLOR = 0x15,
    VIRGL_BLENDFACTOR_INV_CONST_COLOR = 0x17,
    VIRGL_BLENDFACTOR_INV_CONST_ALPHA = 0x18,
    VIRGL_BLENDFACTOR_INV_SRC1_COLOR = 0x19,
    VIRGL_BLENDFACTOR_INV_SRC1_ALPHA = 0x1a,
};

enum virgl_compare_func {
    VIRGL_FUNC_NEVER = 0,
    VIRGL_FUNC_LESS = 1,
    VIRGL_FUNC_EQUAL = 2,
    VIRGL_FUNC_LEQUAL = 3,
    VIRGL_FUNC_GREATER = 4,
    VIRGL_FUNC_NOTEQUAL = 5,
    VIRGL_FUNC_GEQUAL = 6,
    VIRGL_FUNC_ALWAYS = 7,
};

enum virgl_stencil_op {
    VIRGL_STENCIL_OP_KEEP = 0,
    VIRGL_STENCIL_OP_ZERO = 1,
    VIRGL_STENCIL_OP_REPLACE = 2,
    VIRGL_STENCIL_OP_INCR = 3,
    VIRGL_STENCIL_OP_DECR = 4,
    VIRGL_STENCIL_OP_INCR_WRAP = 5,
    VIRGL_STENCIL_OP_DECR_WRAP = 6,
    VIRGL_STENCIL_OP_INVERT = 7,
};

enum virgl_cull_face {
    VIRGL_FACE_NONE = 0,
    VIRGL_FACE_FRONT = 1,
    VIRGL_FACE_BACK = 2,
    VIRGL_FACE_FRONT_AND_BACK = 3,
};

enum virgl_polygon_mode {
    VIRGL_POLYGON_FILL = 0,
    VIRGL_POLYGON_LINE = 1,
    VIRGL_POLYGON_POINT = 2,
};

enum virgl_tex_wrap {
    VIRGL_WRAP_REPEAT = 0,
    VIRGL_WRAP_CLAMP = 1,
    VIRGL_WRAP_CLAMP_TO_EDGE = 2,
    VIRGL_WRAP_CLAMP_TO_BORDER = 3,
    VIRGL_WRAP_MIRROR_REPEAT = 4,
    VIRGL_WRAP_MIRROR_CLAMP = 5,
    VIRGL_WRAP_MIRROR_CLAMP_TO_EDGE = 6,
    VIRGL_WRAP_MIRROR_CLAMP_TO_BORDER = 7,
};

enum virgl_tex_filter {
    VIRGL_FILTER_NEAREST = 0,
    VIRGL_FILTER_LINEAR = 1,
};

enum virgl_mip_filter {
    VIRGL_MIPFILTER_NEAREST = 0,
    VIRGL_MIPFILTER_LINEAR = 1,
    VIRGL_MIPFILTER_NONE = 2,
};

enum virgl_swizzle {
    VIRGL_SWIZZLE_X = 0,
    VIRGL_SWIZZLE_Y = 1,
    VIRGL_SWIZZLE_Z = 2,
    VIRGL_SWIZZLE_W = 3,
    VIRGL_SWIZZLE_0 = 4,
    VIRGL_SWIZZLE_1 = 5,
};

/* CLEAR buffers mask */
#define VIRGL_CLEAR_DEPTH            (1u << 0)
#define VIRGL_CLEAR_STENCIL          (1u << 1)
#define VIRGL_CLEAR_COLOR0           (1u << 2)
#define VIRGL_CLEAR_COLOR(i)         (1u << (2 + (i)))
#define VIRGL_CLEAR_COLOR_ALL        (0xffu << 2)

/* BLIT mask */
#define VIRGL_MASK_R                 (1u << 0)
#define VIRGL_MASK_G                 (1u << 1)
#define VIRGL_MASK_B                 (1u << 2)
#define VIRGL_MASK_A                 (1u << 3)
#define VIRGL_MASK_Z                 (1u << 4)
#define VIRGL_MASK_S                 (1u << 5)
#define VIRGL_MASK_RGBA              0xfu
#define VIRGL_MASK_ZS                0x30u

enum virgl_query_type {
    VIRGL_QUERY_OCCLUSION_COUNTER = 0,
    VIRGL_QUERY_OCCLUSION_PREDICATE = 1,
    VIRGL_QUERY_TIMESTAMP = 2,
    VIRGL_QUERY_TIMESTAMP_DISJOINT = 3,
    VIRGL_QUERY_TIME_ELAPSED = 4,
    VIRGL_QUERY_PRIMITIVES_GENERATED = 5,
    VIRGL_QUERY_PRIMITIVES_EMITTED = 6,
    VIRGL_QUERY_SO_STATISTICS = 7,
    VIRGL_QUERY_SO_OVERFLOW_PREDICATE = 8,
    VIRGL_QUERY_GPU_FINISHED = 9,
    VIRGL_QUERY_PIPELINE_STATISTICS = 10,
    VIRGL_QUERY_OCCLUSION_PREDICATE_CONSERVATIVE = 11,
    VIRGL_QUERY_SO_OVERFLOW_ANY_PREDICATE = 12,
};

enum virgl_render_cond_mode {
    VIRGL_RENDER_COND_WAIT = 0,
    VIRGL_RENDER_COND_NO_WAIT = 1,
    VIRGL_RENDER_COND_BY_REGION_WAIT = 2,
    VIRGL_RENDER_COND_BY_REGION_NO_WAIT = 3,
};

/* ---- resource bind flags ------------------------------------------------ */
#define VIRGL_BIND_DEPTH_STENCIL     (1u << 0)
#define VIRGL_BIND_RENDER_TARGET     (1u << 1)
#define VIRGL_BIND_SAMPLER_VIEW      (1u << 3)
#define VIRGL_BIND_VERTEX_BUFFER     (1u << 4)
#define VIRGL_BIND_INDEX_BUFFER      (1u << 5)
#define VIRGL_BIND_CONSTANT_BUFFER   (1u << 6)
#define VIRGL_BIND_DISPLAY_TARGET    (1u << 7)
#define VIRGL_BIND_COMMAND_ARGS      (1u << 8)
#define VIRGL_BIND_STREAM_OUTPUT     (1u << 11)
#define VIRGL_BIND_SHADER_BUFFER     (1u << 14)
#define VIRGL_BIND_QUERY_BUFFER      (1u << 15)
#define VIRGL_BIND_CURSOR            (1u << 16)
#define VIRGL_BIND_CUSTOM            (1u << 17)
#define VIRGL_BIND_SCANOUT           (1u << 18)
#define VIRGL_BIND_STAGING           (1u << 19)
#define VIRGL_BIND_SHARED            (1u << 20)

/* ---- resource formats (the subset of the host's numbering we use) ------- */
enum virgl_format {
    VIRGL_FORMAT_NONE = 0,
    VIRGL_FORMAT_B8G8R8A8_UNORM = 1,
    VIRGL_FORMAT_B8G8R8X8_UNORM = 2,
    VIRGL_FORMAT_A8R8G8B8_UNORM = 3,
    VIRGL_FORMAT_X8R8G8B8_UNORM = 4,
    VIRGL_FORMAT_B5G5R5A1_UNORM = 5,
    VIRGL_FORMAT_B4G4R4A4_UNORM = 6,
    VIRGL_FORMAT_B5G6R5_UNORM = 7,
    VIRGL_FORMAT_R10G10B10A2_UNORM = 8,
    VIRGL_FORMAT_L8_UNORM = 9,
    VIRGL_FORMAT_A8_UNORM = 10,
    VIRGL_FORMAT_L8A8_UNORM = 12,
    VIRGL_FORMAT_L16_UNORM = 13,
    VIRGL_FORMAT_Z16_UNORM = 16,
    VIRGL_FORMAT_Z32_UNORM = 17,
    VIRGL_FORMAT_Z32_FLOAT = 18,
    VIRGL_FORMAT_Z24_UNORM_S8_UINT = 19,
    VIRGL_FORMAT_S8_UINT_Z24_UNORM = 20,
    VIRGL_FORMAT_Z24X8_UNORM = 21,
    VIRGL_FORMAT_X8Z24_UNORM = 22,
    VIRGL_FORMAT_S8_UINT = 23,
    VIRGL_FORMAT_R32_FLOAT = 28,
    VIRGL_FORMAT_R32G32_FLOAT = 29,
    VIRGL_FORMAT_R32G32B32_FLOAT = 30,
    VIRGL_FORMAT_R32G32B32A32_FLOAT = 31,
    VIRGL_FORMAT_R16_UNORM = 48,
    VIRGL_FORMAT_R16G16_UNORM = 49,
    VIRGL_FORMAT_R16G16B16_UNORM = 50,
    VIRGL_FORMAT_R16G16B16A16_UNORM = 51,
    VIRGL_FORMAT_R16_SNORM = 56,
    VIRGL_FORMAT_R16G16_SNORM = 57,
    VIRGL_FORMAT_R16G16B16_SNORM = 58,
    VIRGL_FORMAT_R16G16B16A16_SNORM = 59,
    VIRGL_FORMAT_R8_UNORM = 64,
    VIRGL_FORMAT_R8G8_UNORM = 65,
    VIRGL_FORMAT_R8G8B8_UNORM = 66,
    VIRGL_FORMAT_R8G8B8A8_UNORM = 67,
    VIRGL_FORMAT_X8B8G8R8_UNORM = 68,
    VIRGL_FORMAT_R8_SNORM = 74,
    VIRGL_FORMAT_R8G8_SNORM = 75,
    VIRGL_FORMAT_R8G8B8_SNORM = 76,
    VIRGL_FORMAT_R8G8B8A8_SNORM = 77,
    VIRGL_FORMAT_R16_FLOAT = 91,
    VIRGL_FORMAT_R16G16_FLOAT = 92,
    VIRGL_FORMAT_R16G16B16_FLOAT = 93,
    VIRGL_FORMAT_R16G16B16A16_FLOAT = 94,
    VIRGL_FORMAT_L8_SRGB = 95,
    VIRGL_FORMAT_R8G8B8_SRGB = 97,
    VIRGL_FORMAT_B8G8R8A8_SRGB = 100,
    VIRGL_FORMAT_B8G8R8X8_SRGB = 101,
    VIRGL_FORMAT_R8G8B8A8_SRGB = 104,
    VIRGL_FORMAT_DXT1_RGB = 105,
    VIRGL_FORMAT_DXT1_RGBA = 106,
    VIRGL_FORMAT_DXT3_RGBA = 107,
    VIRGL_FORMAT_DXT5_RGBA = 108,
    VIRGL_FORMAT_DXT1_SRGB = 109,
    VIRGL_FORMAT_DXT1_SRGBA = 110,
    VIRGL_FORMAT_DXT3_SRGBA = 111,
    VIRGL_FORMAT_DXT5_SRGBA = 112,
    VIRGL_FORMAT_RGTC1_UNORM = 113,
    VIRGL_FORMAT_RGTC1_SNORM = 114,
    VIRGL_FORMAT_RGTC2_UNORM = 115,
    VIRGL_FORMAT_RGTC2_SNORM = 116,
    VIRGL_FORMAT_R8G8_B8G8_UNORM = 117,
    VIRGL_FORMAT_G8R8_G8B8_UNORM = 118,
    VIRGL_FORMAT_A8B8G8R8_UNORM = 121,
    VIRGL_FORMAT_B5G5R5X1_UNORM = 122,
    VIRGL_FORMAT_R11G11B10_FLOAT = 124,
    VIRGL_FORMAT_R9G9B9E5_FLOAT = 125,
    VIRGL_FORMAT_Z32_FLOAT_S8X24_UINT = 126,
    VIRGL_FORMAT_B10G10R10A2_UNORM = 131,
    VIRGL_FORMAT_R8G8B8X8_UNORM = 134,
    VIRGL_FORMAT_B4G4R4X4_UNORM = 135,
    VIRGL_FORMAT_X24S8_UINT = 136,
    VIRGL_FORMAT_S8X24_UINT = 137,
    VIRGL_FORMAT_X32_S8X24_UINT = 138,
    VIRGL_FORMAT_R10G10B10A2_SNORM = 173,
    VIRGL_FORMAT_R8_UINT = 177,
    VIRGL_FORMAT_R8G8_UINT = 178,
    VIRGL_FORMAT_R8G8B8_UINT = 179,
    VIRGL_FORMAT_R8G8B8A8_UINT = 180,
    VIRGL_FORMAT_R8_SINT = 181,
    VIRGL_FORMAT_R8G8_SINT = 182,
    VIRGL_FORMAT_R8G8B8_SINT = 183,
    VIRGL_FORMAT_R8G8B8A8_SINT = 184,
    VIRGL_FORMAT_R16_UINT = 185,
    VIRGL_FORMAT_R16G16_UINT = 186,
    VIRGL_FORMAT_R16G16B16_UINT = 187,
    VIRGL_FORMAT_R16G16B16A16_UINT = 188,
    VIRGL_FORMAT_R16_SINT = 189,
    VIRGL_FORMAT_R16G16_SINT = 190,
    VIRGL_FORMAT_R16G16B16_SINT = 191,
    VIRGL_FORMAT_R16G16B16A16_SINT = 192,
    VIRGL_FORMAT_R32_UINT = 193,
    VIRGL_FORMAT_R32G32_UINT = 194,
    VIRGL_FORMAT_R32G32B32_UINT = 195,
    VIRGL_FORMAT_R32G32B32A32_UINT = 196,
    VIRGL_FORMAT_R32_SINT = 197,
    VIRGL_FORMAT_R32G32_SINT = 198,
    VIRGL_FORMAT_R32G32B32_SINT = 199,
    VIRGL_FORMAT_R32G32B32A32_SINT = 200,
    VIRGL_FORMAT_R10G10B10A2_UINT = 253,
    VIRGL_FORMAT_BPTC_RGBA_UNORM = 255,
    VIRGL_FORMAT_BPTC_SRGBA = 256,
    VIRGL_FORMAT_BPTC_RGB_FLOAT = 257,
    VIRGL_FORMAT_BPTC_RGB_UFLOAT = 258,
    VIRGL_FORMAT_MAX = 313,
};

/* ---- capability blob (capset VIRGL = 1 carries v1, VIRGL2 = 2 carries v2) */
#define VIRGL_CAPSET_VIRGL           1
#define VIRGL_CAPSET_VIRGL2          2

/* One bit per virgl_format: bitmask[f / 32] & (1u << (f % 32)). */
struct virgl_wire_format_mask {
    uint32_t bitmask[16];
};

/* bset bits of virgl_wire_caps_v1 (a C bit-field on the host, first member
 * in bit 0 on every little-endian ABI the host runs on). */
#define VIRGL_BSET_INDEP_BLEND_ENABLE      (1u << 0)
#define VIRGL_BSET_INDEP_BLEND_FUNC        (1u << 1)
#define VIRGL_BSET_CUBE_MAP_ARRAY          (1u << 2)
#define VIRGL_BSET_SHADER_STENCIL_EXPORT   (1u << 3)
#define VIRGL_BSET_CONDITIONAL_RENDER      (1u << 4)
#define VIRGL_BSET_START_INSTANCE          (1u << 5)
#define VIRGL_BSET_PRIMITIVE_RESTART       (1u << 6)
#define VIRGL_BSET_BLEND_EQ_SEP            (1u << 7)
#define VIRGL_BSET_INSTANCEID              (1u << 8)
#define VIRGL_BSET_VERTEX_ELEMENT_INSTANCE_DIVISOR (1u << 9)
#define VIRGL_BSET_SEAMLESS_CUBE_MAP       (1u << 10)
#define VIRGL_BSET_OCCLUSION_QUERY         (1u << 11)
#define VIRGL_BSET_TIMER_QUERY             (1u << 12)
#define VIRGL_BSET_STREAMOUT_PAUSE_RESUME  (1u << 13)
#define VIRGL_BSET_TEXTURE_MULTISAMPLE     (1u << 14)
#define VIRGL_BSET_FRAGMENT_COORD_CONVENTIONS (1u << 15)
#define VIRGL_BSET_DEPTH_CLIP_DISABLE      (1u << 16)
#define VIRGL_BSET_SEAMLESS_CUBE_MAP_PER_TEXTURE (1u << 17)
#define VIRGL_BSET_UBO                     (1u << 18)
#define VIRGL_BSET_COLOR_CLAMPING          (1u << 19)
#define VIRGL_BSET_POLY_STIPPLE            (1u << 20)
#define VIRGL_BSET_MIRROR_CLAMP            (1u << 21)
#define VIRGL_BSET_TEXTURE_QUERY_LOD       (1u << 22)
#define VIRGL_BSET_HAS_FP64                (1u << 23)
#define VIRGL_BSET_HAS_TESSELLATION        (1u << 24)
#define VIRGL_BSET_HAS_INDIRECT_DRAW       (1u << 25)
#define VIRGL_BSET_HAS_SAMPLE_SHADING      (1u << 26)
#define VIRGL_BSET_HAS_CULL                (1u << 27)
#define VIRGL_BSET_CONDITIONAL_RENDER_INVERTED (1u << 28)
#define VIRGL_BSET_DERIVATIVE_CONTROL      (1u << 29)
#define VIRGL_BSET_POLYGON_OFFSET_CLAMP    (1u << 30)
#define VIRGL_BSET_TF_OVERFLOW_QUERY       (1u << 31)

struct virgl_wire_caps_v1 {
    uint32_t max_version;
    struct virgl_wire_format_mask sampler;
    struct virgl_wire_format_mask render;
    struct virgl_wire_format_mask depthstencil;
    struct virgl_wire_format_mask vertexbuffer;
    uint32_t bset;
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
};

/* capability_bits of v2 */
#define VIRGL_CAP_TGSI_INVARIANT       (1u << 0)
#define VIRGL_CAP_TEXTURE_VIEW         (1u << 1)
#define VIRGL_CAP_SET_MIN_SAMPLES      (1u << 2)
#define VIRGL_CAP_COPY_IMAGE           (1u << 3)
#define VIRGL_CAP_TGSI_PRECISE         (1u << 4)
#define VIRGL_CAP_TXQS                 (1u << 5)
#define VIRGL_CAP_MEMORY_BARRIER       (1u << 6)
#define VIRGL_CAP_COMPUTE_SHADER       (1u << 7)
#define VIRGL_CAP_FB_NO_ATTACH         (1u << 8)
#define VIRGL_CAP_ROBUST_BUFFER_ACCESS (1u << 9)
#define VIRGL_CAP_TGSI_FBFETCH         (1u << 10)
#define VIRGL_CAP_SHADER_CLOCK         (1u << 11)
#define VIRGL_CAP_TEXTURE_BARRIER      (1u << 12)
#define VIRGL_CAP_TGSI_COMPONENTS      (1u << 13)
#define VIRGL_CAP_GUEST_MAY_INIT_LOG   (1u << 14)
#define VIRGL_CAP_SRGB_WRITE_CONTROL   (1u << 15)
#define VIRGL_CAP_QBO                  (1u << 16)
#define VIRGL_CAP_TRANSFER             (1u << 17)
#define VIRGL_CAP_FBO_MIXED_COLOR_FORMATS (1u << 18)
#define VIRGL_CAP_FAKE_FP64            (1u << 19)
#define VIRGL_CAP_BIND_COMMAND_ARGS    (1u << 20)
#define VIRGL_CAP_MULTI_DRAW_INDIRECT  (1u << 21)
#define VIRGL_CAP_INDIRECT_PARAMS      (1u << 22)
#define VIRGL_CAP_TRANSFORM_FEEDBACK3  (1u << 23)
#define VIRGL_CAP_3D_ASTC              (1u << 24)
#define VIRGL_CAP_INDIRECT_INPUT_ADDR  (1u << 25)
#define VIRGL_CAP_COPY_TRANSFER        (1u << 26)
#define VIRGL_CAP_CLIP_HALFZ           (1u << 27)
#define VIRGL_CAP_APP_TWEAK_SUPPORT    (1u << 28)
#define VIRGL_CAP_BGRA_SRGB_IS_EMULATED (1u << 29)
#define VIRGL_CAP_CLEAR_TEXTURE        (1u << 30)
#define VIRGL_CAP_ARB_BUFFER_STORAGE   (1u << 31)

struct virgl_wire_caps_v2 {
    struct virgl_wire_caps_v1 v1;
    uint32_t min_aliased_point_size;     /* floats, kept as bits */
    uint32_t max_aliased_point_size;
    uint32_t min_smooth_point_size;
    uint32_t max_smooth_point_size;
    uint32_t min_aliased_line_width;
    uint32_t max_aliased_line_width;
    uint32_t min_smooth_line_width;
    uint32_t max_smooth_line_width;
    uint32_t max_texture_lod_bias;
    uint32_t max_geom_output_vertices;
    uint32_t max_geom_total_output_components;
    uint32_t max_vertex_outputs;
    uint32_t max_vertex_attribs;
    uint32_t max_shader_patch_varyings;
    int32_t min_texel_offset;
    int32_t max_texel_offset;
    int32_t min_texture_gather_offset;
    int32_t max_texture_gather_offset;
    uint32_t texture_buffer_offset_alignment;
    uint32_t uniform_buffer_offset_alignment;
    uint32_t shader_buffer_offset_alignment;
    uint32_t capability_bits;
    uint32_t sample_locations[8];
    uint32_t max_vertex_attrib_stride;
    uint32_t max_shader_buffer_frag_compute;
    uint32_t max_shader_buffer_other_stages;
    uint32_t max_shader_image_frag_compute;
    uint32_t max_shader_image_other_stages;
    uint32_t max_image_samples;
    uint32_t max_compute_work_group_invocations;
    uint32_t max_compute_shared_memory_size;
    uint32_t max_compute_grid_size[3];
    uint32_t max_compute_block_size[3];
    uint32_t max_texture_2d_size;
    uint32_t max_texture_3d_size;
    uint32_t max_texture_cube_size;
    uint32_t max_combined_shader_buffers;
    uint32_t max_atomic_counters[6];
    uint32_t max_atomic_counter_buffers[6];
    uint32_t max_combined_atomic_counters;
    uint32_t max_combined_atomic_counter_buffers;
    uint32_t host_feature_check_version;
    struct virgl_wire_format_mask supported_readback_formats;
    struct virgl_wire_format_mask scanout;
    uint32_t capability_bits_v2;
    uint32_t max_video_memory;
    /* newer hosts append more; a parser reads what it knows */
};

#define VIRGL_WIRE_CAPS_V1_BYTES 308u
#define VIRGL_WIRE_CAPS_V2_BYTES 696u

#endif /* VIOGPU_VIRGL_PROTOCOL_H */
