// GS reading its input clip distances (v[n][2].xy) and passing them on,
// the second one through a loop over the vertices (relative vertex index)
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.input SV_ClipDistance 0 2 xy float
.output SV_Position 0 0 xyzw float
.output TEXCOORD 0 1 xyzw float
.output SV_ClipDistance 0 2 xy float
gs_4_0
dcl_input_siv v[3][0].xyzw, position
dcl_input v[3][1].xyzw
dcl_input_siv v[3][2].xy, clip_distance
dcl_temps 1
dcl_inputprimitive triangle
dcl_outputtopology trianglestrip
dcl_output_siv o0.xyzw, position
dcl_output o1.xyzw
dcl_output_siv o2.xy, clip_distance
dcl_maxout 3
mov o0.xyzw, v[0][0].xyzw
mov o1.xyzw, v[0][1].xyzw
mov o2.xy, v[0][2].xyxx
emit
mov o0.xyzw, v[1][0].xyzw
mov o1.xyzw, v[1][1].xyzw
mov o2.x, v[1][2].x
mov r0.x, l(1)
mov o2.y, v[r0.x + 0][2].y
emit
mov o0.xyzw, v[2][0].xyzw
mov o1.xyzw, v[2][1].xyzw
mov o2.xy, v[2][2].xyxx
emit
cut
ret
