// GS looping over its input vertices with a dynamic vertex index (fxc's
// code for `for (i = 0; i < 3; i++) { o = input[i]; stream.Append(o); }`)
.input SV_Position 0 0 xyzw float
.input TEXCOORD 0 1 xyzw float
.output SV_Position 0 0 xyzw float
.output TEXCOORD 0 1 xyzw float
gs_4_0
dcl_input_siv v[3][0].xyzw, position
dcl_input v[3][1].xyzw
dcl_inputprimitive triangle
dcl_outputtopology trianglestrip
dcl_output_siv o0.xyzw, position
dcl_output o1.xyzw
dcl_maxout 3
dcl_temps 1
mov r0.x, l(0)
loop
  ige r0.y, r0.x, l(3)
  breakc_nz r0.y
  mov o0.xyzw, v[r0.x + 0][0].xyzw
  mov o1.xyzw, v[r0.x + 0][1].xyzw
  emit
  iadd r0.x, r0.x, l(1)
endloop
ret
