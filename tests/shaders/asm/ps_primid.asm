// SV_PrimitiveID in the pixel shader
.input SV_Position 0 0 xyzw float
.input SV_PrimitiveID 0 2 x uint
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_input_ps_sgv v2.x, primitive_id
dcl_output o0.xyzw
mov o0.x, v2.x
mov o0.yzw, l(0, 0, 0, 0)
ret
