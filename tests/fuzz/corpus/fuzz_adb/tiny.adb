<NodesDefinition>
<node name="regs" size="0x100.0" attr_is_union="1">
 <field name="demo" subnode="demo_ext" offset="0x0.0" selected_by="DEMO" size="0x20.0"/>
 <field name="demo2" subnode="demo2_ext" offset="0x0.0" selected_by="DEMO2" size="0x10.0"/>
 <field name="self" subnode="self_ext" offset="0x0.0" selected_by="SELF" size="0x8.0"/>
</node>
<node name="ids" size="0x4.0">
 <field name="register_id" offset="0x0.16" size="0x0.16" enum="DEMO=0x9f00,DEMO2=0x9f01,SELF=0x9f02,R0=0x9e00,R1=0x9e01,R2=0x9e02,R3=0x9e03,R4=0x9e04,R5=0x9e05,R6=0x9e06,R7=0x9e07,R8=0x9e08,R9=0x9e09,R10=0x9e0a,R11=0x9e0b,R12=0x9e0c,R13=0x9e0d,R14=0x9e0e,R15=0x9e0f,R16=0x9e10,R17=0x9e11,R18=0x9e12,R19=0x9e13,R20=0x9e14,R21=0x9e15,R22=0x9e16,R23=0x9e17,R24=0x9e18,R25=0x9e19,R26=0x9e1a,R27=0x9e1b,R28=0x9e1c,R29=0x9e1d,R30=0x9e1e,R31=0x9e1f"/>
</node>
<node name="demo_ext" size="0x20.0">
 <field name="status" access="RO" offset="0x0.28" size="0x0.4" enum="ok=0x0,bad value=0x1,busy=0x2"/>
 <field name="local_port" access="INDEX" offset="0x0.16" size="0x0.8"/>
 <field name="temperature" offset="0x4.0" size="0x0.16"/>
 <field name="counter" offset="0x8.0" size="0x8.0"/>
 <field name="lane" high_bound="3" low_bound="0" offset="0x10.24" size="0x4.0"/>
 <field name="inner" subnode="inner_ext" offset="0x14.0" size="0x4.0"/>
 <field name="sensor_name" subnode="uint64" offset="0x18.0" size="0x8.0"/>
</node>
<node name="inner_ext" size="0x4.0">
 <field name="mode" offset="0x0.24" size="0x0.8" enum="off=0x0,on=0x1"/>
 <field name="value" offset="0x0.0" size="0x0.16"/>
</node>
<node name="uint64" size="0x8.0">
 <field name="hi" offset="0x0.0" size="0x4.0"/>
 <field name="lo" offset="0x4.0" size="0x4.0"/>
</node>
<node name="demo2_ext" size="0x10.0">
 <field name="entry" subnode="inner_ext" high_bound="3" low_bound="0" offset="0x0.0" size="0x10.0"/>
</node>
<node name="self_ext" size="0x8.0">
 <field name="again" subnode="self_ext" offset="0x0.0" size="0x8.0"/>
 <field name="x" offset="0x4.0" size="0x4.0"/>
</node>
</NodesDefinition>
