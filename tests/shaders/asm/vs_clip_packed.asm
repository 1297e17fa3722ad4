// SV_ClipDistance0/1 packed into the texcoord's register (o1.xy TEXCOORD,
// o1.zw clip distances, as fxc packs them), declared texcoord first:
// distance 0 = x - cb0[0].x, distance 1 = cb0[0].y - y
.input POSITION 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Position 0 0 xyzw float
.output TEXCOORD 0 1 xy float
.output SV_ClipDistance 0 1 zw float
vs_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_input v0.xyzw
dcl_input v1.xyzw
dcl_output_siv o0.xyzw, position
dcl_output o1.xy
dcl_output_siv o1.zw, clip_distance
mov o0.xyzw, v0.xyzw
mov o1.xy, v1.xyxx
add o1.z, v0.x, -cb0[0].x
add o1.w, -v0.y, cb0[0].y
ret
