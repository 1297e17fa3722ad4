// sample_l on a cube array: the lod cannot ride in the
// coordinate's .w (the array layer is there), so it becomes TGSI TXL2
.input SV_Position 0 0 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_1
dcl_constantbuffer cb0[2], immediateIndexed
dcl_sampler s0, mode_default
dcl_resource_texturecubearray (float,float,float,float) t0
dcl_output o0.xyzw
sample_l o0.xyzw, cb0[0].xyzw, t0.xyzw, s0, cb0[1].x
ret
