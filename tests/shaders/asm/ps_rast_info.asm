// sampleinfo and samplepos of the rasterizer (SM4.1): the render target's
// sample count (as uint and as float) and the position of sample cb0[0].x
// of its standard pattern
.input SV_Position 0 0 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_1
dcl_constantbuffer cb0[1], immediateIndexed
dcl_output o0.xyzw
dcl_temps 2
sampleinfo_uint r0.x, rasterizer.x
sampleinfo r0.y, rasterizer.x
samplepos r1.xy, rasterizer.xyxx, cb0[0].x
mov o0.xy, r0.xyxx
mov o0.zw, r1.xxxy
ret
