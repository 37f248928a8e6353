// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The libc functions a fwctl program reaches the kernel through, as
 * glibc exports them (the *64 and fortified _chk names included): paths
 * of the emulated devices go to the tree, /dev/fwctl/fwctlN opens go to
 * the emulator, and ioctl() on those fds reaches the emulator's fwctl
 * with the program's own buffers, so errnos and outboxes are the
 * emulator's unchanged.
 */
#undef _FORTIFY_SOURCE	/* glibc's inline wrappers would clash with these */
#define _GNU_SOURCE /* RTLD_NEXT, O_PATH, O_TMPFILE, statx, the *64 calls it wraps */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "preload.h"

/* The *64 functions are the same on the 64-bit ABIs this library is for. */
_Static_assert(sizeof(struct stat) == sizeof(struct stat64),
	       "struct stat64 differs from struct stat");

struct preload_host preload_host;
bool preload_active;

void *preload_real(const char *name)
{
	return dlsym(RTLD_NEXT, name);
}

/*
 * The launcher calls this (through dlopen) before it starts the program,
 * so a bad spec is reported once and the tree is there for every process.
 */
int mlx5ctl_preload_setup(const char *specs, const char *root, char *err,
			  size_t errlen);

int mlx5ctl_preload_setup(const char *specs, const char *root, char *err,
			  size_t errlen)
{
	int ret = preload_host_create(&preload_host, specs, err, errlen);

	if (!ret)
		ret = preload_tree_build(&preload_host, root, err, errlen);
	return ret;
}

/*
 * Without a launcher nothing is redirected.  With one, a host that cannot
 * be built stops the program: it would otherwise run on the real devices.
 */
__attribute__((constructor)) static void preload_init(void)
{
	const char *specs = getenv(PRELOAD_ENV_HOST);
	const char *root = getenv(PRELOAD_ENV_ROOT);
	char err[512];

	if (!specs || !root)
		return;
	if (mlx5ctl_preload_setup(specs, root, err, sizeof(err))) {
		fprintf(stderr, "mlx5ctl emu run: %s\n", err);
		_exit(127);
	}
	preload_active = true;
}

/* Exit releases the devices used, which saves their state=FILE. */
__attribute__((destructor)) static void preload_fini(void)
{
	if (preload_active)
		preload_host_release(&preload_host);
}

/* The tree path of PATH in a buffer of the caller's frame. */
#define TREE(path) preload_path(path, (char[PATH_MAX]){ 0 }, PATH_MAX)

static int node_index(const struct preload_dev *d)
{
	return (int)(d - preload_host.devs);
}

/* A node is a char device, rw for its owner, as fwctl's default mode. */
static void node_stat(const struct preload_dev *d, struct stat *st)
{
	st->st_mode = S_IFCHR | (st->st_mode & 07777);
	st->st_rdev = makedev(PRELOAD_FWCTL_MAJOR, node_index(d));
}

static void node_statx(const struct preload_dev *d, struct statx *stx)
{
	stx->stx_mode = S_IFCHR | (stx->stx_mode & 07777);
	stx->stx_rdev_major = PRELOAD_FWCTL_MAJOR;
	stx->stx_rdev_minor = node_index(d);
}

/*
 * open(2)'s mode argument, present only with O_CREAT or O_TMPFILE (whose
 * bits include O_DIRECTORY's: glibc's __OPEN_NEEDS_MODE).
 */
#define NEEDS_MODE(flags)                                                   \
	(((flags) & O_CREAT) || ((flags) & O_TMPFILE) == O_TMPFILE)
#define MODE_ARG(flags, mode)                                               \
	do {                                                                \
		va_list ap;                                                 \
		va_start(ap, flags);                                        \
		mode = NEEDS_MODE(flags) ? va_arg(ap, mode_t) : 0;          \
		va_end(ap);                                                 \
	} while (0)

static int open_path(int dirfd, const char *path, int flags, mode_t mode,
		     int (*real)(int, const char *, int, ...))
{
	struct preload_dev *d = preload_node(path);

	/* O_PATH names the node without opening the device, as the VFS. */
	if (d && !(flags & O_PATH))
		return preload_fd_open(d, flags);
	return real(dirfd, TREE(path), flags, mode);
}

int open(const char *path, int flags, ...)
{
	mode_t mode;

	MODE_ARG(flags, mode);
	return open_path(AT_FDCWD, path, flags, mode, REAL(openat));
}

int open64(const char *path, int flags, ...)
{
	mode_t mode;

	MODE_ARG(flags, mode);
	return open_path(AT_FDCWD, path, flags, mode, REAL(openat64));
}

int openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode;

	MODE_ARG(flags, mode);
	return open_path(dirfd, path, flags, mode, REAL(openat));
}

int openat64(int dirfd, const char *path, int flags, ...)
{
	mode_t mode;

	MODE_ARG(flags, mode);
	return open_path(dirfd, path, flags, mode, REAL(openat64));
}

/* _FORTIFY_SOURCE's entries: no mode, flags already checked. */
int __open_2(const char *path, int flags);
int __open64_2(const char *path, int flags);
int __openat_2(int dirfd, const char *path, int flags);
int __openat64_2(int dirfd, const char *path, int flags);

int __open_2(const char *path, int flags)
{
	return open_path(AT_FDCWD, path, flags, 0, REAL(openat));
}

int __open64_2(const char *path, int flags)
{
	return open_path(AT_FDCWD, path, flags, 0, REAL(openat64));
}

int __openat_2(int dirfd, const char *path, int flags)
{
	return open_path(dirfd, path, flags, 0, REAL(openat));
}

int __openat64_2(int dirfd, const char *path, int flags)
{
	return open_path(dirfd, path, flags, 0, REAL(openat64));
}

/* glibc's fopen() and opendir() open through internal calls: hook them. */
FILE *fopen(const char *path, const char *mode)
{
	return REAL(fopen)(TREE(path), mode);
}

FILE *fopen64(const char *path, const char *mode)
{
	return REAL(fopen64)(TREE(path), mode);
}

DIR *opendir(const char *path)
{
	return REAL(opendir)(TREE(path));
}

typedef int (*filter_fn)(const struct dirent *);
typedef int (*compar_fn)(const struct dirent **, const struct dirent **);
typedef int (*filter64_fn)(const struct dirent64 *);
typedef int (*compar64_fn)(const struct dirent64 **,
			   const struct dirent64 **);

int scandir(const char *path, struct dirent ***list, filter_fn filter,
	    compar_fn compar)
{
	return REAL(scandir)(TREE(path), list, filter, compar);
}

int scandir64(const char *path, struct dirent64 ***list, filter64_fn filter,
	      compar64_fn compar)
{
	return REAL(scandir64)(TREE(path), list, filter, compar);
}

int access(const char *path, int mode)
{
	return REAL(access)(TREE(path), mode);
}

int faccessat(int dirfd, const char *path, int mode, int flags)
{
	return REAL(faccessat)(dirfd, TREE(path), mode, flags);
}

ssize_t readlink(const char *path, char *buf, size_t len)
{
	return REAL(readlink)(TREE(path), buf, len);
}

ssize_t readlinkat(int dirfd, const char *path, char *buf, size_t len)
{
	return REAL(readlinkat)(dirfd, TREE(path), buf, len);
}

ssize_t __readlink_chk(const char *path, char *buf, size_t len,
		       size_t buflen);
ssize_t __readlinkat_chk(int dirfd, const char *path, char *buf, size_t len,
			 size_t buflen);

ssize_t __readlink_chk(const char *path, char *buf, size_t len, size_t buflen)
{
	return REAL(__readlink_chk)(TREE(path), buf, len, buflen);
}

ssize_t __readlinkat_chk(int dirfd, const char *path, char *buf, size_t len,
			 size_t buflen)
{
	return REAL(__readlinkat_chk)(dirfd, TREE(path), buf, len, buflen);
}

/* ls -l asks for ACLs and security labels: the tree has none. */
ssize_t getxattr(const char *path, const char *name, void *val, size_t len)
{
	return REAL(getxattr)(TREE(path), name, val, len);
}

ssize_t lgetxattr(const char *path, const char *name, void *val, size_t len)
{
	return REAL(lgetxattr)(TREE(path), name, val, len);
}

ssize_t listxattr(const char *path, char *list, size_t len)
{
	return REAL(listxattr)(TREE(path), list, len);
}

ssize_t llistxattr(const char *path, char *list, size_t len)
{
	return REAL(llistxattr)(TREE(path), list, len);
}

/* The resolved path is shown as the program's: the tree stays hidden. */
char *realpath(const char *path, char *resolved)
{
	char *ret = REAL(realpath)(TREE(path), resolved);

	preload_unpath(ret);
	return ret;
}

char *__realpath_chk(const char *path, char *resolved, size_t len);

char *__realpath_chk(const char *path, char *resolved, size_t len)
{
	char *ret = REAL(__realpath_chk)(TREE(path), resolved, len);

	preload_unpath(ret);
	return ret;
}

char *canonicalize_file_name(const char *path)
{
	char *ret = REAL(canonicalize_file_name)(TREE(path));

	preload_unpath(ret);
	return ret;
}

/* stat() of a node: the tree's file made the char device it stands for. */
static int stat_done(int ret, const char *path, struct stat *st)
{
	struct preload_dev *d = preload_node(path);

	if (!ret && d)
		node_stat(d, st);
	return ret;
}

static int fstat_done(int ret, int fd, struct stat *st)
{
	struct preload_dev *d;

	if (ret || !preload_active)
		return ret;
	d = preload_stat_dev(st->st_dev, st->st_ino);
	if (d)
		node_stat(d, st);
	return ret;
}

int stat(const char *path, struct stat *st)
{
	return stat_done(REAL(stat)(TREE(path), st), path, st);
}

int stat64(const char *path, struct stat64 *st)
{
	return stat_done(REAL(stat64)(TREE(path), st), path,
			 (struct stat *)st);
}

int lstat(const char *path, struct stat *st)
{
	return stat_done(REAL(lstat)(TREE(path), st), path, st);
}

int lstat64(const char *path, struct stat64 *st)
{
	return stat_done(REAL(lstat64)(TREE(path), st), path,
			 (struct stat *)st);
}

int fstat(int fd, struct stat *st)
{
	return fstat_done(REAL(fstat)(fd, st), fd, st);
}

int fstat64(int fd, struct stat64 *st)
{
	return fstat_done(REAL(fstat64)(fd, st), fd, (struct stat *)st);
}

static int fstatat_done(int ret, int dirfd, const char *path, int flags,
			struct stat *st)
{
	if (path && !path[0] && (flags & AT_EMPTY_PATH))
		return fstat_done(ret, dirfd, st);
	return stat_done(ret, path, st);
}

int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	return fstatat_done(REAL(fstatat)(dirfd, TREE(path), st, flags), dirfd,
			    path, flags, st);
}

int fstatat64(int dirfd, const char *path, struct stat64 *st, int flags)
{
	return fstatat_done(REAL(fstatat64)(dirfd, TREE(path), st, flags),
			    dirfd, path, flags, (struct stat *)st);
}

int statx(int dirfd, const char *path, int flags, unsigned int mask,
	  struct statx *stx)
{
	int ret = REAL(statx)(dirfd, TREE(path), flags, mask, stx);
	struct preload_dev *d;

	if (ret || !preload_active)
		return ret;
	if (!path[0] && (flags & AT_EMPTY_PATH))
		d = preload_fd_dev(dirfd);
	else
		d = preload_node(path);
	if (d)
		node_statx(d, stx);
	return ret;
}

int ioctl(int fd, unsigned long req, ...)
{
	void *arg;
	va_list ap;
	int ret;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (preload_active && preload_fd_ioctl(fd, req, arg, &ret))
		return ret;
	return REAL(ioctl)(fd, req, arg);
}

/* Closing the last fd of an emulated file releases it, as fwctl does. */
int close(int fd)
{
	struct preload_key key;
	bool ours = preload_active && preload_fd_closing(fd, &key);
	int ret = REAL(close)(fd);

	if (ours)
		preload_fd_closed(&key);
	return ret;
}
