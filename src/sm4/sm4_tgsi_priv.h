/*
 * sm4_tgsi_priv.h — state shared by the translator's files:
 *   sm4_tgsi.c       driver, operands, immediates, ALU
 *   sm4_tgsi_flow.c  control flow (loops, switch, calls, jumps)
 *   sm4_tgsi_decl.c  declaration scan and the TGSI header/DCL block
 *   sm4_tgsi_res.c   resource (texture) instructions
 *
 * TGSI temporaries are laid out as
 *   [0, arr_end)                 indexable temps x# (one ARRAY each), then the
 *                                copies of the immediate constant buffer and of
 *                                the v#/o# registers when indexed dynamically
 *   [r_base, r_base + nr)        r#
 *   [scr_base, scr_base + NSCR)  per-instruction scratch
 *   [perm_base, ...)             translator state living across instructions
 *                                (return flags, switch selectors)
 */
#ifndef SM4_TGSI_PRIV_H
#define SM4_TGSI_PRIV_H

#include "sm4/sm4.h"

#define NSCR 8
#define MAX_REGS 64        /* v#/o# registers */
#define MAX_XTEMPS 32
#define MAX_IMMS 4096
#define MAX_CB 15
#define MAX_RES 128
#define MAX_SAMP 16
#define MAX_DEPTH 64
#define MAX_INLINE 8
#define MAX_OUTPUT_BYTES (8u << 20)

enum in_kind { IN_NONE = 0, IN_DIRECT, IN_TEMP };

struct tx_input {
    uint8_t kind;       /* enum in_kind */
    uint32_t gen_in;    /* IN index carrying the non-system-value components */
    uint8_t mask;       /* components declared */
    uint8_t interp;     /* D3D interpolation mode (PS) */
    uint8_t sv;         /* enum sm4_name for SIV/SGV declarations */
    uint8_t sv_mask;    /* components carrying sv */
    uint32_t tgsi;      /* IN index (IN_DIRECT) or TEMP index (IN_TEMP) */
    uint32_t sv_tgsi;   /* SV/IN index of the system value source */
    bool sv_is_in;      /* system value comes through IN (FACE, PRIMID in PS) */
    uint8_t clip_mask;  /* components that are SV_ClipDistance (PS/GS input) */
    uint8_t cull_mask;  /* components that are SV_CullDistance (PS/GS input) */
    uint8_t pack_clip, pack_cull; /* the same per the signature: their packed slots */
};

struct tx_output {
    bool used;
    uint8_t mask;
    uint8_t sv;
    bool main;                /* has a part other than clip/cull distances (mask, sv) */
    uint8_t clip_mask;        /* components that are SV_ClipDistance */
    uint8_t cull_mask;        /* components that are SV_CullDistance */
    uint32_t tgsi;            /* OUT[] of the main part */
};

struct tx_xtemp {
    bool used;
    uint32_t size, base;
};

/* One TGSI loop (see sm4_tgsi_flow.c for what SM4 constructs become). */
struct tx_loop {
    uint8_t kind;
    bool pass;          /* a multi-level jump goes through: keep leaving */
    bool target;        /* a multi-level jump ends here: clear the flag */
    bool seg_open;      /* switch: a case segment's UIF is open */
    uint32_t nif_base;  /* if depth when the loop opened */
    uint32_t sel, any;  /* switch: selector and match-flag temps */
};

struct tx {
    const struct vg_platform *plat;
    const struct sm4_program *p;
    struct sm4_error *err;
    struct sm4_tgsi *out;
    uint32_t cb_base;
    uint32_t rast_cb;                  /* sm4_tgsi_options.rast_cb (0: refused) */
    struct sm4_text body;

    /* declarations */
    uint32_t nr;                       /* r# count */
    struct tx_xtemp x[MAX_XTEMPS];
    uint32_t arr_end, r_base, scr_base, perm_base, nperm;
    struct tx_input in[MAX_REGS];
    struct tx_output outp[MAX_REGS];
    uint32_t nin_tgsi, nsv_tgsi, nout_tgsi;
    uint32_t nclip, ncull;             /* clip/cull distance components declared */
    uint32_t dist_tgsi[2];             /* OUT[] of CLIPDIST[0] and [1] */
    uint32_t nclip_in, ncull_in;       /* clip/cull distance components read (PS/GS) */
    uint32_t dist_in[2];               /* IN[] of input CLIPDIST[0] and [1] */
    uint32_t npack_in;                 /* components in the packed input list */
    const struct sm4_signature *isgn;  /* sm4_tgsi_options.isgn */
    int32_t depth_out;                 /* OUT index of oDepth, -1 if none */
    int32_t primid_sv;                 /* SV index of vPrim (GS), -1 if none */
    uint32_t cb_size[MAX_CB];
    bool cb_used[MAX_CB];
    uint8_t res_dim[MAX_RES];          /* D3D resource dimension, 0 = undeclared */
    uint8_t res_ret[MAX_RES];          /* D3D return type of component 0 */
    uint8_t res_samples[MAX_RES];
    uint8_t samp_mode[MAX_SAMP];
    bool samp_used[MAX_SAMP];
    uint32_t gs_in_prim, gs_out_topo, gs_max_vert, gs_in_verts;
    const struct sm4_insn *icb;
    uint32_t icb_base_imm;             /* first IMM of the immediate constant buffer */
    bool icb_dyn;                      /* indexed dynamically: copied to a TEMP array */
    bool in_rel, out_rel;              /* v#/o# indexed dynamically (dcl_indexrange) */
    uint32_t in_arr, out_arr;          /* first TEMP of the v#/o# arrays, by register */
    bool gs_in_rel;                    /* GS v[n][r0.x]: inputs copied to a TEMP array */
    uint32_t gs_in_arr;                /* ... at gs_in_arr + vertex * (in_max + 1) + register */
    uint32_t in_max, out_max;          /* highest declared v#/o# register */
    uint32_t icb_arr;                  /* first TEMP of that copy */
    bool addr_used[3];
    bool fs_position;

    /* immediates: 4 dwords each */
    uint32_t *imms;
    uint32_t nimms, cap_imms;

    /* control flow */
    struct tx_loop loops[MAX_DEPTH];
    uint32_t nloops;
    uint32_t nif;
    bool jump_flag_used;
    uint32_t jump_flag;                /* TEMP holding (target loop + 1) of a pending jump */
    uint32_t inline_level;
    uint32_t inline_stack[MAX_INLINE + 1];
    uint32_t emitted;                  /* lines emitted, bounded */
    uint32_t scr_next;                 /* scratch used by the current instruction */
    uint32_t addr_next;                /* ADDR registers used by the current instruction */
    uint32_t scan_unit_count;
    int rc;
};

/* sm4_tgsi.c */
int sm4_tx_fail(struct tx *x, int code, const struct sm4_insn *in, const char *what);
uint32_t sm4_tx_imm(struct tx *x, uint32_t a, uint32_t b, uint32_t c, uint32_t d);
uint32_t sm4_tx_perm_temp(struct tx *x);
uint32_t sm4_tx_imm1(struct tx *x, uint32_t v);
int sm4_tx_imm_reserve(struct tx *x, uint32_t more);
int sm4_tx_scratch(struct tx *x, uint32_t *t);
int sm4_tx_translate_range(struct tx *x, uint32_t start, uint32_t end);
void sm4_tx_line(struct tx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

struct opstr {
    char s[128];
};
int sm4_tx_src(struct tx *x, const struct sm4_operand *op, const uint8_t *lanes, bool int_op,
           int slot, struct opstr *o, const struct sm4_insn *in);
int sm4_tx_dst(struct tx *x, const struct sm4_operand *op, uint8_t mask, int slot, struct opstr *o,
           const struct sm4_insn *in);
void sm4_tx_mask_str(uint8_t mask, char *out);

/* sm4_tgsi_flow.c */
int sm4_tx_flow(struct tx *x, const struct sm4_insn *in, uint32_t idx);
uint32_t sm4_tx_body_end(const struct tx *x, uint32_t start);
int sm4_tx_wrapped_body(struct tx *x, uint32_t start, uint32_t end, bool is_main, const struct sm4_insn *in);

/* sm4_tgsi_decl.c */
int sm4_tx_scan_decls(struct tx *x);
int sm4_tx_emit_header(struct tx *x, struct sm4_text *t);
void sm4_tx_emit_prologue(struct tx *x);
void sm4_tx_copy_outputs(struct tx *x);

/* sm4_tgsi_res.c */
int sm4_tx_scan_units(struct tx *x);
int sm4_tx_resource_insn(struct tx *x, const struct sm4_insn *in);
const char *sm4_tx_target(uint32_t dim, bool shadow);

#endif /* SM4_TGSI_PRIV_H */
