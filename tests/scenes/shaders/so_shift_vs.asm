// SO scenes: position moved right by 1.0 in NDC (x + 1.0 with w = 1),
// colour passed on; draws captured vertices beside where they were made.
.input POSITION 0 0 xyzw float
.input COLOR 0 1 xyzw float
.output SV_Position 0 0 xyzw float
.output COLOR 0 1 xyzw float
vs_4_0
dcl_input v0.xyzw
dcl_input v1.xyzw
dcl_output_siv o0.xyzw, position
dcl_output o1.xyzw
add o0.x, v0.x, l(1.0)
mov o0.yzw, v0.yyzw
mov o1.xyzw, v1.xyzw
ret
