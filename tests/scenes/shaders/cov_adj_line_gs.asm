// GS reading line adjacency (lineadj: v[1], v[2] make the line, v[0] and
// v[3] are the adjacent vertices): emits a strip through all four, v[0]
// v[1] v[2] v[3] (two triangles), every vertex in v[3]'s colour.
.input SV_Position 0 0 xyzw float
.input COLOR 0 1 xyzw float
.output SV_Position 0 0 xyzw float
.output COLOR 0 1 xyzw float
gs_4_0
dcl_input_siv v[4][0].xyzw, position
dcl_input v[4][1].xyzw
dcl_inputprimitive lineadj
dcl_outputtopology trianglestrip
dcl_output_siv o0.xyzw, position
dcl_output o1.xyzw
dcl_maxout 4
mov o0.xyzw, v[0][0].xyzw
mov o1.xyzw, v[3][1].xyzw
emit
mov o0.xyzw, v[1][0].xyzw
mov o1.xyzw, v[3][1].xyzw
emit
mov o0.xyzw, v[2][0].xyzw
mov o1.xyzw, v[3][1].xyzw
emit
mov o0.xyzw, v[3][0].xyzw
mov o1.xyzw, v[3][1].xyzw
emit
cut
ret
