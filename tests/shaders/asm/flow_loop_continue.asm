// sum of odd i below n: loop + continuec + breakc
.input SV_Position 0 0 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_output o0.xyzw
dcl_temps 3
mov r0.xyzw, l(0, 0, 0, 0)
ftou r2.x, cb0[0].x
loop
  uge r1.x, r0.y, r2.x
  breakc_nz r1.x
  iadd r0.y, r0.y, l(1)
  and r1.y, r0.y, l(1)
  continuec_z r1.y
  iadd r0.x, r0.x, r0.y
  iadd r0.z, r0.z, l(1)
endloop
mov o0.xyzw, r0.xyzw
ret
