"""The colours and line patterns of the network page: one place, shared by the view and the
projection that builds it."""

from __future__ import annotations

STATUS_COLORS = {
    "active": "#2e7d32",
    "low": "#ef6c00",
    "new": "#1565c0",
    "dormant": "#9e9e9e",
    "unknown": "#b0bec5",
}
KIND_DASHES: dict[str, bool | list[int]] = {
    "sister-city": False,
    "friendship-city": [10, 5],
    "organization-agreement": [2, 5],
    "mou": [2, 5],
    "cooperation-agreement": [6, 3, 2, 3],
}
REGION_COLORS = {
    "eastern-asia": "#d32f2f",
    "south-eastern-asia": "#f57c00",
    "southern-asia": "#fbc02d",
    "central-asia": "#8d6e63",
    "western-asia": "#6d4c41",
    "eastern-europe": "#7b1fa2",
    "western-europe": "#512da8",
    "northern-europe": "#303f9f",
    "southern-europe": "#1976d2",
    "northern-america": "#0288d1",
    "latin-america-caribbean": "#00796b",
    "south-america": "#00796b",
    "central-america": "#009688",
    "caribbean": "#26a69a",
    "eastern-africa": "#388e3c",
    "western-africa": "#689f38",
    "middle-africa": "#827717",
    "southern-africa": "#9e9d24",
    "northern-africa": "#afb42b",
    "australia-new-zealand": "#5d4037",
    "melanesia": "#795548",
    "micronesia": "#795548",
    "polynesia": "#795548",
}
HOME_COLOR = "#263238"
ORG_COLOR = "#eceff1"
PERSON_COLOR = "#6a1b9a"
OTHER_COLOR = "#607d8b"
