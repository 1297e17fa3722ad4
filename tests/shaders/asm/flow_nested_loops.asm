// nested loops, break leaves only the inner one
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_output o0.xyzw
dcl_temps 3
mov r0.xyzw, l(0, 0, 0, 0)
loop
  uge r1.x, r0.x, cb0[0].x
  breakc_nz r1.x
  mov r0.y, l(0)
  loop
    uge r1.y, r0.y, cb0[0].y
    breakc_nz r1.y
    iadd r0.z, r0.z, l(1)
    iadd r0.y, r0.y, l(1)
    ieq r1.z, r0.y, l(2)
    if_nz r1.z
      break
    endif
  endloop
  iadd r0.x, r0.x, l(1)
endloop
mov o0.xyzw, r0.xyzw
ret
