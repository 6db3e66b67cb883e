"""Demo data for LAPOR! Hub: real regions, the OPD template, LAPOR!'s category tree, the Indonesian working
calendar and realistic complaints. Pure Python, no database; the data files ship inside the package."""

from .catalog import (
    DEFAULT_REGION,
    Region,
    category_tree,
    holiday_calendar,
    load_region,
    opd_template,
    region_names,
)
from .factory import CHANNELS, KINDS, STATUSES, ComplaintFactory

__all__ = [
    "CHANNELS",
    "DEFAULT_REGION",
    "KINDS",
    "STATUSES",
    "ComplaintFactory",
    "Region",
    "category_tree",
    "holiday_calendar",
    "load_region",
    "opd_template",
    "region_names",
]
