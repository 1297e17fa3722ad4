// Tutorial 7 style VS: position passed through, TEXCOORD (float2) out.
.input POSITION 0 0 xyzw float
.input TEXCOORD 0 1 xy float
.output SV_Position 0 0 xyzw float
.output TEXCOORD 0 1 xy float
vs_4_0
dcl_input v0.xyzw
dcl_input v1.xy
dcl_output_siv o0.xyzw, position
dcl_output o1.xy
mov o0.xyzw, v0.xyzw
mov o1.xy, v1.xyxx
ret
