/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/* Closes a pass over the tables so the next one starts clean. */
#undef PRM_STRUCT
#undef PRM_FIELD
#undef PRM_ARRAY
#undef PRM_SUB
#undef PRM_SUBARRAY
#undef PRM_END
#undef PRM_REG
#undef PRM_CAP
#undef PRM_CHOICE
#undef PRM_REG_ID
#undef PRM_SEGMENT
#undef PRM_STATUS
#undef PRM_UCTX_CAP
