# The two commands of the README: `make demo` runs Pedigree on its built-in demo lineage,
# `make test` runs the test suite. Both install missing Debian and Python packages first.
.PHONY: deps build demo test

deps:
	@scripts/install-deps.sh

build: deps
	swift build -c release --product pedigree

demo: build
	.build/release/pedigree demo demo

# PEDIGREE_FULL_MINILM=1 compares the whole real MiniLM merge with numpy, not layer 0 only.
test: deps
	swift build --build-tests
	PEDIGREE_FULL_MINILM=1 swift test --skip-build
