// immediate constant buffer, static indices
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_immediateConstantBuffer { { 1.500000, 2, 3, 4 },
                              { 0x7fc00000, 6, 7, -8 } }
dcl_output o0.xyzw
mov o0.x, icb[0].x
mov o0.y, icb[1].x
iadd o0.z, icb[1].z, icb[0].w
mov o0.w, icb[1].w
ret
