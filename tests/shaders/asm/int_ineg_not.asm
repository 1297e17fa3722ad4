// ineg and not
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_output o0.xyzw
ineg o0.xy, cb0[0].yxxx
not o0.zw, cb0[0].xxzw
ret
