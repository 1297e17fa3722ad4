// inputs v1..v3 read through a dynamic index (dcl_indexrange):
// x = sum of v[k].x, y = v[1 + cb0[0].x].y, z = v3.z read statically
.input SV_Position 0 0 xyzw float
.input ARR 0 1 xyzw float
.input ARR 1 2 xyzw float
.input ARR 2 3 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_input_ps constant v1.xyzw
dcl_input_ps constant v2.xyzw
dcl_input_ps constant v3.xyzw
dcl_indexrange v1.xyzw, 3
dcl_output o0.xyzw
dcl_temps 2
mov r0.xyzw, l(0, 0, 0, 0)
loop
  ieq r1.x, r0.y, l(3)
  breakc_nz r1.x
  add r0.x, r0.x, v[r0.y + 1].x
  iadd r0.y, r0.y, l(1)
endloop
mov r1.x, cb0[0].x
mov o0.x, r0.x
mov o0.y, v[r1.x + 1].y
mov o0.z, v3.z
mov o0.w, l(0)
ret
