// SV_IsFrontFace reads as an all-ones mask
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
.input SV_IsFrontFace 0 2 x uint
dcl_input_ps_sgv v2.x, is_front_face
dcl_output o0.xyzw
mov o0.xyzw, v2.x
ret
