// GS: a loop emits each input vertex twice (second copy offset by 10 in y)
// with the primitive id, as two strips; captured by stream output
.input SV_Position 0 0 xyzw float
.input RESULT 0 1 xyzw float
.output SV_Position 0 0 xyzw float
.output OUT 0 1 xyzw float
gs_4_0
dcl_input_siv v[3][0].xyzw, position
dcl_input v[3][1].xyzw
dcl_input vPrim
dcl_inputprimitive triangle
dcl_outputtopology trianglestrip
dcl_output_siv o0.xyzw, position
dcl_output o1.xyzw
dcl_maxout 6
dcl_temps 2
mov r0.x, l(0)
loop
  ieq r1.x, r0.x, l(2)
  breakc_nz r1.x
  itof r1.y, r0.x
  mul r1.y, r1.y, l(10.000000)
  mov o0.xyzw, v[0][0].xyzw
  add o1.x, v[0][1].y, r1.y
  mov o1.y, l(0)
  utof o1.z, vPrim
  mov o1.w, l(1.000000)
  emit
  mov o0.xyzw, v[1][0].xyzw
  add o1.x, v[1][1].y, r1.y
  mov o1.y, l(1.000000)
  utof o1.z, vPrim
  mov o1.w, l(1.000000)
  emit
  mov o0.xyzw, v[2][0].xyzw
  add o1.x, v[2][1].y, r1.y
  mov o1.y, l(2.000000)
  utof o1.z, vPrim
  mov o1.w, l(1.000000)
  emit
  cut
  iadd r0.x, r0.x, l(1)
endloop
ret
