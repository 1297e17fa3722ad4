// Tutorial 2 VS: float4 VS(float4 Pos : POSITION) : SV_POSITION { return Pos; }
.input POSITION 0 0 xyzw float
.output SV_Position 0 0 xyzw float
vs_4_0
dcl_input v0.xyzw
dcl_output_siv o0.xyzw, position
mov o0.xyzw, v0.xyzw
ret
