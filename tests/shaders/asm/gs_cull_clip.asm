// GS writing a clip distance (o2.x = x - cb0[0].x) and a cull distance
// (o2.z = (x + y) - cb0[0].y) per emitted vertex, with a gap in .y
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Position 0 0 xyzw float
.output TEXCOORD 0 1 xyzw float
.output SV_ClipDistance 0 2 x float
.output SV_CullDistance 0 2 z float
gs_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_input_siv v[3][0].xyzw, position
dcl_input v[3][1].xyzw
dcl_temps 1
dcl_inputprimitive triangle
dcl_outputtopology trianglestrip
dcl_output_siv o0.xyzw, position
dcl_output o1.xyzw
dcl_output_siv o2.x, clip_distance
dcl_output_siv o2.z, cull_distance
dcl_maxout 3
mov o0.xyzw, v[0][0].xyzw
mov o1.xyzw, v[0][1].xyzw
add o2.x, v[0][0].x, -cb0[0].x
add r0.x, v[0][0].y, v[0][0].x
add o2.z, r0.x, -cb0[0].y
emit
mov o0.xyzw, v[1][0].xyzw
mov o1.xyzw, v[1][1].xyzw
add o2.x, v[1][0].x, -cb0[0].x
add r0.x, v[1][0].y, v[1][0].x
add o2.z, r0.x, -cb0[0].y
emit
mov o0.xyzw, v[2][0].xyzw
mov o1.xyzw, v[2][1].xyzw
add o2.x, v[2][0].x, -cb0[0].x
add r0.x, v[2][0].y, v[2][0].x
add o2.z, r0.x, -cb0[0].y
emit
cut
ret
