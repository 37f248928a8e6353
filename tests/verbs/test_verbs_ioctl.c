/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * Byte-exact checks of the RDMA_VERBS_IOCTL builder: every command is
 * compared, header and attributes, with one laid out here directly from
 * the uAPI structs, the way ib_uverbs_ioctl() will read it.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <rdma/ib_user_ioctl_verbs.h>
#include <rdma/rdma_user_ioctl.h>

#include "../check.h"
#include "verbs_ioctl.h"

#define POISON 0xa5

/*
 * The header and room for its attributes (hdr.attrs[] is a flexible
 * array): a union, since C allows no member after such a struct.
 */
union expect {
	struct ib_uverbs_ioctl_hdr hdr;
	uint8_t room[sizeof(struct ib_uverbs_ioctl_hdr) +
		     16 * sizeof(struct ib_uverbs_attr)];
};

static void expect_hdr(union expect *e, uint16_t obj, uint16_t method,
		       uint32_t driver, uint16_t n)
{
	memset(e, 0, sizeof(*e));
	e->hdr.length = sizeof(e->hdr) + n * sizeof(e->hdr.attrs[0]);
	e->hdr.object_id = obj;
	e->hdr.method_id = method;
	e->hdr.num_attrs = n;
	e->hdr.driver_id = driver;
}

static struct ib_uverbs_attr *expect_attr(union expect *e, unsigned int i,
					  uint16_t id, uint16_t len,
					  uint16_t flags, uint64_t data)
{
	e->hdr.attrs[i].attr_id = id;
	e->hdr.attrs[i].len = len;
	e->hdr.attrs[i].flags = flags;
	e->hdr.attrs[i].data = data;
	return &e->hdr.attrs[i];
}

/* Nothing past the command may be written. */
static int untouched(const void *buf, size_t from, size_t to)
{
	const uint8_t *p = buf;
	size_t i;

	for (i = from; i < to; i++)
		if (p[i] != POISON)
			return 0;
	return 1;
}

static void test_abi(void)
{
	/* The layout the builder and the kernel agree on. */
	CHECK_EQ(sizeof(struct ib_uverbs_ioctl_hdr), 24);
	CHECK_EQ(sizeof(struct ib_uverbs_attr), 16);
	CHECK_EQ(offsetof(struct ib_uverbs_attr, data), 8);
	CHECK_EQ(VERBS_IOCTL_BUF_SIZE(3), 24 + 3 * 16);
	CHECK_EQ(UVERBS_ATTR_F_MANDATORY, 1);
	CHECK_EQ(UVERBS_ATTR_F_VALID_OUTPUT, 2);
	/* _IOWR(0x1b, 1, 24 bytes) */
	CHECK_EQ(RDMA_VERBS_IOCTL, 0xc0181b01UL);
}

static void test_full_command(void)
{
	uint64_t buf[VERBS_IOCTL_BUF_SIZE(10) / 8];
	uint8_t in5[5] = { 1, 2, 3, 4, 5 };
	uint8_t in8[8] = { 8, 7, 6, 5, 4, 3, 2, 1 };
	uint8_t in9[9] = { 9 };
	uint8_t big[65535] = {};
	uint32_t out4 = 0;
	struct ib_uverbs_attr *a;
	struct verbs_ioctl cmd;
	union expect e;
	uint8_t *d;
	uint32_t v32 = 0xdeadbeef;
	uint64_t v64 = 0x0102030405060708ULL;

	memset(buf, POISON, sizeof(buf));
	verbs_ioctl_init(&cmd, buf, sizeof(buf), 0x1234, 0x56,
			 RDMA_DRIVER_MLX5);
	CHECK(cmd.hdr == (void *)buf);
	CHECK_EQ(cmd.max_attrs, 10);
	verbs_ioctl_idr(&cmd, 0x1000, 7);
	verbs_ioctl_u32(&cmd, 0x1001, v32, true);
	verbs_ioctl_u64(&cmd, 0x1002, v64, false);
	verbs_ioctl_ptr_in(&cmd, 0x1003, in5, sizeof(in5), true);
	verbs_ioctl_ptr_in(&cmd, 0x1004, in8, sizeof(in8), false);
	verbs_ioctl_ptr_in(&cmd, 0x1005, in9, sizeof(in9), true);
	verbs_ioctl_ptr_out(&cmd, 0x1006, &out4, sizeof(out4), true);
	verbs_ioctl_ptr_in(&cmd, 0x1007, NULL, 0, false);
	verbs_ioctl_ptr_in(&cmd, 0x1008, big, sizeof(big), true);
	CHECK_EQ(verbs_ioctl_finish(&cmd), 0);

	expect_hdr(&e, 0x1234, 0x56, RDMA_DRIVER_MLX5, 9);
	/* IDR: handle in data, len 0, always mandatory */
	expect_attr(&e, 0, 0x1000, 0, UVERBS_ATTR_F_MANDATORY, 7);
	/* u32 and u64: inline, as their bytes in memory */
	a = expect_attr(&e, 1, 0x1001, 4, UVERBS_ATTR_F_MANDATORY, 0);
	memcpy(&a->data, &v32, 4);
	expect_attr(&e, 2, 0x1002, 8, 0, v64);
	/* up to 8 bytes inline and zero padded */
	a = expect_attr(&e, 3, 0x1003, 5, UVERBS_ATTR_F_MANDATORY, 0);
	d = (uint8_t *)&a->data;
	d[0] = 1, d[1] = 2, d[2] = 3, d[3] = 4, d[4] = 5;
	a = expect_attr(&e, 4, 0x1004, 8, 0, 0);
	d = (uint8_t *)&a->data;
	d[0] = 8, d[1] = 7, d[2] = 6, d[3] = 5;
	d[4] = 4, d[5] = 3, d[6] = 2, d[7] = 1;
	/* 9 bytes and up: a pointer */
	expect_attr(&e, 5, 0x1005, 9, UVERBS_ATTR_F_MANDATORY,
		    (uintptr_t)in9);
	/* output: a pointer even when small */
	expect_attr(&e, 6, 0x1006, 4, UVERBS_ATTR_F_MANDATORY,
		    (uintptr_t)&out4);
	expect_attr(&e, 7, 0x1007, 0, 0, 0);
	/* the largest length the u16 holds */
	expect_attr(&e, 8, 0x1008, 65535, UVERBS_ATTR_F_MANDATORY,
		    (uintptr_t)big);

	CHECK_EQ(e.hdr.length, 24 + 9 * 16);
	CHECK_EQ(cmd.hdr->length, e.hdr.length);
	CHECK_MEM(buf, &e, e.hdr.length);
	CHECK(untouched(buf, e.hdr.length, sizeof(buf)));

	/* What the kernel writes back is read back. */
	{
		uint32_t h = 0;

		CHECK_EQ(verbs_ioctl_idr_result(&cmd, 0x1000, &h), 0);
		CHECK_EQ(h, 7);
		cmd.hdr->attrs[0].data = 0x7fffffff;
		CHECK_EQ(verbs_ioctl_idr_result(&cmd, 0x1000, &h), 0);
		CHECK_EQ(h, 0x7fffffff);
		cmd.hdr->attrs[0].data_s64 = -1;
		CHECK_EQ(verbs_ioctl_idr_result(&cmd, 0x1000, &h), EOVERFLOW);
		cmd.hdr->attrs[0].data = 1ULL << 32;
		CHECK_EQ(verbs_ioctl_idr_result(&cmd, 0x1000, &h), EOVERFLOW);
		CHECK_EQ(verbs_ioctl_idr_result(&cmd, 0x2000, &h), ENOENT);
		CHECK_EQ(verbs_ioctl_idr_result(&cmd, 0x1000, NULL), EINVAL);
		CHECK_EQ(verbs_ioctl_idr_result(NULL, 0x1000, &h), ENOENT);

		CHECK(!verbs_ioctl_valid_output(&cmd, 0x1006));
		cmd.hdr->attrs[6].flags |= UVERBS_ATTR_F_VALID_OUTPUT;
		CHECK(verbs_ioctl_valid_output(&cmd, 0x1006));
		CHECK(!verbs_ioctl_valid_output(&cmd, 0x2000));
		CHECK(!verbs_ioctl_valid_output(NULL, 0x1006));
	}
}

static void test_empty_and_reinit(void)
{
	uint64_t buf[VERBS_IOCTL_BUF_SIZE(2) / 8];
	struct verbs_ioctl cmd;
	union expect e;

	/* A method without attributes is the header alone. */
	memset(buf, POISON, sizeof(buf));
	verbs_ioctl_init(&cmd, buf, sizeof(buf), 1, 2, 0);
	CHECK_EQ(verbs_ioctl_finish(&cmd), 0);
	expect_hdr(&e, 1, 2, 0, 0);
	CHECK_MEM(buf, &e, sizeof(e.hdr));
	CHECK(untouched(buf, sizeof(e.hdr), sizeof(buf)));

	/* Reusing a buffer starts clean: no stale attributes or reserved bits. */
	memset(buf, 0xff, sizeof(buf));
	verbs_ioctl_init(&cmd, buf, sizeof(buf), 3, 4, RDMA_DRIVER_MLX5);
	verbs_ioctl_u32(&cmd, 9, 0x11, false);
	CHECK_EQ(verbs_ioctl_finish(&cmd), 0);
	expect_hdr(&e, 3, 4, RDMA_DRIVER_MLX5, 1);
	expect_attr(&e, 0, 9, 4, 0, 0);
	memcpy(&e.hdr.attrs[0].data, &(uint32_t){ 0x11 }, 4);
	CHECK_MEM(buf, &e, e.hdr.length);
}

static void test_enospc(void)
{
	uint64_t buf[VERBS_IOCTL_BUF_SIZE(2) / 8 + 1];
	uint8_t big[100];
	struct verbs_ioctl cmd;
	union expect e;

	memset(buf, POISON, sizeof(buf));
	/* room for 2 attributes and a half: 2 */
	verbs_ioctl_init(&cmd, buf, VERBS_IOCTL_BUF_SIZE(2) + 8, 1, 2, 3);
	CHECK_EQ(cmd.max_attrs, 2);
	verbs_ioctl_u64(&cmd, 1, 1, true);
	verbs_ioctl_u64(&cmd, 2, 2, true);
	CHECK_EQ(verbs_ioctl_finish(&cmd), 0);
	verbs_ioctl_u64(&cmd, 3, 3, true);
	CHECK_EQ(verbs_ioctl_finish(&cmd), ENOSPC);
	/* sticky: the first error stays, later attributes are dropped */
	verbs_ioctl_ptr_in(&cmd, 4, big, 70000, true);
	CHECK_EQ(verbs_ioctl_finish(&cmd), ENOSPC);

	expect_hdr(&e, 1, 2, 3, 2);
	expect_attr(&e, 0, 1, 8, UVERBS_ATTR_F_MANDATORY, 1);
	expect_attr(&e, 1, 2, 8, UVERBS_ATTR_F_MANDATORY, 2);
	CHECK_MEM(buf, &e, e.hdr.length);
	CHECK(untouched(buf, e.hdr.length, sizeof(buf)));

	/* header only: no attribute fits */
	verbs_ioctl_init(&cmd, buf, sizeof(struct ib_uverbs_ioctl_hdr), 1, 2,
			 3);
	CHECK_EQ(cmd.max_attrs, 0);
	verbs_ioctl_idr(&cmd, 1, 0);
	CHECK_EQ(verbs_ioctl_finish(&cmd), ENOSPC);
	CHECK_EQ(cmd.hdr->num_attrs, 0);
	CHECK_EQ(cmd.hdr->length, sizeof(struct ib_uverbs_ioctl_hdr));
}

static void test_eoverflow(void)
{
	uint64_t buf[VERBS_IOCTL_BUF_SIZE(2) / 8];
	static uint8_t big[65536];
	struct verbs_ioctl cmd;
	struct ib_uverbs_attr *attrs;
	size_t n, len, i;
	void *heap;

	/* attr.len is a u16 */
	verbs_ioctl_init(&cmd, buf, sizeof(buf), 1, 2, 3);
	verbs_ioctl_ptr_in(&cmd, 1, big, sizeof(big), true);
	CHECK_EQ(verbs_ioctl_finish(&cmd), EOVERFLOW);
	CHECK_EQ(cmd.hdr->num_attrs, 0);

	verbs_ioctl_init(&cmd, buf, sizeof(buf), 1, 2, 3);
	verbs_ioctl_ptr_out(&cmd, 1, big, sizeof(big), true);
	CHECK_EQ(verbs_ioctl_finish(&cmd), EOVERFLOW);

	verbs_ioctl_init(&cmd, buf, sizeof(buf), 1, 2, 3);
	verbs_ioctl_ptr_out(&cmd, 1, big, SIZE_MAX, true);
	CHECK_EQ(verbs_ioctl_finish(&cmd), EOVERFLOW);

	/*
	 * hdr.length is a u16 too: a big buffer holds more attributes than
	 * the header can count bytes for.  24 + 4094 * 16 = 65528 fits.
	 */
	n = 5000;
	len = VERBS_IOCTL_BUF_SIZE(n);
	heap = malloc(len);
	CHECK(heap);
	if (!heap)
		return;
	verbs_ioctl_init(&cmd, heap, len, 1, 2, 3);
	CHECK_EQ(cmd.max_attrs, n);
	for (i = 0; i < 4094; i++)
		verbs_ioctl_idr(&cmd, i, i);
	CHECK_EQ(verbs_ioctl_finish(&cmd), 0);
	CHECK_EQ(cmd.hdr->length, 65528);
	verbs_ioctl_idr(&cmd, 5000, 0);
	CHECK_EQ(verbs_ioctl_finish(&cmd), EOVERFLOW);
	CHECK_EQ(cmd.hdr->num_attrs, 4094);
	attrs = cmd.hdr->attrs;
	CHECK_EQ(attrs[4093].attr_id, 4093);
	CHECK_EQ(attrs[4093].data, 4093);
	free(heap);

	/* a buffer beyond 65535 attributes: the count is capped, not wrapped */
	len = VERBS_IOCTL_BUF_SIZE(70000);
	heap = malloc(len);
	CHECK(heap);
	if (!heap)
		return;
	verbs_ioctl_init(&cmd, heap, len, 1, 2, 3);
	CHECK_EQ(cmd.max_attrs, UINT16_MAX);
	free(heap);
}

static void test_einval(void)
{
	uint64_t buf[VERBS_IOCTL_BUF_SIZE(4) / 8 + 1];
	struct verbs_ioctl cmd;

	/* no buffer, a buffer shorter than the header, a misaligned one */
	verbs_ioctl_init(&cmd, NULL, 100, 1, 2, 3);
	CHECK(!cmd.hdr);
	verbs_ioctl_u32(&cmd, 1, 1, true);
	verbs_ioctl_idr(&cmd, 2, 1);
	CHECK_EQ(verbs_ioctl_finish(&cmd), EINVAL);

	verbs_ioctl_init(&cmd, buf, sizeof(struct ib_uverbs_ioctl_hdr) - 1, 1,
			 2, 3);
	CHECK_EQ(verbs_ioctl_finish(&cmd), EINVAL);

	verbs_ioctl_init(&cmd, (uint8_t *)buf + 4, sizeof(buf) - 4, 1, 2, 3);
	CHECK_EQ(verbs_ioctl_finish(&cmd), EINVAL);

	/* NULL data with a length */
	verbs_ioctl_init(&cmd, buf, sizeof(buf), 1, 2, 3);
	verbs_ioctl_ptr_in(&cmd, 1, NULL, 4, true);
	CHECK_EQ(verbs_ioctl_finish(&cmd), EINVAL);
	CHECK_EQ(cmd.hdr->num_attrs, 0);
	verbs_ioctl_init(&cmd, buf, sizeof(buf), 1, 2, 3);
	verbs_ioctl_ptr_out(&cmd, 1, NULL, 16, true);
	CHECK_EQ(verbs_ioctl_finish(&cmd), EINVAL);

	/* the same attribute twice: the kernel would refuse it */
	verbs_ioctl_init(&cmd, buf, sizeof(buf), 1, 2, 3);
	verbs_ioctl_u32(&cmd, 7, 1, true);
	verbs_ioctl_u64(&cmd, 7, 2, false);
	CHECK_EQ(verbs_ioctl_finish(&cmd), EINVAL);
	CHECK_EQ(cmd.hdr->num_attrs, 1);

	/* no command at all: nothing crashes */
	verbs_ioctl_init(NULL, buf, sizeof(buf), 1, 2, 3);
	verbs_ioctl_ptr_in(NULL, 1, buf, 4, true);
	verbs_ioctl_ptr_out(NULL, 1, buf, 4, true);
	verbs_ioctl_u32(NULL, 1, 1, true);
	verbs_ioctl_u64(NULL, 1, 1, true);
	verbs_ioctl_idr(NULL, 1, 1);
	CHECK_EQ(verbs_ioctl_finish(NULL), EINVAL);
}

int main(void)
{
	test_abi();
	test_full_command();
	test_empty_and_reinit();
	test_enospc();
	test_eoverflow();
	test_einval();
	return check_done("test_verbs_ioctl");
}
