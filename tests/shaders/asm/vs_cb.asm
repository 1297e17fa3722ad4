// vertex shader constants: position scaled by cb0[0], cb0[1] passed on
.input POSITION 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Position 0 0 xyzw float
.output TEXCOORD 0 1 xyzw float
.output VALUE 0 2 xyzw float
vs_4_0
dcl_constantbuffer cb0[2], immediateIndexed
dcl_input v0.xyzw
dcl_input v1.xyzw
dcl_output_siv o0.xyzw, position
dcl_output o1.xyzw
dcl_output o2.xyzw
mul o0.xy, v0.xyxx, cb0[0].xyxx
mov o0.zw, v0.zzzw
mov o1.xyzw, v1.xyzw
mov o2.xyzw, cb0[1].xyzw
ret
