// min, max, abs, saturate
cbuffer c0 : register(b0) { float4 a; float4 b; };
float4 main(float4 p : SV_Position) : SV_Target
{
    return float4(min(a.x, b.x), max(a.y, b.y), abs(a.z), saturate(a.w));
}
