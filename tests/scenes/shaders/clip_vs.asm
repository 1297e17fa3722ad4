// Clip distances through the UMD: position passed through, colour out,
// SV_ClipDistance0 = x (clips the left half of the quad: D3D keeps
// distance >= 0) and SV_ClipDistance1 = 0.5 - y (clips the top quarter).
.input POSITION 0 0 xyzw float
.input COLOR 0 1 xyzw float
.output SV_Position 0 0 xyzw float
.output COLOR 0 1 xyzw float
.output SV_ClipDistance 0 2 x float
.output SV_ClipDistance 1 2 y float
vs_4_0
dcl_input v0.xyzw
dcl_input v1.xyzw
dcl_output_siv o0.xyzw, position
dcl_output o1.xyzw
dcl_output_siv o2.x, clip_distance
dcl_output_siv o2.y, clip_distance
mov o0.xyzw, v0.xyzw
mov o1.xyzw, v1.xyzw
mov o2.x, v0.x
add o2.y, -v0.y, l(0.5)
ret
