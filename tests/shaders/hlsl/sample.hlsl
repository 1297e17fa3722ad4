// Texture2D.Sample at the interpolated texcoord
Texture2D t : register(t0);
SamplerState s : register(s0);
float4 main(float4 p : SV_Position, float4 tc : TEXCOORD0) : SV_Target
{
    return t.Sample(s, tc.xy);
}
