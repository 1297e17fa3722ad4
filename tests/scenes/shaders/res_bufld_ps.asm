// Reads a buffer SRV: element = pixel column / 4 (t0, R8G8B8A8_UNORM
// elements): a 16-pixel-wide target shows elements 0..3 as 4-pixel bands.
.input SV_Position 0 0 xyzw float
.output SV_Target 0 0 xyzw float
ps_4_0
dcl_resource_buffer (float,float,float,float) t0
dcl_input_ps_siv linear noperspective v0.x, position
dcl_output o0.xyzw
dcl_temps 1
ftoi r0.x, v0.x
ushr r0.x, r0.x, l(2)
ld o0.xyzw, r0.xxxx, t0.xyzw
ret
