# dunning - small Unix filters for getting unpaid invoices paid.
#
#   make            bin/<tool> and libdunning/libdunning.a
#   make check      unit + end-to-end tests, then again under ASan+UBSan
#   make demo       the whole pipeline on examples/
#   make bench      throughput against a libcsv pass-through, mlr, Python and DuckDB
#   make install    PREFIX=/usr/local DESTDIR= PROGRAM_PREFIX= (e.g. dn-)
#   make deps       install the Debian -dev packages when missing
#   make bench-deps the bench's contenders (mlr, python3, node and npm) when missing

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wconversion
ifeq ($(WERROR),1)
WARN    += -Werror
endif
ifeq ($(SAN),1)
CFLAGS  += -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
else
# Link-time optimisation: the per-row calls between modules (reader, item,
# money, date) are inlined across files; the objects also keep ordinary
# code (fat), so the unit tests link fast without it.
LTO     ?= -flto=auto -ffat-lto-objects
endif
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -Ilibdunning -I/usr/include/iniparser
LDLIBS   = -lcsv -liniparser -lpcre2-8

# Output folders: the sanitizer build uses its own (see `check`).
O    ?= build/obj
BIN  ?= bin
LIB  ?= libdunning/libdunning.a
UBIN ?= build/unit

TOOLS   = aging classify journal kpi openitems plan prioritize remind
LIBSRC  = $(wildcard libdunning/*.c)
LIBHDR  = $(wildcard libdunning/*.h)
LIBOBJ  = $(LIBSRC:libdunning/%.c=$(O)/lib/%.o)
UNITSRC = $(wildcard tests/unit/test_*.c)
UNITBIN = $(UNITSRC:tests/unit/%.c=$(UBIN)/%)

PREFIX  ?= /usr/local
DESTDIR ?=
PROGRAM_PREFIX ?=

DEB_PACKAGES = libcsv-dev libpcre2-dev libiniparser-dev parallel librsvg2-bin python3 mandoc
# The bench's contenders, as COMMAND:DEBIAN-PACKAGE, installed when the command
# is missing (DuckDB itself comes from npm: bench/run.sh installs it).
BENCH_COMMANDS = mlr:miller python3:python3 node:nodejs npm:npm
SUDO = $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: all check unit demo bench bench-deps install uninstall deps clean fuzz
# Keep object files: they are intermediate to make, not to us.
.SECONDARY:

all: $(TOOLS:%=$(BIN)/%) $(LIB)

$(O)/lib/%.o: libdunning/%.c $(LIBHDR)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) $(LTO) -c $< -o $@

$(LIB): $(LIBOBJ)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $(LIBOBJ)

$(O)/cmd/%.o: cmd/%.c $(LIBHDR)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) $(LTO) -c $< -o $@

$(BIN)/%: $(O)/cmd/%.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(LTO) $(LDFLAGS) $< $(LIB) $(LDLIBS) -o $@

$(UBIN)/%: tests/unit/%.c tests/unit/unit.h tests/unit/scratch.h $(LIB)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) $(if $(LTO),-fno-lto) $(LDFLAGS) $< $(LIB) $(LDLIBS) -o $@

unit: $(UNITBIN)

# The suite runs on the normal build, then on a sanitizer build of its own.
check: deps
	$(MAKE) all unit
	$(MAKE) all unit SAN=1 O=build/asan/obj BIN=build/asan/bin \
		LIB=build/asan/libdunning.a UBIN=build/asan/unit
	sh tests/check.sh

demo: deps all
	sh examples/demo.sh

bench: deps bench-deps all
	sh bench/run.sh

fuzz:
	sh tests/fuzz/run.sh

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib \
		$(DESTDIR)$(PREFIX)/include/dunning $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/man/man5 $(DESTDIR)$(PREFIX)/share/man/man7
	for t in $(TOOLS); do install -m 755 $(BIN)/$$t $(DESTDIR)$(PREFIX)/bin/$(PROGRAM_PREFIX)$$t; done
	for t in $(TOOLS); do install -m 644 man/$$t.1 \
		$(DESTDIR)$(PREFIX)/share/man/man1/$(PROGRAM_PREFIX)$$t.1; done
	install -m 644 man/dunning.ini.5 $(DESTDIR)$(PREFIX)/share/man/man5/
	install -m 644 man/dunning.7 $(DESTDIR)$(PREFIX)/share/man/man7/
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/
	install -m 644 $(filter-out %_int.h,$(LIBHDR)) $(DESTDIR)$(PREFIX)/include/dunning/

uninstall:
	for t in $(TOOLS); do rm -f $(DESTDIR)$(PREFIX)/bin/$(PROGRAM_PREFIX)$$t \
		$(DESTDIR)$(PREFIX)/share/man/man1/$(PROGRAM_PREFIX)$$t.1; done
	rm -f $(DESTDIR)$(PREFIX)/share/man/man5/dunning.ini.5 \
		$(DESTDIR)$(PREFIX)/share/man/man7/dunning.7 $(DESTDIR)$(PREFIX)/lib/libdunning.a
	rm -rf $(DESTDIR)$(PREFIX)/include/dunning

# Installs only what is missing; needs root (or sudo).
deps:
	@missing=""; \
	for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# A contender that cannot be installed is skipped by the bench, with a note.
bench-deps:
	@missing=""; \
	for cp in $(BENCH_COMMANDS); do \
		command -v $${cp%%:*} >/dev/null 2>&1 || missing="$$missing $${cp#*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		{ $(SUDO) apt-get update -qq && \
		  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; } || \
		echo "bench-deps: could not install$$missing (the bench skips what is missing)"; \
	fi

clean:
	rm -rf build bin libdunning/libdunning.a tests/out
