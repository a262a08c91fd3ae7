# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The two commands of the README:
#   make demo   installs what is missing, builds, imports Fashion-MNIST into demo/fashion-mnist.winnow
#               and opens the GUI on it
#   make test   installs what is missing, builds, runs every test
# Also: make build, make bench (benchmarks; never part of make test), make package (a .deb), make clean.

BUILD_DIR ?= build
DEMO_DIR  ?= demo
CTEST_JOBS ?= 2

.PHONY: all bootstrap configure build test demo bench package clean

all: build

bootstrap:
	@bash scripts/bootstrap.sh

configure: bootstrap
	@cmake --preset default -B $(BUILD_DIR) >/dev/null || cmake --preset default -B $(BUILD_DIR)

build: configure
	@cmake --build $(BUILD_DIR)

test: build
	@cd $(BUILD_DIR) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j $(CTEST_JOBS) --timeout 600

demo: build
	@bash scripts/demo.sh $(BUILD_DIR) $(DEMO_DIR)

bench: build
	@bash bench/run.sh $(BUILD_DIR)

package: build
	@cd $(BUILD_DIR) && cpack -G DEB

clean:
	rm -rf $(BUILD_DIR)
