// immediate constant buffer, static and dynamic index
.input SV_Position 0 0 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_immediateConstantBuffer { { 1, 2, 3, 4 },
                              { 5, 6, 7, 8 },
                              { 9, 10, 11, 12 } }
dcl_constantbuffer cb0[1], immediateIndexed
dcl_output o0.xyzw
dcl_temps 2
ftou r0.x, cb0[0].x
mov r1.xyz, icb[r0.x + 0].xyzx
mov r1.w, icb[2].w
mov o0.xyzw, r1.xyzw
ret
