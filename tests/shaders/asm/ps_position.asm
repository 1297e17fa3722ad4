// SV_Position: pixel centres
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_input_ps_siv linear noperspective v0.xy, position
dcl_output o0.xyzw
mov o0.xy, v0.xyxx
mov o0.zw, l(0, 0, 0, 0)
ret
