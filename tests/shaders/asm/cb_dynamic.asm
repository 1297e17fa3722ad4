// constant buffer read with a dynamic index plus offset
.input SV_Position 0 0 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[5], dynamicIndexed
dcl_output o0.xyzw
dcl_temps 1
ftou r0.x, cb0[0].x
mov o0.xyzw, cb0[r0.x + 1].xyzw
ret
