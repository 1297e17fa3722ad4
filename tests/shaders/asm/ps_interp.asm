// linear (perspective), linear noperspective and constant inputs
.input SV_Position 0 0 xyzw float
.input PERSP 0 1 x float
.input NOPERSP 0 2 x float
.input FLAT 0 3 x float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_input_ps linear v1.x
dcl_input_ps linear noperspective v2.x
dcl_input_ps constant v3.x
dcl_output o0.xyzw
mov o0.x, v1.x
mov o0.y, v2.x
mov o0.z, v3.x
mov o0.w, l(0)
ret
