// swizzles and partial write masks
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_output o0.xyzw
dcl_temps 1
mov r0.xyzw, l(1, 2, 3, 4)
mov r0.yw, cb0[0].wwzx
mov o0.xyzw, r0.zxwy
ret
