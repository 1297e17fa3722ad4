// reads the interpolated SV_ClipDistance0/1 (v2.xy) and outputs them as colour
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.input SV_ClipDistance 0 2 xy float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_input_ps_siv linear v2.xy, clip_distance
dcl_output o0.xyzw
mov o0.xy, v2.xyxx
mov o0.zw, l(0, 0, 0, 0)
ret
