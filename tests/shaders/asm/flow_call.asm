// call/callc into subroutines, ret inside them
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_output o0.xyzw
dcl_temps 2
mov r0.xyzw, l(0, 0, 0, 0)
call l0
callc_nz cb0[0].x, l1
callc_z cb0[0].x, l1
call l1
mov o0.xyzw, r0.xyzw
ret
label l0
iadd r0.x, r0.x, l(5)
ret
label l1
iadd r0.y, r0.y, l(1)
ieq r1.x, r0.y, l(2)
retc_nz r1.x
iadd r0.z, r0.z, l(10)
ret
