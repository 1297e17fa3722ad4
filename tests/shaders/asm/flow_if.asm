// if_nz / if_z / else
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_output o0.xyzw
dcl_temps 1
mov r0.xyzw, l(0, 0, 0, 0)
if_nz cb0[0].x
  mov r0.x, l(1)
else
  mov r0.x, l(2)
endif
if_z cb0[0].y
  mov r0.y, l(3)
  if_nz cb0[0].z
    mov r0.z, l(4)
  endif
endif
mov o0.xyzw, r0.xyzw
ret
