// A GS that writes one clip distance (umd-api clip_plane_enable test): the
// triangle passed through, SV_ClipDistance0 = 1 - x (keeps x <= 1, the
// whole target).  The rasterizer's planes follow the GS, the last vertex
// stage, whatever the VS wrote.
.input SV_Position 0 0 xyzw float
.input COLOR 0 1 xyzw float
.output SV_Position 0 0 xyzw float
.output COLOR 0 1 xyzw float
.output SV_ClipDistance 0 2 x float
gs_4_0
dcl_input_siv v[3][0].xyzw, position
dcl_input v[3][1].xyzw
dcl_inputprimitive triangle
dcl_outputtopology trianglestrip
dcl_output_siv o0.xyzw, position
dcl_output o1.xyzw
dcl_output_siv o2.x, clip_distance
dcl_maxout 3
mov o0.xyzw, v[0][0].xyzw
mov o1.xyzw, v[0][1].xyzw
add o2.x, -v[0][0].x, l(1.0)
emit
mov o0.xyzw, v[1][0].xyzw
mov o1.xyzw, v[1][1].xyzw
add o2.x, -v[1][0].x, l(1.0)
emit
mov o0.xyzw, v[2][0].xyzw
mov o1.xyzw, v[2][1].xyzw
add o2.x, -v[2][0].x, l(1.0)
emit
ret
