// sampleinfo (float and _uint) and resinfo of a 4x multisampled texture
.input SV_Position 0 0 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_1
dcl_resource_texture2dms(4) (float,float,float,float) t0
dcl_output o0.xyzw
dcl_temps 1
sampleinfo r0.xyzw, t0.xyzw
sampleinfo_uint o0.y, t0.xxxx
resinfo_uint r0.yz, l(0), t0.xxyz
mov o0.x, r0.x
mov o0.zw, r0.yyyz
ret
