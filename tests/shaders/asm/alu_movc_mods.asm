// movc with float modifiers on the selected values
.input SV_Position 0 0 xyzw float
.output SV_Target 0 0 xyzw uint
ps_4_0
dcl_constantbuffer cb0[3], immediateIndexed
dcl_output o0.xyzw
movc o0.xyzw, cb0[0].xyzw, -cb0[1].xyzw, |cb0[2].xyzw|
ret
