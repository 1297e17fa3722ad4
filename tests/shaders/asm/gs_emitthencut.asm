// geometry shader ending the strip with emitthencut
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Position 0 0 xyzw float
.output TEXCOORD 0 1 xyzw float
gs_4_0
dcl_input_siv v[3][0].xyzw, position
dcl_input v[3][1].xyzw
dcl_inputprimitive triangle
dcl_outputtopology trianglestrip
dcl_output_siv o0.xyzw, position
dcl_output o1.xyzw
dcl_maxout 3
mov o0.xyzw, v[0][0].xyzw
mov o1.xyzw, v[0][1].xyzw
emit
mov o0.xyzw, v[1][0].xyzw
mov o1.xyzw, v[1][1].xyzw
emit
mov o0.xyzw, v[2][0].xyzw
mov o1.xyzw, v[2][1].xyzw
emitthencut
ret
