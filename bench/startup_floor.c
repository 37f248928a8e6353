// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The start-up floor: a program that links what mlx5ctl cannot do
 * without (libibverbs for the devices, json-c for -j) and does nothing.
 * The calls are never made; they only keep the libraries NEEDED, so the
 * dynamic loader does for this program what it does for the tool.
 */
#include <infiniband/verbs.h>
#include <json-c/json.h>

int main(int argc, char **argv)
{
	if (argc > 1000) {
		ibv_free_device_list(ibv_get_device_list(NULL));
		json_object_put(json_object_new_object());
	}
	return 0;
}
