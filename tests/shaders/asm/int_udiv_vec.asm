// udiv on four lanes with a null remainder
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[2], immediateIndexed
dcl_output o0.xyzw
udiv o0.xyzw, null, cb0[0].xyzw, cb0[1].xyzw
ret
