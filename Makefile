# docket — build, test and install.  See README.md.
#
#   make            build build/docket
#   make check      unit tests, corpus, CLI tests (ends with "N passed, N failed")
#   make asan       the same under AddressSanitizer + UBSan (build-asan/)
#   make valgrind   the same under valgrind (build-vg/)
#   make demo       run docket on the example backlog
#   make bench      benchmarks against baselines (bench/RESULTS.md)
#   make deps       install missing Debian packages (as root; TIERS="build test")
#   make install PREFIX=/usr/local DESTDIR=

PROG       := docket
VERSION    := 0.1.0
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
DATADIR    ?= $(PREFIX)/share
DESTDIR    ?=
O          ?= build
PKG_CONFIG ?= pkg-config
INSTALL    ?= install
PKGS       := libgit2 yaml-0.1 libpcre2-8 libcmark-gfm libutf8proc nettle jansson
# Headers only: `docket serve` loads libmicrohttpd with dlopen (server/mhd.h),
# so that no other command loads it and GnuTLS at start-up.
DLOPEN_PKGS := libmicrohttpd
EXTRA_LIBS := -lcmark-gfm-extensions -lcsv -lpthread -lm
TEST_PKGS  := cmocka

CSTD  ?= -std=c11
OPT   ?= -O2 -g
WARN  := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
         -Wmissing-prototypes -Wpointer-arith -Wwrite-strings \
         -Wformat=2 -Wundef -Wvla -Wno-missing-field-initializers \
         -Wno-format-nonliteral
ifdef SAN
SANFLAGS := -fsanitize=$(SAN) -fno-omit-frame-pointer -fno-sanitize-recover=all
endif
ifdef WERROR
WARN += -Werror
endif

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) $(DLOPEN_PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) $(EXTRA_LIBS)
TEST_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS   := $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)
ALL_CPPFLAGS := -I. -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
                -DDOCKET_VERSION='"$(VERSION)"' $(CPPFLAGS)
ALL_CFLAGS   := $(CSTD) $(OPT) $(WARN) $(SANFLAGS) $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS  := $(SANFLAGS) $(LDFLAGS)

CORE_SRC := $(sort $(wildcard core/*.c))
FMT_SRC  := $(sort $(wildcard formats/*.c))
CMD_SRC  := $(sort $(wildcard cmd/*.c))
SRV_SRC  := $(sort $(wildcard server/*.c))
UT_SRC   := $(sort $(wildcard tests/unit/test_*.c))
LIB_OBJ  := $(CORE_SRC:%.c=$(O)/%.o) $(FMT_SRC:%.c=$(O)/%.o)
CMD_OBJ  := $(CMD_SRC:%.c=$(O)/%.o) $(SRV_SRC:%.c=$(O)/%.o)
UT_BIN   := $(UT_SRC:%.c=$(O)/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
REPLAY_BIN := $(FUZZ_NAMES:%=$(O)/tests/fuzz/replay_%)
DEPS     := $(LIB_OBJ:.o=.d) $(CMD_OBJ:.o=.d) $(UT_BIN:=.d) $(REPLAY_BIN:=.d)

all: $(O)/$(PROG)

$(O)/$(PROG): $(CMD_OBJ) $(O)/libdocket.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(CMD_OBJ) $(O)/libdocket.a $(PKG_LIBS) $(LDLIBS)

$(O)/libdocket.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(O)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(O)/tests/unit/%: tests/unit/%.c $(O)/libdocket.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(TEST_CFLAGS) -MMD -MP \
	  $(ALL_LDFLAGS) -o $@ $< $(O)/libdocket.a $(TEST_LIBS) $(PKG_LIBS) $(LDLIBS)

# server/mhd.o is not in libdocket.a (only `docket serve` uses it)
$(O)/tests/unit/test_mhd: tests/unit/test_mhd.c $(O)/server/mhd.o $(O)/libdocket.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(TEST_CFLAGS) -MMD -MP \
	  $(ALL_LDFLAGS) -o $@ $< $(O)/server/mhd.o $(O)/libdocket.a $(TEST_LIBS) $(PKG_LIBS) $(LDLIBS)

# Fuzz harnesses: replayed over their saved corpus by `make check` (any
# compiler), run for real with libFuzzer by `make fuzz` (clang).
$(O)/tests/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(O)/libdocket.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -Wno-missing-prototypes -MMD -MP \
	  $(ALL_LDFLAGS) -o $@ $< tests/fuzz/replay.c $(O)/libdocket.a $(PKG_LIBS) $(LDLIBS)

FUZZ_TIME ?= 60
FUZZ_O := build-fuzz
fuzz:
	$(MAKE) O=$(FUZZ_O) CC=clang OPT='-O1 -g' \
	  SAN=address,undefined CFLAGS='-fsanitize=fuzzer-no-link' $(FUZZ_O)/libdocket.a
	@set -e; for n in $(FUZZ_NAMES); do \
	  clang $(ALL_CPPFLAGS) -std=c11 -O1 -g -fsanitize=fuzzer,address,undefined \
	    $(PKG_CFLAGS) -o $(FUZZ_O)/fuzz_$$n tests/fuzz/fuzz_$$n.c $(FUZZ_O)/libdocket.a $(PKG_LIBS); \
	  mkdir -p $(FUZZ_O)/corpus-$$n; \
	  echo "fuzz: $$n for $(FUZZ_TIME) s"; \
	  $(FUZZ_O)/fuzz_$$n -max_total_time=$(FUZZ_TIME) -max_len=65536 -timeout=10 \
	    -artifact_prefix=tests/fuzz/corpus/$$n/crash- \
	    $(FUZZ_O)/corpus-$$n tests/fuzz/corpus/$$n 2>&1 | tail -3; \
	done

# The test driver runs every unit binary and CLI script and prints the
# closing "N passed, N failed" line; it exits non-zero on any failure.
check:
	@sh scripts/install-deps.sh --check-or-install build test browser
	@$(MAKE) --no-print-directory check-run

check-run: all $(UT_BIN) $(REPLAY_BIN) layering
	@DOCKET="$(CURDIR)/$(O)/$(PROG)" UNIT_BINS="$(UT_BIN)" REPLAY_BINS="$(REPLAY_BIN)" \
	  VALGRIND="$(VALGRIND)" DOCKET_SAN="$(SAN)" sh tests/run.sh

# core/ includes nothing above it; formats/ nothing from cmd/ or server/;
# server/ (docket serve, beside cmd/) nothing from cmd/; only cmd/ and
# server/ print to the terminal or exit.
layering:
	@! grep -n '#include "\(cmd\|formats\|server\)/' core/*.c core/*.h || \
	  { echo "layering: core/ includes a higher layer"; exit 1; }
	@! grep -n '#include "\(cmd\|server\)/' formats/*.c formats/*.h 2>/dev/null || \
	  { echo "layering: formats/ includes cmd/ or server/"; exit 1; }
	@! grep -n '#include "cmd/' server/*.c server/*.h 2>/dev/null || \
	  { echo "layering: server/ includes cmd/"; exit 1; }
	@! grep -nE '\b(exit|printf|puts|perror)\(|\b(stdout|stderr)\b' core/*.c formats/*.c 2>/dev/null || \
	  { echo "layering: only cmd/ prints or exits"; exit 1; }

asan:
	$(MAKE) O=build-asan SAN=address,undefined OPT='-O1 -g' check

valgrind:
	$(MAKE) O=build-vg VALGRIND='valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite' check

demo:
	@sh scripts/install-deps.sh --check-or-install build test
	@$(MAKE) --no-print-directory all
	@sh scripts/demo.sh "$(CURDIR)/$(O)/$(PROG)"

BENCH_ARGS ?= --out bench/RESULTS.md
bench: all $(O)/bench/floor
	@python3 bench/bench.py "$(CURDIR)/$(O)/$(PROG)" \
	  --floor "$(CURDIR)/$(O)/bench/floor" $(BENCH_ARGS)

# the libgit2 floor of a one-file commit (see bench/floor.c)
$(O)/bench/floor: bench/floor.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS) $(shell $(PKG_CONFIG) --libs libgit2)

# The Debian packages, in tiers (build, test, browser, dev): the one list
# is scripts/install-deps.sh.  `make deps TIERS=build` for one tier.
deps:
	@sh scripts/install-deps.sh $(TIERS)

# What the build takes from the system, checked against the package list
# by tests/cli/t0200-deps.sh: pkg-config modules, -l libraries, and the
# flags to find the headers the sources include.
deps-used:
	@echo "pkg-config $(PKGS) $(DLOPEN_PKGS)"
	@echo "test-pkg-config $(TEST_PKGS)"
	@echo "libs $(filter -l%,$(PKG_LIBS) $(LDLIBS))"
	@echo "test-libs $(filter -l%,$(TEST_LIBS))"
	@echo "cppflags $(ALL_CPPFLAGS) $(PKG_CFLAGS)"
	@echo "test-cppflags $(TEST_CFLAGS)"
	@echo "sources $(CORE_SRC) $(FMT_SRC) $(CMD_SRC) $(SRV_SRC)"
	@echo "test-sources $(UT_SRC) $(FUZZ_SRC) bench/floor.c"

install: $(O)/$(PROG)
	$(INSTALL) -d '$(DESTDIR)$(BINDIR)'
	$(INSTALL) -m 0755 $(O)/$(PROG) '$(DESTDIR)$(BINDIR)/$(PROG)'

uninstall:
	rm -f '$(DESTDIR)$(BINDIR)/$(PROG)'

clean:
	rm -rf $(O) build-asan build-vg build-fuzz

# The manual (docs/docket.1.scd, built with scdoc) and the shell
# completions, installed with the binary.
# A plain `make` skips the page where scdoc is missing (CI jobs that only
# need the binary); `make install` needs it.
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR  ?= $(DATADIR)/zsh/site-functions
SCDOC       ?= scdoc
ifneq ($(shell command -v $(SCDOC) 2>/dev/null),)
all: $(O)/docket.1
endif
$(O)/docket.1: docs/docket.1.scd
	@mkdir -p $(@D)
	$(SCDOC) <docs/docket.1.scd >$@
install: install-extras
install-extras: $(O)/docket.1
	$(INSTALL) -d '$(DESTDIR)$(MANDIR)/man1' '$(DESTDIR)$(BASHCOMPDIR)' '$(DESTDIR)$(ZSHCOMPDIR)'
	$(INSTALL) -m 0644 $(O)/docket.1 '$(DESTDIR)$(MANDIR)/man1/docket.1'
	$(INSTALL) -m 0644 completions/docket.bash '$(DESTDIR)$(BASHCOMPDIR)/docket'
	$(INSTALL) -m 0644 completions/_docket '$(DESTDIR)$(ZSHCOMPDIR)/_docket'
uninstall: uninstall-extras
uninstall-extras:
	rm -f '$(DESTDIR)$(MANDIR)/man1/docket.1' '$(DESTDIR)$(BASHCOMPDIR)/docket' \
	  '$(DESTDIR)$(ZSHCOMPDIR)/_docket'

.PHONY: all check check-run fuzz layering asan valgrind demo bench deps deps-used install uninstall clean
.PHONY: install-extras uninstall-extras
.DELETE_ON_ERROR:
-include $(DEPS)
