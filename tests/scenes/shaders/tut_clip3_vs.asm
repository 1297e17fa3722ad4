// Three clip distances (umd-api clip_plane_enable test): position and
// colour passed through, SV_ClipDistance0..2 = x + 2, y + 2, 2 - x, all
// positive on the test's triangle, so nothing is clipped.
.input POSITION 0 0 xyzw float
.input COLOR 0 1 xyzw float
.output SV_Position 0 0 xyzw float
.output COLOR 0 1 xyzw float
.output SV_ClipDistance 0 2 x float
.output SV_ClipDistance 1 2 y float
.output SV_ClipDistance 2 2 z float
vs_4_0
dcl_input v0.xyzw
dcl_input v1.xyzw
dcl_output_siv o0.xyzw, position
dcl_output o1.xyzw
dcl_output_siv o2.x, clip_distance
dcl_output_siv o2.y, clip_distance
dcl_output_siv o2.z, clip_distance
mov o0.xyzw, v0.xyzw
mov o1.xyzw, v1.xyzw
add o2.xy, v0.xyxx, l(2.0, 2.0, 0.0, 0.0)
add o2.z, -v0.x, l(2.0)
ret
