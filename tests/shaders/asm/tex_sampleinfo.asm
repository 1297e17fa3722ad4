// sampleinfo (float and _uint) of a single-sampled texture: one sample
.input SV_Position 0 0 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_1
dcl_resource_texture2d (float,float,float,float) t0
dcl_output o0.xyzw
dcl_temps 1
sampleinfo r0.xyzw, t0.xyzw
sampleinfo_uint o0.zw, t0.xxxy
mov o0.xy, r0.xyxx
ret
