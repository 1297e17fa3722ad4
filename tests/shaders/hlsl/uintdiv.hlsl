// unsigned divide and modulo
cbuffer c0 : register(b0) { uint4 a; uint4 b; };
uint4 main(float4 p : SV_Position) : SV_Target
{
    return uint4(a.x / b.x, a.x % b.x, a.y / b.y, a.y % b.y);
}
