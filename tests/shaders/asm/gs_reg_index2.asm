// GS input read with both indices dynamic: a loop over the input vertices
// (r0.x) reading register cb0[0].x (r0.y) of each: v[r0.x][r0.y]
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Position 0 0 xyzw float
.output TEXCOORD 0 1 xyzw float
gs_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_input_siv v[3][0].xyzw, position
dcl_input v[3][1].xyzw
dcl_temps 2
dcl_indexrange v[3][0].xyzw, 2
dcl_inputprimitive triangle
dcl_outputtopology trianglestrip
dcl_output_siv o0.xyzw, position
dcl_output o1.xyzw
dcl_maxout 3
mov r0.x, l(0)
mov r0.y, cb0[0].x
loop
  ige r1.x, r0.x, l(3)
  breakc_nz r1.x
  mov o0.xyzw, v[r0.x + 0][0].xyzw
  mov o1.xyzw, v[r0.x + 0][r0.y + 0].xyzw
  emit
  iadd r0.x, r0.x, l(1)
endloop
ret
