// floor (ceil is missing from Wine 8's compiler)
cbuffer c0 : register(b0) { float4 a; };
float4 main(float4 p : SV_Position) : SV_Target
{
    return float4(floor(a.x), floor(a.y), floor(a.z), floor(a.w));
}
