// declares only .y of the two clip distances its signature (and the VS)
// has in v2.xy: its slot in the packed list comes from the signature
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.input SV_ClipDistance 0 2 xy float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_input_ps_siv linear v2.y, clip_distance
dcl_output o0.xyzw
mov o0.x, v2.y
mov o0.yzw, l(0, 0, 0, 0)
ret
