/* scratch.h - a temporary folder for the files a unit test writes.
 *
 * scratch_open() makes one folder under /tmp; files are written into it by
 * name and scratch_close() removes them, the subfolders the test registered,
 * then the folder. It also runs at exit, so a test that exits early leaves
 * nothing behind. Paths returned stay valid until scratch_close().
 */
#ifndef SCRATCH_H
#define SCRATCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SCRATCH_MAX 256 /* files and subfolders one test may register */

static char scratch_folder[64];
static struct {
	char path[192];
	int is_dir;
} scratch_list[SCRATCH_MAX];
static int scratch_n;

/* scratch_close(): remove the files registered, the subfolders (last first), then the folder. */
static inline void scratch_close(void)
{
	int i;

	if (scratch_folder[0] == '\0')
		return;
	for (i = scratch_n - 1; i >= 0; i--)
		if (!scratch_list[i].is_dir)
			unlink(scratch_list[i].path);
	for (i = scratch_n - 1; i >= 0; i--)
		if (scratch_list[i].is_dir)
			rmdir(scratch_list[i].path);
	if (rmdir(scratch_folder) != 0)
		printf("cannot remove %s\n", scratch_folder);
	scratch_folder[0] = '\0';
	scratch_n = 0;
}

/* scratch_open(): make the folder /tmp/dn-unit-XXXXXX, or exit 2. */
static inline void scratch_open(void)
{
	static int at_exit;

	snprintf(scratch_folder, sizeof scratch_folder, "/tmp/dn-unit-XXXXXX");
	if (mkdtemp(scratch_folder) == NULL) {
		perror("mkdtemp");
		exit(2);
	}
	if (!at_exit && atexit(scratch_close) == 0)
		at_exit = 1;
}

/* scratch_dir(): the folder's path. */
static inline const char *scratch_dir(void)
{
	return scratch_folder;
}

/* The path of name in the folder, registered once as a file or a subfolder, or exit 2. */
static inline const char *scratch_register(const char *name, int is_dir)
{
	char path[sizeof scratch_list[0].path];
	int i, n;

	if (scratch_folder[0] == '\0') {
		printf("no scratch folder for %s\n", name);
		exit(2);
	}
	n = snprintf(path, sizeof path, "%s/%s", scratch_folder, name);
	if (n < 0 || (size_t)n >= sizeof path) {
		printf("test file name too long: %s\n", name);
		exit(2);
	}
	for (i = 0; i < scratch_n; i++)
		if (scratch_list[i].is_dir == is_dir && strcmp(scratch_list[i].path, path) == 0)
			return scratch_list[i].path;
	if (scratch_n == SCRATCH_MAX) {
		printf("too many test files\n");
		exit(2);
	}
	memcpy(scratch_list[scratch_n].path, path, (size_t)n + 1);
	scratch_list[scratch_n].is_dir = is_dir;
	return scratch_list[scratch_n++].path;
}

/* scratch_path(name): the path of file name in the folder; scratch_close() removes the file. */
static inline const char *scratch_path(const char *name)
{
	return scratch_register(name, 0);
}

/* scratch_subdir(name): the path of subfolder name, which the test makes; removed on close. */
static inline const char *scratch_subdir(const char *name)
{
	return scratch_register(name, 1);
}

/* scratch_put(name, data, len): write len bytes to file name; returns its path, or exits 2. */
static inline const char *scratch_put(const char *name, const char *data, size_t len)
{
	const char *p = scratch_path(name);
	FILE *fp = fopen(p, "wb");

	if (fp == NULL || fwrite(data, 1, len, fp) != len || fclose(fp) != 0) {
		printf("cannot write %s\n", p);
		exit(2);
	}
	return p;
}

/* scratch_put_str(name, text): scratch_put() of a string without its '\0'. */
static inline const char *scratch_put_str(const char *name, const char *text)
{
	return scratch_put(name, text, strlen(text));
}

#endif
