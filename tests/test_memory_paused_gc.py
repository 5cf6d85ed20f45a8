"""kg.memory.paused_gc: the cycle collector is off while a build or a picture runs and comes back as it was."""
from __future__ import annotations

import gc

import pytest

from kg.memory import paused_gc


@pytest.mark.parametrize("enabled", [True, False])
def test_memory_paused_gc_restores_the_collector_state_even_on_error(enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.raises(RuntimeError), paused_gc():
            assert not gc.isenabled()
            raise RuntimeError
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
