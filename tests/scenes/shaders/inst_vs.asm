// Instancing through SV_InstanceID: each instance moves right by 0.5 in NDC.
//   output.Pos = Pos + float4(0.5 * id, 0, 0, 0);
.input POSITION 0 0 xyzw float
.input SV_InstanceID 0 1 x uint sv=8
.output SV_Position 0 0 xyzw float
vs_4_0
dcl_input v0.xyzw
dcl_input_sgv v1.x, instance_id
dcl_output_siv o0.xyzw, position
dcl_temps 1
utof r0.x, v1.x
mad o0.x, r0.x, l(0.5), v0.x
mov o0.yzw, v0.yyzw
ret
