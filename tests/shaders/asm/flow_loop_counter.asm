// loop with an integer counter and break
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_output o0.xyzw
dcl_temps 2
mov r0.xyzw, l(0, 1, 0, 0)
loop
  ieq r1.x, r0.x, l(10)
  breakc_nz r1.x
  iadd r0.x, r0.x, l(1)
  imul null, r0.y, r0.y, l(3)
  iadd r0.z, r0.z, r0.x
endloop
mov o0.xyzw, r0.xyzw
ret
