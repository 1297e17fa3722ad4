// sample_c on a cube array: the reference goes in a second source (TEX2)
.input SV_Position 0 0 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_1
dcl_constantbuffer cb0[2], immediateIndexed
dcl_sampler s0, mode_comparison
dcl_resource_texturecubearray (float,float,float,float) t0
dcl_output o0.xyzw
sample_c o0.x, cb0[0].xyzw, t0.x, s0, cb0[1].x
mov o0.yzw, l(0, 0, 0, 0)
ret
