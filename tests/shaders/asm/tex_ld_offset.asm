// ld with an immediate texel offset
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_resource_texture2d (float,float,float,float) t0
dcl_input_ps linear v1.xy
dcl_output o0.xyzw
dcl_temps 1
mul r0.xy, v1.xyxx, l(4.000000, 4.000000, 0, 0)
ftoi r0.xy, r0.xyxx
mov r0.zw, l(0, 0, 0, 0)
ld_aoffimmi(1,-1,0) o0.xyzw, r0.xyzw, t0.xyzw
ret
