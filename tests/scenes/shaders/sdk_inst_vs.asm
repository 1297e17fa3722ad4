// Instanced cubes with per-instance data in a constant buffer array
// (SDK-like; SV_InstanceID picks the instance's entry):
//   cbuffer cb0 { matrix View; matrix Projection; float4 Inst[2 * N]; }
//   float4 o = Inst[2 * id];   // xyz offset, w scale
//   output.Pos = mul(mul(float4(Pos.xyz * o.w + o.xyz, 1), View), Projection);
//   output.Color = Color * Inst[2 * id + 1];
// Matrices are uploaded transposed: row i in the buffer is column i.
.input POSITION 0 0 xyzw float
.input COLOR 0 1 xyzw float
.input SV_InstanceID 0 2 x uint sv=8
.output SV_Position 0 0 xyzw float
.output COLOR 0 1 xyzw float
vs_4_0
dcl_constantbuffer cb0[16], dynamicIndexed
dcl_input v0.xyzw
dcl_input v1.xyzw
dcl_input_sgv v2.x, instance_id
dcl_output_siv o0.xyzw, position
dcl_output o1.xyzw
dcl_temps 3
ishl r0.x, v2.x, l(1)
mad r1.xyz, v0.xyzx, cb0[r0.x + 8].wwww, cb0[r0.x + 8].xyzx
mov r1.w, l(1.0)
dp4 r2.x, r1.xyzw, cb0[0].xyzw
dp4 r2.y, r1.xyzw, cb0[1].xyzw
dp4 r2.z, r1.xyzw, cb0[2].xyzw
dp4 r2.w, r1.xyzw, cb0[3].xyzw
dp4 o0.x, r2.xyzw, cb0[4].xyzw
dp4 o0.y, r2.xyzw, cb0[5].xyzw
dp4 o0.z, r2.xyzw, cb0[6].xyzw
dp4 o0.w, r2.xyzw, cb0[7].xyzw
mul o1.xyzw, v1.xyzw, cb0[r0.x + 9].xyzw
ret
