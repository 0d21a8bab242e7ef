"""Namespaces: one set of definitions, instantiated for the live model and for each scenario.

The live model reads the driver rows that the scenario switch picks (``drv_*``). The side-by-side
scenario sheets re-run the very same forecast and valuation definitions, but each reads one
scenario's own driver rows (``drv_*__bear``) and writes its items under its own key prefix, so the
three target prices are live formulas, never pasted numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Namespace:
    prefix: str = ""
    drivers: Mapping[str, str] = field(default_factory=dict)  # live driver key -> row it reads

    @property
    def live(self) -> bool:
        return not self.prefix

    def fc(self, name: str) -> str:
        return f"{self.prefix}fc_{name}"

    def val(self, name: str) -> str:
        return f"{self.prefix}val_{name}"

    def driver(self, key: str) -> str:
        return self.drivers.get(key, key)


LIVE = Namespace()


def scenario_row_key(key: str, scenario: str) -> str:
    """The Inputs sheet's row of one scenario's values of the driver ``key``."""
    return f"{key}__{scenario}"


def scenario_prefix(scenario: str) -> str:
    return f"sc_{scenario}_"


def scenario_namespace(scenario: str, driver_keys: Iterable[str] = ()) -> Namespace:
    """Items keyed ``sc_<scenario>_...`` reading that scenario's driver rows."""
    return Namespace(scenario_prefix(scenario),
                     {key: scenario_row_key(key, scenario) for key in driver_keys})
