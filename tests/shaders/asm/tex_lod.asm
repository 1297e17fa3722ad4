// lod of a minified lookup (ps_4_1)
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_1
dcl_sampler s0, mode_default
dcl_resource_texture2d (float,float,float,float) t0
dcl_input_ps linear v1.xy
dcl_output o0.xyzw
dcl_temps 1
mul r0.xy, v1.xyxx, l(4.000000, 4.000000, 0, 0)
lod o0.xyzw, r0.xyxx, t0.xyzw, s0
ret
