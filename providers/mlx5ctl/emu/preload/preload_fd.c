// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Emulated fwctl files behind real fds.  Each open makes a memfd, so the
 * program holds a real descriptor: dup(), fork(), poll() and O_CLOEXEC
 * behave as the kernel's, and ioctl() finds the emulated file by the
 * memfd's inode, which every duplicate of the fd shares.
 */
#define _GNU_SOURCE /* memfd_create() */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fwctl/fwctl.h>

#include "preload.h"

/* One open of /dev/fwctl/fwctlN: its memfd's inode and the emulator's fd. */
struct pfile {
	dev_t dev;
	ino_t ino;
	struct preload_dev *d;
	struct mlx5ctl_sys *sys;
	int efd;
	struct pfile *next;
};

static struct pfile *files;
static pthread_mutex_t files_lock = PTHREAD_MUTEX_INITIALIZER;

static int inode_of(int fd, dev_t *dev, ino_t *ino)
{
	struct stat st;
	int saved = errno;

	if (REAL(fstat)(fd, &st)) {
		errno = saved;
		return -1;
	}
	*dev = st.st_dev;
	*ino = st.st_ino;
	return 0;
}

/*
 * A file stays valid after the lock is dropped while the program holds
 * an fd of it: only the close of its last fd frees it.
 */
static struct pfile *find(dev_t dev, ino_t ino)
{
	struct pfile *f;

	pthread_mutex_lock(&files_lock);
	for (f = files; f; f = f->next)
		if (f->dev == dev && f->ino == ino)
			break;
	pthread_mutex_unlock(&files_lock);
	return f;
}

static struct pfile *lookup(int fd)
{
	dev_t dev;
	ino_t ino;

	if (fd < 0 || inode_of(fd, &dev, &ino))
		return NULL;
	return find(dev, ino);
}

/* Open D as fwctl's open() would, under the emulator's own node name. */
int preload_fd_open(struct preload_dev *d, int flags)
{
	struct pfile *f = calloc(1, sizeof(*f));
	int fd, saved, entry = errno;
	char path[64];

	if (!f)
		return -1;
	f->sys = preload_dev_sys(d);
	if (!f->sys)
		goto err_free;
	snprintf(path, sizeof(path), "/dev/fwctl/%s", d->id->fwctl);
	f->efd = f->sys->open(f->sys, path, flags);
	if (f->efd < 0)
		goto err_free;
	fd = memfd_create(d->id->fwctl, flags & O_CLOEXEC ? MFD_CLOEXEC : 0);
	if (fd < 0)
		goto err_close;
	if (inode_of(fd, &f->dev, &f->ino))
		goto err_memfd;
	f->d = d;
	pthread_mutex_lock(&files_lock);
	f->next = files;
	files = f;
	pthread_mutex_unlock(&files_lock);
	/* A successful open(2) leaves errno alone; the emulator may not. */
	errno = entry;
	return fd;

err_memfd:
	saved = errno;
	REAL(close)(fd);
	errno = saved;
err_close:
	saved = errno;
	f->sys->close(f->sys, f->efd);
	errno = saved;
err_free:
	free(f);
	return -1;
}

/* Only fwctl's ioctls go to the emulator: a memfd answers the rest. */
bool preload_fd_ioctl(int fd, unsigned long req, void *arg, int *ret)
{
	int entry = errno;
	struct pfile *f;

	if (_IOC_TYPE(req) != FWCTL_TYPE)
		return false;
	f = lookup(fd);
	if (!f)
		return false;
	*ret = f->sys->ioctl(f->sys, f->efd, req, arg);
	/* Only a failure sets errno, as the kernel's ioctl(2). */
	if (!*ret)
		errno = entry;
	return true;
}

struct preload_dev *preload_fd_dev(int fd)
{
	struct pfile *f = lookup(fd);

	return f ? f->d : NULL;
}

struct preload_dev *preload_stat_dev(dev_t dev, ino_t ino)
{
	struct pfile *f = find(dev, ino);

	return f ? f->d : NULL;
}

bool preload_fd_closing(int fd, struct preload_key *key)
{
	if (fd < 0 || inode_of(fd, &key->dev, &key->ino))
		return false;
	return find(key->dev, key->ino) != NULL;
}

/* Whether some fd of the process still refers to KEY (a dup of it). */
static bool still_open(const struct preload_key *key)
{
	DIR *dir = REAL(opendir)("/proc/self/fd");
	struct dirent *e;
	bool found = false;
	dev_t dev;
	ino_t ino;

	/* Unknown: keep the file, as an fd that stays open would. */
	if (!dir)
		return true;
	while (!found && (e = readdir(dir)))
		found = e->d_name[0] != '.' &&
			!inode_of(atoi(e->d_name), &dev, &ino) &&
			dev == key->dev && ino == key->ino;
	closedir(dir);
	return found;
}

/*
 * The last fd is gone: fwctl's release() destroys the user context.  Of
 * two threads closing the last two duplicates, one unlinks the file.
 */
void preload_fd_closed(const struct preload_key *key)
{
	struct pfile *f = NULL, **p;
	int saved = errno;

	if (still_open(key)) {
		errno = saved;
		return;
	}
	pthread_mutex_lock(&files_lock);
	for (p = &files; *p; p = &(*p)->next)
		if ((*p)->dev == key->dev && (*p)->ino == key->ino) {
			f = *p;
			*p = f->next;
			break;
		}
	pthread_mutex_unlock(&files_lock);
	if (f) {
		f->sys->close(f->sys, f->efd);
		free(f);
	}
	errno = saved;
}
