// signed integer add, subtract, multiply
cbuffer c0 : register(b0) { int4 a; int4 b; };
int4 main(float4 p : SV_Position) : SV_Target
{
    return int4(a.x + b.x, a.y - b.y, a.z * b.z, -a.w);
}
