// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * mlx5ctl [-d DEV] link [port N] [--eeprom]: the one screen an operator
 * reads about a link, as mstlink prints it.  Per port: the state and why
 * it is down (PAOS, PDDR), speed, lanes and FEC (PTYS, PMLP, PDDR, PPLM),
 * the bit error rates and physical layer counters (PPCNT), the module's
 * identity and per lane diagnostics (MCIA, decoded as SFF-8636 or CMIS as
 * the module says), and one verdict, which is also the exit code:
 * "link: OK" 0, "link: DEGRADED (...)" 3, "link: DOWN (...)" 4 (1: the
 * device could not be read, 2: misuse).
 *
 * Everything is read before anything is printed, so a failed read is one
 * error line and no half summary.  A register the device refuses as
 * unknown to it (bad operation, bad parameter) leaves its lines out,
 * PAOS excepted: without the port's state there is nothing to say.
 *
 * What a port's protocol reads and calls things is data (struct
 * link_proto); the code reads through it only.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "print.h"
#include "prm.h"

static const char link_usage[] =
	"Usage: mlx5ctl [OPTIONS] -d DEV link [port N] [--eeprom]\n"
	"  Per port: state and link-down reason, speed, lanes, FEC, bit error\n"
	"  rates and physical layer counters, module identity and per lane\n"
	"  diagnostics (--eeprom: with the EEPROM pages read), and a verdict:\n"
	"  \"link: OK\" exit 0, \"link: DEGRADED (...)\" 3,\n"
	"  \"link: DOWN (...)\" 4.\n";

/* Local ports are 8 bits in the registers link reads. */
#define LINK_MAX_PORT 255
/* Lanes of a port, the most PMLP and the module monitors describe. */
#define LINK_MAX_LANES 8
/*
 * MCIA bytes per read: 12 dwords, what every device reads (32 need
 * MCAM's mcia_32dwords, which Linux checks before asking for more).
 */
#define LINK_MCIA_CHUNK 48
#define LINK_PAGE_SIZE 256
#define LINK_LOWER 128
#define LINK_MAX_PAGES 3

/* The register reads of a port, each into its own buffer. */
enum link_buf {
	LINK_PAOS,
	LINK_PTYS,
	LINK_PMLP,
	LINK_PPLM,
	LINK_OPER,		/* PDDR operational page */
	LINK_TROUBLE,		/* PDDR troubleshooting page */
	LINK_PHYS,		/* PPCNT physical layer group */
	LINK_STAT,		/* PPCNT physical layer statistical group */
	LINK_MTMP,		/* the module's temperature sensor */
	LINK_IBPORT,		/* PPCNT InfiniBand port counters */
	LINK_NBUFS,
};

static const char *const link_buf_reg[LINK_NBUFS] = {
	[LINK_PAOS] = "PAOS", [LINK_PTYS] = "PTYS", [LINK_PMLP] = "PMLP",
	[LINK_PPLM] = "PPLM", [LINK_OPER] = "PDDR", [LINK_TROUBLE] = "PDDR",
	[LINK_PHYS] = "PPCNT", [LINK_STAT] = "PPCNT", [LINK_MTMP] = "MTMP",
	[LINK_IBPORT] = "PPCNT",
};

/* PPCNT and PDDR are the largest of them. */
#define LINK_BUF_SIZE PRM_SIZE(ppcnt_reg)
_Static_assert(PRM_SIZE(pddr_reg) <= LINK_BUF_SIZE, "PDDR fits");

/* One read: its buffer and the index fields besides local_port. */
struct link_read {
	enum link_buf buf;
	const char *key;		/* FIELD=VALUE, or NULL */
	bool optional;			/* a device may lack it */
	const char *proto;		/* of this protocol only, or NULL */
};

/* A bit of PTYS's operational mode field, as Linux names the mode. */
struct link_mode {
	uint8_t bit;
	uint8_t lanes;
	const char *name;
};

struct link_modes {
	const char *field;		/* in PTYS */
	const struct link_mode *mode;
	size_t n;
};

/* A counter of a PPCNT group: a field, or a _high/_low pair's stem. */
struct link_counter {
	enum link_buf buf;
	const char *name;
	bool after_fec;			/* errors the correction left */
	const char *proto;		/* of this protocol only, or NULL */
};

/* A BER of the statistical group, coef * 10^-magnitude (PRM). */
struct link_ber {
	const char *name;
	const char *coef, *magnitude;
};

/*
 * A port's protocol, selected by QUERY_HCA_CAP port_type: which PTYS page
 * and PPCNT groups it reads, how its modes are named, which counters it
 * shows and which count against the link.  An Ethernet mode has its
 * lanes; an InfiniBand speed (SDR..NDR) runs on the width PTYS reports
 * apart (WIDTH, lanes of each bit).
 */
struct link_proto {
	const char *name;
	unsigned int port_type;		/* QUERY_HCA_CAP port_type */
	struct link_modes modes[2];	/* tried in order */
	const struct link_ber *bers;
	size_t nbers;
	const char *lane_errors[LINK_MAX_LANES]; /* in LINK_STAT */
	const char *width;		/* in PTYS, or NULL */
	const uint8_t *width_lanes;	/* by bit of WIDTH */
	size_t nwidths;
};

#define LINK_ARRAY(a) (a), ARRAY_SIZE(a)

/* A read or counter of protocol PROTO (NULL: of every one) is P's. */
static bool link_for(const struct link_proto *p, const char *proto)
{
	return !proto || !strcmp(proto, p->name);
}

/* Linux's enum mlx5e_ext_link_mode. */
static const struct link_mode eth_ext_modes[] = {
	{ 0, 1, "SGMII-100M" },
	{ 1, 1, "1000BASE-X-SGMII" },
	{ 3, 1, "5GBASE-R" },
	{ 4, 1, "10GBASE-XFI-XAUI-1" },
	{ 5, 4, "40GBASE-XLAUI-4/XLPPI-4" },
	{ 6, 1, "25GAUI-1/25GBASE-CR/KR" },
	{ 7, 2, "50GAUI-2/LAUI-2/50GBASE-CR2/KR2" },
	{ 8, 1, "50GAUI-1/LAUI-1/50GBASE-CR/KR" },
	{ 9, 4, "CAUI-4/100GBASE-CR4/KR4" },
	{ 10, 2, "100GAUI-2/100GBASE-CR2/KR2" },
	{ 11, 1, "100GAUI-1/100GBASE-CR/KR" },
	{ 12, 4, "200GAUI-4/200GBASE-CR4/KR4" },
	{ 13, 2, "200GAUI-2/200GBASE-CR2/KR2" },
	{ 15, 8, "400GAUI-8/400GBASE-CR8" },
	{ 16, 4, "400GAUI-4/400GBASE-CR4/KR4" },
	{ 19, 8, "800GAUI-8/800GBASE-CR8/KR8" },
};

/* Linux's enum mlx5e_link_mode: what devices without extended modes say. */
static const struct link_mode eth_legacy_modes[] = {
	{ 0, 1, "1000BASE-CX-SGMII" },
	{ 1, 1, "1000BASE-KX" },
	{ 2, 4, "10GBASE-CX4" },
	{ 3, 4, "10GBASE-KX4" },
	{ 4, 1, "10GBASE-KR" },
	{ 5, 2, "20GBASE-KR2" },
	{ 6, 4, "40GBASE-CR4" },
	{ 7, 4, "40GBASE-KR4" },
	{ 8, 4, "56GBASE-R4" },
	{ 12, 1, "10GBASE-CR" },
	{ 13, 1, "10GBASE-SR" },
	{ 14, 1, "10GBASE-ER" },
	{ 15, 4, "40GBASE-SR4" },
	{ 16, 4, "40GBASE-LR4" },
	{ 18, 2, "50GBASE-SR2" },
	{ 20, 4, "100GBASE-CR4" },
	{ 21, 4, "100GBASE-SR4" },
	{ 22, 4, "100GBASE-KR4" },
	{ 23, 4, "100GBASE-LR4" },
	{ 24, 1, "100BASE-TX" },
	{ 25, 1, "1000BASE-T" },
	{ 26, 1, "10GBASE-T" },
	{ 27, 1, "25GBASE-CR" },
	{ 28, 1, "25GBASE-KR" },
	{ 29, 1, "25GBASE-SR" },
	{ 30, 2, "50GBASE-CR2" },
	{ 31, 2, "50GBASE-KR2" },
};

/* The reads of a port, in order. */
static const struct link_read link_reads[] = {
	{ LINK_PAOS, NULL, false, NULL },
	{ LINK_PTYS, "proto_mask=ethernet", true, "ethernet" },
	{ LINK_PTYS, "proto_mask=infiniband", true, "infiniband" },
	{ LINK_PMLP, NULL, true, NULL },
	{ LINK_PPLM, NULL, true, NULL },
	{ LINK_OPER, "page_select=operational_info", true, NULL },
	{ LINK_TROUBLE, "page_select=troubleshooting_info", true, NULL },
	{ LINK_PHYS, "grp=phys_layer", true, NULL },
	{ LINK_STAT, "grp=phys_layer_statistical", true, NULL },
	{ LINK_IBPORT, "grp=ib_port", true, "infiniband" },
};

/*
 * Symbol errors and effective errors are what the FEC left: the errors
 * the traffic sees (ibdiagnet's documentation reads them so).  On
 * InfiniBand the IBTA PortCounters follow: symbol and receive errors
 * are what reached the link layer.
 */
static const struct link_counter link_counters[] = {
	{ LINK_STAT, "phy_received_bits", false, NULL },
	{ LINK_STAT, "phy_corrected_bits", false, NULL },
	{ LINK_STAT, "phy_effective_errors", true, NULL },
	{ LINK_STAT, "phy_symbol_errors", true, NULL },
	{ LINK_PHYS, "symbol_errors", true, "ethernet" },
	{ LINK_PHYS, "rs_fec_corrected_blocks", false, NULL },
	{ LINK_PHYS, "rs_fec_uncorrectable_blocks", true, NULL },
	{ LINK_PHYS, "link_down_events", false, NULL },
	{ LINK_PHYS, "successful_recovery_events", false, "ethernet" },
	{ LINK_IBPORT, "symbol_error_counter", true, "infiniband" },
	{ LINK_IBPORT, "port_rcv_errors", true, "infiniband" },
	{ LINK_IBPORT, "link_error_recovery_counter", false, "infiniband" },
	{ LINK_IBPORT, "link_downed_counter", false, "infiniband" },
};

static const struct link_ber eth_bers[] = {
	{ "raw", "raw_ber_coef", "raw_ber_magnitude" },
	{ "effective", "effective_ber_coef", "effective_ber_magnitude" },
	{ "symbol", "symbol_fec_ber_coef", "symbol_ber_magnitude" },
};

/*
 * PTYS ib_proto_oper bits (PRM; mstflint's ADB names them alike): the
 * IBTA's speeds.  Lanes 0: the width says.
 */
static const struct link_mode ib_modes[] = {
	{ 0, 0, "SDR" }, { 1, 0, "DDR" }, { 2, 0, "QDR" }, { 3, 0, "FDR10" },
	{ 4, 0, "FDR" }, { 5, 0, "EDR" }, { 6, 0, "HDR" }, { 7, 0, "NDR" },
};

/* PTYS ib_link_width_oper bits: 1x, 2x, 4x, 8x, 12x (PRM, ADB). */
static const uint8_t ib_width_lanes[] = { 1, 2, 4, 8, 12 };

static const struct link_proto link_protos[] = {
	{
		.name = "ethernet",
		.port_type = 1,
		.modes = {
			{ "ext_eth_proto_oper", LINK_ARRAY(eth_ext_modes) },
			{ "eth_proto_oper", LINK_ARRAY(eth_legacy_modes) },
		},
		.bers = LINK_ARRAY(eth_bers),
		/* mlx5_ifc.h names lanes 0-3 of the ADB's phy_raw_errors so. */
		.lane_errors = {
			"phy_corrected_bits_lane0", "phy_corrected_bits_lane1",
			"phy_corrected_bits_lane2", "phy_corrected_bits_lane3",
			"phy_raw_errors_lane4", "phy_raw_errors_lane5",
			"phy_raw_errors_lane6", "phy_raw_errors_lane7",
		},
	},
	{
		.name = "infiniband",
		.port_type = 0,
		.modes = {
			{ "ib_proto_oper", LINK_ARRAY(ib_modes) },
		},
		.bers = LINK_ARRAY(eth_bers),
		.lane_errors = {
			"phy_corrected_bits_lane0", "phy_corrected_bits_lane1",
			"phy_corrected_bits_lane2", "phy_corrected_bits_lane3",
		},
		.width = "ib_link_width_oper",
		.width_lanes = ib_width_lanes,
		.nwidths = ARRAY_SIZE(ib_width_lanes),
	},
};

/*
 * Module memory maps (module.def), by SFF-8024 identifier: the pages read
 * after page 00h, where the lane monitors are, and the Tx bias scale.
 */
struct link_page_map {
	uint8_t page;
	const char *layout;
};

struct link_mmap {
	const char *name;
	uint8_t ids[6];			/* 0 ends the list */
	struct link_page_map pages[LINK_MAX_PAGES];
	unsigned int lane_page;		/* index into pages */
	int mult_page;			/* of tx_bias_multiplier, or -1 */
};

static const struct link_mmap link_mmaps[] = {
	{ "SFF-8636", { 0x0c, 0x0d, 0x11 },
	  { { 0x00, "sff8636_page_00h" } }, 0, -1 },
	{ "CMIS", { 0x18, 0x19, 0x1e, 0x1f, 0x20 },
	  { { 0x00, "cmis_page_00h" }, { 0x01, "cmis_page_01h" },
	    { 0x11, "cmis_page_11h" } }, 2, 1 },
};

/* Module monitors: the standards' units, and how they print. */
enum {
	LINK_MON_SIGNED = 1 << 0,
	LINK_MON_DBM = 1 << 1,		/* optical power: also in dBm */
	LINK_MON_BIAS = 1 << 2,		/* times tx_bias_multiplier */
};

struct link_monitor {
	const char *field;
	const char *label;
	const char *key;		/* JSON */
	double scale;
	const char *fmt;		/* text, with the unit */
	unsigned int flags;
};

static const struct link_monitor link_module_monitors[] = {
	{ "temperature", "temperature", "temperature_celsius", 1.0 / 256,
	  "%.2f C", LINK_MON_SIGNED },
	{ "supply_voltage", "voltage", "voltage_volts", 100e-6, "%.4f V", 0 },
};

static const struct link_monitor link_lane_monitors[] = {
	{ "tx_bias", "tx bias", "tx_bias_ma", 2e-3, "%6.3f mA", LINK_MON_BIAS },
	{ "tx_power", "tx power", "tx_power_mw", 1e-4, "%7.4f mW",
	  LINK_MON_DBM },
	{ "rx_power", "rx power", "rx_power_mw", 1e-4, "%7.4f mW",
	  LINK_MON_DBM },
};

/* Identity strings of page 00h, in the order they print. */
static const struct {
	const char *field, *label, *key;
} link_ident[] = {
	{ "vendor_name", "vendor", "vendor" },
	{ "vendor_pn", "part number", "part_number" },
	{ "vendor_rev", "revision", "revision" },
	{ "vendor_sn", "serial", "serial" },
	{ "date_code", "date code", "date_code" },
};

enum link_verdict {
	LINK_OK,
	LINK_DEGRADED,
	LINK_DOWN,
};

static const struct {
	const char *name;
	int exit_code;
} link_verdicts[] = {
	[LINK_OK] = { "OK", EXIT_OK },
	[LINK_DEGRADED] = { "DEGRADED", 3 },
	[LINK_DOWN] = { "DOWN", 4 },
};

struct link_module {
	bool asked;			/* MCIA answered at all */
	uint8_t status;			/* MCIA status of page 00h */
	const struct link_mmap *map;	/* NULL: not a map link decodes */
	unsigned int npages;		/* pages read, in map order */
	uint8_t page[LINK_MAX_PAGES][LINK_PAGE_SIZE];
};

struct link_port {
	unsigned int num;		/* local_port */
	unsigned int module;
	unsigned int have;		/* bit per enum link_buf answered */
	uint8_t buf[LINK_NBUFS][LINK_BUF_SIZE];
	struct link_module mod;
	enum link_verdict verdict;
	char why[512];
};

struct link {
	struct cli *cli;
	const struct link_proto *proto;
	unsigned int port;		/* 0: every port */
	bool eeprom;
	unsigned int nports;
	struct link_port *ports;
};

static bool have(const struct link_port *lp, enum link_buf b)
{
	return lp->have & (1u << b);
}

/* Fields by name */

/*
 * FIELD of the register read into buffer B: in the register's layout or
 * in the union member its selector names (PPCNT's counter set by grp,
 * PDDR's page by page_select).  *BASE is where that layout starts.
 */
static const struct prm_field *link_field(enum link_buf b, const uint8_t *buf,
					  const char *name, uint32_t *base)
{
	const struct prm_struct *s = prm_reg_find(link_buf_reg[b])->layout;
	const struct prm_field *f = prm_field_find(s, name);
	const struct prm_struct *u;
	uint32_t i;

	*base = 0;
	for (i = 0; !f && i < s->nfields; i++) {
		u = prm_choice(s, &s->fields[i], buf, s->bits / 8);
		f = u ? prm_field_find(u, name) : NULL;
		*base = s->fields[i].off;
	}
	return f;
}

/* A scalar, or the 64-bit counter a _high/_low pair (adjacent) makes. */
static bool link_get(const struct link_port *lp, enum link_buf b,
		     const char *name, uint64_t *v)
{
	const struct prm_field *f;
	char high[80];
	uint32_t base;

	if (!have(lp, b))
		return false;
	f = link_field(b, lp->buf[b], name, &base);
	if (f && f->bits <= 32) {
		*v = prm_get(lp->buf[b], base + f->off, f->bits);
		return true;
	}
	snprintf(high, sizeof(high), "%s_high", name);
	f = link_field(b, lp->buf[b], high, &base);
	if (!f || f->bits != 32)
		return false;
	*v = prm_get(lp->buf[b], base + f->off, 64);
	return true;
}

static uint64_t link_u64(const struct link_port *lp, enum link_buf b,
			 const char *name)
{
	uint64_t v = 0;

	link_get(lp, b, name, &v);
	return v;
}

/* The name the layout database gives a field's value, or NULL. */
static const char *link_enum(const struct link_port *lp, enum link_buf b,
			     const char *name)
{
	const struct prm_field *f;
	uint32_t base;

	if (!have(lp, b))
		return NULL;
	f = link_field(b, lp->buf[b], name, &base);
	return f ? prm_enum_name(f, prm_get(lp->buf[b], base + f->off,
					    f->bits)) : NULL;
}

/* Reading */

static int link_internal(struct link *l, const char *what, const char *why)
{
	fflush(stdout);
	fprintf(stderr, "mlx5ctl: %s: %s failed: %s\n", l->cli->devname, what,
		why);
	return EXIT_FAIL;
}

/* The index fields of a read, by name through the layout database. */
static int link_keys(struct link *l, const struct prm_reg *r, uint8_t *buf,
		     const char *key, unsigned int port_or_sensor)
{
	const char *first = strcmp(r->name, "MTMP") ? "local_port" :
						      "sensor_index";
	char expr[48], err[256];

	snprintf(expr, sizeof(expr), "%s=%u", first, port_or_sensor);
	if (prm_assign(r->layout, buf, r->layout->bits / 8, expr, err,
		       sizeof(err)) ||
	    (key && prm_assign(r->layout, buf, r->layout->bits / 8, key, err,
			       sizeof(err))))
		return link_internal(l, r->name, err);
	return EXIT_OK;
}

/* A device without a register answers so: bad operation or parameter. */
static bool link_refused(int err, const void *out)
{
	return err == EREMOTEIO &&
	       (mlx5ctl_cmd_status(out) == PRM_STATUS_BAD_OP_ERR ||
		mlx5ctl_cmd_status(out) == PRM_STATUS_BAD_PARAM_ERR);
}

/*
 * A read's outcome: kept when it answered; an optional register the
 * device does not know left out; anything else fails the command.
 */
static int link_result(struct link *l, struct link_port *lp, enum link_buf b,
		       bool optional, int err)
{
	char what[64];

	if (!err) {
		lp->have |= 1u << b;
		return EXIT_OK;
	}
	if (optional && link_refused(err, lp->buf[b]))
		return EXIT_OK;
	snprintf(what, sizeof(what), "ACCESS_REG %s of port %u",
		 link_buf_reg[b], lp->num);
	return cli_result(l->cli, what, err, lp->buf[b]);
}

static int link_read(struct link *l, struct link_port *lp, enum link_buf b,
		     const char *key, unsigned int index, bool optional)
{
	const struct prm_reg *r = prm_reg_find(link_buf_reg[b]);
	size_t len = r->layout->bits / 8;
	int rc;

	memset(lp->buf[b], 0, LINK_BUF_SIZE);
	rc = link_keys(l, r, lp->buf[b], key, index);
	if (rc)
		return rc;
	return link_result(l, lp, b, optional,
			   diag_reg_read(l->cli, r->id, lp->buf[b], len));
}

/* One MCIA read of N bytes at OFF into MCIA; 0 or an errno. */
static int link_mcia_read(struct link *l, const struct link_port *lp,
			  uint8_t *mcia, uint8_t page, unsigned int off,
			  unsigned int n)
{
	PRM_SET(mcia_reg, mcia, module, lp->module);
	PRM_SET(mcia_reg, mcia, i2c_device_address, DIAG_MCIA_I2C_ADDR);
	PRM_SET(mcia_reg, mcia, page_number, page);
	PRM_SET(mcia_reg, mcia, device_address, off);
	PRM_SET(mcia_reg, mcia, size, n);
	return diag_reg_read_name(l->cli, "MCIA", mcia, PRM_SIZE(mcia_reg));
}

/*
 * 128 bytes of module EEPROM page PAGE from device address FROM into
 * DST (a whole page's buffer); *STATUS is MCIA's, non-zero when the
 * module did not answer.  A device without MCIA reads as no module.
 */
static int link_mcia(struct link *l, struct link_port *lp, uint8_t page,
		     unsigned int from, uint8_t *dst, uint8_t *status)
{
	unsigned int off, n;
	char what[64];
	int err;

	for (off = from, *status = 0; off < from + LINK_LOWER; off += n) {
		uint8_t mcia[PRM_SIZE(mcia_reg)] = {};

		n = from + LINK_LOWER - off;
		n = n > LINK_MCIA_CHUNK ? LINK_MCIA_CHUNK : n;
		err = link_mcia_read(l, lp, mcia, page, off, n);
		if (link_refused(err, mcia))
			return EXIT_OK;
		if (err) {
			snprintf(what, sizeof(what),
				 "ACCESS_REG MCIA of module %u", lp->module);
			return cli_result(l->cli, what, err, mcia);
		}
		lp->mod.asked = true;
		*status = PRM_GET(mcia_reg, mcia, status);
		if (*status)
			return EXIT_OK;
		memcpy(dst + off, PRM_ADDR(mcia_reg, mcia, dwords), n);
	}
	return EXIT_OK;
}

static const struct link_mmap *link_mmap_of(uint8_t id)
{
	const uint8_t *ids;
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(link_mmaps); i++) {
		ids = link_mmaps[i].ids;
		for (j = 0; j < sizeof(link_mmaps[i].ids) && ids[j]; j++)
			if (ids[j] == id)
				return &link_mmaps[i];
	}
	return NULL;
}

/* Field NAME of the module's page at index I, element ELEM of an array. */
static bool link_page_get(const struct link_module *m, unsigned int i,
			  const char *name, unsigned int elem, uint64_t *v)
{
	const struct prm_struct *s;
	const struct prm_field *f;

	if (!m->map || i >= m->npages)
		return false;
	s = prm_struct_find(m->map->pages[i].layout);
	f = s ? prm_field_find(s, name) : NULL;
	if (!f || elem >= f->count)
		return false;
	*v = prm_get(m->page[i], f->off + elem * f->bits, f->bits);
	return true;
}

/* A flat memory module has page 00h only (passive copper, most often). */
static bool link_flat(const struct link_module *m)
{
	uint64_t flat = 0;

	return link_page_get(m, 0, "flat_memory", 0, &flat) && flat;
}

/*
 * The module's pages: the lower page, then page 00h's upper half, then
 * the map's other pages; a page the module lacks ends the list there.
 */
static int link_read_module(struct link *l, struct link_port *lp)
{
	struct link_module *m = &lp->mod;
	unsigned int i;
	uint8_t status;
	int rc;

	rc = link_mcia(l, lp, 0, 0, m->page[0], &m->status);
	if (rc || !m->asked || m->status)
		return rc;
	m->map = link_mmap_of(m->page[0][0]);
	m->npages = 1;
	if (!m->map)
		return EXIT_OK;
	rc = link_mcia(l, lp, 0, LINK_LOWER, m->page[0], &status);
	for (i = 1; !rc && !status && !link_flat(m) && i < LINK_MAX_PAGES &&
		    m->map->pages[i].layout; i++) {
		memcpy(m->page[i], m->page[0], LINK_LOWER);
		rc = link_mcia(l, lp, m->map->pages[i].page, LINK_LOWER,
			       m->page[i], &status);
		if (!rc && !status)
			m->npages = i + 1;
	}
	return rc;
}

static int link_read_port(struct link *l, struct link_port *lp)
{
	const struct link_proto *p = l->proto;
	size_t i;
	int rc;

	for (i = 0; i < ARRAY_SIZE(link_reads); i++) {
		const struct link_read *r = &link_reads[i];

		if (!link_for(p, r->proto))
			continue;
		rc = link_read(l, lp, r->buf, r->key, lp->num, r->optional);
		if (rc)
			return rc;
	}
	lp->module = have(lp, LINK_PMLP) ?
		diag_pmlp_module(lp->buf[LINK_PMLP]) : lp->num - 1;
	rc = link_read_module(l, lp);
	if (rc || !lp->mod.asked || lp->mod.status)
		return rc;
	return link_read(l, lp, LINK_MTMP, NULL,
			 DIAG_MODULE_SENSOR_BASE + lp->module, true);
}

/*
 * Answers nobody can judge fail the command rather than pass for a
 * state: a PAOS state the PRM does not define, a link up at 0 Gb/s.
 */
static int link_check(struct link *l, const struct link_port *lp)
{
	uint64_t oper = link_u64(lp, LINK_PAOS, "oper_status");
	char what[32];

	snprintf(what, sizeof(what), "link of port %u", lp->num);
	if (!link_enum(lp, LINK_PAOS, "oper_status"))
		return link_internal(l, what, "PAOS reports no port state");
	if (oper == 1 && have(lp, LINK_PTYS) &&
	    !link_u64(lp, LINK_PTYS, "data_rate_oper"))
		return link_internal(l, what,
				     "PTYS reports a link up at 0 Gb/s");
	return EXIT_OK;
}

/* Judging */

static bool link_up(const struct link_port *lp)
{
	return link_u64(lp, LINK_PAOS, "oper_status") == 1;
}

static void link_because(struct link_port *lp, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void link_because(struct link_port *lp, const char *fmt, ...)
{
	size_t n = strlen(lp->why);
	va_list ap;

	if (n && n < sizeof(lp->why) - 2)
		n += snprintf(lp->why + n, sizeof(lp->why) - n, "; ");
	va_start(ap, fmt);
	vsnprintf(lp->why + n, n < sizeof(lp->why) ? sizeof(lp->why) - n : 0,
		  fmt, ap);
	va_end(ap);
}

static const char *link_reason(const struct link_port *lp)
{
	const char *msg;

	if (!have(lp, LINK_TROUBLE))
		return "reason unknown";
	msg = diag_monitor_msg(diag_pddr_monitor_opcode(lp->buf[LINK_TROUBLE]));
	return msg ? msg : "not in the PRM's table";
}

/* The counters that say errors got past the FEC, as "name N, ...". */
static void link_after_fec(const struct link *l, struct link_port *lp)
{
	char list[256] = "";
	size_t i, n = 0;
	uint64_t v;

	for (i = 0; i < ARRAY_SIZE(link_counters); i++) {
		const struct link_counter *c = &link_counters[i];

		if (!link_for(l->proto, c->proto) || !c->after_fec || !link_get(lp, c->buf, c->name, &v) || !v)
			continue;
		n += snprintf(list + n, n < sizeof(list) ? sizeof(list) - n : 0,
			      "%s%s %" PRIu64, n ? ", " : "", c->name, v);
	}
	if (n)
		link_because(lp, "errors after FEC: %s", list);
}

static void link_module_temp(struct link_port *lp)
{
	struct diag_temp t;

	if (!have(lp, LINK_MTMP) ||
	    !PRM_GET(mtmp_reg, lp->buf[LINK_MTMP], temperature))
		return;
	diag_temp_eval(lp->buf[LINK_MTMP], &t);
	if (t.level != DIAG_LEVEL_OK)
		link_because(lp, "module at %.1f C (%s at %.1f C)", t.now,
			     t.level == DIAG_LEVEL_CRITICAL ? "critical" :
							      "warning",
			     t.level == DIAG_LEVEL_CRITICAL ? t.crit : t.warn);
}

static void link_judge(const struct link *l, struct link_port *lp)
{
	uint16_t op;

	lp->why[0] = 0;
	if (!link_up(lp)) {
		lp->verdict = LINK_DOWN;
		link_because(lp, "%s", link_reason(lp));
		return;
	}
	/* Up, yet firmware sees an issue (speed degradation, ...). */
	op = have(lp, LINK_TROUBLE) ?
		diag_pddr_monitor_opcode(lp->buf[LINK_TROUBLE]) : 0;
	if (op)
		link_because(lp, "%s", link_reason(lp));
	link_after_fec(l, lp);
	link_module_temp(lp);
	lp->verdict = lp->why[0] ? LINK_DEGRADED : LINK_OK;
}

/* Printing */

#define LINK_COL "  %-29s "
#define LINK_SUB "    %-27s "

static const struct link_mode *link_mode_of(const struct link_modes *m,
					    uint64_t oper)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (oper == 1ull << m->mode[i].bit)
			return &m->mode[i];
	return NULL;
}

/* Enum names live in a small ring (prm.h): each is used at once. */
static void link_print_state(const struct link_port *lp)
{
	const char *phy;

	print_text(LINK_COL "%s (admin %s)", "state",
		   link_enum(lp, LINK_PAOS, "oper_status"),
		   diag_enum_name("PAOS", "admin_status",
				  link_u64(lp, LINK_PAOS, "admin_status")));
	print_string("oper_status", NULL,
		     link_enum(lp, LINK_PAOS, "oper_status"));
	print_string("admin_status", NULL,
		     diag_enum_name("PAOS", "admin_status",
				    link_u64(lp, LINK_PAOS, "admin_status")));
	phy = link_enum(lp, LINK_OPER, "phy_mngr_fsm_state");
	if (phy)
		print_string("phy_state", ", phy %s", phy);
	print_text("\n");
}

/* PDDR's troubleshooting page; text only when it explains something. */
static void link_print_reason(const struct link_port *lp)
{
	uint16_t op;

	if (!have(lp, LINK_TROUBLE))
		return;
	op = diag_pddr_monitor_opcode(lp->buf[LINK_TROUBLE]);
	print_open_object("troubleshooting");
	print_uint("monitor_opcode", NULL, op);
	print_string("message", NULL, link_reason(lp));
	print_close_object();
	if (!link_up(lp) || op)
		print_text(LINK_COL "%s (monitor opcode %u)\n", "reason",
			   link_reason(lp), op);
}

/* The lanes of MODE: its own, or those of the width PTYS reports. */
static unsigned int link_mode_lanes(const struct link *l,
				    const struct link_port *lp,
				    const struct link_mode *mode)
{
	const struct link_proto *p = l->proto;
	uint64_t width;
	size_t i;

	if (mode->lanes || !p->width ||
	    !link_get(lp, LINK_PTYS, p->width, &width))
		return mode->lanes;
	for (i = 0; i < p->nwidths; i++)
		if (width == 1ull << i)
			return p->width_lanes[i];
	return 0;
}

static void link_print_speed(const struct link *l, const struct link_port *lp)
{
	const struct link_mode *mode = NULL;
	unsigned int lanes;
	uint64_t oper;
	size_t i;

	if (!have(lp, LINK_PTYS))
		return;
	for (i = 0; !mode && i < ARRAY_SIZE(l->proto->modes); i++)
		if (l->proto->modes[i].field &&
		    link_get(lp, LINK_PTYS, l->proto->modes[i].field, &oper))
			mode = link_mode_of(&l->proto->modes[i], oper);
	print_text(LINK_COL, "speed");
	/* PTYS counts in 100 Mb/s. */
	print_double("speed_gbps", "%g Gb/s",
		     link_u64(lp, LINK_PTYS, "data_rate_oper") / 10.0);
	lanes = mode ? link_mode_lanes(l, lp, mode) : 0;
	if (mode)
		print_string("link_mode", ", %s", mode->name);
	if (lanes)
		print_uint("mode_lanes", ", %" PRIu64 " lanes", lanes);
	print_text("\n");
}

static void link_print_lanes(const struct link_port *lp)
{
	if (!have(lp, LINK_PMLP))
		return;
	print_text(LINK_COL, "lanes");
	print_uint("lanes", "%" PRIu64, link_u64(lp, LINK_PMLP, "width"));
	print_text(" of module %u (PMLP)\n", lp->module);
}

/* FEC: PDDR names the active mode; PPLM has it as a bit. */
static void link_print_fec(const struct link_port *lp)
{
	const char *fec = link_enum(lp, LINK_OPER, "fec_mode_active");

	if (!fec)
		fec = link_enum(lp, LINK_PPLM, "fec_mode_active");
	if (!fec)
		return;
	print_text(LINK_COL, "fec");
	print_string("fec", "%s\n", fec);
}

static void link_print_bers(const struct link *l, const struct link_port *lp)
{
	uint64_t coef, mag;
	char key[48];
	size_t i;

	if (!have(lp, LINK_STAT))
		return;
	print_open_object("ber");
	for (i = 0; i < l->proto->nbers; i++) {
		const struct link_ber *b = &l->proto->bers[i];

		if (!link_get(lp, LINK_STAT, b->coef, &coef) ||
		    !link_get(lp, LINK_STAT, b->magnitude, &mag))
			continue;
		snprintf(key, sizeof(key), "%s ber", b->name);
		print_text(LINK_COL "%" PRIu64 "E-%" PRIu64 "\n", key, coef,
			   mag);
		/* The PRM's definition: BER = coef * 10^(-magnitude). */
		print_double(b->name, NULL, coef * ten_to_minus(mag));
		snprintf(key, sizeof(key), "%s_coef", b->name);
		print_uint(key, NULL, coef);
		snprintf(key, sizeof(key), "%s_magnitude", b->name);
		print_uint(key, NULL, mag);
	}
	print_close_object();
}

static unsigned int link_lanes(const struct link_port *lp)
{
	uint64_t w = link_u64(lp, LINK_PMLP, "width");

	return w && w <= LINK_MAX_LANES ? w : LINK_MAX_LANES;
}

static void link_print_lane_errors(const struct link *l,
				   const struct link_port *lp)
{
	unsigned int i, n = link_lanes(lp);
	uint64_t v;

	if (!have(lp, LINK_STAT))
		return;
	print_text(LINK_SUB, "raw_errors_per_lane");
	print_open_array("raw_errors_per_lane");
	for (i = 0; i < n && l->proto->lane_errors[i]; i++)
		if (link_get(lp, LINK_STAT, l->proto->lane_errors[i], &v))
			print_uint("errors", i ? " %" PRIu64 : "%" PRIu64, v);
	print_close_array();
	print_text("\n");
}

static void link_print_counters(const struct link *l,
				const struct link_port *lp)
{
	uint64_t v;
	size_t i;

	if (!have(lp, LINK_PHYS) && !have(lp, LINK_STAT))
		return;
	print_open_object("counters");
	print_text(LINK_COL, "counters");
	/* The PRM counts it in ms. */
	if (link_get(lp, LINK_PHYS, "time_since_last_clear", &v) ||
	    link_get(lp, LINK_STAT, "time_since_last_clear", &v))
		print_double("since_clear_seconds", "since %.1f s", v / 1000.0);
	print_text("\n");
	for (i = 0; i < ARRAY_SIZE(link_counters); i++) {
		const struct link_counter *c = &link_counters[i];

		if (!link_for(l->proto, c->proto) ||
		    !link_get(lp, c->buf, c->name, &v))
			continue;
		print_text(LINK_SUB, c->name);
		print_uint(c->name, "%" PRIu64 "\n", v);
	}
	link_print_lane_errors(l, lp);
	print_close_object();
}

/* Module */

/* An SFF string: trailing spaces and NULs trimmed, unprintables as '.'. */
static void link_page_str(const struct link_module *m, const char *name,
			  char *buf, size_t len)
{
	const struct prm_struct *s = prm_struct_find(m->map->pages[0].layout);
	const struct prm_field *f = s ? prm_field_find(s, name) : NULL;
	size_t n = f ? f->count : 0, i;

	if (n >= len)
		n = len - 1;
	for (i = 0; i < n; i++) {
		char c = m->page[0][f->off / 8 + i];

		buf[i] = c >= 0x20 && c < 0x7f ? c : '.';
	}
	while (n && (m->page[0][f->off / 8 + n - 1] == ' ' ||
		     !m->page[0][f->off / 8 + n - 1]))
		n--;
	buf[n] = 0;
}

static double link_monitor_value(const struct link_module *m,
				 const struct link_monitor *mon, uint64_t raw)
{
	uint64_t mult = 0;
	double v = mon->flags & LINK_MON_SIGNED ? (int16_t)raw : (double)raw;

	if ((mon->flags & LINK_MON_BIAS) && m->map->mult_page >= 0)
		link_page_get(m, m->map->mult_page, "tx_bias_multiplier", 0,
			      &mult);
	return v * mon->scale * (1u << (mult < 3 ? mult : 0));
}

static void link_print_monitor(const struct link_module *m,
			       const struct link_monitor *mon, uint64_t raw)
{
	double v = link_monitor_value(m, mon, raw);
	char key[48];

	print_double(mon->key, mon->fmt, v);
	if (!(mon->flags & LINK_MON_DBM))
		return;
	/* No light has no dBm: text says -inf, JSON leaves the key out. */
	snprintf(key, sizeof(key), "%.*s_dbm",
		 (int)(strlen(mon->key) - strlen("_mw")), mon->key);
	if (v > 0)
		print_double(key, " %6.2f dBm", 10 * decimal_log(v));
	else
		print_text(" %6s dBm", "-inf");
}

static void link_print_lane_monitors(const struct link_port *lp)
{
	const struct link_module *m = &lp->mod;
	unsigned int lane, i, n = link_lanes(lp);
	uint64_t raw;

	if (!link_page_get(m, m->map->lane_page, "tx_bias", 0, &raw))
		return;
	print_text("    %-4s  %-9s  %-21s  %s\n", "lane",
		   link_lane_monitors[0].label, link_lane_monitors[1].label,
		   link_lane_monitors[2].label);
	print_open_array("lanes");
	for (lane = 0; lane < n; lane++) {
		if (!link_page_get(m, m->map->lane_page, "tx_bias", lane, &raw))
			break;
		print_open_object(NULL);
		print_uint("lane", "    %-4" PRIu64, lane);
		for (i = 0; i < ARRAY_SIZE(link_lane_monitors); i++) {
			if (!link_page_get(m, m->map->lane_page,
					   link_lane_monitors[i].field, lane,
					   &raw))
				continue;
			print_text("  ");
			link_print_monitor(m, &link_lane_monitors[i], raw);
		}
		print_close_object();
		print_text("\n");
	}
	print_close_array();
}

static void link_print_identity(const struct link_module *m)
{
	const struct prm_struct *s;
	const char *name;
	char str[32];
	uint64_t v;
	size_t i;

	print_string("management", ", %s", m->map->name);
	if (link_page_get(m, 0, "module_state", 0, &v)) {
		s = prm_struct_find(m->map->pages[0].layout);
		name = prm_enum_name(prm_field_find(s, "module_state"), v);
		print_string("module_state", ", %s", name ? name : "unknown");
	}
	print_text("\n");
	for (i = 0; i < ARRAY_SIZE(link_ident); i++) {
		link_page_str(m, link_ident[i].field, str, sizeof(str));
		print_text(LINK_SUB, link_ident[i].label);
		print_string(link_ident[i].key, "%s\n", str);
	}
	for (i = 0; i < ARRAY_SIZE(link_module_monitors); i++) {
		if (!link_page_get(m, 0, link_module_monitors[i].field, 0, &v))
			continue;
		print_text(LINK_SUB, link_module_monitors[i].label);
		link_print_monitor(m, &link_module_monitors[i], v);
		print_text("\n");
	}
}

/*
 * The pages as read, 16 bytes a line at their device addresses: the
 * lower page once, then the upper pages.  A module of no known map had
 * its lower page read only.
 */
static void link_print_eeprom(const struct link_module *m)
{
	char hex[2 * LINK_PAGE_SIZE + 3];
	unsigned int i, j, from, to;
	size_t n;

	print_open_array("eeprom");
	for (i = 0; i < m->npages; i++) {
		from = i ? LINK_LOWER : 0;
		to = m->map ? LINK_PAGE_SIZE : LINK_LOWER;
		print_open_object(NULL);
		print_hex("page", "    eeprom page 0x%02" PRIx64 "\n",
			  m->map ? m->map->pages[i].page : 0);
		print_hex("offset", NULL, from);
		for (n = 0, j = from; j < to; j++)
			n += snprintf(hex + n, sizeof(hex) - n, "%s%02x",
				      j == from ? "0x" : "", m->page[i][j]);
		print_string("bytes", NULL, hex);
		for (j = from; j < to; j++) {
			if (!(j % 16))
				print_text("      %04x:", j);
			print_text(" %02x%s", m->page[i][j],
				   j % 16 == 15 ? "\n" : "");
		}
		print_close_object();
	}
	print_close_array();
}

/* A module MCIA did not read: absent, or a device without MCIA. */
static void link_print_no_module(const struct link_module *m)
{
	print_bool("present", NULL, false);
	if (!m->asked) {
		print_text("not read (the device has no MCIA)\n");
		return;
	}
	print_string("mcia_status", "not readable (MCIA %s)\n",
		     diag_enum_name("MCIA", "status", m->status));
}

static void link_print_module(const struct link *l, const struct link_port *lp)
{
	const struct link_module *m = &lp->mod;
	const char *type;

	print_open_object("module");
	print_text(LINK_COL, "module");
	print_uint("number", "%" PRIu64 ": ", lp->module);
	if (!m->asked || m->status) {
		link_print_no_module(m);
		print_close_object();
		return;
	}
	type = diag_sff8024_name(m->page[0][0]);
	print_bool("present", NULL, true);
	print_string("type", "%s", type ? type : "unknown");
	print_hex("identifier", " (%#04" PRIx64 ")", m->page[0][0]);
	if (m->map) {
		link_print_identity(m);
		link_print_lane_monitors(lp);
	} else {
		print_text(", management interface not decoded\n");
	}
	if (l->eeprom)
		link_print_eeprom(m);
	print_close_object();
}

static void link_print_port(const struct link *l, const struct link_port *lp)
{
	print_open_object(NULL);
	print_uint("port", "port %" PRIu64 "\n", lp->num);
	link_print_state(lp);
	link_print_reason(lp);
	if (link_up(lp)) {
		link_print_speed(l, lp);
		link_print_lanes(lp);
		link_print_fec(lp);
		link_print_bers(l, lp);
	}
	link_print_counters(l, lp);
	link_print_module(l, lp);
	print_string("verdict", NULL, link_verdicts[lp->verdict].name);
	print_string("reason", NULL, lp->why);
	print_close_object();
}

/* The one verdict line: the worst port's, naming every port not OK. */
static int link_print_verdict(const struct link *l)
{
	enum link_verdict worst = LINK_OK;
	unsigned int i, n = 0;

	for (i = 0; i < l->nports; i++)
		if (l->ports[i].verdict > worst)
			worst = l->ports[i].verdict;
	print_string("verdict", "link: %s", link_verdicts[worst].name);
	print_uint("exit_code", NULL, link_verdicts[worst].exit_code);
	print_open_array("problems");
	for (i = 0; i < l->nports; i++) {
		const struct link_port *lp = &l->ports[i];
		char line[sizeof(lp->why) + 16];

		if (lp->verdict == LINK_OK)
			continue;
		snprintf(line, sizeof(line), "port %u: %s", lp->num, lp->why);
		print_text("%s", n++ ? "; " : " (");
		print_string("problem", "%s", line);
	}
	print_close_array();
	print_text("%s\n", n ? ")" : "");
	return link_verdicts[worst].exit_code;
}

/* Command line and ports */

static int link_misuse(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static int link_misuse(const char *fmt, ...)
{
	char msg[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	report_misuse("link: %s", msg);
	return cli_usage("link", link_usage, true);
}

static int link_parse(struct link *l, int argc, char **argv)
{
	uint64_t n;
	int i;

	for (i = 0; i < argc; i++) {
		if (cli_is_help(argv[i]))
			return cli_usage("link", link_usage, false);
		if (!strcmp(argv[i], "--eeprom")) {
			l->eeprom = true;
		} else if (!strcmp(argv[i], "port") && !l->port) {
			if (++i == argc)
				return link_misuse("which port (port N)?");
			/* A wrong number needs no usage to be told. */
			if (parse_u64(argv[i], LINK_MAX_PORT, &n) || !n) {
				report_misuse("link: \"%s\" is not a port number"
					      " (1..%u)", argv[i],
					      LINK_MAX_PORT);
				return EXIT_USAGE;
			}
			l->port = n;
		} else {
			return link_misuse("unexpected \"%s\"", argv[i]);
		}
	}
	return -1;
}

/* The ports to read: the device's, or the one asked for if it has it. */
static int link_ports(struct link *l)
{
	uint8_t cap[MLX5CTL_HCA_CAP_SIZE] = {};
	unsigned int n, type, i;
	int err = diag_num_ports(l->cli, cap, &n, &type);

	if (err)
		return cli_result(l->cli, "QUERY_HCA_CAP", err, cap);
	for (i = 0; i < ARRAY_SIZE(link_protos) && !l->proto; i++)
		if (link_protos[i].port_type == type)
			l->proto = &link_protos[i];
	if (!n)
		return link_internal(l, "QUERY_HCA_CAP",
				     "the device reports no ports");
	if (!l->proto)
		return link_internal(l, "QUERY_HCA_CAP",
				     "port_type is neither InfiniBand nor Ethernet");
	if (l->port > n) {
		report_misuse("link: no port %u: %s has %u port%s", l->port,
			      l->cli->devname, n, n == 1 ? "" : "s");
		return EXIT_USAGE;
	}
	l->nports = l->port ? 1 : n;
	l->ports = calloc(l->nports, sizeof(*l->ports));
	if (!l->ports)
		return link_internal(l, "link", strerror(ENOMEM));
	for (i = 0; i < l->nports; i++)
		l->ports[i].num = l->port ? l->port : i + 1;
	return EXIT_OK;
}

static int link_run(struct link *l)
{
	unsigned int i;
	int rc;

	rc = cli_open(l->cli);
	if (rc)
		return rc;
	rc = link_ports(l);
	for (i = 0; !rc && i < l->nports; i++) {
		rc = link_read_port(l, &l->ports[i]);
		if (!rc)
			rc = link_check(l, &l->ports[i]);
		if (!rc)
			link_judge(l, &l->ports[i]);
	}
	if (rc)
		return rc;
	print_string("device", NULL, l->cli->devname);
	print_open_array("ports");
	for (i = 0; i < l->nports; i++)
		link_print_port(l, &l->ports[i]);
	print_close_array();
	return link_print_verdict(l);
}

int do_link(struct cli *cli, int argc, char **argv)
{
	struct link l = { .cli = cli };
	int rc = link_parse(&l, argc, argv);

	if (rc >= 0)
		return rc;
	rc = link_run(&l);
	free(l.ports);
	return rc;
}
