# jumpy: two commands do everything on a fresh machine with the Swift toolchain.
#   make run    installs missing system packages, builds, starts the workbench
#   make test   installs missing system packages, builds, runs the tests
# Everything is built in release mode: the tests train real (small) networks.

SWIFT        ?= swift
CONFIG       ?= release
# libgif-dev: GIF animations; python3-pil: an independent image decoder for the picture tests;
# parallel: sweeps.
APT_PACKAGES := libedit-dev libopenblas-dev zlib1g-dev libgif-dev python3-pil tmux parallel
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN           = $(shell $(SWIFT) build -c $(CONFIG) --show-bin-path)

.PHONY: run test setup build bench pictures clean

# Installs only what is missing, so a second run costs a few dpkg queries.
setup:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: setup
	$(SWIFT) build -c $(CONFIG) --product jumpy

run: build
	@$(BIN)/jumpy $(ARGS)

test: setup
	$(SWIFT) build -c $(CONFIG) --build-tests -Xswiftc -enable-testing
	$(SWIFT) test -c $(CONFIG) --skip-build -Xswiftc -enable-testing

# Benchmarks are never part of the tests: make bench NAME=gemm ARGS=--json
# (NAME: gemm mlp sim train rollout startup figures; paper regenerates docs/results.md rows)
bench: setup
	$(SWIFT) build -c release
	@$$($(SWIFT) build -c release --show-bin-path)/jumpy-bench $(NAME) $(ARGS)

# Regenerates the README's pictures (docs/pictures) from docs/pictures/pictures.jumpy.
pictures: setup
	scripts/pictures.sh

clean:
	rm -rf .build
