// sample_c / sample_c_lz on a 2D array depth texture (reference in .w)
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_sampler s0, mode_comparison
dcl_resource_texture2darray (float,float,float,float) t0
dcl_input_ps linear v1.xy
dcl_output o0.xyzw
dcl_temps 1
mov r0.xy, v1.xyxx
mov r0.z, cb0[0].z
sample_c o0.x, r0.xyzx, t0.x, s0, cb0[0].x
sample_c_lz o0.y, r0.xyzx, t0.x, s0, cb0[0].y
mov o0.zw, l(0, 0, 0, 0)
ret
