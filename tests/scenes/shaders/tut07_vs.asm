// Tutorial 7 VS (three constant buffers, as the sample splits them):
//   cbuffer cbNeverChanges : register(b0) { matrix View; }
//   cbuffer cbChangeOnResize : register(b1) { matrix Projection; }
//   cbuffer cbChangesEveryFrame : register(b2) { matrix World; float4 vMeshColor; }
//   output.Pos = mul(mul(mul(Pos, World), View), Projection); output.Tex = Tex;
// Matrices are uploaded transposed: row i in the buffer is column i.
.input POSITION 0 0 xyzw float
.input TEXCOORD 0 1 xy float
.output SV_Position 0 0 xyzw float
.output TEXCOORD 0 1 xy float
vs_4_0
dcl_constantbuffer cb0[4], immediateIndexed
dcl_constantbuffer cb1[4], immediateIndexed
dcl_constantbuffer cb2[5], immediateIndexed
dcl_input v0.xyzw
dcl_input v1.xy
dcl_output_siv o0.xyzw, position
dcl_output o1.xy
dcl_temps 2
dp4 r0.x, v0.xyzw, cb2[0].xyzw
dp4 r0.y, v0.xyzw, cb2[1].xyzw
dp4 r0.z, v0.xyzw, cb2[2].xyzw
dp4 r0.w, v0.xyzw, cb2[3].xyzw
dp4 r1.x, r0.xyzw, cb0[0].xyzw
dp4 r1.y, r0.xyzw, cb0[1].xyzw
dp4 r1.z, r0.xyzw, cb0[2].xyzw
dp4 r1.w, r0.xyzw, cb0[3].xyzw
dp4 o0.x, r1.xyzw, cb1[0].xyzw
dp4 o0.y, r1.xyzw, cb1[1].xyzw
dp4 o0.z, r1.xyzw, cb1[2].xyzw
dp4 o0.w, r1.xyzw, cb1[3].xyzw
mov o1.xy, v1.xyxx
ret
