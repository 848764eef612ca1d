# jumpy: two commands do everything on a fresh machine with the Swift toolchain.
#   make run    installs missing system packages, builds, starts the workbench
#   make test   installs missing system packages, builds, runs the tests
# Everything is built in release mode: the tests train real (small) networks.

SWIFT        ?= swift
CONFIG       ?= release
# libgif-dev: GIF animations; libcairo2-dev and fonts-dejavu-core: pictures drawn by Cairo in
# DejaVu Sans; python3-pil: an independent image decoder for the picture tests; parallel: sweeps;
# libzmq3-dev, libssl-dev: the Jupyter kernel's transport and signatures;
# python3-jupyter-client, -nbclient, -nbformat: real Jupyter clients for the kernel's tests.
APT_PACKAGES := libedit-dev libopenblas-dev zlib1g-dev libgif-dev libcairo2-dev fonts-dejavu-core \
                python3-pil tmux parallel \
                libzmq3-dev libssl-dev python3-jupyter-client python3-nbclient python3-nbformat
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN           = $(shell $(SWIFT) build -c $(CONFIG) --show-bin-path)
# One set of build flags for run and test: the test build needs -enable-testing, and any
# difference in flags makes SwiftPM rebuild every module, so `make run` after `make test`
# (or the other way round) reuses the build instead of taking minutes.
BUILD_FLAGS  := -c $(CONFIG) --build-tests -Xswiftc -enable-testing
LESSONS      := $(sort $(wildcard examples/*.jumpy))

.PHONY: run test setup build bench pictures lessons notebooks commands-doc clean

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
	$(SWIFT) build $(BUILD_FLAGS)

run: build
	@$(BIN)/jumpy $(ARGS)

test: build
	$(SWIFT) test -c $(CONFIG) --skip-build -Xswiftc -enable-testing

# Every lesson replayed with --check at one thread (their recorded results are one thread's),
# in a scratch directory so the pictures and checkpoints they write stay out of the checkout.
lessons: build
	@mkdir -p .build/lessons && ln -sfn "$(CURDIR)/examples" .build/lessons/examples
	@for f in $(LESSONS); do \
	  echo "== $$f"; \
	  (cd .build/lessons && $(BIN)/jumpy --threads 1 --check "$(CURDIR)/$$f" > /dev/null) || exit $$?; \
	done

# Each lesson as a notebook, by jumpy --render: docs/lessons/NAME/index.md with its pictures,
# and index.ipynb (nbformat 4, pictures embedded) for Jupyter, GitHub and nbviewer.
notebooks: build
	@mkdir -p .build/lessons && ln -sfn "$(CURDIR)/examples" .build/lessons/examples
	@for f in $(LESSONS); do \
	  name=$$(basename $$f .jumpy); \
	  (cd .build/lessons && $(BIN)/jumpy --threads 1 --render "examples/$$name.jumpy" --out "$(CURDIR)/docs/lessons/$$name" --format md,ipynb) || exit $$?; \
	done

# docs/commands.md from the command table (CommandReferenceTests fails when it is stale).
commands-doc: build
	$(BIN)/jumpy --commands-markdown > docs/commands.md.tmp && mv docs/commands.md.tmp docs/commands.md

# Benchmarks are never part of the tests: make bench NAME=gemm ARGS=--json
# (NAME: gemm mlp sim train rollout startup figures plan kernel; paper regenerates docs/results.md rows)
bench: setup
	$(SWIFT) build -c release
	@$$($(SWIFT) build -c release --show-bin-path)/jumpy-bench $(NAME) $(ARGS)

# The gallery: every view into docs/pictures (its README shows them), from docs/pictures/pictures.jumpy.
pictures: setup
	scripts/pictures.sh

clean:
	rm -rf .build
