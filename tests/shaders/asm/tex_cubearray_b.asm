// sample_b on a cube array: the bias cannot ride in the coordinate's .w
// (the array layer is there), so it becomes TGSI TXB2.  The direction
// sweeps the +X face across the quad so the implicit lod is finite (a
// constant coordinate has lod -inf, which no bias lifts).
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_1
dcl_constantbuffer cb0[2], immediateIndexed
dcl_sampler s0, mode_default
dcl_resource_texturecubearray (float,float,float,float) t0
dcl_input_ps linear v1.xy
dcl_output o0.xyzw
dcl_temps 1
mad r0.yz, v1.xxyx, l(0, 2.0, 2.0, 0), l(0, -1.0, -1.0, 0)
mov r0.x, l(1.0)
mov r0.w, cb0[0].w
sample_b o0.xyzw, r0.xyzw, t0.xyzw, s0, cb0[1].x
ret
