// float <-> int conversions
cbuffer c0 : register(b0) { float4 f; int4 i; };
uint4 main(float4 p : SV_Position) : SV_Target
{
    return uint4((int)f.x, (uint)f.y, asuint((float)i.x), asuint((float)(uint)i.y));
}
