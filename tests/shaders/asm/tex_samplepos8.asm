// samplepos of an 8x resource through a resource swizzle
.input SV_Position 0 0 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_1
dcl_constantbuffer cb0[1], immediateIndexed
dcl_resource_texture2dms(8) (float,float,float,float) t0
dcl_output o0.xyzw
samplepos o0.xyzw, t0.yxzw, cb0[0].x
ret
