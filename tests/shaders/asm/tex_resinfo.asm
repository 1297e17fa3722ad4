// resinfo float, uint and rcpFloat
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
.output SV_Target 1 1 xyzw uint
.output SV_Target 2 2 xyzw uint
dcl_constantbuffer cb0[1], immediateIndexed
dcl_resource_texture2d (float,float,float,float) t0
dcl_output o0.xyzw
dcl_output o1.xyzw
dcl_output o2.xyzw
dcl_temps 1
ftou r0.x, cb0[0].x
resinfo o0.xyzw, r0.x, t0.xyzw
resinfo_uint o1.xyzw, r0.x, t0.xyzw
resinfo_rcpFloat o2.xyzw, r0.x, t0.xyzw
ret
