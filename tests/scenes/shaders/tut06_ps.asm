// Tutorial 6 PS (two directional lights):
//   for i in 0..1: finalColor += saturate(dot(vLightDir[i], input.Norm) * vLightColor[i]);
// The sample's one cbuffer, bound to the VS and the PS alike: World, View,
// Projection (cb0[0..11]), vLightDir[2] (cb0[12..13]), vLightColor[2]
// (cb0[14..15]), vOutputColor (cb0[16]).  With unit normals and light
// colours in [0,1], saturate(d * c) = saturate(d) * c, hence dp3_sat + mad.
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyz float
.output SV_Target 0 0 xyzw float
ps_4_0
dcl_constantbuffer cb0[16], immediateIndexed
dcl_input_ps linear v1.xyz
dcl_output o0.xyzw
dcl_temps 2
dp3_sat r0.x, cb0[12].xyzx, v1.xyzx
dp3_sat r0.y, cb0[13].xyzx, v1.xyzx
mul r1.xyz, r0.xxxx, cb0[14].xyzx
mad r1.xyz, r0.yyyy, cb0[15].xyzx, r1.xyzx
mov r1.w, l(1.0)
mov o0.xyzw, r1.xyzw
ret
