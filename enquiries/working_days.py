"""Working days as the practice counts them: Monday to Friday, except UK bank holidays.

Bank holidays come from the `holidays` package's UK calendar for BANK_HOLIDAYS_REGION (England
and Wales by default; Scotland and Northern Ireland have some different days).
"""

from datetime import timedelta
from functools import lru_cache

import holidays
from django.conf import settings


@lru_cache(maxsize=32)
def _bank_holidays(region, year):
    return frozenset(holidays.country_holidays("GB", subdiv=region, years=year))


def is_working_day(day):
    if day.weekday() >= 5:
        return False
    return day not in _bank_holidays(settings.BANK_HOLIDAYS_REGION, day.year)


def add_working_days(day, count):
    """The `count`-th working day after `day` (a request on Friday, 2 days: Tuesday, or
    Wednesday when Monday is a bank holiday). `day` itself never counts, working or not."""
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day
