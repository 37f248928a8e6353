// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Print the emulated kernel's policy decisions in the form
 * tests/policy/oracle compares with upstream fwctl/mlx5's decisions (the
 * kernel's KUnit suite prints the same lines from the real kernel):
 *
 *   KIND FIRST[..LAST] SCOPE      one line per run of equal decisions
 *
 * KIND: op (opcode, header only), regw/OP regr/OP regm/OP (register
 * write, read, other op_mod, by register id or op_mod), vhca (opcode with
 * a vhca_tunnel_id), flag/OP:BIT rflag/REG:BIT req/OP:BIT (an inbox or
 * register-data bit set), each decided with the lowest scope that passes.
 *
 *   policy_dump ctl|fwctl
 */
#include <stdio.h>
#include <string.h>

#include "emu_kernel.h"
#include "opcodes.h"
#include "prm.h"

#define INLEN 64

static int (*policy)(const void *in, size_t inlen);

static const char *const scope_names[] = {
	"configuration", "debug-read-only", "debug-write", "debug-write-full",
};

static const char *name(int scope)
{
	return scope < 0 ? "refused" : scope_names[scope];
}

/* Runs of one KIND: print a line whenever the decision changes. */
struct run {
	const char *kind;
	unsigned int first, last;
	int scope;
	bool open;
};

static void run_flush(struct run *r)
{
	if (!r->open)
		return;
	if (r->first == r->last)
		printf("%s 0x%04x %s\n", r->kind, r->first, name(r->scope));
	else
		printf("%s 0x%04x..0x%04x %s\n", r->kind, r->first, r->last,
		       name(r->scope));
	r->open = false;
}

static void run_add(struct run *r, unsigned int key, int scope)
{
	if (r->open && r->scope == scope && r->last + 1 == key) {
		r->last = key;
		return;
	}
	run_flush(r);
	*r = (struct run){ r->kind, key, key, scope, true };
}

static int decide(uint16_t opcode, uint16_t op_mod, uint16_t reg_id,
		  bool vhca, int bit)
{
	uint8_t in[INLEN] = {};

	PRM_SET(mbox_in, in, opcode, opcode);
	PRM_SET(mbox_in, in, op_mod, op_mod);
	PRM_SET(access_register_in, in, register_id, reg_id);
	if (vhca)
		prm_set(in, 0x20, 0x10, 1);
	if (bit >= 0)
		prm_set(in, bit, 1, 1);
	return policy(in, sizeof(in));
}

static bool is_reg_op(unsigned int op)
{
	return op == MLX5_CMD_OP_ACCESS_REG ||
	       op == MLX5_CMD_OP_ACCESS_REGISTER_USER;
}

static void dump_opcodes(void)
{
	struct run op = { "op" }, vhca = { "vhca" };
	unsigned int v;

	for (v = 0; v <= 0xffff; v++) {
		/* Register opcodes: a read of register 0 stands for them. */
		uint16_t op_mod = is_reg_op(v) ? 1 : 0;

		if (!is_reg_op(v))
			run_add(&op, v, decide(v, 0, 0, false, -1));
		run_add(&vhca, v, decide(v, op_mod, 0, true, -1));
	}
	run_flush(&op);
	run_flush(&vhca);
}

static void dump_registers(uint16_t opcode)
{
	char kw[16], kr[16], km[16];
	struct run w = { kw }, r = { kr }, m = { km };
	unsigned int v;

	snprintf(kw, sizeof(kw), "regw/0x%x", opcode);
	snprintf(kr, sizeof(kr), "regr/0x%x", opcode);
	snprintf(km, sizeof(km), "regm/0x%x", opcode);
	for (v = 0; v <= 0xffff; v++) {
		run_add(&w, v, decide(opcode, 0, v, false, -1));
		run_add(&r, v, decide(opcode, 1, v, false, -1));
		/* op_mod V (2 and up), register id V: neither read nor write */
		if (v >= 2)
			run_add(&m, v, decide(opcode, v, v, false, -1));
	}
	run_flush(&w);
	run_flush(&r);
	run_flush(&m);
}

static void point(const char *kind, unsigned int id, unsigned int bit,
		  int scope)
{
	printf("%s/0x%04x:0x%x 0x0000 %s\n", kind, id, bit, name(scope));
}

/* The bits policy.def names, each set alone. */
static void dump_flags(void)
{
	/* Register-data bits sit after the 16-byte header. */
	const unsigned int data = PRM_SIZE(access_register_in) * 8;

#define POLICY_OP_FLAG(n, bit, s) \
	point("flag", MLX5_CMD_OP_##n, bit, \
	      decide(MLX5_CMD_OP_##n, 0, 0, false, bit));
#define POLICY_OP_REQUIRES(n, bit) \
	point("req", MLX5_CMD_OP_##n, bit, \
	      decide(MLX5_CMD_OP_##n, 0, 0, false, bit));
#define POLICY_REG_FLAG(n, id, bit) \
	point("rflag", id, bit, \
	      decide(MLX5_CMD_OP_ACCESS_REG, 1, id, false, data + (bit)));
#include "policy.def"
}

int main(int argc, char **argv)
{
	if (argc != 2 || (strcmp(argv[1], "ctl") && strcmp(argv[1], "fwctl"))) {
		fprintf(stderr, "usage: policy_dump ctl|fwctl\n");
		return 2;
	}
	policy = strcmp(argv[1], "ctl") ? emu_policy_fwctl : emu_policy_ctl;
	dump_opcodes();
	dump_registers(MLX5_CMD_OP_ACCESS_REG);
	dump_registers(MLX5_CMD_OP_ACCESS_REGISTER_USER);
	dump_flags();
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
