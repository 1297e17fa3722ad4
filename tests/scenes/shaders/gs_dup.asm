// GS expanding each triangle into two: the input triangle, then a copy
// moved right by 1.0 in NDC (x + 1.0 * w with w = 1), colour passed on.
.input SV_Position 0 0 xyzw float
.input COLOR 0 1 xyzw float
.output SV_Position 0 0 xyzw float
.output COLOR 0 1 xyzw float
gs_4_0
dcl_input_siv v[3][0].xyzw, position
dcl_input v[3][1].xyzw
dcl_inputprimitive triangle
dcl_outputtopology trianglestrip
dcl_output_siv o0.xyzw, position
dcl_output o1.xyzw
dcl_maxout 6
mov o0.xyzw, v[0][0].xyzw
mov o1.xyzw, v[0][1].xyzw
emit
mov o0.xyzw, v[1][0].xyzw
mov o1.xyzw, v[1][1].xyzw
emit
mov o0.xyzw, v[2][0].xyzw
mov o1.xyzw, v[2][1].xyzw
emit
cut
add o0.x, v[0][0].x, l(1.0)
mov o0.yzw, v[0][0].yyzw
mov o1.xyzw, v[0][1].xyzw
emit
add o0.x, v[1][0].x, l(1.0)
mov o0.yzw, v[1][0].yyzw
mov o1.xyzw, v[1][1].xyzw
emit
add o0.x, v[2][0].x, l(1.0)
mov o0.yzw, v[2][0].yyzw
mov o1.xyzw, v[2][1].xyzw
emit
cut
ret
