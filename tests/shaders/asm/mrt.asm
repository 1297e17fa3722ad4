// two render targets
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
.output SV_Target 1 1 xyzw uint
dcl_constantbuffer cb0[1], immediateIndexed
dcl_output o0.xyzw
dcl_output o1.xyzw
mov o0.xyzw, cb0[0].xyzw
iadd o1.xyzw, cb0[0].wzyx, l(1, 1, 1, 1)
ret
