// interpolated texcoord, scaled
float4 main(float4 p : SV_Position, float4 tc : TEXCOORD0) : SV_Target
{
    return float4(tc.x * 2.0, tc.y + 1.0, tc.x * tc.y, 1.0);
}
