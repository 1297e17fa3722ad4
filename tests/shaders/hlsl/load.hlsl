// Texture2D.Load with integer coordinates from a constant
Texture2D t : register(t0);
cbuffer c0 : register(b0) { int4 c; };
float4 main(float4 p : SV_Position) : SV_Target
{
    return t.Load(int3(c.x, c.y, 0));
}
