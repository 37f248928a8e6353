/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/* Between the catalogue (prm_db.c) and the enum names (prm_enum.c). */
#ifndef MLX5CTL_PRM_ENUM_H
#define MLX5CTL_PRM_ENUM_H

#include "prm.h"

struct prm_enum_tab;

/*
 * Where the parsed enum names of built-in field F are kept (NULL until
 * made), or NULL when F is not a built-in field.
 */
const struct prm_enum_tab **prm_enum_slot(const struct prm_field *f);

#endif
