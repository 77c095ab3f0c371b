"""Average allowance prices per system and year, from the shipped, sourced table. Never the network.

Rules use them to compare price levels across a link and to value penalties set as a multiple of the price or
paid in allowances.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .model.objects import Money
from .model.objects import money as make_money
from .paths import reference_data_dir

TABLE = "reference_data/allowance_prices.yaml"


@lru_cache(maxsize=1)
def price_table() -> dict[str, dict[int, dict[str, Any]]]:
    from .loading.cache import table_data

    data = table_data(reference_data_dir() / "allowance_prices.yaml", TABLE)
    return {system: {int(year): entry for year, entry in years.items()} for system, years in data["prices"].items()}


def average_prices(system_id: str, year: int, back: int = 5) -> list[tuple[Money, str]]:
    """The system's average price for `year`, then for each earlier year up to `back` years, as far as the table
    has them: each with the basis the table gives."""
    years = price_table().get(system_id, {})
    found = []
    for candidate in range(year, year - back - 1, -1):
        entry = years.get(candidate)
        if entry is not None:
            money = make_money(amount=entry["amount"], currency=entry["currency"], year=candidate,
                          per=entry.get("per", "tonne"))
            found.append((money, entry.get("basis", "")))
    return found
