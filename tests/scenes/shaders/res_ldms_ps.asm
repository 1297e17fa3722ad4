// ld_ms of a multisampled array SRV at this pixel: sample cb0[0].x of
// slice cb0[0].y (floats, converted; t0 is a Texture2DMSArray).
.input SV_Position 0 0 xyzw float
.output SV_Target 0 0 xyzw float
ps_4_1
dcl_constantbuffer cb0[1], immediateIndexed
dcl_resource_texture2dmsarray(4) (float,float,float,float) t0
dcl_input_ps_siv linear noperspective v0.xy, position
dcl_output o0.xyzw
dcl_temps 2
ftoi r0.xy, v0.xyxx
ftoi r0.z, cb0[0].y
mov r0.w, l(0)
ftoi r1.x, cb0[0].x
ld_ms o0.xyzw, r0.xyzw, t0.xyzw, r1.x
ret
