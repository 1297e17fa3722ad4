// eq/ne/lt/ge give all-ones or zero
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[2], immediateIndexed
dcl_output o0.xyzw
eq o0.x, cb0[0].x, cb0[1].x
ne o0.y, cb0[0].y, cb0[1].y
lt o0.z, cb0[0].z, cb0[1].z
ge o0.w, cb0[0].w, cb0[1].w
ret
