// SV_VertexID / SV_InstanceID passed to the pixel shader (flat)
.input POSITION 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.input SV_VertexID 0 2 x uint sv=6
.input SV_InstanceID 0 3 x uint sv=8
.output SV_Position 0 0 xyzw float
.output TEXCOORD 0 1 xyzw float
.output IDS 0 2 xy uint
vs_4_0
dcl_input v0.xyzw
dcl_input v1.xyzw
dcl_input_sgv v2.x, vertex_id
dcl_input_sgv v3.x, instance_id
dcl_output_siv o0.xyzw, position
dcl_output o1.xyzw
dcl_output o2.xy
mov o0.xyzw, v0.xyzw
mov o1.xyzw, v1.xyzw
mov o2.x, v2.x
mov o2.y, v3.x
ret
