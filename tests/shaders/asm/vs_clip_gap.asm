// clip distances with a gap (o2.xz) around a cull distance (o2.y), and a
// varying in o2.w: clip 0 = x - cb0[0].x, clip 1 = cb0[0].y - y,
// cull 0 = (x + y) - cb0[0].z; o2.w is not read by the pixel shader
.input POSITION 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Position 0 0 xyzw float
.output TEXCOORD 0 1 xyzw float
.output SV_ClipDistance 0 2 x float
.output SV_CullDistance 0 2 y float
.output SV_ClipDistance 1 2 z float
.output TEXCOORD 1 2 w float
vs_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_input v0.xyzw
dcl_input v1.xyzw
dcl_output_siv o0.xyzw, position
dcl_output o1.xyzw
dcl_output_siv o2.xz, clip_distance
dcl_output_siv o2.y, cull_distance
dcl_output o2.w
dcl_temps 1
mov o0.xyzw, v0.xyzw
mov o1.xyzw, v1.xyzw
add o2.x, v0.x, -cb0[0].x
add o2.z, -v0.y, cb0[0].y
add r0.x, v0.y, v0.x
add o2.y, r0.x, -cb0[0].z
mov o2.w, l(7.000000)
ret
