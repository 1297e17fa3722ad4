// ld with integer coordinates and a mip level
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_resource_texture2d (float,float,float,float) t0
dcl_input_ps linear v1.xy
dcl_output o0.xyzw
dcl_temps 1
mul r0.xy, v1.xyxx, cb0[0].zwzz
ftoi r0.xy, r0.xyxx
ftoi r0.w, cb0[0].x
mov r0.z, l(0)
ld o0.xyzw, r0.xyzw, t0.xyzw
ret
