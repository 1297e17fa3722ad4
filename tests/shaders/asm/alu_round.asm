// round_ne/ni/pi/z of one value
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_output o0.xyzw
round_ne o0.x, cb0[0].x
round_ni o0.y, cb0[0].x
round_pi o0.z, cb0[0].x
round_z o0.w, cb0[0].x
ret
