"""Dates as the practice reads them: calendar months, local days, "3 days ago"."""

import calendar
from datetime import date, datetime, time

from django.utils import timezone


def add_months(day, months):
    """`day` moved by whole calendar months; the 31st becomes the last day of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def today():
    """Today in the practice's time zone."""
    return timezone.localdate()


def start_of(day):
    """The first moment of `day` in the practice's time zone, as an aware datetime."""
    return timezone.make_aware(datetime.combine(day, time.min))


def days_ago(moment, now=None):
    """Whole calendar days between `moment` and now, in the practice's time zone."""
    now = now or timezone.now()
    return (timezone.localdate(now) - timezone.localdate(moment)).days


def days_ago_in_words(moment, now=None):
    days = days_ago(moment, now)
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"
