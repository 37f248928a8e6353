// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Measure the emulated kernel's policy decisions and print them as the
 * kernel's KUnit suite (ctl_test_policy_decisions) prints the real
 * kernel's, for tests/policy/oracle:
 *
 *   KIND FIRST[..LAST] SCOPE      one line per run of equal decisions
 *
 * KIND: op (opcode, header only), regw/OP regr/OP regm/OP (register
 * write, read, other op_mod, by register id or op_mod), vhca (opcode with
 * a vhca_tunnel_id), flag/OP:BIT req/OP:BIT rflag/REG:BIT (an inbox or
 * register-data bit that changes the decision: found by setting all of
 * them, then each alone).  Nothing here reads policy.def: the decisions
 * are measured, so the oracle compares behaviour, not tables.
 *
 *   policy_dump ctl|fwctl
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "opcodes.h"
#include "policy.h"
#include "prm.h"

#define PROBE_LEN 80		/* header plus 64 probed bytes */
#define OP_BITS_FROM 0x40	/* after opcode, uid, vhca_tunnel_id, op_mod */
#define REG_DATA 0x80		/* register data follows the 16-byte header */

static int (*policy)(const void *in, size_t inlen);

/*
 * The ctl kernel: the policy, then dumps only into a UMEM of the object,
 * and the probing object has none.
 */
static int ctl_decision(const void *in, size_t inlen)
{
	struct mlx5ctl_dump_target t;
	int lowest = mlx5ctl_policy_ctl(in, inlen);

	return lowest >= 0 && mlx5ctl_policy_dump_target(in, inlen, &t) ?
		       -1 : lowest;
}

static const char *const scope_names[] = {
	"configuration", "debug-read-only", "debug-write", "debug-write-full",
};

static const char *name(int scope)
{
	return scope < 0 ? "refused" : scope_names[scope];
}

/* Runs of one KIND: print a line whenever the decision changes. */
struct run {
	char kind[24];
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
	r->first = key;
	r->last = key;
	r->scope = scope;
	r->open = true;
}

static void cmd_init(uint8_t *in, uint16_t opcode, uint16_t op_mod,
		     uint16_t reg_id)
{
	memset(in, 0, PROBE_LEN);
	PRM_SET(mbox_in, in, opcode, opcode);
	PRM_SET(mbox_in, in, op_mod, op_mod);
	PRM_SET(access_register_in, in, register_id, reg_id);
}

static int decide(uint16_t opcode, uint16_t op_mod, uint16_t reg_id,
		  bool vhca, int bit)
{
	uint8_t in[PROBE_LEN];

	cmd_init(in, opcode, op_mod, reg_id);
	if (vhca)
		prm_set(in, 0x20, 0x10, 1);
	if (bit >= 0)
		prm_set(in, bit, 1, 1);
	return policy(in, sizeof(in));
}

static int decide_all_bits(uint16_t opcode, uint16_t op_mod, uint16_t reg_id,
			   int from)
{
	uint8_t in[PROBE_LEN];

	cmd_init(in, opcode, op_mod, reg_id);
	memset(in + from / 8, 0xff, PROBE_LEN - from / 8);
	return policy(in, sizeof(in));
}

static void point(const char *kind, unsigned int id, unsigned int bit,
		  int scope)
{
	printf("%s/0x%04x:0x%x 0x0000 %s\n", kind, id, bit, name(scope));
}

static bool is_reg_op(unsigned int op)
{
	return op == MLX5_CMD_OP_ACCESS_REG ||
	       op == MLX5_CMD_OP_ACCESS_REGISTER_USER;
}

static void probe_op_bits(uint16_t opcode, int base)
{
	int bit, d;

	if (decide_all_bits(opcode, 0, 0, OP_BITS_FROM) == base)
		return;
	for (bit = OP_BITS_FROM; bit < PROBE_LEN * 8; bit++) {
		d = decide(opcode, 0, 0, false, bit);
		if (d != base)
			point(base < 0 ? "req" : "flag", opcode, bit, d);
	}
}

/* Register reads print for ACCESS_REG, as the KUnit suite does. */
static void probe_reg_bits(uint16_t opcode, uint16_t reg, int base)
{
	int bit, d;

	if (decide_all_bits(opcode, 1, reg, REG_DATA) == base)
		return;
	for (bit = REG_DATA; bit < PROBE_LEN * 8; bit++) {
		d = decide(opcode, 1, reg, false, bit);
		if (d != base && opcode == MLX5_CMD_OP_ACCESS_REG)
			point("rflag", reg, bit - REG_DATA, d);
	}
}

static void dump_opcodes(void)
{
	struct run op = { .kind = "op" }, vhca = { .kind = "vhca" };
	unsigned int v;
	int base;

	for (v = 0; v <= 0xffff; v++) {
		/* A register read of register 0 stands for register access. */
		if (!is_reg_op(v)) {
			base = decide(v, 0, 0, false, -1);
			run_add(&op, v, base);
			probe_op_bits(v, base);
		}
		run_add(&vhca, v, decide(v, is_reg_op(v), 0, true, -1));
	}
	run_flush(&op);
	run_flush(&vhca);
}

static void dump_registers(uint16_t opcode)
{
	struct run w, r, m;
	unsigned int v;
	int base;

	memset(&w, 0, sizeof(w));
	memset(&r, 0, sizeof(r));
	memset(&m, 0, sizeof(m));
	snprintf(w.kind, sizeof(w.kind), "regw/0x%x", opcode);
	snprintf(r.kind, sizeof(r.kind), "regr/0x%x", opcode);
	snprintf(m.kind, sizeof(m.kind), "regm/0x%x", opcode);
	for (v = 0; v <= 0xffff; v++) {
		run_add(&w, v, decide(opcode, 0, v, false, -1));
		base = decide(opcode, 1, v, false, -1);
		run_add(&r, v, base);
		probe_reg_bits(opcode, v, base);
		/* op_mod V (2 and up), register id V: neither read nor write */
		if (v >= 2)
			run_add(&m, v, decide(opcode, v, v, false, -1));
	}
	run_flush(&w);
	run_flush(&r);
	run_flush(&m);
}

int main(int argc, char **argv)
{
	if (argc != 2 || (strcmp(argv[1], "ctl") && strcmp(argv[1], "fwctl"))) {
		fprintf(stderr, "usage: policy_dump ctl|fwctl\n");
		return 2;
	}
	policy = strcmp(argv[1], "ctl") ? mlx5ctl_policy_fwctl : ctl_decision;
	dump_opcodes();
	dump_registers(MLX5_CMD_OP_ACCESS_REG);
	dump_registers(MLX5_CMD_OP_ACCESS_REGISTER_USER);
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
