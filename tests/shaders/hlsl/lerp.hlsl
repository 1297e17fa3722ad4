// lerp between two constants
cbuffer c0 : register(b0) { float4 a; float4 b; float4 t; };
float4 main(float4 p : SV_Position) : SV_Target { return lerp(a, b, t); }
