// GS inputs indexed through an indexable temp rather than r#: the loop
// counter lives in x0[0].x and the register number (cb0[0].x) in x0[1].y,
// so v[x0[0].x][0] and v[x0[0].x][x0[1].y] are both dynamic through x#
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Position 0 0 xyzw float
.output TEXCOORD 0 1 xyzw float
gs_4_0
dcl_constantbuffer cb0[1], immediateIndexed
dcl_input_siv v[3][0].xyzw, position
dcl_input v[3][1].xyzw
dcl_temps 1
dcl_indexableTemp x0[2], 4
dcl_indexrange v[3][0].xyzw, 2
dcl_inputprimitive triangle
dcl_outputtopology trianglestrip
dcl_output_siv o0.xyzw, position
dcl_output o1.xyzw
dcl_maxout 3
mov x0[0].x, l(0)
mov x0[1].y, cb0[0].x
loop
  mov r0.y, x0[0].x
  ige r0.x, r0.y, l(3)
  breakc_nz r0.x
  mov o0.xyzw, v[x0[0].x + 0][0].xyzw
  mov o1.xyzw, v[x0[0].x + 0][x0[1].y + 0].xyzw
  emit
  iadd x0[0].x, r0.y, l(1)
endloop
ret
