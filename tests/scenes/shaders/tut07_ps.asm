// Tutorial 7 PS: return txDiffuse.Sample(samLinear, input.Tex) * vMeshColor;
// txDiffuse t0, samLinear s0, vMeshColor = cb2[4] (cbChangesEveryFrame).
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xy float
.output SV_Target 0 0 xyzw float
ps_4_0
dcl_constantbuffer cb2[5], immediateIndexed
dcl_sampler s0, mode_default
dcl_resource_texture2d (float,float,float,float) t0
dcl_input_ps linear v1.xy
dcl_output o0.xyzw
dcl_temps 1
sample r0.xyzw, v1.xyxx, t0.xyzw, s0
mul o0.xyzw, r0.xyzw, cb2[4].xyzw
ret
