// ret from inside a loop inside a subroutine
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_output o0.xyzw
dcl_temps 2
mov r0.xyzw, l(0, 0, 0, 0)
call l0
iadd r0.w, r0.w, l(100)
mov o0.xyzw, r0.xyzw
ret
label l0
loop
  iadd r0.x, r0.x, l(1)
  uge r1.x, r0.x, cb0[0].x
  if_nz r1.x
    loop
      iadd r0.y, r0.y, l(1)
      ret
    endloop
  endif
  iadd r0.z, r0.z, l(1)
endloop
ret
