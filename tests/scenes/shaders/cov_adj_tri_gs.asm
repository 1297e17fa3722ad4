// GS reading triangle adjacency (triangleadj: v[0], v[2], v[4] make the
// triangle, v[1], v[3], v[5] are the adjacent vertices): emits the
// triangle of the three adjacent vertices, all in v[5]'s colour, and
// nothing of the input triangle itself.
.input SV_Position 0 0 xyzw float
.input COLOR 0 1 xyzw float
.output SV_Position 0 0 xyzw float
.output COLOR 0 1 xyzw float
gs_4_0
dcl_input_siv v[6][0].xyzw, position
dcl_input v[6][1].xyzw
dcl_inputprimitive triangleadj
dcl_outputtopology trianglestrip
dcl_output_siv o0.xyzw, position
dcl_output o1.xyzw
dcl_maxout 3
mov o0.xyzw, v[1][0].xyzw
mov o1.xyzw, v[5][1].xyzw
emit
mov o0.xyzw, v[3][0].xyzw
mov o1.xyzw, v[5][1].xyzw
emit
mov o0.xyzw, v[5][0].xyzw
mov o1.xyzw, v[5][1].xyzw
emit
cut
ret
