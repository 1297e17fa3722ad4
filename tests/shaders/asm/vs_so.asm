// vertex shader feeding stream output only: o1 = (x*2, y*3, vertex id, 7)
.input POSITION 0 0 xyzw float
.input SV_VertexID 0 1 x uint sv=6
.output SV_Position 0 0 xyzw float
.output RESULT 0 1 xyzw float
vs_4_0
dcl_input v0.xyzw
dcl_input_sgv v1.x, vertex_id
dcl_output_siv o0.xyzw, position
dcl_output o1.xyzw
mov o0.xyzw, v0.xyzw
mul o1.xy, v0.xyxx, l(2.000000, 3.000000, 0, 0)
utof o1.z, v1.x
mov o1.w, l(7.000000)
ret
