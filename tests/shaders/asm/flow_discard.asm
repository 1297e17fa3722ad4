// discard_nz on pixels with texcoord.x < 0.5
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_input_ps linear v1.xy
dcl_output o0.xyzw
dcl_temps 1
lt r0.x, v1.x, l(0.500000)
discard_nz r0.x
mov o0.xyzw, l(9, 9, 9, 9)
ret
