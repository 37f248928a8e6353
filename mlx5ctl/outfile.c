// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Output files that are never half written and never lose what was there.
 *
 * A regular target (or a new one) is written to a temporary file in its
 * directory and renamed over it only when everything was written and
 * synced; any failure, or SIGINT/SIGTERM/SIGHUP on the way, removes the
 * temporary and leaves the target as it was.  A target that is not a
 * regular file (a device such as /dev/null, a FIFO) is written in place
 * and never unlinked: renaming over it would replace a device node.  "-"
 * is standard output.  The tool never unlinks a file it did not create.
 */
#define _GNU_SOURCE /* mkostemp(), asprintf() */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dump.h"
#include "print.h"

/* The temporary a signal must take with it; one output at a time. */
static char *volatile pending_tmp;

static void on_signal(int sig)
{
	char *tmp = pending_tmp;

	if (tmp)
		unlink(tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void guard(char *tmp)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa = { .sa_handler = tmp ? on_signal : SIG_DFL };
	size_t i;

	pending_tmp = tmp;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

/* The mode a new file would get: 0666 less the umask, or the old mode. */
static mode_t new_mode(const struct stat *old, bool exists)
{
	mode_t mask;

	if (exists)
		return old->st_mode & 07777;
	mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

static int open_direct(struct outfile *o, const char *path)
{
	o->f = strcmp(path, "-") ? fopen(path, "we") : stdout;
	return o->f ? 0 : errno;
}

/* Through a symlink, the file it names is the one replaced. */
static char *target_of(const char *path)
{
	char *real = realpath(path, NULL);

	if (real || errno != ENOENT)
		return real;
	return strdup(path);
}

int outfile_open(struct outfile *o, const char *path)
{
	char *dir, *base;
	struct stat st;
	bool exists;
	int fd, err;

	*o = (struct outfile){ .path = path };
	exists = !stat(path, &st);
	if (!strcmp(path, "-") || (exists && !S_ISREG(st.st_mode)))
		return open_direct(o, path);
	o->target = target_of(path);
	if (!o->target)
		return errno;
	dir = strdup(o->target);
	base = strdup(o->target);
	if (!dir || !base || asprintf(&o->tmp, "%s/.%s.XXXXXX", dirname(dir),
				      basename(base)) < 0) {
		o->tmp = NULL;
		err = ENOMEM;
		goto fail;
	}
	guard(o->tmp);
	fd = mkostemp(o->tmp, O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		guard(NULL);
		free(o->tmp);
		o->tmp = NULL;
		goto fail;
	}
	o->f = fdopen(fd, "w");
	if (!o->f || fchmod(fd, new_mode(&st, exists))) {
		err = errno;
		if (o->f)
			fclose(o->f);
		else
			close(fd);
		o->f = NULL;
		goto fail;
	}
	free(dir);
	free(base);
	return 0;
fail:
	free(dir);
	free(base);
	outfile_abort(o);
	return err;
}

int outfile_commit(struct outfile *o)
{
	int err = 0;

	if (fflush(o->f) || ferror(o->f))
		err = errno ? errno : EIO;
	/* A rename that survives a crash needs the data on disk first. */
	if (!err && o->tmp && fsync(fileno(o->f)))
		err = errno;
	if (o->f != stdout && fclose(o->f) && !err)
		err = errno;
	o->f = NULL;
	if (!err && o->tmp && rename(o->tmp, o->target))
		err = errno;
	if (err) {
		outfile_abort(o);
		return err;
	}
	guard(NULL);
	free(o->tmp);
	free(o->target);
	o->tmp = o->target = NULL;
	return 0;
}

void outfile_abort(struct outfile *o)
{
	if (o->f && o->f != stdout)
		fclose(o->f);
	o->f = NULL;
	if (o->tmp)
		unlink(o->tmp);
	guard(NULL);
	free(o->tmp);
	free(o->target);
	o->tmp = o->target = NULL;
}

int outfile_check(const char *object, const char *path)
{
	if (strcmp(path, "-") || !print_is_json())
		return EXIT_OK;
	report_misuse("%s: -o - writes to standard output, and so does -j: pick one",
		      object);
	return EXIT_USAGE;
}
