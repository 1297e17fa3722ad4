// SV_ClipDistance0/1 declared in o2.zw (not from .x): distance 0 (o2.z) =
// x - cb0[0].x, distance 1 (o2.w) = cb0[0].y - y; the translator moves
// them down to CLIPDIST[0].xy when it copies the outputs out
.input POSITION 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Position 0 0 xyzw float
.output TEXCOORD 0 1 xyzw float
.output SV_ClipDistance 0 2 zw float
vs_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_input v0.xyzw
dcl_input v1.xyzw
dcl_output_siv o0.xyzw, position
dcl_output o1.xyzw
dcl_output_siv o2.zw, clip_distance
mov o0.xyzw, v0.xyzw
mov o1.xyzw, v1.xyzw
add o2.z, v0.x, -cb0[0].x
add o2.w, -v0.y, cb0[0].y
ret
