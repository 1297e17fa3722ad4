// indexable temp filled in a loop and summed backwards
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_output o0.xyzw
dcl_temps 2
dcl_indexableTemp x0[8], 4
mov r0.x, l(0)
loop
  ieq r1.x, r0.x, l(8)
  breakc_nz r1.x
  imul null, r1.y, r0.x, r0.x
  mov x0[r0.x + 0].x, r1.y
  iadd r0.x, r0.x, l(1)
endloop
mov r0.y, l(0)
ftou r1.w, cb0[0].x
mov r0.z, x0[r1.w + 1].x
loop
  ieq r1.x, r0.x, l(0)
  breakc_nz r1.x
  iadd r0.x, r0.x, l(-1)
  iadd r0.y, r0.y, x0[r0.x + 0].x
endloop
mov o0.xyzw, r0.xyzz
ret
