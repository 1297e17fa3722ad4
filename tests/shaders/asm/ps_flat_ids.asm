// reads the flat integer varying written by vs_ids
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.input IDS 0 2 xy uint
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_input_ps constant v2.xy
dcl_output o0.xyzw
mov o0.xy, v2.xyxx
mov o0.zw, l(0, 0, 0, 0)
ret
