// udiv quotient and remainder, x/0 = 0xffffffff
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[2], immediateIndexed
dcl_output o0.xyzw
dcl_temps 2
udiv r0.xy, r1.xy, cb0[0].xyxx, cb0[1].xyxx
mov o0.xy, r0.xyxx
mov o0.zw, r1.xxxy
ret
