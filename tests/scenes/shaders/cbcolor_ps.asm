// PS returning a colour from a constant buffer: return cb0[0];
.input SV_Position 0 0 xyzw float
.output SV_Target 0 0 xyzw float
ps_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_output o0.xyzw
mov o0.xyzw, cb0[0].xyzw
ret
