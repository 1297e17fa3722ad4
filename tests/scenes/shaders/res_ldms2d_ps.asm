// ld_ms of a Texture2DMS SRV at this pixel, sample index cb0[0].x (a
// float, converted).
.input SV_Position 0 0 xyzw float
.output SV_Target 0 0 xyzw float
ps_4_1
dcl_constantbuffer cb0[1], immediateIndexed
dcl_resource_texture2dms(4) (float,float,float,float) t0
dcl_input_ps_siv linear noperspective v0.xy, position
dcl_output o0.xyzw
dcl_temps 2
ftoi r0.xy, v0.xyxx
mov r0.zw, l(0, 0, 0, 0)
ftoi r1.x, cb0[0].x
ld_ms o0.xyzw, r0.xyzw, t0.xyzw, r1.x
ret
