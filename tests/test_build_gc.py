"""kg.build.gc_paused: the cycle collector is off while a build runs and comes back as it was."""
from __future__ import annotations

import gc

import pytest

from kg.build import gc_paused


@pytest.mark.parametrize("enabled", [True, False])
def test_build_gc_paused_restores_the_collector_state_even_on_error(enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.raises(RuntimeError), gc_paused():
            assert not gc.isenabled()
            raise RuntimeError
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
