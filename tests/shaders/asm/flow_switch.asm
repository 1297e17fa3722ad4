// switch with fallthrough, default in the middle, break inside if
.input SV_Position 0 0 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_output o0.xyzw
dcl_temps 2
mov r0.xyzw, l(0, 0, 0, 0)
ftou r1.x, cb0[0].x
switch r1.x
  case l(0)
    iadd r0.x, r0.x, l(1)
  case l(1)
    iadd r0.x, r0.x, l(10)
    break
  default
    iadd r0.x, r0.x, l(100)
  case l(3)
    iadd r0.x, r0.x, l(1000)
    break
  case l(4)
    if_nz r1.x
      iadd r0.x, r0.x, l(7)
      break
    endif
    iadd r0.x, r0.x, l(20000)
endswitch
mov o0.xyzw, r0.xyzw
ret
