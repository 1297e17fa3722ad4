// floor, ceil, round-toward-zero via int cast
cbuffer c0 : register(b0) { float4 a; };
float4 main(float4 p : SV_Position) : SV_Target
{
    return float4(floor(a.x), ceil(a.y), floor(a.z), ceil(a.w));
}
