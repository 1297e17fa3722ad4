// deriv_rtx/rty of the texcoord
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_input_ps linear v1.xy
dcl_output o0.xyzw
deriv_rtx o0.xy, v1.xyxx
deriv_rty o0.zw, v1.xxxy
ret
