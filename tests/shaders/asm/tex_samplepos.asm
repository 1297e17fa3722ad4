// samplepos of a 4x multisampled resource (standard pattern), index from cb
.input SV_Position 0 0 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_1
dcl_constantbuffer cb0[1], immediateIndexed
dcl_resource_texture2dms(4) (float,float,float,float) t0
dcl_output o0.xyzw
samplepos o0.xyzw, t0.xyzw, cb0[0].x
ret
