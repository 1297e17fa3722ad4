/*
 * sm4.h — Direct3D 10/10.1 shader bytecode (shader model 4.0/4.1): DXBC
 * container, token stream parser, disassembler and SM4 -> TGSI translator.
 *
 * How it is meant to be used:
 *
 *   The D3D10 DDI hands a driver the SHDR token stream (starting with the
 *   version token) plus signature entries; tools and tests start from a
 *   whole DXBC file instead:
 *
 *     struct sm4_dxbc dx;
 *     sm4_dxbc_parse(bytes, size, &dx);          // checksum verified
 *     struct sm4_program *prog;
 *     struct sm4_error err;
 *     sm4_program_parse(plat, dx.shdr, dx.shdr_dwords, &prog, &err);
 *     struct sm4_tgsi tg;                         // TGSI text + link info
 *     sm4_tgsi_translate(plat, prog, NULL, &tg, &err);
 *     ... tg.text is NUL-terminated TGSI for VIRGL_OBJECT_SHADER ...
 *     sm4_tgsi_release(plat, &tg);
 *     sm4_program_free(plat, prog);
 *
 *   Everything is freestanding: memory comes from plat->alloc/free, nothing
 *   else of the platform is used.  All parsers are bounds-checked against
 *   the sizes they are given and terminate on any input; failures are
 *   returned as distinct SM4_ERR_* codes and, where an sm4_error is given,
 *   a one-line message naming the offending opcode or token offset.
 */
#ifndef SM4_H
#define SM4_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/vg_platform.h"

enum sm4_err {
    SM4_OK = 0,
    SM4_ERR_NO_MEMORY = -1,        /* plat->alloc missing or failed */
    SM4_ERR_DXBC_TRUNCATED = -2,   /* file shorter than a header/table needs */
    SM4_ERR_DXBC_MAGIC = -3,       /* not "DXBC" */
    SM4_ERR_DXBC_SIZE = -4,        /* header size field != given size */
    SM4_ERR_DXBC_CHECKSUM = -5,    /* modified-MD5 checksum mismatch */
    SM4_ERR_DXBC_CHUNK = -6,       /* chunk offset/size outside the file */
    SM4_ERR_DXBC_NO_SHADER = -7,   /* no SHDR/SHEX chunk */
    SM4_ERR_SIGNATURE = -8,        /* malformed ISGN/OSGN/PCSG chunk */
    SM4_ERR_TRUNCATED = -9,        /* token stream ends inside an instruction */
    SM4_ERR_VERSION = -10,         /* bad version token or length token */
    SM4_ERR_SHADER_TYPE = -11,     /* not a VS/GS/PS of model 4.0/4.1 */
    SM4_ERR_INSN_LENGTH = -12,     /* zero or overlong instruction length */
    SM4_ERR_OPERAND = -13,         /* malformed operand token */
    SM4_ERR_OPERAND_COUNT = -14,   /* wrong operand count for the opcode */
    SM4_ERR_UNKNOWN_OPCODE = -15,  /* opcode number not in SM4.0/4.1 */
    SM4_ERR_UNSUPPORTED = -16,     /* valid SM4 we do not translate (message names it) */
    SM4_ERR_REGISTER = -17,        /* register index out of declared range */
    SM4_ERR_NESTING = -18,         /* unbalanced if/loop/switch or too deep */
    SM4_ERR_LABEL = -19,           /* call to a missing label, recursion */
    SM4_ERR_OUTPUT_FULL = -20,     /* caller buffer too small */
    SM4_ERR_ARGUMENT = -21,        /* NULL or inconsistent arguments */
};

/* Program types in the version token. */
enum sm4_shader_type { SM4_PS = 0, SM4_VS = 1, SM4_GS = 2 };

/* Operand types (D3D10_SB_OPERAND_TYPE). */
enum sm4_operand_type {
    SM4_OT_TEMP = 0, SM4_OT_INPUT = 1, SM4_OT_OUTPUT = 2, SM4_OT_INDEXABLE_TEMP = 3,
    SM4_OT_IMM32 = 4, SM4_OT_IMM64 = 5, SM4_OT_SAMPLER = 6, SM4_OT_RESOURCE = 7,
    SM4_OT_CONSTANT_BUFFER = 8, SM4_OT_IMM_CONSTANT_BUFFER = 9, SM4_OT_LABEL = 10,
    SM4_OT_INPUT_PRIMITIVEID = 11, SM4_OT_OUTPUT_DEPTH = 12, SM4_OT_NULL = 13,
    SM4_OT_RASTERIZER = 14, SM4_OT_OUTPUT_COVERAGE_MASK = 15,
    SM4_OT_COUNT_KNOWN = 16,
};

/* A few opcode numbers the translator and tools refer to by name;
 * the complete table lives in sm4_opinfo.c. */
enum sm4_opcode {
    SM4_OP_ADD = 0, SM4_OP_AND = 1, SM4_OP_BREAK = 2, SM4_OP_BREAKC = 3, SM4_OP_CALL = 4,
    SM4_OP_CALLC = 5, SM4_OP_CASE = 6, SM4_OP_CONTINUE = 7, SM4_OP_CONTINUEC = 8,
    SM4_OP_CUT = 9, SM4_OP_DEFAULT = 10, SM4_OP_DERIV_RTX = 11, SM4_OP_DERIV_RTY = 12,
    SM4_OP_DISCARD = 13, SM4_OP_DIV = 14, SM4_OP_DP2 = 15, SM4_OP_DP3 = 16, SM4_OP_DP4 = 17,
    SM4_OP_ELSE = 18, SM4_OP_EMIT = 19, SM4_OP_EMITTHENCUT = 20, SM4_OP_ENDIF = 21,
    SM4_OP_ENDLOOP = 22, SM4_OP_ENDSWITCH = 23, SM4_OP_EQ = 24, SM4_OP_EXP = 25,
    SM4_OP_FRC = 26, SM4_OP_FTOI = 27, SM4_OP_FTOU = 28, SM4_OP_GE = 29, SM4_OP_IADD = 30,
    SM4_OP_IF = 31, SM4_OP_IEQ = 32, SM4_OP_IGE = 33, SM4_OP_ILT = 34, SM4_OP_IMAD = 35,
    SM4_OP_IMAX = 36, SM4_OP_IMIN = 37, SM4_OP_IMUL = 38, SM4_OP_INE = 39, SM4_OP_INEG = 40,
    SM4_OP_ISHL = 41, SM4_OP_ISHR = 42, SM4_OP_ITOF = 43, SM4_OP_LABEL = 44, SM4_OP_LD = 45,
    SM4_OP_LD_MS = 46, SM4_OP_LOG = 47, SM4_OP_LOOP = 48, SM4_OP_LT = 49, SM4_OP_MAD = 50,
    SM4_OP_MIN = 51, SM4_OP_MAX = 52, SM4_OP_CUSTOMDATA = 53, SM4_OP_MOV = 54,
    SM4_OP_MOVC = 55, SM4_OP_MUL = 56, SM4_OP_NE = 57, SM4_OP_NOP = 58, SM4_OP_NOT = 59,
    SM4_OP_OR = 60, SM4_OP_RESINFO = 61, SM4_OP_RET = 62, SM4_OP_RETC = 63,
    SM4_OP_ROUND_NE = 64, SM4_OP_ROUND_NI = 65, SM4_OP_ROUND_PI = 66, SM4_OP_ROUND_Z = 67,
    SM4_OP_RSQ = 68, SM4_OP_SAMPLE = 69, SM4_OP_SAMPLE_C = 70, SM4_OP_SAMPLE_C_LZ = 71,
    SM4_OP_SAMPLE_L = 72, SM4_OP_SAMPLE_D = 73, SM4_OP_SAMPLE_B = 74, SM4_OP_SQRT = 75,
    SM4_OP_SWITCH = 76, SM4_OP_SINCOS = 77, SM4_OP_UDIV = 78, SM4_OP_ULT = 79,
    SM4_OP_UGE = 80, SM4_OP_UMUL = 81, SM4_OP_UMAD = 82, SM4_OP_UMAX = 83, SM4_OP_UMIN = 84,
    SM4_OP_USHR = 85, SM4_OP_UTOF = 86, SM4_OP_XOR = 87,
    SM4_OP_DCL_RESOURCE = 88, SM4_OP_DCL_CONSTANT_BUFFER = 89, SM4_OP_DCL_SAMPLER = 90,
    SM4_OP_DCL_INDEX_RANGE = 91, SM4_OP_DCL_GS_OUTPUT_TOPOLOGY = 92,
    SM4_OP_DCL_GS_INPUT_PRIMITIVE = 93, SM4_OP_DCL_MAX_OUTPUT_VERTEX_COUNT = 94,
    SM4_OP_DCL_INPUT = 95, SM4_OP_DCL_INPUT_SGV = 96, SM4_OP_DCL_INPUT_SIV = 97,
    SM4_OP_DCL_INPUT_PS = 98, SM4_OP_DCL_INPUT_PS_SGV = 99, SM4_OP_DCL_INPUT_PS_SIV = 100,
    SM4_OP_DCL_OUTPUT = 101, SM4_OP_DCL_OUTPUT_SGV = 102, SM4_OP_DCL_OUTPUT_SIV = 103,
    SM4_OP_DCL_TEMPS = 104, SM4_OP_DCL_INDEXABLE_TEMP = 105, SM4_OP_DCL_GLOBAL_FLAGS = 106,
    SM4_OP_LOD = 108, SM4_OP_GATHER4 = 109, SM4_OP_SAMPLE_POS = 110, SM4_OP_SAMPLE_INFO = 111,
    SM4_OP_COUNT = 112,
};

/* System value names (D3D10_SB_NAME). */
enum sm4_name {
    SM4_NAME_UNDEFINED = 0, SM4_NAME_POSITION = 1, SM4_NAME_CLIP_DISTANCE = 2,
    SM4_NAME_CULL_DISTANCE = 3, SM4_NAME_RT_ARRAY_INDEX = 4, SM4_NAME_VIEWPORT_INDEX = 5,
    SM4_NAME_VERTEX_ID = 6, SM4_NAME_PRIMITIVE_ID = 7, SM4_NAME_INSTANCE_ID = 8,
    SM4_NAME_IS_FRONT_FACE = 9, SM4_NAME_SAMPLE_INDEX = 10, SM4_NAME_COUNT = 11,
};

enum sm4_mod { SM4_MOD_NONE = 0, SM4_MOD_NEG = 1, SM4_MOD_ABS = 2, SM4_MOD_ABSNEG = 3 };
enum sm4_sel { SM4_SEL_MASK = 0, SM4_SEL_SWIZZLE = 1, SM4_SEL_SELECT1 = 2 };

/* The register a relative index reads: r#.c or x#[imm].c (no nesting). */
struct sm4_rel {
    uint8_t type;      /* SM4_OT_TEMP or SM4_OT_INDEXABLE_TEMP */
    uint8_t comp;      /* 0..3 */
    uint32_t reg[2];   /* register (and element for x#[n]) */
};

struct sm4_index {
    uint32_t imm;      /* immediate part (0 when purely relative) */
    uint8_t rep;       /* token representation (0 imm32, 2 rel, 3 imm32+rel) */
    bool has_rel;
    struct sm4_rel rel;
};

struct sm4_operand {
    uint8_t type;      /* enum sm4_operand_type */
    uint8_t ncomp;     /* 0, 1 or 4 */
    uint8_t sel;       /* enum sm4_sel, meaningful when ncomp == 4 */
    uint8_t mask;      /* write mask (bit c = component c), dst operands */
    uint8_t swz[4];    /* component read for each lane, src operands */
    uint8_t mod;       /* enum sm4_mod */
    uint8_t dim;       /* number of indices, 0..3 */
    struct sm4_index idx[3];
    uint32_t imm[4];   /* immediate values (SM4_OT_IMM32) */
};

#define SM4_MAX_OPERANDS 6

struct sm4_insn {
    uint16_t opcode;
    uint8_t nops;
    uint8_t saturate;
    uint8_t test_nz;        /* if/breakc/...: 1 = _nz, 0 = _z */
    uint8_t ret_type;       /* resinfo: 0 float, 1 rcpfloat, 2 uint; sampleinfo: 1 = uint */
    uint8_t has_offset;
    int8_t offset[3];       /* aoffimmi texel offsets */
    uint32_t token_off;     /* offset of the opcode token in the stream (dwords) */
    uint32_t token0;        /* raw opcode token, declarations read their fields from it */
    uint32_t dcl[4];        /* extra declaration dwords (counts, names, return types) */
    const uint32_t *data;   /* customdata payload (immediate constant buffer) */
    uint32_t data_dwords;
    struct sm4_operand op[SM4_MAX_OPERANDS];
};

struct sm4_program {
    uint8_t type;           /* enum sm4_shader_type */
    uint8_t major, minor;
    uint32_t ninsns;
    struct sm4_insn *insns;
    const uint32_t *tokens; /* not owned */
    uint32_t ntokens;
};

struct sm4_error {
    int code;               /* enum sm4_err */
    uint32_t token_off;     /* where in the token stream, if known */
    uint32_t opcode;        /* offending opcode, if any */
    char msg[128];          /* one line, NUL-terminated */
};

/* ---- DXBC container (sm4_dxbc.c) ---- */

/* One signature element (ISGN/OSGN/PCSG), the parts the DDI and the
 * translator use.  name points into the container. */
struct sm4_sig_elem {
    const char *name;
    uint32_t name_len;
    uint32_t semantic_index;
    uint32_t system_value;   /* D3D_NAME */
    uint32_t component_type; /* 1 uint, 2 sint, 3 float */
    uint32_t reg;
    uint8_t mask;
    uint8_t rw_mask;
};

#define SM4_MAX_SIG 32

struct sm4_signature {
    uint32_t count;
    struct sm4_sig_elem elem[SM4_MAX_SIG];
};

struct sm4_dxbc {
    const uint32_t *shdr;     /* token stream (version token first), in the file */
    uint32_t shdr_dwords;
    bool is_shex;
    uint32_t nchunks;
    struct sm4_signature isgn, osgn, pcsg;
    bool has_isgn, has_osgn, has_pcsg;
};

/* The modified MD5 the DXBC container uses over bytes [20, size). */
void sm4_dxbc_checksum(const void *data, uint32_t size, uint32_t out[4]);

/* Parses a whole DXBC file.  `data` must stay alive while dx is used and be
 * 4-byte aligned.  Verifies magic, size, checksum and every chunk bound. */
int sm4_dxbc_parse(const void *data, uint32_t size, struct sm4_dxbc *dx);

/* Parses one signature chunk body (after the 8-byte chunk header). */
int sm4_signature_parse(const uint8_t *chunk, uint32_t size, struct sm4_signature *sig);

/* ---- token stream (sm4_parse.c) ---- */

int sm4_program_parse(const struct vg_platform *plat, const uint32_t *tokens, uint32_t ntokens,
                      struct sm4_program **out, struct sm4_error *err);
void sm4_program_free(const struct vg_platform *plat, struct sm4_program *prog);

/* ---- opcode table (sm4_opinfo.c) ---- */

enum sm4_opclass {
    SM4_OC_FLOAT = 0,  /* float arithmetic */
    SM4_OC_INT,        /* integer/bit ops: immediates print as integers */
    SM4_OC_FLOW,
    SM4_OC_RES,        /* resource access */
    SM4_OC_DCL,
    SM4_OC_OTHER,
};

struct sm4_opinfo {
    const char *name;  /* fxc mnemonic, NULL for unknown numbers */
    uint8_t ndst;
    uint8_t nsrc;
    uint8_t cls;       /* enum sm4_opclass */
};

const struct sm4_opinfo *sm4_opinfo(uint32_t opcode);

/* ---- text output (sm4_text.c) ---- */

/* A growable text buffer on the platform heap; any allocation failure is
 * sticky and reported once by sm4_text_finish. */
struct sm4_text {
    const struct vg_platform *plat;
    char *buf;
    uint32_t len, cap;
    bool oom;
};

void sm4_text_init(struct sm4_text *t, const struct vg_platform *plat);
void sm4_text_puts(struct sm4_text *t, const char *s);
void sm4_text_putc(struct sm4_text *t, char c);
/* A tiny printf: %s %c %d %u %x (all 32-bit), %%. */
void sm4_text_printf(struct sm4_text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int sm4_text_finish(struct sm4_text *t);  /* SM4_OK or SM4_ERR_NO_MEMORY */
void sm4_text_release(struct sm4_text *t);
/* Formats into a fixed buffer (for error messages); always NUL-terminates. */
void sm4_snprintf(char *dst, uint32_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void sm4_vsnprintf(char *dst, uint32_t cap, const char *fmt, va_list ap);

/* ---- disassembler (sm4_dis.c) ---- */

/* Writes an fxc-like listing of prog into t (one instruction per line). */
int sm4_disassemble(const struct sm4_program *prog, struct sm4_text *t);
/* Writes signature directives (".input NAME IDX REG MASK TYPE") for tools. */
void sm4_dis_signature(struct sm4_text *t, const char *dir, const struct sm4_signature *sig);
/* Name of an operand type / system value, for tools ("" when unknown). */
const char *sm4_name_str(uint32_t name);

/* ---- translator (sm4_tgsi*.c) ---- */

struct sm4_tgsi_options {
    /* TGSI constant buffer index used for D3D slot 0 (virgl keeps CONST[0]
     * for plain uniforms, so D3D cb N becomes CONST[N + cb_base]). */
    uint32_t cb_base;
    /* The `rasterizer` operand of sampleinfo/samplepos (SM4.1) is the
     * render target's sample count, which neither TGSI nor
     * virglrenderer 0.10.4 exposes.  When rast_cb is non-zero the shader
     * reads it as a uint from dword 0 of TGSI constant buffer rast_cb
     * (the caller binds a 16-byte buffer there holding the bound render
     * target's sample count, 1 when single-sampled; cb_base + 14 is free,
     * D3D10 having 14 slots) and sm4_tgsi.uses_rast_cb is set.  Zero (the
     * default) keeps such shaders refused with SM4_ERR_UNSUPPORTED. */
    uint32_t rast_cb;
    /* The shader's input signature, or NULL.  PS/GS clip and cull distance
     * inputs arrive packed (all clip then all cull components, register
     * then component order) as the previous stage wrote them; a shader
     * that declares only some of them needs the signature to find its
     * slots.  Without it the dcl_input masks are taken as the full set. */
    const struct sm4_signature *isgn;
};

#define SM4_MAX_UNITS 32

struct sm4_tgsi {
    char *text;              /* NUL-terminated TGSI, platform heap */
    uint32_t text_len;
    /* Texture units: TGSI SAMP/SVIEW[i] stands for D3D resource t#unit_res[i]
     * sampled with sampler s#unit_samp[i] (0xffffffff: ld/resinfo, no sampler). */
    uint32_t nunits;
    uint32_t unit_res[SM4_MAX_UNITS];
    uint32_t unit_samp[SM4_MAX_UNITS];
    /* D3D output register -> TGSI OUT index (stream output, linking);
     * 0xff = not written. */
    uint8_t out_map[32];
    uint32_t num_outputs;
    uint32_t num_temps_used; /* TGSI temps incl. translator scratch */
    bool uses_rast_cb;       /* reads the sample count at CONST[rast_cb][0].x */
    /* Clip / cull distances written (gl_ClipDistance[0..n-1] come first in
     * CLIPDIST): GL clips only on enabled planes, so a caller sets the
     * rasterizer's clip_plane_enable to (1 << num_clipdist) - 1. */
    uint8_t num_clipdist, num_culldist;
};

int sm4_tgsi_translate(const struct vg_platform *plat, const struct sm4_program *prog,
                       const struct sm4_tgsi_options *opt, struct sm4_tgsi *out,
                       struct sm4_error *err);
void sm4_tgsi_release(const struct vg_platform *plat, struct sm4_tgsi *out);

/* Short English text for an error code. */
const char *sm4_strerror(int code);

#endif /* SM4_H */
