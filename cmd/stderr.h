/* stderr.h - the one writer to standard error, which every tool's main
 * hands to the shared run (libdunning never prints itself). */
#ifndef DN_CMD_STDERR_H
#define DN_CMD_STDERR_H

#include <stdio.h>

static void say(const char *text)
{
	fputs(text, stderr);
}

#endif
