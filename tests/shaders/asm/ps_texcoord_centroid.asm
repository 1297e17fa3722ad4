// centroid interpolation (single-sampled: same values)
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_input_ps linear centroid v1.xy
dcl_output o0.xyzw
mov o0.xy, v1.xyxx
mov o0.zw, l(0, 0, 0, 0)
ret
