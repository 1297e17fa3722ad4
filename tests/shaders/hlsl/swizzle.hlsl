// swizzles and component writes
cbuffer c0 : register(b0) { float4 a; };
float4 main(float4 p : SV_Position) : SV_Target
{
    float4 r = a.wzyx;
    r.xy = a.yy;
    return r;
}
