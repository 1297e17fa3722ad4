// Tutorial 6 PSSolid (the light cubes): return vOutputColor;
// vOutputColor is cb0[16] of the sample's one cbuffer (see tut06_ps.asm);
// the input is the lit shader's (the same VS feeds both).
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyz float
.output SV_Target 0 0 xyzw float
ps_4_0
dcl_constantbuffer cb0[17], immediateIndexed
dcl_output o0.xyzw
mov o0.xyzw, cb0[16].xyzw
ret
