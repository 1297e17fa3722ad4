// Tutorial 7 style PS on non-zero slots: return txDiffuse.Sample(samLinear, tex)
// with txDiffuse : register(t2), samLinear : register(s1).
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xy float
.output SV_Target 0 0 xyzw float
ps_4_0
dcl_sampler s1, mode_default
dcl_resource_texture2d (float,float,float,float) t2
dcl_input_ps linear v1.xy
dcl_output o0.xyzw
sample o0.xyzw, v1.xyxx, t2.xyzw, s1
ret
