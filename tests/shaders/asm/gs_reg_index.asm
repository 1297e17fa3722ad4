// GS reading its inputs with a dynamic register index: o1 = v[n][cb0[0].x],
// register 0 (the position) or 1 (the texcoord); the inputs are copied
// into a TEMP array by the prologue, indexed by vertex and register
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Position 0 0 xyzw float
.output TEXCOORD 0 1 xyzw float
gs_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_input_siv v[3][0].xyzw, position
dcl_input v[3][1].xyzw
dcl_temps 1
dcl_indexrange v[3][0].xyzw, 2
dcl_inputprimitive triangle
dcl_outputtopology trianglestrip
dcl_output_siv o0.xyzw, position
dcl_output o1.xyzw
dcl_maxout 3
mov r0.x, cb0[0].x
mov o0.xyzw, v[0][0].xyzw
mov o1.xyzw, v[0][r0.x + 0].xyzw
emit
mov o0.xyzw, v[1][0].xyzw
mov o1.xyzw, v[1][r0.x + 0].xyzw
emit
mov o0.xyzw, v[2][0].xyzw
mov o1.xyzw, v[2][r0.x + 0].xyzw
emit
ret
