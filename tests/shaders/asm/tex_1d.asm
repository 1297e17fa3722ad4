// sample a 1D texture
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_sampler s0, mode_default
dcl_resource_texture1d (float,float,float,float) t0
dcl_input_ps linear v1.xy
dcl_output o0.xyzw
sample o0.xyzw, v1.x, t0.xyzw, s0
ret
