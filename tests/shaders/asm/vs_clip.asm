// SV_ClipDistance0/1: distance 0 = x - cb0[0].x, distance 1 = cb0[0].y - y
.input POSITION 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Position 0 0 xyzw float
.output TEXCOORD 0 1 xyzw float
.output SV_ClipDistance 0 2 xy float
vs_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_input v0.xyzw
dcl_input v1.xyzw
dcl_output_siv o0.xyzw, position
dcl_output o1.xyzw
dcl_output_siv o2.xy, clip_distance
mov o0.xyzw, v0.xyzw
mov o1.xyzw, v1.xyzw
add o2.x, v0.x, -cb0[0].x
add o2.y, -v0.y, cb0[0].y
ret
