"""Shared pieces of the store contract tests."""

from __future__ import annotations

from tests_support import dataset_with, shipment

from armsgraph.core.dataset import Dataset


def multi_hop_dataset() -> Dataset:
    """A synthetic chain PRK -> RUS -> UKR -> CHN with dates and categories to filter on."""
    return dataset_with(
        [
            shipment("PRK", "RUS", "ballistic-missile", "2023-09", "2024-06"),
            shipment("PRK", "RUS", "munitions", "2024-01", "2024-12"),
            shipment("RUS", "UKR", "munitions", "2022", "2022"),
            shipment("RUS", "CHN", "rifle", "2024-03", "2024-03"),
            shipment("UKR", "CHN", "munitions", "2023", "2023"),
            shipment("CHN", "PRK", "refined-petroleum", "2024", "2024"),
            shipment("PRK", "CHN", "rifle", None),
            {
                "assistance": {
                    "supplier": "RUS",
                    "recipient": "PRK",
                    "assistance": "technical_data",
                    "subject": "feedback",
                    "related_weapon": "ballistic-missile",
                    "period": {"start": "2024"},
                }
            },
            {
                "deployment": {
                    "supplier": "PRK",
                    "recipient": "RUS",
                    "personnel": "workers",
                    "period": {"start": "2024"},
                }
            },
        ]
    )
