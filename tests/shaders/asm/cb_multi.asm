// three constant buffers
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_constantbuffer cb1[2], immediateIndexed
dcl_constantbuffer cb2[3], immediateIndexed
dcl_output o0.xyzw
iadd o0.x, cb0[0].x, cb1[1].x
iadd o0.y, cb1[0].y, cb2[2].y
mov o0.zw, cb2[1].xxzw
ret
