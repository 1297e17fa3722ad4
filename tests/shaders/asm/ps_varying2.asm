// returns varying v2 (noperspective, constant across the quad)
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.input VALUE 0 2 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_input_ps linear noperspective v2.xyzw
dcl_output o0.xyzw
mov o0.xyzw, v2.xyzw
ret
