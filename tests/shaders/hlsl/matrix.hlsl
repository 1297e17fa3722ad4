// vector * matrix from a constant buffer
cbuffer c0 : register(b0) { float4x4 m; float4 v; };
float4 main(float4 p : SV_Position) : SV_Target { return mul(v, m); }
