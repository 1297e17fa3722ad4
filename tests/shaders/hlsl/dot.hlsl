// dot products of 2, 3 and 4 components, and a difference
cbuffer c0 : register(b0) { float4 a; float4 b; };
float4 main(float4 p : SV_Position) : SV_Target
{
    return float4(dot(a.xy, b.xy), dot(a.xyz, b.xyz), dot(a, b), a.w - b.w);
}
