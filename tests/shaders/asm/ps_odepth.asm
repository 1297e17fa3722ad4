// oDepth: the depth comes from the constant buffer plus 0.125 per pixel
// column, not from the rasterized position (the quad is at z = 0)
.input SV_Position 0 0 xyzw float
.output SV_Target 0 0 xyzw uint
.output SV_Depth 0 4294967295 x float
ps_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_input_ps_siv linear noperspective v0.x, position
dcl_output o0.xyzw
dcl_output oDepth
dcl_temps 1
round_z r0.x, v0.x
mad oDepth, r0.x, l(0.125), cb0[0].x
mov o0.xyzw, l(1, 2, 3, 4)
ret
