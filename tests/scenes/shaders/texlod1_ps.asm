// Samples mip level 1: return tx.SampleLevel(sam, tex, 1.0);  (t0, s0)
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xy float
.output SV_Target 0 0 xyzw float
ps_4_0
dcl_sampler s0, mode_default
dcl_resource_texture2d (float,float,float,float) t0
dcl_input_ps linear v1.xy
dcl_output o0.xyzw
sample_l o0.xyzw, v1.xyxx, t0.xyzw, s0, l(1.0)
ret
