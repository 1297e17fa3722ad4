// Samples a 3D texture at (u, v, cb0[0].x) with explicit LOD cb0[0].y:
// tx.SampleLevel(sam, float3(tex, w), lod)  (t0, s0)
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xy float
.output SV_Target 0 0 xyzw float
ps_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_sampler s0, mode_default
dcl_resource_texture3d (float,float,float,float) t0
dcl_input_ps linear v1.xy
dcl_output o0.xyzw
dcl_temps 1
mov r0.xy, v1.xyxx
mov r0.z, cb0[0].x
sample_l o0.xyzw, r0.xyzx, t0.xyzw, s0, cb0[0].y
ret
