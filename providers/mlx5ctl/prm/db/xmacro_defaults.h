/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * Every consumer of the tables defines only the lines it cares about; the
 * rest expand to nothing.  No include guard: included once per pass.
 */
#ifndef PRM_STRUCT
#define PRM_STRUCT(s, size)
#endif
#ifndef PRM_FIELD
#define PRM_FIELD(s, f, off, bits, flags, enums)
#endif
#ifndef PRM_ARRAY
#define PRM_ARRAY(s, f, off, bits, count, flags)
#endif
#ifndef PRM_SUB
#define PRM_SUB(s, f, off, sub)
#endif
#ifndef PRM_SUBARRAY
#define PRM_SUBARRAY(s, f, off, count, sub)
#endif
#ifndef PRM_END
#define PRM_END(s)
#endif
#ifndef PRM_REG
#define PRM_REG(name, id, layout)
#endif
#ifndef PRM_CAP
#define PRM_CAP(name, type, layout)
#endif
#ifndef PRM_CHOICE
#define PRM_CHOICE(s, f, selector, value, layout)
#endif
#ifndef PRM_REG_ID
#define PRM_REG_ID(name, id)
#endif
#ifndef PRM_SEGMENT
#define PRM_SEGMENT(name, type, text, layout)
#endif
#ifndef PRM_STATUS
#define PRM_STATUS(name, value, text)
#endif
#ifndef PRM_UCTX_CAP
#define PRM_UCTX_CAP(name, bit, text)
#endif
