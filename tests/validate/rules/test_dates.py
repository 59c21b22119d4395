"""Dates as the schemas declare them (validate/rules/dates.py): EDTF days in the calendar, the ISO date that
repeats a complete EDTF date, and a precision that fits its date."""
from __future__ import annotations

import pytest
from memory import field, found, schema, table

from validate.rules.dates import edtf_calendar, precision, same_date

PRECISIONS = [("day", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), ("day_month", "^XXXX-[0-9]{2}-[0-9]{2}$"), ("month", "^[0-9]{4}-[0-9]{2}$"), ("year", "^[0-9]{4}$")]
SPEC = schema(
    field("source_id"),
    field("date_edtf", **{"x-format": "edtf"}),
    field("date_iso", "date", **{"x-same-date-as": "date_edtf"}),
    field("date_precision", constraints={"enum": [v for v, _ in PRECISIONS]},
          categories=[{"value": v, "label": v, "description": v, "x-edtf-pattern": p} for v, p in PRECISIONS], **{"x-precision-of": "date_edtf"}),
)
HEADER = "source_id,date_edtf,date_iso,date_precision\n"


def sources(*rows: str):
    return table("sources", SPEC, HEADER + "".join(f"{row}\n" for row in rows))


GOOD = ["s1,2014-11-17,2014-11-17,day", "s2,XXXX-01-08,,day_month", "s3,2014-11,,month", "s4,2014,,year", "s5,,,",
        "s6,XXXX-02-29,,day_month",  # an unstated year may be a leap year
        "s7,2014-11-17/2014-11-19,,"]  # an interval of real days


def test_dates_that_agree_pass():
    data = sources(*GOOD)
    assert [*edtf_calendar(data), *same_date(data), *precision(data)] == []


@pytest.mark.parametrize("edtf", ["XXXX-02-30", "2014-02-29", "2014-13-01", "2014-11-17/2014-02-30"])
def test_an_edtf_day_that_is_not_in_the_calendar(edtf):
    problems = list(edtf_calendar(sources(f"s1,{edtf},,")))
    assert found(problems) == [("date", 2, "date_edtf")]
    assert edtf in problems[0].message


def test_only_fields_declared_edtf_are_read_as_edtf():
    spec = schema(field("source_id"), field("date_edtf"))  # the name alone makes no EDTF field
    assert list(edtf_calendar(table("sources", spec, "source_id,date_edtf\ns1,XXXX-02-30\n"))) == []


@pytest.mark.parametrize("row", ["s1,XXXX-01-08,2015-01-08,day_month", "s1,2014-11-17,2014-11-18,day", "s1,2014-11-17,,day", "s1,2014-11,2014-11-01,month"],
                         ids=["a year guessed", "another day", "missing although complete", "a month made a day"])
def test_an_iso_date_that_does_not_repeat_its_edtf_date(row):
    problems = list(same_date(sources(row)))
    assert found(problems) == [("date-agreement", 2, "date_iso")]


@pytest.mark.parametrize("row, message", [
    ("s1,XXXX-01-08,,year", "date_precision year does not fit date_edtf XXXX-01-08."),
    ("s1,2014-11-17,2014-11-17,month", "date_precision month does not fit date_edtf 2014-11-17."),
    ("s1,,,day", "date_precision is given but date_edtf is empty: a precision needs a date."),
])
def test_a_precision_that_does_not_fit_its_date(row, message):
    problems = list(precision(sources(row)))
    assert [(p.rule, p.line, p.column, p.message) for p in problems] == [("date-precision", 2, "date_precision", message)]
