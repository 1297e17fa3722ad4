// outputs o1..o3 written through a dynamic index (dcl_indexrange):
// o[k] = (k, 2k, 3k, 4k) + cb0[0] for k = 1..3
.input POSITION 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Position 0 0 xyzw float
.output ARR 0 1 xyzw float
.output ARR 1 2 xyzw float
.output ARR 2 3 xyzw float
vs_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_input v0.xyzw
dcl_output_siv o0.xyzw, position
dcl_output o1.xyzw
dcl_output o2.xyzw
dcl_output o3.xyzw
dcl_indexrange o1.xyzw, 3
dcl_temps 2
mov o0.xyzw, v0.xyzw
mov r0.x, l(1)
loop
  ilt r0.y, l(3), r0.x
  breakc_nz r0.y
  itof r1.x, r0.x
  mul r1.xyzw, r1.x, l(1.000000, 2.000000, 3.000000, 4.000000)
  add o[r0.x + 0].xyzw, r1.xyzw, cb0[0].xyzw
  iadd r0.x, r0.x, l(1)
endloop
ret
