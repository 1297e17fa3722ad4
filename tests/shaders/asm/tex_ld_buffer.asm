// ld from a buffer SRV: element index = pixel column + cb0[0].x
.input SV_Position 0 0 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_resource_buffer (uint,uint,uint,uint) t0
dcl_input_ps_siv linear noperspective v0.x, position
dcl_output o0.xyzw
dcl_temps 1
ftoi r0.x, v0.x
iadd r0.x, r0.x, cb0[0].x
ld o0.xyzw, r0.x, t0.xyzw
ret
