// passes attribute v1.x three times, for three interpolation modes
.input POSITION 0 0 xyzw float
.input ATTR 0 1 xyzw float
.output SV_Position 0 0 xyzw float
.output PERSP 0 1 x float
.output NOPERSP 0 2 x float
.output FLAT 0 3 x float
vs_4_0
dcl_input v0.xyzw
dcl_input v1.x
dcl_output_siv o0.xyzw, position
dcl_output o1.x
dcl_output o2.x
dcl_output o3.x
mov o0.xyzw, v0.xyzw
mov o1.x, v1.x
mov o2.x, v1.x
mov o3.x, v1.x
ret
