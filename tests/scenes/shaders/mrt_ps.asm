// Two render targets: SV_Target0 = the interpolated colour, SV_Target1 =
// the same colour with red and blue swapped.
.input SV_Position 0 0 xyzw float
.input COLOR 0 1 xyzw float
.output SV_Target 0 0 xyzw float
.output SV_Target 1 1 xyzw float
ps_4_0
dcl_input_ps linear v1.xyzw
dcl_output o0.xyzw
dcl_output o1.xyzw
mov o0.xyzw, v1.xyzw
mov o1.xyzw, v1.zyxw
ret
