// reads clip distances in v2.x and v2.z around a cull distance in v2.y
// (vs_clip_gap's layout) and outputs all three: the gather out of the
// packed clip-then-cull list must put each back in its component
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.input SV_ClipDistance 0 2 x float
.input SV_CullDistance 0 2 y float
.input SV_ClipDistance 1 2 z float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_input_ps_siv linear v2.x, clip_distance
dcl_input_ps_siv linear v2.y, cull_distance
dcl_input_ps_siv linear v2.z, clip_distance
dcl_output o0.xyzw
mov o0.xyz, v2.xyzx
mov o0.w, l(0)
ret
