// umad wraps to 32 bits
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[3], immediateIndexed
dcl_output o0.xyzw
umad o0.xy, cb0[0].xyxx, cb0[1].xyxx, cb0[2].xyxx
umad o0.zw, cb0[0].xxzw, cb0[1].xxzw, cb0[2].xxzw
ret
