// a * b + c on float4 constants
cbuffer c0 : register(b0) { float4 a; float4 b; float4 c; };
float4 main(float4 p : SV_Position) : SV_Target { return a * b + c; }
