// indexable temp written and read with a dynamic index
.input SV_Position 0 0 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_output o0.xyzw
dcl_temps 2
dcl_indexableTemp x0[4], 4
mov x0[0].xyzw, l(10, 11, 12, 13)
mov x0[1].xyzw, l(20, 21, 22, 23)
mov x0[2].xyzw, l(30, 31, 32, 33)
mov x0[3].xyzw, l(40, 41, 42, 43)
ftou r0.x, cb0[0].x
ftou r0.y, cb0[0].y
iadd x0[r0.y + 0].y, x0[r0.y + 0].y, l(5)
mov r1.xyzw, x0[r0.x + 0].xyzw
mov r1.w, x0[r0.y + 0].y
mov o0.xyzw, r1.xyzw
ret
