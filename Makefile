# webim-checks: monitoring plugins for Webim, Itgrix, the WhatsApp Business API.
# make help lists the targets.

SUITE    := webim-checks
MODULE   := github.com/ccmon/webim-checks
# The version: git describe on a release tag (v0.2.0, v0.2.0-4-g1a2b3c4);
# without one, a pre-release of the newest version in CHANGELOG.md,
# v0.2.0-git1a2b3c4 (see CHANGELOG.md).
CHANGELOG_VERSION := $(shell sed -nE 's/^\#\# \[?v?([0-9]+\.[0-9]+\.[0-9]+)\]?.*/\1/p' CHANGELOG.md 2>/dev/null | head -1)
VERSION  ?= $(shell git describe --tags --match 'v[0-9]*' --dirty 2>/dev/null || \
              echo "v$(or $(CHANGELOG_VERSION),0.0.0)-git$$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$$(git diff --quiet HEAD 2>/dev/null || echo -dirty)")
GO       ?= go
BIN      ?= bin
LDFLAGS  := -s -w -X $(MODULE)/lib/plugin.Version=$(VERSION)
FUZZTIME ?= 5s

# Release builds are static: cgo makes every start 35-40% slower.
export CGO_ENABLED := 0

.PHONY: help build test demo lint fuzz bench clean

help: ## list the targets
	@grep -hE '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

build: ## build every check and the simulator into bin/ (static, stripped, version stamped)
	@mkdir -p $(BIN)
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN)/ ./checks/...
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN)/simulator ./contrib/simulator

test: ## unit, in-process and end-to-end tests, one line per package (the race detector where a C compiler is found)
	@if command -v "$$(CGO_ENABLED=1 $(GO) env CC)" >/dev/null 2>&1; then \
	  echo "race detector on (C compiler $$(CGO_ENABLED=1 $(GO) env CC))"; \
	  CGO_ENABLED=1 $(GO) test -race -count=1 ./...; \
	else \
	  echo "race detector off: no C compiler (install gcc to turn it on)"; \
	  $(GO) test -count=1 ./...; \
	fi

# DEMO_LISTEN: the simulator's address (default: a free port on 127.0.0.1)
DEMO_LISTEN ?= 127.0.0.1:0

demo: build ## run every check against the bundled simulator, healthy and broken (DEMO_LISTEN=127.0.0.1:PORT)
	$(GO) run ./contrib/demo -bin $(BIN) -fixtures testdata -listen $(DEMO_LISTEN)

lint: ## gofmt, go vet and staticcheck (pinned in contrib/packaging/staticcheck)
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	@mkdir -p $(BIN)
	cd contrib/packaging/staticcheck && $(GO) build -o $(abspath $(BIN))/staticcheck honnef.co/go/tools/cmd/staticcheck
	$(BIN)/staticcheck ./...

fuzz: ## run each fuzz target for FUZZTIME (default 5s)
	@set -e; for f in $$(grep -rl --include='*_test.go' '^func Fuzz' lib); do \
	  pkg=./$$(dirname $$f); \
	  for t in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$f | sed 's/^func //'); do \
	    echo "== $$pkg $$t"; \
	    $(GO) test -run='^$$' -fuzz="^$$t\$$" -fuzztime=$(FUZZTIME) $$pkg; \
	  done; \
	done

bench: ## Go benchmarks, then the whole-process benchmarks side by side with check_http, check_curl, curl | jq and Python (HTTP, then verified HTTPS)
	$(GO) test -run='^$$' -bench=. -benchmem ./lib/...
	bash contrib/bench/run.sh
	@if [ -f contrib/bench/https/run.sh ]; then bash contrib/bench/https/run.sh; fi

clean: ## remove build output
	rm -rf $(BIN) dist

# --- install, man pages, Debian package, engine integration tests ---------

PREFIX     ?= /usr
DESTDIR    ?=
PLUGINDIR  ?= $(PREFIX)/lib/nagios/plugins
MAN1DIR    ?= $(PREFIX)/share/man/man1
DATADIR    ?= $(PREFIX)/share/$(SUITE)
# multi: one multi-call binary ($(SUITE)) and a link per check, the smaller
# package; separate: one binary per check.
LAYOUT     ?= multi
# Checks built and installed as their own binary even with LAYOUT=multi:
# their imports would slow every check of the multi-call binary down
# (check_webim_metrics: protobuf's package init). lib/checks/all's
# OwnBinary lists the same; a test holds them equal.
OWN_BINARY := check_webim_metrics
DIST       ?= dist
CHECKS     := $(sort $(notdir $(wildcard checks/check_*)))
GOARCH_    := $(shell $(GO) env GOARCH)
# Debian versions start with a digit: v1.2.3 -> 1.2.3, v1.2.3-4-gabc -> 1.2.3+4.gabc,
# a bare commit abc1234 -> 0~gitabc1234, a modified tree adds ~dirty.
# v0.2.0-git1a2b3c4 (no tag yet) -> 0.2.0~git1a2b3c4, before 0.2.0.
DEB_VERSION    ?= $(shell echo '$(VERSION)' | sed -E 's/-dirty$$/~dirty/; /^v?[0-9]+\./!s/^/0~git/; s/^v//; s/-git([0-9a-f]+)/~git\1/; s/-([0-9]+)-g/+\1.g/')
DEB_MAINTAINER ?= The webim-checks authors <webim-checks@users.noreply.github.com>
# man page dates and package timestamps from the last commit: reproducible
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || date +%s)
export SOURCE_DATE_EPOCH

COMPLETIONDIR ?= $(PREFIX)/share/bash-completion/completions

.PHONY: man contrib install deb rpm integration

man: ## a man page per check, from its flag definitions, into $(BIN)/man
	$(GO) run ./contrib/packaging/manpages -out $(BIN)/man -version $(VERSION)

contrib: ## regenerate the engine files (Icinga 2, Nagios commands, Zabbix), the completion and the README's table of checks from the checks' descriptions
	$(GO) run ./contrib/packaging/enginegen

install: man ## build and install the plugins (LAYOUT=multi: one multi-call binary, built here, and a link per check but OWN_BINARY), man pages, completion, engine examples (DESTDIR, PREFIX=/usr, PLUGINDIR)
	@mkdir -p $(BIN)/$(LAYOUT)
	install -d $(DESTDIR)$(PLUGINDIR) $(DESTDIR)$(MAN1DIR)
ifeq ($(LAYOUT),separate)
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN)/$(LAYOUT)/ $(addprefix ./checks/,$(CHECKS))
	install -m 0755 $(addprefix $(BIN)/$(LAYOUT)/,$(CHECKS)) $(DESTDIR)$(PLUGINDIR)/
else ifeq ($(LAYOUT),multi)
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN)/$(LAYOUT)/ ./checks/$(SUITE) $(addprefix ./checks/,$(OWN_BINARY))
	install -m 0755 $(BIN)/$(LAYOUT)/$(SUITE) $(addprefix $(BIN)/$(LAYOUT)/,$(OWN_BINARY)) $(DESTDIR)$(PLUGINDIR)/
	for c in $(filter-out $(OWN_BINARY),$(CHECKS)); do ln -sfn $(SUITE) $(DESTDIR)$(PLUGINDIR)/$$c; done
else
	@echo "LAYOUT must be multi or separate"; exit 1
endif
	install -m 0644 $(BIN)/man/*.1 $(DESTDIR)$(MAN1DIR)/
	install -d $(DESTDIR)$(DATADIR)/icinga2 $(DESTDIR)$(DATADIR)/nagios $(DESTDIR)$(DATADIR)/zabbix $(DESTDIR)$(DATADIR)/cron
	install -m 0644 contrib/icinga2/*.conf $(DESTDIR)$(DATADIR)/icinga2/
	install -m 0644 contrib/nagios/*.cfg $(DESTDIR)$(DATADIR)/nagios/
	install -m 0644 contrib/zabbix/*.yaml contrib/zabbix/README.md $(DESTDIR)$(DATADIR)/zabbix/
	install -m 0644 contrib/cron/*.cron $(DESTDIR)$(DATADIR)/cron/
	install -d $(DESTDIR)$(COMPLETIONDIR)
	install -m 0644 contrib/completion/webim-checks.bash $(DESTDIR)$(COMPLETIONDIR)/$(SUITE)
	for c in $(CHECKS); do ln -sfn $(SUITE) $(DESTDIR)$(COMPLETIONDIR)/$$c; done

deb: ## the Debian package in $(DIST)/, built with nfpm from a staged make install
	$(MAKE) --no-print-directory package PACKAGER=deb PKG_PLUGINDIR=/usr/lib/nagios/plugins

rpm: ## the RPM (RHEL layout: /usr/lib64/nagios/plugins) in $(DIST)/, built with nfpm
	$(MAKE) --no-print-directory package PACKAGER=rpm PKG_PLUGINDIR=/usr/lib64/nagios/plugins

.PHONY: package
package:
	@echo "== $(PACKAGER) $(DEB_VERSION)"
	rm -rf $(abspath $(DIST))/root-$(PACKAGER)
	$(MAKE) --no-print-directory install DESTDIR=$(abspath $(DIST))/root-$(PACKAGER) PREFIX=/usr PLUGINDIR=$(PKG_PLUGINDIR) LAYOUT=$(LAYOUT)
	gzip -9n $(abspath $(DIST))/root-$(PACKAGER)/usr/share/man/man1/*.1
	install -D -m 0644 LICENSE $(abspath $(DIST))/root-$(PACKAGER)/usr/share/doc/$(SUITE)/copyright
	install -m 0644 CHANGELOG.md $(abspath $(DIST))/root-$(PACKAGER)/usr/share/doc/$(SUITE)/
	cd contrib/packaging/nfpm && STAGE=$(abspath $(DIST))/root-$(PACKAGER) DEB_ARCH=$(GOARCH_) \
	  DEB_VERSION='$(DEB_VERSION)' DEB_MAINTAINER='$(DEB_MAINTAINER)' \
	  $(GO) tool nfpm package --config ../nfpm.yaml --packager $(PACKAGER) --target $(abspath $(DIST))/
	@ls -l $(abspath $(DIST))/*.$(PACKAGER)

integration: deb rpm ## prove the suite in the real engines: Icinga 2, Nagios 4, Zabbix 6.0, dpkg, rpm (run as root; .ci/run installs the packages)
	CGO_ENABLED=0 DEB=$$(ls -t $(abspath $(DIST))/$(SUITE)_*.deb | head -1) RPM=$$(ls -t $(abspath $(DIST))/$(SUITE)-*.rpm | head -1) \
	  $(GO) test -tags integration -count=1 -v -timeout 15m ./contrib/integration/
