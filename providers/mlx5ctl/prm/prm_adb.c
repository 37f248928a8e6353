// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The ADB extension of the catalogue and its cache (prm_adb.h).  libc
 * only: a cache hit costs a stat, one read and a check of the blob, and
 * never loads libxml2.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "prm.h"
#include "prm_adb.h"
#include "prm_adb_blob.h"

/* Far beyond what mstflint's file makes (about 1 MiB): refuse, don't read. */
#define ADB_CACHE_MAX (64u << 20)

static struct adb_set *loaded;

static bool builtin_known(const char *name, uint16_t id)
{
	return prm_reg_find(name) || prm_reg_by_id(id);
}

/*
 * The built-in registers the blob left out: a tool with other tables
 * must not use a blob made for these.
 */
static uint64_t builtin_hash(void)
{
	uint64_t h = ADB_FNV_INIT;
	const char *name;
	uint16_t id;
	size_t i;

	/* Names and ids only: no layout is unpacked for a hash. */
	for (i = 0; (name = prm_reg_name_at(i, &id)); i++) {
		h = adb_fnv1a(h, name, strlen(name) + 1);
		h = adb_fnv1a(h, &id, sizeof(id));
	}
	return h;
}

static void make_key(const char *path, const struct stat *st,
		     struct adb_blob_key *key)
{
	memset(key, 0, sizeof(*key));
	key->xml_size = st->st_size;
	key->xml_mtime_sec = st->st_mtim.tv_sec;
	key->xml_mtime_nsec = st->st_mtim.tv_nsec;
	key->path_hash = adb_fnv1a(ADB_FNV_INIT, path, strlen(path));
	key->builtin_hash = builtin_hash();
}

bool prm_adb_cache_path(const char *path, const char *cache_dir, char *buf,
			size_t size)
{
	uint64_t h = adb_fnv1a(ADB_FNV_INIT, path, strlen(path));
	int n = snprintf(buf, size, "%s/adb-%016" PRIx64 ".bin", cache_dir, h);

	return n > 0 && (size_t)n < size;
}

static int read_all(int fd, void *buf, size_t len)
{
	uint8_t *p = buf;
	ssize_t n;

	while (len) {
		n = read(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n ? errno : EINVAL;	/* shorter than fstat said */
		p += n;
		len -= n;
	}
	return 0;
}

/* FILE's blob when its key is KEY and it checks; else an error. */
static int cache_read(const char *file, const struct adb_blob_key *key,
		      struct adb_set **set)
{
	const struct adb_blob_hdr *h;
	struct stat st;
	void *buf = NULL;
	int fd = open(file, O_RDONLY | O_CLOEXEC), err;

	if (fd < 0)
		return errno;
	err = fstat(fd, &st) ? errno : 0;
	if (!err && (st.st_size < (off_t)sizeof(*h) || st.st_size > ADB_CACHE_MAX))
		err = EINVAL;
	if (!err && !(buf = malloc(st.st_size)))
		err = ENOMEM;
	if (!err)
		err = read_all(fd, buf, st.st_size);
	close(fd);
	h = buf;
	if (!err && memcmp(&h->key, key, sizeof(*key)))
		err = ESTALE;
	if (!err)
		err = adb_blob_unpack(buf, st.st_size, set);
	free(buf);
	return err;
}

static int write_all(int fd, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	ssize_t n;

	while (len) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno;
		p += n;
		len -= n;
	}
	return 0;
}

/* mkdir -p, private: the cache says which tools a user runs. */
static int make_dirs(const char *dir)
{
	char tmp[4096], *p;

	if (snprintf(tmp, sizeof(tmp), "%s", dir) >= (int)sizeof(tmp))
		return ENAMETOOLONG;
	for (p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(tmp, 0700) && errno != EEXIST)
			return errno;
		*p = '/';
	}
	return mkdir(tmp, 0700) && errno != EEXIST ? errno : 0;
}

/*
 * A temporary file of our own, then rename: readers see the old file or
 * the new one, and of two writers the last rename wins whole.
 */
static int cache_write(const char *dir, const char *file, const void *blob,
		       size_t len)
{
	char tmp[4200];
	int fd, err = make_dirs(dir);

	if (err)
		return err;
	snprintf(tmp, sizeof(tmp), "%s.%d.tmp", file, (int)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return errno;
	err = write_all(fd, blob, len);
	if (close(fd) && !err)
		err = errno;
	if (!err && rename(tmp, file))
		err = errno;
	if (err)
		unlink(tmp);
	return err;
}

static void install(struct adb_set *set)
{
	loaded = set;
	prm_extend(&set->ext);
}

/* PATH through PARSE; the blob, keyed, into the cache FILE if any. */
static int parse_and_store(const char *path, const struct adb_blob_key *key,
			   const char *dir, const char *file,
			   prm_adb_parse_fn *parse, int *cache_err)
{
	struct adb_set *set;
	void *blob;
	size_t len;
	int err = parse(path, builtin_known, &blob, &len);

	if (err)
		return err;
	((struct adb_blob_hdr *)blob)->key = *key;
	err = adb_blob_unpack(blob, len, &set);
	if (!err && file)
		*cache_err = cache_write(dir, file, blob, len);
	free(blob);
	if (!err)
		install(set);
	return err;
}

int prm_adb_load_cached(const char *path, const char *cache_dir,
			prm_adb_parse_fn *parse, enum prm_adb_how *how,
			int *cache_err)
{
	char buf[4096], *file = NULL;
	struct adb_blob_key key;
	struct adb_set *set;
	struct stat st;
	int err, cerr = 0;

	if (stat(path, &st))
		return errno;
	prm_adb_unload();
	make_key(path, &st, &key);
	if (cache_dir && prm_adb_cache_path(path, cache_dir, buf, sizeof(buf)))
		file = buf;
	else if (cache_dir)
		cerr = ENAMETOOLONG;
	if (file && !cache_read(file, &key, &set)) {
		install(set);
		if (how)
			*how = PRM_ADB_CACHE_HIT;
		if (cache_err)
			*cache_err = 0;
		return 0;
	}
	err = parse_and_store(path, &key, cache_dir, file, parse, &cerr);
	if (how)
		*how = file && !cerr ? PRM_ADB_CACHE_STORED : PRM_ADB_UNCACHED;
	if (cache_err)
		*cache_err = cerr;
	return err;
}

void prm_adb_unload(void)
{
	if (!loaded)
		return;
	prm_extend(NULL);
	free(loaded);
	loaded = NULL;
}
