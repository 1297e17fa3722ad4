// comparisons turned into 0/1
cbuffer c0 : register(b0) { float4 a; float4 b; };
uint4 main(float4 p : SV_Position) : SV_Target
{
    return uint4((uint)(a.x < b.x), (uint)(a.y >= b.y), (uint)(a.z == b.z), (uint)(a.w != b.w));
}
