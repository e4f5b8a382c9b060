"""The scenario registry: @scenario("name") registers a function taking a ScenarioContext and
returning the numbers it measured ({"name": value}) for the summary. A scenario registered with
default=False (a slow one) runs only when named or with --all."""
from dataclasses import dataclass
from typing import Callable

SCENARIOS = {}


@dataclass(frozen=True)
class Scenario:
    name: str
    run: Callable
    summary: str
    default: bool
    shares_vm_fabric: bool


class CheckFailed(Exception):
    """A scenario's expectation did not hold; the message says what was expected and what was seen."""


def scenario(name, default=True, shares_vm_fabric=False):
    """Registers a scenario; shares_vm_fabric: it works in the run's shared VM fabric (vm_fabric.py),
    which the runner tears down before any other scenario."""
    def register(function):
        if name in SCENARIOS:
            raise ValueError(f"scenario {name} is registered twice")
        summary = (function.__doc__ or "").strip().splitlines()[0] if function.__doc__ else ""
        SCENARIOS[name] = Scenario(name, function, summary, default, shares_vm_fabric)
        return function
    return register


def check(condition, message):
    if not condition:
        raise CheckFailed(message)
