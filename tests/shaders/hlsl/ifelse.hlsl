// if/else on a constant
cbuffer c0 : register(b0) { float4 a; };
float4 main(float4 p : SV_Position) : SV_Target
{
    float4 r;
    if (a.x > 0.5)
        r = float4(1, 2, 3, 4);
    else
        r = float4(5, 6, 7, 8);
    return r;
}
