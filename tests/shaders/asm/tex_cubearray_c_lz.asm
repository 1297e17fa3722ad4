// sample_c_lz on a cube array next to sample_c: the direction sweeps the
// +X face fast along x (face coordinate 0.3 per pixel, 2.4 texels of the
// 8x8 level 0), so sample_c's implicit lod picks level 1 while sample_c_lz
// must compare against level 0; cube index in cb0[0].w, reference cb0[1].x
.input SV_Position 0 0 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_1
dcl_constantbuffer cb0[2], immediateIndexed
dcl_sampler s0, mode_comparison
dcl_resource_texturecubearray (float,float,float,float) t0
dcl_input_ps_siv linear noperspective v0.xy, position
dcl_output o0.xyzw
dcl_temps 1
add r0.y, v0.x, l(-2.000000)
mul r0.y, r0.y, cb0[0].y
mov r0.x, l(1.000000)
mov r0.z, l(0.000000)
mov r0.w, cb0[0].w
sample_c o0.x, r0.xyzw, t0.x, s0, cb0[1].x
sample_c_lz o0.y, r0.xyzw, t0.x, s0, cb0[1].x
mov o0.zw, l(0, 0, 0, 0)
ret
