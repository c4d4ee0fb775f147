# The accounting-office portal. `make run` starts the local stack; `make test` tests it.
# SANITIZE=1 builds everything with ASan+UBSan into build/san (tests then use those).

SANITIZE ?=
ifeq ($(SANITIZE),1)
BUILD ?= build/san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
OPT := -O1
else
BUILD ?= build/release
SANFLAGS :=
OPT := -O2
endif

CC ?= gcc
FUZZCC ?= clang
CPPFLAGS := -Ilib -I/usr/include/ClearSilver -I/usr/include/mariadb -D_FORTIFY_SOURCE=2
CFLAGS := -std=gnu11 $(OPT) -g -Wall -Wextra -Werror -fstack-protector-strong -fPIE \
	-fno-strict-aliasing $(SANFLAGS)
LDFLAGS := -pie -Wl,-z,relro,-z,now $(SANFLAGS)
LIBS := -lfcgi -lneo_cgi -lneo_cs -lneo_utl -lz -lmariadb -lsodium -lcurl -lgpgme -lxlsxwriter -loath -lqrencode -lpng -ljpeg -lcsv -lzip -lexpat
TESTLIBS := -lcmocka

LIB_SRC := $(shell find lib -name '*.c')
OBJ := $(BUILD)/obj
LIB_OBJ := $(LIB_SRC:%.c=$(OBJ)/%.o)
LIB_A := $(BUILD)/libportal.a
AREAS := $(notdir $(wildcard cgi-bin/*))
PROGRAMS := $(AREAS:%=$(BUILD)/cgi-bin/%)
TOOLS := $(BUILD)/bin/portalctl $(BUILD)/tests/bench/hello
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:%.c=$(BUILD)/%)
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
TEMPLATES := $(shell find cgi-bin lib -name '*.cs')

# Escaping is on by default; these template commands print raw or run data as code.
TEMPLATE_CHECK := $(BUILD)/.templates-checked

.PHONY: all deps run stop test test-unit test-units test-http test-browser fuzz fuzz-long bench faults clean

all: $(TEMPLATE_CHECK) $(PROGRAMS) $(TOOLS) $(UNIT_BIN)

deps:
	@scripts/deps

$(TEMPLATE_CHECK): $(TEMPLATES)
	@mkdir -p $(@D)
	@if grep -nE '<\?cs[^?]*\b(uvar|name|evar|lvar):' $(TEMPLATES); then \
		echo "templates: uvar:, name:, evar: and lvar: are forbidden (unescaped output)"; exit 1; fi
	@touch $@

$(OBJ)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(LIB_A): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

define program_rule
$(BUILD)/cgi-bin/$(1): $(patsubst %.c,$(OBJ)/%.o,$(wildcard cgi-bin/$(1)/*.c)) $(LIB_A)
	@mkdir -p $$(@D)
	$(CC) $(LDFLAGS) -o $$@ $$^ $(LIBS)
endef
$(foreach a,$(AREAS),$(eval $(call program_rule,$(a))))

$(BUILD)/bin/portalctl: $(patsubst %.c,$(OBJ)/%.o,$(wildcard bin/*.c)) $(LIB_A)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/tests/bench/hello: $(OBJ)/tests/bench/hello.o
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ -lfcgi

$(BUILD)/tests/unit/%: $(OBJ)/tests/unit/%.o $(LIB_A)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(TESTLIBS) $(LIBS)

# The fuzz targets: the library compiled once with clang's coverage instrumentation
# (fuzzer-no-link), each target linked against it.
FUZZFLAGS := $(CPPFLAGS) -std=gnu11 -g -O1
FUZZ_OBJ := $(LIB_SRC:%.c=build/fuzz/obj/%.o)
build/fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZCC) $(FUZZFLAGS) -fsanitize=fuzzer-no-link,address,undefined -MMD -MP -c -o $@ $<

build/fuzz/libportal.a: $(FUZZ_OBJ)
	@rm -f $@
	ar rcs $@ $^

build/fuzz/%: tests/fuzz/%.c build/fuzz/libportal.a
	@mkdir -p $(@D)
	$(FUZZCC) $(FUZZFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $^ $(LIBS)

run: deps all
	@scripts/stack start dev

stop:
	@scripts/stack stop dev

# Every target built, then run for FUZZ_SECONDS, as many at once as there are cores (each
# is one thread).
FUZZ_SECONDS ?= 15
FUZZ_RUNS := $(FUZZ_BIN:build/fuzz/%=fuzz-run-%)
# Reached only through fuzz-run-%: kept, not deleted as intermediate files.
.SECONDARY: $(FUZZ_BIN)
fuzz:
	@$(MAKE) --no-print-directory -j$(shell nproc) $(FUZZ_RUNS)
	@echo "fuzz: all targets ran clean"

fuzz-run-%: build/fuzz/%
	@mkdir -p build/fuzz/corpus/$* tests/fuzz/corpus/$*
	@echo "fuzz: $* for $(FUZZ_SECONDS)s"
	@$< -max_total_time=$(FUZZ_SECONDS) -print_final_stats=0 build/fuzz/corpus/$* \
		tests/fuzz/corpus/$* tests/fuzz/seeds/$* 2> build/fuzz/$*.log || { tail -40 build/fuzz/$*.log; exit 1; }

# The long form (issue 27, F-8): every target for FUZZ_SECONDS (here 600 unless given:
# make fuzz-long FUZZ_SECONDS=120) on the kept corpus (tests/fuzz/corpus/, committed) and
# the seeds, as many at once as there are cores; one line of
# figures per target (executions, exec/s, cov/ft, the corpus, crashes), the kept corpus
# minimised again with what the run found (commit it). Run it under the stack lock on a
# shared machine.
FUZZ_LONG_SECONDS := $(if $(filter command line environment,$(origin FUZZ_SECONDS)),$(FUZZ_SECONDS),600)
FUZZ_LONG_RUNS := $(FUZZ_BIN:build/fuzz/%=fuzz-long-%)
fuzz-long: $(FUZZ_BIN)
	@echo "fuzz-long: $(words $(FUZZ_BIN)) targets for $(FUZZ_LONG_SECONDS)s each, $(shell nproc) at a time"
	@$(MAKE) --no-print-directory -j$(shell nproc) --output-sync=target $(FUZZ_LONG_RUNS)
	@echo "fuzz-long: all targets ran clean; corpus $$(find tests/fuzz/corpus -type f | wc -l) files," \
		"$$(du -sk --apparent-size tests/fuzz/corpus | cut -f1) KB"

fuzz-long-%: build/fuzz/%
	@tests/fuzz/long.sh $* $(FUZZ_LONG_SECONDS)

test-unit: all
	BUILD=$(BUILD) prove --exec '' $(UNIT_BIN) tests/unit/layers.sh

test-units: all
	@BUILD=$(BUILD) tests/units/verify.sh

# A program that crashed under the tests fails them even when the page it was serving
# was retried or not checked: its supervisor logs "killed by signal".
CRASHES = grep -c 'killed by signal' var/test/log/error.log 2>/dev/null || true
CRASH_CHECK = if [ "$$($(CRASHES))" != "$$before" ]; then rc=1; echo "$@: a program crashed:"; \
	grep 'killed by signal' var/test/log/error.log | tail -n 5; fi
# The HTTP suite through each web server in turn, both serving the production site file
# over HTTPS (WEBS=nginx for one of them).
WEBS ?= nginx apache
# HTTP_TESTS=tests/http/18-importacao.t (or several) runs only those scripts.
HTTP_TESTS ?= tests/http/*.t
test-http: all
	@rc=0; for web in $(WEBS); do \
		echo "test-http: the HTTP suite through $$web"; \
		WEB=$$web scripts/stack start test || { rc=1; break; }; \
		before=$$($(CRASHES)); WEB=$$web BUILD=$(BUILD) prove -I tests/http/lib $(HTTP_TESTS) || rc=1; \
		$(CRASH_CHECK); \
	done; scripts/stack stop test; exit $$rc

# BROWSER_TESTS=portal.test.js (names in tests/browser) runs only those.
BROWSER_TESTS ?=
test-browser: all
	@scripts/stack start test
	@before=$$($(CRASHES)); cd tests/browser && (test -d node_modules/playwright-core || \
		npm install --no-audit --no-fund --silent) && node --test $(BROWSER_TESTS); rc=$$?; cd ../..; \
		$(CRASH_CHECK); scripts/stack stop test; exit $$rc

test: deps all
	$(MAKE) test-unit
	$(MAKE) test-units
	$(MAKE) test-http
	$(MAKE) test-browser
	$(MAKE) fuzz

bench: deps all
	@BUILD=$(BUILD) scripts/bench

# The fault plan (scripts/faults) on its own stack, the faults instance (HTTPS on 38443):
# FAULTS_SHORT=1 is the short form CI runs; FAULTS="B1 F3" runs only those.
FAULTS_SHORT ?= 0
FAULTS ?=
faults: all
	@FAULTS_SHORT=$(FAULTS_SHORT) BUILD=$(BUILD) scripts/faults $(FAULTS)

clean:
	rm -rf build

-include $(shell find $(OBJ) build/fuzz/obj -name '*.d' 2>/dev/null)
