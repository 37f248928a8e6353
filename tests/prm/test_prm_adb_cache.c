// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The ADB cache: the second load comes from the cache and gives the same
 * catalogue as the XML; a changed XML, a damaged cache file (every byte
 * flipped, every length cut) or a well-checksummed but malformed one is
 * never used, the XML is read again and the cache rewritten; a cache
 * directory that cannot be written still loads; writers racing on one
 * cache file leave a whole one.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../check.h"
#include "prm.h"
#include "prm_adb.h"
#include "prm_adb_blob.h"

#define WRITERS 4
#define ROUNDS 25

static const char small_adb[] =
	"<NodesDefinition>\n"
	"<node name=\"regs\" size=\"0x40.0\" attr_is_union=\"1\">\n"
	" <field name=\"bar\" subnode=\"bar_ext\" offset=\"0x0.0\" selected_by=\"BAR\" size=\"0x10\"/>\n"
	" <field name=\"baz\" subnode=\"baz_ext\" offset=\"0x0.0\" selected_by=\"BAZ\" size=\"0x8\"/>\n"
	"</node>\n"
	"<node name=\"ids\" size=\"0x4.0\">\n"
	" <field name=\"id\" offset=\"0x0.0\" size=\"0x0.16\" enum=\"BAR=0x7701,BAZ=0x7702,"
	"B1=1,B2=2,B3=3,B4=4,B5=5,B6=6,B7=7,B8=8,B9=9,B10=10,B11=11,B12=12,B13=13,"
	"B14=14,B15=15,B16=16,B17=17,B18=18,B19=19,B20=20,B21=21,B22=22,B23=23,"
	"B24=24,B25=25,B26=26,B27=27,B28=28,B29=29,B30=30,B31=31\"/>\n"
	"</node>\n"
	"<node name=\"bar_ext\" size=\"0x10.0\">\n"
	" <field name=\"state\" access=\"RO\" enum=\"Up=0x1,Down=0x2\" offset=\"0x0.0\" size=\"0x0.4\"/>\n"
	" <field name=\"port\" access=\"INDEX\" offset=\"0x0.16\" size=\"0x0.8\"/>\n"
	" <field name=\"pair\" subnode=\"pair_ext\" offset=\"0x4.0\" size=\"0x4.0\"/>\n"
	" <field name=\"name\" high_bound=\"7\" low_bound=\"0\" offset=\"0x8.24\" size=\"0x8.0\"/>\n"
	"</node>\n"
	"<node name=\"pair_ext\" size=\"0x4.0\">\n"
	" <field name=\"lo\" offset=\"0x0.0\" size=\"0x0.16\"/>\n"
	" <field name=\"hi\" offset=\"0x0.16\" size=\"0x0.16\"/>\n"
	"</node>\n"
	"<node name=\"baz_ext\" size=\"0x8.0\">\n"
	" <field name=\"pairs\" subnode=\"pair_ext\" high_bound=\"1\" low_bound=\"0\" offset=\"0x0.0\" size=\"0x8.0\"/>\n"
	"</node>\n"
	"</NodesDefinition>\n";

static char dir[] = "/tmp/prm_adb_cache_XXXXXX";
static char xml[256], cache[4096];
static int parses;

/* The reader, counted: a cache hit must not call it. */
static int counting_parse(const char *path, prm_adb_known_fn *known,
			  void **blob, size_t *len)
{
	parses++;
	return prm_adb_parse(path, known, blob, len);
}

static uint64_t hash_struct(uint64_t h, const struct prm_struct *s);

static uint64_t hash_str(uint64_t h, const char *s)
{
	return s ? adb_fnv1a(h, s, strlen(s) + 1) : adb_fnv1a(h, "", 1);
}

static uint64_t hash_field(uint64_t h, const struct prm_field *f)
{
	uint32_t nums[] = { f->off, f->bits, f->count, f->flags };

	h = hash_str(h, f->name);
	h = hash_str(h, f->enums);
	h = adb_fnv1a(h, nums, sizeof(nums));
	return f->sub ? hash_struct(h, f->sub) : h;
}

static uint64_t hash_struct(uint64_t h, const struct prm_struct *s)
{
	uint32_t i;

	h = hash_str(hash_str(h, s->name), s->source);
	h = adb_fnv1a(h, &s->bits, sizeof(s->bits));
	for (i = 0; i < s->nfields; i++)
		h = hash_field(h, &s->fields[i]);
	return h;
}

/* Everything the extension adds to the catalogue, as one number. */
static uint64_t catalogue_hash(void)
{
	const struct prm_reg *r;
	uint64_t h = ADB_FNV_INIT;
	size_t i;

	for (i = 0; (r = prm_reg_at(i)); i++) {
		h = hash_str(h, r->name);
		h = adb_fnv1a(h, &r->id, sizeof(r->id));
		h = hash_struct(h, r->layout);
	}
	return h;
}

static int load(const char *path, const char *cdir, enum prm_adb_how *how,
		int *cerr)
{
	parses = 0;
	return prm_adb_load_cached(path, cdir, counting_parse, how, cerr);
}

static bool write_file(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	bool ok = fd >= 0 && write(fd, data, len) == (ssize_t)len;

	if (fd >= 0 && close(fd))
		ok = false;
	return ok;
}

static void *read_file(const char *path, size_t *len)
{
	struct stat st;
	void *buf = NULL;
	int fd = open(path, O_RDONLY);

	if (fd >= 0 && !fstat(fd, &st) && (buf = malloc(st.st_size + 1)) &&
	    read(fd, buf, st.st_size) == st.st_size)
		*len = st.st_size;
	else
		free(buf), buf = NULL;
	if (fd >= 0)
		close(fd);
	return buf;
}

/* Load through the cache; a miss must parse once and rewrite the cache. */
static void expect(const char *what, enum prm_adb_how want, uint64_t good)
{
	enum prm_adb_how how = -1;
	int cerr = -1;

	CHECK_EQ(load(xml, dir, &how, &cerr), 0);
	if (how != want)
		fprintf(stderr, "%s: how %d, wanted %d\n", what, how, want);
	CHECK_EQ(how, want);
	CHECK_EQ(cerr, 0);
	CHECK_EQ(parses, want == PRM_ADB_CACHE_HIT ? 0 : 1);
	CHECK_EQ(catalogue_hash(), good);
}

static uint64_t test_hit(const char *path)
{
	uint64_t direct;

	if (path != xml)
		snprintf(xml, sizeof(xml), "%s", path);
	CHECK(prm_adb_cache_path(xml, dir, cache, sizeof(cache)));
	unlink(cache);
	CHECK_EQ(prm_adb_load(xml), 0);
	direct = catalogue_hash();
	prm_adb_unload();
	CHECK(catalogue_hash() != direct);
	expect("first", PRM_ADB_CACHE_STORED, direct);
	expect("second", PRM_ADB_CACHE_HIT, direct);
	return direct;
}

/* A changed XML: another size, then the same size and another mtime. */
static void test_stale(uint64_t good)
{
	struct timespec times[2] = { { 0, UTIME_OMIT }, { 12345, 0 } };
	char bigger[sizeof(small_adb)];	/* one more newline, no NUL */

	memcpy(bigger, small_adb, sizeof(small_adb) - 1);
	bigger[sizeof(small_adb) - 1] = '\n';
	CHECK(write_file(xml, bigger, sizeof(bigger)));
	expect("bigger", PRM_ADB_CACHE_STORED, good);
	expect("bigger again", PRM_ADB_CACHE_HIT, good);
	CHECK(!utimensat(AT_FDCWD, xml, times, 0));
	expect("touched", PRM_ADB_CACHE_STORED, good);
	expect("touched again", PRM_ADB_CACHE_HIT, good);
}

/* Every byte flipped and every length cut: refused, rebuilt whole. */
static void test_damaged(uint64_t good)
{
	size_t len = 0, i, bad = 0;
	uint8_t *blob = read_file(cache, &len), *copy;
	enum prm_adb_how how;

	CHECK(blob && len > sizeof(struct adb_blob_hdr));
	if (!blob)
		return;
	copy = malloc(len);
	for (i = 0; copy && i < 2 * len; i++) {
		memcpy(copy, blob, len);
		if (i < len)
			copy[i] ^= 0x40;
		CHECK(write_file(cache, copy, i < len ? len : i - len));
		CHECK_EQ(load(xml, dir, &how, NULL), 0);
		bad += how != PRM_ADB_CACHE_STORED || parses != 1 ||
		       catalogue_hash() != good;
	}
	CHECK_EQ(bad, 0);
	free(copy);
	copy = read_file(cache, &i);
	CHECK(copy && i == len && !memcmp(copy, blob, len));
	free(copy);
	free(blob);
}

/* A checksum that matches a malformed body: the checks, not the sum. */
static void test_malformed(void)
{
	size_t len = 0, off;
	uint8_t *blob = read_file(cache, &len);
	struct adb_blob_hdr *h = (void *)blob;
	struct adb_blob_struct *bs;
	struct adb_blob_field *bf;
	struct adb_set *set;
	static const struct { size_t field_off; uint32_t val; } edits[] = {
		{ offsetof(struct adb_blob_field, sub), 1000 },
		{ offsetof(struct adb_blob_field, sub), 2 },	/* itself */
		{ offsetof(struct adb_blob_field, name), 0xffffff },
		{ offsetof(struct adb_blob_field, bits), 0 },
		{ offsetof(struct adb_blob_field, off), 0xfffffff0 },
		{ offsetof(struct adb_blob_field, flags), 1u << 30 },
	};
	size_t i;

	if (!blob)
		return;
	CHECK_EQ(adb_blob_unpack(blob, len, &set), 0);
	free(set);
	/* pair_ext, bar_ext, baz_ext: nested layouts first. */
	CHECK_EQ(h->nstructs, 3);
	bs = (void *)(h + 1);
	bf = (void *)(bs + h->nstructs);
	/* baz_ext's first field, "pairs", whose layout is pair_ext. */
	for (i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		uint8_t *copy = malloc(len);

		memcpy(copy, blob, len);
		off = (uint8_t *)&bf[bs[h->nstructs - 1].first_field] - blob;
		memcpy(copy + off + edits[i].field_off, &edits[i].val, 4);
		adb_blob_seal(copy, len);
		CHECK_EQ(adb_blob_unpack(copy, len, &set), EINVAL);
		free(copy);
	}
	free(blob);
}

static void test_unwritable(uint64_t good)
{
	char file_dir[300];
	enum prm_adb_how how;
	int cerr = 0;

	/* Under a regular file: no directory can be made, even by root. */
	snprintf(file_dir, sizeof(file_dir), "%s/cache", xml);
	CHECK_EQ(load(xml, file_dir, &how, &cerr), 0);
	CHECK_EQ(how, PRM_ADB_UNCACHED);
	CHECK_EQ(cerr, ENOTDIR);
	CHECK_EQ(catalogue_hash(), good);
	CHECK_EQ(load(xml, NULL, &how, &cerr), 0);
	CHECK_EQ(how, PRM_ADB_UNCACHED);
	CHECK_EQ(cerr, 0);
}

/* Writers racing on one file, each removing it first: none sees half. */
static void test_racing(uint64_t good)
{
	pid_t pids[WRITERS];
	int i, r, status, failed = 0;
	enum prm_adb_how how;

	for (i = 0; i < WRITERS; i++) {
		pids[i] = fork();
		if (pids[i])
			continue;
		for (r = 0; r < ROUNDS; r++) {
			unlink(cache);
			if (load(xml, dir, &how, NULL) || catalogue_hash() != good)
				_exit(1);
		}
		_exit(0);
	}
	for (i = 0; i < WRITERS; i++)
		failed += pids[i] < 0 || waitpid(pids[i], &status, 0) != pids[i] ||
			  !WIFEXITED(status) || WEXITSTATUS(status);
	CHECK_EQ(failed, 0);
	expect("after the race", PRM_ADB_CACHE_HIT, good);
}

static void cleanup(void)
{
	char cmd[100];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	CHECK_EQ(system(cmd), 0);
}

int main(void)
{
	uint64_t good;

	if (!mkdtemp(dir))
		return 99;
	snprintf(xml, sizeof(xml), "%s/small.adb", dir);
	CHECK(write_file(xml, small_adb, sizeof(small_adb) - 1));
	good = test_hit(xml);
	CHECK(prm_reg_find("BAR") && prm_reg_find("BAZ"));
	test_stale(good);
	test_damaged(good);
	test_malformed();
	test_unwritable(good);
	test_racing(good);
	prm_adb_unload();
	if (!access(PRM_ADB_DEFAULT, R_OK)) {
		test_hit(PRM_ADB_DEFAULT);
		printf("mstflint's ADB: cached and reloaded alike\n");
	}
	prm_adb_unload();
	cleanup();
	return check_done("test_prm_adb_cache");
}
