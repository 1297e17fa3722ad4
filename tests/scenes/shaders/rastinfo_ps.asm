// The `rasterizer` operand of sampleinfo: the bound render target's sample
// count (float) / 4 in red, so 1 sample gives 64, 4 samples 255.
.input SV_Position 0 0 xyzw float
.input COLOR 0 1 xyzw float
.output SV_Target 0 0 xyzw float
ps_4_1
dcl_output o0.xyzw
dcl_temps 1
sampleinfo r0.x, rasterizer.x
mul o0.x, r0.x, l(0.25)
mov o0.yzw, l(0, 0, 0, 1.0)
ret
