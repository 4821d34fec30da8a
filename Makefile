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

lint: ## gofmt and go vet
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

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
