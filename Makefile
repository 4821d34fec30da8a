# webim-checks: monitoring plugins for Webim, Itgrix, the WhatsApp Business API.
# make help lists the targets.

SUITE    := webim-checks
MODULE   := github.com/ccmon/webim-checks
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
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

test: ## unit, in-process and end-to-end tests, with the race detector
	CGO_ENABLED=1 $(GO) test -race -count=1 ./...

demo: build ## run every check against the bundled simulator, healthy and broken
	$(GO) run ./contrib/demo -bin $(BIN) -fixtures testdata

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

bench: ## Go benchmarks, then the whole-process benchmarks (HTTP, then verified HTTPS)
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
DIST       ?= dist
CHECKS     := $(sort $(notdir $(wildcard checks/check_*)))
GOARCH_    := $(shell $(GO) env GOARCH)
# Debian versions start with a digit: v1.2.3 -> 1.2.3, v1.2.3-4-gabc -> 1.2.3+4.gabc,
# a bare commit abc1234 -> 0~gitabc1234, a modified tree adds ~dirty.
DEB_VERSION    ?= $(shell echo '$(VERSION)' | sed -E 's/-dirty$$/~dirty/; /^v?[0-9]+\./!s/^/0~git/; s/^v//; s/-([0-9]+)-g/+\1.g/')
DEB_MAINTAINER ?= The webim-checks authors <webim-checks@users.noreply.github.com>
# man page dates and package timestamps from the last commit: reproducible
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || date +%s)
export SOURCE_DATE_EPOCH

.PHONY: man contrib install deb integration

man: ## a man page per check, from its flag definitions, into $(BIN)/man
	$(GO) run ./contrib/packaging/manpages -out $(BIN)/man -version $(VERSION)

contrib: ## regenerate contrib/icinga2 and contrib/zabbix from the checks' flags
	$(GO) run ./contrib/packaging/enginegen

install: man ## install plugins, man pages, engine examples (DESTDIR, PREFIX=/usr, LAYOUT=multi|separate)
	@mkdir -p $(BIN)/$(LAYOUT)
	install -d $(DESTDIR)$(PLUGINDIR) $(DESTDIR)$(MAN1DIR)
ifeq ($(LAYOUT),separate)
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN)/$(LAYOUT)/ $(addprefix ./checks/,$(CHECKS))
	install -m 0755 $(addprefix $(BIN)/$(LAYOUT)/,$(CHECKS)) $(DESTDIR)$(PLUGINDIR)/
else ifeq ($(LAYOUT),multi)
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN)/$(LAYOUT)/$(SUITE) ./checks/$(SUITE)
	install -m 0755 $(BIN)/$(LAYOUT)/$(SUITE) $(DESTDIR)$(PLUGINDIR)/$(SUITE)
	for c in $(CHECKS); do ln -sfn $(SUITE) $(DESTDIR)$(PLUGINDIR)/$$c; done
else
	@echo "LAYOUT must be multi or separate"; exit 1
endif
	install -m 0644 $(BIN)/man/*.1 $(DESTDIR)$(MAN1DIR)/
	install -d $(DESTDIR)$(DATADIR)/icinga2 $(DESTDIR)$(DATADIR)/nagios $(DESTDIR)$(DATADIR)/zabbix $(DESTDIR)$(DATADIR)/cron
	install -m 0644 contrib/icinga2/*.conf $(DESTDIR)$(DATADIR)/icinga2/
	install -m 0644 contrib/nagios/*.cfg $(DESTDIR)$(DATADIR)/nagios/
	install -m 0644 contrib/zabbix/*.yaml contrib/zabbix/README.md $(DESTDIR)$(DATADIR)/zabbix/
	install -m 0644 contrib/cron/*.cron $(DESTDIR)$(DATADIR)/cron/

deb: ## the Debian package in $(DIST)/, built with nfpm from a staged make install
	rm -rf $(abspath $(DIST))/root-$(LAYOUT)
	$(MAKE) --no-print-directory install DESTDIR=$(abspath $(DIST))/root-$(LAYOUT) PREFIX=/usr LAYOUT=$(LAYOUT)
	gzip -9n $(abspath $(DIST))/root-$(LAYOUT)/usr/share/man/man1/*.1
	install -D -m 0644 LICENSE $(abspath $(DIST))/root-$(LAYOUT)/usr/share/doc/$(SUITE)/copyright
	cd contrib/packaging/nfpm && STAGE=$(abspath $(DIST))/root-$(LAYOUT) DEB_ARCH=$(GOARCH_) \
	  DEB_VERSION='$(DEB_VERSION)' DEB_MAINTAINER='$(DEB_MAINTAINER)' \
	  $(GO) tool nfpm package --config ../nfpm.yaml --packager deb --target $(abspath $(DIST))/
	@ls -l $(abspath $(DIST))/*.deb

integration: deb ## prove the suite in the real engines: Icinga 2, Nagios 4, dpkg (needs icinga2-bin, nagios4-core; run as root)
	CGO_ENABLED=0 DEB=$$(ls -t $(abspath $(DIST))/$(SUITE)_*.deb | head -1) \
	  $(GO) test -tags integration -count=1 -v -timeout 15m ./contrib/integration/
