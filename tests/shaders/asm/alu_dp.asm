// dp2/dp3/dp4
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[2], immediateIndexed
dcl_output o0.xyzw
dp2 o0.x, cb0[0].xyxx, cb0[1].xyxx
dp3 o0.y, cb0[0].xyzx, cb0[1].xyzx
dp4 o0.z, cb0[0].xyzw, cb0[1].xyzw
mov o0.w, l(7)
ret
