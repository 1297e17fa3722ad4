// nointerpolation integer input from vs_ids
uint4 main(float4 p : SV_Position, float4 tc : TEXCOORD0, nointerpolation uint2 ids : IDS) : SV_Target
{
    return uint4(ids.x, ids.y, 0, 0);
}
