// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * A program that links libc alone and does nothing: the stand-in for a
 * tool without dependencies, such as the upstream mlx5ctl utility.
 */
int main(void)
{
	return 0;
}
