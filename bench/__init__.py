"""Benchmark scripts for kg (run `make bench`); figures go to bench/RESULTS.md."""
