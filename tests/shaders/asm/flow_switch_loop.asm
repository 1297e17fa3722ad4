// switch inside a loop: break leaves the switch, continue the loop
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_output o0.xyzw
dcl_temps 3
mov r0.xyzw, l(0, 0, 0, 0)
loop
  uge r1.x, r0.w, l(6)
  breakc_nz r1.x
  iadd r0.w, r0.w, l(1)
  and r2.x, r0.w, l(3)
  switch r2.x
    case l(1)
      iadd r0.x, r0.x, l(1)
      break
    case l(2)
      iadd r0.y, r0.y, l(1)
      continue
    default
      iadd r0.z, r0.z, l(1)
  endswitch
  iadd r0.x, r0.x, l(16)
endloop
mov o0.xyzw, r0.xyzw
ret
