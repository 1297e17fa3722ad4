// two constant buffers
cbuffer c0 : register(b0) { float4 a; };
cbuffer c1 : register(b1) { float4 b; float4 c; };
float4 main(float4 p : SV_Position) : SV_Target { return a + c - b; }
