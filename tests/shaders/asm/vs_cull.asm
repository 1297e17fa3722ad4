// SV_CullDistance0/1 next to a texcoord's spare components (o1.zw):
// distance 0 = (x + y) - cb0[0].x, distance 1 = cb0[0].y - (x + y); a
// triangle is dropped whole when one distance is negative at all three
// of its vertices, never clipped in part
.input POSITION 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Position 0 0 xyzw float
.output TEXCOORD 0 1 xy float
.output SV_CullDistance 0 1 zw float
vs_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_input v0.xyzw
dcl_input v1.xyzw
dcl_output_siv o0.xyzw, position
dcl_output o1.xy
dcl_output_siv o1.zw, cull_distance
dcl_temps 1
mov o0.xyzw, v0.xyzw
mov o1.xy, v1.xyxx
add r0.x, v0.y, v0.x
add o1.z, r0.x, -cb0[0].x
add o1.w, -r0.x, cb0[0].y
ret
