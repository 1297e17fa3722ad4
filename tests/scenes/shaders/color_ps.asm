// Tutorials 3-5 PS: return input.Color;
.input SV_Position 0 0 xyzw float
.input COLOR 0 1 xyzw float
.output SV_Target 0 0 xyzw float
ps_4_0
dcl_input_ps linear v1.xyzw
dcl_output o0.xyzw
mov o0.xyzw, v1.xyzw
ret
