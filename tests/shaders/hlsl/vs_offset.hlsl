// vertex shader: passes position and texcoord, adds a constant to texcoord
cbuffer c0 : register(b0) { float4 off; };
struct vout { float4 pos : SV_Position; float4 tc : TEXCOORD0; };
vout main(float4 pos : POSITION, float4 tc : TEXCOORD0)
{
    vout o;
    o.pos = pos;
    o.tc = tc + off;
    return o;
}
