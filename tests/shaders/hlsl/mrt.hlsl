// two render targets from a struct
cbuffer c0 : register(b0) { float4 a; };
struct out2 { float4 c0 : SV_Target0; float4 c1 : SV_Target1; };
out2 main(float4 p : SV_Position)
{
    out2 o;
    o.c0 = a;
    o.c1 = a * 2.0;
    return o;
}
