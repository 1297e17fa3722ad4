// Tutorials 3 (variant): position passed through, per-vertex colour out.
.input POSITION 0 0 xyzw float
.input COLOR 0 1 xyzw float
.output SV_Position 0 0 xyzw float
.output COLOR 0 1 xyzw float
vs_4_0
dcl_input v0.xyzw
dcl_input v1.xyzw
dcl_output_siv o0.xyzw, position
dcl_output o1.xyzw
mov o0.xyzw, v0.xyzw
mov o1.xyzw, v1.xyzw
ret
