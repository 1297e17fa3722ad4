/*
 * sm4_opinfo.c — the SM4.0/4.1 opcode table: fxc mnemonic, operand counts
 * and a class that tells the disassembler how to print immediates.
 *
 * Used by the parser (operand count check), the disassembler and the
 * assembler tool (mnemonic lookup).  Declarations have operand counts of
 * 0/1 here; their extra dwords are decoded by the parser per opcode.
 */
#include "sm4/sm4.h"

#define F SM4_OC_FLOAT
#define I SM4_OC_INT
#define C SM4_OC_FLOW
#define R SM4_OC_RES
#define D SM4_OC_DCL
#define O SM4_OC_OTHER

static const struct sm4_opinfo table[SM4_OP_COUNT] = {
    [0] = { "add", 1, 2, F },
    [1] = { "and", 1, 2, I },
    [2] = { "break", 0, 0, C },
    [3] = { "breakc", 0, 1, C },
    [4] = { "call", 0, 1, C },
    [5] = { "callc", 0, 2, C },
    [6] = { "case", 0, 1, C },
    [7] = { "continue", 0, 0, C },
    [8] = { "continuec", 0, 1, C },
    [9] = { "cut", 0, 0, C },
    [10] = { "default", 0, 0, C },
    [11] = { "deriv_rtx", 1, 1, F },
    [12] = { "deriv_rty", 1, 1, F },
    [13] = { "discard", 0, 1, C },
    [14] = { "div", 1, 2, F },
    [15] = { "dp2", 1, 2, F },
    [16] = { "dp3", 1, 2, F },
    [17] = { "dp4", 1, 2, F },
    [18] = { "else", 0, 0, C },
    [19] = { "emit", 0, 0, C },
    [20] = { "emitthencut", 0, 0, C },
    [21] = { "endif", 0, 0, C },
    [22] = { "endloop", 0, 0, C },
    [23] = { "endswitch", 0, 0, C },
    [24] = { "eq", 1, 2, F },
    [25] = { "exp", 1, 1, F },
    [26] = { "frc", 1, 1, F },
    [27] = { "ftoi", 1, 1, F },
    [28] = { "ftou", 1, 1, F },
    [29] = { "ge", 1, 2, F },
    [30] = { "iadd", 1, 2, I },
    [31] = { "if", 0, 1, C },
    [32] = { "ieq", 1, 2, I },
    [33] = { "ige", 1, 2, I },
    [34] = { "ilt", 1, 2, I },
    [35] = { "imad", 1, 3, I },
    [36] = { "imax", 1, 2, I },
    [37] = { "imin", 1, 2, I },
    [38] = { "imul", 2, 2, I },
    [39] = { "ine", 1, 2, I },
    [40] = { "ineg", 1, 1, I },
    [41] = { "ishl", 1, 2, I },
    [42] = { "ishr", 1, 2, I },
    [43] = { "itof", 1, 1, I },
    [44] = { "label", 0, 1, C },
    [45] = { "ld", 1, 2, R },
    [46] = { "ld_ms", 1, 3, R },
    [47] = { "log", 1, 1, F },
    [48] = { "loop", 0, 0, C },
    [49] = { "lt", 1, 2, F },
    [50] = { "mad", 1, 3, F },
    [51] = { "min", 1, 2, F },
    [52] = { "max", 1, 2, F },
    [53] = { "customdata", 0, 0, O },
    [54] = { "mov", 1, 1, F },
    [55] = { "movc", 1, 3, F },
    [56] = { "mul", 1, 2, F },
    [57] = { "ne", 1, 2, F },
    [58] = { "nop", 0, 0, O },
    [59] = { "not", 1, 1, I },
    [60] = { "or", 1, 2, I },
    [61] = { "resinfo", 1, 2, R },
    [62] = { "ret", 0, 0, C },
    [63] = { "retc", 0, 1, C },
    [64] = { "round_ne", 1, 1, F },
    [65] = { "round_ni", 1, 1, F },
    [66] = { "round_pi", 1, 1, F },
    [67] = { "round_z", 1, 1, F },
    [68] = { "rsq", 1, 1, F },
    [69] = { "sample", 1, 3, R },
    [70] = { "sample_c", 1, 4, R },
    [71] = { "sample_c_lz", 1, 4, R },
    [72] = { "sample_l", 1, 4, R },
    [73] = { "sample_d", 1, 5, R },
    [74] = { "sample_b", 1, 4, R },
    [75] = { "sqrt", 1, 1, F },
    [76] = { "switch", 0, 1, C },
    [77] = { "sincos", 2, 1, F },
    [78] = { "udiv", 2, 2, I },
    [79] = { "ult", 1, 2, I },
    [80] = { "uge", 1, 2, I },
    [81] = { "umul", 2, 2, I },
    [82] = { "umad", 1, 3, I },
    [83] = { "umax", 1, 2, I },
    [84] = { "umin", 1, 2, I },
    [85] = { "ushr", 1, 2, I },
    [86] = { "utof", 1, 1, I },
    [87] = { "xor", 1, 2, I },
    [88] = { "dcl_resource", 0, 1, D },
    [89] = { "dcl_constantbuffer", 0, 1, D },
    [90] = { "dcl_sampler", 0, 1, D },
    [91] = { "dcl_indexrange", 0, 1, D },
    [92] = { "dcl_outputtopology", 0, 0, D },
    [93] = { "dcl_inputprimitive", 0, 0, D },
    [94] = { "dcl_maxout", 0, 0, D },
    [95] = { "dcl_input", 0, 1, D },
    [96] = { "dcl_input_sgv", 0, 1, D },
    [97] = { "dcl_input_siv", 0, 1, D },
    [98] = { "dcl_input_ps", 0, 1, D },
    [99] = { "dcl_input_ps_sgv", 0, 1, D },
    [100] = { "dcl_input_ps_siv", 0, 1, D },
    [101] = { "dcl_output", 0, 1, D },
    [102] = { "dcl_output_sgv", 0, 1, D },
    [103] = { "dcl_output_siv", 0, 1, D },
    [104] = { "dcl_temps", 0, 0, D },
    [105] = { "dcl_indexableTemp", 0, 0, D },
    [106] = { "dcl_globalFlags", 0, 0, D },
    [108] = { "lod", 1, 3, R },
    [109] = { "gather4", 1, 3, R },
    [110] = { "samplepos", 1, 2, R },
    [111] = { "sampleinfo", 1, 1, R },
};

const struct sm4_opinfo *sm4_opinfo(uint32_t opcode)
{
    if (opcode >= SM4_OP_COUNT || !table[opcode].name)
        return NULL;
    return &table[opcode];
}

static const char *const names[SM4_NAME_COUNT] = {
    "undefined", "position", "clip_distance", "cull_distance", "rendertarget_array_index",
    "viewport_array_index", "vertex_id", "primitive_id", "instance_id", "is_front_face",
    "sampleIndex",
};

const char *sm4_name_str(uint32_t name)
{
    return name < SM4_NAME_COUNT ? names[name] : "";
}
