// Tutorial 2 PS: return float4(1.0f, 1.0f, 0.0f, 1.0f);  (yellow)
.input SV_Position 0 0 xyzw float
.output SV_Target 0 0 xyzw float
ps_4_0
dcl_output o0.xyzw
mov o0.xyzw, l(1.0, 1.0, 0.0, 1.0)
ret
