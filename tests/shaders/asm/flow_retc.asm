// early return from main keeps written outputs
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_output o0.xyzw
mov o0.xyzw, l(1, 2, 3, 4)
retc_nz cb0[0].x
mov o0.xyzw, l(5, 6, 7, 8)
ret
